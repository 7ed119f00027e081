"""Monthly reports (月报): the school fills and submits them; the district sets what it asks, follows every
school's status, reads the submitted figures and items (counts only) and returns a report with a comment."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from organisation.downloads import attach
from organisation.exports import DATE, NUMBER, Column, Sheet, xlsx_response
from organisation.models import School, Semester
from organisation.params import query_id
from organisation.roles import Capability
from pairing import services as attention_services
from pairing.forms import DistrictAttentionDefaultsForm
from pairing.models import DistrictAttentionDefaults
from reports import figures as fig
from reports import monthly_services as services
from reports.access import district_officer, list_scope, school_reporter
from reports.district import care_work_by_month, semester_rollup, window_rollup
from reports.district_workbook import district_workbook as build_district_workbook
from reports.figure_lists import figure_links, figure_list
from reports.forms import DistrictSettingsForm, InformationItemForm, ReturnForm
from reports.models import InformationItem, MonthlyReport, SemesterSummary
from reports.monthly import (
    Window,
    asked_rows,
    days_late,
    district_states,
    in_summer_holiday,
    is_due,
    month_is_due,
    months_around,
    previous_window,
    school_states,
    settings_for,
    state_of,
    window,
    window_of,
)
from reports.summary import sections, snapshot
from reports.warnings import from_stored, previous_rows, unusual_figures


def _window(school: School, year: int, month: int) -> Window:
    """Month M's window: as fixed by the report's first version, else from the district's report day."""
    if not (2000 <= year <= 2100 and 1 <= month <= 12):
        raise Http404
    first = MonthlyReport.objects.filter(school=school, year=year, month=month).order_by("version").first()
    if first is not None:
        return services.fig_window(first)
    return window(year, month, settings_for(school.district_id).report_day)


def _versions(school: School, w: Window) -> list[MonthlyReport]:
    return list(
        MonthlyReport.objects.filter(school=school, year=w.year, month=w.month)
        .select_related("submitted_by", "returned_by", "accepted_by")
        .prefetch_related("items__photos")
        .order_by("version")
    )


def _shown(versions: list[MonthlyReport], wanted: str | None) -> MonthlyReport | None:
    if query_id(wanted) is not None:
        return next((r for r in versions if r.version == query_id(wanted)), None)
    return versions[-1] if versions else None


def _figure_sections(school: School, w: Window, report: MonthlyReport | None, asked: list[int]):
    """A submitted version's frozen figures with the warnings it was submitted with, or the window's live
    figures with their cross-checks and the warnings submitting them would give (reports.warnings)."""
    if report is not None and report.is_submitted:
        data = report.snapshot
        shown = sections(asked_rows(data, data.get("figures", asked)), None)
        return shown, data.get("checks", []), from_stored(data.get("warnings"))
    figures = fig.figures(school, w.period)
    checks = fig.cross_checks(figures)
    live = snapshot(figures, checks, attention=fig.attention_tiers(school), safety=fig.safety_events(school, w.period))
    unusual = unusual_figures(live["rows"], previous_rows(school, w))
    return sections(asked_rows(live, asked), None), checks, unusual


# --- The school's side ---


def monthly_list(request):
    """The school's reports by month, newest first, with their status."""
    school_reporter(request.user)
    return render(request, "reports/monthly_list.html", {"states": school_states(request.user.school)})


def monthly_list_export(request):
    """The monthly-report list as a workbook: each month's period, due day, status and days late."""
    school_reporter(request.user)
    if not request.user.can(Capability.EXPORT):
        raise PermissionDenied
    columns = [
        Column(_("Month"), lambda s: date_format(s.window.due_on, "YEAR_MONTH_FORMAT")),  # as the list names it
        Column(_("From"), lambda s: s.window.period.start, kind=DATE, width=11),
        Column(_("To"), lambda s: s.window.period.end, kind=DATE, width=11),
        Column(_("Due"), lambda s: s.window.due_on, kind=DATE, width=11),
        Column(_("Status"), lambda s: s.label, width=10),
        Column(_("Days late"), lambda s: s.days_late, kind=NUMBER, width=8),
    ]
    title = _("Monthly reports")
    return xlsx_response(Sheet(title, columns, school_states(request.user.school)), filename=title)


