"""Excel exports: one mechanism (organisation.exports) for every list, the list's rows and masking, and cells
that a spreadsheet can never run as formulas."""

import csv
import datetime
import io
import re
import shutil
import subprocess
import tempfile
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from organisation import exports
from organisation.exports import DATE, NUMBER, PERCENT, Column, Sheet
from organisation.roles import CAPABILITIES, Capability, Role
from pairing.services import norms_restore_defaults
from tests.activities.factories import ActivityFactory, AssistanceFactory, MedicalExamFactory
from tests.factories import CarerFactory, ChildFactory, GuardianFactory
from tests.pairing.factories import TalkFactory

HOSTILE_NAMES = ['=HYPERLINK("x")', "+1", "-2", "@x"]


def open_book(content: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(content))


def rows_of(sheet) -> list[tuple]:
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


def listed_names(html: str, testid: str, end: str = "</(table|ul)>") -> list[str]:
    """Names linked to a child page in the list's table, in page order."""
    table = re.search(rf'data-testid="{testid}".*?{end}', html, re.S).group(0)
    return re.findall(r'<a href="/children/\d+/">([^<]*)</a>', table)


# --- The mechanism ---


def test_every_text_cell_is_the_text_as_typed_and_one_starting_with_a_formula_character_is_quote_prefixed():
    rows = ['=HYPERLINK("x")', "=1+1", "+86", "-3", "@x", "\tx", "张思琪", "a=b", "'=已引"]
    book = open_book(exports.workbook_bytes([Sheet("名单", [Column("=姓名", lambda r: r)], rows)]))
    header, *cells = [row[0] for row in book.active.iter_rows()]
    assert header.value == "=姓名" and header.data_type == "s" and header.quotePrefix and header.font.b
    assert [c.data_type for c in cells] == ["s"] * len(rows)
    assert [c.value for c in cells] == rows
    assert [bool(c.quotePrefix) for c in cells] == [True] * 6 + [False] * 3


def test_a_carriage_return_or_nul_at_the_start_is_quote_prefixed_too():
    book = open_book(exports.workbook_bytes([Sheet("名单", [Column("姓名", lambda r: r)], ["\rReturn", "\0nul"])]))
    cells = [row[0] for row in book.active.iter_rows(min_row=2)]
    # Control characters are stored escaped (_x000D_), which openpyxl does not undo; Excel and LibreOffice do.
    assert [c.data_type for c in cells] == ["s", "s"] and all(c.quotePrefix for c in cells)
    assert cells[0].value.endswith("Return") and cells[1].value.endswith("nul")
    assert not any(c.value.startswith("'") for c in cells)


def test_numbers_dates_and_percentages_are_typed_cells_under_a_frozen_filtered_header():
    today = timezone.localdate()
    columns = [
        Column("姓名", lambda r: r[0]),
        Column("金额", lambda r: r[1], kind=NUMBER),
        Column("日期", lambda r: r[2], kind=DATE, width=11),
        Column("建档率", lambda r: r[3], kind=PERCENT),
    ]
    rows = [("张思琪", Decimal("300.50"), today, Decimal("85.7")), ("李浩然", 2, None, 100)]
    book = open_book(exports.workbook_bytes([Sheet("资助", columns, rows)]))
    sheet = book["资助"]
    assert rows_of(sheet)[0] == ("姓名", "金额", "日期", "建档率")
    amount, on, rate = sheet["B2"], sheet["C2"], sheet["D2"]
    assert amount.data_type == "n" and amount.value == 300.5
    assert on.is_date and on.value.date() == today and on.number_format == "yyyy-mm-dd"
    assert rate.data_type == "n" and rate.value == pytest.approx(0.857) and rate.number_format == "0.0%"
    assert sheet["B3"].value == 2 and sheet["C3"].value is None and sheet["D3"].value == 1
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:D3"
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.column_dimensions["C"].width == pytest.approx(11, abs=1)


def test_sheet_names_obey_excels_rules():
    sheets = [Sheet("a/b:c", [], []), Sheet("A/B:C", [], []), Sheet("x" * 40, [], [])]
    assert open_book(exports.workbook_bytes(sheets)).sheetnames == ["a b c", "A B C (2)", "x" * 31]


# --- The child list ---


@pytest.fixture
def hostile_children(world):
    return [ChildFactory(school_class=world.class_1, name=name) for name in HOSTILE_NAMES]


