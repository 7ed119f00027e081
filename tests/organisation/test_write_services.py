"""Every change to staff, classes and semesters goes through a service that keeps its rule, with or without a form."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import resolve, reverse

from organisation import services
from organisation.models import SchoolClass, User
from organisation.roles import Role
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_principal_cannot_make_a_district_officer_account(world):
    member = User(username="sneaky", full_name="某人", role=Role.DISTRICT_OFFICER, school=world.school)
    with pytest.raises(ValidationError):
        services.staff_save(member=member)
    assert not User.objects.filter(username="sneaky").exists()


def test_a_staff_account_without_a_school_is_refused(world):
    with pytest.raises(ValidationError):
        services.staff_save(member=User(username="nobody", full_name="某人", role=Role.HEAD_TEACHER))
    assert not User.objects.filter(username="nobody").exists()


def test_a_class_cannot_have_a_head_teacher_of_another_school(world):
    stranger = factories.UserFactory(school=world.other_school, role=Role.HEAD_TEACHER)
    school_class = SchoolClass(school=world.school, grade=5, number=2)
    with pytest.raises(ValidationError):
        services.class_save(school_class=school_class, head_teachers=[world.head_teacher, stranger])
    assert not SchoolClass.objects.filter(school=world.school, grade=5, number=2).exists()


def test_a_class_is_saved_with_its_head_teachers(world):
    school_class = services.class_save(
        school_class=SchoolClass(school=world.school, grade=5, number=2), head_teachers=[world.head_teacher]
    )
    assert list(school_class.head_teachers.all()) == [world.head_teacher]


@pytest.mark.parametrize(
    ("create", "edit"),
    [
        ("organisation:staff_create", "organisation:staff_edit"),
        ("organisation:class_create", "organisation:class_edit"),
        ("organisation:semester_create", "organisation:semester_edit"),
    ],
)
def test_creating_and_editing_share_one_view(create, edit):
    assert resolve(reverse(create)).func is resolve(reverse(edit, args=[1])).func


def test_editing_a_class_keeps_its_url_and_changes_its_head_teachers(client, world):
    client.force_login(world.principal)
    response = client.post(
        reverse("organisation:class_edit", args=[world.class_1.pk]),
        {"grade": 3, "number": 1, "head_teachers": [world.other_head_teacher.pk], "is_active": "on"},
    )
    assert response.status_code == 302
    assert list(world.class_1.head_teachers.all()) == [world.other_head_teacher]


def test_a_new_password_is_stored_hashed_and_works(world):
    services.staff_password_set(member=world.head_teacher, password="Fresh-start-2026")
    world.head_teacher.refresh_from_db()
    assert world.head_teacher.password != "Fresh-start-2026"
    assert world.head_teacher.check_password("Fresh-start-2026")
