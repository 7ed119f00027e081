"""The children's home pages cost a fixed number of queries, whatever the number of sessions, children,
calls and loans."""

import pytest
from django.urls import reverse

from activities.models import HomeCall
from tests.activities.factories import BookLoanFactory, ChildrensHomeFactory, HomeSessionFactory
from tests.factories import ChildFactory
from tests.guardians.factories import ParentContactFactory

pytestmark = pytest.mark.django_db


def _sessions(world, count, children_each):
    home = ChildrensHomeFactory(school=world.school)
    children = ChildFactory.create_batch(children_each, school_class=world.class_1)
    sessions = HomeSessionFactory.create_batch(count, home=home, duty=world.head_teacher)
    for session in sessions:
        session.children.add(*children)
        for child in children:
            contact = ParentContactFactory(child=child, date=session.date, initiated_by="child")
            HomeCall.objects.create(session=session, contact=contact)
    return home, sessions


@pytest.mark.parametrize(("count", "children_each"), [(1, 1), (12, 5)])
def test_the_opening_log_costs_the_same_queries(client, world, django_assert_num_queries, count, children_each):
    _sessions(world, count, children_each)
    client.force_login(world.archive_keeper)

    # 1 session, 2 user, 3 the home with its person responsible, 4 count for the paginator, 5 the page of
    # sessions with duty and counts, 6 overdue loans, 7 whether the user may edit the home.
    with django_assert_num_queries(7):
        response = client.get(reverse("activities:home"))

    assert len(response.context["page"].object_list) == count


@pytest.mark.parametrize("children_each", [1, 8])
def test_a_session_page_costs_the_same_queries(client, world, django_assert_num_queries, children_each):
    _, (session,) = _sessions(world, 1, children_each)
    client.force_login(world.head_teacher)

    # 1 session, 2 user, 3 the session with home and duty, 4 whether the user may change it, 5 the children
    # who came, 6 the calls with child and parent, 7 the classes to add, 8 the candidates, 9 the children
    # of the call form, 10 their parents.
    with django_assert_num_queries(10):
        response = client.get(reverse("activities:home_session", args=[session.pk]))

    assert len(response.context["came"]) == children_each
    assert len(response.context["calls"]) == children_each


@pytest.mark.parametrize("loans", [1, 20])
def test_the_loan_list_costs_the_same_queries(client, world, django_assert_num_queries, loans):
    home = ChildrensHomeFactory(school=world.school)
    BookLoanFactory.create_batch(loans, home=home, child=world.child_1)
    client.force_login(world.principal)

    # 1 session, 2 user, 3 the home, 4 count for the paginator, 5 the page of loans with child and class.
    with django_assert_num_queries(5):
        response = client.get(reverse("activities:home_loans"))

    assert len(response.context["page"].object_list) == loans


@pytest.mark.parametrize("records", [1, 8])
def test_the_home_timeline_providers_cost_the_same_queries(world, django_assert_num_queries, records):
    from activities.home_child_page import loans_timeline, sessions_timeline

    home, _ = _sessions(world, records, 2)
    BookLoanFactory.create_batch(records, home=home, child=world.child_1)
    ids = list(world.class_1.children.values_list("pk", flat=True))

    # 1 the sessions the children came to, with their home, by the read rule.
    with django_assert_num_queries(1):
        assert len(sessions_timeline(ids, world.head_teacher)) == records * 2
    # 1 the loans by the read rule, with their home, 2 which of them the write rule allows.
    with django_assert_num_queries(2):
        assert len(loans_timeline(ids, world.head_teacher)) == records
