import operator

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, ngettext, pgettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from children.scoping import children_for
from organisation import scoping
from organisation.downloads import attach
from organisation.exports import NUMBER, PERCENT, Column, Sheet, xlsx_response
from organisation.models import Semester
from organisation.params import query_id
from organisation.roles import Capability
from pairing import attention
from reports import rates, services
from reports.access import list_scope, may_keep_reports, report_scope, report_semester
from reports.dashboard import dashboard as dashboard_data
from reports.drilldown import FIGURES, children_behind
from reports.figure_lists import figure_links, figure_list
from reports.figures import Period
from reports.forms import EnrolmentForm, NarrativeForm
from reports.models import SemesterSummary
from reports.monthly import district_follow_up, settings_for, window_of
from reports.monthly import reminder as monthly_reminder
from reports.pages import enrolment_classes, enrolment_counts, summary_page
from reports.pdf import summary_pdf as build_pdf
from reports.selectors import home_summary
from reports.tables import carer_table, class_table, sorted_rows
from reports.workbook import summary_workbook as build_workbook


def home(request):
    """Each role's start page, where login leads. The principal's and the archive keeper's is the school's
    dashboard, once the school has a current semester (the dashboard needs one; it shows the monthly report's
    reminder). Everyone else, and a school without a current semester, gets the start page: who am I, my
    school(s), my classes and the counts I may see, and the reminder; a head teacher's leads to the dashboard of
    their classes first, and to my week."""
    semester = scoping.current_semester(request.user.school_id) if request.user.school_id else None
    keeps_reports = may_keep_reports(request.user)
    if keeps_reports and semester is not None:
        return redirect("reports:dashboard")
    context = {
        "summary": home_summary(request.user),
        "semester": semester,
        "may_report": request.user.can(Capability.VIEW_REPORTS) and bool(request.user.school_id),
        "monthly_reminder": monthly_reminder(request.user.school) if keeps_reports else None,
    }
    if request.user.can(Capability.VIEW_DISTRICT) and request.user.district_id:
        context["follow_up_window"], context["follow_up"] = district_follow_up(request.user.district_id)
        day = settings_for(request.user.district_id).report_day
        reporting = rates.overview(
            scoping.schools_for(request.user), window_of(timezone.localdate(), day), chosen=request.GET.get("month")
        )
        context["reporting"] = reporting
        context["charts"] = {
            "reportingTrend": reporting.chart,
            "locale": "ZH" if get_language().startswith("zh") else "EN",
        }
    return render(request, "reports/home.html", context)


def summary_current(request):
    """The current semester's summary of the user's school."""
    report_scope(request.user)
    semester = scoping.current_semester(request.user.school)
    if semester is None:
        messages.info(request, _("Set a current semester first."))
        return redirect("home")
    return redirect("reports:summary", pk=semester.pk)


def summary(request, pk: int):
    """A semester's summary: figures with Δ, cross-checks, the narrative (editable while a draft). A head
    teacher sees the figures of their classes, without narrative or versions.

    Saving the narrative computes no figure (the page it redirects to does): a draft save at 1,000 children
    computed both semesters' figures twice."""
    semester = report_semester(request.user, pk)
    form = None
    if request.method == "POST":
        draft = services.latest_summary(semester)
        if not may_keep_reports(request.user) or (draft is not None and draft.is_signed):
            raise PermissionDenied
        form = NarrativeForm(request.POST, instance=draft)
        if form.is_valid():
            try:
                services.summary_save_draft(semester=semester, user=request.user, **form.cleaned_data)
            except ValidationError as error:
                messages.error(request, error.messages[0])
            else:
                messages.success(request, _("The draft is saved."))
            return redirect("reports:summary", pk=semester.pk)
    scope = report_scope(request.user)
    page = summary_page(semester, version=query_id(request.GET.get("version")), scope=scope)
    editable = may_keep_reports(request.user) and (
        page.summary is None or (not page.summary.is_signed and page.is_latest)
    )
    if editable and form is None:
        form = NarrativeForm(instance=page.summary)
    return render(
        request,
        "reports/summary.html",
        {
            "semester": semester,
            "page": page,
            "form": form if editable else None,
            "may_sign": request.user.can(Capability.SIGN_REPORTS),
            "may_keep": may_keep_reports(request.user),
            **figure_links(
                reverse("reports:summary", args=[semester.pk]), page.summary, page.summary and page.summary.is_signed
            ),
        },
    )


@require_POST
def summary_sign(request, pk: int):
    semester = report_semester(request.user, pk, capability=Capability.SIGN_REPORTS)
    try:
        services.summary_sign(semester=semester, user=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("The summary is signed."))
    return redirect("reports:summary", pk=semester.pk)


