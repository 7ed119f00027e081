"""Every list export, as the principal and as a head teacher, gives back text that looks like a formula exactly
as it was typed: a string cell (quote-prefixed), never a formula, never with an apostrophe added."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from organisation.exports import FORMULA_TRIGGERS
from tests.activities.factories import (
    ActivityFactory,
    AssistanceFactory,
    BookLoanFactory,
    ChildrensHomeFactory,
    HomeSessionFactory,
    MedicalExamFactory,
)
from tests.factories import CarerFactory, ChildFactory, ParentFactory
from tests.guardians.factories import ParentContactFactory
from tests.pairing.factories import HomeVisitFactory, KeyHelpPlanFactory, TalkFactory

HOSTILE = ["=1+1", "+86", "-3", "@x", "\tx"]


@pytest.fixture
def hostile_records(world):
    """Children of class 1 named by the hostile values, each with every kind of record, the text typed hostile."""
    home = ChildrensHomeFactory(school=world.school)
    for text in HOSTILE:
        HomeSessionFactory(home=home, activities=text, duty_name=text)
        child = ChildFactory(school_class=world.class_1, name=text, notes=text)
        ParentFactory(child=child, name="张建国")
        ParentContactFactory(child=child, summary=text, recorded_by=world.head_teacher)
        TalkFactory(child=child, content=text, recorded_by=world.head_teacher)
        HomeVisitFactory(child=child, advice=text, recorded_by=world.head_teacher)
        AssistanceFactory(child=child, semester=world.semester, amount=Decimal("100"), description=text)
        MedicalExamFactory(child=child)
        ActivityFactory(school=world.school, semester=world.semester, title=text)
        CarerFactory(school=world.school, name=text, organisation=text)
        KeyHelpPlanFactory(child=child, reasons=text, goals=text, measures=text)
        BookLoanFactory(home=home, child=child, title=text)


# Every list export, with the query its page is opened with, and whether the hostile text is in its rows.
EXPORTS = [
    ("children:export", {}, True),
    ("guardians:roster_export", {}, True),
    ("children:completeness_export", {}, True),
    ("pairing:coverage_export", {}, True),
    ("pairing:carer_list_export", {}, True),
    ("pairing:overview_export", {}, False),
    ("pairing:talk_log_export", {}, True),
    ("pairing:visit_log_export", {}, True),
    ("pairing:contact_log_export", {}, True),
    ("guardians:contact_list_export", {}, True),
    ("activities:list_export", {}, True),
    ("activities:birthdays_export", {"month": "2030-05"}, True),
    ("activities:assistance_export", {}, True),
    ("activities:medical_exam_export", {}, True),
    ("pairing:plan_list_export", {}, True),
    ("children:safety_letters_export", {}, True),
    ("pairing:attention_export", {}, True),
    ("activities:home_sessions_export", {}, True),
    ("activities:home_loans_export", {}, True),
]


def _texts(content: bytes) -> list[str]:
    """Every cell's text, after asserting that no cell of any sheet is a formula."""
    book = openpyxl.load_workbook(io.BytesIO(content))
    texts = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts.append(cell.value)
    return texts


@pytest.mark.django_db
@pytest.mark.parametrize("user", ["principal", "head_teacher"])
@pytest.mark.parametrize(("url_name", "query", "holds_text"), EXPORTS, ids=[e[0] for e in EXPORTS])
def test_every_list_export_gives_back_formula_like_text_exactly_as_typed(
    client, world, hostile_records, user, url_name, query, holds_text
):
    client.force_login(getattr(world, user))
    response = client.get(reverse(url_name), query)
    assert response.status_code == 200
    texts = _texts(response.content)
    if holds_text:
        assert set(HOSTILE) <= set(texts), sorted(set(texts) & set(HOSTILE))
    assert not [t for t in texts if t.startswith("'") and t[1:].startswith(FORMULA_TRIGGERS)]


@pytest.mark.django_db
def test_the_class_grid_export_gives_back_the_names_as_typed(client, world, hostile_records):
    client.force_login(world.head_teacher)
    texts = _texts(client.get(reverse("pairing:class_grid_export", args=[world.class_1.pk])).content)
    assert set(HOSTILE) <= set(texts)


# Lists only the school's managers export (a head teacher is refused them), with whether the text is in them.
MANAGER_EXPORTS = [
    ("organisation:staff_list_export", False, True),
    ("organisation:leading_group_export", False, True),
    ("reports:tables_export", True, False),
    ("reports:enrolment_export", True, False),
    ("reports:monthly_list_export", False, False),
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url_name", "by_semester", "holds_text"), MANAGER_EXPORTS, ids=[e[0] for e in MANAGER_EXPORTS]
)
def test_every_managers_export_gives_back_formula_like_text_exactly_as_typed(
    client, world, hostile_records, url_name, by_semester, holds_text
):
    from organisation.models import LeadingGroupMember
    from tests.factories import UserFactory

    year = world.semester.school_year
    for text in HOSTILE:
        UserFactory(school=world.school, full_name=text)
        LeadingGroupMember.objects.create(school=world.school, school_year=year, name=text, duty="overall")
    client.force_login(world.principal)
    url = reverse(url_name, args=[world.semester.pk] if by_semester else [])
    response = client.get(url, {"year": year} if "leading" in url_name else {})
    assert response.status_code == 200
    texts = _texts(response.content)
    if holds_text:
        assert set(HOSTILE) <= set(texts)
    assert not [t for t in texts if t.startswith("'") and t[1:].startswith(FORMULA_TRIGGERS)]
    client.force_login(world.head_teacher)
    assert client.get(url).status_code == 403
