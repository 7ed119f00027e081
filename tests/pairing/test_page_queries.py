"""The school totals, coverage, carers list and contact list cost the same number of queries for 3
children (with their records) as for 30."""

import pytest
from django.urls import reverse

from tests import factories
from tests.pairing.factories import ParentContactFactory


@pytest.mark.parametrize("n", [3, 30])
def test_the_school_totals_make_the_same_queries_for_3_and_30_children(
    client, world, populate, django_assert_num_queries, n
):
    populate(n)
    client.force_login(world.principal)
    # 1 session, 2 user, then the compliance loader: 3 children with classes, 4 current semesters,
    # 5 norms, 6 status changes, 7 pairings, 8 key-help plans, 9 head teachers of the classes, 10 talks,
    # 11 home visits, 12 visits' carers, 13 visits' staff, 14 parent contacts, 15 carer logins; 16 the classes
    with django_assert_num_queries(16):
        response = client.get(reverse("pairing:overview"))
    assert response.context["children_count"] == n + 2


@pytest.mark.parametrize("n", [3, 30])
def test_the_coverage_page_makes_the_same_queries_for_3_and_30_children(client, world, django_assert_num_queries, n):
    factories.ChildFactory.create_batch(n, school_class=world.class_1)  # not paired: coverage gaps
    client.force_login(world.principal)
    # 1 session, 2 user, 3 the active children without a current pairing, with their classes
    with django_assert_num_queries(3):
        response = client.get(reverse("pairing:coverage"))
    assert len(response.context["children"]) == n + 1  # and the world's unpaired child_2


@pytest.mark.parametrize("n", [3, 30])
def test_the_carers_list_makes_the_same_queries_for_3_and_30_carers(client, world, django_assert_num_queries, n):
    for i in range(n):
        factories.CarerFactory(school=world.school, name=f"志愿者{i}")
    client.force_login(world.principal)
    # 1 session, 2 user, 3 the school's carers with their logins
    with django_assert_num_queries(3):
        response = client.get(reverse("pairing:carer_list"))
    assert len(response.context["carers"]) == n + 1  # and the world's carer


@pytest.mark.parametrize("n", [3, 60])
def test_the_contact_list_page_makes_the_same_queries_for_3_and_60_contacts(
    client, world, django_assert_num_queries, n
):
    ParentContactFactory.create_batch(n, child=world.child_1, recorded_by=world.head_teacher)
    client.force_login(world.principal)
    # 1 session, 2 user, 3 the count, 4 the page's contacts with child, parent and recorder, 5 which of
    # them the user may edit
    with django_assert_num_queries(5):
        response = client.get(reverse("guardians:contact_list"))
    assert len(response.context["contacts"]) == min(n, 50)
