"""The safety responsibility letter (安全责任书): whether the guardian signed it and when, and the class list
of children without one."""

import pytest
from django.urls import reverse

from tests.factories import ChildFactory, days_from_today, iso_day
from tests.guardians.conftest import archive_post

pytestmark = pytest.mark.django_db


def test_the_class_list_shows_the_children_without_a_signed_letter(client, world):
    ChildFactory(
        school_class=world.class_1,
        name="陈雨桐",
        safety_letter_signed=True,
        safety_letter_signed_on=days_from_today(-3),
    )
    ChildFactory(school_class=world.class_1, name="刘子轩", status="graduated")
    client.force_login(world.head_teacher)

    response = client.get(reverse("children:safety_letters"), {"class": world.class_1.pk})

    assert [c.name for c in response.context["children"]] == ["张思琪"]
    (row,) = response.context["classes"]  # a head teacher sees their own class only
    assert (row["children"], row["signed"], row["missing"]) == (2, 1, 1)


def test_the_principal_sees_every_class(client, world):
    client.force_login(world.principal)

    response = client.get(reverse("children:safety_letters"))

    assert {c.name for c in response.context["children"]} == {"张思琪", "李浩然"}


def test_signing_from_the_list_records_the_day(client, world):
    client.force_login(world.head_teacher)

    client.post(reverse("children:safety_letter_sign", args=[world.child_1.pk]), {"signed_on": iso_day(-2)})

    world.child_1.refresh_from_db()
    assert world.child_1.safety_letter_signed
    assert world.child_1.safety_letter_signed_on == days_from_today(-2)


def test_a_letter_is_not_signed_in_the_future(client, world):
    client.force_login(world.head_teacher)

    client.post(reverse("children:safety_letter_sign", args=[world.child_1.pk]), {"signed_on": iso_day(1)})

    world.child_1.refresh_from_db()
    assert not world.child_1.safety_letter_signed


def test_the_archive_form_records_the_letter_and_refuses_a_date_without_signing(client, world):
    client.force_login(world.head_teacher)
    url = reverse("guardians:archive_create")

    refused = client.post(url, archive_post(world, child={"child-safety_letter_signed_on": iso_day(-1)}))
    assert refused.status_code == 200
    client.post(
        url,
        archive_post(world, child={"child-safety_letter_signed": "on", "child-safety_letter_signed_on": iso_day(-1)}),
    )

    from children.models import Child

    child = Child.objects.exclude(pk__in=[world.child_1.pk, world.child_2.pk, world.other_child.pk]).get()
    assert child.safety_letter_signed and child.safety_letter_signed_on == days_from_today(-1)


def test_the_child_page_says_whether_the_letter_is_signed(client, world):
    client.force_login(world.head_teacher)

    html = client.get(reverse("children:detail", args=[world.child_1.pk])).content.decode()

    assert "未签" in html.split('data-testid="safety-letter"')[1][:200]


@pytest.mark.parametrize("n", [1, 20])
def test_the_letter_list_costs_the_same_queries(client, world, django_assert_num_queries, n):
    ChildFactory.create_batch(n, school_class=world.class_1)
    client.force_login(world.principal)

    # 1 session, 2 user, 3 the classes' labels, 4 counts by class, 5 the children without a letter.
    with django_assert_num_queries(5):
        response = client.get(reverse("children:safety_letters"))

    assert len(response.context["children"]) == n + 2
