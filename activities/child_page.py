"""What the activities app adds to a child's page: timeline entries and the health-and-assistance panel.

Each timeline provider answers for all given (already scoped) children with one query.
"""

from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext as _

from activities.models import Assistance, Attendance, MedicalExam
from children.extensions import TimelineEntry
from children.models import Child
from organisation.roles import Capability
from organisation.scoping import current_semester


def _sees_activities(user) -> bool:
    return user.can(Capability.EDIT_ARCHIVES)


def activity_timeline(children_ids: Iterable[int], user) -> list[TimelineEntry]:
    linked = _sees_activities(user)
    rows = Attendance.objects.filter(child_id__in=list(children_ids)).select_related("activity")
    return [
        TimelineEntry(
            child_id=row.child_id,
            date=row.activity.date,
            kind="activity",
            kind_label=str(row.activity.kind_label),
            title=row.activity.title,
            summary=row.activity.place,
            url=reverse("activities:detail", args=[row.activity_id]) if linked else "",
            icon="bi-people",
        )
        for row in rows
    ]


def assistance_timeline(children_ids: Iterable[int], user) -> list[TimelineEntry]:
    rows = Assistance.objects.filter(child_id__in=list(children_ids))
    return [
        TimelineEntry(
            child_id=row.child_id,
            date=row.date,
            kind="assistance",
            kind_label=_("Assistance"),
            title=_("%(donor)s: %(kind)s ¥%(amount)s")
            % {
                "donor": row.donor_label,
                "kind": row.get_kind_display(),
                "amount": row.amount,
            },
            summary=row.description,
            icon="bi-gift",
        )
        for row in rows
    ]


def medical_exam_timeline(children_ids: Iterable[int], user) -> list[TimelineEntry]:
    rows = MedicalExam.objects.filter(child_id__in=list(children_ids))
    return [
        TimelineEntry(
            child_id=row.child_id,
            date=row.date,
            kind="medical_exam",
            kind_label=_("Medical exam"),
            title=_("Height %(height)s cm, weight %(weight)s kg, vision %(left)s / %(right)s")
            % {
                "height": row.height_cm if row.height_cm is not None else "—",
                "weight": row.weight_kg if row.weight_kg is not None else "—",
                "left": row.vision_left if row.vision_left is not None else "—",
                "right": row.vision_right if row.vision_right is not None else "—",
            },
            summary=row.notes,
            icon="bi-heart-pulse",
        )
        for row in rows
    ]


def child_panel(child: Child, user) -> dict:
    """The child's medical exams (latest first) and the assistance received this semester; staff only."""
    if not _sees_activities(user):
        return {"visible": False}
    semester = current_semester(child.school)
    assistance = Assistance.objects.filter(child=child, semester=semester) if semester else Assistance.objects.none()
    return {
        "visible": True,
        "exams": list(MedicalExam.objects.filter(child=child).order_by("-date", "-pk")[:10]),
        "assistance": list(assistance.order_by("-date")),
        "semester": semester,
    }
