"""Writes of the monthly report: the district's settings, a school's draft and its information items, the
submission that freezes the figures, the district's return that opens the next version, and its acceptance
that makes the report final. Each of the last three queues the writing of the school's row of frozen monthly
figures (reports.monthly_figures)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from children.models import Child
from guardians.models import Guardian, Parent
from organisation.models import District, School, User
from reports import figures as fig
from reports.approvals import month_locked
from reports.frozen import freeze, row_keys
from reports.models import DistrictReportSettings, InformationItem, MonthlyReport
from reports.monthly import Window, in_summer_holiday, settings_for, window
from reports.monthly_figures import monthly_figures_queue
from reports.summary import snapshot
from reports.warnings import as_stored, previous_rows, unusual_figures


def settings_save(
    *,
    district: District,
    user: User,
    report_day: int,
    figures: list[int],
    items_required: int,
    months_not_due: list[str] = (),
    months_shown: list[str] = (),
):
    """Save what the district asks; `months_not_due` are window keys ("YYYY-MM") no school owes a report for,
    among the `months_shown` on the form. A window of the summer holiday is not due by default: one shown and
    not ticked is asked for (months_due); the summer months the form did not show keep their choice."""
    current = settings_for(district)
    ticked = set(months_not_due)
    shown = set(months_shown)
    asked_in_summer = {
        key for key in shown - ticked if in_summer_holiday(window(*(int(p) for p in key.split("-")), report_day))
    }
    row, _created = DistrictReportSettings.objects.update_or_create(
        district=district,
        defaults={
            "report_day": report_day,
            "figures": sorted(set(figures)),
            "items_required": items_required,
            "months_not_due": sorted(ticked),
            "months_due": sorted((set(current.months_due or []) - shown) | asked_in_summer),
            "updated_by": user,
        },
    )
    return row


def _latest(school: School, w: Window) -> MonthlyReport | None:
    return MonthlyReport.objects.filter(school=school, year=w.year, month=w.month).order_by("-version").first()


def report_draft(*, school: School, window: Window, user: User) -> MonthlyReport:
    """The draft of the school's report for the window, made (version 1) the first time. A submitted report
    that was not returned has no draft."""
    with transaction.atomic():
        latest = _latest(school, window)
        if latest is None:
            return MonthlyReport.objects.create(
                school=school,
                year=window.year,
                month=window.month,
                period_start=window.period.start,
                period_end=window.period.end,
                due_on=window.due_on,
                updated_by=user,
            )
        if latest.is_submitted and not latest.is_returned:
            raise ValidationError(_("This monthly report is submitted; it cannot be changed."), code="submitted")
        return latest


def _editable(report: MonthlyReport) -> None:
    if report.is_submitted:
        raise ValidationError(_("This monthly report is submitted; it cannot be changed."), code="submitted")


def item_save(
    *,
    report: MonthlyReport,
    user: User,
    title: str,
    date: date,
    text: str,
    photos=(),
    item: InformationItem | None = None,
) -> InformationItem:
    """Add or change an information item of a draft; its date lies in the report's window."""
    _editable(report)
    named = names_in(report.school, title, text)
    if named:
        raise ValidationError(
            {
                "text": _(
                    "Information items go to the district: write them without the names of children, parents "
                    "or guardians."
                )
            },
            code="names",
        )
    if not report.period_start <= date <= report.period_end:
        raise ValidationError(
            {
                "date": _("The date lies in the report's window, %(start)s to %(end)s.")
                % {"start": report.period_start, "end": report.period_end}
            },
            code="outside_window",
        )
    with transaction.atomic():
        item = item or InformationItem(report=report)
        item.title, item.date, item.text = title, date, text
        item.save()
        item.photos.set([p for p in photos if p.activity.school_id == report.school_id])
        report.updated_by = user
        report.save(update_fields=["updated_by", "updated_at"])
    return item


def names_in(school: School, *texts: str) -> list[str]:
    """The names of the school's children, parents and guardians that appear in the texts."""
    names = set(Child.all_objects.filter(school=school).values_list("name", flat=True))
    names |= set(Parent.objects.filter(child__school=school).values_list("name", flat=True))
    names |= set(Guardian.objects.filter(child__school=school).values_list("name", flat=True))
    return sorted(name for name in names if len(name) >= 2 and any(name in text for text in texts))


def item_delete(*, item: InformationItem, user: User) -> None:
    _editable(item.report)
    item.delete()


