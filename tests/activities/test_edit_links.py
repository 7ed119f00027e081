"""Activities, assistance and medical exams: the child's timeline links a record to its edit page exactly when
the edit view opens (`editable_activities_for`, `editable_assistance_for`, `editable_medical_exams_for`).
Carers read none of these records, in the timeline or anywhere else."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.activities.factories import ActivityFactory, AssistanceFactory, MedicalExamFactory
from tests.edit_links import PERSONAS, child_page, link_shown_and_edit_allowed

MANAGERS = {"principal", "archive_keeper"}


def _activity(w):
    activity = ActivityFactory(school=w.school, semester=w.semester, title="法治进校园")
    activity.attendances.create(child=w.child_1)
    return reverse("activities:edit", args=[activity.pk])


def _assistance(w):
    item = AssistanceFactory(child=w.child_1, semester=w.semester, amount=Decimal("300.00"))
    return reverse("activities:assistance_edit", args=[item.pk])


def _exam(w):
    return reverse("activities:medical_exam_edit", args=[MedicalExamFactory(child=w.child_1).pk])


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("make", "editors"),
    [(_activity, MANAGERS), (_assistance, MANAGERS), (_exam, MANAGERS | {"head_teacher"})],
)
def test_a_record_is_linked_exactly_when_its_edit_view_opens(client, world, persona, make, editors):
    edit_url = make(world)
    shown, allowed = link_shown_and_edit_allowed(
        client, world.persona(persona), page=child_page(world.child_1), edit_url=edit_url
    )
    assert shown == allowed == (persona in editors)


def test_a_head_teacher_reads_the_activity_from_the_timeline_without_an_edit_link(client, world):
    activity = ActivityFactory(school=world.school, semester=world.semester)
    activity.attendances.create(child=world.child_1)
    client.force_login(world.head_teacher)
    html = client.get(child_page(world.child_1)).content.decode()
    assert f'href="{reverse("activities:detail", args=[activity.pk])}"' in html
    assert reverse("activities:edit", args=[activity.pk]) not in html
