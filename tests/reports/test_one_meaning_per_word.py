"""Words that mean two things carry a context, so each page says what it means: a report a school has not sent
is 未报送 (not 失踪, a missing child) and the roll-up's totals row is 合计 (not 总分, an exam score)."""

import io

from django.urls import reverse
from django.utils import translation
from python_calamine import CalamineWorkbook

from reports.monthly import Status
from tests import factories as f
from tests.reports.test_district import _last, _officer, _school_with_report

ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


def _badge_of(page: str, school) -> str:
    row = page.split(f'data-school="{school.code}"')[1].split("</tr>")[0]
    return row.split('data-status="')[1].split("</span>")[0]


def test_the_districts_list_of_monthly_reports_says_a_school_has_not_sent_its_report_not_that_it_is_missing(
    client, world
):
    client.force_login(world.district_officer)
    url = reverse("reports:district_reports") + f"?month={_last().key}"

    badge = _badge_of(client.get(url, **ZH).content.decode(), world.other_school)

    assert badge.startswith('missing"') and "未报送" in badge and "失踪" not in badge


def test_the_schools_own_list_says_its_unsent_report_is_not_sent(client, world):
    client.force_login(world.other_principal)

    page = client.get(reverse("reports:monthly_list"), **ZH).content.decode()

    assert 'data-status="missing"' in page and "未报送" in page and "失踪" not in page


def test_a_missing_child_is_still_a_missing_child_in_the_rollups_safety_columns(client, db):
    district = f.DistrictFactory()
    _school_with_report(district, 2, 1, events=1)
    client.force_login(_officer(district))

    page = client.get(reverse("reports:district_rollup") + f"?month={_last().key}", **ZH).content.decode()

    header = page.split('data-testid="rollup"')[1].split("</thead>")[0]
    assert "失踪" in header and "未报送" not in header


def test_the_rollups_totals_row_is_a_sum_not_an_exam_score(client, db):
    district = f.DistrictFactory()
    _school_with_report(district, 3, 1)
    _school_with_report(district, 2, 2)
    client.force_login(_officer(district))

    page = client.get(reverse("reports:district_rollup") + f"?month={_last().key}", **ZH).content.decode()

    totals = page.split('data-testid="totals"')[1].split("</tr>")[0]
    assert "合计" in totals and "总分" not in totals


def test_the_district_workbooks_totals_row_is_a_sum_not_an_exam_score(client, db):
    district = f.DistrictFactory()
    _school_with_report(district, 3, 1)
    client.force_login(_officer(district))

    response = client.get(reverse("reports:district_workbook") + f"?month={_last().key}", **ZH)

    rollup = CalamineWorkbook.from_filelike(io.BytesIO(response.content)).get_sheet_by_name("汇总").to_python()
    assert rollup[-1][0] == "合计"


def test_the_words_with_a_context_still_read_as_plain_english(client, db):
    district = f.DistrictFactory()
    _school_with_report(district, 3, 1)
    unsent = _school_with_report(district, 2, 0, submit=False)
    client.force_login(_officer(district))
    client.cookies["django_language"] = "en"

    reports = client.get(reverse("reports:district_reports") + f"?month={_last().key}").content.decode()
    rollup = client.get(reverse("reports:district_rollup") + f"?month={_last().key}").content.decode()

    assert _badge_of(reports, unsent).startswith('missing">Missing')
    assert '<th scope="row">Total</th>' in rollup.split('data-testid="totals"')[1]
    with translation.override("en"):
        assert str(Status.MISSING.label) == "Missing"