def report_submit(*, report: MonthlyReport, user: User, today: date | None = None, reason: str = "") -> MonthlyReport:
    """Submit the draft: refused while it has fewer items than the district asks for or a cross-check of the
    window's figures fails; the figures are frozen into the snapshot with the figures the district asks for,
    the window's safety events, the attention list by tier as it stands on the day of submission, and the ids
    and rows behind the figures (reports.frozen). A figure far from the school's previous months
    (reports.warnings.unusual_figures) never blocks: it asks for a `reason`, kept with the version and its
    warnings (snapshot "warnings") for the district."""
    with transaction.atomic():
        report = MonthlyReport.objects.select_for_update().get(pk=report.pk)
        _editable(report)
        _refuse_if_locked(report)
        asked = settings_for(report.school.district_id)
        items = report.items.count()
        if items < asked.items_required:
            raise ValidationError(
                _("The report needs at least %(required)s information items; it has %(count)s.")
                % {"required": asked.items_required, "count": items},
                code="items",
            )
        period = fig.Period(report.period_start, report.period_end)
        figures = fig.figures(report.school, period, today=today)
        failures = fig.cross_checks(figures)
        if failures:
            raise ValidationError(
                _("The report cannot be submitted while a cross-check fails: %(first)s") % {"first": failures[0]},
                code="cross_check",
            )
        # The attention list is counted on the day of submission (reports.figures.attention_tiers).
        frozen = snapshot(
            figures,
            failures,
            attention=fig.attention_tiers(report.school, today=today),
            safety=fig.safety_events(report.school, period),
        )
        unusual = unusual_figures(frozen["rows"], previous_rows(report.school, fig_window(report)))
        reason = reason.strip() if unusual else ""
        if unusual and not reason:
            message = _("Some figures are far from the school's previous months: say why before submitting.")
            raise ValidationError({"reason": ValidationError(message, code="reason")})
        if names_in(report.school, reason):
            message = _(
                "The reason goes to the district: write it without the names of children, parents or guardians."
            )
            raise ValidationError({"reason": ValidationError(message, code="names")})
        kept = freeze(report.school, period, keys=row_keys(frozen))
        report.snapshot = {
            **frozen,
            **kept,
            "figures": list(asked.figures),
            "items": items,
            "warnings": as_stored(unusual),
        }
        report.warning_reason = reason
        report.submitted_at = timezone.now()
        report.submitted_by = user
        report.updated_by = user
        report.save()
        monthly_figures_queue(report)
    return report


def _refuse_if_locked(report: MonthlyReport) -> None:
    """A month the county approved is locked (reports.approvals): no report of it is submitted, returned or
    accepted until the county withdraws its approval."""
    if month_locked(report.school.district_id, report.year, report.month):
        raise ValidationError(
            _("The county has approved this month: its reports no longer change until it withdraws the approval."),
            code="locked",
        )


def report_return(*, report: MonthlyReport, user: User, comment: str) -> MonthlyReport:
    """The district returns the latest submitted version with a comment: it stays as submitted; the school
    gets the next version, a draft carrying its items on. Returns the new draft."""
    comment = comment.strip()
    if not comment:
        raise ValidationError({"comment": _("Say what the school should correct.")}, code="comment")
    with transaction.atomic():
        report = MonthlyReport.objects.select_for_update().get(pk=report.pk)
        latest = _latest(report.school, fig_window(report))
        if report != latest or not report.is_submitted or report.is_returned:
            raise ValidationError(_("Only the latest submitted version can be returned."), code="not_submitted")
        if report.is_accepted:
            raise ValidationError(_("This monthly report is accepted; it can no longer be returned."), code="accepted")
        _refuse_if_locked(report)
        report.returned_at, report.returned_by, report.return_comment = timezone.now(), user, comment
        report.save()
        draft = MonthlyReport.objects.create(
            school=report.school,
            year=report.year,
            month=report.month,
            version=report.version + 1,
            period_start=report.period_start,
            period_end=report.period_end,
            due_on=report.due_on,
            updated_by=user,
        )
        for item in report.items.prefetch_related("photos"):
            copy = InformationItem.objects.create(report=draft, title=item.title, date=item.date, text=item.text)
            copy.photos.set(item.photos.all())
        monthly_figures_queue(report)
    return draft


def report_accept(*, report: MonthlyReport, user: User) -> MonthlyReport:
    """The district accepts (接收) the latest submitted version: who and when are kept on the version, and the
    report is final: it can no longer be returned, and the school has no draft to change."""
    with transaction.atomic():
        report = MonthlyReport.objects.select_for_update().get(pk=report.pk)
        latest = _latest(report.school, fig_window(report))
        if report != latest or not report.is_submitted or report.is_returned:
            raise ValidationError(_("Only the latest submitted version can be accepted."), code="not_submitted")
        if report.is_accepted:
            raise ValidationError(_("This monthly report is already accepted."), code="accepted")
        _refuse_if_locked(report)
        report.accepted_at, report.accepted_by = timezone.now(), user
        report.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
        monthly_figures_queue(report)
    return report


def fig_window(report: MonthlyReport) -> Window:
    return Window(report.year, report.month, fig.Period(report.period_start, report.period_end), report.due_on)
