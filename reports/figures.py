"""Every figure a school reports, defined once (see REPORTS.md; each docstring is its definition there).

Each function takes a school (or a `Scope`: a head teacher's classes of it) and a `Period` and returns a frozen
dataclass (the helpers that choose children and records also take a set of schools, for `by_school`, the
district's live roll-up); a rate is a `Rate` that carries
its numerator and denominator. Figures aggregate in the database, and each issues a fixed number of queries
whatever the school's size (tests/reports/test_figures.py counts them at two sizes).

Decisions where REPORTS.md leaves room (also in the docstrings below):
- A child without an identification date is taken as identified on the day its archive was created (as the
  compliance engine does).
- The left-behind type and the main guardian are today's archive values: neither has a dated history yet.
- New and left (figure 6) are the children who entered and who left the left-behind children between the
  start and the end of the interval P closes, so LBC of P = LBC of the previous period + new − left exactly.
- Flags with a dated history (a child's key-help flag, a carer's "active") are read on P.end from the
  record's history (django-simple-history), never from today's value.
- A `Scope` narrower than the school (a head teacher's classes) counts the children in it, and the records
  of those children; see `Scope` for the school-level records (activities, the children's home, the leading
  group).
"""

from __future__ import annotations

import calendar
import functools
import zoneinfo
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import (
    Case,
    Count,
    DecimalField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncDate, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from activities.models import (
    Activity,
    ActivityKind,
    Assistance,
    AssistanceKind,
    Attendance,
    BookLoan,
    DonorKind,
    HomeCall,
    HomeSession,
    MedicalExam,
)
from children.completeness import complete_q, with_completeness
from children.models import AcademicResult, Child, ChildStatus, ChildStatusChange, Gender, LeftBehindType, PovertyStatus
from guardians.models import Guardian, ParentContact
from organisation.models import Enrolment, LeadingGroupMember, School, SchoolClass, Semester, User
from organisation.roles import Role
from pairing.attention import Tier, load_attention
from pairing.models import Carer, CarerKind, HomeVisit, KeyHelpPlan, Pairing, PlanReview, SafetyEvent, Talk
from pairing.selectors import load_compliance

MONEY = DecimalField(max_digits=14, decimal_places=2)
CENT = Decimal("0.01")
LEFT_REASONS = (ChildStatus.NO_LONGER, ChildStatus.TRANSFERRED, ChildStatus.GRADUATED, ChildStatus.DROPPED_OUT)


# --- Periods and rates ---


@dataclass(frozen=True)
class Period:
    """[start, end], both days included, local dates (Asia/Shanghai)."""

    start: date
    end: date

    def __post_init__(self):
        if self.end < self.start:
            raise ValueError("A period ends on or after its start.")

    @classmethod
    def of_semester(cls, semester: Semester) -> Period:
        return cls(semester.start_date, semester.end_date)

    @classmethod
    def of_month(cls, year: int, month: int) -> Period:
        return cls(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]))

    def whole_months(self) -> list[Period]:
        """The calendar months that lie wholly inside the period."""
        months = []
        cursor = self.start.replace(day=1)
        while cursor <= self.end:
            month = Period.of_month(cursor.year, cursor.month)
            if month.start >= self.start and month.end <= self.end:
                months.append(month)
            cursor = month.end + timedelta(days=1)
        return months


EMPTY_RATE = "—"  # a rate or average over a denominator of 0 (REPORTS.md)


@dataclass(frozen=True)
class Rate:
    """numerator ÷ denominator; `rate` in percent with one decimal.

    REPORTS.md: "a rate or average whose denominator is 0 is shown as '—' (never 0.0 %)": `rate` is then None,
    `text` is "—", a chart draws no point and a workbook writes an empty cell."""

    numerator: int
    denominator: int

    @property
    def rate(self) -> Decimal | None:
        if not self.denominator:
            return None
        return (Decimal(self.numerator) * 100 / Decimal(self.denominator)).quantize(Decimal("0.1"))

    @property
    def text(self) -> str:
        """The rate as every page shows it: "42.9% (3/7)", or "—" over nothing."""
        if self.rate is None:
            return EMPTY_RATE
        return f"{self.rate}% ({self.numerator}/{self.denominator})"

    @property
    def percent_text(self) -> str:
        """The percentage alone ("42.9%"), or "—" over nothing."""
        return EMPTY_RATE if self.rate is None else f"{self.rate}%"

    @property
    def sort_key(self) -> Decimal:
        """Rates over nothing sort below every real rate."""
        return Decimal(-1) if self.rate is None else self.rate

    @property
    def missing(self) -> int:
        return self.denominator - self.numerator


def _rate(numerator: int, denominator: int) -> Rate:
    return Rate(numerator=numerator, denominator=denominator)


# --- Who counts ---


@dataclass(frozen=True, eq=False)
class Scope:
    """What the figures count: a school's children, or some of them (a head teacher's classes).

    Built from a user by reports.access.report_scope through the scoping rules (children.scoping.children_for,
    organisation.scoping.classes_for); a plain School is the whole school. Within a narrower scope:
    - children of S are the scope's children, and records in P are those of the scope's children;
    - 1 students on roll sums the enrolment of the scope's classes;
    - 14 activities are those in P that a child of the scope attended, with the scope's attendances;
      15 guardian training counts the sessions, attendances and guardians of the scope's children's guardians;
    - 21 children's home: sessions in P a child of the scope came to, and that child's visits, calls and loans;
    - 22 the leading group is the school's (it has no classes); staff count as in 22, for the scope's children.
    """

    school: School
    children: QuerySet[Child]  # children of S within the scope (soft-deleted ones left out)
    classes: QuerySet[SchoolClass] | None = None  # None: the whole school

    @property
    def whole_school(self) -> bool:
        return self.classes is None

    def child_q(self, path: str = "child") -> Q:
        """Records whose child (reached through `path`) is a child of S in the scope."""
        condition = Q(**{f"{path}__school": self.school, f"{path}__deleted_at__isnull": True})
        if not self.whole_school:
            condition &= Q(**{f"{path}__in": self.children.values("pk")})
        return condition


Schools = School | Iterable[School] | QuerySet[School]


def _of_schools(school: Schools, field: str = "school") -> dict:
    """A filter on one school, or on a set of schools (a list or a queryset, used as a subquery)."""
    return {field: school} if isinstance(school, School) else {f"{field}__in": school}


def as_scope(school: School | Scope) -> Scope:
    """A Scope, from a school (the whole school) or a Scope."""
    if isinstance(school, Scope):
        return school
    return Scope(school=school, children=Child.objects.filter(school=school))


def school_of(school: School | Scope) -> School:
    return school.school if isinstance(school, Scope) else school


def children_of(school: Scope | Schools) -> QuerySet[Child]:
    """Children of S: its archives that are not soft-deleted (a soft-deleted child counts nowhere); within a
    Scope, those of the scope. S may be a set of schools (the district's live roll-up)."""
    if isinstance(school, Scope):
        return school.children
    return Child.objects.filter(**_of_schools(school))


def _identified():
    """The identification date, or the local day the archive was created when none was entered."""
    return Coalesce("identified_on", TruncDate("created_at", tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE)))


def lbc_on(school: Scope | Schools, day: date) -> QuerySet[Child]:
    """Left-behind children on day d: children of S identified on or before d whose status on d, following
    the dated status history (ChildStatusChange), is "active".

    The status on d is that of the last change dated on or before d. Before a child's first change it had
    the opposite of that change (a change to "active" means it was not active before), and a child with
    no change at all has its archive's status since identification (the compliance engine's reading).
    """
    if isinstance(school, School):
        return _lbc_of_school(school.pk, day).all()
    return _lbc_among(children_of(school), day)


@functools.lru_cache(maxsize=128)
def _lbc_of_school(school_id: int, day: date) -> QuerySet[Child]:
    """A school's `lbc_on`, built once per school and day: a period's figures use it some fifteen times, and
    building it costs as much as running it. What is kept is the query, never its rows: `lbc_on` hands out a
    copy (`.all()`), so nothing evaluated is shared and every caller's SQL runs on the data of its moment."""
    return _lbc_among(Child.objects.filter(school_id=school_id), day)


