"""Reporting rates and timeliness of the monthly reports (REPORTS.md, "Reporting rates and timeliness"; each
docstring is its definition there).

Each figure takes the schools (a queryset: a district's, later a prefecture's or a province's) and a month or a
range of months ("YYYY-MM" keys of monthly-report windows), or a `Reporting` already loaded for them, so
that a page showing several figures loads once. Loading is 3 queries whatever the number of schools and
months: the schools, their districts' report settings, their reports' versions (without the snapshots).

- A school's window for month M is the one its report's first version fixed, else the one its district's
  report day gives (reports.monthly.window).
- Expected: the (school, month) pairs the school owes a report for (reports.monthly.is_due: from the day it
  started using the system, up to the day it closed or merged, in the months its district asks for; the
  summer holiday is not due unless asked for). A report submitted for a month not due counts nowhere, so
  no rate is ever above 100 %.
- Reported: expected reports with at least one submitted version (a version the district returned counts:
  the school reported, and the return waits for its resubmission).
- On time: reported by the due day, from the first submission (reports.monthly.days_late).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from organisation.models import School
from reports.figures import Period, Rate
from reports.models import DistrictReportSettings, MonthlyReport
from reports.monthly import ReportState, Status, Window, is_due, state_of, window

Months = str | Iterable[str]


def _keys(months: Months) -> list[str]:
    return [months] if isinstance(months, str) else list(months)


def _year_month(key: str) -> tuple[int, int]:
    year, month = (int(part) for part in key.split("-"))
    return year, month


@dataclass
class Reporting:
    """The schools, and each (school, month) report's state, loaded once (load_reporting)."""

    schools: list[School]
    months: list[str]
    states: dict[tuple[int, str], ReportState] = field(default_factory=dict)

    def of(self, months: Months) -> list[tuple[School, ReportState]]:
        """(school, state) of the loaded months asked for, by month then by school code."""
        wanted = _keys(months)
        missing = set(wanted) - set(self.months)
        if missing:
            raise ValueError(f"Months not loaded: {sorted(missing)}")
        return [(school, self.states[(school.pk, key)]) for key in wanted for school in self.schools]


def load_reporting(schools: QuerySet[School], months: Months, *, today: date | None = None) -> Reporting:
    """The state of every school's report for every month (3 queries)."""
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
    month not due counts in neither, so the rate is never above 100 %."""
    states = [state for _school, state in expected_reports(schools, months)]
    return Rate(sum(_reported(s) for s in states), len(states))


def on_time_rate(schools: QuerySet[School] | Reporting, months: Months) -> Rate:
    """On-time rate (按时上报率): expected reports first submitted on or before their due day (the report
    day of the month) ÷ expected reports. A return and a resubmission after the due day do not make a report
    submitted on time late."""
    states = [state for _school, state in expected_reports(schools, months)]
    return Rate(sum(is_on_time(s) for s in states), len(states))


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
    month of it) defaults to the last month already due. 3 queries (load_reporting)."""
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
