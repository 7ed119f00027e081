"""Attendance: a whole class in one step, ticked children, and only children in the user's scope."""

import pytest
from django.urls import reverse

from activities.models import Attendance
from children.models import ChildStatus
from tests.activities.factories import ActivityFactory
from tests.factories import ChildFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def activity(world):
    return ActivityFactory(school=world.school, semester=world.semester, kind="lecture", topic="safety")


def test_archive_keeper_adds_a_whole_class_in_one_step(client, world, activity, django_assert_max_num_queries):
    classmates = ChildFactory.create_batch(5, school_class=world.class_1)
    ChildFactory(school_class=world.class_1, status=ChildStatus.TRANSFERRED, name="转走的")
    client.force_login(world.archive_keeper)

    response = client.post(
        reverse("activities:attendance_add_class", args=[activity.pk]), {"school_class": world.class_1.pk}
    )

    assert response.status_code == 302
    attending = set(activity.attendances.values_list("child_id", flat=True))
    assert attending == {world.child_1.pk, *(c.pk for c in classmates)}
    assert world.child_2.pk not in attending
    assert "已添加 6 名" in client.get(response["Location"]).content.decode()


def test_adding_a_class_twice_keeps_one_attendance_per_child(client, world, activity):
    activity.attendances.create(child=world.child_1)
    ChildFactory(school_class=world.class_1)
    client.force_login(world.principal)
    url = reverse("activities:attendance_add_class", args=[activity.pk])

    client.post(url, {"school_class": world.class_1.pk})
    client.post(url, {"school_class": world.class_1.pk})

    assert Attendance.objects.filter(activity=activity).count() == 2


def test_ticked_children_are_added(client, world, activity):
    client.force_login(world.archive_keeper)

    client.post(
        reverse("activities:attendance", args=[activity.pk]), {"children": [world.child_1.pk, world.child_2.pk]}
    )

    assert set(activity.children.all()) == {world.child_1, world.child_2}


def test_a_child_of_another_school_cannot_be_added(client, world, activity):
    client.force_login(world.archive_keeper)

    response = client.post(
        reverse("activities:attendance", args=[activity.pk]), {"children": [world.child_1.pk, world.other_child.pk]}
    )

    assert response.status_code == 404
    assert not activity.attendances.exists()


def test_a_class_of_another_school_cannot_be_added(client, world, activity):
    client.force_login(world.archive_keeper)

    response = client.post(
        reverse("activities:attendance_add_class", args=[activity.pk]), {"school_class": world.other_class.pk}
    )

    assert response.status_code == 404


def test_picker_filters_by_class_and_name(client, world, activity):
    ChildFactory(school_class=world.class_2, name="陈雨桐")
    client.force_login(world.archive_keeper)
    url = reverse("activities:attendance", args=[activity.pk])

    by_class = client.get(url, {"school_class": world.class_2.pk}).context["candidates"]
    by_name = client.get(url, {"q": "雨桐"}).context["candidates"]

    assert {c.name for c in by_class} == {"李浩然", "陈雨桐"}
    assert [c.name for c in by_name] == ["陈雨桐"]


def test_head_teacher_sees_only_own_class_in_the_attendance_list(client, world, activity):
    activity.attendances.create(child=world.child_1)
    activity.attendances.create(child=world.child_2)
    client.force_login(world.head_teacher)

    response = client.get(reverse("activities:detail", args=[activity.pk]))

    names = [a.child.name for a in response.context["attendances"]]
    assert names == [world.child_1.name]
    assert "2 名儿童参加" in response.content.decode()
    assert "其中 1 名在您的班级" in response.content.decode()


def test_removing_a_child_keeps_history(client, world, activity):
    activity.attendances.create(child=world.child_1)
    client.force_login(world.archive_keeper)

    client.post(reverse("activities:attendance_remove", args=[activity.pk, world.child_1.pk]))

    assert not activity.attendances.exists()
    assert Attendance.history.filter(child_id=world.child_1.pk, history_type="-").count() == 1
