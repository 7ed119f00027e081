from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuardiansConfig(AppConfig):
    name = "guardians"
    verbose_name = _("Parents and guardians")

    def ready(self):
        from children.extensions import register_completeness_requirement, register_history, register_timeline
        from guardians import child_page, completeness
        from guardians.models import EmergencyContact, Guardian, Parent

        for model in (Parent, Guardian, EmergencyContact):
            register_history(model)
        register_timeline("parent_contact", child_page.contacts_timeline, label=_("Parent contacts"))
        # Between the left-behind type (60) and the study level (70) of children.completeness.
        register_completeness_requirement(
            "guardian", _("guardian"), "has_guardian", completeness.has_guardian, order=65
        )
        register_completeness_requirement(
            "parent_contact",
            _("a parent's phone and work place"),
            "has_reachable_parent",
            completeness.has_reachable_parent,
            order=66,
        )
