"""The write rules of activities, assistance and medical exams hold in the services too: a change outside
`editable_activities_for`, `editable_assistance_for` or `editable_medical_exams_for` is refused."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from activities import selectors, services
from activities.models import Assistance, MedicalExam
from tests.activities.factories import ActivityFactory, AssistanceFactory, MedicalExamFactory


def test_a_head_teacher_cannot_change_an_activity_through_the_service(world):
    activity = ActivityFactory(school=world.school, semester=world.semester, title="读书会")
    activity.title = "改了"
    with pytest.raises(ValidationError):
        services.activity_save(activity=activity, user=world.head_teacher)
    activity.refresh_from_db()
    assert activity.title == "读书会"


def test_a_head_teacher_cannot_record_assistance_through_the_service(world):
    item = Assistance(child=world.child_1, date=world.semester.start_date, amount=Decimal("100.00"), donor="妇联")
    with pytest.raises(ValidationError):
        services.assistance_save(assistance=item, user=world.head_teacher)
    assert not Assistance.objects.exists()


def test_an_archive_keeper_cannot_change_another_schools_assistance_through_the_service(world):
    item = AssistanceFactory(child=world.other_child, amount=Decimal("300.00"))
    item.amount = Decimal("1.00")
    with pytest.raises(ValidationError):
        services.assistance_save(assistance=item, user=world.archive_keeper)
    item.refresh_from_db()
    assert item.amount == Decimal("300.00")


def test_another_classs_head_teacher_cannot_correct_an_exam_through_the_service(world):
    exam = MedicalExamFactory(child=world.child_1, height_cm=Decimal("130.0"))
    exam.height_cm = Decimal("99.0")
    with pytest.raises(ValidationError):
        services.medical_exam_save(exam=exam, user=world.other_head_teacher)
    exam.refresh_from_db()
    assert exam.height_cm == Decimal("130.0")


def test_a_carer_reads_no_activity_assistance_or_exam_of_their_paired_child(world):
    ActivityFactory(school=world.school, semester=world.semester).attendances.create(child=world.child_1)
    AssistanceFactory(child=world.child_1)
    MedicalExamFactory(child=world.child_1)
    assert MedicalExam.objects.filter(child=world.child_1).exists()
    reads = (selectors.activities_for, selectors.assistance_for, selectors.medical_exams_for)
    assert [rule(world.carer_user).count() for rule in reads] == [0, 0, 0]
    assert [rule(world.head_teacher).count() for rule in reads] == [1, 1, 1]
