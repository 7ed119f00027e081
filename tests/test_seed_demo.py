"""`seed_demo` builds the demo district once; running it again changes nothing."""

import pytest
from django.core.management import call_command

from organisation.models import School, SchoolClass, Semester, User
from organisation.roles import Role

pytestmark = pytest.mark.django_db


def counts():
    return (User.objects.count(), School.objects.count(), SchoolClass.objects.count(), Semester.objects.count())


def test_seed_demo_builds_two_schools_and_one_login_per_role():
    call_command("seed_demo")
    assert School.objects.count() == 2
    assert {user.role for user in User.objects.all()} == set(Role.values)
    assert Semester.objects.filter(is_current=True).count() == 2
    assert User.objects.get(username="teacher1").check_password("shouwang2026")


def test_seed_demo_is_idempotent():
    call_command("seed_demo")
    before = counts()
    call_command("seed_demo")
    assert counts() == before


def test_if_empty_leaves_an_existing_database_alone(world):
    before = counts()
    call_command("seed_demo", "--if-empty")
    assert counts() == before
