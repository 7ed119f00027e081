"""On-time monthly reports over a period, from the stored reports: what an inspection index reads for
"reports sent on time" (the district's reporting-rate pages are reports.monthly's)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.utils import timezone

from organisation.models import School
from reports.figures import Period, Rate
from reports.models import MonthlyReport
from reports.monthly import Status, is_due, previous_window, settings_for, state_of, window_of


def on_time_reports(schools: Iterable[School], period: Period, *, today: date | None = None) -> dict[int, Rate]:
    """Per school: monthly reports submitted on time ÷ reports due, over the windows whose due day lies in P
    and has passed (on or before today). A window is due when `is_due` says so (the school's own start, the
    months the district marks not due); a report is on time when its status (reports.monthly.state_of, the
    district's list) is "submitted on time", or accepted without a day late. Never above 100 %: the
    numerator counts due windows only. 2 queries per district whatever the number of schools (3 with settings)."""
    today = today or timezone.localdate()
    schools = list(schools)
    result: dict[int, Rate] = {}
    by_district: dict[int, list[School]] = {}
    for school in schools:
        by_district.setdefault(school.district_id, []).append(school)
    last = min(period.end, today)
    for district_id, members in by_district.items():
        asked = settings_for(district_id)
        windows = []
        w = window_of(last, asked.report_day)
        while w.due_on >= period.start:
            if w.due_on <= last:
                windows.append(w)
            w = previous_window(w, asked.report_day)
        versions: dict[tuple[int, int, int], list[MonthlyReport]] = {}
        keys = {(w.year, w.month) for w in windows}
        years = {y for y, _m in keys}
        if windows:
            for report in MonthlyReport.objects.filter(school__in=members, year__in=years).defer("snapshot"):
                if (report.year, report.month) in keys:
                    versions.setdefault((report.school_id, report.year, report.month), []).append(report)
        for school in members:
            due = on_time = 0
            for w in windows:
                if not is_due(school, w, asked):
                    continue
                due += 1
                state = state_of(w, versions.get((school.pk, w.year, w.month), []), today)
                if state.status == Status.ON_TIME or (state.status == Status.ACCEPTED and state.days_late == 0):
                    on_time += 1
            result[school.pk] = Rate(numerator=on_time, denominator=due)
    return result
