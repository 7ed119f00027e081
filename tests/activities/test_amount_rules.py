"""Amount rules stand next to the amount in plain words: never negative; money and tuition more than 0 yuan."""

from decimal import Decimal

import pytest
from django.apps import apps
from django.db import IntegrityError, transaction
from django.db.models import CheckConstraint
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise

from activities import selectors
from activities.models import Assistance
from children.models import PovertyStatus
from tests.activities.factories import AssistanceFactory
from tests.factories import iso_day

pytestmark = pytest.mark.django_db


def post(client, world, **changes):
    data = {"child": world.child_1.pk, "date": iso_day(-20), "donor_kind": "working_committee",
            "donor": "市关工委", "kind": "money", "amount": "300.00", **changes}  # fmt: skip
    return client.post(reverse("activities:assistance_create"), data)


def test_a_negative_amount_is_refused_next_to_the_amount_in_chinese(client, world):
    client.force_login(world.archive_keeper)

    response = post(client, world, amount="-5.00")

    form = response.context["form"]
    assert form.errors["amount"] == ["金额不能为负数。"]
    assert not form.non_field_errors()
    assert "assistance_amount_not_negative" not in response.content.decode()
    assert not Assistance.objects.exists()


@pytest.mark.parametrize("kind", ["money", "tuition"])
def test_money_or_tuition_of_0_yuan_is_refused(client, world, kind):
    client.force_login(world.archive_keeper)

    response = post(client, world, kind=kind, amount="0.00")

    form = response.context["form"]
    assert form.errors["amount"] == ["现金和学费的金额必须大于 0 元。"]
    assert not form.non_field_errors()
    assert not Assistance.objects.exists()


def test_goods_of_unknown_value_may_be_recorded_at_0_yuan_and_count_as_assistance(client, world):
    world.child_1.poverty_status = PovertyStatus.DIBAO
    world.child_1.save()
    client.force_login(world.archive_keeper)

    response = post(client, world, kind="goods", amount="0", description="冬衣一件")

    assert response.status_code == 302
    assert Assistance.objects.get().amount == Decimal("0.00")
    assert list(selectors.poor_children_without_assistance(world.principal, world.semester)) == []


def test_a_0_yuan_money_record_leaves_the_poor_child_on_the_list(client, world):
    world.child_1.poverty_status = PovertyStatus.DIBAO
    world.child_1.save()
    client.force_login(world.archive_keeper)

    post(client, world, kind="money", amount="0.00")

    assert list(selectors.poor_children_without_assistance(world.principal, world.semester)) == [world.child_1]


def test_the_database_refuses_0_yuan_of_money_as_well(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        AssistanceFactory(child=world.child_1, kind="money", amount=Decimal("0.00"))


def test_every_check_constraint_has_a_translated_message_instead_of_its_name():
    constraints = [
        c
        for model in apps.get_app_config("activities").get_models()
        for c in model._meta.constraints
        if isinstance(c, CheckConstraint)
    ]

    assert {c.name for c in constraints} == {
        "topic_only_for_lectures",
        "assistance_amount_not_negative",
        "money_and_tuition_more_than_zero",
        "height_plausible",
        "weight_plausible",
    }
    for constraint in constraints:
        assert isinstance(constraint.violation_error_message, Promise), constraint.name
        with translation.override("zh-hans"):
            message = str(constraint.get_violation_error_message())
        with translation.override("en"):
            english = str(constraint.get_violation_error_message())
        assert constraint.name not in message and "约束" not in message
        assert message != english, f"{constraint.name}: no Chinese translation"
