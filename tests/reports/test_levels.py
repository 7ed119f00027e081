"""The levels above the county: a province with two prefectures of two counties each, their schools' monthly
reports submitted (frozen figures written by the task). Each officer sees counts of every county below them and
nothing beside; nobody above the school sees a child's name; every level's totals are the sum of its rows and
equal the level below's; a month is approved bottom-up and locked until withdrawn, with a reason, logged."""

from dataclasses import dataclass

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from children.models import Child
from organisation import scoping
from organisation.models import District, Prefecture, Province, School
from organisation.roles import Role
from reports import monthly_services as services
from reports import services as summary_services
from reports.approvals import period_approve, period_unapprove
from reports.district import window_rollup
from reports.levels import (
    DISTRICT,
    PREFECTURE,
    PROVINCE,
    Area,
    area_semester_sums,
    area_semesters,
    area_sums,
    level_rollup,
    semester_level_rollup,
)
from reports.models import MonthlyReport, PeriodApproval, PeriodApprovalLog
from reports.monthly_figures import column_value
from reports.services import summary_sign
from tests import factories as f
from tests.reports.test_district import _last, _school_with_report

pytestmark = pytest.mark.django_db


@dataclass
class Chain:
    province: Province
    prefectures: list[Prefecture]
    counties: list[District]  # 0, 1 in prefecture 0; 2, 3 in prefecture 1
    other_province: Province
    other_county: District


def _officer(**area):
    role = {"district": Role.DISTRICT_OFFICER, "prefecture": Role.PREFECTURE_OFFICER, "province": Role.PROVINCE_OFFICER}
    (level,) = area
    return f.UserFactory(role=role[level], school=None, **area)


@pytest.fixture
def chain() -> Chain:
    province = Province.objects.create(name="川南省", code="510000")
    prefectures = [
        Prefecture.objects.create(province=province, name=name, code=code)
        for name, code in [("青州市", "511100"), ("白州市", "511200")]
    ]
    counties = []
    for n, prefecture in enumerate([prefectures[0], prefectures[0], prefectures[1], prefectures[1]]):
        county = f.DistrictFactory(name=f"县{n}", code=f"5111{n:02d}", prefecture=prefecture)
        _school_with_report(county, 2 + n, 1)
        _school_with_report(county, 1, 1, events=1)
        counties.append(county)
    other_province = Province.objects.create(name="他省", code="520000")
    elsewhere = Prefecture.objects.create(province=other_province, name="他市", code="521100")
    other_county = f.DistrictFactory(name="他县", code="521101", prefecture=elsewhere)
    _school_with_report(other_county, 4, 2)
    return Chain(province, prefectures, counties, other_province, other_county)


def test_each_officer_sees_the_counties_below_them_and_nothing_beside(chain):
    assert list(scoping.districts_for(_officer(province=chain.province))) == chain.counties
    assert list(scoping.districts_for(_officer(prefecture=chain.prefectures[1]))) == chain.counties[2:]
    county_officer = _officer(district=chain.counties[0])
    assert list(scoping.districts_for(county_officer)) == [chain.counties[0]]
    assert not scoping.prefectures_for(county_officer).exists()
    assert list(scoping.prefectures_for(_officer(province=chain.province))) == chain.prefectures
    assert set(scoping.schools_for(_officer(prefecture=chain.prefectures[0]))) == set(
        f.SchoolFactory._meta.model.objects.filter(district__in=chain.counties[:2])
    )
    for officer in (county_officer, _officer(prefecture=chain.prefectures[0]), _officer(province=chain.province)):
        assert not scoping.scope_records(officer, Child.objects.all(), scoping.RecordPaths("school", "school_class"))


def _get(client, user, level, pk):
    client.force_login(user)
    return client.get(reverse("reports:area", args=[level, pk]), {"month": _last().key})


