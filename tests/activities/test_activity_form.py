"""Recording an activity: its school and semester come from the recorder and the date; lectures need a topic."""

import datetime

import pytest
from django.urls import reverse

from activities.models import Activity
from tests.activities.factories import ActivityFactory
from tests.factories import GuardianFactory, iso_day

pytestmark = pytest.mark.django_db


def test_archive_keeper_records_a_lecture_in_the_current_semester(client, world):
    client.force_login(world.archive_keeper)

    response = client.post(
        reverse("activities:create"),
        {"kind": "lecture", "topic": "mental_health", "title": "心理健康讲座", "date": iso_day(-10),
         "start_time": "14:30", "place": "多功能室", "partner": "县妇联"},
    )  # fmt: skip

    activity = Activity.objects.get()
    assert response["Location"] == reverse("activities:attendance", args=[activity.pk])
    assert (activity.school, activity.semester, activity.created_by) == (
        world.school,
        world.semester,
        world.archive_keeper,
    )
    assert activity.history.count() == 1


def test_a_lecture_without_a_topic_is_refused(client, world):
    client.force_login(world.archive_keeper)

    response = client.post(reverse("activities:create"), {"kind": "lecture", "title": "讲座", "date": iso_day(-10)})

    assert "请选择讲座主题。" in response.content.decode()
    assert not Activity.objects.exists()


def test_other_kinds_drop_a_topic(client, world):
    client.force_login(world.archive_keeper)

    client.post(reverse("activities:create"), {"kind": "outing", "topic": "law", "title": "春游", "date": iso_day(-10)})

    assert Activity.objects.get().topic == ""


def test_head_teacher_sees_the_schools_activities_but_not_another_schools(client, world):
    ActivityFactory(school=world.school, title="本校读书会")
    ActivityFactory(school=world.other_school, title="外校读书会")
    client.force_login(world.head_teacher)

    titles = [a.title for a in client.get(reverse("activities:list")).context["page"]]

    assert titles == ["本校读书会"]


def test_guardians_who_came_to_training_are_recorded(client, world):
    training = ActivityFactory(school=world.school, kind="guardian_training", date=datetime.date(2026, 11, 8))
    grandpa = GuardianFactory(child=world.child_1, name="张德福")
    outsider = GuardianFactory(child=world.other_child, name="王奶奶")
    client.force_login(world.archive_keeper)

    client.post(reverse("activities:guardians", args=[training.pk]), {"guardians": [grandpa.pk, outsider.pk]})

    assert list(training.guardians.all()) == [grandpa]
    assert "张德福" in client.get(reverse("activities:detail", args=[training.pk])).content.decode()


def test_the_organiser_choice_offers_staff_but_not_carers(client, world):
    client.force_login(world.archive_keeper)

    form = client.get(reverse("activities:create")).context["form"]

    offered = set(form.fields["organiser"].queryset)
    assert {world.principal, world.archive_keeper, world.head_teacher} <= offered
    assert world.carer_user not in offered
    assert world.other_principal not in offered
