"""The birthdays page costs the same number of queries for 3 birthday children as for 30."""

import pytest
from django.urls import reverse
from django.utils import timezone

from activities.services import birthday_party_create
from tests import factories


@pytest.mark.parametrize("n", [3, 30])
def test_the_birthdays_page_makes_the_same_queries_for_3_and_30_birthday_children(
    client, world, django_assert_num_queries, n
):
    today = timezone.localdate()
    for i in range(n):  # in both classes: the page heads each class with its school
        school_class = world.class_1 if i % 2 else world.class_2
        factories.ChildFactory(school_class=school_class, birth_date=today.replace(year=2017, day=1))
    birthday_party_create(year=today.year, month=today.month, user=world.principal)
    client.force_login(world.principal)
    # 1 session, 2 user, 3 this month's birthday children with their school and class (and its school),
    # 4 this month's party
    with django_assert_num_queries(4):
        response = client.get(reverse("activities:birthdays"))
    assert len(response.context["birthdays"]) == n
    assert response.context["party"] is not None
