"""Reporting rate and on-time rate at every level (province → prefectures → counties → schools), by the
county's own rule (reports.rates.count_reports): a school that started mid-year owes only its months from
then, a school that closed owes none after, a district that marks a month not due expects it from none of its
schools, a report submitted for a month not due counts nowhere (never above 100 %), on time = first
submitted by the report day of the window the report's first version fixed. Every level's totals are the sum
of its rows; the county lists its schools not submitted and late, the levels above count them per unit.

Time is frozen on 10 January 2027 (Shanghai); the month looked at is December 2026: with report day 22 its
window is 22 Nov to 21 Dec, due on 22 Dec; with report day 15, 15 Nov to 14 Dec, due on 15 Dec."""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from organisation.models import District, Prefecture, Province, School
from organisation.roles import Role
from reports import rates
from reports.levels import DISTRICT, PREFECTURE, PROVINCE, Area, area_reporting, level_rollup
from reports.models import DistrictReportSettings, MonthlyReport
from reports.monthly import window
from tests import factories as f

pytestmark = pytest.mark.django_db

D = datetime.date
SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime.datetime(2027, 1, 10, 10, 0, tzinfo=SHANGHAI)
KEY = "2026-12"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def submit(school, on: D, *, day: int = 22, version: int = 1, returned_on: D | None = None, at: int = 10):
    """A stored submission of the school's December report in the window of report day `day`."""
    w = window(2026, 12, day)
    user = f.UserFactory(school=school, role=Role.PRINCIPAL)
    return MonthlyReport.objects.create(
        school=school,
        year=2026,
        month=12,
        version=version,
        period_start=w.period.start,
        period_end=w.period.end,
        due_on=w.due_on,
        snapshot={"rows": []},
        submitted_at=datetime.datetime.combine(on, datetime.time(at), tzinfo=SHANGHAI),
        submitted_by=user,
        returned_at=datetime.datetime.combine(returned_on, datetime.time(9), tzinfo=SHANGHAI) if returned_on else None,
        returned_by=user if returned_on else None,
    )


def draft(school):
    w = window(2026, 12, 22)
    return MonthlyReport.objects.create(
        school=school, year=2026, month=12, period_start=w.period.start, period_end=w.period.end, due_on=w.due_on
    )


@dataclass
class Chain:
    province: Province
    prefectures: list[Prefecture]
    counties: list[District]  # 0, 1 in prefecture 0; 2 in prefecture 1
    schools: dict[str, School]


@pytest.fixture
def chain() -> Chain:
    province = Province.objects.create(name="川南省", code="510000")
    p0 = Prefecture.objects.create(province=province, name="青州市", code="511100")
    p1 = Prefecture.objects.create(province=province, name="白州市", code="511200")
    county0 = f.DistrictFactory(name="青山县", code="511101", prefecture=p0)
    county1 = f.DistrictFactory(name="白水县", code="511102", prefecture=p0)  # December not due
    county2 = f.DistrictFactory(name="石门县", code="511201", prefecture=p1)  # report day 15
    DistrictReportSettings.objects.create(district=county1, months_not_due=[KEY])
    DistrictReportSettings.objects.create(district=county2, report_day=15)
    s = {}

    def school(code, county, **dates):
        s[code] = f.SchoolFactory(district=county, code=code, name=f"{code}小学", **dates)
        return s[code]

    submit(school("A1", county0), D(2026, 12, 20))  # on time
    submit(school("A2", county0), D(2026, 12, 23))  # a day late
    school("A3", county0)  # never submitted: missing
    draft(school("A4", county0))  # a draft only: not submitted
    submit(school("A5", county0, reporting_from=D(2026, 12, 1)), D(2026, 12, 21))  # started mid-window: owes it
    submit(school("A6", county0, reporting_from=D(2026, 12, 25)), D(2026, 12, 28))  # started after: owes nothing
    school("A7", county0, reporting_until=D(2026, 12, 1))  # closed before the due day: owes nothing
    # returned on time, resubmitted late: the first submission was on time
    submit(school("A8", county0), D(2026, 12, 22), returned_on=D(2026, 12, 24))
    submit(s["A8"], D(2026, 12, 27), version=2)
    submit(school("B1", county1), D(2026, 12, 20))  # a month not due: counts nowhere
    school("B2", county1)
    submit(school("C1", county2), D(2026, 12, 15), day=15)  # on time by day 15
    submit(school("C2", county2), D(2026, 12, 16), day=15)  # late by day 15
    # its first version fixed the window of day 22 before the county moved to day 15: on time by its own window
    submit(school("C3", county2), D(2026, 12, 20), day=22)
    school("C4", county2, reporting_from=D(2026, 12, 10))  # started before the end of day 15's window: missing
    return Chain(province, [p0, p1], [county0, county1, county2], s)


