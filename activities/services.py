"""Writes of the activities app. Callers pass objects already fetched through scoped querysets."""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from activities import evidence as evidence_files
from activities.models import Activity, ActivityKind, Assistance, Attendance, Evidence, MedicalExam
from activities.selectors import (
    birthdays_in_month,
    editable_activities_for,
    editable_assistance_for,
    editable_medical_exams_for,
    reads_school_records,
    semester_for_day,
)
from children.models import Child
from children.scoping import children_for
from guardians.models import Guardian
from organisation.models import SchoolClass, User
from organisation.roles import Capability


def activity_save(*, activity: Activity, user: User) -> Activity:
    """An activity belongs to the recorder's school and to the semester its date falls in."""
    _check_write(activity.pk is None or editable_activities_for(user).filter(pk=activity.pk).exists())
    if activity.pk is None:
        activity.school_id = user.school_id
        activity.created_by = user
    if activity.kind != ActivityKind.LECTURE:
        activity.topic = ""
    activity.semester = semester_for_day(activity.school, activity.date)
    activity.save()
    return activity


def _check_write(allowed: bool) -> None:
    """The write rules of `activities.selectors` hold in the write layer too, not only in the views."""
    if not allowed:
        raise ValidationError(_("You may not change this record."))


def _in_scope(user: User, activity: Activity, children: Iterable[Child]) -> list[int]:
    ids = {c.pk if isinstance(c, Child) else int(c) for c in children}
    allowed = set(children_for(user).filter(pk__in=ids, school_id=activity.school_id).values_list("pk", flat=True))
    if ids - allowed:
        raise ValidationError(_("Some of the chosen children are not children you may add."), code="out_of_scope")
    return sorted(allowed)


@transaction.atomic
def attendance_add(*, activity: Activity, children: Iterable[Child | int], user: User) -> int:
    """Add children the user may see to the activity; children already attending are left as they are."""
    ids = _in_scope(user, activity, children)
    existing = set(activity.attendances.filter(child_id__in=ids).values_list("child_id", flat=True))
    new = [Attendance(activity=activity, child_id=pk) for pk in ids if pk not in existing]
    Attendance.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


@transaction.atomic
def attendance_add_class(*, activity: Activity, school_class: SchoolClass, user: User) -> int:
    """Add every active left-behind child of the class (as far as the user may see them) in one step."""
    children = children_for(user).active().filter(school_class=school_class).values_list("pk", flat=True)
    return attendance_add(activity=activity, children=list(children), user=user)


def attendance_remove(*, activity: Activity, child: Child) -> None:
    """Take a child off the attendance (the history keeps who removed it)."""
    for attendance in activity.attendances.filter(child=child):
        attendance.delete()


def guardians_set(*, activity: Activity, guardians: Iterable[Guardian]) -> None:
    """Record which guardians came to a guardian-training session."""
    activity.guardians.set(guardians)


@transaction.atomic
def evidence_add(
    *, activity: Activity, upload, inspected: evidence_files.Inspected, caption: str, user: User
) -> Evidence:
    """Store a checked upload; photos are stored without metadata and get a thumbnail."""
    item = Evidence(
        activity=activity,
        kind=inspected.kind,
        content_type=inspected.content_type,
        original_name=upload.name[:200],
        size=upload.size,
        caption=caption,
        uploaded_by=user,
    )
    if inspected.kind == Evidence.Kind.IMAGE:
        item.file.save(upload.name, evidence_files.cleaned_image(upload, inspected.image_format), save=False)
        item.thumbnail.save("thumb.jpg", evidence_files.thumbnail_of(upload), save=False)
    else:
        item.file.save(upload.name, upload, save=False)
    item.save()
    return item


def evidence_delete(*, item: Evidence) -> None:
    """Delete the record; the files stay on disk so the deletion can be undone from history."""
    item.delete()


@transaction.atomic
def birthday_party_create(*, year: int, month: int, user: User, day: date | None = None) -> Activity:
    """This month's birthday party with this month's birthday children; an existing party of the month is reused."""
    birthdays = birthdays_in_month(user, year, month)
    party = Activity.objects.filter(
        school_id=user.school_id, kind=ActivityKind.BIRTHDAY_PARTY, date__year=year, date__month=month
    ).first()
    if party is None:
        today = timezone.localdate()
        party = activity_save(
            activity=Activity(
                kind=ActivityKind.BIRTHDAY_PARTY,
                title=_("Birthday party for %(month)s")
                % {"month": date_format(date(year, month, 1), "YEAR_MONTH_FORMAT")},
                date=day or (today if (today.year, today.month) == (year, month) else date(year, month, 1)),
                organiser=user,
            ),
            user=user,
        )
    attendance_add(activity=party, children=[b.child.pk for b in birthdays], user=user)
    return party


def assistance_save(*, assistance: Assistance, user: User) -> Assistance:
    """Assistance counts in the semester its date falls in; written within `editable_assistance_for`."""
    if assistance.pk is None:
        _check_write(
            user.can(Capability.MANAGE_ACTIVITIES) and children_for(user).filter(pk=assistance.child_id).exists()
        )
    else:
        _check_write(editable_assistance_for(user).filter(pk=assistance.pk).exists())
    if assistance.pk is None:
        assistance.recorded_by = user
    assistance.semester = semester_for_day(assistance.child.school, assistance.date)
    assistance.save()
    return assistance


def medical_exam_save(*, exam: MedicalExam, user: User) -> MedicalExam:
    """A medical exam, written within `editable_medical_exams_for`; one recorded from a medical-exam activity
    takes its date when none is given."""
    if exam.pk is None:
        _check_write(reads_school_records(user) and children_for(user).filter(pk=exam.child_id).exists())
    else:
        _check_write(editable_medical_exams_for(user).filter(pk=exam.pk).exists())
    if exam.pk is None:
        exam.recorded_by = user
    if exam.date is None and exam.activity_id:
        exam.date = exam.activity.date
    exam.save()
    return exam