def status_on(day: date) -> Coalesce:
    """A child's status on `day` (see `lbc_on`), as an expression over the child's row."""
    changes = ChildStatusChange.objects.filter(child=OuterRef("pk"))
    status_then = changes.filter(date__lte=day).order_by("-date", "-recorded_at", "-pk").values("status")[:1]
    # The status before the first change: active when the first change is a leaving, else not active ("").
    before_first = (
        changes.order_by("date", "recorded_at", "pk")
        .annotate(before=Case(When(status__in=LEFT_REASONS, then=Value(ChildStatus.ACTIVE)), default=Value("")))
        .values("before")[:1]
    )
    # Each subquery appears once in the SQL: built, compiled and run once per child, not once per condition.
    return Coalesce(Subquery(status_then), Subquery(before_first), "status")


def _lbc_among(children: QuerySet[Child], day: date) -> QuerySet[Child]:
    return children.alias(identified=_identified(), status_on_day=status_on(day)).filter(
        identified__lte=day, status_on_day=ChildStatus.ACTIVE
    )


def flag_on(model, field: str, day: date):
    """The value of a record's `field` at the end of `day`, read from its dated history (django-simple-history):
    that of the last version saved on or before `day` (local date). A record entered later with an earlier
    effect (an archive whose identification is back-dated, a carer entered late) has the value it was entered
    with; a record without any version (written in bulk, outside the history) has its current value."""
    versions = model.history.model.objects.filter(id=OuterRef("pk"))
    day_after = datetime.combine(day + timedelta(days=1), time.min, tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE))
    then = versions.filter(history_date__lt=day_after).order_by("-history_date", "-history_id").values(field)[:1]
    first = versions.order_by("history_date", "history_id").values(field)[:1]
    return Coalesce(Subquery(then), Subquery(first), F(field))


def lbc_of(school: Scope | Schools, period: Period) -> QuerySet[Child]:
    """LBC of P: the left-behind children on P.end."""
    return lbc_on(school, period.end)


def _sixteenth_birthday_before(day: date) -> date:
    """Children born after this day are under 16 on `day`."""
    try:
        return day.replace(year=day.year - 16)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 16, day=28)


def records_in(model, school: Scope | Schools, period: Period, date_field: str = "date") -> QuerySet:
    """Records in P: dated within P, of children of S, whatever the child's status today."""
    if isinstance(school, Scope):
        children = school.child_q()
    else:
        children = Q(**_of_schools(school, "child__school"), child__deleted_at__isnull=True)
    return model.objects.filter(children, **{f"{date_field}__gte": period.start, f"{date_field}__lte": period.end})


def parent_contacts_in(school: Scope | Schools, period: Period) -> QuerySet:
    """Parent contacts in P (figure 11 and the roll-up count these): with a parent, not with a guardian."""
    return records_in(ParentContact, school, period).filter(counterpart=ParentContact.Counterpart.PARENT)


# --- 基本情况 ---


@dataclass(frozen=True)
class StudentsOnRoll:
    students: int | None  # None: no enrolment entered for the semester
    classes: int = 0  # classes with an enrolment entered


def _enrolment(school: School | Scope, period: Period) -> QuerySet[Enrolment]:
    """The enrolment entered per class for the semester containing P.end (within a Scope, of its classes)."""
    scope = as_scope(school)
    entries = Enrolment.objects.filter(
        semester__school=scope.school, semester__start_date__lte=period.end, semester__end_date__gte=period.end
    )
    return entries if scope.whole_school else entries.filter(school_class__in=scope.classes.values("pk"))


def students_on_roll(school: School | Scope, period: Period) -> StudentsOnRoll:
    """1 在校生数: the school's enrolment for the semester containing P.end, summed over classes (entered per
    class per semester: organisation.Enrolment). None when no class has one. Within a Scope, the enrolment of
    its classes. 1 query."""
    entries = _enrolment(school, period)
    row = entries.aggregate(students=Sum("students"), classes=Count("pk"))
    return StudentsOnRoll(students=row["students"], classes=row["classes"])


@dataclass(frozen=True)
class ClassOverRoll:
    label: str
    children: int  # LBC of the class on P.end
    students: int  # its students on roll


def classes_over_roll(school: School | Scope, period: Period) -> tuple[ClassOverRoll, ...]:
    """The cross-check per class: classes whose LBC on P.end outnumber their students on roll (figure 1's
    enrolment for the semester containing P.end). A class without an enrolment entered is not checked.
    2 queries."""
    entries = _enrolment(school, period)
    roll = {
        class_id: (grade, number, students)
        for class_id, grade, number, students in entries.values_list(
            "school_class_id", "school_class__grade", "school_class__number", "students"
        )
    }
    lbc = (
        lbc_of(school, period)
        .order_by()
        .values("school_class")
        .annotate(n=Count("pk"))
        .values_list("school_class", "n")
    )
    over = sorted((roll[class_id], n) for class_id, n in lbc if class_id in roll and n > roll[class_id][2])
    return tuple(
        ClassOverRoll(_("Grade %(grade)s Class %(number)s") % {"grade": grade, "number": number}, n, students)
        for (grade, number, students), n in over
    )


@dataclass(frozen=True)
class LeftBehindCount:
    children: int
    share: Rate | None  # of the students on roll, when enrolment is known


def lbc_count(school: School | Scope, period: Period, on_roll: StudentsOnRoll | None = None) -> LeftBehindCount:
    """2 留守儿童数: LBC of P; also as a share of figure 1 (students on roll) when that is known. 1 query."""
    total = lbc_of(school, period).count()
    share = _rate(total, on_roll.students) if on_roll and on_roll.students else None
    return LeftBehindCount(children=total, share=share)


@dataclass(frozen=True)
class Breakdown:
    by_grade: tuple[tuple[int, int], ...]  # (grade, children)
    by_gender: tuple[tuple[str, str, int], ...]  # (value, label, children)
    boarding: int
    day_pupils: int


def lbc_breakdown(school: School | Scope, period: Period) -> Breakdown:
    """3 by grade, gender, boarding: LBC of P split by class grade, gender and boarding flag. 1 query."""
    rows = list(
        lbc_of(school, period).order_by().values("school_class__grade", "gender", "is_boarding").annotate(n=Count("pk"))
    )
    grades: dict[int, int] = {}
    genders = dict.fromkeys(Gender.values, 0)
    boarding = day_pupils = 0
    for row in rows:
        grades[row["school_class__grade"]] = grades.get(row["school_class__grade"], 0) + row["n"]
        genders[row["gender"]] = genders.get(row["gender"], 0) + row["n"]
        if row["is_boarding"]:
            boarding += row["n"]
        else:
            day_pupils += row["n"]
    return Breakdown(
        by_grade=tuple(sorted(grades.items())),
        by_gender=tuple((value, str(Gender(value).label), genders.get(value, 0)) for value in Gender.values),
        boarding=boarding,
        day_pupils=day_pupils,
    )


@dataclass(frozen=True)
class TypeCounts:
    single: int  # 教育口径 register code 1: one parent away
    double: int  # 教育口径 register code 2: both parents away
    civil_affairs: int  # 民政口径: both away, or one away and the other unable; under 16
    by_type: tuple[tuple[str, str, int], ...]  # the four archive types (value, label, children)
    not_recorded: int  # LBC without a left-behind type in the archive

    @property
    def education(self) -> int:
        return self.single + self.double


def civil_affairs_q(period: Period) -> Q:
    """民政口径 on P.end: both parents away, or one away and the other unable to care; under 16."""
    return Q(
        left_behind_type__in=[LeftBehindType.BOTH_AWAY, LeftBehindType.ONE_AWAY_OTHER_UNABLE],
        birth_date__gt=_sixteenth_birthday_before(period.end),
    )


def _type_counts(period: Period) -> dict:
    """The aggregates of figure 4 over LBC of P: civil, none (no type recorded), t_<type> per archive type."""
    return {
        "civil": Count("pk", filter=civil_affairs_q(period)),
        "none": Count("pk", filter=Q(left_behind_type="")),
        **{f"t_{v}": Count("pk", filter=Q(left_behind_type=v)) for v in LeftBehindType.values},
    }


def lbc_types(school: School | Scope, period: Period) -> TypeCounts:
    """4 by type, LBC of P: 教育口径 单留守 (register code 1) and 双留守 (2); the 民政口径 count (both parents
    away, or one away and the other unable to care, and under 16 on P.end); the four archive types.

    The type is the archive's current `left_behind_type` (it has no dated history yet). 1 query.
    """
    row = lbc_of(school, period).order_by().aggregate(**_type_counts(period))
    by_type = tuple((v, str(label), row[f"t_{v}"]) for v, label in LeftBehindType.choices)
    double = row[f"t_{LeftBehindType.BOTH_AWAY}"]
    single = sum(n for v, _label, n in by_type if v != LeftBehindType.BOTH_AWAY)
    return TypeCounts(
        single=single, double=double, civil_affairs=row["civil"], by_type=by_type, not_recorded=row["none"]
    )