def _rows(rollup):
    return {row.unit.code: row.reporting for row in rollup.rows}


def test_a_county_counts_its_schools_by_their_own_dates_and_its_report_day(chain):
    rows = _rows(level_rollup(Area(DISTRICT, chain.counties[0]), 2026, 12))
    assert {code: (c.expected, c.reported, c.on_time) for code, c in rows.items()} == {
        "A1": (1, 1, 1),
        "A2": (1, 1, 0),
        "A3": (1, 0, 0),
        "A4": (1, 0, 0),
        "A5": (1, 1, 1),
        "A6": (0, 0, 0),
        "A7": (0, 0, 0),
        "A8": (1, 1, 1),
    }
    other = _rows(level_rollup(Area(DISTRICT, chain.counties[2]), 2026, 12))
    assert {code: (c.expected, c.reported, c.on_time) for code, c in other.items()} == {
        "C1": (1, 1, 1),
        "C2": (1, 1, 0),
        "C3": (1, 1, 1),
        "C4": (1, 0, 0),
    }


def test_a_month_the_district_marks_not_due_is_expected_from_none_of_its_schools(chain):
    rollup = level_rollup(Area(DISTRICT, chain.counties[1]), 2026, 12)
    assert [row.reporting for row in rollup.rows] == [rates.Counts(), rates.Counts()]
    assert rollup.totals.reporting.reporting_rate.text == "—"  # over nothing: never 0.0 %, never 100 %


def test_every_level_is_the_sum_of_its_rows_and_of_the_level_below_and_never_above_100_percent(chain):
    province = level_rollup(Area(PROVINCE, chain.province), 2026, 12)
    prefectures = [level_rollup(Area(PREFECTURE, p), 2026, 12) for p in chain.prefectures]
    counties = [level_rollup(Area(DISTRICT, c), 2026, 12) for c in chain.counties]
    for rollup in [province, *prefectures, *counties]:
        assert rollup.totals.reporting == sum((row.reporting for row in rollup.rows), rates.Counts())
        for counts in [rollup.totals.reporting, *(row.reporting for row in rollup.rows)]:
            assert counts.on_time <= counts.reported <= counts.expected
    assert [row.reporting for row in province.rows] == [p.totals.reporting for p in prefectures]
    assert [row.reporting for row in prefectures[0].rows] == [c.totals.reporting for c in counties[:2]]
    assert [row.reporting for row in prefectures[1].rows] == [counties[2].totals.reporting]
    assert province.totals.reporting == rates.Counts(expected=10, reported=7, on_time=5)
    assert province.totals.reporting.reporting_rate.text == "70.0% (7/10)"
    assert province.totals.reporting.on_time_rate.text == "50.0% (5/10)"
    assert (province.totals.reporting.not_submitted, province.totals.reporting.late) == (3, 2)


def test_the_levels_and_the_county_home_count_by_one_rule(chain):
    """The county's rates (reports.rates, from the per-school states) equal its row at every level."""
    for county in chain.counties:
        loaded = rates.load_reporting(School.objects.filter(district=county), KEY)
        expected = rates.expected_reports(loaded, KEY)
        counts = level_rollup(Area(DISTRICT, county), 2026, 12).totals.reporting
        assert counts.expected == len(expected)
        assert counts.reported == sum(state.submitted is not None for _s, state in expected)
        assert counts.on_time == sum(rates.is_on_time(state) for _s, state in expected)
        assert rates.reporting_rate(loaded, KEY) == counts.reporting_rate
        assert rates.on_time_rate(loaded, KEY) == counts.on_time_rate
        assert {s.code for s, _st in rates.late_reports(loaded, KEY)} == {
            row.unit.code for row in level_rollup(Area(DISTRICT, county), 2026, 12).late
        }


def _officer(**area):
    role = {"district": Role.DISTRICT_OFFICER, "prefecture": Role.PREFECTURE_OFFICER, "province": Role.PROVINCE_OFFICER}
    (level,) = area
    return f.UserFactory(role=role[level], school=None, **area)


def _page(client, user, level, pk):
    client.force_login(user)
    return client.get(reverse("reports:area", args=[level, pk]), {"month": KEY})


