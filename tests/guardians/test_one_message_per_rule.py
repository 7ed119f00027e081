"""Each rule of the archive is written once: the form and the database say the same thing with the same bounds."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from children.models import ID_NUMBER_TAKEN, KEY_HELP_REASON_MISSING
from guardians.forms import ArchiveForms
from guardians.models import GUARDIAN_AGE_MAX, GUARDIAN_AGE_MIN, GUARDIAN_AGE_OUT_OF_RANGE, Guardian
from organisation.models import SchoolClass
from tests.factories import make_id_number
from tests.guardians.conftest import BIRTH, archive_post

pytestmark = pytest.mark.django_db


def _forms(world, **parts) -> ArchiveForms:
    return ArchiveForms(archive_post(world, **parts), instance=None, classes=SchoolClass.objects.all())


@pytest.mark.parametrize("age", [GUARDIAN_AGE_MIN - 1, GUARDIAN_AGE_MAX + 1])
def test_the_form_and_the_database_refuse_the_same_guardian_ages_with_one_message(world, age):
    forms = _forms(world, guardians=[{"name": "王桂兰", "relation": "grandmother", "age": str(age)}])
    assert not forms.is_valid()
    assert forms.guardians.forms[0].errors["age"] == [str(GUARDIAN_AGE_OUT_OF_RANGE)]
    with pytest.raises(ValidationError) as caught:
        Guardian(child=world.child_1, name="王桂兰", relation="grandmother", age=age).validate_constraints()
    assert caught.value.messages == [str(GUARDIAN_AGE_OUT_OF_RANGE)]


@pytest.mark.parametrize("age", [GUARDIAN_AGE_MIN, GUARDIAN_AGE_MAX])
def test_the_bounds_themselves_are_allowed_everywhere(world, age):
    forms = _forms(world, guardians=[{"name": "王桂兰", "relation": "grandmother", "age": str(age)}])
    assert forms.is_valid(), forms.guardians.errors
    Guardian(child=world.child_1, name="王桂兰", relation="grandmother", age=age).validate_constraints()


def test_the_form_asks_for_the_key_help_reason_in_the_databases_words(world):
    with translation.override("zh-hans"):
        forms = _forms(world, child={"child-is_key_help": "on", "child-key_help_reason": ""})
        assert not forms.is_valid()
        assert forms.child.errors["key_help_reason"] == [str(KEY_HELP_REASON_MISSING)]
        assert "重点帮扶" in forms.child.errors["key_help_reason"][0]


def test_the_form_refuses_a_taken_id_number_in_the_databases_words(world):
    number = make_id_number(BIRTH, male=False)
    world.child_2.id_number = number
    world.child_2.save()
    forms = _forms(world, child={"child-id_number": number})
    assert not forms.is_valid()
    assert forms.child.errors["id_number"] == [str(ID_NUMBER_TAKEN)]