def monthly_current(request):
    school_reporter(request.user)
    w = window_of(timezone.localdate(), settings_for(request.user.school.district_id).report_day)
    return redirect("reports:monthly_report", year=w.year, month=w.month)


def monthly_report(request, year: int, month: int):
    """Month M's report of the user's school: figures, items (added here while a draft) and the versions."""
    school_reporter(request.user)
    school = request.user.school
    w = _window(school, year, month)
    versions = _versions(school, w)
    report = _shown(versions, request.GET.get("version"))
    editable = report is None or (report is versions[-1] and not report.is_submitted)
    asked = settings_for(school.district_id)
    form = InformationItemForm(request.POST or None, school=school, window=w) if editable else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                draft = services.report_draft(school=school, window=w, user=request.user)
                services.item_save(report=draft, user=request.user, **form.cleaned_data)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("The information item is saved."))
                return redirect("reports:monthly_report", year=w.year, month=w.month)
    figure_sections, checks, unusual = _figure_sections(school, w, report, list(asked.figures))
    return render(
        request,
        "reports/monthly_report.html",
        {
            "window": w,
            "report": report,
            "versions": versions,
            "state": state_of(w, versions, timezone.localdate(), due=is_due(school, w, asked)),
            "sections": figure_sections,
            "checks": checks,
            "warnings": unusual,
            "form": form,
            "editable": editable,
            "items_required": asked.items_required,
            **figure_links(
                reverse("reports:monthly_report", args=[w.year, w.month]), report, report and report.is_submitted
            ),
        },
    )


def monthly_figure(request, year: int, month: int, key: str):
    """The children or records behind a figure of month M's report (?version=N: a submitted version opens
    its frozen members). The school's reporters only: 404 for a district officer (counts, never names)."""
    scope = list_scope(request.user)
    school_reporter(request.user)
    w = _window(request.user.school, year, month)
    versions = _versions(request.user.school, w)
    version = query_id(request.GET.get("version"))
    frozen = None
    if version is not None:
        frozen = next((r for r in versions if r.version == version and r.is_submitted), None)
        if frozen is None:
            raise Http404
    back = reverse("reports:monthly_report", args=[w.year, w.month]) + (f"?version={version}" if version else "")
    return figure_list(request, scope, w.period, key, frozen=frozen, back=back)


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _own_item(request, pk: int) -> InformationItem:
    school_reporter(request.user)
    return get_object_or_404(
        InformationItem.objects.select_related("report"), pk=pk, report__school=request.user.school
    )


