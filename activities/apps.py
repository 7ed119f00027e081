from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "activities"
    verbose_name = _("Activities and assistance")

    def ready(self) -> None:
        from activities import child_page
        from children.extensions import register_panel, register_timeline

        register_timeline("activity", child_page.activity_timeline, label=_("Activities"))
        register_timeline("assistance", child_page.assistance_timeline, label=_("Assistance"))
        register_timeline("medical_exam", child_page.medical_exam_timeline, label=_("Medical exams"))
        register_panel("activities/_child_panel.html", child_page.child_panel, order=60)

        from activities import home_child_page

        register_timeline("home_session", home_child_page.sessions_timeline, label=_("Children's home"))
        register_timeline("book_loan", home_child_page.loans_timeline, label=_("Books borrowed"))
        register_panel("activities/_home_panel.html", home_child_page.home_panel, order=65)
