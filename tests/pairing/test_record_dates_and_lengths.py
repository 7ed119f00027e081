"""Talks, visits and contacts carry the day they happened, follow-ups fall due after it, and notes stay notes."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from pairing.forms import TEXT_MAX
from pairing.models import HomeVisit, Talk
from tests.factories import iso_day

FUTURE_MESSAGE = " 是将来的日期：请按实际发生的日期记录。"


def _today():
    return timezone.localdate()


def _talk(**extra):
    return {"date": _today().isoformat(), "topics": ["study"], "content": "谈了学习。", **extra}


def _visit(world, **extra):
    return {"date": _today().isoformat(), "met": "parent", "staff": [world.head_teacher.pk], **extra}


def _post(client, user, name, child, data):
    client.force_login(user)
    return client.post(reverse(f"pairing:{name}", args=[child.pk]), data)


def test_a_home_visit_in_the_future_writes_nothing_and_says_why(client, world):
    response = _post(client, world.head_teacher, "visit_create", world.child_1, _visit(world, date=iso_day(90)))
    assert response.status_code == 200
    assert iso_day(90) + FUTURE_MESSAGE in response.content.decode()
    assert not HomeVisit.objects.exists()


def test_a_talk_in_the_future_says_the_same_as_visits_and_contacts(client, world):
    tomorrow = (_today() + datetime.timedelta(days=1)).isoformat()
    response = _post(client, world.head_teacher, "talk_create", world.child_1, _talk(date=tomorrow))
    assert tomorrow + FUTURE_MESSAGE in response.content.decode()
    assert not Talk.objects.exists()


def test_the_date_pickers_stop_at_today(client, world):
    client.force_login(world.head_teacher)
    for name in ("pairing:talk_create", "pairing:visit_create", "guardians:contact_create"):
        html = client.get(reverse(name, args=[world.child_1.pk])).content.decode()
        assert f'max="{_today().isoformat()}"' in html, name


def test_a_visit_follow_up_due_before_the_visit_writes_nothing(client, world):
    day = _today() - datetime.timedelta(days=3)
    data = _visit(world, date=day.isoformat(), follow_up="再去一次", follow_up_due=(day - datetime.timedelta(days=1)))
    response = _post(client, world.head_teacher, "visit_create", world.child_1, data)
    assert response.status_code == 200
    assert "跟进期限不能早于家访日期。" in response.content.decode()
    assert not HomeVisit.objects.exists()


def test_a_talk_follow_up_due_before_the_talk_writes_nothing(client, world):
    day = _today() - datetime.timedelta(days=3)
    data = _talk(date=day.isoformat(), follow_up="再聊", follow_up_due=(day - datetime.timedelta(days=1)).isoformat())
    response = _post(client, world.head_teacher, "talk_create", world.child_1, data)
    assert response.status_code == 200
    assert "跟进期限不能早于谈心日期。" in response.content.decode()
    assert not Talk.objects.exists()


def test_a_follow_up_due_on_the_day_itself_is_fine(client, world):
    day = _today().isoformat()
    data = _talk(follow_up="明天再聊", follow_up_due=day)
    assert _post(client, world.head_teacher, "talk_create", world.child_1, data).status_code == 302
    data = _visit(world, follow_up="再去", follow_up_due=day)
    assert _post(client, world.head_teacher, "visit_create", world.child_1, data).status_code == 302


@pytest.mark.parametrize("field", ["content", "concerns", "follow_up", "confidential_note"])
def test_a_talk_text_longer_than_the_limit_writes_nothing(client, world, field):
    response = _post(client, world.head_teacher, "talk_create", world.child_1, _talk(**{field: "话" * 100_000}))
    assert response.status_code == 200
    assert f"确保该变量包含不超过 {TEXT_MAX} 字符 (目前字符数 100000)。" in response.content.decode()
    assert not Talk.objects.exists()


@pytest.mark.parametrize("field", ["home_situation", "advice", "follow_up"])
def test_a_visit_text_longer_than_the_limit_writes_nothing(client, world, field):
    response = _post(client, world.head_teacher, "visit_create", world.child_1, _visit(world, **{field: "家" * 2001}))
    assert response.status_code == 200
    assert f"确保该变量包含不超过 {TEXT_MAX} 字符 (目前字符数 2001)。" in response.content.decode()
    assert not HomeVisit.objects.exists()


def test_a_talk_of_exactly_the_limit_is_saved(client, world):
    data = _talk(content="话" * TEXT_MAX, confidential_note="密" * TEXT_MAX)
    assert _post(client, world.head_teacher, "talk_create", world.child_1, data).status_code == 302
    assert len(Talk.objects.get().content) == TEXT_MAX
