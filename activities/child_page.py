"""What the activities app adds to a child's page: timeline entries and the health-and-assistance panel.

Timeline and panel read through the same rules (`activities_for`, `assistance_for`, `medical_exams_for`):
carers see none of these records anywhere. Each provider links an entry to its edit page exactly when the
write rule allows it: two queries for all given (already scoped) children, whatever the number of records.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext as _

from activities import selectors
from activities.models import Assistance, Attendance, Evidence
from children.extensions import TimelineEntry
from children.models import Child
from organisation.scoping import current_semester, editable_ids

PHOTOS_PER_ENTRY = 6  # thumbnails shown on one timeline entry; the activity page has them all


def _activity_photos(activity_ids: set[int]) -> dict[int, list[dict]]:
    """The photo thumbnails of the given activities, for the timeline: one query for all of them."""
    photos: dict[int, list[dict]] = defaultdict(list)
    if not activity_ids:
        return photos
    rows = Evidence.objects.filter(activity_id__in=activity_ids, kind=Evidence.Kind.IMAGE).exclude(thumbnail="")
    for item in rows.only("pk", "activity_id", "caption", "original_name"):
        photos[item.activity_id].append(
            {
                "thumbnail": reverse("activities:evidence_thumbnail", args=[item.pk]),
                "file": reverse("activities:evidence_file", args=[item.pk]),
                "alt": item.caption or item.original_name,
            }
        )
    return photos


def activity_timeline(children_ids: Iterable[int], user) -> list[TimelineEntry]:
    """An activity the child attended, with its photos, for those who may read the activity."""
    rows = list(
        Attendance.objects.filter(
            child_id__in=list(children_ids), activity__in=selectors.activities_for(user)
        ).select_related("activity")
    )
    editable = editable_ids(selectors.editable_activities_for(user), [row.activity for row in rows])
    photos = _activity_photos({row.activity_id for row in rows})
    return [
        TimelineEntry(
            child_id=row.child_id,
            date=row.activity.date,
            kind="activity",
            kind_label=str(row.activity.kind_label),
            title=row.activity.title,
            summary=row.activity.place,
            url=reverse("activities:edit", args=[row.activity_id]) if row.activity_id in editable else "",
            icon="bi-people",
            # Whoever reads the activity may open its page (attendance, photos), editing or not.
            extra={
                "view_url": reverse("activities:detail", args=[row.activity_id]),
                "photos": photos.get(row.activity_id, [])[:PHOTOS_PER_ENTRY],
            },
        )
        for row in rows
    ]


def assistance_timeline(children_ids: Iterable[int], user) -> list[TimelineEntry]:
    rows = list(selectors.assistance_for(user).filter(child_id__in=list(children_ids)))
    editable = editable_ids(selectors.editable_assistance_for(user), rows)
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
            url=reverse("activities:assistance_edit", args=[row.pk]) if row.pk in editable else "",
            icon="bi-gift",
        )
        for row in rows
    ]


def medical_exam_timeline(children_ids: Iterable[int], user) -> list[TimelineEntry]:
    rows = list(selectors.medical_exams_for(user).filter(child_id__in=list(children_ids)))
    editable = editable_ids(selectors.editable_medical_exams_for(user), rows)
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
            url=reverse("activities:medical_exam_edit", args=[row.pk]) if row.pk in editable else "",
            icon="bi-heart-pulse",
        )
        for row in rows
    ]


def child_panel(child: Child, user) -> dict:
    """The child's medical exams (latest first) and the assistance received this semester, by the read rules."""
    if not selectors.reads_school_records(user):
        return {"visible": False}
    semester = current_semester(child.school)
    assistance = (
        selectors.assistance_for(user, semester=semester).filter(child=child) if semester else Assistance.objects.none()
    )
    return {
        "visible": True,
        "exams": list(selectors.medical_exams_for(user).filter(child=child).order_by("-date", "-pk")[:10]),
        "assistance": list(assistance.order_by("-date")),
        "semester": semester,
    }
