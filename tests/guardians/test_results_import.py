"""Importing a class's exam sheet: the roster's stages (upload, mapping, preview, one-transaction confirm)
into the semester's academic results, for whoever may enter results by hand."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from children.models import AcademicResult
from guardians import results_sheet
from guardians.models import ResultImport
from tests.factories import ChildFactory, make_id_number
from tests.guardians.roster_files import EXAM_HEADERS, exam_sheet_bytes


@pytest.fixture(autouse=True)
def _language_kept():
    """Requests in English here leave English active in the thread; give the next test what it had."""
    language = translation.get_language()
    yield
    translation.activate(language)


@pytest.fixture
def class_1_children(world):
    """Forty children in class 1 besides 张思琪, each with an ID number."""
    return [
        ChildFactory(
            school_class=world.class_1,
            name=f"学生{n}",
            id_number=make_id_number(datetime.date(2016, 1, 1) + datetime.timedelta(days=n), male=n % 2 == 0, seq=n),
        )
        for n in range(40)
    ]


def upload(client, user, world, rows, *, school_class=None, exam="期中考试", name="成绩.xlsx", **kwargs):
    client.force_login(user)
    return client.post(
        reverse("guardians:results_upload"),
        {
            "school_class": (school_class or world.class_1).pk,
            "semester": world.semester.pk,
            "exam": exam,
            "file": SimpleUploadedFile(name, exam_sheet_bytes(rows, **kwargs)),
        },
    )


def good_rows(children) -> list[list]:
    return [[c.name, "", 200 + n, n + 1, 70, 65.5, 64.5] for n, c in enumerate(children)]


@pytest.mark.django_db
def test_a_good_sheet_with_a_title_row_imports_every_childs_result_with_history(client, world, class_1_children):
    response = upload(client, world.head_teacher, world, good_rows(class_1_children), title="三年级1班期中成绩")
    staged = ResultImport.objects.get()
    assert response.url == reverse("guardians:results_preview", args=[staged.pk])
    assert staged.counts == {"new": 40, "changed": 0, "unchanged": 0, "error": 0}
    page = client.get(response.url).content.decode()
    assert "学生39" in page and AcademicResult.objects.count() == 0
    response = client.post(reverse("guardians:results_preview", args=[staged.pk]))
    assert response.status_code == 302
    results = AcademicResult.objects.filter(semester=world.semester, exam="期中考试")
    assert results.count() == 40
    first = results.get(child=class_1_children[0])
    assert (first.total, first.class_rank, first.chinese) == (Decimal(200), 1, Decimal(70))
    assert first.maths == Decimal("65.5") and first.english == Decimal("64.5")
    imports = client.get(reverse("guardians:results_upload")).content.decode()
    assert "成绩.xlsx" in imports and "期中考试" in imports
    client.force_login(world.other_head_teacher)
    assert "成绩.xlsx" not in client.get(reverse("guardians:results_upload")).content.decode()
    record = first.history.get()
    assert record.history_user == world.head_teacher and "成绩.xlsx" in record.history_change_reason


@pytest.mark.django_db
def test_one_bad_row_among_many_writes_nothing_and_reports_its_row_and_column(client, world, class_1_children):
    rows = good_rows(class_1_children)
    rows[25][5] = 180  # 数学 over 150, file row 27 (header on row 1)
    client.cookies["django_language"] = "en"
    upload(client, world.principal, world, rows)
    staged = ResultImport.objects.get()
    assert staged.counts["error"] == 1 and staged.counts["new"] == 39
    (bad,) = [r for r in staged.results if r["errors"]]
    assert bad["row"] == 27 and bad["errors"][0][0] == "maths"
    page = client.get(reverse("guardians:results_preview", args=[staged.pk])).content.decode()
    assert "180 is more than 150." in page and "27" in page
    client.post(reverse("guardians:results_preview", args=[staged.pk]))
    assert AcademicResult.objects.count() == 0
    errors = client.get(reverse("guardians:results_errors", args=[staged.pk]))
    book = load_workbook(io.BytesIO(errors.content))
    sheet = book.active
    assert sheet.cell(1, len(EXAM_HEADERS) + 1).value == "Errors"
    assert sheet.cell(27, len(EXAM_HEADERS) + 1).value.startswith("数学：")
    assert sheet.cell(27, 6).fill.fgColor.rgb.endswith("FFC7CE")


@pytest.mark.django_db
def test_every_row_rule_names_its_column(world, class_1_children):
    twin = ChildFactory(school_class=world.class_1, name="学生1")
    rows = [
        (2, ["学生0", "", "abc"]),  # total not a number
        (3, ["没有这个人", "", 100]),  # no such child in the class
        (4, ["学生1", "", 100]),  # two children of this name
        (5, ["学生2", "", 100, 50, None, None, None]),
        (6, ["学生2", "", 120]),  # the same child again
        (7, ["", "", 100]),  # neither name nor ID
        (8, ["李浩然", "", 100]),  # another class
        (9, ["别的名字", class_1_children[3].id_number, 100]),  # name does not match the ID
        (10, ["学生4", "", 1200]),  # total too large
        (11, ["学生5", "", 100, 0]),  # rank below 1
        (12, ["学生6", "", {"formula": "=SUM(D12:F12)"}]),  # a formula cell, as the reader marks it
    ]
    results = results_sheet.check_rows(
        rows,
        ["name", "id_number", "total", "class_rank", "chinese", "maths", "english"],
        children=world.class_1.children.all(),
        semester=world.semester,
        exam="期中考试",
        class_label="3年级1班",
    )
    errors = {r["row"]: [e[0] for e in r["errors"]] for r in results}
    assert errors == {
        2: ["total"],
        3: ["name"],
        4: ["id_number"],
        5: [],
        6: ["name"],
        7: ["name"],
        8: ["name"],
        9: ["name"],
        10: ["total"],
        11: ["class_rank"],
        12: ["total"],
    }
    assert twin.pk not in {r["match"] for r in results}


@pytest.mark.django_db
def test_re_importing_changes_scores_without_duplicates(client, world, class_1_children):
    rows = good_rows(class_1_children[:3])
    upload(client, world.archive_keeper, world, rows)
    client.post(reverse("guardians:results_preview", args=[ResultImport.objects.latest("pk").pk]))
    rows[0][2] = 250
    rows[1][0] = ""
    rows[1][1] = class_1_children[1].id_number  # found by ID this time
    upload(client, world.archive_keeper, world, rows)
    staged = ResultImport.objects.latest("pk")
    assert staged.counts == {"new": 0, "changed": 1, "unchanged": 2, "error": 0}
    (changed,) = [r for r in staged.results if r["status"] == "changed"]
    assert [change[1:] for change in changed["changes"]] == [["200.0", "250.0"]]
    client.post(reverse("guardians:results_preview", args=[staged.pk]))
    assert AcademicResult.objects.count() == 3
    result = AcademicResult.objects.get(child=class_1_children[0])
    assert result.total == 250 and result.history.count() == 2


@pytest.mark.django_db
def test_a_preview_older_than_a_change_to_those_results_is_refused(client, world, class_1_children):
    upload(client, world.principal, world, good_rows(class_1_children[:2]))
    staged = ResultImport.objects.get()
    AcademicResult.objects.create(child=class_1_children[0], semester=world.semester, exam="期中考试", total=1)
    client.post(reverse("guardians:results_preview", args=[staged.pk]))
    assert AcademicResult.objects.count() == 1
    assert ResultImport.objects.get().status == ResultImport.Status.STAGED


@pytest.mark.django_db
def test_a_head_teacher_imports_only_their_own_classes(client, world, class_1_children):
    response = upload(client, world.head_teacher, world, [["李浩然", "", 100]], school_class=world.class_2)
    assert response.status_code == 200 and not ResultImport.objects.exists()
    upload(client, world.principal, world, [["李浩然", "", 100]], school_class=world.class_2)
    staged = ResultImport.objects.get()
    client.force_login(world.head_teacher)
    assert client.get(reverse("guardians:results_preview", args=[staged.pk])).status_code == 404
    assert client.post(reverse("guardians:results_preview", args=[staged.pk])).status_code == 404
    assert client.get(reverse("guardians:results_errors", args=[staged.pk])).status_code == 404
    assert AcademicResult.objects.count() == 0


@pytest.mark.django_db
def test_a_carer_and_a_district_officer_may_not_import_results(client, world):
    for user in (world.carer_user, world.district_officer):
        client.force_login(user)
        assert client.get(reverse("guardians:results_upload")).status_code == 403
        assert client.get(reverse("guardians:results_template")).status_code == 403


@pytest.mark.django_db
def test_the_template_round_trips_with_the_classs_children_listed(client, world, class_1_children):
    ChildFactory(school_class=world.class_1, name="=学生")
    client.force_login(world.head_teacher)
    content = client.get(reverse("guardians:results_template"), {"school_class": world.class_1.pk}).content
    book = load_workbook(io.BytesIO(content))
    sheet = book["成绩表"]
    assert [c.value for c in sheet[1]] == [c.header for c in results_sheet.COLUMNS]
    assert sheet["A2"].value == "=学生" and sheet["A2"].data_type == "s" and sheet["A2"].quotePrefix
    assert sheet["B2"].value is None
    for row in sheet.iter_rows(min_row=2):
        row[2].value, row[3].value = 300, 5
    out = io.BytesIO()
    book.save(out)
    client.post(
        reverse("guardians:results_upload"),
        {
            "school_class": world.class_1.pk,
            "semester": world.semester.pk,
            "exam": "期末考试",
            "file": SimpleUploadedFile("成绩表.xlsx", out.getvalue()),
        },
    )
    assert ResultImport.objects.get().counts == {"new": 42, "changed": 0, "unchanged": 0, "error": 0}
    assert client.get(reverse("guardians:results_template"), {"school_class": world.class_2.pk}).status_code == 404


@pytest.mark.django_db
def test_a_sheet_without_recognised_headers_goes_to_the_column_mapping(client, world, class_1_children):
    response = upload(client, world.principal, world, [["学生0", 100]], headers=["学生", "分数"], title=None)
    page = client.get(response.url)  # no header row found: the progress page says so
    assert page.status_code == 200 and "姓名" in page.context["state"]["failure"]
    upload(client, world.principal, world, [["学生0", 100, 1]], headers=["姓名", "成绩", "班级排名"])
    staged = ResultImport.objects.latest("pk")
    assert staged.checked_at is None
    mapping = reverse("guardians:results_mapping", args=[staged.pk])
    response = client.post(mapping, {"c0": "name", "c1": "total", "c2": "class_rank"})
    assert response.url == reverse("guardians:results_preview", args=[staged.pk])
    assert ResultImport.objects.latest("pk").counts["new"] == 1


@pytest.mark.django_db
def test_an_exam_sheet_is_refused_as_a_roster_is_with_a_clear_message(client, world):
    client.force_login(world.principal)
    client.cookies["django_language"] = "en"
    for name, data, message in (
        ("成绩.xlsm", exam_sheet_bytes([["张思琪", "", 100]]), "contains macros"),
        ("成绩.xlsx", b"", "file is empty."),
        ("成绩.xlsx", "姓名,总分\n".encode(), "not an Excel workbook"),
        ("成绩.pdf", b"%PDF-1.4", "Upload an .xlsx, .xls or .csv file."),
        ("成绩.csv", "姓名,总分\n".encode(), "no children below it"),
    ):
        response = client.post(
            reverse("guardians:results_upload"),
            {
                "school_class": world.class_1.pk,
                "semester": world.semester.pk,
                "exam": "期中考试",
                "file": SimpleUploadedFile(name, data),
            },
        )
        if name.endswith(".csv"):  # refused once its cells are read, in the background: on the progress page
            assert message in client.get(response.url).context["state"]["failure"]
            continue
        assert message in " ".join(response.context["form"].errors["file"])
        assert not ResultImport.objects.exists()


@pytest.mark.django_db
def test_the_column_mapping_of_an_exam_sheet_speaks_of_the_exam_sheet_not_the_roster(client, world, class_1_children):
    client.cookies["django_language"] = "en"
    upload(client, world.principal, world, [["学生0", 100, 1]], headers=["姓名", "成绩", "班级排名"])
    mapping = reverse("guardians:results_mapping", args=[ResultImport.objects.get().pk])

    def main(response) -> str:  # the page without its menu (which links to the roster import)
        return response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]

    page = main(client.get(mapping))
    assert "exam-sheet column" in page and "roster" not in page.lower()
    page = main(client.post(mapping, {"c0": "name", "c1": "total", "c2": "total"}))
    assert "Each column of the exam sheet can be given to one column of the file only." in page
    assert "roster" not in page.lower()


def _results_state() -> dict:
    """Every academic result, as plain values, by (child, semester, exam)."""
    return {
        (r.child_id, r.semester_id, r.exam): tuple(getattr(r, key) for key in results_sheet.SCORE_FIELDS)
        for r in AcademicResult.objects.all()
    }


@pytest.mark.django_db
def test_a_principal_undoes_a_whole_results_import_and_every_result_is_as_before(client, world, class_1_children):
    from tests.children.factories import AcademicResultFactory

    for n, child in enumerate(class_1_children[:10]):  # results the sheet changes
        AcademicResultFactory(child=child, semester=world.semester, exam="期中考试", total=100 + n, class_rank=None)
    AcademicResultFactory(child=world.child_1, semester=world.semester, exam="期中考试", total=88)  # not in the sheet
    AcademicResultFactory(child=class_1_children[0], semester=world.semester, exam="期末考试", total=99)
    before = _results_state()
    upload(client, world.head_teacher, world, good_rows(class_1_children))
    staged = ResultImport.objects.get()
    assert staged.counts == {"new": 30, "changed": 10, "unchanged": 0, "error": 0}
    client.post(reverse("guardians:results_preview", args=[staged.pk]))
    assert _results_state() != before and AcademicResult.objects.count() == 42
    undo = reverse("guardians:results_undo", args=[staged.pk])
    assert client.post(undo).status_code == 403  # a head teacher imports, only a principal undoes
    client.force_login(world.other_principal)
    assert client.post(undo).status_code == 404
    client.force_login(world.principal)
    assert client.post(undo).status_code == 302
    assert _results_state() == before
    staged.refresh_from_db()
    assert staged.status == ResultImport.Status.UNDONE and staged.undone_by == world.principal
    restored = AcademicResult.objects.get(child=class_1_children[3], exam="期中考试")
    assert "成绩.xlsx" in restored.history.first().history_change_reason
    assert restored.history.first().history_user == world.principal
    assert "已撤销" in client.get(reverse("guardians:results_upload")).content.decode()
    client.post(undo)  # twice: refused, nothing changes
    assert _results_state() == before


@pytest.mark.django_db
def test_a_results_import_changed_since_can_no_longer_be_undone(client, world, class_1_children):
    upload(client, world.principal, world, good_rows(class_1_children))
    staged = ResultImport.objects.get()
    client.post(reverse("guardians:results_preview", args=[staged.pk]))
    result = AcademicResult.objects.get(child=class_1_children[5])
    result.total = Decimal(1)
    result.save()
    client.cookies["django_language"] = "en"
    response = client.post(reverse("guardians:results_undo", args=[staged.pk]), follow=True)
    assert "changed after the import" in response.content.decode()
    assert AcademicResult.objects.count() == 40
