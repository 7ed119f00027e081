"""My week: what is due or overdue for a head teacher or carer, follow-ups, birthdays; constant queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from pairing.services import norms_restore_defaults
from pairing.summaries import BIRTHDAY_LIMIT, FOLLOW_UP_LIMIT
from tests.pairing.factories import TalkFactory


def _due_children(response, kind):
    return {
        child.pk
        for child, _statuses, _overdue in {k: items for k, _l, items, _total in response.context["groups"]}[kind]
    }


def test_a_child_without_a_talk_this_week_is_due_and_leaves_the_list_once_a_talk_is_logged(client, world):
    norms_restore_defaults(school=world.school)
    client.force_login(world.head_teacher)
    response = client.get(reverse("pairing:my_week"))
    assert _due_children(response, "talk") == {world.child_1.pk}
    assert "我的一周" in response.content.decode()

    TalkFactory(child=world.child_1, recorded_by=world.head_teacher)
    response = client.get(reverse("pairing:my_week"))
    assert world.child_1.pk not in _due_children(response, "talk")


def test_a_head_teacher_sees_only_their_class_in_my_week(client, world):
    norms_restore_defaults(school=world.school)
    client.force_login(world.other_head_teacher)
    response = client.get(reverse("pairing:my_week"))
    assert _due_children(response, "talk") == {world.child_2.pk}


def test_a_carer_sees_only_their_paired_children_and_no_head_teacher_norms(client, world):
    norms_restore_defaults(school=world.school)
    client.force_login(world.carer_user)
    response = client.get(reverse("pairing:my_week"))
    assert _due_children(response, "talk") == {world.child_1.pk}
    norms = {
        s.norm.by for _k, _l, items, _t in response.context["groups"] for _c, statuses, _o in items for s in statuses
    }
    assert "head_teacher" not in norms


def test_follow_ups_due_and_birthdays_this_month_are_listed(client, world):
    today = timezone.localdate()
    TalkFactory(child=world.child_1, recorded_by=world.head_teacher, follow_up="问问考试", follow_up_due=today)
    TalkFactory(child=world.child_1, recorded_by=world.head_teacher, follow_up="以后再说",
                follow_up_due=today + datetime.timedelta(days=30))  # fmt: skip
    world.child_1.birth_date = today.replace(year=2017, day=1)
    world.child_1.save()
    client.force_login(world.head_teacher)
    response = client.get(reverse("pairing:my_week"))
    assert [t.follow_up for t in response.context["follow_ups"]] == ["问问考试"]
    assert response.context["birthdays"] == [world.child_1]


@pytest.mark.parametrize("n", [30, 300])
def test_my_week_makes_the_same_number_of_queries_for_30_and_300_children(
    client, world, populate, n, django_assert_num_queries
):
    populate(n)
    client.force_login(world.head_teacher)
    # 1 session, 2 user, 3 children with classes, 4 current semesters, 5 norms, 6 status changes,
    # 7 pairings, 8 key-help plans, 9 head teachers of the classes, 10 talks, 11 home visits, 12 visits'
    # carers, 13 visits' staff, 14 parent contacts, 15 carer logins, 16 follow-ups due, 17 plan reviews due;
    # the attention list (pairing.attention.load_attention): 18 children with their last talk, visit,
    # reached parent and last two tries, pairings and overdue follow-up, 19 thresholds, 20 semesters,
    # 21 guardians, 22–23 guardian and parent history, 24 results, 25 snoozes, 26 open safety events
    with django_assert_num_queries(26):
        response = client.get(reverse("pairing:my_week"))
    assert response.status_code == 200
    assert len(response.context["follow_ups"]) + response.context["follow_ups_more"] == n // 2
    talks = next(group for group in response.context["groups"] if group[0] == "talk")
    assert len(talks[2]) == min(talks[3], 100) and talks[3] >= n // 2  # long lists stop at 100, overdue first


def test_marking_a_follow_up_done_takes_it_off_my_week(client, world):
    today = timezone.localdate()
    talk = TalkFactory(child=world.child_1, recorded_by=world.head_teacher, follow_up="问问考试", follow_up_due=today)
    client.force_login(world.head_teacher)
    data = {"date": talk.date.isoformat(), "topics": ["study"], "follow_up": "问问考试",
            "follow_up_due": today.isoformat(), "follow_up_done": "on", "next": reverse("pairing:my_week")}  # fmt: skip
    response = client.post(reverse("pairing:talk_edit", args=[talk.pk]), data)
    assert response["Location"] == reverse("pairing:my_week")
    assert list(client.get(reverse("pairing:my_week")).context["follow_ups"]) == []


def test_a_principals_my_week_shows_at_most_the_limit_of_follow_ups_and_birthdays_and_counts_the_rest(
    client, world, populate
):
    populate(2 * max(FOLLOW_UP_LIMIT, BIRTHDAY_LIMIT) + 10)  # every child has a birthday this month
    client.force_login(world.principal)
    response = client.get(reverse("pairing:my_week"))
    follow_ups_due = FOLLOW_UP_LIMIT + response.context["follow_ups_more"]
    birthdays = BIRTHDAY_LIMIT + response.context["birthdays_more"]
    assert len(response.context["follow_ups"]) == FOLLOW_UP_LIMIT < follow_ups_due
    assert len(response.context["birthdays"]) == BIRTHDAY_LIMIT < birthdays
    body = response.content.decode()
    assert f"另有 {follow_ups_due - FOLLOW_UP_LIMIT} 条跟进待办。" in body
    assert f"本月另有 {birthdays - BIRTHDAY_LIMIT} 位孩子过生日。" in body
    assert [t.follow_up_due for t in response.context["follow_ups"]] == sorted(
        t.follow_up_due for t in response.context["follow_ups"]
    )


def test_a_due_child_is_listed_with_an_escaped_name_its_page_and_the_button_to_log_the_work(client, world):
    norms_restore_defaults(school=world.school)
    world.child_1.name = "<b>王</b>"
    world.child_1.save()
    client.force_login(world.head_teacher)
    html = client.get(reverse("pairing:my_week")).content.decode()
    assert "&lt;b&gt;王&lt;/b&gt;" in html and "<b>王</b>" not in html
    assert f'href="{reverse("children:detail", args=[world.child_1.pk])}"' in html
    talk = reverse("pairing:talk_create", args=[world.child_1.pk])
    assert f'href="{talk}?next={reverse("pairing:my_week")}"' in html
    guardian = reverse("guardians:contact_create", args=[world.child_1.pk])
    assert f'href="{guardian}?counterpart=guardian&next={reverse("pairing:my_week")}"' in html


def test_my_weeks_attention_panel_shows_the_first_entries_and_counts_every_child_on_the_list(client, world, populate):
    from children.scoping import children_for
    from pairing.attention import load_attention
    from pairing.views import ATTENTION_ON_MY_WEEK

    populate(2 * ATTENTION_ON_MY_WEEK)  # two thirds have never reached a parent (identified 400 days ago): on the list
    whole = load_attention(children_for(world.principal).active(), world.principal)
    assert len(whole.entries) > ATTENTION_ON_MY_WEEK
    client.force_login(world.principal)
    response = client.get(reverse("pairing:my_week"))
    panel = response.context["attention"]
    assert [e.child.pk for e in panel.entries] == [e.child.pk for e in whole.entries[:ATTENTION_ON_MY_WEEK]]
    assert panel.total == len(whole.entries)
    body = response.content.decode()
    assert f'<span class="badge text-bg-secondary">{len(whole.entries)}</span>' in body
    assert f"显示 {len(whole.entries)} 名中的 {ATTENTION_ON_MY_WEEK} 名，最紧急的在前。" in body
