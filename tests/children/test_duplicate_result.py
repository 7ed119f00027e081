"""A second result of the same exam in the same semester is refused with a message, not a server error."""

import pytest
from django.urls import reverse

from children.models import AcademicResult

pytestmark = pytest.mark.django_db


def _post(client, url, world, **changes):
    return client.post(url, {"semester": world.semester.pk, "exam": "期中考试", "total": "180", **changes})


def test_a_second_result_of_the_same_exam_is_refused_next_to_the_exam(client, world):
    client.force_login(world.head_teacher)
    url = reverse("children:result_create", args=[world.child_1.pk])
    _post(client, url, world)

    response = _post(client, url, world, total="190")

    assert response.status_code == 200
    assert f"张思琪在{world.semester.label}已有“期中考试”的成绩" in response.content.decode()
    assert AcademicResult.objects.get().total == 180


def test_editing_a_result_into_another_exam_of_the_semester_is_refused(client, world):
    AcademicResult.objects.create(child=world.child_1, semester=world.semester, exam="期中考试", total=180)
    final = AcademicResult.objects.create(child=world.child_1, semester=world.semester, exam="期末考试", total=170)
    client.force_login(world.head_teacher)

    response = _post(client, reverse("children:result_edit", args=[final.pk]), world)

    assert response.status_code == 200
    final.refresh_from_db()
    assert final.exam == "期末考试"


def test_a_result_saved_again_unchanged_is_accepted(client, world):
    result = AcademicResult.objects.create(child=world.child_1, semester=world.semester, exam="期中考试", total=180)
    client.force_login(world.head_teacher)

    response = _post(client, reverse("children:result_edit", args=[result.pk]), world, total="185")

    assert response.status_code == 302
    result.refresh_from_db()
    assert result.total == 185
