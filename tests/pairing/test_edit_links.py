"""Talks and home visits: the child's timeline links a record exactly when its edit view opens
(`editable_talks_for`, `editable_visits_for`), for every persona, a carer named on a visit included."""

import pytest
from django.urls import reverse

from tests.edit_links import PERSONAS, child_page, link_shown_and_edit_allowed
from tests.pairing.factories import HomeVisitFactory, TalkFactory

STAFF_OF_CHILD_1 = {"principal", "archive_keeper", "head_teacher"}


def _talk_by_head_teacher(w):
    return TalkFactory(child=w.child_1, recorded_by=w.head_teacher)


def _talk_held_by_the_carer(w):
    return TalkFactory(child=w.child_1, recorded_by=w.head_teacher, carer=w.carer)


def _talk_recorded_by_the_carer(w):
    return TalkFactory(child=w.child_1, recorded_by=w.carer_user, carer=w.carer)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("make", "editors"),
    [
        (_talk_by_head_teacher, STAFF_OF_CHILD_1),
        (_talk_held_by_the_carer, STAFF_OF_CHILD_1 | {"carer_user"}),
        (_talk_recorded_by_the_carer, STAFF_OF_CHILD_1 | {"carer_user"}),
    ],
)
def test_a_talk_is_linked_exactly_when_its_edit_view_opens(client, world, persona, make, editors):
    talk = make(world)
    edit_url = reverse("pairing:talk_edit", args=[talk.pk])
    shown, allowed = link_shown_and_edit_allowed(
        client, world.persona(persona), page=child_page(world.child_1), edit_url=edit_url
    )
    assert shown == allowed == (persona in editors)


def _visit_by_head_teacher(w):
    visit = HomeVisitFactory(child=w.child_1, recorded_by=w.head_teacher)
    visit.staff.add(w.head_teacher)
    return visit


def _visit_naming_the_carer(w):
    visit = _visit_by_head_teacher(w)
    visit.carers.add(w.carer)
    return visit


def _visit_recorded_by_the_carer(w):
    visit = HomeVisitFactory(child=w.child_1, recorded_by=w.carer_user)
    visit.carers.add(w.carer)
    return visit


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("make", "editors"),
    [
        (_visit_by_head_teacher, STAFF_OF_CHILD_1),
        (_visit_naming_the_carer, STAFF_OF_CHILD_1 | {"carer_user"}),
        (_visit_recorded_by_the_carer, STAFF_OF_CHILD_1 | {"carer_user"}),
    ],
)
def test_a_home_visit_is_linked_exactly_when_its_edit_view_opens(client, world, persona, make, editors):
    visit = make(world)
    edit_url = reverse("pairing:visit_edit", args=[visit.pk])
    shown, allowed = link_shown_and_edit_allowed(
        client, world.persona(persona), page=child_page(world.child_1), edit_url=edit_url
    )
    assert shown == allowed == (persona in editors)


def test_the_my_week_follow_up_links_exactly_the_talks_the_carer_may_change(client, world):
    from django.utils import timezone

    today = timezone.localdate()
    held = TalkFactory(child=world.child_1, recorded_by=world.head_teacher, carer=world.carer,
                       follow_up="再聊", follow_up_due=today)  # fmt: skip
    shown, allowed = link_shown_and_edit_allowed(
        client, world.carer_user, page=reverse("pairing:my_week"), edit_url=reverse("pairing:talk_edit", args=[held.pk])
    )
    assert shown and allowed
