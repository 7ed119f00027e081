"""班级、教师考核: per class and per carer on the hand-built school (tests/reports/conftest.py)."""

from django.urls import reverse

from reports.figures import Rate
from reports.tables import carer_table, class_table, sorted_rows


def test_the_class_table_counts_each_class_as_the_figures_do(figure_school):
    # 3-1: A, B; talks A×2 (E deleted); visits A, B; contacts A×4 + B×3; the talk norm: A done, B overdue.
    # 4-1: C; talk of D; visit of D; C's guardian contact; C overdue, D done.
    rows = class_table(figure_school.school, figure_school.period)
    assert [(r.label, r.children, r.talks, r.visits, r.contacts, r.compliance, r.overdue) for r in rows] == [
        ("3年级1班", 2, 2, 2, 7, Rate(1, 2), 1),
        ("4年级1班", 1, 1, 1, 1, Rate(1, 2), 1),
    ]


def test_the_carer_table_counts_the_children_paired_on_the_last_day(figure_school):
    # M: A (B's pairing ended 31 Dec, D left), on A's and D's visits; K: A.
    rows = carer_table(figure_school.school, figure_school.period)
    assert [(r.name, r.children, r.talks, r.visits, r.contacts, r.overdue) for r in rows] == [
        ("K", 1, 0, 0, 0, 0),
        ("M", 1, 0, 2, 0, 0),
    ]
    assert sorted_rows(rows, "-visits")[0].name == "M"


def test_the_principal_sorts_the_tables_by_any_column(client, figure_school):
    client.force_login(figure_school.principal)
    url = reverse("reports:tables", args=[figure_school.semester.pk])
    response = client.get(url + "?sort=-contacts")
    assert [r.label for r in response.context["classes"]] == ["3年级1班", "4年级1班"]
    response = client.get(url + "?sort=contacts")
    assert [r.label for r in response.context["classes"]] == ["4年级1班", "3年级1班"]


def test_the_tables_export_has_both_tables_in_the_pages_orders_with_counts_and_rates_typed(client, figure_school):
    import io

    import openpyxl

    client.force_login(figure_school.principal)
    page = client.get(reverse("reports:tables", args=[figure_school.semester.pk]), {"sort": "contacts"})
    assert f'href="{reverse("reports:tables_export", args=[figure_school.semester.pk])}?sort=contacts"' in (
        page.content.decode()
    )
    response = client.get(reverse("reports:tables_export", args=[figure_school.semester.pk]), {"sort": "contacts"})
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    by_class, by_carer = book.worksheets
    rows = [tuple(r) for r in by_class.iter_rows(values_only=True)]
    assert rows[0][0] == "班级" and [r[0] for r in rows[1:]] == ["4年级1班", "3年级1班"]
    assert rows[2][1:5] == (2, 2, 2, 7) and rows[2][5] == 0.5 and rows[2][6] == 1
    assert by_class["F2"].number_format == "0.0%"
    assert [r[0] for r in by_carer.iter_rows(min_row=2, values_only=True)] == ["K", "M"]
    assert "filename*=UTF-8''" in response["Content-Disposition"]