GRANDPARENTS = (
    Guardian.Relation.GRANDFATHER,
    Guardian.Relation.GRANDMOTHER,
    Guardian.Relation.MATERNAL_GRANDFATHER,
    Guardian.Relation.MATERNAL_GRANDMOTHER,
)
OTHER_RELATIVES = (Guardian.Relation.UNCLE_AUNT, Guardian.Relation.SIBLING)


@dataclass(frozen=True)
class GuardianKinds:
    grandparent: int
    other_relative: int
    parent_at_home: int
    other_or_none: int

    @property
    def total(self) -> int:
        return self.grandparent + self.other_relative + self.parent_at_home + self.other_or_none


def lbc_guardian_kinds(school: School | Scope, period: Period) -> GuardianKinds:
    """5 by guardian kind: the relation of the child's main guardian on P.end: grandparent, other relative
    (uncle or aunt, older sibling), parent at home, other / none recorded.

    The main guardian is the first guardian entered for the child (guardians have no dates yet, so it is
    today's); "other relative or friend" counts as "other". 1 query.
    """
    main = Guardian.objects.filter(child=OuterRef("pk")).order_by("pk").values("relation")[:1]
    row = (
        lbc_of(school, period)
        .order_by()
        .alias(main_relation=Subquery(main))
        .aggregate(
            total=Count("pk"),
            grandparent=Count("pk", filter=Q(main_relation__in=GRANDPARENTS)),
            other_relative=Count("pk", filter=Q(main_relation__in=OTHER_RELATIVES)),
            parent=Count("pk", filter=Q(main_relation=Guardian.Relation.PARENT)),
        )
    )
    other = row["total"] - row["grandparent"] - row["other_relative"] - row["parent"]
    return GuardianKinds(row["grandparent"], row["other_relative"], row["parent"], other)


@dataclass(frozen=True)
class NewAndLeft:
    new: int
    reidentified: int  # of the new: active again after having left, shown apart
    left: int
    by_reason: tuple[tuple[str, str, int], ...]  # (status, label, children)
    since: date | None  # the first day of the interval P closes; None: from the school's first record
    before: int  # LBC of the previous period: on the day before `since` (0 for a school's first period)


def interval_start(school: School | Scope | Schools, period: Period) -> date | None:
    """The first day of the interval that P closes (figure 6): the day after the previous period of the same
    kind ended. A semester of the school follows the school's previous semester, holidays between them
    included; a school's first semester runs from its first record (None). Months and monthly-report windows
    follow each other without a gap, so their interval is P itself. 1 query for a school's semester."""
    if isinstance(school, School | Scope):
        semesters = Semester.objects.filter(school=school_of(school), end_date__lte=period.end).order_by("-end_date")
        latest = list(semesters.values_list("start_date", "end_date")[:2])
        if latest and latest[0] == (period.start, period.end):
            return latest[1][1] + timedelta(days=1) if len(latest) > 1 else None
    return period.start


def _before(school: School | Scope | Schools, since: date | None) -> QuerySet[Child]:
    """LBC of the previous period: on the day before the interval (none before a school's first record)."""
    return Child.objects.none() if since is None else lbc_on(school, since - timedelta(days=1))


def new_children(school: School | Scope | Schools, period: Period, since: date | None = None) -> QuerySet[Child]:
    """Figure 6, new: LBC of P who were not LBC of the previous period (first identified in the interval, or
    active again after having left), aliased `reidentified`: a dated return to active within the interval.
    `since` as given by `interval_start` (computed when not given)."""
    since = interval_start(school, period) if since is None else since
    return (
        lbc_of(school, period)
        .exclude(pk__in=_before(school, since).values("pk"))
        .alias(reidentified=_returned(period, since))
    )


def _returned(period: Period, since: date | None) -> Exists:
    """A dated return to active within the interval (see `_with_current_plan` for why it is not an alias)."""
    returns = ChildStatusChange.objects.filter(child=OuterRef("pk"), status=ChildStatus.ACTIVE, date__lte=period.end)
    return Exists(returns if since is None else returns.filter(date__gte=since))


def left_children(school: School | Scope | Schools, period: Period, since: date | None = None) -> QuerySet[Child]:
    """Figure 6, left: LBC of the previous period who are not LBC of P, aliased `reason`: their status on
    P.end (parent came home = no longer left-behind, transferred, graduated, dropped out)."""
    since = interval_start(school, period) if since is None else since
    return (
        _before(school, since).exclude(pk__in=lbc_of(school, period).values("pk")).alias(reason=status_on(period.end))
    )


def new_and_left(school: School | Scope, period: Period) -> NewAndLeft:
    """6 new / left, counted over the interval that P closes (`interval_start`): from the day after the
    previous period of the same kind ended (a school's first period: from its first record) to P.end.
    new: children who became LBC in it, first identified or active again after having left (re-identified,
    shown apart); left: children whose status changed from active in it, split by reason.

    Decision: both are the net movement between the interval's two ends, each child counted once: new = LBC
    of P who were not LBC on the day before the interval, left = the reverse. A child who became LBC and left
    again inside the interval is in neither, nor is one who left and came back. So LBC of P = LBC of the
    previous period + new − left holds exactly, for any history. 4 queries.
    """
    since = interval_start(school, period)
    counted = (
        new_children(school, period, since)
        .order_by()
        .aggregate(new=Count("pk"), reidentified=Count("pk", filter=Q(_returned(period, since))))
    )
    rows = dict(
        left_children(school, period, since)
        .order_by()
        .annotate(why=F("reason"))
        .values("why")
        .annotate(n=Count("pk"))
        .values_list("why", "n")
    )
    by_reason = tuple((s.value, str(s.label), rows.get(s.value, 0)) for s in LEFT_REASONS)
    return NewAndLeft(
        new=counted["new"],
        reidentified=counted["reidentified"],
        left=sum(n for _s, _l, n in by_reason),
        by_reason=by_reason,
        since=since,
        before=_before(school, since).count(),
    )


# --- 关爱网络 ---


def filing_rate(school: School | Scope, period: Period) -> Rate:
    """7 建档率: LBC of P whose archive is complete (children.completeness, the school's required fields)
    ÷ LBC of P. Completeness is today's archive: fields have no dated history. 1 query."""
    row = with_completeness(lbc_of(school, period).order_by()).aggregate(
        total=Count("pk"), complete=Count("pk", filter=complete_q())
    )
    return _rate(row["complete"], row["total"])


@dataclass(frozen=True)
class PairingCoverage:
    coverage: Rate
    carers_by_kind: tuple[tuple[str, str, int], ...]  # (kind, label, carers)
    carers: int
    pairings: int

    @property
    def children_per_carer(self) -> Decimal | None:
        """Current pairings of LBC ÷ carers in them, one decimal; None (shown "—") when no carer is paired."""
        if not self.carers:
            return None
        return (Decimal(self.pairings) / Decimal(self.carers)).quantize(Decimal("0.1"))


def pairing_coverage(school: School | Scope, period: Period) -> PairingCoverage:
    """8 结对覆盖率: LBC of P with at least one pairing active on P.end ÷ LBC of P; plus carers with an active
    pairing (with a LBC of P) on P.end by the carer's kind, and children per carer.

    "Active on P.end" is the pairing's dates (children.scoping.current_pairing_q), whatever the carer's
    flag today. A child with two pairings counts once in the coverage, and in both carers. 2 queries.
    """
    lbc = lbc_of(school, period)
    current = Pairing.objects.current(period.end).filter(child__in=lbc.values("pk"))
    row = lbc.order_by().aggregate(
        total=Count("pk"), covered=Count("pk", filter=Q(Exists(current.filter(child=OuterRef("pk")))))
    )
    kinds = {
        r["carer__kind"]: r
        for r in current.order_by()
        .values("carer__kind")
        .annotate(carers=Count("carer", distinct=True), pairings=Count("pk"))
    }
    by_kind = tuple((value, str(label), kinds[value]["carers"]) for value, label in CarerKind.choices if value in kinds)
    return PairingCoverage(
        coverage=_rate(row["covered"], row["total"]),
        carers_by_kind=by_kind,
        carers=sum(r["carers"] for r in kinds.values()),
        pairings=sum(r["pairings"] for r in kinds.values()),
    )


# --- 关爱工作 ---


