"""Uploading a roster: files that are refused with a clear message, title rows, CSV, the template."""

import io
import zipfile

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from children.models import Child
from guardians.models import RosterImport
from tests.guardians.roster_files import HEADERS, csv_bytes, roster_row, xlsx_bytes


@pytest.fixture(autouse=True)
def _language_kept():
    """Requests in English here leave English active in the thread; give the next test what it had."""
    language = translation.get_language()
    yield
    translation.activate(language)


def _upload(client, user, data: bytes, name: str):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client.post(reverse("guardians:roster_upload"), {"file": SimpleUploadedFile(name, data)})


def _refusal(client, world, data: bytes, name: str) -> str:
    response = _upload(client, world.archive_keeper, data, name)
    if response.status_code == 302:  # refused once its cells are read, in the background: the progress page says why
        page = client.get(response["Location"])
        assert RosterImport.objects.get().phase == "failed" and "data-import-progress" not in page.content.decode()
        return page.context["state"]["failure"]
    assert response.status_code == 200
    assert not RosterImport.objects.exists()
    return " ".join(response.context["form"].errors["file"])


def _with_entry(data: bytes, name: str, content: bytes) -> bytes:
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a") as archive:
        archive.writestr(name, content)
    return out.getvalue()


def test_a_macro_workbook_is_refused_by_its_extension(client, world):
    assert "macros" in _refusal(client, world, xlsx_bytes([roster_row(1)]), "roster.xlsm")


def test_a_macro_workbook_renamed_xlsx_is_refused(client, world):
    data = _with_entry(xlsx_bytes([roster_row(1)]), "xl/vbaProject.bin", b"\x00" * 64)
    assert "macros" in _refusal(client, world, data, "roster.xlsx")


def test_an_encrypted_workbook_is_refused(client, world):
    # An encrypted .xlsx is an OLE2 container holding an EncryptedPackage stream.
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 512
    assert "password" in _refusal(client, world, data, "roster.xlsx")


def test_a_decompression_bomb_is_refused(client, world):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (120 * 1024 * 1024))
    assert "unpacks" in _refusal(client, world, out.getvalue(), "roster.xlsx")


def test_an_empty_file_is_refused(client, world):
    response = _upload(client, world.archive_keeper, b"", "roster.xlsx")
    assert response.status_code == 200
    assert response.context["form"].errors["file"]  # Django's own "The submitted file is empty."


def test_a_text_file_renamed_xlsx_is_refused(client, world):
    assert "not an Excel workbook" in _refusal(client, world, "班级,姓名\n3-1,张三\n".encode(), "roster.xlsx")


def test_a_header_only_file_is_refused(client, world):
    assert "no children" in _refusal(client, world, xlsx_bytes([]), "roster.xlsx")


def test_a_file_with_no_header_is_refused(client, world):
    assert "No header row" in _refusal(client, world, xlsx_bytes([{}], headers=["甲", "乙"]), "roster.xlsx")


def test_other_kinds_of_file_are_refused(client, world):
    assert ".csv" in _refusal(client, world, b"%PDF-1.4", "roster.pdf")


def test_the_refusal_is_in_chinese_for_a_chinese_user(client, world):
    client.force_login(world.archive_keeper)
    response = client.post(
        reverse("guardians:roster_upload"),
        {"file": SimpleUploadedFile("roster.xlsm", xlsx_bytes([roster_row(1)]))},
    )
    assert "含有宏" in response.content.decode()


def test_a_title_row_above_the_header_is_skipped(client, world):
    data = xlsx_bytes([roster_row(1), roster_row(2)], title="石桥小学2025年秋季学期留守儿童花名册")
    _upload(client, world.archive_keeper, data, "roster.xlsx")
    staged = RosterImport.objects.get()
    assert staged.header_row == 2
    assert [r[0] for r in staged.rows] == [3, 4]
    assert staged.counts == {"new": 2, "changed": 0, "unchanged": 0, "error": 0}


def test_a_csv_roster_is_read(client, world):
    _upload(client, world.archive_keeper, csv_bytes([roster_row(1)]), "roster.csv")
    assert RosterImport.objects.get().counts["new"] == 1


def test_unknown_headers_lead_to_the_column_mapping_with_suggestions(client, world):
    headers = ["学生姓名", "年级班级", "性别", "生日啊"]
    data = xlsx_bytes([{"学生姓名": "张三", "年级班级": "3-1", "性别": "男", "生日啊": "2016-1-2"}], headers=headers)
    response = _upload(client, world.archive_keeper, data, "roster.xlsx")
    staged = RosterImport.objects.get()
    assert response["Location"] == reverse("guardians:roster_mapping", args=[staged.pk])
    assert staged.mapping == ["name", "school_class", "gender", ""]
    response = client.post(
        response["Location"], {"c0": "name", "c1": "school_class", "c2": "gender", "c3": "birth_date"}
    )
    assert response["Location"] == reverse("guardians:roster_preview", args=[staged.pk])
    staged.refresh_from_db()
    assert staged.counts["new"] == 1


def test_the_template_has_drop_downs_from_a_hidden_sheet_and_instructions(client, world):
    client.force_login(world.archive_keeper)
    response = client.get(reverse("guardians:roster_template"))
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["花名册", "选项", "填写说明"]
    assert book["选项"].sheet_state == "hidden"
    roster_sheet = book["花名册"]
    assert [c.value for c in roster_sheet[1]] == HEADERS
    validated = {str(v.sqref).split(":")[0] for v in roster_sheet.data_validations.dataValidation}
    gender_col = HEADERS.index("性别")
    assert f"{chr(ord('A') + gender_col)}2" in validated
    assert len(validated) == 8  # gender, boarding, poverty, key help, two situations, relation, education
    assert "填写说明" in book["填写说明"]["A1"].value


def test_the_template_round_trips(client, world):
    client.force_login(world.archive_keeper)
    book = load_workbook(io.BytesIO(client.get(reverse("guardians:roster_template")).content))
    sheet = book["花名册"]
    example = {h: c.value for h, c in zip(HEADERS, sheet[2], strict=True)}
    sheet.cell(row=2, column=HEADERS.index("班级") + 1, value="三年级(1)班")
    sheet.append([roster_row(7).get(h) for h in HEADERS])
    out = io.BytesIO()
    book.save(out)
    response = _upload(client, world.archive_keeper, out.getvalue(), "花名册.xlsx")
    staged = RosterImport.objects.get()
    assert staged.counts == {"new": 2, "changed": 0, "unchanged": 0, "error": 0}, [r["errors"] for r in staged.results]
    client.post(response["Location"])
    child = Child.objects.get(name=example["姓名"])
    assert child.school_class == world.class_1
    assert child.id_number == example["身份证号"]
    assert {p.name for p in child.parents.all()} == {example["父亲姓名"], example["母亲姓名"]}
    assert child.guardians.get().name == example["监护人姓名"]
    assert child.left_behind_type == "both_away"


def test_a_file_over_the_row_limit_is_refused(client, world, monkeypatch):
    monkeypatch.setattr("guardians.spreadsheets.MAX_ROWS", 3)
    assert "at most 3" in _refusal(client, world, xlsx_bytes([roster_row(n) for n in range(4)]), "roster.xlsx")


def test_a_file_over_the_size_limit_is_refused(client, world, monkeypatch):
    monkeypatch.setattr("guardians.spreadsheets.MAX_BYTES", 1024)
    assert "larger than" in _refusal(client, world, xlsx_bytes([roster_row(n) for n in range(40)]), "roster.xlsx")
