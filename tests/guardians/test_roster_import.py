"""Confirming a roster import: all or nothing, history, stale previews, re-import by ID, undo."""

import io

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from children.models import Child, ChildStatus, ChildStatusChange
from guardians.models import Guardian, Parent, RosterImport
from guardians.roster_services import roster_confirm
from tests.guardians.roster_files import roster_row, xlsx_bytes


@pytest.fixture(autouse=True)
def _language_kept():
    """Requests in English here leave English active in the thread; give the next test what it had."""
    language = translation.get_language()
    yield
    translation.activate(language)


def _stage(client, user, rows, name="花名册.xlsx"):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.post(reverse("guardians:roster_upload"), {"file": SimpleUploadedFile(name, xlsx_bytes(rows))})
    return RosterImport.objects.latest("pk")


def _confirm(client, staged, **data):
    return client.post(reverse("guardians:roster_preview", args=[staged.pk]), data)


def _school_state(school) -> dict:
    """Every archive of the school with its parents and guardians, as plain values."""
    state = {}
    for child in Child.all_objects.filter(school=school).order_by("pk"):
        values = model_to_dict(child, exclude=["updated_at"])
        values["deleted"] = child.deleted_at is not None
        values["parents"] = [model_to_dict(p) for p in Parent.objects.filter(child=child).order_by("pk")]
        values["guardians"] = [model_to_dict(g) for g in Guardian.objects.filter(child=child).order_by("pk")]
        values["status_changes"] = ChildStatusChange.objects.filter(child=child).count()
        state[child.pk] = values
    return state


def test_one_bad_row_among_200_writes_nothing_and_says_where(client, world):
    rows = [roster_row(n) for n in range(200)]
    rows[136]["父亲电话"] = "1381234"
    before = Child.objects.count()
    staged = _stage(client, world.archive_keeper, rows)
    assert staged.counts == {"new": 199, "changed": 0, "unchanged": 0, "error": 1}
    page = client.get(reverse("guardians:roster_preview", args=[staged.pk])).content.decode()
    assert "父亲电话" in page and "rows 138 (for example “1381234”)" in page
    (bad,) = [r for r in staged.results if r["errors"]]
    assert bad["row"] == 138  # header on row 1, the 137th child on row 138
    assert bad["errors"][0][0] == "father_phone"
    response = _confirm(client, staged)
    assert response.status_code == 200
    assert Child.objects.count() == before
    assert not Parent.objects.filter(name__startswith="父亲").exists()
    staged.refresh_from_db()
    assert staged.status == RosterImport.Status.STAGED


