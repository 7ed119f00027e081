"""Excel exports of the carers, coverage, class-grid, key-help plan and attention pages: the rows and columns each page
shows, through the same selectors and scoping, phones masked as the page masks them (organisation.exports
writes them)."""

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from children.scoping import children_for
from guardians.exports import contact_columns
from organisation import masking, scoping
from organisation.decorators import capability_required
from organisation.exports import (
    DATE,
    NUMBER,
    Column,
    Sheet,
    choice_labels,
    class_label_of,
    xlsx_response,
    yes_no,
)
from organisation.roles import Capability
from pairing import attention, care_logs, plan_selectors, selectors, summaries
from pairing.models import HomeVisit, Topic


def carer_columns(user) -> list[Column]:
    return [
        Column(gettext_lazy("Name"), lambda c: c.name, width=10),
        Column(gettext_lazy("Kind"), lambda c: c.get_kind_display(), width=14),
        Column(gettext_lazy("Organisation"), lambda c: c.organisation, width=20),
        Column(gettext_lazy("Phone"), lambda c: masking.phone_for(user, c.phone), width=14),
        Column(gettext_lazy("Login"), lambda c: c.user.username if c.user else "", width=12),
        Column(gettext_lazy("Active"), lambda c: yes_no(c.is_active), width=6),
    ]


@capability_required(Capability.EDIT_ARCHIVES, Capability.EXPORT)
def carer_list_export(request):
    carers = selectors.carers_for(request.user).select_related("user").order_by("-is_active", "kind", "name")
    return xlsx_response(
        Sheet(gettext_lazy("Carers"), carer_columns(request.user), carers), filename=gettext_lazy("Carers")
    )


COVERAGE_COLUMNS = [
    Column(gettext_lazy("Name"), lambda c: c.name, width=10),
    Column(gettext_lazy("Class"), class_label_of(lambda child: child), width=12),
]


@capability_required(Capability.EDIT_ARCHIVES, Capability.EXPORT)
def coverage_export(request):
    return xlsx_response(
        Sheet(gettext_lazy("Children without a carer"), COVERAGE_COLUMNS, selectors.coverage_gaps(request.user)),
        filename=gettext_lazy("Children without a carer"),
    )


def _norm_cell(index: int):
    def value(row) -> str:
        status = row[1][index]
        return f"{status.done}/{status.required}" if status is not None and status.applies else ""

    return value


@capability_required(Capability.EDIT_ARCHIVES, Capability.EXPORT)
def class_grid_export(request, pk: int):
    """Each child of the class and, per norm, work done / required this semester, as the grid shows it."""
    school_class = get_object_or_404(scoping.classes_for(request.user), pk=pk)
    grid = summaries.class_grid(children_for(request.user).filter(school_class=school_class).active())
    columns = [
        Column(gettext_lazy("Child"), lambda row: row[0].name, width=10),
        Column(gettext_lazy("Key-help"), lambda row: yes_no(row[0].is_key_help), width=8),
        *(Column(norm.label, _norm_cell(i), width=14) for i, norm in enumerate(grid["norms"])),
        Column(
            gettext_lazy("Norms overdue"),
            lambda row: sum(1 for s in row[1] if s is not None and s.applies and s.overdue),
            kind=NUMBER,
            width=10,
        ),
    ]
    title = _("Care work of %(name)s") % {"name": school_class}
    return xlsx_response(Sheet(title, columns, grid["rows"]), filename=title)


NORM_TOTAL_COLUMNS = [
    Column(gettext_lazy("Norm"), lambda row: row["norm"].label, width=30),
    Column(pgettext_lazy("care work", "Done"), lambda row: row["done"], kind=NUMBER, width=9),
    Column(pgettext_lazy("care work", "Required"), lambda row: row["required"], kind=NUMBER, width=9),
    Column(gettext_lazy("Children overdue"), lambda row: row["overdue"], kind=NUMBER, width=10),
]

