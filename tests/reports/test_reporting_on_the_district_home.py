"""The district officer's home shows, for the current and past months of the school year, the reporting rate,
the on-time rate, the schools missing and late by name, the returns waiting for a resubmission and the
year's trend (a table that works without JavaScript, and the chart's data as JSON); in a constant number of
queries from 2 to 100 schools. Nobody else sees another school's reporting.

Time is frozen on 10 January 2027 (Shanghai), report day 22: December's report was due on 22 December."""

import datetime
import json
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from organisation.models import School
from organisation.roles import Role
from tests import factories as f
from tests.reports.test_reporting_rates import submitted

D = datetime.date
NOW = datetime.datetime(2027, 1, 10, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _section(page: str, testid: str) -> str:
    return page.split(f'data-testid="{testid}"')[1].split("</ul>")[0].split("</table>")[0]


def _chosen(page: str) -> str:
    return page.split('data-testid="reporting" data-month="')[1].split('"')[0]


def test_the_home_shows_the_last_months_rates_and_the_schools_missing_late_and_returned_by_name(client, world):
    late = f.SchoolFactory(district=world.district, name="迟报小学")
    returned = f.SchoolFactory(district=world.district, name="退回小学")
    submitted(world.school, "2026-12", D(2026, 12, 21))
    submitted(late, "2026-12", D(2026, 12, 25))
    submitted(returned, "2026-11", D(2026, 11, 20), returned_on=D(2026, 11, 24))
    submitted(returned, "2026-12", D(2026, 12, 22))
    client.force_login(world.district_officer)
    page = client.get(reverse("home")).content.decode()
    reporting = page.split('data-testid="reporting"')[1]
    assert _chosen(page) == "2026-12"
    assert 'data-testid="reporting-rate">75.0% (3/4)<' in reporting
    assert 'data-testid="on-time-rate">50.0% (2/4)<' in reporting
    assert "龙潭学校" in _section(reporting, "missing-schools")
    assert "迟报小学" in _section(reporting, "late-schools") and "逾期3天" in _section(reporting, "late-schools")
    assert 'data-month="2026-11"' in _section(reporting, "returned-schools")
    assert "退回小学" in _section(reporting, "returned-schools")


def test_the_trend_over_the_school_year_is_a_table_and_the_charts_data(client, world):
    submitted(world.school, "2026-09", D(2026, 9, 22))
    client.force_login(world.district_officer)
    response = client.get(reverse("home"))
    page = response.content.decode()
    table = _section(page, "reporting-trend")
    for key in ["2026-09", "2026-10", "2026-11", "2026-12", "2027-01"]:
        assert f'data-month="{key}"' in table
    assert table.count('data-testid="open-month"') == 1 and "未到截止日" in table.split('data-month="2027-01"')[1]
    september = table.split('data-month="2026-09"')[1].split("</tr>")[0]
    assert "50.0% (1/2)" in september
    data = json.loads(page.split('id="dashboard-data" type="application/json">')[1].split("</script>")[0])
    trend = data["reportingTrend"]
    assert trend["categories"][0] == "2026-09" and trend["series"][0]["data"][0] == 50.0
    assert 'data-chart="reportingTrend"' in page
    assert "<script>" not in page  # the chart draws from static/reports/dashboard.js, no inline script


def test_a_past_or_the_current_month_is_chosen_with_month(client, world):
    client.force_login(world.district_officer)
    page = client.get(reverse("home"), {"month": "2027-01"}).content.decode()
    assert _chosen(page) == "2027-01"
    section = page.split('data-testid="reporting"')[1]
    assert 'data-testid="reporting-open"' in section  # January's reports are due on 22 January
    assert "龙潭学校" not in _section(section, "missing-schools")
    page = client.get(reverse("home"), {"month": "1999-01"}).content.decode()  # not of this school year
    assert _chosen(page) == "2026-12"


def test_a_principal_sees_no_schools_reporting_and_another_district_not_this_ones(client, world):
    submitted(world.school, "2026-12", D(2026, 12, 21))
    client.force_login(world.principal)
    page = client.get(reverse("home"), follow=True).content.decode()
    assert 'data-testid="reporting"' not in page and "龙潭学校" not in page
    elsewhere = f.DistrictFactory(name="白云县", code="522800")
    f.SchoolFactory(district=elsewhere, name="白云小学")
    officer = f.UserFactory(school=None, district=elsewhere, role=Role.DISTRICT_OFFICER)
    client.force_login(officer)
    page = client.get(reverse("home")).content.decode()
    reporting = page.split('data-testid="reporting"')[1]
    assert "白云小学" in _section(reporting, "missing-schools")
    assert "石桥小学" not in page and "龙潭学校" not in page
    assert 'data-testid="reporting-rate">0.0% (0/1)<' in reporting


@pytest.mark.parametrize("schools", [2, 100])
def test_the_district_home_takes_the_same_queries_from_2_to_100_schools(client, db, django_assert_num_queries, schools):
    district = f.DistrictFactory()
    School.objects.bulk_create(
        School(district=district, name=f"学校{i}", code=f"B{i:05d}", reporting_from=D(2000, 1, 1))
        for i in range(schools)
    )
    for one in School.objects.filter(district=district)[: schools // 2]:
        submitted(one, "2026-12", D(2026, 12, 23))
        submitted(one, "2026-11", D(2026, 11, 20), returned_on=D(2026, 11, 22))
    officer = f.UserFactory(school=None, district=district, role=Role.DISTRICT_OFFICER)
    client.force_login(officer)
    # session, user, children count, schools with their counts; the reports to follow up: the district's
    # settings, its schools, their reports of the last window due; the rates: the district's report day,
    # the schools, their districts' settings, their reports of the school year, and their counts: the schools
    # without a report of each month, the reports of the months
    with django_assert_num_queries(13):
        page = client.get(reverse("home")).content.decode()
    assert page.count('<li data-school="') == schools // 2 * 3  # missing + late + returned
