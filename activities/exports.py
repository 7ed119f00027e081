"""Excel exports of the birthdays, assistance, medical-exam and children's-home pages: the rows and columns
each page shows, through the same selectors, query parameters and scoping (organisation.exports writes the workbook)."""

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from activities import home_selectors, home_views, selectors
from activities.filters import ActivityFilter, AssistanceFilter, MedicalExamFilter
from activities.models import AssistanceKind
from activities.views import SEE, _month
from organisation import scoping
from organisation.decorators import capability_required
from organisation.exports import DATE, NUMBER, Column, Sheet, choice_labels, class_label_of, xlsx_response, yes_no
from organisation.roles import Capability

BIRTHDAY_COLUMNS = [
    Column(gettext_lazy("Name"), lambda b: b.child.name, width=10),
    Column(gettext_lazy("Class"), class_label_of(), width=12),
    Column(gettext_lazy("Birthday"), lambda b: b.day, kind=DATE, width=12),
    Column(gettext_lazy("Age"), lambda b: b.age, kind=NUMBER, width=6),
]


@capability_required(SEE, Capability.EXPORT)
def birthdays_export(request):
    year, month = _month(request)
    title = _("Birthdays in %(month)s") % {"month": f"{year}-{month:02d}"}
    return xlsx_response(
        Sheet(title, BIRTHDAY_COLUMNS, selectors.birthdays_in_month(request.user, year, month)), filename=title
    )


TOTAL_COLUMNS = [
    Column(gettext_lazy("Donor"), lambda t: t["donor_label"], width=16),
    Column(gettext_lazy("Kind"), lambda t: t["kind_label"], width=8),
    Column(pgettext_lazy("number of children", "Children"), lambda t: t["children"], kind=NUMBER, width=8),
    Column(gettext_lazy("Amount (yuan)"), lambda t: t["total"], kind=NUMBER, width=12),
]

WITHOUT_COLUMNS = [
    Column(gettext_lazy("Name"), lambda c: c.name, width=10),
    Column(gettext_lazy("Class"), class_label_of(lambda child: child), width=12),
    Column(gettext_lazy("Poverty or difficulty"), lambda c: c.get_poverty_status_display(), width=14),
]


def record_columns() -> list[Column]:
    kinds = choice_labels(AssistanceKind.choices)
    return [
        Column(gettext_lazy("Date"), lambda a: a.date, kind=DATE, width=11),
        Column(gettext_lazy("Child"), lambda a: a.child.name, width=10),
        Column(gettext_lazy("Class"), class_label_of(), width=12),
        Column(gettext_lazy("Donor"), lambda a: a.donor_label, width=16),
        Column(gettext_lazy("Kind"), lambda a: kinds.get(a.kind, a.kind), width=8),
        Column(gettext_lazy("Amount (yuan)"), lambda a: a.amount, kind=NUMBER, width=12),
        Column(gettext_lazy("What was given"), lambda a: a.description, width=30),
    ]


@capability_required(SEE, Capability.EXPORT)
def assistance_export(request):
    """The page's three parts as three sheets: totals by donor and kind (with the grand total), poor children
    who received nothing, and the records."""
    # The list's own filter, so the export has the rows the page shows.
    assistance_filter = AssistanceFilter(
        request.GET, queryset=selectors.assistance_for(request.user), semesters=scoping.semesters_for(request.user)
    )
    semester = assistance_filter.chosen_semester
    records = assistance_filter.filtered()
    totals = selectors.assistance_totals(records)
    grand_total = selectors.assistance_grand_total(records)
    total_row = {
        "donor_label": pgettext_lazy("sum of amounts", "Total"),
        "kind_label": "",
        "children": None,
        "total": grand_total,
    }
    without = selectors.poor_children_without_assistance(request.user, semester) if semester else []
    title = _("Assistance")
    return xlsx_response(
        [
            Sheet(_("Totals by donor and kind"), TOTAL_COLUMNS, [*totals, total_row]),
            Sheet(_("Received nothing"), WITHOUT_COLUMNS, without),
            Sheet(_("Records"), record_columns(), records),
        ],
        filename=f"{title}_{semester.label}" if semester else title,
    )


