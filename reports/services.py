"""Writes of the reports app: the semester summary's draft, its signature and its reopening."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organisation.models import Enrolment, SchoolClass, Semester, User
from reports import figures as fig
from reports.approvals import semester_locked
from reports.frozen import freeze, row_keys
from reports.models import SemesterSummary
from reports.monthly_figures import semester_figures_queue
from reports.summary import snapshot


def latest_summary(semester: Semester) -> SemesterSummary | None:
    return SemesterSummary.objects.filter(semester=semester).order_by("-version").first()


def summary_save_draft(
    *, semester: Semester, user: User, achievements: str, problems: str, next_steps: str
) -> SemesterSummary:
    """Save the narrative of the semester's draft, creating version 1 the first time. A signed version is
    never changed: reopen it first."""
    with transaction.atomic():
        summary = latest_summary(semester)
        if summary is not None and summary.is_signed:
            raise ValidationError(_("This summary is signed; reopen it to change it."), code="signed")
        if summary is None:
            summary = SemesterSummary(school_id=semester.school_id, semester=semester, version=1)
        summary.achievements, summary.problems, summary.next_steps = achievements, problems, next_steps
        summary.updated_by = user
        summary.save()
    return summary


def summary_sign(*, semester: Semester, user: User) -> SemesterSummary:
    """The principal signs the draft: its figures, the cross-checks, the period's safety events and the attention
    list by tier as it stands on the day of signing are frozen into the snapshot, with the ids and rows behind
    them (reports.frozen). A summary whose cross-checks
    fail cannot be signed."""
    with transaction.atomic():
        summary = latest_summary(semester)
        if summary is not None and summary.is_signed:
            raise ValidationError(_("This summary is already signed."), code="signed")
        period = fig.Period.of_semester(semester)
        figures = fig.figures(semester.school, period)
        failures = fig.cross_checks(figures)
        if failures:
            raise ValidationError(
                _("The summary cannot be signed while a cross-check fails: %(first)s") % {"first": failures[0]},
                code="cross_check",
            )
        if summary is None:
            summary = SemesterSummary(school_id=semester.school_id, semester=semester, version=1)
        # The attention list is counted on the day of signing (reports.figures.attention_tiers).
        frozen = snapshot(
            figures,
            failures,
            attention=fig.attention_tiers(semester.school),
            safety=fig.safety_events(semester.school, period),
        )
        summary.snapshot = frozen | freeze(semester.school, period, keys=row_keys(frozen))
        summary.signed_at = timezone.now()
        summary.signed_by = user
        summary.updated_by = user
        summary.save()
        semester_figures_queue(summary)
    return summary


def summary_reopen(*, semester: Semester, user: User) -> SemesterSummary:
    """Reopen a signed summary: the signed version stays as it is; a new draft version carries its narrative."""
    with transaction.atomic():
        signed = latest_summary(semester)
        if signed is None or not signed.is_signed:
            raise ValidationError(_("Only a signed summary can be reopened."), code="not_signed")
        if semester_locked(semester.school.district_id, semester.school_year, semester.term):
            raise ValidationError(
                _("The county has approved this semester: the summary can be reopened once it withdraws it."),
                code="locked",
            )
        return SemesterSummary.objects.create(
            school_id=semester.school_id,
            semester=semester,
            version=signed.version + 1,
            achievements=signed.achievements,
            problems=signed.problems,
            next_steps=signed.next_steps,
            updated_by=user,
        )


def enrolment_save(*, semester: Semester, counts: dict[int, int | None]) -> int:
    """Store each class's students on roll for the semester (history kept per row); a blank removes the
    entry. Only classes of the semester's school are touched. Returns the number of classes entered."""
    classes = set(SchoolClass.objects.filter(school_id=semester.school_id, pk__in=counts).values_list("pk", flat=True))
    existing = {e.school_class_id: e for e in Enrolment.objects.filter(semester=semester, school_class__in=classes)}
    entered = 0
    with transaction.atomic():
        for class_id in classes:
            students, row = counts[class_id], existing.get(class_id)
            if students is None:
                if row is not None:
                    row.delete()
                continue
            entered += 1
            if row is None:
                Enrolment.objects.create(school_class_id=class_id, semester=semester, students=students)
            elif row.students != students:
                row.students = students
                row.save()
    return entered
