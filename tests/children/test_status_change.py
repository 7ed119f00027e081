"""A status change is dated, kept in the status history, and never deletes the archive."""

import datetime

from django.urls import reverse
from django.utils import timezone

from children.models import Child, ChildStatus
from tests.factories import days_from_today, iso_day


def test_status_change_is_dated_and_keeps_the_archive(client, world):
    client.force_login(world.head_teacher)
    url = reverse("children:status", kwargs={"pk": world.child_1.pk})
    response = client.post(url, {"status": "no_longer", "date": iso_day(-32), "note": "母亲返乡"})
    assert response.status_code == 302

    child = Child.objects.get(pk=world.child_1.pk)
    assert child.status == ChildStatus.NO_LONGER
    change = child.status_changes.get()
    assert (change.date, change.note, change.recorded_by) == (
        days_from_today(-32),
        "母亲返乡",
        world.head_teacher,
    )
    page = client.get(reverse("children:detail", kwargs={"pk": child.pk}))
    assert "不再留守" in page.content.decode()


def test_status_date_cannot_be_in_the_future(client, world):
    client.force_login(world.head_teacher)
    url = reverse("children:status", kwargs={"pk": world.child_1.pk})
    future = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    response = client.post(url, {"status": "transferred", "date": future})
    assert response.status_code == 200
    assert not world.child_1.status_changes.exists()
