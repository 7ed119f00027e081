"""The attention list from the database: clearing by doing the work, snoozes, thresholds per school,
safety events seen only by the principal and the recorder, and a constant number of queries."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst

from children import selectors
from children.models import Child
from pairing.attention import load_attention, safety_events_for
from pairing.models import AttentionSettings, AttentionSnooze, SafetyEvent
from tests import factories
from tests.pairing.factories import HomeVisitFactory, ParentContactFactory, TalkFactory

pytestmark = pytest.mark.django_db


def _reasons(world, child=None, user=None):
    child = child or world.child_1
    result = load_attention(Child.objects.filter(pk=child.pk), user or world.principal)
    entry = result.for_child(child.pk)
    return [r.key for r in entry.reasons] if entry else []


@pytest.fixture
def looked_after(world):
    """child_1 identified 400 days ago, with a guardian, a pairing (from the world), a visit this semester and a
    parent reached last week: only talks are missing."""
    today = timezone.localdate()
    long_ago = timezone.now() - datetime.timedelta(days=400)
    guardian = factories.GuardianFactory(child=world.child_1)
    guardian.history.update(history_date=long_ago)  # written with the archive, long ago
    Child.objects.filter(pk=world.child_1.pk).update(
        identified_on=today - datetime.timedelta(days=400),
        created_at=long_ago,
    )
    HomeVisitFactory(child=world.child_1, date=world.semester.start_date + datetime.timedelta(days=3))
    ParentContactFactory(child=world.child_1, date=today - datetime.timedelta(days=7), reached=True)
    return world.child_1


def test_a_talk_clears_no_talk_and_a_visit_does_not(world, looked_after):
    assert _reasons(world) == ["no_talk"]
    HomeVisitFactory(child=world.child_1, date=timezone.localdate())
    assert _reasons(world) == ["no_talk"]
    TalkFactory(child=world.child_1, date=timezone.localdate())
    assert _reasons(world) == []


def test_an_unreached_call_does_not_clear_no_parent_contact_and_two_make_parents_unreachable(world, looked_after):
    ParentContact = ParentContactFactory._meta.model
    ParentContact.objects.all().delete()
    TalkFactory(child=world.child_1, date=timezone.localdate())
    today = timezone.localdate()
    ParentContactFactory(child=world.child_1, date=today - datetime.timedelta(days=2), reached=False)
    assert _reasons(world) == ["no_parent_contact"]
    ParentContactFactory(child=world.child_1, date=today - datetime.timedelta(days=1), reached=False)
    assert _reasons(world) == ["no_parent_contact", "parents_unreachable"]
    ParentContactFactory(child=world.child_1, date=today, reached=True)
    assert _reasons(world) == []


def test_a_snooze_puts_one_reason_aside_until_it_ends(world, looked_after):
    AttentionSnooze.objects.create(
        child=world.child_1, reason="no_talk", until=timezone.localdate() + datetime.timedelta(days=7), note="住院中"
    )
    assert _reasons(world) == []
    with time_machine.travel(timezone.now() + datetime.timedelta(days=8)):
        assert "no_talk" in _reasons(world)


def test_snoozing_from_the_list_is_kept_in_history(client, world, looked_after):
    client.force_login(world.head_teacher)
    response = client.post(
        reverse("pairing:attention_snooze", args=[world.child_1.pk]),
        {"reason": "no_talk", "days": 14, "note": "孩子住院两周"},
    )
    assert response.status_code == 302
    snooze = AttentionSnooze.objects.get()
    assert (snooze.until, snooze.created_by) == (timezone.localdate() + datetime.timedelta(days=14), world.head_teacher)
    assert snooze.history.count() == 1


def test_a_reason_put_aside_shows_in_the_childs_history_with_its_note_and_who(client, world, looked_after):
    client.force_login(world.head_teacher)
    client.post(
        reverse("pairing:attention_snooze", args=[world.child_1.pk]),
        {"reason": "no_talk", "days": 14, "note": "孩子住院两周"},
    )
    history = selectors.history_for(world.child_1)
    label = str(capfirst(AttentionSnooze._meta.verbose_name))
    put_aside = next(change for change in history if change.model_label == label)
    assert put_aside.user == world.head_teacher
    assert "孩子住院两周" in [now for _field, _before, now in put_aside.fields]
    page = client.get(reverse("children:history", args=[world.child_1.pk])).content.decode()
    assert "暂缓事项" in page and "孩子住院两周" in page
    assert "长期无谈心" in page and "no_talk" not in page  # the reason by its name, not its key


def test_thresholds_are_the_schools_own(world, looked_after):
    TalkFactory(child=world.child_1, date=timezone.localdate() - datetime.timedelta(days=20))
    assert _reasons(world) == []
    AttentionSettings.objects.create(school=world.school, no_talk_days=14)
    assert _reasons(world) == ["no_talk"]


def test_a_guardian_added_later_is_a_family_change_but_the_archives_first_guardian_is_not(world, looked_after):
    TalkFactory(child=world.child_1, date=timezone.localdate())
    assert _reasons(world) == []
    factories.GuardianFactory(child=world.child_1, name="李桂英")
    assert _reasons(world) == ["family_change"]


def test_the_principal_sets_the_thresholds(client, world):
    client.force_login(world.principal)
    response = client.post(
        reverse("pairing:attention_settings"),
        {"no_talk_days": 21, "no_contact_days": 45, "rank_drop": 3, "guardian_age": 75, "change_days": 14},
    )
    assert response.status_code == 302
    assert AttentionSettings.objects.get(school=world.school).no_talk_days == 21


@pytest.fixture
def safety_event(world):
    return SafetyEvent.objects.create(
        child=world.child_1,
        date=timezone.localdate(),
        kind=SafetyEvent.Kind.LIVING_ALONE,
        what_happened="奶奶住院，孩子一人在家三天。",
        recorded_by=world.head_teacher,
    )


@pytest.mark.parametrize(
    ("persona", "sees"),
    [
        ("principal", True),
        ("head_teacher", True),  # recorded it
        ("archive_keeper", False),
        ("other_head_teacher", False),
        ("carer_user", False),
        ("district_officer", False),
        ("other_principal", False),
    ],
)
def test_a_safety_event_is_seen_by_the_principal_and_the_recorder_only(client, world, safety_event, persona, sees):
    user = world.persona(persona)
    assert safety_events_for(user).filter(pk=safety_event.pk).exists() is sees
    client.force_login(user)
    response = client.get(reverse("pairing:safety_event_edit", args=[safety_event.pk]))
    assert response.status_code == (200 if sees else 404 if user.can("edit_archives") else 403)
    page = client.get(reverse("children:detail", args=[world.child_1.pk]))
    link = reverse("pairing:safety_event_edit", args=[safety_event.pk])
    assert (link in page.content.decode()) is (sees and page.status_code == 200)


def test_an_open_safety_event_puts_the_child_in_act_now_for_the_principal_only(world, safety_event, looked_after):
    principal = load_attention(Child.objects.filter(pk=world.child_1.pk), world.principal).for_child(world.child_1.pk)
    assert principal.tier == "act_now"
    keeper = load_attention(Child.objects.filter(pk=world.child_1.pk), world.archive_keeper)
    assert keeper.for_child(world.child_1.pk).tier != "act_now"
    safety_event.closed_on = timezone.localdate()
    safety_event.save()
    again = load_attention(Child.objects.filter(pk=world.child_1.pk), world.principal).for_child(world.child_1.pk)
    assert again.tier != "act_now"


def test_a_head_teacher_records_a_safety_event_and_a_closing_date_cannot_precede_it(client, world):
    client.force_login(world.head_teacher)
    today = timezone.localdate()
    data = {"date": today.isoformat(), "kind": "missing", "what_happened": "放学未回家", "actions": "已联系派出所"}
    bad = client.post(
        reverse("pairing:safety_event_create", args=[world.child_1.pk]),
        {**data, "closed_on": (today - datetime.timedelta(days=1)).isoformat()},
    )
    assert bad.status_code == 200 and not SafetyEvent.objects.exists()
    response = client.post(reverse("pairing:safety_event_create", args=[world.child_1.pk]), data)
    assert response.status_code == 302
    assert SafetyEvent.objects.get().recorded_by == world.head_teacher


@pytest.mark.parametrize("n", [3, 30])
def test_the_school_list_makes_a_constant_number_of_queries(client, world, django_assert_num_queries, n):
    today = timezone.localdate()
    for i in range(n):
        child = factories.ChildFactory(school_class=world.class_1 if i % 2 else world.class_2, name=f"学生{i}")
        factories.GuardianFactory(child=child, age=75 if i % 3 == 0 else 50)
        TalkFactory(child=child, date=today - datetime.timedelta(days=i), concerns="想妈妈" if i % 4 == 0 else "",
                    follow_up_due=today - datetime.timedelta(days=1) if i % 4 == 0 else None)  # fmt: skip
        ParentContactFactory(child=child, date=today - datetime.timedelta(days=i), reached=bool(i % 2))
    client.force_login(world.principal)
    # 1 session, 2 user, then load_attention: 3 children with their last talk, visit, reached parent and last two
    # tries, pairings and overdue follow-up, 4 thresholds, 5 semesters, 6 guardians, 7–8 guardian and parent
    # history, 9 results, 10 snoozes, 11 safety events
    with django_assert_num_queries(11):
        response = client.get(reverse("pairing:attention"))
    assert len(response.context["result"].entries) >= n