CLASS_TOTAL_COLUMNS = [
    Column(gettext_lazy("Class"), lambda row: row[0].label, width=12),
    Column(pgettext_lazy("number of children", "Children"), lambda row: row[1]["children"], kind=NUMBER, width=8),
    Column(pgettext_lazy("care work", "Done"), lambda row: row[1]["done"], kind=NUMBER, width=9),
    Column(pgettext_lazy("care work", "Required"), lambda row: row[1]["required"], kind=NUMBER, width=9),
    Column(gettext_lazy("Children overdue"), lambda row: row[1]["overdue"], kind=NUMBER, width=10),
]


@capability_required(Capability.EDIT_ARCHIVES, Capability.EXPORT)
def overview_export(request):
    """The care overview's two tables, per norm and per class, with done and required as two number columns."""
    classes = scoping.classes_for(request.user).order_by("grade", "number")
    totals = summaries.school_totals(children_for(request.user).active(), classes)
    return xlsx_response(
        [
            Sheet(pgettext_lazy("sheet", "By norm"), NORM_TOTAL_COLUMNS, totals["norm_rows"]),
            Sheet(pgettext_lazy("sheet", "By class"), CLASS_TOTAL_COLUMNS, totals["class_rows"]),
        ],
        filename=gettext_lazy("Care overview"),
    )


# --- The care logs: talks, home visits, parent contacts ---


def _who_talked(talk) -> str:
    if talk.carer_id:
        return str(talk.carer)
    return str(talk.recorded_by) if talk.recorded_by_id else "—"


def _visitors(visit) -> str:
    return "、".join(str(person) for person in [*visit.carers.all(), *visit.staff.all()])


def talk_columns(user) -> list[Column]:
    """The talk log's columns; the confidential note only where the log shows it (its author, the principal)."""
    topics = choice_labels(Topic.choices)
    return [
        Column(gettext_lazy("Date"), lambda t: t.date, kind=DATE, width=11),
        Column(gettext_lazy("Child"), lambda t: t.child.name, width=10),
        Column(gettext_lazy("Class"), class_label_of(), width=12),
        Column(gettext_lazy("Who talked"), _who_talked, width=12),
        Column(gettext_lazy("Topics"), lambda t: t.get_topics_display(topics), width=20),
        Column(gettext_lazy("What was said"), lambda t: t.content, width=50),
        Column(gettext_lazy("Confidential note"), lambda t: selectors.confidential_note_for(t, user), width=30),
    ]


def visit_columns() -> list[Column]:
    met = choice_labels(HomeVisit.Met.choices)
    return [
        Column(gettext_lazy("Date"), lambda v: v.date, kind=DATE, width=11),
        Column(gettext_lazy("Child"), lambda v: v.child.name, width=10),
        Column(gettext_lazy("Class"), class_label_of(), width=12),
        Column(gettext_lazy("Visitors"), _visitors, width=20),
        Column(gettext_lazy("Who was met"), lambda v: met.get(v.met, v.met), width=12),
        Column(gettext_lazy("Advice given"), lambda v: v.advice, width=50),
    ]


def _log_export(request, log: str, columns: list[Column], title, only: tuple[str, ...] = ()):
    """Every row the filtered log pages through, in its order (the log's own filter and read rule); `only`
    names the fields the columns read, so a log of thousands of rows builds no more of each row than it writes."""
    rows = care_logs.filtered(care_logs.log_filter(log, request.user, request.GET))
    if only:
        rows = rows.only(*only)
    return xlsx_response(Sheet(title, columns, rows), filename=title)


# What the talk columns read (a talk of every semester is 8,000 rows at a school of 1,000 children).
TALK_EXPORT_FIELDS = (
    "date",
    "topics",
    "content",
    "confidential_note",
    "recorded_by__full_name",
    "recorded_by__username",
    "carer__name",
    "child__name",
    "child__school_id",
    "child__school_class__grade",
    "child__school_class__number",
)