def monthly_item(request, pk: int):
    """Change an information item of the draft."""
    item = _own_item(request, pk)
    report = item.report
    if report.is_submitted:
        raise PermissionDenied
    w = services.fig_window(report)
    form = InformationItemForm(request.POST or None, instance=item, school=report.school, window=w)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.item_save(
                report=report,
                user=request.user,
                item=item,
                title=data["title"],
                date=data["date"],
                text=data["text"],
                photos=data["photos"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The information item is saved."))
            return redirect("reports:monthly_report", year=report.year, month=report.month)
    return render(
        request,
        "form.html",
        {
            "form": form,
            "title": _("Information item"),
            "back_url": _month_url(report),
        },
    )


def _month_url(report: MonthlyReport) -> str:
    return reverse("reports:monthly_report", kwargs={"year": report.year, "month": report.month})


@require_POST
def monthly_item_delete(request, pk: int):
    item = _own_item(request, pk)
    report = item.report
    try:
        services.item_delete(item=item, user=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("The information item is deleted."))
    return redirect("reports:monthly_report", year=report.year, month=report.month)


@require_POST
def monthly_submit(request, year: int, month: int):
    school_reporter(request.user)
    w = _window(request.user.school, year, month)
    try:
        draft = services.report_draft(school=request.user.school, window=w, user=request.user)
        services.report_submit(report=draft, user=request.user, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("The monthly report is submitted to the district."))
    return redirect("reports:monthly_report", year=w.year, month=w.month)


# --- The district's side ---


def district_settings(request):
    """The report day, the figures and the number of information items the district asks for, and the
    district's default attention thresholds (a school follows them where it has not set its own)."""
    district_officer(request.user)
    current = settings_for(request.user.district_id)
    initial = {
        "report_day": current.report_day,
        "figures": current.figures,
        "items_required": current.items_required,
    }
    months = sorted(
        set(months_around(timezone.localdate())) | set(current.months_not_due or []) | set(current.months_due or [])
    )
    windows = {key: window(*(int(p) for p in key.split("-")), current.report_day) for key in months}
    initial["months_not_due"] = [key for key, w in windows.items() if not month_is_due(w, current)]
    summer = {key for key, w in windows.items() if in_summer_holiday(w)}
    form = DistrictSettingsForm(request.POST or None, initial=initial, months=months, summer=summer)
    defaults = DistrictAttentionDefaults.objects.filter(district_id=request.user.district_id).first()
    attention_form = DistrictAttentionDefaultsForm(
        request.POST or None,
        instance=defaults or DistrictAttentionDefaults(district_id=request.user.district_id),
        prefix="attention",
    )
    if form.is_valid() and attention_form.is_valid():
        with transaction.atomic():
            services.settings_save(
                district=request.user.district, user=request.user, months_shown=months, **form.cleaned_data
            )
            attention_services.attention_defaults_save(defaults=attention_form.instance, user=request.user)
        messages.success(request, _("The district's settings are saved."))
        return redirect("reports:district_reports")
    return render(
        request,
        "reports/district_settings.html",
        {"form": form, "attention_form": attention_form, "title": _("District settings"), "back_url": ""},
    )


def _chosen_window(request, report_day: int, *, closed: bool = False) -> Window:
    """?month=YYYY-MM, else the window being collected now (or, `closed`, the last one already due)."""
    chosen = request.GET.get("month", "")
    try:
        year, month = (int(part) for part in chosen.split("-"))
        return window(year, month, report_day)
    except ValueError:
        current = window_of(timezone.localdate(), report_day)
        return previous_window(current, report_day) if closed else current


def district_reports(request):
    """Every school of the district and its report for a window (?month=YYYY-MM; default the current one):
    on time, late, missing, with days late. 3 queries whatever the number of schools."""
    district_officer(request.user)
    asked = settings_for(request.user.district_id)
    day = asked.report_day
    w = _chosen_window(request, day)
    today = timezone.localdate()
    rows = district_states(request.user.district_id, w, asked)
    months = [window_of(today, day)]
    for _i in range(5):
        months.append(previous_window(months[-1], day))
    return render(
        request,
        "reports/district_reports.html",
        {"window": w, "rows": rows, "months": months, "report_day": day},
    )


def _district_report(request, pk: int) -> MonthlyReport:
    district_officer(request.user)
    return get_object_or_404(
        MonthlyReport.objects.select_related("school"),
        pk=pk,
        school__district_id=request.user.district_id,
        submitted_at__isnull=False,
    )


def district_report(request, pk: int):
    """A submitted version: its frozen figures (counts only) and its information items, with every version."""
    report = _district_report(request, pk)
    w = services.fig_window(report)
    versions = [r for r in _versions(report.school, w) if r.is_submitted]
    latest = versions[-1]
    data = report.snapshot
    return render(
        request,
        "reports/district_report.html",
        {
            "report": report,
            "window": w,
            "versions": versions,
            "sections": sections(asked_rows(data, data.get("figures", [])), None),
            "warnings": from_stored(data.get("warnings")),
            "late_days": days_late(w, versions),
            "form": ReturnForm() if report == latest and not report.is_returned and not report.is_accepted else None,
        },
    )


@require_POST
def district_return(request, pk: int):
    report = _district_report(request, pk)
    try:
        services.report_return(report=report, user=request.user, comment=request.POST.get("comment", ""))
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("reports:district_report", pk=report.pk)
    messages.success(request, _("The report is returned to the school."))
    return redirect(f"{reverse('reports:district_reports')}?month={report.year}-{report.month:02d}")


@require_POST
def district_accept(request, pk: int):
    """The district accepts the latest submitted version (已接收): final, no longer returned or changed."""
    report = _district_report(request, pk)
    try:
        services.report_accept(report=report, user=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("reports:district_report", pk=report.pk)
    messages.success(request, _("The report is accepted."))
    return redirect(f"{reverse('reports:district_reports')}?month={report.year}-{report.month:02d}")


def _rollup(request):
    """The roll-up the query asks for: ?semester=<year>-<term> (signed summaries) or ?month=YYYY-MM."""
    district = request.user.district
    chosen = request.GET.get("semester", "")
    year, _sep, term = chosen.partition("-")
    if year.isdecimal() and term.isdecimal() and len(year) == 4:
        return semester_rollup(district, int(year), int(term))
    return window_rollup(district, _chosen_window(request, settings_for(district.pk).report_day, closed=True))


def _sorted(rollup, sort: str):
    """Rows sorted by a column (?sort=<key>, ?sort=-<key> descending); schools without a value last."""
    key = sort.lstrip("-")
    keys = [k for k, _l, _kind in rollup.columns]
    if key not in keys:
        return rollup.rows
    index = keys.index(key)

    def value(row):
        v = row.values[index]
        return v.sort_key if hasattr(v, "sort_key") else v

    present = [row for row in rollup.rows if row.values[index] is not None]
    absent = [row for row in rollup.rows if row.values[index] is None]
    return sorted(present, key=value, reverse=sort.startswith("-")) + absent


def district_rollup(request):
    """Every school of the district side by side with a totals row, from submitted monthly reports or signed
    semester summaries; counts only. A constant number of queries whatever the number of schools."""
    district_officer(request.user)
    rollup = _rollup(request)
    semesters = (
        Semester.objects.filter(school__district_id=request.user.district_id)
        .values_list("school_year", "term")
        .distinct()
        .order_by("-school_year", "-term")
    )
    query = request.GET.copy()
    query.pop("sort", None)
    day = settings_for(request.user.district_id).report_day
    months = [window_of(timezone.localdate(), day)]
    for _i in range(5):
        months.append(previous_window(months[-1], day))
    charts = {
        **rollup.charts,
        "careWork": care_work_by_month(request.user.district, months),
        "locale": "ZH" if get_language().startswith("zh") else "EN",
    }
    return render(
        request,
        "reports/district_rollup.html",
        {
            "rollup": rollup,
            "rows": _sorted(rollup, request.GET.get("sort", "")),
            "sort": request.GET.get("sort", ""),
            "query": query.urlencode(),
            "semesters": [(f"{year}-{term}", year, term) for year, term in semesters],
            "charts": charts,
        },
    )


def district_workbook(request):
    """The roll-up the page shows, as an Excel workbook, with the report status of a window."""
    district_officer(request.user)
    rollup = _rollup(request)
    states = None
    if "semester" not in request.GET:
        asked = settings_for(request.user.district_id)
        w = _chosen_window(request, asked.report_day, closed=True)
        states = district_states(request.user.district_id, w, asked)
    content = build_district_workbook(rollup, states)
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    return attach(response, _("district-report.xlsx"))


def district_summary(request, pk: int):
    """A school's signed semester summary as the district reads it: the signed figures (counts only)."""
    district_officer(request.user)
    summary = get_object_or_404(
        SemesterSummary.objects.select_related("school", "semester"),
        pk=pk,
        school__district_id=request.user.district_id,
        signed_at__isnull=False,
    )
    return render(
        request,
        "reports/district_summary.html",
        {"summary": summary, "sections": sections(summary.snapshot, None)},
    )