def test_an_area_outside_the_officers_scope_is_not_found(client, chain):
    prefecture_officer = _officer(prefecture=chain.prefectures[0])
    assert _get(client, prefecture_officer, PREFECTURE, chain.prefectures[0].pk).status_code == 200
    assert _get(client, prefecture_officer, DISTRICT, chain.counties[1].pk).status_code == 200
    assert _get(client, prefecture_officer, PREFECTURE, chain.prefectures[1].pk).status_code == 404
    assert _get(client, prefecture_officer, DISTRICT, chain.counties[2].pk).status_code == 404
    assert _get(client, prefecture_officer, PROVINCE, chain.province.pk).status_code == 404
    county_officer = _officer(district=chain.counties[0])
    assert _get(client, county_officer, DISTRICT, chain.counties[0].pk).status_code == 200
    assert _get(client, county_officer, DISTRICT, chain.counties[1].pk).status_code == 404
    assert _get(client, county_officer, PREFECTURE, chain.prefectures[0].pk).status_code == 404
    province_officer = _officer(province=chain.province)
    assert _get(client, province_officer, DISTRICT, chain.counties[3].pk).status_code == 200
    assert _get(client, province_officer, DISTRICT, chain.other_county.pk).status_code == 404
    assert _get(client, province_officer, PROVINCE, chain.other_province.pk).status_code == 404
    principal = chain.counties[0].schools.first().staff.get()
    assert _get(client, principal, DISTRICT, chain.counties[0].pk).status_code == 404
    client.force_login(province_officer)
    assert client.get(reverse("reports:area_home"))["Location"] == reverse(
        "reports:area", args=[PROVINCE, chain.province.pk]
    )


def test_nobody_above_the_school_sees_a_childs_name(client, chain):
    names = list(Child.objects.values_list("name", flat=True))
    pages = [
        _get(client, _officer(province=chain.province), PROVINCE, chain.province.pk),
        _get(client, _officer(prefecture=chain.prefectures[0]), PREFECTURE, chain.prefectures[0].pk),
        _get(client, _officer(prefecture=chain.prefectures[0]), DISTRICT, chain.counties[0].pk),
        _get(client, _officer(district=chain.counties[0]), DISTRICT, chain.counties[0].pk),
    ]
    for page in pages:
        text = page.content.decode()
        assert page.status_code == 200 and 'data-testid="totals"' in text
        assert not [name for name in names if name in text]


def _index(rollup, key):
    return [k for k, _l, _kind in rollup.columns].index(key)


def test_every_levels_totals_are_the_sum_of_its_rows_and_equal_the_level_below(chain):
    w = _last()
    province = level_rollup(Area(PROVINCE, chain.province), w.year, w.month)
    prefectures = [level_rollup(Area(PREFECTURE, p), w.year, w.month) for p in chain.prefectures]
    counties = [level_rollup(Area(DISTRICT, d), w.year, w.month) for d in chain.counties]
    for rollup in [province, *prefectures, *counties]:
        for index, (_key, _label, kind) in enumerate(rollup.columns):
            values = [row.values[index] for row in rollup.rows if row.values[index] is not None]
            total = rollup.totals.values[index]
            if kind == "rate":
                assert (total.numerator, total.denominator) == (
                    sum(v.numerator for v in values),
                    sum(v.denominator for v in values),
                )
            elif values:
                assert total == sum(values)
    # A row of one level is the totals of the page below it, and the whole area's SQL sum.
    for row, below in zip(province.rows, prefectures, strict=True):
        assert row.values == below.totals.values and row.submitted == below.totals.submitted
    for row, below in zip(prefectures[0].rows + prefectures[1].rows, counties, strict=True):
        assert row.values == below.totals.values
    (whole,) = area_sums(Area(PROVINCE, chain.province), w.year, w.month, group=False)
    assert province.totals.values == [column_value(whole, key, kind) for key, _l, kind in province.columns]
    # A county's totals from the frozen figures are the district roll-up's from the snapshots.
    snapshots = window_rollup(chain.counties[0], w)
    assert counties[0].totals.values == snapshots.totals.values
    lbc = _index(province, "lbc")
    assert province.totals.values[lbc] == sum(3 + n for n in range(4))  # (2 + n) + 1 children per county
    assert province.totals.values[_index(province, "civil")] == province.totals.values[lbc]
    assert province.totals.schools == 8 and province.totals.submitted == 8


def _accept_all(county):
    officer = county.officers.first() or _officer(district=county)
    for report in MonthlyReport.objects.filter(school__district=county):
        services.report_accept(report=report, user=officer)
    return officer


def _refused(code, action, **kwargs):
    with pytest.raises(ValidationError) as refusal:
        action(**kwargs)
    assert refusal.value.code == code, refusal.value.messages