@capability_required(Capability.EDIT_ARCHIVES, Capability.EXPORT)
def talk_log_export(request):
    return _log_export(request, "talk", talk_columns(request.user), gettext_lazy("Talks"), TALK_EXPORT_FIELDS)


@capability_required(Capability.EDIT_ARCHIVES, Capability.EXPORT)
def visit_log_export(request):
    return _log_export(request, "visit", visit_columns(), gettext_lazy("Home visits"))


@capability_required(Capability.EDIT_ARCHIVES, Capability.EXPORT)
def contact_log_export(request):
    return _log_export(request, "contact", contact_columns(care_log=True), gettext_lazy("Parent contacts"))


def plan_columns() -> list[Column]:
    """The key-help plan list's columns, with the plan's reasons, goals and measures its page shows; a plan
    that is not current has no next review (the list says "not current")."""
    today = timezone.localdate()

    def next_review(plan):
        return plan_selectors.review_due_on(plan, plan.last_review) if plan.is_current(today) else None

    return [
        Column(gettext_lazy("Child"), lambda p: p.child.name, width=10),
        Column(gettext_lazy("Class"), class_label_of(), width=12),
        Column(gettext_lazy("Responsible carer"), lambda p: p.carer.name if p.carer else "", width=12),
        Column(gettext_lazy("start date"), lambda p: p.start_date, kind=DATE, width=11),
        Column(gettext_lazy("End date"), lambda p: p.end_date, kind=DATE, width=11),
        Column(gettext_lazy("Last review"), lambda p: p.last_review, kind=DATE, width=11),
        Column(gettext_lazy("Next review"), next_review, kind=DATE, width=11),
        Column(gettext_lazy("Reasons"), lambda p: p.reasons, width=30),
        Column(gettext_lazy("Goals"), lambda p: p.goals, width=30),
        Column(gettext_lazy("Measures"), lambda p: p.measures, width=30),
    ]


@capability_required(Capability.EDIT_ARCHIVES, Capability.EXPORT)
def plan_list_export(request):
    """Every plan the list pages through, in its order."""
    title = _("Key-help plans")
    return xlsx_response(Sheet(title, plan_columns(), plan_selectors.plan_list(request.user)), filename=title)


def attention_columns() -> list[Column]:
    """The attention list's entries as the page shows them: tier, child, its open safety events (those the
    viewer may see, as the page lists them) and its reasons, then the reasons put aside."""
    separator = "；"
    yes, no = yes_no(True), yes_no(False)

    def reasons(entry) -> str:
        events = [
            _("Safety event: %(kind)s (%(date)s), not closed")
            % {"kind": event.get_kind_display(), "date": event.date.isoformat()}
            for event in entry.safety_events
        ]
        return separator.join([*events, *(str(reason.text) for reason in entry.reasons)])

    def put_aside(entry) -> str:
        return separator.join(
            _("One reason put aside until %(until)s: %(note)s") % {"until": s.until.isoformat(), "note": s.note}
            for s in entry.snoozed
        )

    return [
        Column(pgettext_lazy("attention list column", "Tier"), lambda e: e.tier_label, width=10),
        Column(gettext_lazy("Child"), lambda e: e.child.name, width=10),
        Column(gettext_lazy("Class"), class_label_of(), width=12),
        Column(gettext_lazy("Key-help"), lambda e: yes if e.child.is_key_help else no, width=8),
        Column(gettext_lazy("Reasons"), reasons, width=60),
        Column(gettext_lazy("Put aside"), put_aside, width=30),
    ]


@capability_required(Capability.EDIT_ARCHIVES, Capability.EXPORT)
def attention_export(request):
    """The entries the attention page shows (its ?tier= and ?reason=), in its order."""
    result = attention.load_attention(children_for(request.user).active(), request.user)
    entries = attention.filtered_entries(result, tier=request.GET.get("tier", ""), reason=request.GET.get("reason", ""))
    title = _("Attention list")
    return xlsx_response(Sheet(title, attention_columns(), entries), filename=title)
