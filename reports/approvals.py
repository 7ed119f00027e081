"""Approval bottom-up, as the chain works: a county approves its month once every school that owes a report for
it has its report accepted; the prefecture accepts (approves) the month once every county below it approved.
An approved month is locked below it until it is withdrawn at its own level, with a reason, logged: the county's
reports can be neither returned nor accepted, and a county cannot withdraw under an accepted prefecture."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organisation.models import District, School, User
from organisation.roles import Capability, Role
from reports.levels import DISTRICT, PREFECTURE, Area
from reports.models import MonthlyReport, PeriodApproval, PeriodApprovalLog
from reports.monthly import is_due, settings_for, window


def month_locked(district_id: int, year: int, month: int) -> bool:
    """Whether the county approved the month: its schools' reports of that month no longer change."""
    return PeriodApproval.objects.filter(district_id=district_id, year=year, month=month).exists()


def may_approve(user: User, area: Area) -> bool:
    """Only an officer of the area itself approves (or withdraws) its month: a county's its county officer,
    a prefecture's its prefecture officer."""
    if not user.is_authenticated or not user.can(Capability.APPROVE_PERIODS):
        return False
    if area.level == DISTRICT:
        return user.role == Role.DISTRICT_OFFICER and user.district_id == area.pk
    if area.level == PREFECTURE:
        return user.role == Role.PREFECTURE_OFFICER and user.prefecture_id == area.pk
    return False


def waiting_below(area: Area, year: int, month: int) -> list:
    """What stops the area approving the month: the schools that owe a report not yet accepted (a county), or
    the counties that have not approved (a prefecture)."""
    if area.level == DISTRICT:
        asked = settings_for(area.pk)
        w = window(year, month, asked.report_day)
        accepted = set(
            MonthlyReport.objects.filter(
                school__district_id=area.pk, year=year, month=month, accepted_at__isnull=False
            ).values_list("school_id", flat=True)
        )
        schools = School.objects.filter(district_id=area.pk).order_by("code")
        return [s for s in schools if is_due(s, w, asked) and s.pk not in accepted]
    approved = set(
        PeriodApproval.objects.filter(district__prefecture_id=area.pk, year=year, month=month).values_list(
            "district_id", flat=True
        )
    )
    return [d for d in District.objects.filter(prefecture_id=area.pk).order_by("code") if d.pk not in approved]


def _refuse_unless_allowed(user: User, area: Area) -> None:
    if not may_approve(user, area):
        raise ValidationError(_("Only an officer of this area approves its months."), code="not_allowed")


def month_approve(*, area: Area, year: int, month: int, user: User) -> PeriodApproval:
    """Approve the area's month; refused while something below waits (`waiting_below`) or if it is approved."""
    _refuse_unless_allowed(user, area)
    with transaction.atomic():
        if PeriodApproval.objects.select_for_update().filter(**{area.level: area.unit}, year=year, month=month):
            raise ValidationError(_("This month is already approved."), code="approved")
        waiting = waiting_below(area, year, month)
        if waiting:
            if area.level == DISTRICT:
                message = _("%(count)d schools' reports for this month are not accepted yet, first: %(first)s.")
            else:
                message = _("%(count)d counties have not approved this month yet, first: %(first)s.")
            raise ValidationError(message % {"count": len(waiting), "first": waiting[0]}, code="waiting")
        approval = PeriodApproval.objects.create(
            **{area.level: area.unit}, year=year, month=month, approved_at=timezone.now(), approved_by=user
        )
        PeriodApprovalLog.objects.create(
            **{area.level: area.unit}, year=year, month=month, action=PeriodApprovalLog.Action.APPROVED, by=user
        )
    return approval


def month_unapprove(*, area: Area, year: int, month: int, user: User, reason: str) -> None:
    """Withdraw the area's approval of the month, with a reason (logged); a county's is refused while its
    prefecture has approved the month (withdraw there first)."""
    _refuse_unless_allowed(user, area)
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Say why the approval is withdrawn."), code="reason")
    with transaction.atomic():
        approval = (
            PeriodApproval.objects.select_for_update().filter(**{area.level: area.unit}, year=year, month=month).first()
        )
        if approval is None:
            raise ValidationError(_("This month is not approved."), code="not_approved")
        if (
            area.level == DISTRICT
            and area.unit.prefecture_id
            and PeriodApproval.objects.filter(prefecture_id=area.unit.prefecture_id, year=year, month=month).exists()
        ):
            raise ValidationError(
                _("The prefecture has accepted this month: it must withdraw its approval first."), code="locked"
            )
        approval.delete()
        PeriodApprovalLog.objects.create(
            **{area.level: area.unit},
            year=year,
            month=month,
            action=PeriodApprovalLog.Action.UNAPPROVED,
            reason=reason,
            by=user,
        )
