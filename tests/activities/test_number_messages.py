"""Numbers with too many digits get a clear message of our own, in Chinese and in English."""

import pytest
from django.urls import reverse

from tests.factories import iso_day

pytestmark = pytest.mark.django_db


def assistance(client, world, amount):
    data = {"child": world.child_1.pk, "date": iso_day(-20), "donor_kind": "company", "kind": "money",
            "amount": amount}  # fmt: skip
    return client.post(reverse("activities:assistance_create"), data).context["form"].errors["amount"]


def exam(client, world, **values):
    data = {"child": world.child_1.pk, "date": iso_day(-30), **values}
    return client.post(reverse("activities:medical_exam_create"), data).context["form"].errors


@pytest.mark.parametrize("amount", ["12.345", "123456789.00", "12345678901"])
def test_an_amount_with_too_many_digits_gets_one_clear_chinese_message(client, world, amount):
    client.force_login(world.archive_keeper)

    assert assistance(client, world, amount) == ["金额最多 8 位整数、2 位小数。"]


def test_the_amount_message_is_english_for_english_users(client, settings, world):
    client.force_login(world.archive_keeper)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    assert assistance(client, world, "12.345") == [
        "An amount has at most 8 digits before the decimal point and 2 after it."
    ]


def test_height_and_weight_with_too_many_digits_get_clear_chinese_messages(client, world):
    client.force_login(world.head_teacher)

    errors = exam(client, world, height_cm="132.55", weight_kg="1234", vision_left="4.85")

    assert errors["height_cm"] == ["身高以厘米为单位，最多 1 位小数，例如 132.5。"]
    assert errors["weight_kg"] == ["体重以千克为单位，最多 1 位小数，例如 28.4。"]
    assert errors["vision_left"] == ["视力保留 1 位小数，例如 4.9 或 5.0。"]


def test_an_implausible_height_is_refused_next_to_the_height(client, world):
    client.force_login(world.head_teacher)

    errors = exam(client, world, height_cm="25.0", weight_kg="250.0")

    assert errors["height_cm"] == ["儿童身高应在 30 到 250 厘米之间。"]
    assert errors["weight_kg"] == ["儿童体重应在 2 到 200 千克之间。"]
    assert "__all__" not in errors
