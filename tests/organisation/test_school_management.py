"""A principal manages staff accounts, classes and semesters of their school in the app."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from organisation.models import Semester, User
from organisation.roles import Role
from organisation.services import semester_save
from tests import factories

pytestmark = pytest.mark.django_db


def test_principal_creates_a_head_teacher_account_in_their_school(client, world):
    client.force_login(world.principal)
    response = client.post(
        reverse("organisation:staff_create"),
        {
            "username": "newteacher",
            "full_name": "周婷",
            "role": Role.HEAD_TEACHER,
            "phone": "13700001111",
            "password1": "Shiqiao-2026-pass",
            "password2": "Shiqiao-2026-pass",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="newteacher")
    assert (user.school, user.role, user.full_name) == (world.school, Role.HEAD_TEACHER, "周婷")
    assert user.check_password("Shiqiao-2026-pass")


def test_principal_cannot_create_a_district_officer(client, world):
    client.force_login(world.principal)
    response = client.post(
        reverse("organisation:staff_create"),
        {"username": "boss", "full_name": "X", "role": Role.DISTRICT_OFFICER, "password1": "a", "password2": "a"},
    )
    assert response.status_code == 200
    assert not User.objects.filter(username="boss").exists()


def test_bad_phone_on_a_staff_account_is_explained_in_chinese(client, world):
    client.force_login(world.principal)
    response = client.post(
        reverse("organisation:staff_edit", args=[world.head_teacher.pk]),
        {"full_name": "王丽", "role": Role.HEAD_TEACHER, "phone": "12345", "is_active": "on"},
    )
    assert response.status_code == 200
    assert "不是有效的电话号码" in response.content.decode()
    world.head_teacher.refresh_from_db()
    assert world.head_teacher.phone == ""


def test_principal_assigns_a_head_teacher_to_a_new_class(client, world):
    client.force_login(world.principal)
    response = client.post(
        reverse("organisation:class_create"),
        {"grade": 5, "number": 2, "head_teachers": [world.other_head_teacher.pk], "is_active": "on"},
    )
    assert response.status_code == 302
    new_class = world.school.classes.get(grade=5, number=2)
    assert list(new_class.head_teachers.all()) == [world.other_head_teacher]


def test_duplicate_class_is_refused_with_a_message(client, world):
    client.force_login(world.principal)
    response = client.post(reverse("organisation:class_create"), {"grade": 3, "number": 1, "is_active": "on"})
    assert response.status_code == 200
    assert world.school.classes.filter(grade=3, number=1).count() == 1
    assert "本校已有3年级1班" in response.content.decode()


def test_head_teacher_from_another_school_cannot_be_assigned(client, world):
    client.force_login(world.principal)
    stranger = factories.UserFactory(school=world.other_school, role=Role.HEAD_TEACHER)
    response = client.post(
        reverse("organisation:class_create"), {"grade": 6, "number": 1, "head_teachers": [stranger.pk]}
    )
    assert response.status_code == 200
    assert not world.school.classes.filter(grade=6).exists()


def test_database_allows_one_current_semester_per_school(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.SemesterFactory(school=world.school, school_year=2000, term=Semester.Term.SPRING, is_current=True)


def test_making_a_semester_current_unmarks_the_previous_one(world):
    spring = Semester(
        school=world.school,
        school_year=2026,
        term=Semester.Term.SPRING,
        start_date=datetime.date(2027, 2, 20),
        end_date=datetime.date(2027, 7, 10),
        is_current=True,
    )
    semester_save(semester=spring)
    world.semester.refresh_from_db()
    assert world.semester.is_current is False
    assert Semester.objects.get(school=world.school, is_current=True) == spring


def test_semester_ending_before_it_starts_is_refused(client, world):
    client.force_login(world.principal)
    response = client.post(
        reverse("organisation:semester_create"),
        {"school_year": 2040, "term": 1, "start_date": "2040-09-01", "end_date": "2040-08-01"},
    )
    assert response.status_code == 200
    assert not Semester.objects.filter(school_year=2040).exists()


def test_principal_resets_a_teachers_forgotten_password(client, world):
    client.force_login(world.principal)
    response = client.post(
        reverse("organisation:staff_set_password", args=[world.head_teacher.pk]),
        {"new_password1": "Fresh-start-2026", "new_password2": "Fresh-start-2026"},
    )
    assert response.status_code == 302
    world.head_teacher.refresh_from_db()
    assert world.head_teacher.check_password("Fresh-start-2026")


@pytest.mark.parametrize("number", [0, 31, 99999999999])
def test_implausible_class_number_is_refused_next_to_the_field(client, world, number):
    client.force_login(world.principal)
    response = client.post(reverse("organisation:class_create"), {"grade": 1, "number": number, "is_active": "on"})
    assert response.status_code == 200
    assert not world.school.classes.filter(grade=1).exists()
    assert 'id="error_1_id_number"' in response.content.decode()


def test_constraint_messages_are_sentences_not_constraint_names(world):
    from django.core.exceptions import ValidationError

    from organisation.models import Semester

    semester = Semester(
        school=world.school,
        school_year=2030,
        term=Semester.Term.AUTUMN,
        start_date=datetime.date(2030, 9, 1),
        end_date=datetime.date(2030, 8, 1),
    )
    with pytest.raises(ValidationError) as caught:
        semester.validate_constraints()
    assert "学期结束日期必须晚于开始日期" in str(caught.value)
    assert "semester_ends_after_start" not in str(caught.value)


def test_lists_of_names_use_the_languages_separator(world):
    from django.test import Client

    world.class_2.head_teachers.add(world.head_teacher)
    client = Client()
    client.force_login(world.principal)
    assert "3年级1班、3年级2班" in client.get(reverse("organisation:staff_list")).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Grade 3 Class 1, Grade 3 Class 2" in client.get(reverse("organisation:staff_list")).content.decode()