EXAM_COLUMNS = [
    Column(gettext_lazy("Date"), lambda e: e.date, kind=DATE, width=11),
    Column(gettext_lazy("Child"), lambda e: e.child.name, width=10),
    Column(gettext_lazy("Class"), class_label_of(), width=12),
    Column(gettext_lazy("Height (cm)"), lambda e: e.height_cm, kind=NUMBER, width=9),
    Column(gettext_lazy("Weight (kg)"), lambda e: e.weight_kg, kind=NUMBER, width=9),
    Column(gettext_lazy("Vision, left eye"), lambda e: e.vision_left, kind=NUMBER, width=9),
    Column(gettext_lazy("Vision, right eye"), lambda e: e.vision_right, kind=NUMBER, width=9),
    Column(gettext_lazy("Notes"), lambda e: e.notes, width=30),
]


@capability_required(SEE, Capability.EXPORT)
def medical_exam_export(request):
    """Every exam the (class-filtered) list pages through, newest first."""
    exam_filter = MedicalExamFilter(
        request.GET,
        queryset=selectors.medical_exam_list(request.user),
        classes=scoping.classes_for(request.user).filter(is_active=True),
    )
    exams = exam_filter.filtered()
    return xlsx_response(Sheet(_("Medical exams"), EXAM_COLUMNS, exams), filename=_("Medical exams"))


def activity_columns() -> list[Column]:
    return [
        Column(gettext_lazy("Date"), lambda a: a.date, kind=DATE, width=11),
        Column(gettext_lazy("Activity"), lambda a: a.title, width=30),
        Column(gettext_lazy("Kind"), lambda a: a.kind_label, width=16),
        Column(gettext_lazy("Place"), lambda a: a.place, width=20),
        Column(pgettext_lazy("number of children", "Children"), lambda a: a.attendee_count, kind=NUMBER, width=8),
    ]


@capability_required(SEE, Capability.EXPORT)
def activity_list_export(request):
    """Every activity the filtered list pages through, newest first, with its number of children."""
    activity_filter = ActivityFilter(
        request.GET, queryset=selectors.activity_list(request.user), semesters=scoping.semesters_for(request.user)
    )
    title = _("Care activities")
    return xlsx_response(Sheet(title, activity_columns(), activity_filter.filtered()), filename=title)


# --- The children's home: its opening log and its book loans ---


def _time_span(session) -> str:
    start = session.start_time.strftime("%H:%M") if session.start_time else ""
    return f"{start}–{session.end_time.strftime('%H:%M')}" if session.end_time else start


SESSION_COLUMNS = [
    Column(gettext_lazy("Date"), lambda s: s.date, kind=DATE, width=11),
    Column(gettext_lazy("Time"), _time_span, width=12),
    Column(gettext_lazy("On duty"), lambda s: s.duty_label, width=10),
    Column(pgettext_lazy("number of children", "Children"), lambda s: s.child_count, kind=NUMBER, width=8),
    Column(gettext_lazy("Calls"), lambda s: s.call_count, kind=NUMBER, width=8),
    Column(gettext_lazy("What was done"), lambda s: s.activities, width=50),
]


def _home_or_404(request):
    the_home = home_views._my_home(request)
    if the_home is None:
        raise Http404
    return the_home


@capability_required(home_views.READ, Capability.EXPORT)
def home_sessions_export(request):
    """Every opening of the school's children's home the page's log pages through, in its order."""
    the_home = _home_or_404(request)
    title = _("Opening log")
    sessions = home_selectors.session_list(request.user, the_home)
    return xlsx_response(Sheet(title, SESSION_COLUMNS, sessions), filename=f"{title}_{the_home.name}")


def loan_columns() -> list[Column]:
    today = timezone.localdate()
    yes, no = yes_no(True), yes_no(False)
    return [
        Column(gettext_lazy("Child"), lambda loan: loan.child.name, width=10),
        Column(gettext_lazy("Class"), class_label_of(), width=12),
        Column(gettext_lazy("Book title"), lambda loan: loan.title, width=30),
        Column(gettext_lazy("Borrowed on"), lambda loan: loan.borrowed_on, kind=DATE, width=11),
        Column(gettext_lazy("Returned on"), lambda loan: loan.returned_on, kind=DATE, width=11),
        Column(gettext_lazy("Overdue"), lambda loan: yes if loan.is_overdue(today) else no, width=8),
    ]


@capability_required(home_views.READ, Capability.EXPORT)
def home_loans_export(request):
    """Every loan the book-borrowing log lists (its ?show=open or overdue), in its order."""
    the_home = _home_or_404(request)
    show = request.GET.get("show", "")
    loans = home_selectors.loan_list(request.user, the_home, overdue_only=show == "overdue", open_only=show == "open")
    title = _("Book loans")
    return xlsx_response(Sheet(title, loan_columns(), loans), filename=f"{title}_{the_home.name}")
