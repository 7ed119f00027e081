"""Database constraints speak to people: each has a translated message, never its raw name."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db.models import CheckConstraint, UniqueConstraint
from django.utils import translation

from children.models import Child


def _constraints():
    for app in ("children", "guardians"):
        for model in apps.get_app_config(app).get_models():
            for constraint in model._meta.constraints:
                if isinstance(constraint, CheckConstraint) or (
                    isinstance(constraint, UniqueConstraint) and constraint.condition is not None
                ):
                    yield model, constraint


def test_every_check_and_conditional_unique_constraint_has_its_own_message():
    found = list(_constraints())
    assert len(found) >= 4
    for _model, constraint in found:
        message = str(constraint.get_violation_error_message())
        assert constraint.name not in message, constraint.name


def test_key_help_without_reason_is_explained_in_chinese(world):
    child = world.child_1
    child.is_key_help, child.key_help_reason = True, ""
    with translation.override("zh-hans"), pytest.raises(ValidationError) as error:
        child.validate_constraints()
    message = " ".join(error.value.messages)
    assert "重点帮扶" in message
    assert "key_help_has_reason_or_is_unflagged" not in message


def test_a_second_archive_with_the_same_id_number_is_explained_in_chinese(world):
    world.child_1.id_number = "110101201503070022"
    world.child_1.save()
    twin = Child(school=world.school, school_class=world.class_1, name="重复", id_number="110101201503070022")
    with translation.override("zh-hans"), pytest.raises(ValidationError) as error:
        twin.validate_constraints()
    assert "身份证号" in " ".join(error.value.messages)