def test_a_month_is_approved_bottom_up_and_locked_until_withdrawn_with_a_reason(chain):
    w = _last()
    first, second = chain.counties[:2]
    county_officer = _officer(district=first)
    prefecture_officer = _officer(prefecture=chain.prefectures[0])
    county, prefecture = Area(DISTRICT, first), Area(PREFECTURE, chain.prefectures[0])
    month = {"year": w.year, "month": w.month}
    _refused("waiting", period_approve, area=county, user=county_officer, **month)
    _accept_all(first)
    _refused("not_allowed", period_approve, area=county, user=prefecture_officer, **month)
    period_approve(area=county, user=county_officer, **month)
    _refused("approved", period_approve, area=county, user=county_officer, **month)
    # Locked: a school that joins the county afterwards cannot submit a report of the approved month.
    late = _school_with_report(first, 1, 0, submit=False)
    principal = late.staff.get()
    draft = services.report_draft(school=late, window=w, user=principal)
    _refused("locked", services.report_submit, report=draft, user=principal)
    _refused("waiting", period_approve, area=prefecture, user=prefecture_officer, **month)
    second_officer = _accept_all(second)
    period_approve(area=Area(DISTRICT, second), user=second_officer, **month)
    period_approve(area=prefecture, user=prefecture_officer, **month)
    assert level_rollup(prefecture, w.year, w.month).approved is not None
    # The county cannot withdraw under the prefecture's acceptance; the prefecture withdraws first, with a reason.
    _refused("locked", period_unapprove, area=county, user=county_officer, reason="数据有误", **month)
    _refused("reason", period_unapprove, area=prefecture, user=prefecture_officer, reason=" ", **month)
    period_unapprove(area=prefecture, user=prefecture_officer, reason="县0数据有误", **month)
    period_unapprove(area=county, user=county_officer, reason="学校报表需更正", **month)
    assert list(PeriodApprovalLog.objects.order_by("pk").values_list("action", "reason")) == [
        ("approved", ""),
        ("approved", ""),
        ("approved", ""),
        ("unapproved", "县0数据有误"),
        ("unapproved", "学校报表需更正"),
    ]
    services.item_save(report=draft, user=principal, title="读书月", date=w.period.end, text="开展活动。")
    services.item_save(report=draft, user=principal, title="家访周", date=w.period.end, text="开展活动。")
    services.report_submit(report=draft, user=principal)  # unlocked again


def test_a_semester_is_approved_once_every_school_signed_and_its_summaries_stay_closed_until_withdrawn(client, chain):
    first, second = chain.counties[:2]
    semesters = {
        school: f.SemesterFactory(school=school) for school in School.objects.filter(district__in=[first, second])
    }
    sample = next(iter(semesters.values()))
    term = {"year": sample.school_year, "term": sample.term}
    county_officer, second_officer = _officer(district=first), _officer(district=second)
    prefecture_officer = _officer(prefecture=chain.prefectures[0])
    county, prefecture = Area(DISTRICT, first), Area(PREFECTURE, chain.prefectures[0])
    mine = [school for school in semesters if school.district_id == first.pk]
    summary_sign(semester=semesters[mine[0]], user=mine[0].staff.get())
    _refused("waiting", period_approve, area=county, user=county_officer, **term)  # one school has not signed
    for school in mine[1:]:
        summary_sign(semester=semesters[school], user=school.staff.get())
    period_approve(area=county, user=county_officer, **term)
    assert not PeriodApproval.objects.filter(month__isnull=False).exists()  # the months are untouched
    _refused("locked", summary_services.summary_reopen, semester=semesters[mine[0]], user=mine[0].staff.get())
    _refused("waiting", period_approve, area=prefecture, user=prefecture_officer, **term)
    for school in semesters:
        if school.district_id == second.pk:
            summary_sign(semester=semesters[school], user=school.staff.get())
    period_approve(area=Area(DISTRICT, second), user=second_officer, **term)
    client.force_login(prefecture_officer)
    url = reverse("reports:area_approve", args=[PREFECTURE, prefecture.pk]) + f"?semester={term['year']}-{term['term']}"
    assert client.post(url).status_code == 302
    rollup = semester_level_rollup(prefecture, term["year"], term["term"])
    assert rollup.approved is not None and [row.approved for row in rollup.rows] == [True, True]
    page = client.get(url.replace("/approve/", "/")).content.decode()
    assert "审核通过本学期" not in page and "下级该学期数据已锁定" in page
    _refused("locked", period_unapprove, area=county, user=county_officer, reason="数据有误", **term)
    period_unapprove(area=prefecture, user=prefecture_officer, reason="县0总结需更正", **term)
    period_unapprove(area=county, user=county_officer, reason="总结需更正", **term)
    summary_services.summary_reopen(semester=semesters[mine[0]], user=mine[0].staff.get())  # unlocked again


