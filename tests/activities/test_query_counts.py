"""The activity list and detail use a fixed number of queries, whatever the number of records."""

import pytest
from django.urls import reverse

from tests.activities.factories import ActivityFactory
from tests.factories import ChildFactory

pytestmark = pytest.mark.django_db


def _activities(world, count, children_each):
    children = ChildFactory.create_batch(children_each, school_class=world.class_1)
    activities = ActivityFactory.create_batch(count, school=world.school, semester=world.semester)
    for activity in activities:
        for child in children:
            activity.attendances.create(child=child)
    return activities


@pytest.mark.parametrize(("count", "children_each"), [(1, 1), (12, 6)])
def test_activity_list_queries_do_not_grow(client, world, django_assert_num_queries, count, children_each):
    _activities(world, count, children_each)
    client.force_login(world.archive_keeper)

    # 1 session, 2 user, 3 count for the paginator, 4 the page of activities with attendee counts and
    # semester and organiser joined, 5 the semesters of the filter.
    with django_assert_num_queries(5):
        response = client.get(reverse("activities:list"))

    assert len(response.context["page"].object_list) == count


@pytest.mark.parametrize(("photos", "children_each"), [(0, 1), (5, 20)])
def test_activity_detail_queries_do_not_grow(client, world, django_assert_num_queries, photos, children_each):
    (activity,) = _activities(world, 1, children_each)
    for n in range(photos):
        activity.evidence.create(kind="pdf", content_type="application/pdf", original_name=f"{n}.pdf", size=1)
    client.force_login(world.head_teacher)

    # 1 session, 2 user, 3 the activity with school, semester, organiser and attendee count (scoped),
    # 4 its attendance within the user's children with classes, 5 its evidence.
    with django_assert_num_queries(5):
        response = client.get(reverse("activities:detail", args=[activity.pk]))

    assert len(response.context["attendances"]) == children_each
    assert len(response.context["evidence"]) == photos


@pytest.mark.parametrize("records", [1, 15])
def test_assistance_list_queries_do_not_grow(client, world, django_assert_num_queries, records):
    from decimal import Decimal

    from children.models import PovertyStatus
    from tests.activities.factories import AssistanceFactory

    for n in range(records):
        child = ChildFactory(school_class=world.class_1, poverty_status=PovertyStatus.DIBAO)
        if n % 2:
            AssistanceFactory(child=child, semester=world.semester, amount=Decimal("300.00"))
    client.force_login(world.archive_keeper)

    # 1 session, 2 user, 3 the current semester, 4 the records with children and classes, 5 totals by donor
    # and kind, 6 the grand total, 7 poor children without assistance, 8 the semesters of the picker.
    with django_assert_num_queries(8):
        response = client.get(reverse("activities:assistance_list"))

    assert len(response.context["records"]) == records // 2
