"""Assistance and medical exams record what happened, so never a future day; activities may be planned ahead."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from activities.models import Activity, Assistance, MedicalExam
from tests.activities.factories import ActivityFactory, AssistanceFactory, MedicalExamFactory
from tests.factories import days_from_today, iso_day

pytestmark = pytest.mark.django_db


def tomorrow() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=1)


def assistance_data(world, **changes) -> dict:
    return {"child": world.child_1.pk, "date": iso_day(-20), "donor_kind": "working_committee",
            "donor": "市关工委", "kind": "money", "amount": "300.00", **changes}  # fmt: skip


def test_editing_assistance_to_a_future_date_is_refused_next_to_the_date(client, world):
    item = AssistanceFactory(child=world.child_1, semester=world.semester)
    client.force_login(world.archive_keeper)

    response = client.post(
        reverse("activities:assistance_edit", args=[item.pk]), assistance_data(world, date=tomorrow().isoformat())
    )

    assert response.status_code == 200
    assert "是将来的日期" in str(response.context["form"].errors["date"])
    item.refresh_from_db()
    assert item.date == days_from_today(-20)


def test_assistance_handed_over_today_is_saved(client, world):
    client.force_login(world.archive_keeper)

    response = client.post(
        reverse("activities:assistance_create"), assistance_data(world, date=timezone.localdate().isoformat())
    )

    assert response.status_code == 302
    assert Assistance.objects.get().date == timezone.localdate()


def test_a_medical_exam_on_a_future_date_is_refused(client, world):
    exam = MedicalExamFactory(child=world.child_1)
    client.force_login(world.head_teacher)

    response = client.post(
        reverse("activities:medical_exam_edit", args=[exam.pk]),
        {"child": world.child_1.pk, "date": tomorrow().isoformat(), "height_cm": "132.5"},
    )

    assert response.status_code == 200
    assert "是将来的日期" in str(response.context["form"].errors["date"])
    exam.refresh_from_db()
    assert exam.date == days_from_today(-30)


def test_results_of_a_planned_medical_exam_activity_cannot_be_recorded_yet(client, world):
    planned = ActivityFactory(school=world.school, kind="medical_exam", date=tomorrow())
    client.force_login(world.head_teacher)

    response = client.post(
        reverse("activities:medical_exam_create"), {"child": world.child_1.pk, "activity": planned.pk}
    )

    assert response.status_code == 200
    assert "是将来的日期" in str(response.context["form"].errors["date"])
    assert not MedicalExam.objects.exists()


def test_an_activity_may_be_planned_for_a_future_date(client, world):
    client.force_login(world.archive_keeper)
    day = timezone.localdate() + datetime.timedelta(days=30)

    response = client.post(
        reverse("activities:create"), {"kind": "reading", "title": "读书会", "date": day.isoformat()}
    )

    assert response.status_code == 302
    assert Activity.objects.get().date == day
