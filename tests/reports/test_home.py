"""Each role's home page shows its own scope, with a query count that does not grow with the data."""

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def add_classes_with_children(school, head_teacher, classes: int, per_class: int):
    for number in range(10, 10 + classes):
        school_class = factories.SchoolClassFactory(school=school, grade=4, number=number, head_teachers=[head_teacher])
        factories.ChildFactory.create_batch(per_class, school_class=school_class)


def test_head_teacher_home_counts_only_their_class(client, world):
    client.force_login(world.head_teacher)
    body = client.get(reverse("home")).content.decode()
    assert 'data-testid="children-count">1<' in body
    assert "3年级1班" in body
    assert "3年级2班" not in body


def test_principal_home_counts_the_whole_school(client, world):
    client.force_login(world.principal)
    body = client.get(reverse("home")).content.decode()
    assert 'data-testid="children-count">2<' in body
    assert "3年级1班" in body and "3年级2班" in body


def test_district_officer_home_lists_schools_with_aggregates_and_no_child_names(client, world):
    client.force_login(world.district_officer)
    body = client.get(reverse("home")).content.decode()
    assert "石桥小学" in body and "龙潭学校" in body
    for name in ("张思琪", "李浩然", "王欣怡"):
        assert name not in body


@pytest.mark.parametrize(("classes", "per_class"), [(1, 2), (8, 25)])
def test_principal_home_query_count_is_constant(client, world, django_assert_num_queries, classes, per_class):
    add_classes_with_children(world.school, world.head_teacher, classes, per_class)
    client.force_login(world.principal)
    # session, user, children count, active staff count, the user's school, its current semester,
    # classes with their children counts, their head teachers (prefetch), the district's monthly report
    # settings and the school's recent monthly reports (the reminder)
    with django_assert_num_queries(10):
        assert client.get(reverse("home")).status_code == 200


@pytest.mark.parametrize("schools", [1, 12])
def test_district_home_query_count_is_constant(client, world, django_assert_num_queries, schools):
    for _ in range(schools):
        school = factories.SchoolFactory(district=world.district)
        factories.ChildFactory.create_batch(3, school_class=factories.SchoolClassFactory(school=school))
    client.force_login(world.district_officer)
    # session, user, children count (an empty scope, still counted), schools with their counts
    with django_assert_num_queries(4):
        assert client.get(reverse("home")).status_code == 200
