"""What a signature or a submission freezes besides the figures: the ids of the children and records behind
each figure, and the rows of the workbook's detail sheets, so that a signed or submitted version's lists and
sheets stay what was signed (a record logged, edited or deleted afterwards changes nothing in them).

The snapshot's keys (both JSON, both added by `freeze`):
- ``lists``: {figure key of the page's rows: [ids]}: the children or records the figure's list shows
  (reports.members: ``lbc`` child ids, ``talks`` talk ids, ``talk_coverage`` the children talked with …).
- ``sheets``: {sheet: [row, …]}: the raw values of each detail sheet (codes, not labels, so that a download
  is translated into the reader's language), dates as ``{"date": iso}``, amounts as ``{"yuan": "12.50"}``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q

from activities.models import Activity, Assistance, Attendance
from guardians.models import ParentContact
from organisation.models import School
from pairing.models import HomeVisit, Talk
from reports import figures as fig
from reports.figures import Period
from reports.members import members as figure_members


def record_rows(school: School | fig.Scope, period: Period) -> dict[str, list[tuple]]:
    """The detail sheets' rows as raw values, each row starting with its record's id (the children's grade ×
    type × gender counts under ``by_grade`` have none). The workbook writes these, live for a draft, and
    `freeze` stores them for a signed version."""
    scope = fig.as_scope(school)
    rows: dict[str, list[tuple]] = {}
    rows["by_grade"] = [
        tuple(row)
        for row in fig.lbc_of(school, period)
        .order_by()
        .values_list("school_class__grade", "left_behind_type", "gender")
        .annotate(n=Count("pk"))
        .order_by("school_class__grade", "left_behind_type", "gender")
    ]
    rows["talks"] = [
        (pk, day, name, class_id, carer or "", full_name or username or "")
        for pk, day, name, class_id, carer, full_name, username in fig.records_in(Talk, school, period)
        .order_by("date", "pk")
        .values_list(
            "pk",
            "date",
            "child__name",
            "child__school_class_id",
            "carer__name",
            "recorded_by__full_name",
            "recorded_by__username",
        )
    ]
    rows["visits"] = list(
        fig.records_in(HomeVisit, school, period)
        .order_by("date", "pk")
        .values_list("pk", "date", "child__name", "child__school_class_id", "met")
    )
    rows["contacts"] = list(
        fig.records_in(ParentContact, school, period)
        .order_by("date", "pk")
        .values_list(
            "pk",
            "date",
            "child__name",
            "child__school_class_id",
            "counterpart",
            "channel",
            "initiated_by",
            "reached",
        )
    )
    in_p = Activity.objects.filter(school=scope.school, date__range=(period.start, period.end))
    counted = Count("attendances")
    if not scope.whole_school:
        attended = Attendance.objects.filter(scope.child_q())
        in_p = in_p.filter(Exists(attended.filter(activity=OuterRef("pk"))))
        counted = Count("attendances", filter=Q(attendances__child__in=scope.children.values("pk")))
    rows["activities"] = list(
        in_p.annotate(n=counted).order_by("date", "pk").values_list("pk", "date", "title", "kind", "topic", "n")
    )
    rows["assistance"] = list(
        fig.records_in(Assistance, school, period)
        .order_by("date", "pk")
        .values_list("pk", "date", "child__name", "child__school_class_id", "donor", "donor_kind", "kind", "amount")
    )
    return rows


def _encode(value):
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if isinstance(value, Decimal):
        return {"yuan": str(value)}
    return value


def _decode(value):
    if isinstance(value, dict):
        if "date" in value:
            return date.fromisoformat(value["date"])
        if "yuan" in value:
            return Decimal(value["yuan"])
    return value


def freeze(school: School | fig.Scope, period: Period, *, keys: Iterable[str]) -> dict:
    """The ``lists`` and ``sheets`` a signature or submission adds to its snapshot (see the module's
    docstring), computed now from the same selectors the figures count: for each figure key of the frozen
    page (`keys`, the snapshot's rows) that opens a list, the ids of that list's children or records."""
    lists: dict[str, list[int]] = {}
    for key in dict.fromkeys(keys):
        found = figure_members(school, period, key)
        if found is not None:
            lists[key] = sorted(found.queryset.values_list("pk", flat=True))
    rows = record_rows(school, period)
    sheets = {sheet: [[_encode(v) for v in row] for row in sheet_rows] for sheet, sheet_rows in rows.items()}
    return {"lists": lists, "sheets": sheets}


def row_keys(snapshot: dict) -> list[str]:
    """The figure keys of a snapshot's rows (``[section, key, value]``), in the page's order."""
    return [row[1] for row in snapshot.get("rows", [])]


def frozen_list(snapshot: dict | None, key: str) -> list[int] | None:
    """The ids of the list behind figure `key` of a frozen page (see `freeze`); None for a draft, a snapshot
    frozen before lists were stored, or a key without a list: the caller shows the live list, marked live.
    An id may name a record deleted since: filtered with ``pk__in``, it simply drops out."""
    lists = (snapshot or {}).get("lists")
    if not isinstance(lists, dict) or key not in lists:
        return None
    return list(lists[key])


def frozen_rows(snapshot: dict | None) -> dict[str, list[tuple]] | None:
    """The detail sheets' rows frozen in the snapshot, as `record_rows` returns them; None for a snapshot made
    before they were stored (its workbook then reads the records live, as it always did)."""
    sheets = (snapshot or {}).get("sheets")
    if not isinstance(sheets, dict):
        return None
    return {sheet: [tuple(_decode(v) for v in row) for row in rows] for sheet, rows in sheets.items()}
