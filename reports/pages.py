"""Reads behind the semester summary and the enrolment grid (reports.selectors keeps the home page)."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from children.selectors import previous_semester
from organisation.models import Enrolment, SchoolClass, Semester
from reports import figures as fig
from reports.figures import Period, Scope
from reports.models import SemesterSummary
from reports.summary import period_of, sections, snapshot, with_attention


@dataclass
class SummaryPage:
    summary: SemesterSummary | None
    scope: Scope | None
    versions: list
    is_latest: bool
    sections: list
    checks: list[str]
    previous_semester: Semester | None
    period: Period
    current: dict  # the raw rows (reports.summary.snapshot) behind `sections`, attention rows marked if missing
    before: dict | None


def _previous_snapshot(semester: Semester, scope: Scope | None) -> tuple[Semester | None, dict | None]:
    """The previous semester's figures: its latest signed snapshot (what was reported), else computed now;
    for a scope narrower than the school, always computed now over the scope (a signed summary is the school's)."""
    previous = previous_semester(semester)
    if previous is None:
        return None, None
    if scope is not None and not scope.whole_school:
        period = Period.of_semester(previous)
        return previous, snapshot(fig.figures(scope, period), [], safety=fig.safety_events(scope, period))
    signed = SemesterSummary.objects.filter(semester=previous, signed_at__isnull=False).order_by("-version").first()
    if signed is not None:
        return previous, signed.snapshot
    period = Period.of_semester(previous)
    figures = fig.figures(previous.school, period)
    return previous, snapshot(figures, [], safety=fig.safety_events(previous.school, period))


def summary_page(semester: Semester, *, version: int | None = None, scope: Scope | None = None) -> SummaryPage:
    """A version of the semester's summary (the latest by default): a signed one shows its snapshot, a draft
    the figures computed now; both with the previous semester's values and the cross-checks.

    With a `scope` narrower than the school (a head teacher's classes) there is no version: the figures are
    computed now over the scope, for the previous semester too; the school's summary is not theirs to sign."""
    partial = scope is not None and not scope.whole_school
    counted = scope if partial else semester.school
    versions = (
        []
        if partial
        else list(SemesterSummary.objects.filter(semester=semester).select_related("signed_by").order_by("-version"))
    )
    chosen = next((v for v in versions if v.version == version), None) if version else None
    chosen = chosen or (versions[0] if versions else None)
    if chosen is not None and chosen.is_signed:
        current = chosen.snapshot
        checks = current.get("checks", [])
    else:
        period = Period.of_semester(semester)
        figures = fig.figures(counted, period)
        checks = fig.cross_checks(figures)
        current = snapshot(
            figures,
            checks,
            attention=fig.attention_tiers(counted),
            safety=fig.safety_events(counted, period),
        )
    previous, before = _previous_snapshot(semester, scope)
    start, end = period_of(current)
    return SummaryPage(
        summary=chosen,
        scope=scope if partial else None,
        versions=versions,
        is_latest=chosen is None or chosen == versions[0],
        sections=sections(current, before),
        checks=checks,
        previous_semester=previous,
        period=Period(start, end),
        current=with_attention(current),
        before=before,
    )


def enrolment_counts(semester: Semester) -> dict[int, int]:
    """{class id: students on roll} entered for the semester."""
    return dict(Enrolment.objects.filter(semester=semester).values_list("school_class_id", "students"))


def enrolment_classes(semester: Semester) -> QuerySet[SchoolClass]:
    """The classes of the grid: the school's active classes, and any inactive one with an entry."""
    return (
        SchoolClass.objects.filter(school_id=semester.school_id)
        .filter(Q(is_active=True) | Q(enrolments__semester=semester))
        .distinct()
        .order_by("grade", "number")
    )
