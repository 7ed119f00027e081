"""The roster import never guesses silently: an ID stored as a number, a column it does not know, a formula, a
name that is no name, a huge cell, a child archived at another school are all said, never imported quietly."""

import datetime
import io

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import Workbook

from children.models import Child
from guardians.models import RosterImport
from tests import factories as f
from tests.guardians.factories import ParentContactFactory
from tests.guardians.roster_files import HEADERS, csv_bytes, roster_row, xlsx_bytes
from tests.pairing.factories import HomeVisitFactory, TalkFactory


@pytest.fixture(autouse=True)
def _language_kept():
    language = translation.get_language()
    yield
    translation.activate(language)


def _upload(client, user, data: bytes, name: str = "花名册.xlsx", language: str = "en"):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.post(reverse("guardians:roster_upload"), {"file": SimpleUploadedFile(name, data)})
    return response, RosterImport.objects.latest("pk")


def _errors(staged) -> list[tuple[str, str]]:
    return [(key, message) for r in staged.results for key, message, _value in r["errors"]]


def _book_bytes(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_an_id_stored_as_a_number_in_excel_is_refused_as_a_number(client, world):
    row = roster_row(1)
    row["身份证号"] = float(row["身份证号"])  # what Excel keeps of 18 digits typed into a number cell
    _response, staged = _upload(client, world.archive_keeper, xlsx_bytes([row]))
    assert staged.counts["error"] == 1
    (message,) = [m for key, m in _errors(staged) if key == "id_number"]
    assert "stored as a number" in message and "check digit" not in message
    assert not Child.objects.filter(name="学生1").exists()


def test_an_id_in_scientific_notation_in_a_csv_is_refused_in_chinese(client, world):
    _response, staged = _upload(
        client, world.archive_keeper, csv_bytes([roster_row(1, 身份证号="5.22701E+17")]), "花名册.csv", "zh-hans"
    )
    assert ("id_number", "身份证号被存成了数字，请把该列设为文本格式后重新填写。") in _errors(staged)


def test_full_width_digits_in_phones_and_ids_are_read_as_digits(client, world):
    row = roster_row(1)
    ascii_id = row["身份证号"]
    full_width = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")
    row.update({"身份证号": ascii_id.translate(full_width), "父亲电话": "１３８００００１１１１"})
    response, staged = _upload(client, world.archive_keeper, xlsx_bytes([row]))
    assert staged.counts["new"] == 1, _errors(staged)
    client.post(response["Location"])
    child = Child.objects.get(name="学生1")
    assert child.id_number == ascii_id
    assert child.parents.get(relation="father").phone == "13800001111"


def test_a_column_it_does_not_know_leads_to_the_mapping_and_is_named_on_the_preview(client, world):
    headers = [*HEADERS, "父亲手机"]
    response, staged = _upload(
        client, world.archive_keeper, xlsx_bytes([roster_row(1, 父亲手机="13800002222")], headers=headers)
    )
    assert response["Location"] == reverse("guardians:roster_mapping", args=[staged.pk])
    assert staged.checked_at is None
    mapping = {f"c{i}": key for i, key in enumerate(staged.mapping)}
    response = client.post(response["Location"], mapping)  # the user leaves 父亲手机 not imported
    page = client.get(reverse("guardians:roster_preview", args=[staged.pk])).content.decode()
    assert "These columns of the file are not imported:" in page and "父亲手机" in page


def test_a_merged_two_row_header_is_read_as_the_guardians_columns(client, world):
    book = Workbook()
    sheet = book.active
    sheet.append(["班级", "姓名", "性别", "出生日期", "监护人", None, None])
    sheet.append([None, None, None, None, "姓名", "关系", "电话"])
    for column in "ABCD":
        sheet.merge_cells(f"{column}1:{column}2")
    sheet.merge_cells("E1:G1")
    sheet.append(["3-1", "李小明", "男", "2016-03-04", "李奶奶", "祖母", "13800003333"])
    response, staged = _upload(client, world.archive_keeper, _book_bytes(book))
    assert staged.mapping == [
        "school_class",
        "name",
        "gender",
        "birth_date",
        "guardian_name",
        "guardian_relation",
        "guardian_phone",
    ]
    assert staged.counts == {"new": 1, "changed": 0, "unchanged": 0, "error": 0}, _errors(staged)
    client.post(response["Location"])
    guardian = Child.objects.get(name="李小明").guardians.get()
    assert (guardian.name, guardian.relation, guardian.phone) == ("李奶奶", "grandmother", "13800003333")


def test_the_roster_is_found_on_the_sheet_that_has_its_header(client, world):
    book = Workbook()
    book.active.title = "填写说明"
    book.active.append(["请在第二个工作表填写花名册"])
    sheet = book.create_sheet("花名册")
    sheet.append(HEADERS)
    sheet.append([roster_row(1).get(h) for h in HEADERS])
    _response, staged = _upload(client, world.archive_keeper, _book_bytes(book))
    assert staged.counts["new"] == 1, _errors(staged)


@pytest.mark.parametrize("formula", ["=1+1", '=HYPERLINK("http://example.com","y")'])
def test_a_formula_in_a_cell_is_a_row_error(client, world, formula):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    sheet.append([roster_row(1).get(h) for h in HEADERS])
    sheet.cell(row=2, column=HEADERS.index("姓名") + 1, value=formula)
    _response, staged = _upload(client, world.archive_keeper, _book_bytes(book))
    assert staged.counts["error"] == 1
    assert [key for key, message in _errors(staged) if "formula" in message] == ["name"]


def test_a_formula_in_a_csv_is_a_row_error(client, world):
    _response, staged = _upload(client, world.archive_keeper, csv_bytes([roster_row(1, 姓名="=1+1")]), "花名册.csv")
    assert [key for key, message in _errors(staged) if "formula" in message] == ["name"]


@pytest.mark.parametrize(
    ("header", "value", "words"),
    [("姓名", "12345", "is not a name"), ("姓名", "张\x00三", "Null characters"), ("监护人姓名", "0", "is not a name")],
)
def test_a_name_the_forms_refuse_is_refused(client, world, header, value, words):
    _response, staged = _upload(client, world.archive_keeper, csv_bytes([roster_row(1, **{header: value})]), "a.csv")
    assert staged.counts["error"] == 1
    assert any(words in message for _key, message in _errors(staged)), _errors(staged)


def test_a_huge_notes_cell_is_a_row_error_and_its_sample_is_short(client, world):
    _response, staged = _upload(client, world.archive_keeper, xlsx_bytes([roster_row(1, 备注="备" * 32_000)]))
    assert staged.counts["error"] == 1
    (error,) = staged.results[0]["errors"]
    assert error[0] == "notes" and "At most 2000 characters" in error[1] and len(error[2]) < 200


def test_the_notes_of_an_archive_have_a_limit_in_the_model():
    child = Child(notes="x" * 2001)
    with pytest.raises(ValidationError) as raised:
        child.clean_fields()
    assert "notes" in raised.value.message_dict


def test_an_id_archived_at_another_school_of_the_district_is_a_row_error(client, world):
    row = roster_row(1)
    f.ChildFactory(school_class=world.other_class, name="学生1", id_number=row["身份证号"])
    _response, staged = _upload(client, world.archive_keeper, xlsx_bytes([row]), language="zh-hans")
    assert ("id_number", "已在本县其他学校建档，请先办理转学。") in _errors(staged)
    assert not Child.objects.filter(school=world.school, name="学生1").exists()


def test_a_second_confirm_at_the_same_time_is_refused_as_such(client, world, monkeypatch):
    response, staged = _upload(client, world.archive_keeper, xlsx_bytes([roster_row(1)]))
    # The first confirm is writing; the second request read the page before it was claimed.
    RosterImport.objects.filter(pk=staged.pk).update(phase="importing", phase_at=timezone.now())
    monkeypatch.setattr("guardians.import_work.is_running", lambda staged: False)
    page = client.post(response["Location"], follow=True).content.decode()
    assert "already being confirmed" in page and "Something went wrong" not in page
    assert not Child.objects.filter(name="学生1").exists()


def _imported(client, world):
    response, staged = _upload(client, world.archive_keeper, xlsx_bytes([roster_row(1), roster_row(2)]))
    client.post(response["Location"])
    client.force_login(world.principal)
    return staged


def test_undo_asks_first_and_says_what_it_will_do(client, world):
    staged = _imported(client, world)
    page = client.get(reverse("guardians:roster_undo", args=[staged.pk])).content.decode()
    assert "The 2 archives it created are deleted" in page and 'class="btn btn-danger"' in page
    assert Child.objects.filter(name="学生1").exists()


@pytest.mark.parametrize("factory", [TalkFactory, HomeVisitFactory, ParentContactFactory])
def test_undo_is_refused_once_work_was_recorded_on_a_child_it_created(client, world, factory):
    staged = _imported(client, world)
    factory(child=Child.objects.get(name="学生2"))
    page = client.get(reverse("guardians:roster_undo", args=[staged.pk])).content.decode()
    assert "can no longer be undone as a whole" in page and 'class="btn btn-danger"' not in page
    page = client.post(reverse("guardians:roster_undo", args=[staged.pk]), follow=True).content.decode()
    assert "can no longer be undone as a whole" in page
    assert Child.objects.filter(name__in=["学生1", "学生2"]).count() == 2
    staged.refresh_from_db()
    assert staged.status == RosterImport.Status.CONFIRMED


def _preview_of(client, world, rows):
    response, staged = _upload(client, world.archive_keeper, xlsx_bytes(rows))
    client.post(response["Location"])  # the first import: the archives the second one changes
    newcomer = roster_row(999, birth=datetime.date(2014, 7, 7))
    changed = [roster_row(0, 母亲电话="13600000000"), *rows[1:], newcomer]
    _response, staged = _upload(client, world.archive_keeper, xlsx_bytes(changed))
    return staged


def test_the_preview_lists_new_children_and_each_change_old_to_new(client, world):
    staged = _preview_of(client, world, [roster_row(n) for n in range(3)])
    assert staged.counts == {"new": 1, "changed": 1, "unchanged": 2, "error": 0}
    rows = client.get(reverse("guardians:roster_preview", args=[staged.pk])).context["page"].object_list
    shown = {(r["name"], r["status"]): r["changes"] for r in rows}
    assert shown[("学生999", "new")] == []
    assert shown[("学生0", "changed")] == [["Mother: phone", "13900000000", "13600000000"]]


@pytest.mark.parametrize("size", [3, 130])
def test_the_preview_is_paged_in_constant_queries(client, world, django_assert_num_queries, size):
    staged = _preview_of(client, world, [roster_row(n) for n in range(size)])
    assert staged.counts["error"] == 0, _errors(staged)[:3]
    url = reverse("guardians:roster_preview", args=[staged.pk])
    # session, user, the staged import, its school, the school's children missing from the file
    with django_assert_num_queries(5):
        page = client.get(url)
    assert len(page.context["page"].object_list) == min(size + 1, 100)
    assert (page.context["page"].paginator.num_pages > 1) == (size > 100)


# --- A real .xls, written by LibreOffice ---


def _as_xls(xlsx: bytes, tmp_path) -> bytes:
    """The workbook saved as .xls (Excel 97–2003) by LibreOffice, as an old Excel would send it."""
    import subprocess

    (tmp_path / "book.xlsx").write_bytes(xlsx)
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "xls", str(tmp_path / "book.xlsx"), "--outdir", str(tmp_path),
         f"-env:UserInstallation=file://{tmp_path / 'profile'}"],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    return (tmp_path / "book.xls").read_bytes()


@pytest.mark.skipif(__import__("shutil").which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_an_xls_with_a_number_typed_id_and_a_formula_refuses_both_and_imports_the_good_row(client, world, tmp_path):
    number_id = roster_row(1)
    number_id["身份证号"] = float(number_id["身份证号"])
    formula = roster_row(2, 姓名="=1+1")
    good = roster_row(3)
    data = _as_xls(xlsx_bytes([number_id, formula, good]), tmp_path)
    assert data.startswith(b"\xd0\xcf\x11\xe0")  # an OLE compound file: a real .xls
    _response, staged = _upload(client, world.archive_keeper, data, "花名册.xls")
    errors = _errors(staged)
    assert any(key == "id_number" and "stored as a number" in m for key, m in errors), errors
    assert any("formula" in m for _key, m in errors), errors
    assert (staged.counts["new"], staged.counts["error"]) == (1, 2)
    assert not Child.objects.filter(name__in=["学生1", "2"]).exists()
