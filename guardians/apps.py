from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuardiansConfig(AppConfig):
    name = "guardians"
    verbose_name = _("Parents and guardians")

    def ready(self):
        from children.extensions import register_history, register_timeline
        from guardians import child_page
        from guardians.models import EmergencyContact, Guardian, Parent

        for model in (Parent, Guardian, EmergencyContact):
            register_history(model)
        register_timeline("parent_contact", child_page.contacts_timeline, label=_("Parent contacts"))