@pytest.mark.django_db
def test_the_child_export_has_the_filtered_lists_rows_in_its_order(client, world, hostile_children):
    ChildFactory(school_class=world.class_2, name="陈雨桐")
    client.force_login(world.principal)
    query = {"school_class": world.class_1.pk, "sort": "-name"}
    listed = listed_names(client.get(reverse("children:list"), query).content.decode(), "child-list")
    response = client.get(reverse("children:export"), query)
    assert response.status_code == 200
    sheet = open_book(response.content).active
    names = [row[0] for row in rows_of(sheet)[1:]]
    assert names == [n.replace("&quot;", '"') for n in listed]
    assert len(names) == 5 and "陈雨桐" not in names


@pytest.mark.django_db
def test_the_child_export_makes_as_many_queries_for_thirty_children_as_for_three(
    client, world, django_assert_num_queries
):
    client.force_login(world.principal)
    url = reverse("children:export")
    # session, user, the grades of the classes (the filter's choices), the children with their completeness
    with django_assert_num_queries(4):
        assert client.get(url).status_code == 200
    for n in range(30):
        GuardianFactory(child=ChildFactory(school_class=world.class_2, name=f"儿童{n}"))
    with django_assert_num_queries(4):
        assert client.get(url, {"incomplete": "on"}).status_code == 200


@pytest.mark.django_db
def test_a_head_teacher_exports_only_their_own_class(client, world):
    client.force_login(world.head_teacher)
    sheet = open_book(client.get(reverse("children:export")).content).active
    assert [row[:2] for row in rows_of(sheet)[1:]] == [("张思琪", "3年级1班")]


@pytest.mark.django_db
def test_the_child_export_has_chinese_headers_typed_counts_and_a_chinese_file_name(client, world, hostile_children):
    client.force_login(world.principal)
    response = client.get(reverse("children:export"), {"school_class": world.class_1.pk})
    assert response["Content-Type"] == exports.XLSX_CONTENT_TYPE
    filename = f"留守儿童名单_{timezone.localdate().isoformat()}.xlsx"
    header = response["Content-Disposition"]
    assert f"filename*=UTF-8''{quote(filename)}" in header  # the Chinese name, RFC 5987
    assert f'filename="{timezone.localdate().isoformat()}.xlsx"' in header  # the ASCII fallback
    sheet = open_book(response.content).active
    assert rows_of(sheet)[0][:4] == ("姓名", "班级", "性别", "留守类型")
    by_name = {row[0]: row for row in rows_of(sheet)[1:]}
    assert by_name['=HYPERLINK("x")'][1] == "3年级1班"
    missing_counts = [cell.value for cell in sheet["H"][1:]]
    assert all(isinstance(n, int) and n > 0 for n in missing_counts)
    assert [cell.data_type for cell in sheet["A"][1:]] == ["s"] * 5


@pytest.mark.django_db
def test_the_export_button_shows_only_to_roles_that_may_export(client, world):
    client.force_login(world.principal)
    assert 'data-testid="export-xlsx"' in client.get(reverse("children:list")).content.decode()
    html = client.get(reverse("children:list"), {"q": "张", "page": "1"}).content.decode()
    assert f'href="{reverse("children:export")}?q=%E5%BC%A0"' in html
    client.force_login(world.carer_user)
    assert 'data-testid="export-xlsx"' not in client.get(reverse("children:list")).content.decode()
    assert client.get(reverse("children:export")).status_code == 403


# --- Filing rate ---


@pytest.mark.django_db
def test_the_filing_rate_export_has_counts_as_numbers_and_rates_as_percentages(client, world):
    client.force_login(world.principal)
    html = client.get(reverse("children:completeness")).content.decode()
    sheets = open_book(client.get(reverse("children:completeness_export")).content)
    rates = rows_of(sheets["建档率"])
    assert rates[0] == ("班级", "儿童数", "完整", "建档率")
    assert [row[0] for row in rates[1:]] == ["3年级1班", "3年级2班", "全部"]
    assert rates[-1][1:3] == (2, 0) and sheets["建档率"]["D4"].number_format == "0.0%"
    incomplete = rows_of(sheets["不完整的档案"])
    assert sorted(row[0] for row in incomplete[1:]) == sorted(listed_names(html, "incomplete"))


# --- Carers, coverage, class grid ---


@pytest.mark.django_db
def test_the_carer_export_lists_the_carers_the_list_shows_with_full_phones_for_the_principal(client, world):
    CarerFactory(school=world.school, name="刘芳", phone="13812345678", organisation="妇联")
    CarerFactory(school=world.other_school, name="外校人")
    client.force_login(world.principal)
    sheet = open_book(client.get(reverse("pairing:carer_list_export")).content).active
    rows = rows_of(sheet)
    assert rows[0] == ("姓名", "类型", "所在单位", "电话", "登录账号", "启用")
    assert {row[0]: row[3] for row in rows[1:]} == {"张秀英": None, "刘芳": "13812345678"}


