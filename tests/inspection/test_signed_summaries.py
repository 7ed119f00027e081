"""年度/学期工作总结已签署 (inspection.measures.signed_summaries): the school year's semesters that are due (ended by
P.end, or signed early) with a signed summary ÷ those due; pre-filled on the self-inspection with links to the
summaries' pages, and frozen with them on submission."""

from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from inspection import measures, services
from inspection.defaults import DEFAULT_INDEX
from inspection.models import Item
from inspection.selectors import rows_of
from organisation.models import Semester
from reports.figures import Period
from reports.models import SemesterSummary
from tests import factories as f
from tests.inspection.conftest import fill

pytestmark = pytest.mark.django_db

YEAR = 2025  # the school year 2025–2026 read over a period given in full: no test here depends on today
WHOLE_YEAR = Period(date(YEAR, 8, 1), date(YEAR + 1, 7, 31))


def _year_of(school, year: int = YEAR) -> tuple[Semester, Semester]:
    """The school's two semesters of the school year: autumn 1 Sept–15 Jan, spring 20 Feb–10 July."""
    Semester.objects.filter(school=school, school_year=year).delete()
    autumn = f.SemesterFactory(
        school=school,
        school_year=year,
        term=Semester.Term.AUTUMN,
        start_date=date(year, 9, 1),
        end_date=date(year + 1, 1, 15),
        is_current=False,
    )
    spring = f.SemesterFactory(
        school=school,
        school_year=year,
        term=Semester.Term.SPRING,
        start_date=date(year + 1, 2, 20),
        end_date=date(year + 1, 7, 10),
        is_current=False,
    )
    return autumn, spring


def _sign(semester: Semester, user, version: int = 1) -> SemesterSummary:
    return SemesterSummary.objects.create(
        school=semester.school,
        semester=semester,
        version=version,
        snapshot={},
        signed_at=timezone.now(),
        signed_by=user,
    )


def _score(found: measures.Reading) -> Decimal | None:
    return measures.rule_score(
        rule="proportional", points=Decimal("2"), target=Decimal("100"), value=found.value, empty_is_met=True
    )


@pytest.mark.parametrize(
    ("signed", "text", "score"),
    [(0, "0.0% (0/2)", Decimal("0.0")), (1, "50.0% (1/2)", Decimal("1.0")), (2, "100.0% (2/2)", Decimal("2.0"))],
)
def test_the_value_is_the_signed_semesters_of_the_year(world, signed, text, score):
    semesters = _year_of(world.school)
    for semester in semesters[:signed]:
        _sign(semester, world.principal)
    found = measures.read("signed_summaries", world.school, WHOLE_YEAR)
    assert found.text == text and found.is_rate
    assert _score(found) == score


def test_a_draft_a_running_semester_and_another_school_do_not_count(world):
    autumn, spring = _year_of(world.school)
    SemesterSummary.objects.create(school=world.school, semester=spring, version=1)  # a draft, unsigned
    other_autumn, _other_spring = _year_of(world.other_school)
    _sign(other_autumn, world.other_principal)
    mid_spring = Period(WHOLE_YEAR.start, date(YEAR + 1, 4, 30))
    assert measures.read("signed_summaries", world.school, mid_spring).text == "0.0% (0/1)"  # autumn is due
    assert measures.read("signed_summaries", world.school, WHOLE_YEAR).text == "0.0% (0/2)"
    _sign(autumn, world.principal)
    assert measures.read("signed_summaries", world.school, mid_spring).text == "100.0% (1/1)"


def test_a_summary_signed_before_its_semester_ends_counts_and_nothing_due_meets_the_target(world):
    autumn, _spring = _year_of(world.school)
    november = Period(WHOLE_YEAR.start, date(YEAR, 11, 30))
    nothing_due = measures.read("signed_summaries", world.school, november)
    assert nothing_due.text == "—" and _score(nothing_due) == Decimal("2")
    _sign(autumn, world.principal)
    assert measures.read("signed_summaries", world.school, november).text == "100.0% (1/1)"


def test_a_reopened_summary_keeps_its_signed_version_and_the_previous_year_is_not_read(world):
    autumn, _spring = _year_of(world.school)
    last_autumn, _last_spring = _year_of(world.school, YEAR - 1)
    _sign(last_autumn, world.principal)
    _sign(autumn, world.principal)
    SemesterSummary.objects.create(school=world.school, semester=autumn, version=2)  # reopened: a new draft
    assert measures.read("signed_summaries", world.school, WHOLE_YEAR).text == "50.0% (1/2)"


def test_the_value_links_to_each_semesters_summary_page(world):
    autumn, spring = _year_of(world.school)
    _sign(autumn, world.principal)
    found = measures.read("signed_summaries", world.school, WHOLE_YEAR)
    assert found.links == (
        ("秋季学期：已签署", reverse("reports:summary", args=[autumn.pk])),
        ("春季学期：尚未签署", reverse("reports:summary", args=[spring.pk])),
    )


def test_the_default_index_scores_it_in_the_evidence_box():
    evidence_box = next(items for title, items in DEFAULT_INDEX if "档案盒" in str(title) or "Evidence box" in title)
    item = next(i for i in evidence_box if i.measure == "signed_summaries")
    assert (item.evidence, item.rule, item.points, item.target) == ("computed", "proportional", "2", "100")


def test_the_self_inspection_is_pre_filled_with_the_value_and_its_links_and_freezes_them(client, world):
    """In March of the school year the autumn semester is due (and signed), the spring one still running. The
    school year is the one of the next 15 March, so that the day travelled to comes after the world was built."""
    today = timezone.localdate()
    year = (today.year if (today.month, today.day) < (3, 15) else today.year + 1) - 1
    autumn, spring = _year_of(world.school, year)
    _sign(autumn, world.principal)
    with time_machine.travel(datetime.combine(date(year + 1, 3, 15), time(10), ZoneInfo("Asia/Shanghai"))):
        index = services.index_copy(district=world.district, school_year=year, user=world.district_officer)
        item = Item.objects.get(section__index=index, measure="signed_summaries")
        client.force_login(world.principal)
        body = client.get(reverse("inspection:school", args=[year])).content.decode()
        row = body.split(f'data-item="{item.pk}"', 1)[1].split("</tr>", 1)[0]
        assert "100.0% (1/1)" in row and ">2.0<" in row
        assert reverse("reports:summary", args=[autumn.pk]) in row
        assert reverse("reports:summary", args=[spring.pk]) in row and "春季学期：尚未签署" in row
        draft = services.inspection_draft(school=world.school, index=index, user=world.principal)
        fill(draft, world.principal)
        submitted = services.inspection_submit(inspection=draft, user=world.principal)
    _sign(spring, world.principal)
    frozen = next(r for s in rows_of(submitted) for r in s.rows if r.item_id == item.pk)
    assert frozen.value_text == "100.0% (1/1)" and frozen.rule_score == Decimal("2.0")
    assert frozen.links[1] == ("春季学期：尚未签署", reverse("reports:summary", args=[spring.pk]))


@pytest.mark.parametrize("signed", [0, 2])
def test_the_value_and_its_links_take_one_query_however_many_semesters_are_signed(
    world, signed, django_assert_num_queries
):
    for semester in _year_of(world.school)[:signed]:
        _sign(semester, world.principal)
    # Queries: the school year's semesters, each with whether a signed summary exists.
    with django_assert_num_queries(1):
        found = measures.read("signed_summaries", world.school, WHOLE_YEAR)
    assert len(found.links) == 2
