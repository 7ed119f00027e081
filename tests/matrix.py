"""The permission matrix as data: url name x role -> expected status (STYLE.md rule 7).

Every view joins this table. An app adds its rows in `tests/<app>/matrix_rows.py` as a list named
ROWS; `all_rows()` collects them, and tests/test_permission_matrix.py checks every cell.

Statuses: 200 page shown, 302 redirect (to login for anonymous users, or after a successful POST),
403 the role may not use this view at all, 404 the object is outside the user's scope.
"""

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROLES = [
    "anonymous",
    "district_officer",
    "principal",
    "archive_keeper",
    "head_teacher",
    "other_head_teacher",
    "carer_user",
    "other_principal",
]


@dataclass(frozen=True)
class Row:
    url_name: str
    expected: dict[str, int]
    kwargs: Callable = field(default=lambda w: {})  # World -> URL kwargs
    method: str = "get"
    data: Callable = field(default=lambda w: {})  # World -> POST data
    note: str = ""

    def __post_init__(self):
        missing = set(ROLES) - set(self.expected)
        assert not missing, f"{self.url_name}: no expectation for {sorted(missing)}"

    @property
    def id(self) -> str:
        return f"{self.method.upper()} {self.url_name}{' ' + self.note if self.note else ''}"


def everyone(status: int, **overrides: int) -> dict[str, int]:
    """Expectations for logged-in roles: `status` unless overridden; anonymous users go to login."""
    return {"anonymous": 302, **{role: status for role in ROLES[1:]}, **overrides}


SCHOOL_MANAGERS_ONLY = everyone(403, principal=200, other_principal=200)

ROWS: list[Row] = [
    # The principal's and archive keeper's home is the dashboard once their school has a current semester
    # (the other school has none: its principal gets the start page).
    Row("home", everyone(200, principal=302, archive_keeper=302)),
    Row("password_change", everyone(200)),
    # The installable web app (its worker and manifest are public, see test_permission_matrix): the outbox page
    # is for the roles whose phone keeps one; the list of pages to keep is empty for every other role.
    Row("outbox", everyone(403, head_teacher=200, other_head_teacher=200, carer_user=200)),
    Row("offline_pages", everyone(200)),
    Row("organisation:staff_list", SCHOOL_MANAGERS_ONLY),
    Row("organisation:staff_list_export", SCHOOL_MANAGERS_ONLY),
    Row("organisation:staff_create", SCHOOL_MANAGERS_ONLY),
    Row("organisation:class_list", SCHOOL_MANAGERS_ONLY),
    Row("organisation:class_create", SCHOOL_MANAGERS_ONLY),
    Row("organisation:semester_list", SCHOOL_MANAGERS_ONLY),
    Row("organisation:semester_create", SCHOOL_MANAGERS_ONLY),
    Row(
        "organisation:staff_edit",
        everyone(403, principal=200, other_principal=404),
        kwargs=lambda w: {"pk": w.head_teacher.pk},
    ),
    Row(
        "organisation:staff_set_password",
        everyone(403, principal=200, other_principal=404),
        kwargs=lambda w: {"pk": w.head_teacher.pk},
    ),
    Row(
        "organisation:class_edit",
        everyone(403, principal=200, other_principal=404),
        kwargs=lambda w: {"pk": w.class_1.pk},
    ),
    Row(
        "organisation:semester_edit",
        everyone(403, principal=200, other_principal=404),
        kwargs=lambda w: {"pk": w.semester.pk},
    ),
    Row(
        "organisation:class_edit",
        everyone(403, principal=302, other_principal=404),
        kwargs=lambda w: {"pk": w.class_1.pk},
        method="post",
        data=lambda w: {"grade": 3, "number": 1, "head_teachers": [w.head_teacher.pk], "is_active": "on"},
        note="saves",
    ),
]


def all_rows() -> list[Row]:
    rows = list(ROWS)
    for path in sorted(Path(__file__).parent.glob("*/matrix_rows.py")):
        module = importlib.import_module(f"tests.{path.parent.name}.matrix_rows")
        rows.extend(module.ROWS)
    return rows
