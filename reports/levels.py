"""The levels above the school: a county (district), a prefecture (市) and a province (省), each rolled up from
the frozen monthly figures (reports.monthly_figures) of the schools below it, one row per unit of the level
below (a province's prefectures, a prefecture's counties, a county's schools), side by side with a totals row
that is the sum of the rows (totals = Σ). Counts only, never a name. Which areas a user may open is
organisation.scoping (`districts_for`, `prefectures_for`); an area outside it is a 404.

The sums are one grouped query over the table, however many children the area holds: a province's page costs
what a county's does. Beside them, each row's reporting: reports expected, submitted, the reporting and
on-time rates, by the county's own rule (reports.rates.count_reports, grouped by the unit below)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, F, Q, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from organisation import scoping
from organisation.models import District, Prefecture, Province, School, User
from organisation.roles import Role
from reports.district import COLUMNS, display
from reports.figures import Rate
from reports.models import MonthlyFigures, PeriodApproval, SemesterFigures
from reports.monthly_figures import FIELDS, column_value
from reports.rates import Counts, count_reports

PROVINCE, PREFECTURE, DISTRICT = "province", "prefecture", "district"
LEVEL_LABELS = {PROVINCE: _("Province"), PREFECTURE: _("Prefecture"), DISTRICT: _("County")}
BELOW_LABELS = {PROVINCE: _("Prefecture"), PREFECTURE: _("County"), DISTRICT: _("School")}
# How the frozen figures and the schools of an area are found, and grouped by the unit of the level below.
_AREA = {PROVINCE: "district__prefecture__province_id", PREFECTURE: "district__prefecture_id", DISTRICT: "district_id"}
_GROUP = {PROVINCE: "district__prefecture_id", PREFECTURE: "district_id", DISTRICT: "school_id"}
_SCHOOL_GROUP = {PROVINCE: "district__prefecture_id", PREFECTURE: "district_id", DISTRICT: "pk"}


@dataclass(frozen=True)
class Area:
    level: str
    unit: Province | Prefecture | District

    @property
    def pk(self) -> int:
        return self.unit.pk


def own_area(user: User) -> Area:
    """The area an officer answers for; 404 for anyone else."""
    if user.is_authenticated and user.role == Role.PROVINCE_OFFICER and user.province_id:
        return Area(PROVINCE, user.province)
    if user.is_authenticated and user.role == Role.PREFECTURE_OFFICER and user.prefecture_id:
        return Area(PREFECTURE, user.prefecture)
    if user.is_authenticated and user.role == Role.DISTRICT_OFFICER and user.district_id:
        return Area(DISTRICT, user.district)
    raise Http404


def area_for(user: User, level: str, pk: int) -> Area:
    """An area the user may see (their own or one below it), or 404."""
    if level == DISTRICT:
        return Area(DISTRICT, get_object_or_404(scoping.districts_for(user), pk=pk))
    if level == PREFECTURE:
        return Area(PREFECTURE, get_object_or_404(scoping.prefectures_for(user), pk=pk))
    if level == PROVINCE and user.is_authenticated and user.role == Role.PROVINCE_OFFICER and user.province_id == pk:
        return Area(PROVINCE, user.province)
    raise Http404


@dataclass
class LevelRow:
    unit: Prefecture | District | School | None  # None for the totals row
    values: list  # one per COLUMNS entry: int, Rate, Decimal or None
    schools: int = 0
    submitted: int = 0
    accepted: int = 0
    approved: bool | None = None  # a county's or prefecture's month approved; None for a school row
    reporting: Counts = field(default_factory=Counts)  # the month's reports expected, reported, on time (reports.rates)

    @property
    def cells(self) -> list[str]:
        return [display(value) for value in self.values]


@dataclass
class LevelRollup:
    area: Area
    year: int  # the month's year, or the semester's school year
    month: int | None  # None for a semester
    columns: list[tuple[str, str, str]]
    rows: list[LevelRow]
    totals: LevelRow
    approved: PeriodApproval | None  # the area's own approval of the month
    term: int | None = None  # a semester's term (1 autumn, 2 spring); None for a month

    @property
    def below(self) -> str:
        return {PROVINCE: PREFECTURE, PREFECTURE: DISTRICT, DISTRICT: "school"}[self.area.level]

    @property
    def not_submitted(self) -> list[LevelRow]:
        """The rows (a county's schools, or the units below with such schools) with an expected report not
        submitted."""
        return [row for row in self.rows if row.reporting.not_submitted]

    @property
    def late(self) -> list[LevelRow]:
        """The rows with an expected report first submitted after its due day."""
        return [row for row in self.rows if row.reporting.late]


def _units(area: Area):
    if area.level == PROVINCE:
        return Prefecture.objects.filter(province_id=area.pk).order_by("code")
    if area.level == PREFECTURE:
        return District.objects.filter(prefecture_id=area.pk).order_by("code")
    return School.objects.filter(district_id=area.pk).order_by("code")


def totals_of(rows: list[LevelRow]) -> LevelRow:
    """The totals row: each column the sum of the rows' values (a rate: Σ numerators over Σ denominators); a
    column no row has a value for stays empty."""
    totals = []
    for index, (_key, _label, kind) in enumerate(COLUMNS):
        values = [row.values[index] for row in rows if row.values[index] is not None]
        if not values:
            totals.append(None)
        elif kind == "rate":
            totals.append(Rate(sum(v.numerator for v in values), sum(v.denominator for v in values)))
        else:
            totals.append(sum(values))
    return LevelRow(
        unit=None,
        values=totals,
        schools=sum(r.schools for r in rows),
        submitted=sum(r.submitted for r in rows),
        accepted=sum(r.accepted for r in rows),
        reporting=sum((r.reporting for r in rows), Counts()),
    )


def _sums(rows, area: Area, counts: dict, group: bool) -> list[dict]:
    """A frozen figures table's rows of the area summed per unit below (or for the whole area): one query."""
    rows = rows.filter(**{_AREA[area.level]: area.pk}).order_by()
    sums = {name: Sum(name) for name in FIELDS}
    if not group:
        return [rows.aggregate(**sums, **counts)]
    return list(rows.values(unit=F(_GROUP[area.level])).annotate(**sums, **counts))


def area_sums(area: Area, year: int, month: int, *, group: bool = True) -> list[dict]:
    """The frozen figures of the area's schools for the month, summed per unit below (or for the whole area
    without `group`): one query."""
    counts = {"submitted": Count("pk"), "accepted": Count("pk", filter=Q(accepted=True))}
    return _sums(MonthlyFigures.objects.filter(year=year, month=month), area, counts, group)


def area_semester_sums(area: Area, school_year: int, term: int, *, group: bool = True) -> list[dict]:
    """The frozen figures of the area's signed semester summaries, summed per unit below ("submitted" counts
    the schools that signed): one query."""
    rows = SemesterFigures.objects.filter(school_year=school_year, term=term)
    return _sums(rows, area, {"submitted": Count("pk")}, group)


def area_semesters(area: Area) -> list[tuple[int, int]]:
    """The semesters for which a school of the area signed a summary, latest first: one query."""
    rows = SemesterFigures.objects.filter(**{_AREA[area.level]: area.pk}).order_by("-school_year", "-term")
    return list(rows.values_list("school_year", "term").distinct())


def _schools_per_unit(area: Area) -> dict[int, int]:
    return dict(
        School.objects.filter(**{_AREA[area.level]: area.pk})
        .order_by()
        .values(unit=F(_SCHOOL_GROUP[area.level]))
        .annotate(n=Count("pk"))
        .values_list("unit", "n")
    )


def area_reporting(area: Area, year: int, month: int) -> dict[int, Counts]:
    """The month's reports expected, reported and on time of the area's schools, per unit below (its pk): the
    county's rule (reports.rates.count_reports) grouped in SQL. 3 queries whatever the size of the area."""
    key = f"{year}-{month:02d}"
    schools = School.objects.filter(**{_AREA[area.level]: area.pk})
    counted = count_reports(schools, key, by=_SCHOOL_GROUP[area.level])
    return {unit: counts for (unit, _key), counts in counted.items()}


def level_rollup(area: Area, year: int, month: int) -> LevelRollup:
    """The area's roll-up for the month (window key YYYY-MM) from the frozen figures: one row per unit below
    with its schools, reports submitted and accepted, approval, reporting (reports.rates.count_reports) and
    the district roll-up's columns; totals = Σ. 7 or 8 queries whatever the size of the area: units, sums,
    schools per unit, approvals below (not for a county), the area's own (not for a province), and the
    reporting's three (area_reporting)."""
    units = list(_units(area))
    sums = {row["unit"]: row for row in area_sums(area, year, month)}
    reporting = area_reporting(area, year, month)
    schools = _schools_per_unit(area)
    approved_below, own = _approvals(area, {"year": year, "month": month, "term": None})
    rows = []
    for unit in units:
        found = sums.get(unit.pk, {})
        rows.append(
            LevelRow(
                unit=unit,
                values=[column_value(found, key, kind) for key, _label, kind in COLUMNS],
                schools=schools.get(unit.pk, 0),
                submitted=found.get("submitted", 0),
                accepted=found.get("accepted", 0),
                approved=(unit.pk in approved_below) if area.level != DISTRICT else None,
                reporting=reporting.get(unit.pk, Counts()),
            )
        )
    return LevelRollup(
        area=area, year=year, month=month, columns=_columns(), rows=rows, totals=totals_of(rows), approved=own
    )


def _approvals(area: Area, period: dict) -> tuple[set[int], PeriodApproval | None]:
    """The units below that approved the period (none below a county) and the area's own approval (none for a
    province): a query each where they apply. `period` is year with month or term (reports.approvals)."""
    approved_below: set[int] = set()
    if area.level == PROVINCE:
        rows = PeriodApproval.objects.filter(prefecture__province_id=area.pk, **period)
        approved_below = set(rows.values_list("prefecture_id", flat=True))
    elif area.level == PREFECTURE:
        rows = PeriodApproval.objects.filter(district__prefecture_id=area.pk, **period)
        approved_below = set(rows.values_list("district_id", flat=True))
    own = None
    if area.level in (PREFECTURE, DISTRICT):
        own = PeriodApproval.objects.filter(**{area.level: area.unit}, **period).first()
    return approved_below, own


def _columns() -> list[tuple[str, str, str]]:
    return [(key, str(label), kind) for key, label, kind in COLUMNS]


def semester_level_rollup(area: Area, school_year: int, term: int) -> LevelRollup:
    """The area's roll-up for a semester from the frozen semester figures (each school's latest signed summary):
    one row per unit below with its schools, the summaries signed and its approval, the district roll-up's
    columns, totals = Σ. 4 or 5 queries whatever the size of the area: units, sums, schools per unit, approvals
    below (not for a county), the area's own (not for a province)."""
    units = list(_units(area))
    sums = {row["unit"]: row for row in area_semester_sums(area, school_year, term)}
    schools = _schools_per_unit(area)
    approved_below, own = _approvals(area, {"year": school_year, "month": None, "term": term})
    rows = [
        LevelRow(
            unit=unit,
            values=[column_value(sums.get(unit.pk, {}), key, kind) for key, _label, kind in COLUMNS],
            schools=schools.get(unit.pk, 0),
            submitted=sums.get(unit.pk, {}).get("submitted", 0),
            approved=(unit.pk in approved_below) if area.level != DISTRICT else None,
        )
        for unit in units
    ]
    return LevelRollup(
        area=area,
        year=school_year,
        month=None,
        term=term,
        columns=_columns(),
        rows=rows,
        totals=totals_of(rows),
        approved=own,
    )
