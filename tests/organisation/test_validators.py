"""Phone numbers and resident ID numbers are checked the way Chinese registers check them."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from organisation.masking import mask_id_number, mask_phone
from organisation.validators import parse_resident_id, validate_phone
from tests.factories import make_id_number


@pytest.mark.parametrize("number", ["13812345678", "138 1234 5678", "+86 19912345678", "0854-7321001", "010-88886666"])
def test_valid_phone_numbers(number):
    validate_phone(number)


@pytest.mark.parametrize("number", ["12812345678", "1381234567", "138123456789", "7321001", "abc", "0854-12"])
def test_invalid_phone_numbers(number):
    with pytest.raises(ValidationError) as caught:
        validate_phone(number)
    assert caught.value.code == "invalid_phone"


def test_valid_id_number_gives_birth_date_and_gender():
    number = make_id_number(datetime.date(2016, 2, 29), male=True)
    parsed = parse_resident_id(number)
    assert parsed.birth_date == datetime.date(2016, 2, 29)
    assert parsed.is_male is True


def test_known_real_format_id_number_with_x_check_digit():
    # 11010519491231002X is the standard's own worked example.
    parsed = parse_resident_id("11010519491231002x")
    assert parsed.number == "11010519491231002X"
    assert parsed.is_male is False


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("11010519491231002", "id_length"),
        ("11010519491231002Y", "id_characters"),
        ("99010519491231002X", "id_region"),
        ("110105194902300021", "id_birth_date"),
        ("110105194912310021", "id_check_digit"),
    ],
)
def test_invalid_id_numbers_say_what_is_wrong(number, code):
    with pytest.raises(ValidationError) as caught:
        parse_resident_id(number)
    assert caught.value.code == code


def test_id_number_with_a_future_birth_date_is_impossible():
    future = timezone.localdate() + datetime.timedelta(days=400)
    with pytest.raises(ValidationError) as caught:
        parse_resident_id(make_id_number(future, male=False))
    assert caught.value.code == "id_birth_date"


def test_masking_keeps_only_the_ends():
    assert mask_phone("138 1234 5678") == "138****5678"
    assert mask_id_number("11010519491231002X") == "110***********002X"
