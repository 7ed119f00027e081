"""Validators for Chinese identity data shared by every app: names, phone numbers and resident ID numbers."""

import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}\d{7,8}$")
_SEPARATORS = re.compile(r"[\s\-()（）]")


def normalize_phone(value: str) -> str:
    """Digits only, without a +86 / 0086 country prefix; what the validator and masking work on."""
    digits = _SEPARATORS.sub("", value or "")
    for prefix in ("+86", "0086"):
        if digits.startswith(prefix):
            digits = digits[len(prefix) :]
    return digits


def validate_phone(value: str) -> None:
    """A mainland mobile (1[3-9] and nine digits) or a landline with its area code (0xx/0xxx + 7–8 digits)."""
    if not value:
        return
    digits = normalize_phone(value)
    if _MOBILE.match(digits) or _LANDLINE.match(digits):
        return
    raise ValidationError(
        _(
            "“%(value)s” is not a phone number: enter an 11-digit mobile number starting with 13–19, "
            "or a landline with its area code, such as 0851-8123456."
        ),
        code="invalid_phone",
        params={"value": value},
    )


# Province-level codes that begin a resident ID number (GB/T 2260).
_PROVINCE_CODES = {
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
    50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
}  # fmt: skip
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"


@dataclass(frozen=True)
class ResidentId:
    number: str
    birth_date: date
    is_male: bool


def id_check_digit(first17: str) -> str:
    return _CHECK_CHARS[sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True)) % 11]


def parse_resident_id(value: str) -> ResidentId:
    """Parse an 18-character resident ID number, or raise ValidationError saying what is wrong with it."""
    number = (value or "").strip().upper()
    if len(number) != 18:
        raise ValidationError(
            _("An ID number has 18 characters; this one has %(count)d."),
            code="id_length",
            params={"count": len(number)},
        )
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise ValidationError(_("An ID number is 17 digits followed by a digit or the letter X."), code="id_characters")
    if int(number[:2]) not in _PROVINCE_CODES:
        raise ValidationError(
            _("An ID number starts with a province code; “%(code)s” is not one."),
            code="id_region",
            params={"code": number[:2]},
        )
    try:
        birth = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValidationError(
            _("Characters 7–14 of an ID number are the date of birth; “%(digits)s” is not a real date."),
            code="id_birth_date",
            params={"digits": number[6:14]},
        ) from None
    if birth > timezone.localdate() or birth.year < 1900:
        raise ValidationError(
            _("The date of birth in this ID number (%(date)s) is impossible."),
            code="id_birth_date",
            params={"date": birth.isoformat()},
        )
    if id_check_digit(number[:17]) != number[17]:
        raise ValidationError(
            _("The last character (check digit) does not match the others: the number has a typing error."),
            code="id_check_digit",
        )
    return ResidentId(number=number, birth_date=birth, is_male=int(number[16]) % 2 == 1)


def validate_resident_id(value: str) -> None:
    if value:
        parse_resident_id(value)


def validate_not_future(value: date) -> None:
    """Records of work done (talks, visits, calls, assistance, exams) carry the day it happened."""
    if value and value > timezone.localdate():
        raise ValidationError(
            _("%(date)s is in the future: record things on the day they happened."),
            code="future_date",
            params={"date": value.isoformat()},
        )


def validate_person_name(value: str) -> None:
    """A person's name (child, parent, guardian, emergency contact, carer) has at least one letter or
    Chinese character: "-1" or "……" is a typing slip, not a name."""
    if value and not any(character.isalpha() for character in value):
        raise ValidationError(
            _("“%(value)s” is not a name: a name needs at least one letter or Chinese character."),
            code="not_a_name",
            params={"value": value},
        )