def _coverage(school: School | Scope, period: Period, records: QuerySet) -> Rate:
    """LBC of P with at least one of `records` ÷ LBC of P (1 query)."""
    row = (
        lbc_of(school, period)
        .order_by()
        .aggregate(total=Count("pk"), covered=Count("pk", filter=Q(Exists(records.filter(child=OuterRef("pk"))))))
    )
    return _rate(row["covered"], row["total"])


@dataclass(frozen=True)
class Talks:
    records: int
    children: int
    coverage: Rate


def talks(school: School | Scope, period: Period) -> Talks:
    """9 谈心: talks in P; distinct children talked with; coverage = LBC of P with ≥ 1 talk in P ÷ LBC of P.
    2 queries."""
    records = records_in(Talk, school, period)
    row = records.order_by().aggregate(records=Count("pk"), children=Count("child", distinct=True))
    return Talks(row["records"], row["children"], _coverage(school, period, records))


@dataclass(frozen=True)
class Visits:
    records: int
    children: int
    coverage: Rate
    staff_visitors: int
    carer_visitors: int
    guardians_met: int

    @property
    def visitors(self) -> int:
        return self.staff_visitors + self.carer_visitors


def _guardian_met() -> Q:
    """A visit that met the guardian (the guardian alone, or guardian and parent) of a child with a guardian on
    record: the visit form refuses "met the guardian" for a child without one (`HomeVisit.clean`), and a
    visit recorded before that rule does not count either."""
    return Q(met__in=HomeVisit.GUARDIAN_MET) & Q(Exists(Guardian.objects.filter(child=OuterRef("child"))))


def guardian_met_children(school: School | Scope | Schools, period: Period) -> QuerySet[Child]:
    """Figure 10's children whose guardian was met: children of S with a guardian on record whose guardian was
    met on at least one home visit in P."""
    return children_of(school).filter(
        pk__in=records_in(HomeVisit, school, period).filter(_guardian_met()).values("child")
    )


def home_visits(school: School | Scope, period: Period) -> Visits:
    """10 家访: visits in P; distinct children visited; coverage as in 9; distinct visitors (staff and
    carers, counted apart: a carer with a login is a carer); children whose guardian was met on at least one
    visit in P (`guardian_met_children`). 2 queries.
    """
    records = records_in(HomeVisit, school, period)
    row = records.order_by().aggregate(
        records=Count("pk", distinct=True),
        children=Count("child", distinct=True),
        staff=Count("staff", distinct=True),
        carers=Count("carers", distinct=True),
        guardians=Count("child", distinct=True, filter=_guardian_met()),
    )
    return Visits(
        records=row["records"],
        children=row["children"],
        coverage=_coverage(school, period, records),
        staff_visitors=row["staff"],
        carer_visitors=row["carers"],
        guardians_met=row["guardians"],
    )


@dataclass(frozen=True)
class ParentContacts:
    records: int
    reached: int
    not_reached: int
    by_channel: tuple[tuple[str, str, int], ...]
    by_initiator: tuple[tuple[str, str, int], ...]
    family_phone: int  # 亲情电话: started by the child
    coverage: Rate  # LBC of P reached at least once in P
    every_month: Rate | None  # LBC reached in every whole calendar month of P; None without a whole month
    months: int


def parent_contacts(school: School | Scope, period: Period) -> ParentContacts:
    """11 与家长联系: contacts with a parent in P; reached / not reached; by medium (call, video, message,
    letter, in person); by who started it; 亲情电话 = those started by the child; for a semester, LBC reached
    at least once in every calendar month of P that lies wholly inside P (÷ LBC of P).

    An unreachable parent is a contact made, not reached. 2 queries.
    """
    records = parent_contacts_in(school, period)
    # Counted per (medium, initiator, reached) in one GROUP BY, at most 50 rows, and summed here: one grouping
    # instead of a dozen filtered counts, which Django takes longer to build than the database to run.
    by_channel: dict[str, int] = defaultdict(int)
    by_initiator: dict[str, int] = defaultdict(int)
    total = reached_total = 0
    for channel, initiator, was_reached, n in (
        records.order_by()
        .values("channel", "initiated_by", "reached")
        .annotate(n=Count("pk"))
        .values_list("channel", "initiated_by", "reached", "n")
    ):
        by_channel[channel] += n
        by_initiator[initiator] += n
        total += n
        reached_total += n if was_reached else 0
    reached = records.filter(reached=True)
    months = period.whole_months()
    every = {
        f"m{i}": Exists(reached.filter(child=OuterRef("pk"), date__range=(m.start, m.end)))
        for i, m in enumerate(months)
    }
    all_months = Q()
    for name in every:
        all_months &= Q(**{name: True})
    cov = (
        lbc_of(school, period)
        .order_by()
        .alias(any_reached=Exists(reached.filter(child=OuterRef("pk"))), **every)
        .aggregate(
            total=Count("pk"),
            reached=Count("pk", filter=Q(any_reached=True)),
            **({"every": Count("pk", filter=all_months)} if months else {}),
        )
    )
    return ParentContacts(
        records=total,
        reached=reached_total,
        not_reached=total - reached_total,
        by_channel=tuple((v, str(label), by_channel[v]) for v, label in ParentContact.Channel.choices),
        by_initiator=tuple((v, str(label), by_initiator[v]) for v, label in ParentContact.Initiator.choices),
        family_phone=by_initiator[ParentContact.Initiator.CHILD],
        coverage=_rate(cov["reached"], cov["total"]),
        every_month=_rate(cov["every"], cov["total"]) if months else None,
        months=len(months),
    )


@dataclass(frozen=True)
class GuardianContacts:
    records: int
    reached: int
    not_reached: int


def guardian_contacts(school: School | Scope, period: Period) -> GuardianContacts:
    """12 与监护人联系: contacts with the guardian in P, reached / not reached. 1 query."""
    row = (
        records_in(ParentContact, school, period)
        .filter(counterpart=ParentContact.Counterpart.GUARDIAN)
        .order_by()
        .aggregate(records=Count("pk"), reached=Count("pk", filter=Q(reached=True)))
    )
    return GuardianContacts(row["records"], row["reached"], row["records"] - row["reached"])


@dataclass(frozen=True)
class NormCompliance:
    norm_id: int
    label: str
    required: int
    done: int
    children: int  # children the norm required anything of
    overdue_children: int

    @property
    def compliance(self) -> Rate:
        return _rate(self.done, self.required)


@dataclass(frozen=True)
class ClassCompliance:
    class_id: int
    label: str
    required: int
    done: int
    overdue_children: int = 0

    @property
    def compliance(self) -> Rate:
        return _rate(self.done, self.required)


@dataclass(frozen=True)
class Compliance:
    norms: tuple[NormCompliance, ...]
    overdue_children: int  # children with an overdue bucket in P under any norm
    children: int  # children any norm required work of in P
    by_class: tuple[ClassCompliance, ...] = ()
    overdue_ids: frozenset[int] = frozenset()

    @property
    def overall(self) -> Rate:
        return _rate(sum(n.done for n in self.norms), sum(n.required for n in self.norms))


def norm_compliance(school: School | Scope, period: Period, *, today: date | None = None) -> Compliance:
    """13 关爱制度落实: per active care norm, required and met over P by the compliance engine's rules
    (pairing.compliance: buckets clipped to P that have started by today; a bucket requires the norm's count
    of a child eligible for half of it; work beyond the count does not carry over), rate = met ÷ required;
    children with an overdue bucket in P.

    Counted in the engine's units: each bucket requires the norm's count and at most that much counts as
    met, so for a norm "×1 per period" these are buckets. Reuses pairing.selectors.load_compliance (11
    queries); only children who were identified by P.end are passed (the engine decides eligibility).
    """
    children = children_of(school).alias(identified=_identified()).filter(identified__lte=period.end)
    child_list, result = load_compliance(children, today=today, period=(period.start, period.end), instances=False)
    # One pass over the statuses: per norm [required, done, children, overdue children], per class
    # [a child row, required, done, overdue children]; the children any norm applied to, and the overdue ones.
    per_norm = {norm.id: [0, 0, 0, 0] for norm in result.norms}
    classes: dict[int, list] = {}
    applying: set[int] = set()
    overdue: set[int] = set()
    for child in child_list:
        entry = classes.setdefault(child.school_class_id, [child, 0, 0, 0])
        child_overdue = False
        for status in result.for_child(child.pk):
            if not status.required:
                continue
            sums = per_norm[status.norm.id]
            sums[0] += status.required
            sums[1] += status.done
            sums[2] += 1
            entry[1] += status.required
            entry[2] += status.done
            if status.overdue_buckets:
                sums[3] += 1
                child_overdue = True
            applying.add(child.pk)
        if child_overdue:
            overdue.add(child.pk)
            entry[3] += 1
    norms = tuple(
        NormCompliance(
            norm_id=norm.id,
            label=norm.label,
            required=per_norm[norm.id][0],
            done=per_norm[norm.id][1],
            children=per_norm[norm.id][2],
            overdue_children=per_norm[norm.id][3],
        )
        for norm in result.norms
    )
    by_class = tuple(
        ClassCompliance(
            class_id=k.school_class_id,
            label=str(SchoolClass(grade=k.grade, number=k.number).label),
            required=r,
            done=d,
            overdue_children=o,
        )
        for k, r, d, o in sorted(classes.values(), key=lambda e: (e[0].grade, e[0].number))
        if r
    )
    return Compliance(
        norms=norms,
        overdue_children=len(overdue),
        children=len(applying),
        by_class=by_class,
        overdue_ids=frozenset(overdue),
    )