@pytest.mark.django_db
def test_the_carer_export_masks_phones_as_the_list_does_for_a_role_without_see_phones(client, world, monkeypatch):
    CarerFactory(school=world.school, name="刘芳", phone="13812345678")
    monkeypatch.setitem(CAPABILITIES, Role.HEAD_TEACHER, CAPABILITIES[Role.HEAD_TEACHER] - {Capability.SEE_PHONES})
    client.force_login(world.head_teacher)
    html = client.get(reverse("pairing:carer_list")).content.decode()
    assert "138****5678" in html and "13812345678" not in html
    sheet = open_book(client.get(reverse("pairing:carer_list_export")).content).active
    phones = {row[0]: row[3] for row in rows_of(sheet)}
    assert phones["刘芳"] == "138****5678"


@pytest.mark.django_db
def test_the_coverage_export_has_the_children_without_a_carer(client, world, hostile_children):
    client.force_login(world.head_teacher)
    html = client.get(reverse("pairing:coverage")).content.decode()
    sheet = open_book(client.get(reverse("pairing:coverage_export")).content).active
    names = [row[0] for row in rows_of(sheet)[1:]]
    assert names == [n.replace("&quot;", '"') for n in listed_names(html, "coverage")]
    assert "张思琪" not in names and len(names) == 4


@pytest.fixture
def care_norms(world):
    norms_restore_defaults(school=world.school)
    world.semester.start_date = timezone.localdate() - datetime.timedelta(days=70)
    world.semester.end_date = timezone.localdate() + datetime.timedelta(days=70)
    world.semester.save()
    TalkFactory(child=world.child_1, recorded_by=world.head_teacher)


@pytest.mark.django_db
def test_the_class_grid_export_has_the_grids_cells_and_a_count_of_overdue_norms(client, world, care_norms):
    client.force_login(world.head_teacher)
    page = client.get(reverse("pairing:class_grid", args=[world.class_1.pk]))
    ((_child, statuses),) = page.context["rows"]
    response = client.get(reverse("pairing:class_grid_export", args=[world.class_1.pk]))
    rows = rows_of(open_book(response.content).active)
    assert rows[0] == ("儿童", "重点帮扶", *(str(norm.label) for norm in page.context["norms"]), "逾期项数")
    assert rows[1][0] == "张思琪" and len(rows) == 2
    expected = tuple(f"{s.done}/{s.required}" if s and s.applies else None for s in statuses)
    assert rows[1][2:-1] == expected and any(expected)
    assert rows[1][-1] == sum(1 for s in statuses if s and s.applies and s.overdue) > 0
    assert client.get(reverse("pairing:class_grid_export", args=[world.class_2.pk])).status_code == 404


@pytest.mark.django_db
def test_the_overview_export_has_the_totals_per_norm_and_per_class_as_numbers(client, world, care_norms):
    client.force_login(world.principal)
    page = client.get(reverse("pairing:overview"))
    book = open_book(client.get(reverse("pairing:overview_export")).content)
    assert book.sheetnames == ["按关爱制度", "按班级"]
    by_norm = rows_of(book["按关爱制度"])
    assert by_norm[0] == ("制度", "已完成", "应完成", "逾期儿童数")
    assert by_norm[1:] == [
        (str(r["norm"].label), r["done"], r["required"], r["overdue"]) for r in page.context["norm_rows"]
    ]
    by_class = rows_of(book["按班级"])
    assert by_class[1:] == [
        (c.label, t["children"], t["done"], t["required"], t["overdue"]) for c, t in page.context["class_rows"]
    ]