def test_the_approve_button_posts_and_the_page_shows_the_approval(client, chain):
    w = _last()
    officer = _accept_all(chain.counties[0])
    client.force_login(officer)
    url = reverse("reports:area_approve", args=[DISTRICT, chain.counties[0].pk]) + f"?month={w.key}"
    assert client.post(url).status_code == 302
    page = _get(client, officer, DISTRICT, chain.counties[0].pk).content.decode()
    assert "area_unapprove" not in page and "unapprove-reason" in page
    other = _officer(prefecture=chain.prefectures[0])
    client.force_login(other)
    assert client.post(url).status_code == 403  # a prefecture officer does not approve a county's month


@pytest.mark.parametrize("schools_per_county", [1, 3])
def test_the_province_page_costs_the_same_queries_whatever_its_size(
    client, django_assert_num_queries, schools_per_county
):
    province = Province.objects.create(name="川南省", code="510000")
    for p in range(2):
        prefecture = Prefecture.objects.create(province=province, name=f"市{p}", code=f"51{p}000")
        for c in range(schools_per_county):
            county = f.DistrictFactory(code=f"51{p}{c:03d}", prefecture=prefecture)
            for _s in range(schools_per_county):
                _school_with_report(county, 1, 0)
    officer = _officer(province=province)
    client.force_login(officer)
    url = reverse("reports:area", args=[PROVINCE, province.pk])
    # session, user, the province, the semesters signed in it; its prefectures, the frozen figures' sums, schools
    # per prefecture, approvals; the reporting (reports.levels.area_reporting): the districts' settings, the
    # schools without a report of the month, the reports of the month
    with django_assert_num_queries(11):
        assert client.get(url, {"month": _last().key}).status_code == 200
    for school in School.objects.filter(district__prefecture__province=province):
        summary_sign(semester=f.SemesterFactory(school=school), user=school.staff.get())
    (school_year, term), *_ = area_semesters(Area(PROVINCE, province))
    # session, user, the province, the semesters; its prefectures, the semester figures' sums, schools per unit,
    # approvals below
    with django_assert_num_queries(8):
        assert client.get(url, {"semester": f"{school_year}-{term}"}).status_code == 200


def test_a_semester_rolls_up_from_the_signed_summaries_at_every_level_and_shows_no_name(client, chain):
    schools = list(School.objects.filter(district__in=chain.counties).order_by("code"))
    unsigned = schools[0]
    for school in schools:
        semester = f.SemesterFactory(school=school)
        if school != unsigned:
            summary_sign(semester=semester, user=school.staff.get())
    school_year, term = semester.school_year, semester.term
    assert area_semesters(Area(PROVINCE, chain.province)) == [(school_year, term)]
    province = semester_level_rollup(Area(PROVINCE, chain.province), school_year, term)
    prefectures = [semester_level_rollup(Area(PREFECTURE, p), school_year, term) for p in chain.prefectures]
    counties = [semester_level_rollup(Area(DISTRICT, d), school_year, term) for d in chain.counties]
    for row, below in zip(province.rows, prefectures, strict=True):
        assert row.values == below.totals.values and row.submitted == below.totals.submitted
    for row, below in zip(prefectures[0].rows + prefectures[1].rows, counties, strict=True):
        assert row.values == below.totals.values
    (whole,) = area_semester_sums(Area(PROVINCE, chain.province), school_year, term, group=False)
    assert province.totals.values == [column_value(whole, key, kind) for key, _l, kind in province.columns]
    lbc = _index(province, "lbc")
    unsigned_children = Child.objects.filter(school=unsigned).count()
    assert province.totals.values[lbc] == sum(3 + n for n in range(4)) - unsigned_children  # counts in no total
    assert (province.totals.schools, province.totals.submitted) == (8, 7)

    client.force_login(_officer(province=chain.province))
    page = client.get(
        reverse("reports:area", args=[PROVINCE, chain.province.pk]), {"semester": f"{school_year}-{term}"}
    ).content.decode()
    assert "学期工作总结" in page and "已签署总结" in page
    assert not any(name in page for name in Child.objects.values_list("name", flat=True))
    assert f"?semester={school_year}-{term}" in page  # the units below open on the same semester
