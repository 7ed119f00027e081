"""The child list exported as a roster: the import template's columns, read back by the real import with no
change and no error, ID and phone numbers only for roles that see them in full, constant queries."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from children.models import Child
from guardians.models import RosterImport
from organisation.roles import CAPABILITIES, Capability, Role
from tests.factories import ChildFactory
from tests.guardians.roster_files import HEADERS, roster_row, xlsx_bytes
from tests.guardians.test_roster_import import _school_state

HOSTILE = {"民族": "+86", "家庭住址（村）": "-3组", "备注": "@x 爸爸说 =1+1", "父亲工作单位": "-3号厂"}


def _upload(client, content: bytes, name: str) -> RosterImport:
    client.post(reverse("guardians:roster_upload"), {"file": SimpleUploadedFile(name, content)})
    return RosterImport.objects.latest("pk")


@pytest.fixture
def imported(client, world):
    """Five children imported through the upload and confirm views, with values that look like formulas."""
    client.force_login(world.archive_keeper)
    rows = [roster_row(n, **HOSTILE) for n in range(4)]
    rows.append(roster_row(4, 身份证号=None, 重点帮扶="是", 重点帮扶原因="+父母离异"))
    staged = _upload(client, xlsx_bytes(rows), "花名册.xlsx")
    assert staged.counts["error"] == 0, staged.results
    client.post(reverse("guardians:roster_preview", args=[staged.pk]))
    assert Child.objects.filter(name__startswith="学生").count() == 5


def _export(client, user, query=None) -> openpyxl.Workbook:
    client.force_login(user)
    response = client.get(reverse("guardians:roster_export"), query or {})
    assert response.status_code == 200
    assert "filename*=UTF-8''%E8%8A%B1%E5%90%8D%E5%86%8C_" in response["Content-Disposition"]
    return openpyxl.load_workbook(io.BytesIO(response.content))


def test_the_roster_export_has_the_templates_columns_and_the_text_as_typed(client, world, imported):
    sheet = _export(client, world.principal, {"q": "学生"}).active
    assert [c.value for c in sheet[1]] == HEADERS
    rows = [{h: c for h, c in zip(HEADERS, row, strict=True)} for row in sheet.iter_rows(min_row=2)]
    assert [r["姓名"].value for r in rows] == sorted(f"学生{n}" for n in range(5))
    for row in rows[:4]:
        for header, typed in HOSTILE.items():
            assert row[header].data_type == "s" and row[header].value == typed
    assert all(cell.data_type != "f" for row in rows for cell in row.values())
    first = rows[0]
    assert first["出生日期"].is_date and first["班级"].value == "3年级1班" and first["性别"].value == "男"
    assert first["身份证号"].value == roster_row(0)["身份证号"] and first["父亲电话"].value == "13800000000"
    assert first["监护人年龄"].value == 68 and first["父亲情况"].value == "外出务工"
    assert rows[4]["重点帮扶"].value == "是" and rows[4]["重点帮扶原因"].value == "+父母离异"


def test_a_roster_exported_and_imported_again_changes_nothing_and_has_no_error(client, world, imported):
    before = _school_state(world.school)
    content = _export(client, world.principal)
    out = io.BytesIO()
    content.save(out)
    client.force_login(world.principal)
    staged = _upload(client, out.getvalue(), "花名册_导出.xlsx")
    children = Child.objects.filter(school=world.school).count()
    assert staged.counts == {"new": 0, "changed": 0, "unchanged": children, "error": 0}, [
        r for r in staged.results if r["errors"] or r["changes"]
    ]
    client.post(reverse("guardians:roster_preview", args=[staged.pk]))
    assert _school_state(world.school) == before


def test_a_head_teacher_exports_their_own_class_only(client, world, imported):
    sheet = _export(client, world.head_teacher).active
    assert {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)} == {"3年级1班"}
    assert Child.objects.filter(school_class=world.class_1).count() == sheet.max_row - 1


def test_a_role_that_may_not_see_full_numbers_gets_them_blank_not_masked(client, world, imported, monkeypatch):
    hidden = {Capability.SEE_ID_NUMBERS, Capability.SEE_PHONES}
    monkeypatch.setitem(CAPABILITIES, Role.HEAD_TEACHER, CAPABILITIES[Role.HEAD_TEACHER] - hidden)
    sheet = _export(client, world.head_teacher, {"q": "学生"}).active
    numbers = [HEADERS.index(h) for h in HEADERS if "电话" in h or h == "身份证号"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert rows and all(row[i] is None for row in rows for i in numbers)
    assert all(row[1].startswith("学生") for row in rows)


def test_the_roster_export_makes_as_many_queries_for_twenty_children_as_for_five(
    client, world, imported, django_assert_num_queries
):
    client.force_login(world.principal)
    url = reverse("guardians:roster_export")
    # session, user, the grades of the classes (the filter's choices), the children with their class, their
    # parents, their guardians
    with django_assert_num_queries(6):
        assert client.get(url).status_code == 200
    for n in range(15):
        ChildFactory(school_class=world.class_2, name=f"儿童{n}")
    with django_assert_num_queries(6):
        assert client.get(url).status_code == 200


def test_the_child_list_links_the_roster_export_with_its_filters_and_a_carer_gets_none(client, world):
    client.force_login(world.principal)
    html = client.get(reverse("children:list"), {"q": "张", "page": "1"}).content.decode()
    assert f'href="{reverse("guardians:roster_export")}?q=%E5%BC%A0"' in html and "导出花名册" in html
    client.force_login(world.carer_user)
    assert 'data-testid="export-roster"' not in client.get(reverse("children:list")).content.decode()
    assert client.get(reverse("guardians:roster_export")).status_code == 403


def test_text_that_starts_with_an_equals_sign_comes_back_as_typed_not_as_a_formula(client, world, imported):
    # The export writes it as a string cell with Excel's quote prefix; only a real formula cell is refused.
    child = Child.objects.get(name="学生1")
    child.notes, child.address = "=爸爸每月寄钱", "=2组"
    child.save()
    before = _school_state(world.school)
    content = _export(client, world.principal)
    out = io.BytesIO()
    content.save(out)
    staged = _upload(client, out.getvalue(), "花名册_导出.xlsx")
    assert staged.counts["error"] == 0 and staged.counts["changed"] == 0, [r for r in staged.results if r["errors"]]
    client.post(reverse("guardians:roster_preview", args=[staged.pk]))
    assert _school_state(world.school) == before
    child.refresh_from_db()
    assert (child.notes, child.address) == ("=爸爸每月寄钱", "=2组")
