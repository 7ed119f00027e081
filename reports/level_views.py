"""The pages of the levels above the school (reports.levels): an officer's area month by month, the units
below side by side with their totals, drilling down to what scoping allows; approving and withdrawing a month."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from reports.approvals import may_approve, period_approve, period_unapprove, waiting_below
from reports.levels import LEVEL_LABELS, area_for, area_semesters, level_rollup, own_area, semester_level_rollup
from reports.models import PeriodApprovalLog
from reports.monthly import previous_window, window_of


def _month(request) -> tuple[int, int]:
    """?month=YYYY-MM, else the last month already due (the report day 22)."""
    try:
        year, month = (int(part) for part in request.GET.get("month", "").split("-"))
        if 1 <= month <= 12 and 2000 <= year <= 2100:
            return year, month
    except ValueError:
        pass
    last = previous_window(window_of(timezone.localdate(), 22), 22)
    return last.year, last.month


def area_home(request):
    """An officer's own area."""
    area = own_area(request.user)
    return redirect("reports:area", level=area.level, pk=area.pk)


def _semester(request) -> tuple[int, int] | None:
    """?semester=YYYY-T (the school year it starts in, term 1 or 2), else None."""
    try:
        school_year, term = (int(part) for part in request.GET.get("semester", "").split("-"))
    except ValueError:
        return None
    return (school_year, term) if term in (1, 2) and 2000 <= school_year <= 2100 else None


def _period(request) -> tuple[dict, str]:
    """The period the page shows: ?semester=YYYY-T, else the month (?month=YYYY-MM or the last one due), as the
    approvals' keywords (year with month or term) and as the query that keeps it in links."""
    semester = _semester(request)
    if semester is not None:
        return {"year": semester[0], "term": semester[1]}, f"semester={semester[0]}-{semester[1]}"
    year, month = _month(request)
    return {"year": year, "month": month}, f"month={year}-{month:02d}"


def area(request, level: str, pk: int):
    """The area's month: one row per unit below with the frozen figures' sums and the totals = Σ; counts only.
    7 or 8 queries for the roll-up and its reporting whatever the size of the area (reports.levels.level_rollup),
    plus the semesters and the approval log. With ?semester=YYYY-T, the semester's signed summaries instead
    (reports.levels.semester_level_rollup, 4 or 5 queries)."""
    found = area_for(request.user, level, pk)
    period, period_query = _period(request)
    year, month = _month(request)
    if "term" in period:
        rollup = semester_level_rollup(found, period["year"], period["term"])
    else:
        rollup = level_rollup(found, year, month)
    log = []
    if found.level != "province":  # a province approves nothing itself
        whole = {"month": None, "term": None, **period}
        log = PeriodApprovalLog.objects.filter(**{found.level: found.unit}, **whole).select_related("by")
        log = list(log[:20])
    approver = may_approve(request.user, found)
    return render(
        request,
        "reports/area.html",
        {
            "rollup": rollup,
            "level_label": LEVEL_LABELS[found.level],
            "month_key": f"{year}-{month:02d}",
            "semester_key": f"{period['year']}-{period['term']}" if "term" in period else "",
            "period_query": period_query,
            "semesters": [(f"{y}-{t}", y, t) for y, t in area_semesters(found)],
            "may_approve": approver,
            "waiting": waiting_below(found, **period) if approver and rollup.approved is None else [],
            "log": log,
        },
    )


def _act(request, level: str, pk: int, action):
    found = area_for(request.user, level, pk)
    if not may_approve(request.user, found):
        raise PermissionDenied
    period, period_query = _period(request)
    try:
        action(area=found, user=request.user, **period)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(reverse("reports:area", args=[found.level, found.pk]) + f"?{period_query}")


@require_POST
def area_approve(request, level: str, pk: int):
    return _act(request, level, pk, period_approve)


@require_POST
def area_unapprove(request, level: str, pk: int):
    return _act(
        request,
        level,
        pk,
        lambda **period: period_unapprove(**period, reason=request.POST.get("reason", "")),
    )