# --- 活动 ---


@dataclass(frozen=True)
class Activities:
    by_kind: tuple[tuple[str, str, int], ...]
    activities: int
    attendances: int  # child × activity
    children: int  # distinct children who took part


def activities(school: School | Scope, period: Period) -> Activities:
    """14 活动: activities dated in P by kind; attendances (child × activity, children of S); distinct
    children who took part. 2 queries."""
    scope = as_scope(school)
    in_p = Activity.objects.filter(school=scope.school, date__range=(period.start, period.end))
    attended = Attendance.objects.filter(scope.child_q())
    if not scope.whole_school:
        in_p = in_p.filter(Exists(attended.filter(activity=OuterRef("pk"))))
    kinds = dict(in_p.order_by().values("kind").annotate(n=Count("pk")).values_list("kind", "n"))
    row = (
        attended.filter(activity__in=in_p.values("pk"))
        .order_by()
        .aggregate(attendances=Count("pk"), children=Count("child", distinct=True))
    )
    by_kind = tuple((v, str(label), kinds[v]) for v, label in ActivityKind.choices if v in kinds)
    return Activities(by_kind, sum(kinds.values()), row["attendances"], row["children"])


@dataclass(frozen=True)
class GuardianTraining:
    sessions: int
    attendances: int
    guardians: int


def training_sessions(school: School | Scope, period: Period) -> QuerySet[Activity]:
    """Figure 15's sessions: guardian-training sessions in P (within a Scope, those a guardian of one of its
    children came to)."""
    scope = as_scope(school)
    sessions = Activity.objects.filter(
        school=scope.school, kind=ActivityKind.GUARDIAN_TRAINING, date__range=(period.start, period.end)
    )
    if not scope.whole_school:
        sessions = sessions.filter(pk__in=guardian_attendances(school, period).values("activity_id"))
    return sessions


def guardian_attendances(school: School | Scope, period: Period) -> QuerySet:
    """Figure 15's attendances: guardian × session, for guardians of children of S (of the Scope) at
    guardian-training sessions in P."""
    scope = as_scope(school)
    return Activity.guardians.through.objects.filter(
        scope.child_q("guardian__child"),
        activity__school=scope.school,
        activity__kind=ActivityKind.GUARDIAN_TRAINING,
        activity__date__range=(period.start, period.end),
    )


def guardian_training(school: School | Scope, period: Period) -> GuardianTraining:
    """15 家长学校: guardian-training sessions in P, guardian attendances (guardian × session), distinct
    guardians; the attendances and guardians are those of children of S (of the Scope). 2 queries."""
    row = (
        guardian_attendances(school, period)
        .order_by()
        .aggregate(attendances=Count("pk"), guardians=Count("guardian", distinct=True))
    )
    return GuardianTraining(training_sessions(school, period).count(), row["attendances"], row["guardians"])


def birthdays(school: School | Scope, period: Period) -> int:
    """16 生日: distinct LBC of P who attended a birthday party in P. 1 query."""
    parties = Attendance.objects.filter(
        activity__school=school_of(school),
        activity__kind=ActivityKind.BIRTHDAY_PARTY,
        activity__date__range=(period.start, period.end),
    )
    return lbc_of(school, period).filter(Exists(parties.filter(child=OuterRef("pk")))).count()


def medical_exams(school: School | Scope, period: Period) -> int:
    """17 体检: distinct LBC of P with a medical exam dated in P. 1 query."""
    exams = MedicalExam.objects.filter(date__range=(period.start, period.end))
    return lbc_of(school, period).filter(Exists(exams.filter(child=OuterRef("pk")))).count()


# --- 资助 ---


def _yuan(value) -> Decimal:
    """Exact to the fen (SQLite sums decimals as floats; rounding to the fen restores the exact sum)."""
    return Decimal(value or 0).quantize(CENT)


@dataclass(frozen=True)
class AssistanceFigures:
    total: Decimal
    by_donor: tuple[tuple[str, str, Decimal], ...]
    by_kind: tuple[tuple[str, str, Decimal], ...]
    records: int
    children: int
    poor_without: Rate  # LBC with a poverty status who received nothing in P ÷ LBC with a poverty status


def assistance(school: School | Scope, period: Period) -> AssistanceFigures:
    """18 资助: the sum of amounts in P (exact yuan) by donor kind and by kind; distinct children assisted;
    LBC of P with a poverty status (低保, 建档立卡) who received nothing in P. 3 queries."""
    records = records_in(Assistance, school, period)
    rows = list(records.order_by().values("donor_kind", "kind").annotate(total=Sum("amount", output_field=MONEY)))
    donors: dict[str, Decimal] = {}
    kinds: dict[str, Decimal] = {}
    for row in rows:
        donors[row["donor_kind"]] = donors.get(row["donor_kind"], Decimal(0)) + _yuan(row["total"])
        kinds[row["kind"]] = kinds.get(row["kind"], Decimal(0)) + _yuan(row["total"])
    counts = records.order_by().aggregate(records=Count("pk"), children=Count("child", distinct=True))
    poor = lbc_of(school, period).filter(poverty_status__in=[PovertyStatus.DIBAO, PovertyStatus.REGISTERED_POOR])
    poor_row = poor.order_by().aggregate(
        total=Count("pk"), without=Count("pk", filter=~Q(Exists(records.filter(child=OuterRef("pk")))))
    )
    return AssistanceFigures(
        total=sum(donors.values(), Decimal("0.00")),
        by_donor=tuple((v, str(label), donors[v]) for v, label in DonorKind.choices if v in donors),
        by_kind=tuple((v, str(label), kinds[v]) for v, label in AssistanceKind.choices if v in kinds),
        records=counts["records"],
        children=counts["children"],
        poor_without=_rate(poor_row["without"], poor_row["total"]),
    )


# --- 学业 ---


def semester_of(school: School | Scope, day: date) -> Semester | None:
    """The school's semester containing `day` (1 query)."""
    return Semester.objects.filter(school=school, start_date__lte=day, end_date__gte=day).first()


def _previous_semester(semester: Semester) -> Semester | None:
    return (
        Semester.objects.filter(school_id=semester.school_id, start_date__lt=semester.start_date)
        .order_by("-start_date")
        .first()
    )


@dataclass(frozen=True)
class AcademicProgress:
    compared: int
    improved: int
    unchanged: int
    declined: int

    @property
    def progress(self) -> Rate:
        return _rate(self.improved, self.compared)


def _direction(before: tuple[int | None, int | None], after: tuple[int | None, int | None]) -> int:
    """+1 improved, 0 unchanged, −1 declined between two (class rank, total): class rank when both are known,
    else the total."""
    (rank_before, total_before), (rank_after, total_after) = before, after
    if rank_before and rank_after:
        return (rank_before > rank_after) - (rank_before < rank_after)
    return (total_after > total_before) - (total_after < total_before)


def academic_progress(school: School | Scope, period: Period) -> AcademicProgress:
    """19 学业进步: among LBC of P with a comparable result in P's semester (the one containing P.end) and the
    previous one: improved (better class rank when both ranks are known, else a higher total), unchanged,
    declined; rate = improved ÷ compared. Each semester's last exam (the last entered, as
    children.selectors.progress_for takes it) is compared. 3 queries (semester, previous, results of the LBC);
    rows read as tuples."""
    directions = list(_progress_directions(school, period).values())
    return AcademicProgress(len(directions), directions.count(1), directions.count(0), directions.count(-1))


def progress_children(school: School | Scope, period: Period, direction: int) -> list[int]:
    """The LBC of figure 19 whose result moved in `direction` (+1 improved, 0 unchanged, −1 declined)."""
    return [child_id for child_id, d in _progress_directions(school, period).items() if d == direction]


