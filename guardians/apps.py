from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuardiansConfig(AppConfig):
    name = "guardians"
    verbose_name = _("Parents and guardians")

    def ready(self):
        from children.extensions import register_history
        from guardians.models import EmergencyContact, Guardian, Parent

        for model in (Parent, Guardian, EmergencyContact):
            register_history(model)