# --- Opened by LibreOffice ---


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.django_db
def test_libreoffice_reads_the_child_export_as_the_lists_rows_with_formulas_kept_as_text(
    client, world, hostile_children
):
    GuardianFactory(child=world.child_1)
    client.force_login(world.principal)
    query = {"school_class": world.class_1.pk}
    listed = listed_names(client.get(reverse("children:list"), query).content.decode(), "child-list")
    content = client.get(reverse("children:export"), query).content
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        (folder / "book.xlsx").write_bytes(content)
        subprocess.run(
            [
                "soffice",
                "--headless",
                "--convert-to",
                "csv:Text - txt - csv (StarCalc):44,34,UTF8",
                str(folder / "book.xlsx"),
                "--outdir",
                str(folder / "out"),
                f"-env:UserInstallation=file://{folder / 'profile'}",
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        with open(folder / "out" / "book.csv", encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
    assert rows[0][:3] == ["姓名", "班级", "性别"]
    names = [row[0] for row in rows[1:]]
    assert names == [n.replace("&quot;", '"') for n in listed]
    assert '=HYPERLINK("x")' in names and "+1" in names and "-2" in names and "@x" in names
    assert "张思琪" in names
    assert {row[1] for row in rows[1:]} == {"3年级1班"}


# --- Birthdays, assistance, medical exams ---


@pytest.mark.django_db
def test_the_birthday_export_has_the_months_birthdays_with_dates_and_ages(client, world):
    client.force_login(world.principal)
    html = client.get(reverse("activities:birthdays"), {"month": "2030-05"}).content.decode()
    response = client.get(reverse("activities:birthdays_export"), {"month": "2030-05"})
    sheet = open_book(response.content).active
    rows = rows_of(sheet)
    assert rows[0] == ("姓名", "班级", "生日", "年龄")
    assert [row[0] for row in rows[1:]] == listed_names(html, "birthdays", end="</div>") == ["张思琪", "李浩然"]
    assert sheet["C2"].is_date and sheet["C2"].value.date() == datetime.date(2030, 5, 4)
    assert sheet["D2"].data_type == "n" and sheet["D2"].value == 13
    assert rows_of(
        open_book(client.get(reverse("activities:birthdays_export"), {"month": "2030-06"}).content).active
    ) == [("姓名", "班级", "生日", "年龄")]


@pytest.mark.django_db
def test_the_assistance_export_has_the_pages_three_parts_with_amounts_as_numbers(client, world):
    AssistanceFactory(child=world.child_1, semester=world.semester, amount=Decimal("300.50"), description="=1+1")
    AssistanceFactory(child=world.child_1, semester=world.semester, amount=Decimal("200.00"))
    ChildFactory(school_class=world.class_2, name="陈雨桐", poverty_status="dibao")
    client.force_login(world.principal)
    book = open_book(client.get(reverse("activities:assistance_export")).content)
    assert book.sheetnames == ["按资助方和类别合计", "未获资助", "资助明细"]
    totals = rows_of(book["按资助方和类别合计"])
    assert totals[1][2:] == (1, 500.5) and totals[-1][0] == "合计" and totals[-1][3] == 500.5
    assert [row[0] for row in rows_of(book["未获资助"])[1:]] == ["陈雨桐"]
    records = book["资助明细"]
    assert records.max_row == 3
    assert records["A2"].is_date and records["F2"].data_type == "n"
    assert sorted(cell.value for cell in records["F"][1:]) == [200.0, 300.5]
    assert "=1+1" in [cell.value for cell in records["G"][1:]]


@pytest.mark.django_db
def test_the_medical_exam_export_has_the_class_filtered_exams_as_numbers_and_dates(client, world):
    MedicalExamFactory(child=world.child_1)
    MedicalExamFactory(child=world.child_2, date=datetime.date(2026, 9, 1))
    client.force_login(world.principal)
    query = {"school_class": world.class_1.pk}
    html = client.get(reverse("activities:medical_exam_list"), query).content.decode()
    sheet = open_book(client.get(reverse("activities:medical_exam_export"), query).content).active
    assert [row[1] for row in rows_of(sheet)[1:]] == listed_names(html, "medical-exams") == ["张思琪"]
    exam_day = MedicalExamFactory._meta.model.objects.get(child=world.child_1).date
    assert sheet["A2"].value.date() == exam_day and sheet["A2"].number_format == "yyyy-mm-dd"
    assert [sheet[f"{col}2"].value for col in "DEFG"] == [132.5, 28.4, 5.0, 4.9]
    client.force_login(world.other_head_teacher)
    sheet = open_book(client.get(reverse("activities:medical_exam_export")).content).active
    assert [row[1] for row in rows_of(sheet)[1:]] == ["李浩然"]


# --- Activities, parent contacts, care logs ---


def linked_texts(html: str, testid: str, href: str) -> list[str]:
    """The texts of the links matching `href` (a regex) in the list's table, in page order."""
    table = re.search(rf'data-testid="{testid}".*?</table>', html, re.S).group(0)
    return re.findall(rf'<a href="{href}">([^<]*)</a>', table)


def count_queries(client, url, query=None) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, query or {}).status_code == 200
    return len(queries)


@pytest.fixture
def activities(world):
    from activities.models import Attendance

    made = [
        ActivityFactory(school=world.school, semester=world.semester, title=title, date=timezone.localdate())
        for title in ("书香童年读书会", "=冬季安全讲座", "亲情视频通话日")
    ]
    Attendance.objects.create(activity=made[0], child=world.child_1)
    Attendance.objects.create(activity=made[0], child=world.child_2)
    Attendance.objects.create(activity=made[1], child=world.child_1)
    ActivityFactory(school=world.other_school, title="外校活动")
    return made


@pytest.mark.django_db
def test_the_activity_export_has_the_filtered_lists_rows_with_attendance_counts(client, world, activities):
    client.force_login(world.principal)
    for query in ({}, {"q": "读书"}, {"semester": world.semester.pk, "kind": "reading"}):
        html = client.get(reverse("activities:list"), query).content.decode()
        listed = linked_texts(html, "activity-list", r"/activities/\d+/")
        sheet = open_book(client.get(reverse("activities:list_export"), query).content).active
        rows = rows_of(sheet)
        assert [row[1] for row in rows[1:]] == listed and listed
    rows = rows_of(open_book(client.get(reverse("activities:list_export")).content).active)
    assert rows[0] == ("日期", "活动", "类型", "地点", "儿童数")
    counts = {row[1]: row[4] for row in rows[1:]}
    assert counts == {"书香童年读书会": 2, "=冬季安全讲座": 1, "亲情视频通话日": 0}
    assert "外校活动" not in counts


@pytest.mark.django_db
def test_the_activity_export_makes_as_many_queries_for_twenty_activities_as_for_three(client, world, activities):
    client.force_login(world.principal)
    url = reverse("activities:list_export")
    few = count_queries(client, url)
    for n in range(17):
        ActivityFactory(school=world.school, semester=world.semester, title=f"活动{n}")
    assert count_queries(client, url) == few


@pytest.mark.django_db
def test_the_activity_export_button_shows_to_staff_who_export_and_carers_are_refused(client, world, activities):
    client.force_login(world.head_teacher)
    html = client.get(reverse("activities:list"), {"q": "读书"}).content.decode()
    assert f'href="{reverse("activities:list_export")}?q=%E8%AF%BB%E4%B9%A6"' in html
    client.force_login(world.carer_user)
    assert client.get(reverse("activities:list_export")).status_code == 403


@pytest.fixture
def contacts(world):
    from tests.guardians.factories import ParentContactFactory

    return [
        ParentContactFactory(child=world.child_1, summary="=打电话", recorded_by=world.head_teacher),
        ParentContactFactory(child=world.child_2, reached=False, channel="video", recorded_by=world.principal),
        ParentContactFactory(child=world.other_child, summary="外校"),
    ]


@pytest.mark.django_db
def test_the_contact_list_export_has_the_lists_rows_for_each_role(client, world, contacts):
    for user, expected in ((world.principal, {"张思琪", "李浩然"}), (world.head_teacher, {"张思琪"})):
        client.force_login(user)
        html = client.get(reverse("guardians:contact_list")).content.decode()
        listed = linked_texts(html, "contact-list", r"/children/\d+/")
        rows = rows_of(open_book(client.get(reverse("guardians:contact_list_export")).content).active)
        assert [row[1] for row in rows[1:]] == listed and set(listed) == expected
    assert rows[0] == ("日期", "儿童", "联系对象", "方式", "是否联系上", "内容摘要")
    assert rows[1][5] == "=打电话"


@pytest.mark.django_db
def test_a_carer_sees_the_contact_list_but_gets_no_export(client, world, contacts):
    client.force_login(world.carer_user)
    assert 'data-testid="export-xlsx"' not in client.get(reverse("guardians:contact_list")).content.decode()
    assert client.get(reverse("guardians:contact_list_export")).status_code == 403
    client.force_login(world.principal)
    assert 'data-testid="export-xlsx"' in client.get(reverse("guardians:contact_list")).content.decode()


@pytest.fixture
def talks(world):
    TalkFactory(child=world.child_1, recorded_by=world.head_teacher, confidential_note="家里有矛盾")
    TalkFactory(child=world.child_2, recorded_by=world.other_head_teacher, content="=SUM(1)")
    TalkFactory(child=world.other_child, content="外校")


@pytest.mark.django_db
def test_the_talk_log_export_has_the_logs_rows_and_shows_the_confidential_note_only_to_who_may_read_it(
    client, world, talks
):
    url, export = reverse("pairing:talk_log"), reverse("pairing:talk_log_export")
    for user, query, expected, note in (
        (world.principal, {}, ["张思琪", "李浩然"], "家里有矛盾"),
        (world.principal, {"school_class": world.class_2.pk}, ["李浩然"], None),
        (world.archive_keeper, {}, ["张思琪", "李浩然"], None),
        (world.head_teacher, {}, ["张思琪"], "家里有矛盾"),
        (world.other_head_teacher, {}, ["李浩然"], None),
    ):
        client.force_login(user)
        listed = linked_texts(client.get(url, query).content.decode(), "care-log", r"/children/\d+/")
        rows = rows_of(open_book(client.get(export, query).content).active)
        assert sorted(row[1] for row in rows[1:]) == sorted(listed) == sorted(expected)
        notes = {row[1]: row[6] for row in rows[1:]}
        assert notes.get("张思琪") == note
    assert rows[0] == ("日期", "儿童", "班级", "谈心人", "谈话主题", "谈话内容", "保密备注")
    assert rows[1][5] == "=SUM(1)"


@pytest.mark.django_db
def test_the_visit_log_export_names_the_visitors_with_constant_queries(client, world):
    from tests.pairing.factories import HomeVisitFactory

    visit = HomeVisitFactory(child=world.child_1, recorded_by=world.head_teacher, advice="多给孩子打电话")
    visit.carers.add(world.carer)
    visit.staff.add(world.head_teacher)
    client.force_login(world.principal)
    url = reverse("pairing:visit_log_export")
    rows = rows_of(open_book(client.get(url).content).active)
    assert rows[0][:4] == ("日期", "儿童", "班级", "家访人")
    assert rows[1][1:4] == ("张思琪", "3年级1班", f"张秀英、{world.head_teacher}")
    assert rows[1][5] == "多给孩子打电话"
    few = count_queries(client, url)
    for _n in range(10):
        HomeVisitFactory(child=world.child_2).carers.add(world.carer)
    assert count_queries(client, url) == few


@pytest.mark.django_db
def test_the_contact_log_export_has_the_filtered_logs_rows(client, world, contacts):
    client.force_login(world.principal)
    query = {"reached": "no"}
    html = client.get(reverse("pairing:contact_log"), query).content.decode()
    rows = rows_of(open_book(client.get(reverse("pairing:contact_log_export"), query).content).active)
    assert [row[1] for row in rows[1:]] == linked_texts(html, "care-log", r"/children/\d+/") == ["李浩然"]
    assert rows[0] == ("日期", "儿童", "班级", "联系对象", "方式", "地点", "是否联系上", "内容摘要")
    assert rows[1][4] == "视频通话" and rows[1][6] == "否"
    client.force_login(world.carer_user)
    assert client.get(reverse("pairing:contact_log_export")).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url_name", ["guardians:contact_list_export", "pairing:talk_log_export", "pairing:contact_log_export"]
)
def test_the_contact_and_talk_exports_make_as_many_queries_for_twenty_rows_as_for_two(client, world, url_name):
    from tests.factories import ParentFactory
    from tests.guardians.factories import ParentContactFactory

    def add(n):
        for _n in range(n):
            child = ChildFactory(school_class=world.class_1)
            ParentContactFactory(child=child, parent=ParentFactory(child=child), recorded_by=world.head_teacher)
            TalkFactory(child=child, carer=world.carer, recorded_by=world.head_teacher, confidential_note="保密")

    add(2)
    client.force_login(world.principal)
    few = count_queries(client, reverse(url_name))
    add(18)
    assert count_queries(client, reverse(url_name)) == few


@pytest.mark.django_db
def test_the_contact_list_export_has_every_contact_not_only_the_latest_page(client, world, monkeypatch):
    from guardians import views
    from tests.guardians.factories import ParentContactFactory

    monkeypatch.setattr(views, "CONTACTS_PER_PAGE", 2)
    ParentContactFactory.create_batch(5, child=world.child_1, recorded_by=world.head_teacher)
    client.force_login(world.principal)
    assert len(client.get(reverse("guardians:contact_list")).context["contacts"]) == 2
    rows = rows_of(open_book(client.get(reverse("guardians:contact_list_export")).content).active)
    assert len(rows) == 1 + 5


# --- Key-help plans ---


@pytest.mark.django_db
def test_the_plan_export_has_the_plans_the_list_shows_with_dates_and_the_plans_texts(client, world):
    from tests.pairing.factories import KeyHelpPlanFactory, PlanReviewFactory

    plan = KeyHelpPlanFactory(child=world.child_1, carer=world.carer, goals="=期末回到中游")
    PlanReviewFactory(plan=plan, date=timezone.localdate() - datetime.timedelta(days=10))
    KeyHelpPlanFactory(child=world.child_2, end_date=timezone.localdate() - datetime.timedelta(days=1))
    KeyHelpPlanFactory(child=world.other_child)
    for user, expected in ((world.principal, ["张思琪", "李浩然"]), (world.head_teacher, ["张思琪"])):
        client.force_login(user)
        html = client.get(reverse("pairing:plan_list")).content.decode()
        assert f'href="{reverse("pairing:plan_list_export")}"' in html
        sheet = open_book(client.get(reverse("pairing:plan_list_export")).content).active
        rows = rows_of(sheet)
        assert [row[0] for row in rows[1:]] == expected
    headers = ("儿童", "班级", "责任帮扶人", "开始日期", "结束日期", "上次回访", "下次回访", "原因", "目标", "措施")
    assert rows[0] == headers
    assert rows[1][2] == "张秀英" and rows[1][8] == "=期末回到中游" and sheet["I2"].data_type == "s"
    assert sheet["F2"].is_date and sheet["G2"].value.date() == timezone.localdate() + datetime.timedelta(days=20)
    client.force_login(world.principal)
    not_current = rows_of(open_book(client.get(reverse("pairing:plan_list_export")).content).active)[2]
    assert not_current[0] == "李浩然" and not_current[6] is None


@pytest.mark.django_db
def test_the_plan_export_makes_as_many_queries_for_twenty_plans_as_for_two(client, world):
    from tests.pairing.factories import KeyHelpPlanFactory

    KeyHelpPlanFactory.create_batch(2, child=world.child_1)
    client.force_login(world.principal)
    few = count_queries(client, reverse("pairing:plan_list_export"))
    for _n in range(18):
        KeyHelpPlanFactory(child__school_class=world.class_2, carer=world.carer)
    assert count_queries(client, reverse("pairing:plan_list_export")) == few


# --- Staff accounts, leading group ---


@pytest.mark.django_db
def test_the_staff_export_has_the_schools_accounts_with_their_classes_and_constant_queries(client, world):
    from tests.factories import UserFactory

    client.force_login(world.principal)
    html = client.get(reverse("organisation:staff_list")).content.decode()
    assert f'href="{reverse("organisation:staff_list_export")}"' in html
    url = reverse("organisation:staff_list_export")
    rows = rows_of(open_book(client.get(url).content).active)
    assert rows[0] == ("姓名", "用户名", "角色", "担任班主任的班级", "启用")
    by_name = {row[1]: row for row in rows[1:]}
    assert by_name[world.head_teacher.username][3] == "3年级1班" and by_name[world.head_teacher.username][4] == "是"
    assert world.other_principal.username not in by_name
    few = count_queries(client, url)
    for n in range(10):
        UserFactory(school=world.school, username=f"staff{n}", full_name=f"=老师{n}")
    assert count_queries(client, url) == few
    names = [row[0] for row in rows_of(open_book(client.get(url).content).active)]
    assert "=老师3" in names
    client.force_login(world.head_teacher)
    assert client.get(url).status_code == 403


@pytest.mark.django_db
def test_the_leading_group_export_has_the_years_group_as_the_page_lists_it(client, world):
    from organisation.models import LeadingGroupMember

    LeadingGroupMember.objects.create(
        school=world.school, school_year=2025, name="赵校长", role="leader", duty="overall"
    )
    LeadingGroupMember.objects.create(
        school=world.school, school_year=2026, name="王村支书", role="member", duty="overall", duty_note="-联系村委"
    )
    LeadingGroupMember.objects.create(
        school=world.school, school_year=2026, user=world.principal, role="leader", duty="overall"
    )
    client.force_login(world.principal)
    html = client.get(reverse("organisation:leading_group"), {"year": 2026}).content.decode()
    assert f'href="{reverse("organisation:leading_group_export")}?year=2026"' in html
    page = client.get(reverse("organisation:leading_group"), {"year": 2026})
    response = client.get(reverse("organisation:leading_group_export"), {"year": 2026})
    rows = rows_of(open_book(response.content).active)
    assert [row[0] for row in rows[1:]] == [m.person for m in page.context["members"]]
    assert rows[2][3] == "-联系村委"
    assert "2026" in response["Content-Disposition"]


# --- Safety letters ---


@pytest.mark.django_db
def test_the_safety_letter_export_has_the_pages_counts_and_children_without_a_letter(client, world):
    world.child_2.safety_letter_signed = True
    world.child_2.save()
    ChildFactory(school_class=world.class_2, name="陈雨桐")
    for user, query, without in (
        (world.principal, {}, ["张思琪", "陈雨桐"]),
        (world.principal, {"class": world.class_2.pk}, ["陈雨桐"]),
        (world.head_teacher, {}, ["张思琪"]),
    ):
        client.force_login(user)
        html = client.get(reverse("children:safety_letters"), query).content.decode()
        assert 'data-testid="export-xlsx"' in html
        book = open_book(client.get(reverse("children:safety_letters_export"), query).content)
        assert book.sheetnames == ["按班级", "未签订安全责任书的儿童"]
        by_class, children = (rows_of(sheet) for sheet in book.worksheets)
        assert [row[0] for row in children[1:]] == listed_names(html, "without-letter", end="</ul>") == without
    client.force_login(world.principal)
    by_class = rows_of(open_book(client.get(reverse("children:safety_letters_export")).content).worksheets[0])
    assert by_class[1:] == [("3年级1班", 1, 0, 1), ("3年级2班", 2, 1, 1)]
    few = count_queries(client, reverse("children:safety_letters_export"))
    for n in range(10):
        ChildFactory(school_class=world.class_1, name=f"儿童{n}")
    assert count_queries(client, reverse("children:safety_letters_export")) == few


# --- Attention list ---


@pytest.mark.django_db
def test_the_attention_export_has_the_entries_the_page_shows_with_their_reasons(client, world):
    from pairing.models import SafetyEvent

    SafetyEvent.objects.create(
        child=world.child_1,
        kind=SafetyEvent.Kind.choices[0][0],
        date=timezone.localdate(),
        what_happened="=只给校长看",
        recorded_by=world.principal,
    )
    client.force_login(world.principal)
    rows = rows_of(open_book(client.get(reverse("pairing:attention_export")).content).active)
    (child_1,) = [row for row in rows if row[1] == "张思琪"]
    assert "安全事件" in child_1[4] and not any("只给校长看" in str(cell) for row in rows for cell in row)
    client.force_login(world.head_teacher)
    rows = rows_of(open_book(client.get(reverse("pairing:attention_export")).content).active)
    assert not any("安全事件" in (row[4] or "") for row in rows[1:])
    for user in (world.principal, world.head_teacher):
        client.force_login(user)
        for query in ({}, {"tier": "reminder"}):
            page = client.get(reverse("pairing:attention"), query)
            assert 'data-testid="export-xlsx"' in page.content.decode()
            rows = rows_of(open_book(client.get(reverse("pairing:attention_export"), query).content).active)
            assert rows[0] == ("关注等级", "儿童", "班级", "重点帮扶", "原因", "暂缓")
            assert [(row[0], row[1]) for row in rows[1:]] == [
                (e.tier_label, e.child.name) for e in page.context["entries"]
            ]
            for row, entry in zip(rows[1:], page.context["entries"], strict=True):
                assert all(str(reason.text) in row[4] for reason in entry.reasons)
    few = count_queries(client, reverse("pairing:attention_export"))
    for n in range(10):
        ChildFactory(school_class=world.class_1, name=f"儿童{n}")
    assert count_queries(client, reverse("pairing:attention_export")) == few


# --- The children's home ---


@pytest.mark.django_db
def test_the_home_exports_have_the_opening_log_and_the_loans_the_pages_list(client, world):
    from tests.activities.factories import BookLoanFactory, ChildrensHomeFactory, HomeSessionFactory

    home = ChildrensHomeFactory(school=world.school)
    HomeSessionFactory(home=home, activities="=读书")
    BookLoanFactory(home=home, child=world.child_1, title="=安徒生童话")
    BookLoanFactory(
        home=home, child=world.child_2, borrowed_on=timezone.localdate() - datetime.timedelta(days=60), title="西游记"
    )
    client.force_login(world.principal)
    assert 'data-testid="export-xlsx"' in client.get(reverse("activities:home")).content.decode()
    sessions = open_book(client.get(reverse("activities:home_sessions_export")).content).active
    assert rows_of(sessions)[0] == ("日期", "时间", "值班", "儿童数", "通话", "活动内容") and sessions.max_row == 2
    assert sessions["F2"].value == "=读书" and sessions["A2"].is_date and sessions["D2"].data_type == "n"
    for query, expected in (({}, {"=安徒生童话", "西游记"}), ({"show": "overdue"}, {"西游记"})):
        html = client.get(reverse("activities:home_loans"), query).content.decode()
        assert f'href="{reverse("activities:home_loans_export")}' in html
        rows = rows_of(open_book(client.get(reverse("activities:home_loans_export"), query).content).active)
        assert {row[2] for row in rows[1:]} == expected
    few = count_queries(client, reverse("activities:home_loans_export"))
    few_sessions = count_queries(client, reverse("activities:home_sessions_export"))
    for _n in range(10):
        BookLoanFactory(home=home, child=world.child_1)
        HomeSessionFactory(home=home)
    assert count_queries(client, reverse("activities:home_loans_export")) == few
    assert count_queries(client, reverse("activities:home_sessions_export")) == few_sessions