def progress_by_class(school: School | Scope, period: Period) -> dict[int, Rate]:
    """Figure 19 per class: class id -> improved ÷ compared among its LBC of P (classes with a comparison).
    4 queries."""
    directions = _progress_directions(school, period)
    classes = dict(children_of(school).filter(pk__in=list(directions)).values_list("pk", "school_class_id"))
    counted: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for child_id, direction in directions.items():
        counted[classes[child_id]][0] += direction == 1
        counted[classes[child_id]][1] += 1
    return {class_id: _rate(improved, compared) for class_id, (improved, compared) in counted.items()}


def _progress_directions(school: School | Scope, period: Period) -> dict[int, int]:
    """Figure 19's comparison: child id -> +1, 0 or −1, for the LBC of P with a result in both semesters."""
    semester = semester_of(school_of(school), period.end)
    previous = _previous_semester(semester) if semester else None
    if semester is None or previous is None:
        return {}
    last: dict[tuple[int, int], tuple[int | None, int | None]] = {}
    for child_id, semester_id, rank, total in (
        AcademicResult.objects.filter(
            child__in=lbc_of(school, period).values("pk"), semester__in=[previous.pk, semester.pk]
        )
        .order_by("child", "pk")
        .values_list("child_id", "semester_id", "class_rank", "total")
    ):
        last[(child_id, semester_id)] = (rank, total)
    return {
        child_id: _direction(last[(child_id, previous.pk)], after)
        for (child_id, semester_id), after in last.items()
        if semester_id == semester.pk and (child_id, previous.pk) in last
    }


# --- 重点帮扶, 留守儿童之家, 关爱力量 ---


@dataclass(frozen=True)
class KeyHelp:
    children: int
    with_plan: int
    plan_reviews: int

    @property
    def without_plan(self) -> int:
        """Flagged on P.end without an individual plan current on P.end: the principal's list to act on."""
        return self.children - self.with_plan


def _current_plans(period: Period) -> QuerySet[KeyHelpPlan]:
    return KeyHelpPlan.objects.filter(start_date__lte=period.end).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=period.end)
    )


def key_help_children(school: School | Scope | Schools, period: Period) -> QuerySet[Child]:
    """LBC of P flagged key-help on P.end, read from the dated history of the archive's flag (`flag_on`),
    aliased `with_plan`: an individual plan current on P.end."""
    return (
        lbc_of(school, period)
        .alias(key_help_then=flag_on(Child, "is_key_help", period.end))
        .filter(key_help_then=True)
        .alias(with_plan=_with_current_plan(period))
    )


def _with_current_plan(period: Period) -> Exists:
    """A child with an individual plan current on P.end. (Given as itself to an aggregate's filter: Django
    loses an alias there when the aggregate runs over a subquery.)"""
    return Exists(_current_plans(period).filter(child=OuterRef("pk")))


def key_help(school: School | Scope, period: Period) -> KeyHelp:
    """20 重点帮扶: LBC of P flagged key-help on P.end, read from the dated history of the archive's flag (a
    child whose plan lapsed is still flagged); of those, with an individual plan (个别帮扶计划) current on
    P.end, and without one (the principal's list to act on); plan reviews dated in P (of children of S).
    2 queries (the children and those with a plan counted in one)."""
    flagged = (
        key_help_children(school, period)
        .order_by()
        .aggregate(children=Count("pk"), with_plan=Count("pk", filter=Q(_with_current_plan(period))))
    )
    reviews = PlanReview.objects.filter(as_scope(school).child_q("plan__child"), date__range=(period.start, period.end))
    return KeyHelp(children=flagged["children"], with_plan=flagged["with_plan"], plan_reviews=reviews.count())


@dataclass(frozen=True)
class ChildrensHomeUse:
    sessions: int
    visits: int  # child × session
    calls: int  # family-phone calls made there
    books: int  # books borrowed


def childrens_home(school: School | Scope, period: Period) -> ChildrensHomeUse:
    """21 留守儿童之家: opening sessions in P, child visits (a child at a session), family-phone calls made
    there (parent contacts started by the child at a session), books borrowed in P; children of S only,
    whatever their status today. Within a Scope, the sessions a child of the scope came to, and the visits,
    calls and loans of the scope's children. 4 queries."""
    scope = as_scope(school)
    sessions = HomeSession.objects.filter(home__school=scope.school, date__range=(period.start, period.end))
    if not scope.whole_school:
        sessions = sessions.filter(
            Exists(HomeSession.children.through.objects.filter(scope.child_q(), homesession=OuterRef("pk")))
        )
    visits = HomeSession.children.through.objects.filter(homesession__in=sessions.values("pk")).filter(
        scope.child_q() if not scope.whole_school else Q(child__deleted_at__isnull=True)
    )
    calls = HomeCall.objects.filter(session__in=sessions.values("pk")).filter(
        scope.child_q("contact__child") if not scope.whole_school else Q(contact__child__deleted_at__isnull=True)
    )
    books = BookLoan.objects.filter(
        scope.child_q(), home__school=scope.school, borrowed_on__range=(period.start, period.end)
    )
    return ChildrensHomeUse(sessions=sessions.count(), visits=visits.count(), calls=calls.count(), books=books.count())


@dataclass(frozen=True)
class CareForce:
    leading_group: int  # members on P.end
    care_staff: int  # staff (not carers) who logged care work in P
    carers_by_kind: tuple[tuple[str, str, int], ...] = ()  # all carers active on P.end, paired or not

    @property
    def carers(self) -> int:
        return sum(n for _v, _l, n in self.carers_by_kind)


def active_carers(school: School | Scope | Schools, period: Period) -> QuerySet[Carer]:
    """Figure 22's carers: the school's carers active on P.end, paired or not, their "active" flag read from
    its dated history (`flag_on`: a carer entered after P.end counts on the flag it was entered with, as
    schools enter their carers late). A Scope counts the school's carers (as the leading group, they belong
    to no class)."""
    schools = as_scope(school).school if isinstance(school, Scope) else school
    return (
        Carer.objects.filter(**_of_schools(schools))
        .alias(active_then=flag_on(Carer, "is_active", period.end))
        .filter(active_then=True)
    )


def care_force(school: School | Scope, period: Period) -> CareForce:
    """22 关爱力量: leading-group members on P.end (of the school year containing P.end, not yet left);
    all carers active on P.end by kind, paired or not (`active_carers`; figure 8 counts the paired ones);
    staff who logged any care work in P (recorded a talk or a parent contact, or visited a home), carers
    with a login left out. Within a Scope, the school's leading group and carers, and the staff who logged
    care work for the scope's children. 3 queries."""
    scope = as_scope(school)
    year = period.end.year if period.end.month >= 8 else period.end.year - 1
    members = LeadingGroupMember.objects.filter(school=scope.school, school_year=year).filter(
        Q(left_on__isnull=True) | Q(left_on__gt=period.end)
    )
    in_p = scope.child_q() & Q(date__range=(period.start, period.end))
    visits_in_p = scope.child_q("homevisit__child") & Q(homevisit__date__range=(period.start, period.end))
    staff = User.objects.exclude(role=Role.CARER).filter(
        Q(pk__in=Talk.objects.filter(in_p).values("recorded_by_id"))
        | Q(pk__in=ParentContact.objects.filter(in_p).values("recorded_by_id"))
        | Q(pk__in=HomeVisit.staff.through.objects.filter(visits_in_p).values("user_id"))
    )
    kinds = dict(
        active_carers(school, period).order_by().values("kind").annotate(n=Count("pk")).values_list("kind", "n")
    )
    by_kind = tuple((value, str(label), kinds[value]) for value, label in CarerKind.choices if value in kinds)
    return CareForce(leading_group=members.count(), care_staff=staff.count(), carers_by_kind=by_kind)


# --- Series for the dashboard's charts ---


def lbc_by_grade_and_type(school: School | Scope, period: Period) -> tuple[tuple[int, str, int], ...]:
    """LBC of P by class grade and archive type ("" when not recorded): (grade, type, children). 1 query."""
    rows = (
        lbc_of(school, period)
        .order_by()
        .values_list("school_class__grade", "left_behind_type")
        .annotate(n=Count("pk"))
        .order_by("school_class__grade", "left_behind_type")
    )
    return tuple((grade, kind, n) for grade, kind, n in rows)


@dataclass(frozen=True)
class MonthOfWork:
    month: date
    talks: int
    visits: int
    contacts: int  # contacts with a parent or the guardian, reached or not


