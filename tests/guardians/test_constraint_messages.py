"""A guardian's implausible age is explained in the user's language, not by the constraint's name."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from guardians.models import Guardian


def test_an_implausible_guardian_age_is_explained_in_chinese(world):
    guardian = Guardian(child=world.child_1, name="王奶奶", relation="grandmother", age=130)
    with translation.override("zh-hans"), pytest.raises(ValidationError) as error:
        guardian.validate_constraints()
    message = " ".join(error.value.messages)
    assert "110" in message and "监护人" in message
    assert "guardian_age_plausible" not in message
