"""REPORTS.md: "A rate or average whose denominator is 0 is shown as '—' (never 0.0 %, never 0.0)": on the
pages, in the per-carer table, and in the workbook as an empty cell, not 0."""

import io

from django.urls import reverse
from django.utils import timezone
from python_calamine import CalamineWorkbook

from children.models import Child
from reports.figures import EMPTY_RATE, Rate


def test_a_rate_over_nothing_has_no_value_and_reads_as_a_dash():
    assert Rate(0, 0).rate is None
    assert Rate(0, 0).text == EMPTY_RATE == "—"
    assert Rate(1, 3).text == "33.3% (1/3)" and Rate(0, 4).text == "0.0% (0/4)"
    assert Rate(0, 0).sort_key < Rate(0, 4).sort_key


def test_the_per_carer_table_shows_a_dash_for_a_carer_without_required_work(client, figure_school):
    # No care norm asks anything of the carers K and M: their compliance is 0 of 0.
    client.force_login(figure_school.principal)
    response = client.get(reverse("reports:tables", args=[figure_school.semester.pk]))
    carers = response.context["carers"]
    assert carers and all(row.compliance.denominator == 0 for row in carers)
    html = response.content.decode()
    assert "0.0% (0/0)" not in html
    carer_table = html[html.index('data-testid="carer-table"') :]
    assert carer_table.count(f'<td class="text-end">{EMPTY_RATE}</td>') == len(carers)


def _school_without_children(figure_school):
    Child.objects.filter(school_class__school=figure_school.school).update(deleted_at=timezone.now())


def test_the_summary_page_shows_a_dash_for_every_rate_of_a_school_without_children(client, figure_school):
    _school_without_children(figure_school)
    client.force_login(figure_school.principal)
    html = client.get(reverse("reports:summary", args=[figure_school.semester.pk])).content.decode()
    assert "(0/0)" not in html and "0.0%" not in html
    assert EMPTY_RATE in html


def test_the_workbook_leaves_a_rate_over_nothing_empty(client, figure_school):
    _school_without_children(figure_school)
    client.force_login(figure_school.principal)
    response = client.get(reverse("reports:summary_workbook", args=[figure_school.semester.pk]))
    rows = CalamineWorkbook.from_filelike(io.BytesIO(response.content)).get_sheet_by_name("汇总").to_python()
    by_label = {row[1]: row for row in rows[1:]}
    for label in ("建档率", "谈心覆盖率", "结对覆盖率"):
        assert by_label[label][2] == "", label  # an empty cell, not 0 %
