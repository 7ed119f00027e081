"""Reporting rates and timeliness come from each school's own dates, the months the district asks for and the
stored submissions: a school that started or closed mid-year owes only its months, the summer holiday is not
due unless asked for, no rate is above 100 %, and on time means first submitted by the report day.

Time is frozen on 10 January 2027 (Shanghai); report day 22: the window of month M is 22 of M−1 to 21 of M,
due on 22 of M; the last window due is December's (due 22 Dec 2026), January's is open."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from organisation.models import School
from reports import rates
from reports.models import DistrictReportSettings, MonthlyReport
from reports.monthly import Status, school_states, settings_for, window
from tests import factories as f

D = datetime.date
SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime.datetime(2027, 1, 10, 10, 0, tzinfo=SHANGHAI)
AUTUMN = ["2026-09", "2026-10", "2026-11", "2026-12"]


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def submitted(school, key, on: datetime.date, *, version=1, returned_on=None, user=None):
    """A stored submission of the school's report for month `key`, submitted at 10:00 on `on`."""
    year, month = (int(p) for p in key.split("-"))
    w = window(year, month, 22)
    user = user or f.UserFactory(school=school, role="principal")
    return MonthlyReport.objects.create(
        school=school,
        year=year,
        month=month,
        version=version,
        period_start=w.period.start,
        period_end=w.period.end,
        due_on=w.due_on,
        snapshot={"rows": []},
        submitted_at=datetime.datetime.combine(on, datetime.time(10), tzinfo=SHANGHAI),
        submitted_by=user,
        returned_at=datetime.datetime.combine(returned_on, datetime.time(9), tzinfo=SHANGHAI) if returned_on else None,
        returned_by=user if returned_on else None,
        return_comment="请补充。" if returned_on else "",
    )


def school(district, **dates):
    return f.SchoolFactory(district=district, **dates)


def test_a_school_that_started_mid_year_owes_only_the_months_from_then_and_never_reports_above_100_percent(db):
    district = f.DistrictFactory()
    started = school(district, reporting_from=D(2026, 11, 1))
    for key in AUTUMN:  # it also sent September's and October's, which it did not owe
        submitted(started, key, window(*map(int, key.split("-")), 22).due_on)
    schools = School.objects.filter(pk=started.pk)
    # November's window (22 Oct – 21 Nov) ends after it started; October's (22 Sep – 21 Oct) does not.
    assert [s.window.key for _s, s in rates.expected_reports(schools, AUTUMN)] == ["2026-11", "2026-12"]
    rate = rates.reporting_rate(schools, AUTUMN)
    assert (rate.numerator, rate.denominator, rate.rate) == (2, 2, 100)
    assert rates.on_time_rate(schools, AUTUMN).rate == 100


def test_a_school_that_closed_mid_year_owes_no_report_due_after_it_closed(db):
    district = f.DistrictFactory()
    closed = school(district, reporting_until=D(2026, 10, 30))
    submitted(closed, "2026-09", D(2026, 9, 20))
    schools = School.objects.filter(pk=closed.pk)
    # September's (due 22 Sep) and October's (due 22 Oct) were due; November's and December's were not.
    assert [s.window.key for _s, s in rates.expected_reports(schools, AUTUMN)] == ["2026-09", "2026-10"]
    assert rates.reporting_rate(schools, AUTUMN).text == "50.0% (1/2)"
    assert rates.missing_reports(schools, "2026-12") == []
    states = {s.window.key: s.status for s in school_states(closed, months=3)}
    assert states == {
        "2027-01": Status.NOT_DUE,
        "2026-12": Status.NOT_DUE,
        "2026-11": Status.NOT_DUE,
        "2026-10": Status.MISSING,
    }


def test_the_districts_rate_adds_each_schools_own_months_and_stays_within_100_percent(db):
    district = f.DistrictFactory()
    always = school(district)
    started = school(district, reporting_from=D(2026, 11, 1))
    closed = school(district, reporting_until=D(2026, 10, 30))
    for key in AUTUMN:
        submitted(always, key, D(2026, 9, 1) if key == "2026-09" else window(*map(int, key.split("-")), 22).due_on)
        submitted(started, key, window(*map(int, key.split("-")), 22).due_on)
        submitted(closed, key, window(*map(int, key.split("-")), 22).due_on)
    schools = School.objects.filter(district=district)
    rate = rates.reporting_rate(schools, AUTUMN)
    assert (rate.numerator, rate.denominator) == (4 + 2 + 2, 4 + 2 + 2)
    for key in AUTUMN:
        assert rates.reporting_rate(schools, key).rate <= 100


def test_the_summer_holiday_is_not_due_unless_the_district_asks_for_it(db):
    district = f.DistrictFactory()
    one = school(district)
    schools = School.objects.filter(pk=one.pk)
    summer = ["2026-07", "2026-08", "2026-09"]
    # August's window (22 Jul – 21 Aug) lies wholly in the holiday; July's and September's do not.
    assert [s.window.key for _s, s in rates.expected_reports(schools, summer)] == ["2026-07", "2026-09"]
    DistrictReportSettings.objects.create(district=district, months_due=["2026-08"], months_not_due=["2026-07"])
    assert [s.window.key for _s, s in rates.expected_reports(schools, summer)] == ["2026-08", "2026-09"]