def test_the_error_workbook_has_an_error_column_and_marks_the_bad_cell(client, world):
    rows = [roster_row(n) for n in range(3)]
    rows[1]["身份证号"] = "123"
    staged = _stage(client, world.archive_keeper, rows)
    response = client.get(reverse("guardians:roster_errors", args=[staged.pk]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    headers = [c.value for c in sheet[1]]
    assert headers[-1] == "Errors"
    id_col = headers.index("身份证号") + 1
    assert "18 characters" in sheet.cell(row=3, column=len(headers)).value
    assert sheet.cell(row=2, column=len(headers)).value is None
    assert sheet.cell(row=3, column=id_col).fill.fgColor.rgb.endswith("FFC7CE")
    assert sheet.cell(row=2, column=id_col).fill.fgColor.rgb in (None, "00000000")


def test_confirming_writes_every_row_with_history_naming_the_file(client, world):
    staged = _stage(client, world.archive_keeper, [roster_row(n) for n in range(5)])
    response = _confirm(client, staged)
    assert response.status_code == 302
    children = Child.objects.filter(name__startswith="学生")
    assert children.count() == 5
    assert Parent.objects.filter(child__in=children).count() == 10
    assert Guardian.objects.filter(child__in=children).count() == 5
    record = children.first().history.get()
    assert record.history_change_reason == "imported from 花名册.xlsx"
    assert record.history_user == world.archive_keeper
    assert Parent.history.filter(history_change_reason="imported from 花名册.xlsx").count() == 10
    staged.refresh_from_db()
    assert staged.status == RosterImport.Status.CONFIRMED
    assert children.get(name="学生0").name_initials == "xs0"


def test_a_stale_preview_is_refused(client, world):
    staged = _stage(client, world.archive_keeper, [roster_row(1)])
    world.child_1.notes = "changed by a teacher after the preview"
    world.child_1.save()
    response = _confirm(client, staged)
    assert "The roster changed since this preview" in response.content.decode()
    assert not Child.objects.filter(name="学生1").exists()


def test_reimporting_by_id_changes_class_and_phone_without_duplicates(client, world):
    _confirm(client, _stage(client, world.archive_keeper, [roster_row(n) for n in range(3)]))
    moved = roster_row(1, class_text="三年级2班", 父亲电话="13700000001")
    staged = _stage(client, world.archive_keeper, [roster_row(0), moved, roster_row(2)])
    assert staged.counts == {"new": 0, "changed": 1, "unchanged": 2, "error": 0}
    page = client.get(reverse("guardians:roster_preview", args=[staged.pk])).content.decode()
    assert "13800000001" in page and "13700000001" in page
    _confirm(client, staged)
    assert Child.objects.filter(name__startswith="学生").count() == 3
    child = Child.objects.get(name="学生1")
    assert child.school_class == world.class_2
    assert child.parents.get(relation="father").phone == "13700000001"
    assert child.history.count() == 2


def test_a_row_without_id_is_matched_by_name_birth_date_and_class(client, world):
    row = roster_row(4, 身份证号=None)
    _confirm(client, _stage(client, world.archive_keeper, [row]))
    staged = _stage(client, world.archive_keeper, [{**row, "民族": "苗族"}])
    assert staged.counts["changed"] == 1
    _confirm(client, staged)
    assert Child.objects.get(name="学生4").ethnicity == "苗族"


def test_duplicates_inside_the_file_are_errors(client, world):
    staged = _stage(client, world.archive_keeper, [roster_row(1), roster_row(1, 姓名="别名")])
    assert staged.counts["error"] == 1
    assert "already on row 2" in staged.results[1]["errors"][0][1]


def test_children_missing_from_the_file_are_listed_and_marked_only_when_asked(client, world):
    staged = _stage(client, world.archive_keeper, [roster_row(1)])
    page = client.get(reverse("guardians:roster_preview", args=[staged.pk])).content.decode()
    assert world.child_1.name in page and world.child_2.name in page
    _confirm(client, staged, absent_status="transferred", absent=[world.child_1.pk])
    world.child_1.refresh_from_db()
    world.child_2.refresh_from_db()
    assert world.child_1.status == ChildStatus.TRANSFERRED
    assert world.child_2.status == ChildStatus.ACTIVE
    assert ChildStatusChange.objects.get(child=world.child_1).status == ChildStatus.TRANSFERRED


def test_undo_restores_the_school_exactly(client, world):
    _confirm(client, _stage(client, world.archive_keeper, [roster_row(n) for n in range(3)]))
    Guardian.objects.create(child=world.child_1, name="王桂兰", relation="grandmother", age=66)
    before = _school_state(world.school)
    rows = [
        roster_row(0, class_text="3-2", 母亲电话="13600000000", 监护人年龄=70),
        roster_row(1),
        roster_row(5),
        roster_row(9, 姓名=world.child_1.name, birth=world.child_1.birth_date, 身份证号=None, 父亲姓名="张爸爸"),
    ]
    staged = _stage(client, world.archive_keeper, rows)
    assert staged.counts == {"new": 1, "changed": 2, "unchanged": 1, "error": 0}, staged.results
    _confirm(client, staged, absent_status="graduated", absent=[world.child_2.pk])
    assert _school_state(world.school) != before
    client.force_login(world.principal)
    response = client.post(reverse("guardians:roster_undo", args=[staged.pk]))
    assert response.status_code == 302
    after = _school_state(world.school)
    created = Child.all_objects.get(name="学生5")
    assert after.pop(created.pk)["deleted"] is True
    assert after == before
    staged.refresh_from_db()
    assert staged.status == RosterImport.Status.UNDONE


def test_an_archive_keeper_cannot_undo(client, world):
    staged = _stage(client, world.archive_keeper, [roster_row(1)])
    _confirm(client, staged)
    assert client.post(reverse("guardians:roster_undo", args=[staged.pk])).status_code == 403


def test_a_confirmed_import_cannot_be_confirmed_twice(client, world):
    staged = _stage(client, world.archive_keeper, [roster_row(1)])
    _confirm(client, staged)
    assert _confirm(client, staged).status_code == 404
    with pytest.raises(ValidationError, match="no longer waiting"):
        roster_confirm(staged=staged, user=world.archive_keeper)
    assert Child.objects.filter(name="学生1").count() == 1


def test_another_schools_import_is_out_of_reach(client, world):
    staged = _stage(client, world.archive_keeper, [roster_row(1)])
    client.force_login(world.other_principal)
    assert client.get(reverse("guardians:roster_preview", args=[staged.pk])).status_code == 404
    assert client.get(reverse("guardians:roster_errors", args=[staged.pk])).status_code == 404


def test_an_import_whose_archives_changed_since_cannot_be_undone(client, world):
    staged = _stage(client, world.archive_keeper, [roster_row(1)])
    _confirm(client, staged)
    child = Child.objects.get(name="学生1")
    child.notes = "a teacher's note after the import"
    child.save()
    client.force_login(world.principal)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(reverse("guardians:roster_undo", args=[staged.pk]), follow=True)
    assert "can no longer be undone" in response.content.decode()
    child.refresh_from_db()
    assert child.deleted_at is None
