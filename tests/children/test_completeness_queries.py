"""The filing-rate page costs the same number of queries for 5 children as for 60."""

import pytest
from django.urls import reverse

from tests.children.factories import AcademicResultFactory
from tests.factories import ChildFactory, GuardianFactory, previous_semester


@pytest.mark.parametrize("n", [5, 60])
def test_filing_page_query_count_does_not_grow(client, world, django_assert_num_queries, n):
    for i in range(n):
        child = ChildFactory(school_class=world.class_1 if i % 2 else world.class_2, name=f"学生{i}")
        GuardianFactory(child=child)
        AcademicResultFactory(child=child, semester=world.semester)
    previous = previous_semester(world.semester)
    for child in world.school.children.all():
        AcademicResultFactory(child=child, semester=previous)
    client.force_login(world.principal)
    # 1 session, 2 user, 3 classes, 4 children and complete archives per class, 5 the children with
    # their completeness, 6 the user's school, 7 current semester, 8 previous semester,
    # 9 both semesters' results of these children
    with django_assert_num_queries(9):
        response = client.get(reverse("children:completeness"))
    assert response.context["rates"].school.children == n + 2
    assert len(response.context["incomplete"]) == n + 2
    assert response.context["progress"].compared == n
