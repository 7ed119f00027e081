from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PairingConfig(AppConfig):
    name = "pairing"
    verbose_name = _("Pairing and care work")

    def ready(self) -> None:
        from children.extensions import register_panel, register_timeline
        from pairing import attention, child_page

        register_timeline("talk", child_page.talks_timeline, label=_("Talks"))
        register_timeline("home_visit", child_page.visits_timeline, label=_("Home visits"))
        register_panel("pairing/_child_panel.html", child_page.care_panel, order=20)
        register_panel("pairing/_attention_panel.html", attention.child_panel, order=10)
