"""On-time monthly reports over a period, per school: what an inspection index reads for "reports sent on
time". The rule of what is expected and what is on time is reports.rates' (the district home's rates); this
only chooses the months of a period and counts per school."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.utils import timezone

from organisation.models import School
from reports import rates
from reports.figures import Period, Rate
from reports.monthly import previous_window, settings_for, window_of


def on_time_reports(schools: Iterable[School], period: Period, *, today: date | None = None) -> dict[int, Rate]:
    """Per school: monthly reports first submitted on or before their due day ÷ reports expected
    (reports.rates.on_time_rate's rule, per school), over the months whose due day lies in P and has passed
    (on or before today). Never above 100 %. 3 queries per district whatever the number of schools: its
    settings and reports.rates.count_reports' two."""
    today = today or timezone.localdate()
    schools = list(schools)
    result: dict[int, Rate] = {}
    by_district: dict[int, list[School]] = {}
    for school in schools:
        by_district.setdefault(school.district_id, []).append(school)
    last = min(period.end, today)
    for district_id, members in by_district.items():
        asked = settings_for(district_id)
        months = []
        w = window_of(last, asked.report_day)
        while w.due_on >= period.start:
            if w.due_on <= last:
                months.append(f"{w.year:04d}-{w.month:02d}")
            w = previous_window(w, asked.report_day)
        if not months:
            result.update({school.pk: Rate(numerator=0, denominator=0) for school in members})
            continue
        found = School.objects.filter(pk__in=[m.pk for m in members])
        counted = rates.count_reports(found, months, by="pk", asked=[asked])
        for school in members:
            counts = sum((counted.get((school.pk, key), rates.Counts()) for key in months), rates.Counts())
            result[school.pk] = counts.on_time_rate
    return result
