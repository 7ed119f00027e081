"""The frozen figures tables: one row per school and month (reports.models.MonthlyFigures), written by a task
from the standing version's snapshot of the monthly report, and one row per school and semester
(SemesterFigures), written by a task from the latest signed semester summary; read by the roll-ups above the
county (reports.levels).

The row's values are the district roll-up's own reading of a snapshot (reports.district.COLUMNS and `_value`):
nothing is computed again, so a county's roll-up from its schools' snapshots and from this table agree."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django_tasks import task

from reports.district import COLUMNS, _value
from reports.figures import Rate
from reports.models import MonthlyFigures, MonthlyReport, SemesterFigures, SemesterSummary
from reports.monthly import local_day

# (roll-up column key, kind, the table's column or columns); edu_total is edu_single + edu_double.
COLUMN_FIELDS: list[tuple[str, str, tuple[str, ...]]] = [
    (
        key,
        kind,
        (f"{key.replace(':', '_')}_n", f"{key.replace(':', '_')}_d") if kind == "rate" else (key.replace(":", "_"),),
    )
    for key, _label, kind in COLUMNS
    if key != "edu_total"
]
FIELDS = [name for _key, _kind, names in COLUMN_FIELDS for name in names]


def values_of(snapshot: dict) -> dict[str, int | Decimal | None]:
    """The table's columns for a submitted version's snapshot."""
    rows = {key: value for _section, key, value in snapshot.get("rows", [])}
    values: dict[str, int | Decimal | None] = {}
    for key, kind, names in COLUMN_FIELDS:
        value = _value(rows, key, kind)
        if kind == "rate":
            values[names[0]], values[names[1]] = (value.numerator, value.denominator) if value else (None, None)
        else:
            values[names[0]] = value
    return values


def column_value(row: dict, key: str, kind: str):
    """A roll-up column's value from a row of the table's columns (or of their sums): an int, a Rate, Decimal."""
    if key == "edu_total":
        single, double = row.get("edu_single"), row.get("edu_double")
        return None if single is None and double is None else (single or 0) + (double or 0)
    name = key.replace(":", "_")
    if kind == "rate":
        numerator, denominator = row.get(f"{name}_n"), row.get(f"{name}_d")
        return None if denominator is None else Rate(numerator or 0, denominator)
    return row.get(name)


def _write(model, keys: dict, frozen, details):
    """Write one frozen figures row (keys: the school and its period) from the standing report or summary
    `frozen` (its snapshot read by values_of, its `details()` beside), or delete it when none stands."""
    if frozen is None:
        model.objects.filter(**keys).delete()
        return None
    defaults = {"district_id": frozen.school.district_id, **details(), **values_of(frozen.snapshot)}
    row, _created = model.objects.update_or_create(**keys, defaults=defaults)
    return row


def monthly_figures_refresh(*, school_id: int, year: int, month: int) -> MonthlyFigures | None:
    """Write the school's row for the month from its latest submitted version (returned or accepted, as it
    stands); no submitted version, no row. Idempotent: a task run twice (its worker stopped) writes the same."""
    with transaction.atomic():
        report = (
            MonthlyReport.objects.filter(school_id=school_id, year=year, month=month, submitted_at__isnull=False)
            .select_related("school")
            .order_by("-version")
            .first()
        )
        return _write(
            MonthlyFigures,
            {"school_id": school_id, "year": year, "month": month},
            report,
            lambda: {
                "report": report,
                "submitted_on": local_day(report.submitted_at),
                "due_on": report.due_on,
                "returned": report.is_returned,
                "accepted": report.is_accepted,
            },
        )


@task()
def monthly_figures_write(school_id: int, year: int, month: int) -> None:
    """The task queued by a submission, a return and an acceptance (reports.monthly_services)."""
    monthly_figures_refresh(school_id=school_id, year=year, month=month)


def monthly_figures_queue(report: MonthlyReport) -> None:
    """Queue the row's writing in the caller's transaction: the database backend stores the task with the
    submission, so neither is kept without the other."""
    monthly_figures_write.enqueue(school_id=report.school_id, year=report.year, month=report.month)


def semester_figures_refresh(*, school_id: int, school_year: int, term: int) -> SemesterFigures | None:
    """Write the school's row for the semester from its latest signed summary (a reopened one stays counted by
    its signed version, as the district's semester roll-up reads it); none signed, no row. Idempotent."""
    with transaction.atomic():
        summary = (
            SemesterSummary.objects.filter(
                school_id=school_id,
                semester__school_year=school_year,
                semester__term=term,
                signed_at__isnull=False,
            )
            .select_related("school")
            .order_by("-version")
            .first()
        )
        return _write(
            SemesterFigures,
            {"school_id": school_id, "school_year": school_year, "term": term},
            summary,
            lambda: {"summary": summary, "signed_on": local_day(summary.signed_at)},
        )


@task()
def semester_figures_write(school_id: int, school_year: int, term: int) -> None:
    """The task queued by a signature (reports.services.summary_sign)."""
    semester_figures_refresh(school_id=school_id, school_year=school_year, term=term)


def semester_figures_queue(summary: SemesterSummary) -> None:
    """Queue the row's writing in the signature's transaction (stored with it by the database backend)."""
    semester = summary.semester
    semester_figures_write.enqueue(school_id=summary.school_id, school_year=semester.school_year, term=semester.term)
