"""The principal's dashboard carries the attention list: an open safety event at the top, counts by tier and
reason, and the most urgent entries; the archive keeper sees the list but not the principal's safety events."""

import pytest
from django.urls import reverse
from django.utils import timezone

from pairing.models import SafetyEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_event(world):
    return SafetyEvent.objects.create(
        child=world.child_1,
        date=timezone.localdate(),
        kind=SafetyEvent.Kind.MISSING,
        what_happened="放学后未回家，晚上八点在河边找到。",
        recorded_by=world.head_teacher,
    )


def test_an_open_safety_event_is_at_the_top_of_the_principals_dashboard_until_closed(client, world, open_event):
    client.force_login(world.principal)
    page = client.get(reverse("reports:dashboard")).content.decode()
    assert 'data-testid="safety-alert"' in page
    assert "1 名儿童有未结案的安全事件。" in page
    assert page.index('data-testid="safety-alert"') < page.index('data-testid="tiles"')
    assert reverse("pairing:safety_event_edit", args=[open_event.pk]) in page

    open_event.closed_on = timezone.localdate()
    open_event.save()
    assert 'data-testid="safety-alert"' not in client.get(reverse("reports:dashboard")).content.decode()


def test_the_archive_keeper_sees_the_attention_list_but_not_the_principals_safety_events(client, world, open_event):
    client.force_login(world.archive_keeper)
    page = client.get(reverse("reports:dashboard")).content.decode()
    assert 'data-testid="dashboard-attention"' in page
    assert 'data-testid="safety-alert"' not in page
    assert reverse("pairing:safety_event_edit", args=[open_event.pk]) not in page


def test_the_dashboard_leads_with_its_tiles_and_charts_and_the_attention_list_follows(client, world, open_event):
    client.force_login(world.principal)
    page = client.get(reverse("reports:dashboard")).content.decode()
    tiles, attention = page.index('data-testid="tiles"'), page.index('data-testid="dashboard-attention"')
    last_chart = page.rindex("data-chart=")
    assert page.index('data-testid="safety-alert"') < tiles < last_chart < attention
