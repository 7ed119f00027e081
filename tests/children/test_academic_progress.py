"""Exam results per semester, and whether a child made progress between semesters."""

from decimal import Decimal

import pytest
from django.urls import reverse

from children.selectors import progress_for, progress_summary
from tests.children.factories import AcademicResultFactory
from tests.factories import previous_semester


def _previous(world):
    return previous_semester(world.semester)


def test_progress_compares_ranks_then_totals(world):
    previous = _previous(world)
    AcademicResultFactory(child=world.child_1, semester=previous, total=Decimal("150"), class_rank=20)
    AcademicResultFactory(child=world.child_1, semester=world.semester, total=Decimal("140"), class_rank=12)
    AcademicResultFactory(child=world.child_2, semester=previous, total=Decimal("150"), class_rank=None)
    AcademicResultFactory(child=world.child_2, semester=world.semester, total=Decimal("149"), class_rank=None)

    progress = progress_for([world.child_1, world.child_2, world.other_child], previous, world.semester)

    assert progress[world.child_1.pk].improved is True  # rank 20 -> 12 despite a lower total
    assert progress[world.child_2.pk].improved is False
    assert progress[world.other_child.pk].known is False
    summary = progress_summary(progress)
    assert (summary.compared, summary.improved, summary.rate) == (2, 1, Decimal("50.0"))


def test_head_teacher_adds_a_result_and_sees_the_progress(client, world):
    previous = _previous(world)
    AcademicResultFactory(child=world.child_1, semester=previous, total=Decimal("150"), class_rank=None)
    client.force_login(world.head_teacher)
    url = reverse("children:result_create", kwargs={"child_pk": world.child_1.pk})
    response = client.post(
        url, {"semester": world.semester.pk, "exam": "期中考试", "total": "170.5", "class_rank": 5, "class_size": 40}
    )
    assert response.status_code == 302
    page = client.get(reverse("children:detail", kwargs={"pk": world.child_1.pk}))
    assert "比上学期有进步" in page.content.decode()


def test_rank_cannot_exceed_class_size(client, world):
    client.force_login(world.head_teacher)
    url = reverse("children:result_create", kwargs={"child_pk": world.child_1.pk})
    response = client.post(
        url, {"semester": world.semester.pk, "exam": "期中考试", "total": "170", "class_rank": 41, "class_size": 40}
    )
    assert response.status_code == 200
    assert not world.child_1.results.exists()


def test_filing_page_reports_the_share_of_children_who_made_progress(client, world):
    previous = _previous(world)
    for child, before, after in ((world.child_1, 150, 160), (world.child_2, 150, 140)):
        AcademicResultFactory(child=child, semester=previous, total=Decimal(before), class_rank=None)
        AcademicResultFactory(child=child, semester=world.semester, total=Decimal(after), class_rank=None)
    client.force_login(world.principal)
    response = client.get(reverse("children:completeness"))
    assert "2 名儿童中，1 名有进步（50.0%）" in response.content.decode()


@pytest.mark.parametrize(
    ("before", "after", "direction"),
    [
        ((150, 12), (160, 12), "improved"),  # same rank, higher total
        ((150, 12), (140, 12), "declined"),  # same rank, lower total
        ((150, 12), (150, 12), "unchanged"),
        ((150, 12), (170, 15), "declined"),  # a worse rank outweighs a higher total
        ((150, None), (150, None), "unchanged"),
        ((150, None), (151, 3), "improved"),  # one rank unknown: totals
    ],
)
def test_progress_is_improved_unchanged_or_declined(world, before, after, direction):
    previous = _previous(world)
    AcademicResultFactory(child=world.child_1, semester=previous, total=Decimal(before[0]), class_rank=before[1])
    AcademicResultFactory(child=world.child_1, semester=world.semester, total=Decimal(after[0]), class_rank=after[1])
    progress = progress_for([world.child_1], previous, world.semester)[world.child_1.pk]
    assert progress.direction == direction
    assert progress.improved is (direction == "improved")


def test_the_child_page_says_a_same_rank_and_higher_total_is_progress(client, world):
    previous = _previous(world)
    AcademicResultFactory(child=world.child_1, semester=previous, total=Decimal("150"), class_rank=12)
    AcademicResultFactory(child=world.child_1, semester=world.semester, total=Decimal("160"), class_rank=12)
    client.force_login(world.head_teacher)
    html = client.get(reverse("children:detail", kwargs={"pk": world.child_1.pk})).content.decode()
    assert "比上学期有进步" in html
    assert "没有进步" not in html
    assert "班级排名 12 → 12" in html


def test_the_child_page_says_an_unchanged_result_is_unchanged(client, world):
    previous = _previous(world)
    AcademicResultFactory(child=world.child_1, semester=previous, total=Decimal("150"), class_rank=None)
    AcademicResultFactory(child=world.child_1, semester=world.semester, total=Decimal("150"), class_rank=None)
    client.force_login(world.head_teacher)
    html = client.get(reverse("children:detail", kwargs={"pk": world.child_1.pk})).content.decode()
    assert "与上学期持平" in html
    assert "bi-arrow-down-circle" not in html
