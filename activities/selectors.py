"""Reads of the activities app: which activities a user may see, birthdays, assistance totals."""

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, DecimalField, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from activities.models import (
    Activity,
    ActivityKind,
    Assistance,
    AssistanceKind,
    Attendance,
    DonorKind,
    Evidence,
    MedicalExam,
)
from children.models import Child, PovertyStatus
from children.scoping import child_records_for, children_for
from guardians.models import Guardian
from organisation import scoping
from organisation.models import School, Semester, User
from organisation.roles import Capability, Role

MONEY = DecimalField(max_digits=14, decimal_places=2)
CENT = Decimal("0.01")


# --- The read and write rules of activities, assistance and medical exams. They are school records kept by
# staff: carers and district officers read none of them (not even on a child's page); principals and
# archive keepers change activities and assistance; whoever reads a child's exam may correct it. ---


def reads_school_records(user: User) -> bool:
    """Activities, assistance and exams are read by staff who keep archives, never by carers or officers."""
    return user.is_authenticated and user.can(Capability.EDIT_ARCHIVES)


def _manages_activities(user: User) -> bool:
    return user.is_authenticated and user.can(Capability.MANAGE_ACTIVITIES)


def activities_for(user: User, queryset: QuerySet[Activity] | None = None) -> QuerySet[Activity]:
    """Activities belong to a whole school: staff who see any class of a school see its activities."""
    qs = Activity.objects.all() if queryset is None else queryset
    if not reads_school_records(user):
        return qs.none()
    return qs.filter(school_id__in=scoping.classes_for(user).values("school_id"))


def editable_activities_for(user: User) -> QuerySet[Activity]:
    """Activities a user may change (and take attendance and evidence of): those read by their managers."""
    return activities_for(user) if _manages_activities(user) else Activity.objects.none()


def evidence_for(user: User, queryset: QuerySet[Evidence] | None = None) -> QuerySet[Evidence]:
    """The read rule of evidence (an activity's photos and documents): the evidence of the activities the user
    reads; and a district officer, who reads no activity, reads the photos a school chose for an information
    item of a monthly report it submitted, if the school is in the officer's district (shown as thumbnails,
    without captions)."""
    qs = Evidence.objects.all() if queryset is None else queryset
    if user.is_authenticated and user.role == Role.DISTRICT_OFFICER and user.district_id:
        from reports.models import InformationItem  # reports reads activities; only this rule reads reports

        submitted = InformationItem.photos.through.objects.filter(
            informationitem__report__submitted_at__isnull=False,
            informationitem__report__school__district_id=user.district_id,
        )
        return qs.filter(
            kind=Evidence.Kind.IMAGE,
            activity__school__district_id=user.district_id,
            pk__in=submitted.values("evidence_id"),
        )
    return qs.filter(activity__in=activities_for(user))


def activity_list(user: User) -> QuerySet[Activity]:
    """The activities the user sees, newest first, with their number of children (filtered by ActivityFilter)."""
    return (
        activities_for(user)
        .select_related("semester", "organiser")
        .annotate(attendee_count=Count("attendances"))
        .order_by("-date", "-start_time", "-pk")
    )


def attendances_for(user: User, activity: Activity) -> QuerySet[Attendance]:
    """The attendance of an activity, limited to the children the user may see (a head teacher: their classes)."""
    return child_records_for(user, activity.attendances.all()).select_related("child__school_class")


def guardians_for(user: User) -> QuerySet[Guardian]:
    return child_records_for(user, Guardian.objects.all()).select_related("child__school_class")


def semester_for_day(school: School, day: date) -> Semester | None:
    """The semester containing `day`; in a holiday, the semester just ended."""
    return Semester.objects.filter(school=school, start_date__lte=day).order_by("-start_date").first() if day else None


@dataclass(frozen=True)
class Birthday:
    child: Child
    day: date  # the day it is celebrated in that year
    age: int


def birthday_in(birth: date, year: int) -> date:
    """The birthday in `year`; 29 February births celebrate on 28 February in non-leap years (same month)."""
    if birth.month == 2 and birth.day == 29 and not calendar.isleap(year):
        return date(year, 2, 28)
    return birth.replace(year=year)