def care_work_by_month(school: School | Scope, period: Period) -> list[MonthOfWork]:
    """Talks, home visits and contacts in P per calendar month (as in figures 9–12), up to the month of
    today: a month that has not begun has no work to show, and a zero there would read as a collapse. 3 queries."""
    counts = []
    for model in (Talk, HomeVisit, ParentContact):
        counts.append(
            dict(
                records_in(model, school, period)
                .order_by()
                .annotate(month=TruncMonth("date"))
                .values("month")
                .annotate(n=Count("pk"))
                .values_list("month", "n")
            )
        )
    months = []
    cursor, last = period.start.replace(day=1), min(period.end, timezone.localdate())
    while cursor <= last:
        months.append(MonthOfWork(cursor, *(_month_count(c, cursor) for c in counts)))
        cursor = Period.of_month(cursor.year, cursor.month).end + timedelta(days=1)
    return months


def _month_count(counts: dict, month: date) -> int:
    # TruncMonth of a date is a date on SQLite and PostgreSQL alike; be tolerant of datetimes.
    for key, n in counts.items():
        day = key.date() if hasattr(key, "date") and callable(key.date) else key
        if day == month:
            return n
    return 0


@dataclass(frozen=True)
class ClassFiling:
    class_id: int
    label: str
    filing: Rate


def filing_by_class(school: School | Scope, period: Period) -> list[ClassFiling]:
    """Figure 7 per class (classes with LBC of P). 1 query."""
    rows = (
        with_completeness(lbc_of(school, period).order_by())
        .values("school_class", "school_class__grade", "school_class__number")
        .annotate(total=Count("pk"), complete=Count("pk", filter=complete_q()))
        .order_by("school_class__grade", "school_class__number")
    )
    return [
        ClassFiling(
            class_id=r["school_class"],
            label=_("Grade %(grade)s Class %(number)s")
            % {"grade": r["school_class__grade"], "number": r["school_class__number"]},
            filing=_rate(r["complete"], r["total"]),
        )
        for r in rows
    ]


# --- 关注名单 and 强制报告: the attention list by tier, safety events counted (never named) ---


@dataclass(frozen=True)
class AttentionTiers:
    on: date  # the day the list was counted
    act_now: int  # 立即处置
    close: int  # 重点关注
    reminder: int  # 提醒

    def by_tier(self) -> list[tuple[str, int]]:
        return [(Tier.ACT_NOW, self.act_now), (Tier.CLOSE, self.close), (Tier.REMINDER, self.reminder)]


def attention_tiers(school: School | Scope, *, today: date | None = None) -> AttentionTiers:
    """Children of S on the attention list (关注名单) by tier: 立即处置, 重点关注, 提醒, as
    pairing.attention.load_attention builds the list (the one engine): the school's active children, the
    school's thresholds, and every open safety event of the school (not only those one viewer may see).

    The list is "now", not a period's: it is counted on `today` (default: today), and that day goes with the
    count. A draft summary or monthly report shows today's count, the one signing or submitting would freeze; a
    signed summary and a submitted report show the count of the day they were signed or submitted, frozen in
    the snapshot. A period with no snapshot holding it (the previous semester when it was never signed, a
    snapshot made before this figure existed) shows "not available": today's list is never passed off as a
    past period's. Within a Scope (a head teacher's classes), the list of the scope's children. 9 queries,
    whatever the number of children."""
    today = today or timezone.localdate()
    found = load_attention(
        children_of(school).active(),
        None,
        today=today,
        safety_events=SafetyEvent.objects.filter(as_scope(school).child_q()),
        limit=0,  # counts only: no entry is built
    )
    return AttentionTiers(
        on=today,
        act_now=found.by_tier[Tier.ACT_NOW],
        close=found.by_tier[Tier.CLOSE],
        reminder=found.by_tier[Tier.REMINDER],
    )


@dataclass(frozen=True)
class SafetyEvents:
    events: int
    open: int  # of those, not closed on P.end
    by_kind: tuple[tuple[str, str, int], ...]  # (kind, label, events), every kind, zeros included


def safety_events(school: School | Scope, period: Period) -> SafetyEvents:
    """强制报告 in P: safety events dated in P of children of S, by kind; open: those of them not closed on
    P.end (no closing day, or closed after P.end), so a frozen count stays true. Counts only: the district
    sees these numbers, never whose they are. 1 query."""
    school_id = school_of(school).pk
    return _safety_by_school(records_in(SafetyEvent, school, period), period).get(school_id) or _safety_of({})


def _safety_by_school(events: QuerySet[SafetyEvent], period: Period) -> dict[int, SafetyEvents]:
    """Figure `safety_events` of each school the events belong to, in one grouped query."""
    rows: dict[int, dict[str, tuple[int, int]]] = {}
    for school_id, kind, n, still_open in (
        events.order_by()
        .values_list("child__school_id", "kind")
        .annotate(
            n=Count("pk"),
            still_open=Count("pk", filter=Q(closed_on__isnull=True) | Q(closed_on__gt=period.end)),
        )
    ):
        rows.setdefault(school_id, {})[kind] = (n, still_open)
    return {school_id: _safety_of(kinds) for school_id, kinds in rows.items()}


def _safety_of(kinds: dict[str, tuple[int, int]]) -> SafetyEvents:
    return SafetyEvents(
        events=sum(n for n, _o in kinds.values()),
        open=sum(o for _n, o in kinds.values()),
        by_kind=tuple((kind, str(label), kinds.get(kind, (0, 0))[0]) for kind, label in SafetyEvent.Kind.choices),
    )


def safety_letters(school: School | Scope, period: Period) -> Rate:
    """安全责任书 signed: LBC of P whose guardian had signed the safety responsibility letter by P.end (the
    letter marked signed, on a day on or before P.end, or on a day not recorded) ÷ LBC of P. The mark has no
    dated history: a letter marked signed after P.end with no day counts. 1 query."""
    signed = Q(safety_letter_signed=True) & (
        Q(safety_letter_signed_on__isnull=True) | Q(safety_letter_signed_on__lte=period.end)
    )
    row = lbc_of(school, period).order_by().aggregate(total=Count("pk"), signed=Count("pk", filter=signed))
    return _rate(row["signed"], row["total"])


# --- All figures of a period, and the cross-checks ---


@dataclass(frozen=True)
class Figures:
    period: Period
    on_roll: StudentsOnRoll
    lbc: LeftBehindCount
    breakdown: Breakdown
    types: TypeCounts
    guardian_kinds: GuardianKinds
    new_and_left: NewAndLeft
    filing: Rate
    pairing: PairingCoverage
    talks: Talks
    visits: Visits
    parent_contacts: ParentContacts
    guardian_contacts: GuardianContacts
    compliance: Compliance
    activities: Activities
    guardian_training: GuardianTraining
    birthdays: int
    medical_exams: int
    assistance: AssistanceFigures
    progress: AcademicProgress
    key_help: KeyHelp
    childrens_home: ChildrensHomeUse
    care_force: CareForce
    over_roll: tuple[ClassOverRoll, ...] = ()  # classes with more LBC than students on roll

    @property
    def lbc_before(self) -> int:
        """LBC of the previous period (figure 6's interval), for the cross-check."""
        return self.new_and_left.before


def figures(school: School | Scope, period: Period, *, today: date | None = None) -> Figures:
    """Every figure of REPORTS.md for a school and a period, in a constant number of queries."""
    on_roll = students_on_roll(school, period)
    return Figures(
        period=period,
        on_roll=on_roll,
        lbc=lbc_count(school, period, on_roll),
        breakdown=lbc_breakdown(school, period),
        types=lbc_types(school, period),
        guardian_kinds=lbc_guardian_kinds(school, period),
        new_and_left=new_and_left(school, period),
        filing=filing_rate(school, period),
        pairing=pairing_coverage(school, period),
        talks=talks(school, period),
        visits=home_visits(school, period),
        parent_contacts=parent_contacts(school, period),
        guardian_contacts=guardian_contacts(school, period),
        compliance=norm_compliance(school, period, today=today),
        activities=activities(school, period),
        guardian_training=guardian_training(school, period),
        birthdays=birthdays(school, period),
        medical_exams=medical_exams(school, period),
        assistance=assistance(school, period),
        progress=academic_progress(school, period),
        key_help=key_help(school, period),
        childrens_home=childrens_home(school, period),
        care_force=care_force(school, period),
        over_roll=classes_over_roll(school, period),
    )