@require_POST
def summary_reopen(request, pk: int):
    semester = report_semester(request.user, pk, capability=Capability.SIGN_REPORTS)
    try:
        summary = services.summary_reopen(semester=semester, user=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Version %(version)s is open for changes.") % {"version": summary.version})
    return redirect("reports:summary", pk=semester.pk)


def enrolment(request, pk: int):
    """One page for the whole school: each class's students on roll (在校生数) in the semester."""
    semester = report_semester(request.user, pk, capability=Capability.KEEP_REPORTS)
    classes = enrolment_classes(semester)
    form = EnrolmentForm(request.POST or None, classes=classes, initial_counts=enrolment_counts(semester))
    if form.is_valid():
        entered = services.enrolment_save(semester=semester, counts=form.counts())
        messages.success(
            request,
            ngettext(
                "Students on roll saved for %(count)s class.", "Students on roll saved for %(count)s classes.", entered
            )
            % {"count": entered},
        )
        return redirect("reports:enrolment", pk=semester.pk)
    total = sum(v for v in enrolment_counts(semester).values())
    semesters = Semester.objects.filter(school_id=semester.school_id).order_by("-start_date")
    return render(
        request,
        "reports/enrolment.html",
        {"semester": semester, "form": form, "total": total, "semesters": semesters},
    )


def enrolment_export(request, pk: int):
    """The students-on-roll grid of the semester: each class of the grid with its number (empty when not
    entered yet), then the school's total."""
    semester = report_semester(request.user, pk, capability=Capability.KEEP_REPORTS)
    if not request.user.can(Capability.EXPORT):
        raise PermissionDenied
    counts = enrolment_counts(semester)
    rows = [(str(c.label), counts.get(c.pk)) for c in enrolment_classes(semester)]
    rows.append((str(_("All")), sum(counts.values())))
    columns = [
        Column(_("Class"), lambda row: row[0], width=14),
        Column(_("Students on roll"), lambda row: row[1], kind=NUMBER, width=12),
    ]
    title = _("Students on roll, %(semester)s") % {"semester": semester}
    return xlsx_response(Sheet(_("Students on roll"), columns, rows), filename=title)


DASHBOARD_ATTENTION = 10  # the most urgent entries of the attention list; the list page has them all


def dashboard(request):
    """The principal's and archive keeper's dashboard for the current semester (or ?semester=<id>); a head
    teacher's for their classes."""
    scope = report_scope(request.user)
    chosen = query_id(request.GET.get("semester"))
    if chosen is not None:
        semester = report_semester(request.user, chosen)
    else:
        semester = scoping.current_semester(request.user.school)
    if semester is None:
        messages.info(request, _("Set a current semester first."))
        return redirect("home")
    data = dashboard_data(scope, semester)
    may_keep = may_keep_reports(request.user)
    charts = {**data.charts, "locale": "ZH" if get_language().startswith("zh") else "EN"}
    needs = attention.load_attention(children_for(request.user).active(), request.user, limit=DASHBOARD_ATTENTION)
    return render(
        request,
        "reports/dashboard.html",
        {
            "dashboard": data,
            "charts": charts,
            "attention": needs,
            "attention_tiers": [(t, attention.TIER_LABELS[t], needs.by_tier[t]) for t in attention.TIER_ORDER],
            "scope": scope,
            "may_keep": may_keep,
            # The monthly report's reminder, for those who keep the reports, on the current semester's dashboard.
            "monthly_reminder": monthly_reminder(request.user.school) if may_keep and chosen is None else None,
        },
    )


def figure_children(request, pk: int, key: str):
    """The children behind a figure of the semester; ?missing=1 lists the rest of a rate's LBC; ?grade,
    ?type and ?school_class narrow it the way the dashboard's bars do."""
    semester = report_semester(request.user, pk)
    scope = report_scope(request.user)
    if key not in FIGURES:
        raise Http404
    figure = FIGURES[key]
    missing = request.GET.get("missing") == "1" and figure.missing_label is not None
    children = children_behind(scope, Period.of_semester(semester), key, missing=missing)
    grade, kind, school_class = (request.GET.get(name, "") for name in ("grade", "type", "school_class"))
    if query_id(grade) is not None:
        children = children.filter(school_class__grade=query_id(grade))
    if kind:
        children = children.filter(left_behind_type="" if kind == "none" else kind)
    if query_id(school_class) is not None:
        children = children.filter(school_class_id=query_id(school_class))
    children = children.select_related("school_class").order_by("school_class__grade", "school_class__number", "name")
    return render(
        request,
        "reports/figure_children.html",
        {
            "semester": semester,
            "key": key,
            "title": figure.missing_label if missing else figure.label,
            "other_title": (figure.label if missing else figure.missing_label),
            "missing": missing,
            "children": children,
        },
    )


def summary_workbook(request, pk: int):
    """The summary's Excel workbook (the version shown on the page, ?version=N); a head teacher's is of their
    classes."""
    semester = report_semester(request.user, pk)
    version = request.GET.get("version", "")
    page = summary_page(semester, version=query_id(version), scope=report_scope(request.user))
    content = build_workbook(semester, page)
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    name = _("semester-summary-%(year)s-%(term)s.xlsx") % {"year": semester.school_year, "term": semester.term}
    return attach(response, name)


def summary_pdf(request, pk: int):
    """The summary as a PDF, A4 (the version shown on the page, ?version=N); a head teacher's is of their
    classes."""
    semester = report_semester(request.user, pk)
    version = request.GET.get("version", "")
    page = summary_page(semester, version=query_id(version), scope=report_scope(request.user))
    name = _("semester-summary-%(year)s-%(term)s.pdf") % {"year": semester.school_year, "term": semester.term}
    response = HttpResponse(build_pdf(semester, page, request), content_type="application/pdf")
    return attach(response, name)


def _columns():
    return [
        ("children", _("Left-behind children")),
        ("talks", pgettext("number of talks", "Talks")),
        ("visits", pgettext("number of home visits", "Home visits")),
        ("contacts", _("Contacts")),
        ("compliance", _("Norm compliance")),
        ("overdue", _("Overdue children")),
    ]


def tables(request, pk: int):
    """班级、教师考核: per class and per carer for the semester, sortable by any column (?sort=, ?carer_sort=)."""
    semester = report_semester(request.user, pk, capability=Capability.KEEP_REPORTS)
    period = Period.of_semester(semester)
    class_sort, carer_sort = request.GET.get("sort", ""), request.GET.get("carer_sort", "")
    return render(
        request,
        "reports/tables.html",
        {
            "semester": semester,
            "classes": sorted_rows(class_table(semester.school, period), class_sort),
            "carers": sorted_rows(carer_table(semester.school, period), carer_sort),
            "class_sort": class_sort,
            "carer_sort": carer_sort,
            "class_columns": [("label", _("Class")), *_columns(), ("progress", _("Academic progress"))],
            "carer_columns": [("name", _("Carer")), *_columns()],
            **figure_links(reverse("reports:summary", args=[semester.pk]), None, False),
        },
    )


def _table_columns(first: Column) -> list[Column]:
    """The tables page's columns as export columns: counts as numbers, the compliance rate as a percentage
    (empty over nothing, as REPORTS.md shows "—")."""
    numbers = [
        Column(label, operator.attrgetter(key), kind=NUMBER, width=10)
        for key, label in _columns()
        if key != "compliance"
    ]
    compliance = Column(_("Norm compliance"), lambda row: row.compliance.rate, kind=PERCENT, width=10)
    return [first, *numbers[:4], compliance, numbers[4]]


def tables_export(request, pk: int):
    """The tables page as a workbook: by class and by carer, in the page's ?sort= and ?carer_sort= orders."""
    semester = report_semester(request.user, pk, capability=Capability.KEEP_REPORTS)
    if not request.user.can(Capability.EXPORT):
        raise PermissionDenied
    period = Period.of_semester(semester)
    classes = sorted_rows(class_table(semester.school, period), request.GET.get("sort", ""))
    carers = sorted_rows(carer_table(semester.school, period), request.GET.get("carer_sort", ""))
    title = _("Classes and carers, %(semester)s") % {"semester": semester}
    return xlsx_response(
        [
            Sheet(_("By class"), _table_columns(Column(_("Class"), lambda row: row.label, width=14)), classes),
            Sheet(_("By carer"), _table_columns(Column(_("Carer"), lambda row: row.name, width=12)), carers),
        ],
        filename=title,
    )


def summary_figure(request, pk: int, key: str):
    """The children or records behind a figure of the semester's summary (?version=N: of that version; a
    signed version opens its frozen members, a draft the live ones). 404 for a district officer."""
    scope = list_scope(request.user)
    semester = report_semester(request.user, pk)
    frozen = None
    version = query_id(request.GET.get("version"))
    if version is not None and scope.whole_school:
        frozen = get_object_or_404(SemesterSummary, semester=semester, version=version)
        frozen = frozen if frozen.is_signed else None  # a draft's figures are live
    back = reverse("reports:summary", args=[semester.pk]) + (f"?version={version}" if version else "")
    return figure_list(request, scope, Period.of_semester(semester), key, frozen=frozen, back=back)
