"""The phone's outbox posts a record with its client UUID: the server writes it once, answers a replay with the
stored record, saves it only for its author, and says in words why it did not accept one."""

import uuid

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from guardians.models import ParentContact
from pairing.models import HomeVisit, Talk
from tests.guardians.factories import ParentContactFactory
from tests.pairing.factories import HomeVisitFactory, TalkFactory

OUTBOX = {"HTTP_X_SHOUWANG_OUTBOX": "1"}


def _talk(user, **extra):
    return {
        "date": timezone.localdate().isoformat(),
        "topics": ["study"],
        "content": "聊了期中考试。",
        "client_uuid": str(uuid.uuid4()),
        "outbox_author": str(user.pk),
        "outbox_schema": "1",
        **extra,
    }


def _post(client, world, data, child=None):
    return client.post(reverse("pairing:talk_create", args=[(child or world.child_1).pk]), data, **OUTBOX)


def test_an_outbox_talk_is_saved_with_its_client_uuid_and_answered_as_json(client, world):
    client.force_login(world.head_teacher)
    data = _talk(world.head_teacher)
    response = _post(client, world, data)
    assert response.status_code == 201
    talk = Talk.objects.get()
    assert str(talk.client_uuid) == data["client_uuid"]
    assert talk.recorded_by == world.head_teacher
    assert response.json() == {
        "ok": True,
        "replay": False,
        "id": talk.pk,
        "date": talk.date.isoformat(),
        "url": reverse("children:detail", args=[world.child_1.pk]),
    }


def test_a_replay_answers_with_the_stored_talk_and_writes_no_second_one(client, world):
    client.force_login(world.head_teacher)
    data = _talk(world.head_teacher)
    first = _post(client, world, data).json()
    again = _post(client, world, {**data, "content": "改过的内容"})
    assert again.status_code == 200
    assert again.json() == {**first, "replay": True}
    assert Talk.objects.get().content == "聊了期中考试。"


def test_a_plain_form_post_of_a_saved_uuid_goes_to_the_record_without_a_second_one(client, world):
    client.force_login(world.head_teacher)
    data = _talk(world.head_teacher)
    url = reverse("pairing:talk_create", args=[world.child_1.pk])
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert Talk.objects.count() == 1


def test_the_second_post_of_a_double_click_says_the_talk_was_saved(client, world):
    """The browser shows only the answer to the second post of a double click: it says what the first one would."""
    client.force_login(world.head_teacher)
    data = _talk(world.head_teacher)
    url = reverse("pairing:talk_create", args=[world.child_1.pk])
    client.post(url, data)
    client.cookies.pop("messages", None)  # the first answer never reached the page
    page = client.post(url, data, follow=True)
    assert page.redirect_chain == [(reverse("children:detail", args=[world.child_1.pk]), 302)]
    assert [str(message) for message in page.context["messages"]] == [f"与{world.child_1.name}的谈心记录已保存。"]
    assert Talk.objects.count() == 1


def test_a_record_made_by_another_user_is_not_saved_by_this_session(client, world):
    client.force_login(world.other_head_teacher)
    response = _post(client, world, _talk(world.head_teacher), child=world.child_2)
    assert response.status_code == 403
    assert response.json()["message"] == "这条记录是其他用户录入的，只能由其本人上传。"
    assert not Talk.objects.exists()


def test_a_uuid_stored_for_another_author_is_not_answered_to_this_one(client, world):
    client.force_login(world.head_teacher)
    data = _talk(world.head_teacher)
    _post(client, world, data)
    client.force_login(world.principal)
    response = _post(client, world, {**data, "outbox_author": str(world.principal.pk)})
    assert response.status_code == 403
    assert Talk.objects.count() == 1


def test_a_validation_failure_answers_the_forms_messages_in_chinese(client, world):
    client.force_login(world.head_teacher)
    response = _post(client, world, _talk(world.head_teacher, topics=[]))
    assert response.status_code == 422
    assert response.json()["message"] == "谈话主题：这个字段是必填项。"
    assert not Talk.objects.exists()


def test_a_child_now_out_of_scope_is_refused_with_a_message_not_a_404_page(client, world):
    client.force_login(world.head_teacher)
    response = _post(client, world, _talk(world.head_teacher), child=world.child_2)
    assert response.status_code == 404
    assert "已不在您可记录的范围内" in response.json()["message"]


def test_a_record_from_an_older_form_is_sent_back_to_check(client, world):
    client.force_login(world.head_teacher)
    response = _post(client, world, _talk(world.head_teacher, outbox_schema="0"))
    assert response.status_code == 409
    assert not Talk.objects.exists()


def test_a_home_visit_with_two_visitors_is_saved_once(client, world):
    client.force_login(world.head_teacher)
    data = {
        "date": timezone.localdate().isoformat(),
        "staff": [world.head_teacher.pk],
        "carers": [world.carer.pk],
        "met": "nobody",
        "client_uuid": str(uuid.uuid4()),
        "outbox_author": str(world.head_teacher.pk),
        "outbox_schema": "1",
    }
    url = reverse("pairing:visit_create", args=[world.child_1.pk])
    assert client.post(url, data, **OUTBOX).status_code == 201
    assert client.post(url, data, **OUTBOX).status_code == 200
    visit = HomeVisit.objects.get()
    assert (set(visit.staff.all()), set(visit.carers.all())) == ({world.head_teacher}, {world.carer})


def test_an_unreached_parent_contact_is_saved_once(client, world):
    client.force_login(world.carer_user)
    data = {
        "date": timezone.localdate().isoformat(),
        "counterpart": "parent",
        "channel": "call",
        "initiated_by": "carer",
        "reached": "False",
        "client_uuid": str(uuid.uuid4()),
        "outbox_author": str(world.carer_user.pk),
        "outbox_schema": "1",
    }
    url = reverse("guardians:contact_create", args=[world.child_1.pk])
    assert client.post(url, data, **OUTBOX).status_code == 201
    assert client.post(url, data, **OUTBOX).status_code == 200
    contact = ParentContact.objects.get()
    assert (contact.reached, contact.recorded_by) == (False, world.carer_user)


@pytest.mark.parametrize("make", [TalkFactory, HomeVisitFactory, ParentContactFactory])
def test_the_database_holds_one_record_per_client_uuid(world, make):
    same = uuid.uuid4()
    make(child=world.child_1, client_uuid=same)
    with pytest.raises(IntegrityError), transaction.atomic():
        make(child=world.child_1, client_uuid=same)