def _rates(f: Figures) -> list[tuple[str, Rate]]:
    named = [
        (_("filing rate"), f.filing),
        (_("pairing coverage"), f.pairing.coverage),
        (_("talk coverage"), f.talks.coverage),
        (_("home-visit coverage"), f.visits.coverage),
        (_("parent-contact coverage"), f.parent_contacts.coverage),
        (_("norm compliance"), f.compliance.overall),
        (_("academic progress"), f.progress.progress),
    ]
    if f.lbc.share is not None:
        named.append((_("share of students on roll"), f.lbc.share))
    if f.parent_contacts.every_month is not None:
        named.append((_("parents reached every month"), f.parent_contacts.every_month))
    return named


def cross_checks(f: Figures) -> list[str]:
    """勾稽关系: the failures, as sentences a principal can act on; an empty list means all hold.

    - LBC of P = Σ by grade = Σ by gender = Σ by type (the four archive types) = Σ by guardian kind
      = Σ by boarding.
    - LBC of P = LBC of the previous period + new − left, over the interval P closes (figure 6).
    - For every class: its LBC on P.end ≤ its students on roll.
    - No rate is over 100 %, and none has a numerator without a denominator.
    """
    total = f.lbc.children
    failures = []
    sums = [
        (_("by grade"), sum(n for _g, n in f.breakdown.by_grade)),
        (_("by gender"), sum(n for _v, _l, n in f.breakdown.by_gender)),
        (_("by left-behind type"), sum(n for _v, _l, n in f.types.by_type)),
        (_("by guardian kind"), f.guardian_kinds.total),
        (_("by boarding"), f.breakdown.boarding + f.breakdown.day_pupils),
    ]
    for label, value in sums:
        if value != total:
            failures.append(
                _("The left-behind children %(split)s add up to %(sum)s, not to the total of %(total)s.")
                % {"split": label, "sum": value, "total": total}
            )
    if f.types.not_recorded:
        failures.append(
            _("%(n)s left-behind children have no left-behind type in their archive.") % {"n": f.types.not_recorded}
        )
    expected = f.lbc_before + f.new_and_left.new - f.new_and_left.left
    if expected != total:
        failures.append(
            _(
                "%(before)s left-behind children before the period, plus %(new)s new, minus %(left)s who left, "
                "make %(expected)s, not the %(total)s at its end."
            )
            % {
                "before": f.lbc_before,
                "new": f.new_and_left.new,
                "left": f.new_and_left.left,
                "expected": expected,
                "total": total,
            }
        )
    for c in f.over_roll:
        failures.append(
            _("%(class)s has %(children)s left-behind children but %(students)s students on roll.")
            % {"class": c.label, "children": c.children, "students": c.students}
        )
    for label, rate in _rates(f):
        if rate.numerator > rate.denominator or rate.numerator < 0:
            failures.append(
                _("The %(figure)s is %(numerator)s of %(denominator)s: over 100 %%.")
                % {"figure": label, "numerator": rate.numerator, "denominator": rate.denominator}
            )
    return failures


# --- The roll-up's figures for a set of schools (the district's live roll-up of the open window) ---

ROLLUP_KEYS = (
    "lbc",
    "edu_single",
    "edu_double",
    "civil",
    *[f"type:{v}" for v in LeftBehindType.values],
    "new",
    "left",
    "filing",
    "pairing",
    "talk_coverage",
    "visit_coverage",
    "contact_coverage",
    "talks",
    "visits",
    "contacts",
    "activities",
    "assistance_total",
    "childrens_home",
    "safety_events",
    *[f"safety:{v}" for v in SafetyEvent.Kind.values],
    "safety_open",
)


def _grouped(queryset: QuerySet, school_field: str, **aggregates) -> dict[int, dict]:
    return {
        row.pop(school_field): row for row in queryset.order_by().values(school_field).annotate(**aggregates).order_by()
    }


def by_school(schools: Schools, period: Period) -> dict[int, dict[str, object]]:
    """The roll-up's figures for every school of a set, grouped by school: LBC of P (2), by type (4), new and
    left (6), filing rate (7), pairing coverage (8), talks, visits and parent contacts with their coverage
    (9–11), activities (14), assistance yuan (18), children's-home child visits (21) and the safety events
    (强制报告, by kind and still open, as `safety_events`). The same definitions
    and querysets as the per-school functions above (a test compares them school by school); values as in a
    snapshot's rows (an int, {"n", "d"} for a rate, {"yuan"} for money). Counts only, never a name.

    Figure 13 (norm compliance) is not here: the compliance engine walks every child in Python, which a
    district of 200 schools cannot afford per page; it is counted when a school submits, as is the attention
    list by tier (a list of the day, not of a period). 10 queries whatever the number of schools; a school
    without any child or record gets zeros."""
    talks_in = records_in(Talk, schools, period)
    visits_in = records_in(HomeVisit, schools, period)
    contacts_in = parent_contacts_in(schools, period)
    current = Pairing.objects.current(period.end)

    def covered(records: QuerySet) -> Count:
        # "LBC with at least one record": one uncorrelated IN per family, read once (a correlated EXISTS per
        # child was 1.5x slower on SQLite at 10,000 children; same meaning as `_coverage`).
        return Count("pk", filter=Q(pk__in=records.values("child_id")))

    lbc = _grouped(
        with_completeness(lbc_of(schools, period).order_by()),
        "school_id",
        total=Count("pk"),
        complete=Count("pk", filter=complete_q()),
        paired=covered(current),
        talked=covered(talks_in),
        visited=covered(visits_in),
        reached=covered(contacts_in.filter(reached=True)),
        **_type_counts(period),
    )
    new = _grouped(new_children(schools, period), "school_id", n=Count("pk"))
    left = _grouped(left_children(schools, period), "school_id", n=Count("pk"))
    talks_n = _grouped(talks_in, "child__school_id", n=Count("pk"))
    visits_n = _grouped(visits_in, "child__school_id", n=Count("pk"))
    contacts_n = _grouped(contacts_in, "child__school_id", n=Count("pk"))
    activities_n = _grouped(
        Activity.objects.filter(**_of_schools(schools), date__range=(period.start, period.end)),
        "school_id",
        n=Count("pk"),
    )
    assistance_y = _grouped(
        records_in(Assistance, schools, period), "child__school_id", y=Sum("amount", output_field=MONEY)
    )
    home_visits_n = _grouped(
        HomeSession.children.through.objects.filter(
            **_of_schools(schools, "homesession__home__school"),
            homesession__date__range=(period.start, period.end),
            child__deleted_at__isnull=True,
        ),
        "homesession__home__school_id",
        n=Count("pk"),
    )
    safety = _safety_by_school(records_in(SafetyEvent, schools, period), period)
    ids = {s.pk for s in schools} if not isinstance(schools, School) else {schools.pk}
    result = {}
    for pk in ids:
        row = lbc.get(pk) or dict.fromkeys(["total", "complete", "paired", "talked", "visited", "reached"], 0)
        total = row["total"]
        types = {v: row.get(f"t_{v}", 0) for v in LeftBehindType.values}
        result[pk] = {
            "lbc": total,
            "edu_single": sum(n for v, n in types.items() if v != LeftBehindType.BOTH_AWAY),
            "edu_double": types[LeftBehindType.BOTH_AWAY],
            "civil": row.get("civil", 0),
            **{f"type:{v}": n for v, n in types.items()},
            "new": new.get(pk, {}).get("n", 0),
            "left": left.get(pk, {}).get("n", 0),
            "filing": {"n": row["complete"], "d": total},
            "pairing": {"n": row["paired"], "d": total},
            "talk_coverage": {"n": row["talked"], "d": total},
            "visit_coverage": {"n": row["visited"], "d": total},
            "contact_coverage": {"n": row["reached"], "d": total},
            "talks": talks_n.get(pk, {}).get("n", 0),
            "visits": visits_n.get(pk, {}).get("n", 0),
            "contacts": contacts_n.get(pk, {}).get("n", 0),
            "activities": activities_n.get(pk, {}).get("n", 0),
            "assistance_total": {"yuan": str(_yuan(assistance_y.get(pk, {}).get("y")))},
            "childrens_home": home_visits_n.get(pk, {}).get("n", 0),
            **safety_keys(safety.get(pk) or _safety_of({})),
        }
    return result


def safety_keys(events: SafetyEvents) -> dict[str, int]:
    """A school's safety events as the snapshot's keys (reports.summary.alert_rows)."""
    return {
        "safety_events": events.events,
        **{f"safety:{kind}": n for kind, _label, n in events.by_kind},
        "safety_open": events.open,
    }
