"""School management forms refuse impossible values with a message: never a server error."""

import datetime

import pytest
from django.urls import reverse

from organisation.models import Semester
from tests import factories

pytestmark = pytest.mark.django_db

HUGE_ID = "99999999999999999999"


def test_a_semester_edited_into_one_that_exists_is_refused_with_a_message(client, world):
    spring = factories.SemesterFactory(
        school=world.school,
        school_year=world.semester.school_year,
        term=Semester.Term.SPRING,
        start_date=world.semester.end_date + datetime.timedelta(days=30),
        end_date=world.semester.end_date + datetime.timedelta(days=180),
        is_current=False,
    )
    client.force_login(world.principal)

    response = client.post(
        reverse("organisation:semester_edit", args=[spring.pk]),
        {
            "school_year": world.semester.school_year,
            "term": world.semester.term,
            "start_date": spring.start_date.isoformat(),
            "end_date": spring.end_date.isoformat(),
        },
    )

    assert response.status_code == 200
    assert "本校已有该学期" in response.content.decode()
    spring.refresh_from_db()
    assert spring.term == Semester.Term.SPRING


@pytest.mark.parametrize("value", [HUGE_ID, "-" + HUGE_ID])
def test_a_head_teacher_id_too_large_for_the_database_is_an_invalid_choice(client, world, value):
    client.force_login(world.principal)

    response = client.post(
        reverse("organisation:class_edit", args=[world.class_1.pk]),
        {"grade": 3, "number": 1, "head_teachers": [world.head_teacher.pk, value], "is_active": "on"},
    )

    assert response.status_code == 200
    assert "选择一个有效的选项" in response.content.decode()
    assert list(world.class_1.head_teachers.all()) == [world.head_teacher]
