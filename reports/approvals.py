"""Approval bottom-up, as the chain works: a county approves its month once every school that owes a report for
it has its report accepted, and its semester once every school that keeps the semester has signed its summary;
the prefecture accepts (approves) the period once every county below it approved. An approved period is locked
below it until it is withdrawn at its own level, with a reason, logged: the county's reports can be neither
returned nor accepted, its schools' summaries not reopened, and a county cannot withdraw under an accepted
prefecture.

A period is a month (`year`, `month`) or a semester (`year` the school year it starts in, `term`): the
functions take `month` or `term`, and the rows keep the other empty."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organisation.models import District, School, Semester, User
from organisation.roles import Capability, Role
from reports.levels import DISTRICT, PREFECTURE, Area
from reports.models import MonthlyReport, PeriodApproval, PeriodApprovalLog, SemesterSummary
from reports.monthly import is_due, settings_for, window


def _period(year: int, month: int | None, term: int | None) -> dict:
    if (month is None) == (term is None):
        raise ValueError("a period is a month or a semester")
    return {"year": year, "month": month, "term": term}


def month_locked(district_id: int, year: int, month: int) -> bool:
    """Whether the county approved the month: its schools' reports of that month no longer change."""
    return PeriodApproval.objects.filter(district_id=district_id, **_period(year, month, None)).exists()


def semester_locked(district_id: int, school_year: int, term: int) -> bool:
    """Whether the county approved the semester: its schools' signed summaries are not reopened."""
    return PeriodApproval.objects.filter(district_id=district_id, **_period(school_year, None, term)).exists()


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


def waiting_below(area: Area, year: int, month: int | None = None, *, term: int | None = None) -> list:
    """What stops the area approving the period: the schools that owe a report of the month not yet accepted,
    or the schools keeping the semester without a signed summary (a county); the counties that have not
    approved (a prefecture)."""
    period = _period(year, month, term)
    if area.level == DISTRICT and month is not None:
        asked = settings_for(area.pk)
        w = window(year, month, asked.report_day)
        accepted = set(
            MonthlyReport.objects.filter(
                school__district_id=area.pk, year=year, month=month, accepted_at__isnull=False
            ).values_list("school_id", flat=True)
        )
        schools = School.objects.filter(district_id=area.pk).order_by("code")
        return [s for s in schools if is_due(s, w, asked) and s.pk not in accepted]
    if area.level == DISTRICT:
        keeping = Semester.objects.filter(school__district_id=area.pk, school_year=year, term=term)
        signed = SemesterSummary.objects.filter(semester__in=keeping, signed_at__isnull=False)
        waiting = keeping.exclude(pk__in=signed.values("semester_id")).values("school_id")
        return list(School.objects.filter(pk__in=waiting).order_by("code"))
    approved = set(
        PeriodApproval.objects.filter(district__prefecture_id=area.pk, **period).values_list("district_id", flat=True)
    )
    return [d for d in District.objects.filter(prefecture_id=area.pk).order_by("code") if d.pk not in approved]


def _refuse_unless_allowed(user: User, area: Area) -> None:
    if not may_approve(user, area):
        raise ValidationError(_("Only an officer of this area approves its months and semesters."), code="not_allowed")


def period_approve(
    *, area: Area, year: int, month: int | None = None, term: int | None = None, user: User
) -> PeriodApproval:
    """Approve the area's month or semester; refused while something below waits (`waiting_below`) or if it is
    approved."""
    _refuse_unless_allowed(user, area)
    period = _period(year, month, term)
    with transaction.atomic():
        if PeriodApproval.objects.select_for_update().filter(**{area.level: area.unit}, **period):
            raise ValidationError(_("This period is already approved."), code="approved")
        waiting = waiting_below(area, year, month, term=term)
        if waiting:
            if area.level == DISTRICT and month is not None:
                message = _("%(count)d schools' reports for this month are not accepted yet, first: %(first)s.")
            elif area.level == DISTRICT:
                message = _("%(count)d schools have not signed their summary of this semester yet, first: %(first)s.")
            elif month is not None:
                message = _("%(count)d counties have not approved this month yet, first: %(first)s.")
            else:
                message = _("%(count)d counties have not approved this semester yet, first: %(first)s.")
            raise ValidationError(message % {"count": len(waiting), "first": waiting[0]}, code="waiting")
        approval = PeriodApproval.objects.create(
            **{area.level: area.unit}, **period, approved_at=timezone.now(), approved_by=user
        )
        PeriodApprovalLog.objects.create(
            **{area.level: area.unit}, **period, action=PeriodApprovalLog.Action.APPROVED, by=user
        )
    return approval


def period_unapprove(
    *, area: Area, year: int, month: int | None = None, term: int | None = None, user: User, reason: str
) -> None:
    """Withdraw the area's approval of the month or semester, with a reason (logged); a county's is refused
    while its prefecture has approved the period (withdraw there first)."""
    _refuse_unless_allowed(user, area)
    period = _period(year, month, term)
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Say why the approval is withdrawn."), code="reason")
    with transaction.atomic():
        approval = PeriodApproval.objects.select_for_update().filter(**{area.level: area.unit}, **period).first()
        if approval is None:
            raise ValidationError(_("This period is not approved."), code="not_approved")
        if (
            area.level == DISTRICT
            and area.unit.prefecture_id
            and PeriodApproval.objects.filter(prefecture_id=area.unit.prefecture_id, **period).exists()
        ):
            raise ValidationError(
                _("The prefecture has accepted this period: it must withdraw its approval first."), code="locked"
            )
        approval.delete()
        PeriodApprovalLog.objects.create(
            **{area.level: area.unit},
            **period,
            action=PeriodApprovalLog.Action.UNAPPROVED,
            reason=reason,
            by=user,
        )