def _section(page) -> str:
    text = page.content.decode()
    return text.split('data-testid="area-reporting"')[1].split("</section>")[0]


def test_the_county_page_lists_its_schools_not_submitted_and_late_by_name(client, chain):
    section = _section(_page(client, _officer(district=chain.counties[0]), DISTRICT, chain.counties[0].pk))
    not_submitted = section.split('data-testid="not-submitted-schools"')[1].split("</ul>")[0]
    late = section.split('data-testid="late-schools"')[1].split("</ul>")[0]
    assert not_submitted.count("<li") == 2 and "A3小学" in not_submitted and "A4小学" in not_submitted
    assert late.count("<li") == 1 and "A2小学" in late
    totals = section.split('data-testid="reporting-totals"')[1].split("</tr>")[0]
    assert "66.7% (4/6)" in totals and "50.0% (3/6)" in totals
    assert "尚未报送" in section and "已报数" in section  # in Chinese


def test_the_levels_above_count_them_per_unit_with_a_link_down(client, chain):
    section = _section(_page(client, _officer(province=chain.province), PROVINCE, chain.province.pk))
    assert "not-submitted-schools" not in section and "A3小学" not in section  # counts only above the county
    row = section.split(f'data-unit="{chain.prefectures[0].code}"')[1].split("</tr>")[0]
    down = reverse("reports:area", args=[PREFECTURE, chain.prefectures[0].pk]) + f"?month={KEY}#reporting"
    assert down in row
    assert row.split('data-testid="not-submitted">')[1].startswith(f'<a href="{down}">2</a>')
    assert row.split('data-testid="late">')[1].startswith(f'<a href="{down}">1</a>')
    assert "66.7% (4/6)" in row and "50.0% (3/6)" in row
    section = _section(_page(client, _officer(prefecture=chain.prefectures[1]), PREFECTURE, chain.prefectures[1].pk))
    row = section.split(f'data-unit="{chain.counties[2].code}"')[1].split("</tr>")[0]
    assert "75.0% (3/4)" in row and "50.0% (2/4)" in row


def test_a_prefecture_officer_opening_another_prefecture_or_its_counties_gets_404(client, chain):
    officer = _officer(prefecture=chain.prefectures[0])
    assert _page(client, officer, PREFECTURE, chain.prefectures[0].pk).status_code == 200
    assert _page(client, officer, PREFECTURE, chain.prefectures[1].pk).status_code == 404
    assert _page(client, officer, DISTRICT, chain.counties[2].pk).status_code == 404
    assert _page(client, officer, PROVINCE, chain.province.pk).status_code == 404


@pytest.mark.parametrize("size", [2, 3])
def test_the_reporting_of_every_level_costs_the_same_queries_whatever_its_size(django_assert_num_queries, size):
    province = Province.objects.create(name="川南省", code="510000")
    for p in range(size):
        prefecture = Prefecture.objects.create(province=province, name=f"市{p}", code=f"51{p}000")
        for c in range(size):
            county = f.DistrictFactory(code=f"51{p}{c:03d}", prefecture=prefecture)
            if c % 2:
                DistrictReportSettings.objects.create(district=county, report_day=10 + c, months_not_due=["2026-11"])
            for n in range(size):
                one = f.SchoolFactory(district=county)
                if n % 2:
                    submit(one, D(2026, 12, 20 + n), day=10 + c if c % 2 else 22)
    prefecture = Prefecture.objects.filter(province=province).first()
    county = District.objects.filter(prefecture=prefecture).first()
    for area in [Area(PROVINCE, province), Area(PREFECTURE, prefecture), Area(DISTRICT, county)]:
        # the area's reporting (reports.levels.area_reporting): its districts' settings, its schools
        # without a report of the month, its reports of the month
        with django_assert_num_queries(3):
            area_reporting(area, 2026, 12)
    rollup = level_rollup(Area(PROVINCE, province), 2026, 12)
    assert rollup.totals.reporting.expected == size**3
    assert rollup.totals.reporting.reported == size * size * (size // 2)
    # units, frozen sums, schools per unit, the approvals below (not a county's), the area's own approval (not
    # a province's), the reporting's three
    levels = [(Area(PROVINCE, province), 7), (Area(PREFECTURE, prefecture), 8), (Area(DISTRICT, county), 7)]
    for area, queries in levels:
        with django_assert_num_queries(queries):
            level_rollup(area, 2026, 12)