def birthdays_in_month(user: User, year: int, month: int) -> list[Birthday]:
    """Active left-behind children the user may see whose birthday falls in that month, by class then day."""
    children = (
        children_for(user)
        .active()
        .filter(birth_date__month=month)
        .select_related("school", "school_class__school")  # the page names each class's school
        .order_by("school__name", "school_class__grade", "school_class__number", "name")
    )
    result = [Birthday(child=c, day=birthday_in(c.birth_date, year), age=year - c.birth_date.year) for c in children]
    return sorted(
        result, key=lambda b: (b.child.school.name, b.child.school_class.grade, b.child.school_class.number, b.day)
    )


def birthday_party_in_month(user: User, year: int, month: int) -> Activity | None:
    """The birthday party of that month in the user's school, if one was already created."""
    return activities_for(user).filter(kind=ActivityKind.BIRTHDAY_PARTY, date__year=year, date__month=month).first()


def assistance_for(user: User, *, semester: Semester | None = None) -> QuerySet[Assistance]:
    """Assistance a user may read: that of the children they see, for staff who keep archives."""
    if not reads_school_records(user):
        return Assistance.objects.none()
    qs = child_records_for(user, Assistance.objects.all()).select_related("child__school_class", "semester")
    if semester is not None:
        qs = qs.filter(semester=semester)
    return qs


def to_yuan(value: Decimal) -> Decimal:
    """Two decimal places. SQLite sums decimals as floats (PostgreSQL exactly); for any realistic sum the
    float error is far below a fen, so rounding to the fen gives the exact total on both."""
    return Decimal(value).quantize(CENT)


def assistance_totals(queryset: QuerySet[Assistance]) -> list[dict]:
    """Exact yuan totals by donor and kind (summed in the database as decimals)."""
    rows = list(
        queryset.order_by()
        .values("donor_kind", "donor", "kind")
        .annotate(total=Sum("amount", output_field=MONEY), records=Count("pk"), children=Count("child", distinct=True))
        .order_by("donor_kind", "donor", "kind")
    )
    for row in rows:
        row["total"] = to_yuan(row["total"])
        row["donor_label"] = row["donor"] or str(DonorKind(row["donor_kind"]).label)
        row["kind_label"] = str(AssistanceKind(row["kind"]).label)
    return rows


def assistance_grand_total(queryset: QuerySet[Assistance]) -> Decimal:
    total = queryset.order_by().aggregate(total=Coalesce(Sum("amount", output_field=MONEY), Value(Decimal("0"))))
    return to_yuan(total["total"])


def poor_children_without_assistance(user: User, semester: Semester) -> QuerySet[Child]:
    """Active children with a poverty status who received nothing in the semester."""
    return (
        children_for(user)
        .active()
        .exclude(poverty_status=PovertyStatus.NONE)
        .exclude(pk__in=Assistance.objects.filter(semester=semester).values("child_id"))
        .select_related("school_class")
    )


def editable_assistance_for(user: User) -> QuerySet[Assistance]:
    """Assistance a user may change: what they read, if they manage activities and assistance."""
    return assistance_for(user) if _manages_activities(user) else Assistance.objects.none()


def medical_exams_for(user: User) -> QuerySet[MedicalExam]:
    """Exams a user may read: those of the children they see, for staff who keep archives."""
    if not reads_school_records(user):
        return MedicalExam.objects.none()
    return child_records_for(user, MedicalExam.objects.all()).select_related("child__school_class", "activity")


def editable_medical_exams_for(user: User) -> QuerySet[MedicalExam]:
    """Exams a user may correct: every exam they read (a head teacher records their own children's)."""
    return medical_exams_for(user)


def medical_exam_list(user: User) -> QuerySet[MedicalExam]:
    """The exams of the children the user sees, newest first (filtered by class with MedicalExamFilter)."""
    return medical_exams_for(user).order_by(
        "-date", "child__school_class__grade", "child__school_class__number", "child__name", "-pk"
    )
