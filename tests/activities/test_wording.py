"""Buttons and headers of the activity pages say what a Chinese teacher expects, not Django admin's words."""

import pytest
from django.urls import reverse

from tests.activities.factories import ActivityFactory

pytestmark = pytest.mark.django_db


def test_the_activity_filter_button_reads_shaixuan(client, world):
    client.force_login(world.archive_keeper)

    html = client.get(reverse("activities:list")).content.decode()

    assert "筛选</button>" in html
    assert "过滤器" not in html


def test_removing_a_child_from_an_attendance_reads_yichu(client, world):
    activity = ActivityFactory(school=world.school, semester=world.semester)
    activity.attendances.create(child=world.child_1)
    client.force_login(world.archive_keeper)

    html = client.get(reverse("activities:attendance", args=[activity.pk])).content.decode()

    attending = html.split('data-testid="attending"')[1].split("</ul>")[0]
    assert "移除</button>" in attending
    assert "删除" not in attending
