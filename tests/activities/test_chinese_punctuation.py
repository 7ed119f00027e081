"""Chinese text uses Chinese punctuation: full-width colons, and quotes inside quotes become ‘…’."""

import pytest
from django.urls import reverse

from tests.activities.factories import ActivityFactory

pytestmark = pytest.mark.django_db


def test_a_title_with_its_own_quotes_is_not_quoted_twice(client, world):
    activity = ActivityFactory(school=world.school, semester=world.semester, title="“爱心书包”捐赠仪式")
    client.force_login(world.archive_keeper)

    html = client.get(reverse("activities:edit", args=[activity.pk])).content.decode()

    assert "编辑“‘爱心书包’捐赠仪式”" in html
    assert "““" not in html


def test_a_plain_title_is_quoted_once(client, world):
    activity = ActivityFactory(school=world.school, semester=world.semester, title="中秋节联欢会")
    client.force_login(world.archive_keeper)
    assert "编辑“中秋节联欢会”" in client.get(reverse("activities:edit", args=[activity.pk])).content.decode()


def test_the_attendance_heading_has_a_chinese_colon(client, world):
    activity = ActivityFactory(school=world.school, semester=world.semester, title="法治进校园")
    client.force_login(world.archive_keeper)

    html = client.get(reverse("activities:attendance", args=[activity.pk])).content.decode()

    assert f'参加儿童：<a href="{reverse("activities:detail", args=[activity.pk])}">法治进校园</a>' in html
    assert "参加儿童:" not in html


def test_the_guardian_attendance_heading_has_a_chinese_colon(client, world):
    activity = ActivityFactory(school=world.school, semester=world.semester, kind="guardian_training", title="家长课堂")
    client.force_login(world.archive_keeper)

    response = client.get(reverse("activities:guardians", args=[activity.pk]))

    assert response.status_code == 200
    assert "参加的监护人：家长课堂" in response.content.decode()
