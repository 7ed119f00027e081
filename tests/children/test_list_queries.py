"""The child list costs the same number of queries with 10 children as with 200."""

import pytest
from django.urls import reverse

from tests.factories import ChildFactory, GuardianFactory, ParentFactory


def _fill(world, n: int) -> None:
    for i in range(n):
        child = ChildFactory(school_class=world.class_1 if i % 2 else world.class_2, name=f"学生{i}")
        if i % 3 == 0:
            GuardianFactory(child=child)
            ParentFactory(child=child)


@pytest.mark.parametrize("n", [10, 200])
def test_list_query_count_does_not_grow_with_children(client, world, django_assert_num_queries, n):
    _fill(world, n)
    client.force_login(world.principal)
    url = reverse("children:list")
    # 1 session, 2 user, 3 counts (children, complete, by type) in one aggregate,
    # 4 paginator count, 5 the page of children with their class and completeness subqueries,
    # 6 grades of the classes (grade filter choices), 7 classes (class filter choices)
    with django_assert_num_queries(7):
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.context["page"]) == min(n + 2, 50)
    # Filtering by a class validates the choice: one more query.
    with django_assert_num_queries(8):
        response = client.get(url, {"school_class": world.class_1.pk, "incomplete": "on", "sort": "name"})
    assert response.status_code == 200
