"""Semester summaries signed (年度/学期工作总结已签署) over a school year: what an inspection index reads for "the
year's summaries". Not a figure of one period's records: it reads the summaries themselves."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from organisation.models import School, Semester
from reports.figures import Period, Rate
from reports.models import SemesterSummary


@dataclass(frozen=True)
class SignedSummaries:
    rate: Rate
    semesters: list[Semester]  # the school year's semesters started by P.end, each with `signed`, by start date


def signed_summaries(school: School, period: Period) -> SignedSummaries:
    """The school's semesters of the school year containing P.end that are due and have a signed summary (any
    signed version: a reopened summary keeps the one it signed) ÷ those due. A semester is due once it has ended
    by P.end, or once its summary is signed (signed early); one still running and unsigned is not counted, so
    the rate never holds a school to a summary it cannot sign yet. Never above 100 %. 1 query."""
    year = period.end.year if period.end.month >= 8 else period.end.year - 1  # the school year, as figures reads it
    semesters = list(
        Semester.objects.filter(school=school, school_year=year, start_date__lte=period.end)
        .annotate(signed=Exists(SemesterSummary.objects.filter(semester=OuterRef("pk"), signed_at__isnull=False)))
        .order_by("start_date")
    )
    due = [s for s in semesters if s.signed or s.end_date <= period.end]
    return SignedSummaries(Rate(numerator=sum(1 for s in due if s.signed), denominator=len(due)), semesters)
