"""Reporting rates and timeliness of the monthly reports (REPORTS.md, "Reporting rates and timeliness"; each
docstring is its definition there).

Each figure takes the schools (a queryset: a district's, later a prefecture's or a province's) and a month or a
range of months ("YYYY-MM" keys of monthly-report windows), or a `Reporting` already loaded for them, so
that a page showing several figures loads once. Loading is 5 queries whatever the number of schools and
months: the schools, their districts' report settings, their reports' versions (without the snapshots), and
count_reports' two.

- A school's window for month M is the one its report's first version fixed, else the one its district's
  report day gives (reports.monthly.window).
- Expected: the (school, month) pairs the school owes a report for (reports.monthly.is_due: from the day it
  started using the system, up to the day it closed or merged, in the months its district asks for; the
  summer holiday is not due unless asked for). A report submitted for a month not due counts nowhere, so
  no rate is ever above 100 %.
- Reported: expected reports with at least one submitted version (a version the district returned counts:
  the school reported, and the return waits for its resubmission).
- On time: reported by the due day, from the first submission (reports.monthly.days_late).

The rates themselves are counted in SQL (count_reports), grouped by any unit of the schools (a school, a
county, a prefecture): the county's home and the levels above it (reports.levels) call the same function,
and a province's 20,000 schools cost what a county's do. The per-school states (load_reporting) give the
lists of schools to follow up, by the same rule (reports.monthly.is_due, days_late).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import TruncDate
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone
from django.utils.translation import gettext as _

from organisation.models import School
from reports.figures import Period, Rate
from reports.models import DistrictReportSettings, MonthlyReport
from reports.monthly import (
    ReportState,
    Status,
    Window,
    is_due,
    month_due_q,
    month_is_due,
    school_due_q,
    state_of,
    window,
)

Months = str | Iterable[str]


def _keys(months: Months) -> list[str]:
    return [months] if isinstance(months, str) else list(months)


def _year_month(key: str) -> tuple[int, int]:
    year, month = (int(part) for part in key.split("-"))
    return year, month


@dataclass(frozen=True)
class Counts:
    """Reports of some schools for some months: expected, reported (expected with a submitted version) and
    on time (expected, first submitted by the due day). Counts add up: a totals row is the sum of its rows."""

    expected: int = 0
    reported: int = 0
    on_time: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.expected + other.expected, self.reported + other.reported, self.on_time + other.on_time)

    @property
    def reporting_rate(self) -> Rate:
        return Rate(self.reported, self.expected)

    @property
    def on_time_rate(self) -> Rate:
        return Rate(self.on_time, self.expected)

    @property
    def not_submitted(self) -> int:
        """Expected and not submitted (yet: before the due day, not missing)."""
        return self.expected - self.reported

    @property
    def late(self) -> int:
        """Expected, and first submitted after the due day."""
        return self.reported - self.on_time


def _settings_of(schools: QuerySet[School]) -> list[DistrictReportSettings]:
    return list(DistrictReportSettings.objects.filter(district_id__in=schools.order_by().values("district_id")))


def count_reports(
    schools: QuerySet[School],
    months: Months,
    *,
    by: str | None = None,
    asked: list[DistrictReportSettings] | None = None,
) -> dict[tuple[object, str], Counts]:
    """Expected, reported and on-time reports of the schools, per (unit, month): the unit is the value of the
    School field path `by` ("pk", "district_id", "district__prefecture_id"; None: all the schools, unit
    None). A unit or month without an expected report may be absent. The rule is load_reporting's, counted
    in SQL: a school with a version for the month is judged by the window its versions fixed and its
    first submission; one without, by its district's report day. 3 queries whatever the number of schools
    and months (2 with `asked`, the settings of the schools' districts): the settings, the schools without a
    report for the month, the reports."""
    keys = _keys(months)
    if not keys:
        return {}
    asked = _settings_of(schools) if asked is None else asked
    found: dict[tuple[object, str], Counts] = {}

    def add(unit, key, counts: Counts) -> None:
        found[(unit, key)] = found.get((unit, key), Counts()) + counts

    # Schools without any version for the month: their district's window.
    with_settings = [row.district_id for row in asked]
    counts = {}
    for index, key in enumerate(keys):
        year, month = _year_month(key)
        due = []
        for day in sorted({row.report_day for row in asked} | {DistrictReportSettings().report_day}):
            w = _district_window(year, month, day)
            ids = [row.district_id for row in asked if row.report_day == day and month_is_due(w, row)]
            if ids:
                due.append(Q(district_id__in=ids) & school_due_q(w.period.end, w.due_on))
            if day == DistrictReportSettings().report_day and month_is_due(w, DistrictReportSettings()):
                others = ~Q(district_id__in=with_settings) if with_settings else Q()
                due.append(others & school_due_q(w.period.end, w.due_on))
        if due:
            none = ~Exists(MonthlyReport.objects.filter(school=OuterRef("pk"), year=year, month=month))
            counts[f"m{index}"] = Count("pk", filter=Q(none) & functools.reduce(Q.__or__, due))
    if counts:
        rows = schools.order_by()
        for row in [rows.aggregate(**counts)] if by is None else rows.values(unit=F(by)).annotate(**counts):
            for name, expected in row.items():
                if name != "unit" and expected:
                    add(row.get("unit"), keys[int(name[1:])], Counts(expected=expected))

    # Schools with a version: one row per school and month, its first submitted version, else its draft (a
    # month has one draft at most); every version of a month carries the window the first one fixed.
    same = {"school": OuterRef("school"), "year": OuterRef("year"), "month": OuterRef("month")}
    submitted = MonthlyReport.objects.filter(**same, submitted_at__isnull=False)
    earlier = submitted.filter(
        Q(submitted_at__lt=OuterRef("submitted_at"))
        | Q(submitted_at=OuterRef("submitted_at"), version__lt=OuterRef("version"))
    )
    first = (Q(submitted_at__isnull=True) & ~Exists(submitted)) | (Q(submitted_at__isnull=False) & ~Exists(earlier))
    of_month = [Q(year=year, month=month) for year, month in map(_year_month, keys)]
    when = functools.reduce(Q.__or__, of_month)
    due = functools.reduce(
        Q.__or__,
        [
            q & month_due_q(year, month, asked, district="school__district_id", start="period_start", end="period_end")
            for q, (year, month) in zip(of_month, map(_year_month, keys), strict=True)
        ],
    ) & school_due_q(F("period_end"), F("due_on"), school="school__")
    on_time = LessThanOrEqual(TruncDate("submitted_at", tzinfo=timezone.get_current_timezone()), F("due_on"))
    reports = MonthlyReport.objects.filter(when, first, school__in=schools.order_by().values("pk")).order_by()
    group = ["year", "month"] if by is None else ["unit", "year", "month"]
    if by is not None:
        reports = reports.annotate(unit=F(f"school__{by}"))
    for row in reports.values(*group).annotate(
        expected=Count("pk", filter=due),
        reported=Count("pk", filter=due & Q(submitted_at__isnull=False)),
        on_time=Count("pk", filter=due & Q(on_time)),
    ):
        add(
            row.get("unit"),
            f"{row['year']}-{row['month']:02d}",
            Counts(row["expected"], row["reported"], row["on_time"]),
        )
    return found


@dataclass
class Reporting:
    """The schools, each (school, month) report's state and the months' counts, loaded once (load_reporting)."""

    schools: list[School]
    months: list[str]
    states: dict[tuple[int, str], ReportState] = field(default_factory=dict)
    counts: dict[str, Counts] = field(default_factory=dict)  # count_reports of all the schools, per month

    def counted(self, months: Months) -> Counts:
        wanted = _keys(months)
        missing = set(wanted) - set(self.months)
        if missing:
            raise ValueError(f"Months not loaded: {sorted(missing)}")
        return sum((self.counts.get(key, Counts()) for key in wanted), Counts())

    def of(self, months: Months) -> list[tuple[School, ReportState]]:
        """(school, state) of the loaded months asked for, by month then by school code."""
        wanted = _keys(months)
        missing = set(wanted) - set(self.months)
        if missing:
            raise ValueError(f"Months not loaded: {sorted(missing)}")
        return [(school, self.states[(school.pk, key)]) for key in wanted for school in self.schools]


def load_reporting(schools: QuerySet[School], months: Months, *, today: date | None = None) -> Reporting:
    """The state of every school's report for every month, and the months' counts (count_reports): 5 queries."""
    today = today or timezone.localdate()
    keys = _keys(months)
    listed = list(schools.order_by("code"))
    asked = {
        row.district_id: row
        for row in DistrictReportSettings.objects.filter(district_id__in={s.district_id for s in listed})
    }
    wanted = [_year_month(key) for key in keys]
    when = Q(pk__in=[])
    for year, month in wanted:
        when |= Q(year=year, month=month)
    versions: dict[tuple[int, int, int], list[MonthlyReport]] = {}
    reports = MonthlyReport.objects.filter(when, school__in=[s.pk for s in listed]).only(
        "school_id",
        "year",
        "month",
        "version",
        "period_start",
        "period_end",
        "due_on",
        "submitted_at",
        "returned_at",
        "accepted_at",
        "return_comment",
        "warning_reason",
    )
    for report in reports.order_by("version"):
        versions.setdefault((report.school_id, report.year, report.month), []).append(report)
    loaded = Reporting(schools=listed, months=keys)
    counted = count_reports(schools, keys, asked=list(asked.values()))
    loaded.counts = {key: counts for (_unit, key), counts in counted.items()}
    for district_id in {s.district_id for s in listed} - set(asked):
        asked[district_id] = DistrictReportSettings(district_id=district_id)  # the defaults
    for school in listed:
        settings = asked[school.district_id]
        for key, (year, month) in zip(keys, wanted, strict=True):
            found = versions.get((school.pk, year, month), [])
            w = _window_of(found, year, month, settings.report_day)
            loaded.states[(school.pk, key)] = state_of(w, found, today, due=is_due(school, w, settings))
    return loaded


def _window_of(versions: list[MonthlyReport], year: int, month: int, report_day: int) -> Window:
    """The window the report's first version fixed, else the one the district's report day gives."""
    if versions:
        first = versions[0]
        return Window(year, month, Period(first.period_start, first.period_end), first.due_on)
    return _district_window(year, month, report_day)


@functools.lru_cache(maxsize=1024)
def _district_window(year: int, month: int, report_day: int) -> Window:
    return window(year, month, report_day)  # a frozen dataclass: the same for every school of the district


def _loaded(schools: QuerySet[School] | Reporting, months: Months) -> Reporting:
    return schools if isinstance(schools, Reporting) else load_reporting(schools, months)


def expected_reports(schools: QuerySet[School] | Reporting, months: Months) -> list[tuple[School, ReportState]]:
    """Expected reports: the (school, month) pairs the school owes a report for (reports.monthly.is_due:
    from the day it started using the system, up to the day it closed or merged, in the months the district
    asks for; the summer holiday is not due unless asked for)."""
    return [(school, state) for school, state in _loaded(schools, months).of(months) if state.due]


def _reported(state: ReportState) -> bool:
    return state.due and state.submitted is not None


def is_on_time(state: ReportState) -> bool:
    """An expected report first submitted on or before its due day."""
    return _reported(state) and state.submitted_late == 0


def reporting_rate(schools: QuerySet[School] | Reporting, months: Months) -> Rate:
    """Reporting rate (上报率): expected reports with at least one submitted version ÷ expected reports, over
    the month or months. A version the district returned counts as reported. A report submitted for a
    month not due counts in neither, so the rate is never above 100 %. Counted by count_reports."""
    return _loaded(schools, months).counted(months).reporting_rate


def on_time_rate(schools: QuerySet[School] | Reporting, months: Months) -> Rate:
    """On-time rate (按时上报率): expected reports first submitted on or before their due day (the report
    day of the month) ÷ expected reports. A return and a resubmission after the due day do not make a report
    submitted on time late. Counted by count_reports."""
    return _loaded(schools, months).counted(months).on_time_rate


def missing_reports(schools: QuerySet[School] | Reporting, month: str) -> list[tuple[School, ReportState]]:
    """Missing reports (未报): schools that owe the month's report, past its due day, with no submitted
    version (none, or a draft), with the days since the due day."""
    return [(school, s) for school, s in expected_reports(schools, month) if s.submitted is None and s.days_late > 0]


def late_reports(schools: QuerySet[School] | Reporting, month: str) -> list[tuple[School, ReportState]]:
    """Late reports (迟报): schools whose report for the month was first submitted after its due day, with
    the days late."""
    return [(school, s) for school, s in expected_reports(schools, month) if _reported(s) and s.submitted_late > 0]


def returns_waiting(schools: QuerySet[School] | Reporting, months: Months) -> list[tuple[School, ReportState]]:
    """Returns waiting for a resubmission (退回待重报): reports of the months whose latest submitted version
    the district returned and the school has not submitted again, oldest month first."""
    return [(school, s) for school, s in _loaded(schools, months).of(months) if s.status == Status.RETURNED]


@dataclass(frozen=True)
class TrendPoint:
    key: str
    window: Window | None
    reporting: Rate
    on_time: Rate
    due_passed: bool  # the due day has passed: the month's figures are final unless a school still submits


def reporting_trend(
    schools: QuerySet[School] | Reporting, months: Months, *, today: date | None = None
) -> list[TrendPoint]:
    """The reporting rate and the on-time rate of each month, in the order given (a school year's trend)."""
    today = today or timezone.localdate()
    loaded = _loaded(schools, months)
    points = []
    for key in _keys(months):
        rows = loaded.of(key)
        w = rows[0][1].window if rows else None
        points.append(
            TrendPoint(
                key=key,
                window=w,
                reporting=reporting_rate(loaded, key),
                on_time=on_time_rate(loaded, key),
                due_passed=w is not None and today > w.due_on,
            )
        )
    return points


def school_year_months(current: Window) -> list[str]:
    """The months of the school year up to the current window: from September's window (the school year
    starts in September) to `current`."""
    year = current.year if current.month >= 9 else current.year - 1
    keys = []
    cursor = (year, 9)
    while cursor <= (current.year, current.month):
        keys.append(f"{cursor[0]}-{cursor[1]:02d}")
        cursor = (cursor[0] + 1, 1) if cursor[1] == 12 else (cursor[0], cursor[1] + 1)
    return keys


@dataclass
class Overview:
    """What the district home shows of its schools' reporting: the chosen month's rates and schools to
    follow up, the returns waiting over the school year, and the school year's trend (table and chart)."""

    current: str
    chosen: TrendPoint
    months: list[str]
    trend: list[TrendPoint]
    missing: list[tuple[School, ReportState]]
    late: list[tuple[School, ReportState]]
    returned: list[tuple[School, ReportState]]
    chart: dict


def overview(
    schools: QuerySet[School], current: Window, *, chosen: str | None = None, today: date | None = None
) -> Overview:
    """The district home's reporting figures for the school year up to the `current` window; `chosen` (a
    month of it) defaults to the last month already due. 5 queries (load_reporting)."""
    today = today or timezone.localdate()
    months = school_year_months(current)
    loaded = load_reporting(schools, months, today=today)
    trend = reporting_trend(loaded, months, today=today)
    if chosen not in months:
        passed = [point.key for point in trend if point.due_passed]
        chosen = passed[-1] if passed else current.key
    point = next(p for p in trend if p.key == chosen)

    def series(rates: list[Rate]) -> list[float | None]:
        return [float(r.rate) if r.rate is not None else None for r in rates]

    chart = {
        "title": str(_("Reporting over the school year (%)")),
        "categories": months,
        "max": 100,
        "type": "line",
        "series": [
            {"name": str(_("Reporting rate")), "data": series([p.reporting for p in trend])},
            {"name": str(_("On-time rate")), "data": series([p.on_time for p in trend])},
        ],
    }
    return Overview(
        current=current.key,
        chosen=point,
        months=months,
        trend=trend,
        missing=missing_reports(loaded, chosen),
        late=late_reports(loaded, chosen),
        returned=returns_waiting(loaded, months),
        chart=chart,
    )
