"""Masking of sensitive numbers for roles that do not need them (DESIGN.md: privacy of minors)."""

from organisation.roles import Capability
from organisation.validators import normalize_phone


def mask_phone(value: str) -> str:
    digits = normalize_phone(value)
    if len(digits) < 7:
        return "*" * len(digits)
    return f"{digits[:3]}{'*' * (len(digits) - 7)}{digits[-4:]}"


def mask_id_number(value: str) -> str:
    if not value:
        return ""
    return f"{value[:3]}{'*' * (len(value) - 7)}{value[-4:]}" if len(value) > 7 else "*" * len(value)


def phone_for(user, value: str) -> str:
    if not value or user.can(Capability.SEE_PHONES):
        return value
    return mask_phone(value)


def id_number_for(user, value: str) -> str:
    if not value or user.can(Capability.SEE_ID_NUMBERS):
        return value
    return mask_id_number(value)
