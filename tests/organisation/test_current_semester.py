"""The current semester is the one the school marks current; every app asks organisation.scoping for it."""

import datetime

import pytest

from organisation.models import Semester
from organisation.scoping import current_semester, current_semesters
from tests.factories import SemesterFactory

pytestmark = pytest.mark.django_db


def test_each_school_has_its_own_current_semester(world):
    theirs = SemesterFactory(school=world.other_school, is_current=True)
    assert current_semesters([world.school.pk, world.other_school.pk]) == {
        world.school.pk: world.semester,
        world.other_school.pk: theirs,
    }


def test_a_later_semester_not_marked_current_is_not_the_current_one(world):
    SemesterFactory(
        school=world.school, school_year=2026, term=Semester.Term.SPRING, is_current=False,
        start_date=datetime.date(2027, 2, 20), end_date=datetime.date(2027, 7, 10),
    )  # fmt: skip
    assert current_semester(world.school) == world.semester
    assert current_semester(world.school.pk) == world.semester


def test_a_school_without_a_current_semester_has_none(world):
    assert current_semester(world.other_school) is None
    assert current_semester(None) is None
    assert current_semesters([world.other_school.pk]) == {}
