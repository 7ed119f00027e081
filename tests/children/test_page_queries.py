"""The child page (which every app adds to) and the deleted list cost the same number of queries with
3 records of each kind as with 30."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from children.models import ChildStatusChange
from children.services import child_soft_delete
from guardians.models import EmergencyContact
from pairing.services import norms_restore_defaults
from tests import factories
from tests.activities.factories import ActivityFactory, AssistanceFactory, MedicalExamFactory
from tests.children.factories import AcademicResultFactory
from tests.pairing.factories import HomeVisitFactory, ParentContactFactory, TalkFactory


def _records_of(world, child, n: int) -> None:
    """`n` records of every kind that shows on the child page, from every app."""
    today = timezone.localdate()
    norms_restore_defaults(school=world.school)
    for i in range(n):
        carer = factories.CarerFactory(school=world.school, name=f"志愿者{i}")
        factories.PairingFactory(child=child, carer=carer, start_date=today - datetime.timedelta(days=30))
        TalkFactory(child=child, carer=carer, recorded_by=world.head_teacher, date=today)
        visit = HomeVisitFactory(child=child, recorded_by=world.head_teacher, date=today)
        visit.staff.add(world.head_teacher)
        visit.carers.add(carer)
        ParentContactFactory(child=child, recorded_by=world.head_teacher, date=today)
        ActivityFactory(school=world.school, semester=world.semester, date=today).attendances.create(child=child)
        AssistanceFactory(child=child, semester=world.semester, date=today)
        MedicalExamFactory(child=child, date=today)
        AcademicResultFactory(child=child, semester=world.semester, exam=f"第{i}次月考")
        EmergencyContact.objects.create(child=child, name=f"邻居{i}", relation="邻居", phone="13800000000")
        ChildStatusChange.objects.create(
            child=child, status="active", date=today - datetime.timedelta(days=i), recorded_by=world.principal
        )
    factories.GuardianFactory(child=child)


@pytest.mark.parametrize("n", [3, 30])
def test_the_child_page_makes_the_same_queries_with_3_and_30_records_of_each_kind(
    client, world, django_assert_num_queries, n
):
    _records_of(world, world.child_1, n)
    client.force_login(world.principal)
    # 1 session, 2 user, 3 the child with school, class and completeness checks,
    # 4 current semester, 5 previous semester, 6 academic results with semesters;
    # the timeline, each kind by its read rule and then which of those its write rule allows (14 with
    # records of every kind): talks, home visits, parent contacts, activities attended (+ their photos),
    # assistance, medical exams, children's-home visits, book loans;
    # the attention panel (pairing.attention.load_attention, 9) and the closed safety events;
    # the care panel: current pairings, then the compliance loader (13, key-help plans included);
    # the key-help plan panel; the activities panel (3); the children's-home panel (4);
    # the archive: parents, guardians, emergency contacts, status changes with recorders.
    with django_assert_num_queries(57):
        response = client.get(reverse("children:detail", args=[world.child_1.pk]))
    assert response.status_code == 200
    assert len(response.context["results"]) == n
    assert sum(e.kind == "talk" for e in response.context["timeline"]) == n


@pytest.mark.parametrize("n", [3, 30])
def test_the_deleted_list_makes_the_same_queries_for_3_and_30_deleted_children(
    client, world, django_assert_num_queries, n
):
    for child in factories.ChildFactory.create_batch(n, school_class=world.class_1):
        child_soft_delete(child=child, user=world.principal)
    client.force_login(world.principal)
    # 1 session, 2 user, 3 the deleted children with class and who deleted them
    with django_assert_num_queries(3):
        response = client.get(reverse("children:deleted"))
    assert len(response.context["children"]) == n
