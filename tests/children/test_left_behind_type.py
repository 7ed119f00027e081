"""The left-behind type follows the parents' situations, and both official readings come from it."""

import pytest

from children.left_behind import counts_in_civil_affairs_register, left_behind_type_from, register_code
from children.models import LeftBehindType
from tests.factories import ChildFactory


@pytest.mark.parametrize(
    ("father", "mother", "expected"),
    [
        ("away", "away", LeftBehindType.BOTH_AWAY),
        ("away", "unable", LeftBehindType.ONE_AWAY_OTHER_UNABLE),
        ("deceased", "away", LeftBehindType.ONE_AWAY_OTHER_UNABLE),
        ("away", "unknown", LeftBehindType.ONE_AWAY_OTHER_UNABLE),
        ("away", "at_home", LeftBehindType.FATHER_AWAY),
        ("away", None, LeftBehindType.FATHER_AWAY),
        ("at_home", "away", LeftBehindType.MOTHER_AWAY),
        ("at_home", "at_home", ""),
        ("unable", "deceased", ""),
        (None, None, None),
    ],
)
def test_type_is_derived_from_the_parents_situations(father, mother, expected):
    assert left_behind_type_from(father, mother) == expected


@pytest.mark.parametrize(
    ("kind", "code", "civil_affairs"),
    [
        (LeftBehindType.BOTH_AWAY, 2, True),
        (LeftBehindType.ONE_AWAY_OTHER_UNABLE, 1, True),
        (LeftBehindType.FATHER_AWAY, 1, False),
        (LeftBehindType.MOTHER_AWAY, 1, False),
        ("", 0, False),
    ],
)
def test_student_register_and_civil_affairs_readings(kind, code, civil_affairs):
    assert register_code(kind) == code
    assert counts_in_civil_affairs_register(kind) is civil_affairs


@pytest.mark.django_db
def test_child_offers_both_readings():
    child = ChildFactory.build(left_behind_type=LeftBehindType.ONE_AWAY_OTHER_UNABLE)
    assert child.register_code == 1
    assert child.counts_in_civil_affairs_register is True


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["no_longer", "transferred", "graduated", "dropped_out"])
def test_a_child_who_is_no_longer_left_behind_counts_in_neither_reading(status):
    child = ChildFactory.build(left_behind_type=LeftBehindType.BOTH_AWAY, status=status)
    assert child.register_code == 0
    assert child.counts_in_civil_affairs_register is False