def test_a_report_sent_for_a_month_not_due_counts_nowhere(db):
    district = f.DistrictFactory()
    DistrictReportSettings.objects.create(district=district, months_not_due=["2026-10"])
    one = school(district)
    submitted(one, "2026-10", D(2026, 10, 20))
    schools = School.objects.filter(pk=one.pk)
    assert rates.reporting_rate(schools, "2026-10").text == "—"
    assert rates.reporting_rate(schools, ["2026-09", "2026-10"]).text == "0.0% (0/1)"


def test_on_time_is_submitted_by_the_report_day_and_a_day_after_is_late(db):
    district = f.DistrictFactory()
    on_the_day, a_day_after, never = school(district), school(district), school(district)
    submitted(on_the_day, "2026-12", D(2026, 12, 22))
    submitted(a_day_after, "2026-12", D(2026, 12, 23))
    schools = School.objects.filter(district=district)
    assert rates.reporting_rate(schools, "2026-12").text == "66.7% (2/3)"
    assert rates.on_time_rate(schools, "2026-12").text == "33.3% (1/3)"
    assert [(s.code, st.submitted_late) for s, st in rates.late_reports(schools, "2026-12")] == [(a_day_after.code, 1)]
    assert [(s.code, st.days_late) for s, st in rates.missing_reports(schools, "2026-12")] == [(never.code, 19)]


def test_a_report_returned_and_resubmitted_after_the_due_day_stays_on_time(db):
    district = f.DistrictFactory()
    one = school(district)
    submitted(one, "2026-12", D(2026, 12, 20), returned_on=D(2026, 12, 24))
    schools = School.objects.filter(pk=one.pk)
    assert [s.code for s, _st in rates.returns_waiting(schools, AUTUMN)] == [one.code]
    assert rates.reporting_rate(schools, "2026-12").rate == 100  # the school reported; the return waits
    submitted(one, "2026-12", D(2026, 12, 28), version=2)
    assert rates.returns_waiting(schools, AUTUMN) == []
    assert rates.on_time_rate(schools, "2026-12").rate == 100
    assert school_states(one, timezone.localdate(), months=1)[1].status == Status.ON_TIME


def test_the_open_month_is_not_missing_before_its_report_day(db):
    district = f.DistrictFactory()
    school(district)
    schools = School.objects.filter(district=district)
    assert rates.missing_reports(schools, "2027-01") == []
    trend = rates.reporting_trend(schools, [*AUTUMN, "2027-01"])
    assert [p.due_passed for p in trend] == [True, True, True, True, False]


def test_the_school_year_runs_from_septembers_window_to_the_current_one():
    assert rates.school_year_months(window(2027, 1, 22)) == [*AUTUMN, "2027-01"]
    assert rates.school_year_months(window(2026, 9, 22)) == ["2026-09"]


@pytest.mark.parametrize("count", [2, 20])
def test_loading_the_rates_takes_five_queries_whatever_the_number_of_schools(db, django_assert_num_queries, count):
    district = f.DistrictFactory()
    for _i in range(count):
        one = school(district)
        submitted(one, "2026-12", D(2026, 12, 22))
    # the schools, their districts' settings, their reports' versions of the months; the counts
    # (count_reports): the schools without a report of each month, the reports of the months
    with django_assert_num_queries(5):
        loaded = rates.load_reporting(School.objects.filter(district=district), AUTUMN)
    with django_assert_num_queries(0):
        assert rates.reporting_rate(loaded, "2026-12").rate == 100
        rates.reporting_trend(loaded, AUTUMN)


def _checkbox(page: str, key: str) -> str:
    return page.split(f'value="{key}"')[0].rsplit("<input", 1)[1] + page.split(f'value="{key}"')[1].split(">")[0]


def test_the_settings_form_ticks_the_summer_months_and_unticking_one_asks_for_its_report(client, world):
    client.force_login(world.district_officer)
    url = reverse("reports:district_settings")
    form = client.get(url).content.decode()
    assert "checked" in _checkbox(form, "2026-08") and "checked" not in _checkbox(form, "2026-09")
    assert "2026-08（暑假）" in form
    data = {"report_day": "22", "figures": ["2", "9"], "items_required": "2", "months_not_due": ["2027-08"]}
    assert client.post(url, data).status_code == 302
    assert settings_for(world.district).months_due == ["2026-08"]
    schools = School.objects.filter(pk=world.school.pk)
    assert [s.window.key for _s, s in rates.expected_reports(schools, ["2026-08", "2027-08"])] == ["2026-08"]
    assert "checked" not in _checkbox(client.get(url).content.decode(), "2026-08")
    client.post(url, {**data, "months_not_due": ["2026-08", "2027-08"]})
    assert settings_for(world.district).months_due == []
