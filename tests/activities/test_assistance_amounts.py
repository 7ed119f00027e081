"""Amounts are exact yuan: Decimal through the form, the database, the totals and the page."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from activities import selectors
from activities.models import Assistance
from children.models import PovertyStatus
from tests.activities.factories import AssistanceFactory
from tests.factories import ChildFactory, iso_day, previous_semester

pytestmark = pytest.mark.django_db


def test_an_amount_typed_in_the_form_is_saved_exactly(client, world):
    client.force_login(world.archive_keeper)

    response = client.post(
        reverse("activities:assistance_create"),
        {
            "child": world.child_1.pk,
            "date": iso_day(-20),
            "donor_kind": "working_committee",
            "donor": "市关工委",
            "kind": "money",
            "amount": "0.10",
            "description": "助学金",
        },
    )

    assert response.status_code == 302
    item = Assistance.objects.get()
    assert item.amount == Decimal("0.10")
    assert isinstance(item.amount, Decimal)
    assert item.semester == world.semester
    assert item.recorded_by == world.archive_keeper


def test_totals_by_donor_and_kind_are_exact_decimals(world):
    # 0.1 + 0.2 is 0.30000000000000004 in floats; three tenths and two tenths must add up exactly.
    for amount in ("0.10", "0.20", "0.10"):
        AssistanceFactory(child=world.child_1, semester=world.semester, amount=Decimal(amount))
    AssistanceFactory(
        child=world.child_2,
        semester=world.semester,
        donor_kind="womens_federation",
        donor="",
        amount=Decimal("1234567.89"),
    )
    records = selectors.assistance_for(world.principal, semester=world.semester)

    with translation.override("zh-hans"):
        totals = {(t["donor_label"], t["kind"]): t["total"] for t in selectors.assistance_totals(records)}
    grand = selectors.assistance_grand_total(records)

    assert totals == {("市关工委", "money"): Decimal("0.40"), ("妇联", "money"): Decimal("1234567.89")}
    assert [str(v) for v in totals.values()] == ["1234567.89", "0.40"]
    assert str(grand) == "1234568.29"


def test_the_page_shows_the_exact_amounts_and_total(client, world):
    for amount in ("300.00", "300.00", "0.10", "0.20"):
        AssistanceFactory(child=world.child_1, semester=world.semester, amount=Decimal(amount))
    client.force_login(world.principal)

    response = client.get(reverse("activities:assistance_list"))

    html = response.content.decode()
    assert '<td class="text-end" data-testid="grand-total">600.30</td>' in html
    assert ">0.10</td>" in html


def test_head_teacher_totals_cover_only_their_own_children(world):
    AssistanceFactory(child=world.child_1, semester=world.semester, amount=Decimal("300.00"))
    AssistanceFactory(child=world.child_2, semester=world.semester, amount=Decimal("500.00"))

    records = selectors.assistance_for(world.head_teacher, semester=world.semester)

    assert selectors.assistance_grand_total(records) == Decimal("300.00")


def test_semester_comes_from_the_date(client, world):
    previous = previous_semester(world.semester)
    client.force_login(world.archive_keeper)
    data = {"child": world.child_1.pk, "donor_kind": "company", "kind": "goods", "amount": "88.00"}
    in_previous = previous.start_date + datetime.timedelta(days=10)
    in_holiday = previous.end_date + datetime.timedelta(days=5)  # between the two semesters
    in_current = world.semester.start_date + datetime.timedelta(days=4)

    for day in (in_previous, in_holiday, in_current):
        client.post(reverse("activities:assistance_create"), {**data, "date": day.isoformat()})

    # A holiday belongs to the semester just ended.
    assert [a.semester for a in Assistance.objects.order_by("date")] == [previous, previous, world.semester]


def test_poor_children_who_received_nothing_this_semester_are_listed(client, world):
    world.child_1.poverty_status = PovertyStatus.DIBAO
    world.child_1.save()
    helped = ChildFactory(school_class=world.class_2, name="刘子轩", poverty_status=PovertyStatus.REGISTERED_POOR)
    AssistanceFactory(child=helped, semester=world.semester)
    ChildFactory(school_class=world.class_1, name="赵宇航")  # no poverty status
    client.force_login(world.archive_keeper)

    response = client.get(reverse("activities:assistance_list"))

    assert [c.name for c in response.context["without"]] == ["张思琪"]
    assert "本学期未获资助的困难儿童" in response.content.decode()


def test_a_negative_amount_is_refused(client, world):
    client.force_login(world.archive_keeper)

    response = client.post(
        reverse("activities:assistance_create"),
        {"child": world.child_1.pk, "date": iso_day(-20), "donor_kind": "individual", "kind": "money", "amount": "-5"},
    )

    assert response.status_code == 200
    assert not Assistance.objects.exists()
