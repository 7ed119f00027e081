"""Numbers read from a query string or a plain POST field, where a form would be too much."""

import re

_ID = re.compile(r"[0-9]{1,18}")  # ASCII digits only ("²" passes isdigit()), and within a 64-bit id


def query_id(value: str | None) -> int | None:
    """A database id typed or linked into the query string, or None for anything that cannot be one
    ("", "²", "-1", "99999999999999999999")."""
    if value is None or not _ID.fullmatch(value):
        return None
    number = int(value)
    return number or None
