"""The guardians demo: parents, guardians and emergency contacts with realistic Chinese names."""

import pytest

from children import demo as children_demo
from guardians import demo as guardians_demo
from guardians.models import EmergencyContact, Guardian, Parent
from organisation import demo as organisation_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    org = organisation_demo.seed()
    children_demo.seed(org)
    guardians_demo.seed(org)


def test_every_demo_parent_guardian_and_contact_has_a_two_or_three_character_name(seeded):
    names = [
        *Parent.objects.exclude(name="").values_list("name", flat=True),
        *Guardian.objects.values_list("name", flat=True),
        *EmergencyContact.objects.values_list("name", flat=True),
    ]
    assert Parent.objects.filter(relation=Parent.Relation.MOTHER).exclude(name="").exists()
    assert [name for name in names if not 2 <= len(name) <= 3] == []


def test_demo_mothers_have_more_than_one_surname(seeded):
    mothers = Parent.objects.filter(relation=Parent.Relation.MOTHER).exclude(name="")
    assert len({name[0] for name in mothers.values_list("name", flat=True)}) > 3
