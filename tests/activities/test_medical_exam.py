"""Medical exams: head teachers record their own children's results; a medical-exam activity lends its date."""

from decimal import Decimal

import pytest
from django.urls import reverse

from activities.models import MedicalExam
from tests.activities.factories import ActivityFactory
from tests.factories import days_from_today, iso_day

pytestmark = pytest.mark.django_db


def test_head_teacher_records_a_result_from_the_medical_exam_activity(client, world):
    exam_day = ActivityFactory(school=world.school, kind="medical_exam", date=days_from_today(-8))
    client.force_login(world.head_teacher)

    response = client.post(
        reverse("activities:medical_exam_create"),
        {"child": world.child_1.pk, "activity": exam_day.pk, "height_cm": "131.5", "weight_kg": "27.8",
         "vision_left": "5.0", "vision_right": "4.8"},
    )  # fmt: skip

    assert response.status_code == 302
    exam = MedicalExam.objects.get()
    assert (exam.date, exam.height_cm, exam.weight_kg) == (
        days_from_today(-8),
        Decimal("131.5"),
        Decimal("27.8"),
    )
    assert exam.recorded_by == world.head_teacher


def test_head_teacher_cannot_record_for_a_child_of_another_class(client, world):
    client.force_login(world.head_teacher)

    response = client.post(
        reverse("activities:medical_exam_create"), {"child": world.child_2.pk, "date": iso_day(-8), "height_cm": "130"}
    )

    assert response.status_code == 200
    assert not MedicalExam.objects.exists()


def test_an_exam_needs_a_date_or_an_activity(client, world):
    client.force_login(world.archive_keeper)

    response = client.post(reverse("activities:medical_exam_create"), {"child": world.child_1.pk, "height_cm": "130"})

    assert "请填写体检日期，或选择体检活动。" in response.content.decode()


def test_an_implausible_height_is_refused_by_the_database(world):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        MedicalExam.objects.create(child=world.child_1, date=days_from_today(-8), height_cm=Decimal("13.0"))
