"""安全责任书 signed (reports.figures.safety_letters): LBC whose letter was signed by P.end ÷ LBC of P."""

from datetime import timedelta

import pytest
from django.utils import timezone

from reports import figures as fig
from reports.figures import Period

pytestmark = pytest.mark.django_db


def test_a_letter_counts_from_the_day_it_was_signed(world):
    today = timezone.localdate()
    world.child_1.safety_letter_signed, world.child_1.safety_letter_signed_on = True, today - timedelta(days=1)
    world.child_1.save()
    world.child_2.safety_letter_signed, world.child_2.safety_letter_signed_on = True, today
    world.child_2.save()
    before = Period(today - timedelta(days=30), today - timedelta(days=1))
    assert fig.safety_letters(world.school, before).text == "50.0% (1/2)"
    assert fig.safety_letters(world.school, Period(before.start, today)).text == "100.0% (2/2)"


def test_a_letter_marked_signed_without_a_day_counts_and_another_schools_children_do_not(world):
    world.child_1.safety_letter_signed = True
    world.child_1.save()
    today = timezone.localdate()
    assert fig.safety_letters(world.school, Period(today, today)).text == "50.0% (1/2)"
    assert fig.safety_letters(world.other_school, Period(today, today)).text == "0.0% (0/1)"
