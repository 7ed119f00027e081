"""On-time monthly reports over a period, counted from the stored reports (reports.on_time)."""

from datetime import date

import pytest
import time_machine
from django.utils import timezone

from reports.figures import Period
from reports.models import MonthlyReport
from reports.monthly import window
from reports.on_time import on_time_reports
from tests import factories as f

pytestmark = pytest.mark.django_db

TZ = timezone.get_default_timezone()


def _submit(school, year, month, on: date, user):
    w = window(year, month, 22)
    return MonthlyReport.objects.create(
        school=school,
        year=year,
        month=month,
        period_start=w.period.start,
        period_end=w.period.end,
        due_on=w.due_on,
        snapshot={},
        submitted_at=timezone.make_aware(timezone.datetime(on.year, on.month, on.day, 10), TZ),
        submitted_by=user,
    )


@time_machine.travel(date(2026, 12, 7), tick=False)
def test_on_time_counts_due_windows_submitted_by_the_report_day(world):
    # Windows due 22 Aug, 22 Sep, 22 Oct, 22 Nov 2026 lie in the period; August's is the summer holiday's,
    # not asked for (reports.monthly.is_due), and December's is not due yet.
    _submit(world.school, 2026, 9, date(2026, 9, 20), world.principal)  # on time
    _submit(world.school, 2026, 10, date(2026, 10, 25), world.principal)  # late
    period = Period(date(2026, 8, 1), date(2026, 12, 7))
    rate = on_time_reports([world.school, world.other_school], period)
    assert (rate[world.school.pk].numerator, rate[world.school.pk].denominator) == (1, 3)
    assert rate[world.other_school.pk].text == "0.0% (0/3)"


@time_machine.travel(date(2026, 12, 7), tick=False)
def test_a_school_that_started_mid_year_owes_only_its_own_months_and_never_exceeds_100_percent(world):
    late_starter = f.SchoolFactory(district=world.district, reporting_from=date(2026, 10, 1))
    user = f.UserFactory(school=late_starter)
    for month in (9, 10, 11):
        _submit(late_starter, 2026, month, date(2026, month, 1), user)
    rate = on_time_reports([late_starter], Period(date(2026, 8, 1), date(2026, 12, 7)))[late_starter.pk]
    assert (rate.numerator, rate.denominator) == (2, 2)
    assert rate.rate <= 100


@time_machine.travel(date(2027, 1, 5), tick=False)
def test_a_period_without_a_report_day_has_nothing_due_and_shows_a_dash(world):
    rate = on_time_reports([world.school], Period(date(2026, 12, 23), date(2027, 1, 5)))[world.school.pk]
    assert (rate.denominator, rate.text) == (0, "—")
