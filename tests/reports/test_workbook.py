"""The summary's workbook: the page's numbers as numbers, rates as percentages, a child named like a
formula stays text (LibreOffice reads it back as text), and a constant number of queries."""

import csv
import datetime
import io
import shutil
import subprocess

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from python_calamine import CalamineWorkbook

from children.models import ChildStatus, ChildStatusChange
from pairing.models import SafetyEvent
from tests import factories as f
from tests.pairing.factories import TalkFactory

D = datetime.date
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(client, figure_school) -> bytes:
    client.force_login(figure_school.principal)
    response = client.get(reverse("reports:summary_workbook", args=[figure_school.semester.pk]))
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    return response.content


def _formula_child(figure_school):
    child = figure_school.children["A"]
    child.name = '=HYPERLINK("x")'
    child.save()


def test_the_summary_sheet_has_the_pages_numbers_in_its_order(client, figure_school):
    book = CalamineWorkbook.from_filelike(io.BytesIO(_download(client, figure_school)))
    assert book.sheet_names == ["汇总", "分年级", "谈心记录", "家访记录", "家长联系", "关爱活动", "资助"]
    rows = book.get_sheet_by_name("汇总").to_python()
    by_label = {row[1]: row for row in rows[1:]}
    assert by_label["留守儿童"][2] == 3
    assert by_label["谈心次数"][2] == 3 and by_label["谈心次数"][4] == 3  # Δ against a spring without talks
    coverage = by_label["谈心覆盖率"]
    assert coverage[2] == pytest.approx(1 / 3) and (coverage[5], coverage[6]) == (1, 3)
    assert by_label["资助金额（元）"][2] == pytest.approx(545.5)
    assert rows[1][0] == "基本情况" and rows[-1][0] == "学业"
    # 分年级: grade 3 both away girl (A), father away boy (B); grade 4 one away other unable girl (C).
    grades = book.get_sheet_by_name("分年级").to_python()[1:]
    assert sum(row[3] for row in grades) == 3
    # The records of the period, one row each: 3 talks, 3 visits, 8 contacts, 3 activities, 3 assistance.
    assert [len(book.get_sheet_by_name(n).to_python()) - 1 for n in ["谈心记录", "家访记录", "家长联系"]] == [3, 3, 8]


def test_a_child_named_like_a_formula_comes_out_as_text(client, figure_school):
    _formula_child(figure_school)
    book = CalamineWorkbook.from_filelike(io.BytesIO(_download(client, figure_school)))
    names = [row[1] for row in book.get_sheet_by_name("谈心记录").to_python()[1:]]
    assert names.count('=HYPERLINK("x")') == 2


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_reads_the_workbook_with_the_same_numbers_and_the_formula_as_text(client, figure_school, tmp_path):
    _formula_child(figure_school)
    path = tmp_path / "summary.xlsx"
    path.write_bytes(_download(client, figure_school))
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,UTF8,1,,0,false,true,true,false,false,-1",
            str(path),
            "--outdir",
            str(tmp_path),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    sheets = {p.stem: list(csv.reader(p.open(encoding="utf-8"))) for p in tmp_path.glob("summary*.csv")}
    summary = next(rows for name, rows in sheets.items() if name.endswith("汇总"))
    by_label = {row[1]: row for row in summary[1:]}
    assert by_label["留守儿童"][2] == "3"
    assert by_label["谈心覆盖率"][2] == "33.3%"
    talks = next(rows for name, rows in sheets.items() if name.endswith("谈心记录"))
    assert [row[1] for row in talks[1:]].count('=HYPERLINK("x")') == 2


def test_the_workbook_takes_the_same_number_of_queries_at_two_sizes(client, figure_school):
    client.force_login(figure_school.principal)
    url = reverse("reports:summary_workbook", args=[figure_school.semester.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for child in f.ChildFactory.create_batch(10, school_class=figure_school.children["A"].school_class):
        TalkFactory(child=child, date=D(2026, 10, 5))
        ChildStatusChange.objects.create(child=child, status=ChildStatus.ACTIVE, date=D(2026, 3, 1))
        # The attention tiers and the safety events grow too (reports.figures.attention_tiers, safety_events).
        SafetyEvent.objects.create(child=child, date=D(2026, 10, 6), kind="missing", what_happened="未回家")
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(small) == len(large)
