"""The demo holds an accepted inspection with an open action item, and a draft."""

import pytest
from django.core.management import call_command

from inspection.models import ActionItem, Inspection

pytestmark = pytest.mark.django_db


def test_the_demo_has_an_accepted_inspection_with_an_open_action_item_and_a_draft():
    call_command("seed_demo")
    assert Inspection.objects.filter(accepted_at__isnull=False).count() == 1
    assert Inspection.objects.filter(submitted_at__isnull=True).count() == 1
    assert ActionItem.objects.filter(closed_at__isnull=True).count() == 1
