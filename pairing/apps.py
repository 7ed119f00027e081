from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PairingConfig(AppConfig):
    name = "pairing"
    verbose_name = _("Pairing and care work")

    def ready(self) -> None:
        from children.extensions import (
            register_carer_scope,
            register_current_carers,
            register_history,
            register_panel,
            register_timeline,
        )
        from pairing import attention, child_page
        from pairing.models import AttentionSnooze, children_paired_with, current_carers_prefetch

        register_timeline("talk", child_page.talks_timeline, label=_("Talks"))
        register_timeline("home_visit", child_page.visits_timeline, label=_("Home visits"))
        register_panel("pairing/_child_panel.html", child_page.care_panel, order=20)
        register_panel("pairing/_attention_panel.html", attention.child_panel, order=10)
        register_carer_scope(children_paired_with)
        # A reason put aside stays in the child's history with its note and who put it aside (README).
        register_history(AttentionSnooze)
        register_current_carers(current_carers_prefetch)

        from pairing.plan_selectors import plan_panel

        register_panel("pairing/_plan_panel.html", plan_panel, order=25)
