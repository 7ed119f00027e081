"""Logging talks and visits: who may log what, and a bad POST writes nothing."""

import pytest
from django.urls import reverse
from django.utils import timezone

from pairing.models import HomeVisit, Talk
from tests import factories
from tests.pairing.factories import TalkFactory


def _talk_data(**extra):
    return {
        "date": timezone.localdate().isoformat(),
        "topics": ["study", "friends"],
        "content": "谈了交朋友。",
        **extra,
    }


def test_a_head_teacher_logs_a_talk_for_a_loving_mother_without_a_login(client, world):
    mother = factories.CarerFactory(school=world.school, name="刘桂兰")
    client.force_login(world.head_teacher)
    response = client.post(reverse("pairing:talk_create", args=[world.child_1.pk]), _talk_data(carer=mother.pk))
    assert response.status_code == 302
    talk = Talk.objects.get()
    assert (talk.carer, talk.recorded_by, talk.topics) == (mother, world.head_teacher, ["study", "friends"])
    assert talk.history.count() == 1


def test_a_carer_logs_a_talk_as_themselves_whatever_carer_they_post(client, world):
    other = factories.CarerFactory(school=world.school)
    client.force_login(world.carer_user)
    response = client.post(reverse("pairing:talk_create", args=[world.child_1.pk]), _talk_data(carer=other.pk))
    assert response.status_code == 302
    assert Talk.objects.get().carer == world.carer


def test_the_quick_talk_form_defaults_to_today_with_topic_checkboxes(client, world):
    client.force_login(world.head_teacher)
    html = client.get(reverse("pairing:talk_create", args=[world.child_1.pk])).content.decode()
    assert f'value="{timezone.localdate().isoformat()}"' in html
    assert html.count('name="topics"') == 5
    assert "保存谈心记录" in html


def test_a_talk_without_topics_writes_nothing(client, world):
    client.force_login(world.head_teacher)
    response = client.post(reverse("pairing:talk_create", args=[world.child_1.pk]), _talk_data(topics=[]))
    assert response.status_code == 200
    assert not Talk.objects.exists()


def test_a_talk_in_the_future_writes_nothing(client, world):
    client.force_login(world.head_teacher)
    tomorrow = (timezone.localdate() + timezone.timedelta(days=1)).isoformat()
    client.post(reverse("pairing:talk_create", args=[world.child_1.pk]), _talk_data(date=tomorrow))
    assert not Talk.objects.exists()


def test_a_talk_with_a_carer_of_another_school_writes_nothing(client, world):
    stranger = factories.CarerFactory(school=world.other_school)
    client.force_login(world.head_teacher)
    response = client.post(reverse("pairing:talk_create", args=[world.child_1.pk]), _talk_data(carer=stranger.pk))
    assert response.status_code == 200
    assert not Talk.objects.exists()


def test_a_home_visit_with_a_bad_visitor_writes_neither_the_visit_nor_its_visitors(client, world):
    client.force_login(world.head_teacher)
    data = {"date": timezone.localdate().isoformat(), "met": "parent", "staff": [world.head_teacher.pk],
            "carers": [999999]}  # fmt: skip
    response = client.post(reverse("pairing:visit_create", args=[world.child_1.pk]), data)
    assert response.status_code == 200
    assert not HomeVisit.objects.exists()
    assert not HomeVisit.staff.through.objects.exists()


def test_a_service_failure_after_the_visit_row_rolls_the_visit_back(world, monkeypatch):
    """The visit and its visitors are one write: if setting the visitors fails, no visit remains."""
    from pairing import services

    visit = HomeVisit(child=world.child_1, date=timezone.localdate(), met=HomeVisit.Met.PARENT)
    with pytest.raises(ValueError):
        services.home_visit_save(visit=visit, carers=[world.carer], staff=["not a user"], user=world.head_teacher)
    assert not HomeVisit.objects.exists()


def test_a_home_visit_is_saved_with_its_visitors(client, world):
    client.force_login(world.head_teacher)
    data = {"date": timezone.localdate().isoformat(), "met": "parent", "staff": [world.head_teacher.pk],
            "carers": [world.carer.pk], "home_situation": "奶奶腿脚不便。"}  # fmt: skip
    assert client.post(reverse("pairing:visit_create", args=[world.child_1.pk]), data).status_code == 302
    visit = HomeVisit.objects.get()
    assert list(visit.carers.all()) == [world.carer]
    assert visit.recorded_by == world.head_teacher


def test_a_carer_cannot_change_a_talk_someone_else_held(client, world):
    talk = TalkFactory(child=world.child_1, recorded_by=world.head_teacher)
    client.force_login(world.carer_user)
    assert client.get(reverse("pairing:talk_edit", args=[talk.pk])).status_code == 404


def test_a_carer_changes_their_own_talk(client, world):
    talk = TalkFactory(child=world.child_1, carer=world.carer, recorded_by=world.carer_user)
    client.force_login(world.carer_user)
    response = client.post(reverse("pairing:talk_edit", args=[talk.pk]), _talk_data(content="改过了"))
    assert response.status_code == 302
    talk.refresh_from_db()
    assert talk.content == "改过了"
    assert talk.history.count() == 2


def test_a_carer_cannot_log_a_visit_naming_only_another_carer(client, world):
    other = factories.CarerFactory(school=world.school)
    client.force_login(world.carer_user)
    data = {"date": timezone.localdate().isoformat(), "met": "parent", "carers": [other.pk]}
    assert client.post(reverse("pairing:visit_create", args=[world.child_1.pk]), data).status_code == 200
    assert not HomeVisit.objects.exists()


def test_a_carer_logs_a_visit_as_a_visitor(client, world):
    client.force_login(world.carer_user)
    data = {"date": timezone.localdate().isoformat(), "met": "parent", "carers": [world.carer.pk]}
    assert client.post(reverse("pairing:visit_create", args=[world.child_1.pk]), data).status_code == 302
    assert list(HomeVisit.objects.get().carers.all()) == [world.carer]


def test_a_carer_sees_the_quick_form_without_a_carer_choice(client, world):
    client.force_login(world.carer_user)
    html = client.get(reverse("pairing:talk_create", args=[world.child_1.pk])).content.decode()
    assert 'name="carer"' not in html
    assert 'name="confidential_note"' in html  # the author may always write one


def test_a_carer_cannot_log_for_a_child_they_are_not_paired_with(client, world):
    client.force_login(world.carer_user)
    response = client.post(reverse("pairing:talk_create", args=[world.child_2.pk]), _talk_data())
    assert response.status_code == 404
    assert not Talk.objects.exists()
