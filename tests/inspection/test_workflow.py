"""A school self-inspects, submits a frozen version; the district scores, returns or accepts it, and its
findings become the school's action items."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from inspection import services
from inspection.models import ActionItem, Inspection, Item
from inspection.selectors import rows_of
from tests import factories as f
from tests.inspection.conftest import fill
from tests.pairing.factories import TalkFactory

pytestmark = pytest.mark.django_db


def _computed(index, measure):
    return Item.objects.get(section__index=index, measure=measure)


def test_a_draft_cannot_be_submitted_while_a_judged_item_has_no_score(world, index):
    draft = services.inspection_draft(school=world.school, index=index, user=world.principal)
    with pytest.raises(ValidationError) as caught:
        services.inspection_submit(inspection=draft, user=world.principal)
    assert any("no score" in m or "没有评分" in m for m in caught.value.messages)


def test_an_uploaded_item_needs_a_file(world, index):
    draft = services.inspection_draft(school=world.school, index=index, user=world.principal)
    for item in Item.objects.filter(section__index=index).exclude(evidence="computed"):
        services.answer_save(inspection=draft, item=item, user=world.principal, score=Decimal("0.1"), note="")
    with pytest.raises(ValidationError) as caught:
        services.inspection_submit(inspection=draft, user=world.principal)
    assert len(caught.value.messages) == Item.objects.filter(section__index=index, evidence="uploaded").count()


def test_overriding_a_computed_score_needs_a_note(world, index):
    draft = services.inspection_draft(school=world.school, index=index, user=world.principal)
    fill(draft, world.principal)
    talks = _computed(index, "talk_coverage")
    services.answer_save(inspection=draft, item=talks, user=world.principal, score=Decimal("9"), note="")
    with pytest.raises(ValidationError):
        services.inspection_submit(inspection=draft, user=world.principal)
    services.answer_save(
        inspection=draft, item=talks, user=world.principal, score=Decimal("9"), note="两次谈心记在纸质本上"
    )
    assert services.inspection_submit(inspection=draft, user=world.principal).is_submitted


def test_a_submitted_version_is_frozen_against_later_records(world, index, submitted):
    talks = _computed(index, "talk_coverage")
    before = next(r for s in rows_of(submitted) for r in s.rows if r.item_id == talks.pk)
    TalkFactory(child=world.child_1)
    TalkFactory(child=world.child_2)
    submitted.refresh_from_db()
    after = next(r for s in rows_of(submitted) for r in s.rows if r.item_id == talks.pk)
    assert before.value_text == after.value_text == "0.0% (0/2)"
    with pytest.raises(ValidationError):
        services.answer_save(inspection=submitted, item=talks, user=world.principal, score=None, note="")


def test_a_returned_version_stays_and_the_next_draft_carries_the_scores_and_files_on(world, index, submitted):
    with pytest.raises(ValidationError):
        services.inspection_return(inspection=submitted, user=world.district_officer, comment=" ")
    draft = services.inspection_return(inspection=submitted, user=world.district_officer, comment="请补充会议记录")
    submitted.refresh_from_db()
    assert submitted.is_returned and submitted.return_comment == "请补充会议记录"
    assert draft.version == 2 and not draft.is_submitted
    old = {a.item_id: (a.score, set(a.files.all())) for a in submitted.answers.all()}
    new = {a.item_id: (a.score, set(a.files.all())) for a in draft.answers.all()}
    assert new == old
    resubmitted = services.inspection_submit(inspection=draft, user=world.principal)
    assert resubmitted.version == 2 and resubmitted.school_total == submitted.school_total


def test_accepting_makes_it_final_and_turns_findings_into_dated_action_items(world, index, submitted, year):
    from datetime import date

    meetings = Item.objects.get(section__index=index, section__order=1, order=2)
    due = date(year + 1, 3, 1)
    services.review_save(
        inspection=submitted,
        user=world.district_officer,
        scores={meetings.pk: (Decimal("0.2"), "联席会议记录不全", due)},
    )
    accepted = services.inspection_accept(inspection=submitted, user=world.district_officer)
    # The district scored one item 0.3 below the school; it stands by the school's other scores.
    assert accepted.is_accepted and accepted.district_total == accepted.school_total - Decimal("0.3")
    action = ActionItem.objects.get(school=world.school)
    assert (action.text, action.due_on, action.is_closed) == ("联席会议记录不全", due, False)
    with pytest.raises(ValidationError):
        services.inspection_return(inspection=accepted, user=world.district_officer, comment="再改")
    with pytest.raises(ValidationError):
        services.inspection_accept(inspection=accepted, user=world.district_officer)
    services.action_close(action=action, user=world.principal, note="已补齐三次会议记录")
    action.refresh_from_db()
    assert action.is_closed


def test_the_districts_findings_on_a_returned_version_carry_into_the_resubmission_and_its_acceptance(
    world, index, submitted, year
):
    from datetime import date

    meetings = Item.objects.get(section__index=index, section__order=1, order=2)
    due = date(year + 1, 3, 1)
    services.review_save(
        inspection=submitted,
        user=world.district_officer,
        scores={meetings.pk: (Decimal("0.2"), "联席会议记录不全", due)},
    )
    draft = services.inspection_return(inspection=submitted, user=world.district_officer, comment="请补充会议记录")
    carried = draft.answers.get(item=meetings)
    assert (carried.district_score, carried.finding, carried.finding_due) == (Decimal("0.2"), "联席会议记录不全", due)
    resubmitted = services.inspection_submit(inspection=draft, user=world.principal)
    services.inspection_accept(inspection=resubmitted, user=world.district_officer)  # not typed again
    action = ActionItem.objects.get(school=world.school)
    assert (action.text, action.due_on, action.inspection_id) == ("联席会议记录不全", due, resubmitted.pk)


def test_accepting_without_a_district_score_stands_by_the_school(world, index, submitted):
    accepted = services.inspection_accept(inspection=submitted, user=world.district_officer)
    assert accepted.district_total == accepted.school_total
    assert not ActionItem.objects.exists()


def test_a_district_score_lies_within_the_items_points(world, index, submitted):
    meetings = Item.objects.get(section__index=index, section__order=1, order=2)
    with pytest.raises(ValidationError):
        services.review_save(
            inspection=submitted, user=world.district_officer, scores={meetings.pk: (Decimal("9"), "", None)}
        )


def test_only_one_draft_per_school_and_index(world, index):
    first = services.inspection_draft(school=world.school, index=index, user=world.principal)
    assert services.inspection_draft(school=world.school, index=index, user=world.principal) == first
    assert Inspection.objects.filter(school=world.school).count() == 1


def test_a_school_cannot_self_inspect_against_another_districts_index(world, index):
    stranger = f.SchoolFactory(district=f.DistrictFactory(code="999999"))
    with pytest.raises(ValidationError):
        services.inspection_draft(school=stranger, index=index, user=world.principal)
