"""The members of every figure (REPORTS.md "Every figure can be opened"): for a figure's key, as the summary's
and the monthly report's rows name it, the children or records it counts, as a queryset of one kind.

A figure is counted in reports.figures; its members here are chosen with the same selectors (records_in,
lbc_of, the scope), so the list's length is the figure, and a sum of yuan is the sum of the entries listed
(tests/reports/test_figure_lists.py walks every link of a summary and of a monthly report). A rate opens its
numerator; the figures that are not a set of children or records (students on roll, children per carer, norm
buckets, the attention list of a day) have no members: `members`
returns None for them and the pages show them as plain numbers.

What a viewer sees of the list is also limited by the read rule of its kind (`KINDS[kind].read`): the scope
already holds only the viewer's children, and the read rule is the same one the record's own list applies.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from activities import home_selectors
from activities import selectors as activity_selectors
from activities.models import (
    Activity,
    ActivityKind,
    Assistance,
    Attendance,
    BookLoan,
    HomeCall,
    HomeSession,
    MedicalExam,
)
from children.completeness import complete_q, with_completeness
from children.models import Child, LeftBehindType, PovertyStatus
from children.scoping import child_records_for, children_for
from guardians import selectors as guardian_selectors
from guardians.models import Guardian, ParentContact
from organisation import leading_group
from organisation.models import LeadingGroupMember, User
from organisation.roles import Role
from pairing import attention, plan_selectors
from pairing import selectors as pairing_selectors
from pairing.models import Carer, HomeVisit, Pairing, PlanReview, SafetyEvent, Talk
from reports import figures as fig
from reports.figures import Period, Scope

# --- The kinds of list: what a row shows, how it is fetched in one query, who may read it ---


@dataclass(frozen=True)
class Kind:
    label: Promise  # the heading of the list's first column
    related: tuple[str, ...]  # select_related, so a list is one query whatever its length
    order: tuple[str, ...]
    read: Callable[[User], QuerySet] | None  # the read rule of the records (None: the scope is the rule)
    child: str | None = "child"  # the path to the record's child, when it has one


KINDS: dict[str, Kind] = {
    "child": Kind(
        _("Child"), ("school_class",), ("school_class__grade", "school_class__number", "name"), children_for, ""
    ),
    "talk": Kind(_("Talk"), ("child__school_class",), ("date", "pk"), pairing_selectors.talks_for),
    "visit": Kind(_("Home visit"), ("child__school_class",), ("date", "pk"), pairing_selectors.visits_for),
    "contact": Kind(_("Contact"), ("child__school_class",), ("date", "pk"), guardian_selectors.contacts_for),
    "attendance": Kind(
        _("Activity attended"),
        ("child__school_class", "activity"),
        ("activity__date", "pk"),
        lambda user: child_records_for(user, Attendance.objects.all()),
    ),
    "activity": Kind(_("Activity"), (), ("date", "pk"), activity_selectors.activities_for, None),
    "assistance": Kind(_("Assistance"), ("child__school_class",), ("date", "pk"), activity_selectors.assistance_for),
    "session": Kind(_("Opening session"), (), ("date", "pk"), home_selectors.sessions_for, None),
    "home_visit": Kind(
        _("Visit to the children's home"),
        ("child__school_class", "homesession"),
        ("homesession__date", "pk"),
        lambda user: child_records_for(user, HomeSession.children.through.objects.all()),
    ),
    "call": Kind(
        _("Family-phone call"),
        ("contact__child__school_class", "session"),
        ("session__date", "pk"),
        lambda user: child_records_for(user, HomeCall.objects.all(), "contact__child"),
        "contact__child",
    ),
    "loan": Kind(_("Book loan"), ("child__school_class",), ("borrowed_on", "pk"), home_selectors.loans_for),
    "review": Kind(
        _("Plan review"), ("plan__child__school_class",), ("date", "pk"), plan_selectors.reviews_for, "plan__child"
    ),
    "carer": Kind(_("Carer"), (), ("name", "pk"), pairing_selectors.carers_for, None),
    "staff": Kind(_("Staff member"), (), ("full_name", "username"), None, None),
    "guardian": Kind(_("Guardian"), ("child__school_class",), ("child__name", "pk"), activity_selectors.guardians_for),
    "member": Kind(_("Member"), (), ("pk",), leading_group.members_for, None),
    "training_attendance": Kind(
        _("Guardian at a training session"),
        ("guardian__child__school_class", "activity"),
        ("activity__date", "pk"),
        lambda user: child_records_for(user, Activity.guardians.through.objects.all(), "guardian__child"),
        "guardian__child",
    ),
    # Safety events (强制报告): their own narrow read rule (the principal, and whoever recorded the event).
    "safety": Kind(_("Safety event"), ("child__school_class",), ("date", "pk"), attention.safety_events_for),
}


@dataclass(frozen=True)
class Members:
    kind: str
    queryset: QuerySet


# --- Children ---


def _lbc(s: Scope, p: Period) -> QuerySet[Child]:
    return fig.lbc_of(s, p)


def _lbc_where(**filters) -> Callable[[Scope, Period], QuerySet[Child]]:
    return lambda s, p: fig.lbc_of(s, p).filter(**filters)


def _lbc_with(records: Callable[[Scope, Period], QuerySet]) -> Callable[[Scope, Period], QuerySet[Child]]:
    """LBC of P with at least one of the records (a coverage's numerator)."""
    return lambda s, p: fig.lbc_of(s, p).filter(Exists(records(s, p).filter(child=OuterRef("pk"))))


def _children_with(records: Callable[[Scope, Period], QuerySet]) -> Callable[[Scope, Period], QuerySet[Child]]:
    """Children of S with at least one of the records (distinct children of a record count)."""
    return lambda s, p: fig.children_of(s).filter(Exists(records(s, p).filter(child=OuterRef("pk"))))


def _main_relation(s: Scope, p: Period) -> QuerySet[Child]:
    main = Guardian.objects.filter(child=OuterRef("pk")).order_by("pk").values("relation")[:1]
    return fig.lbc_of(s, p).alias(main_relation=Subquery(main))


def _guardian_other(s: Scope, p: Period) -> QuerySet[Child]:
    known = [*fig.GRANDPARENTS, *fig.OTHER_RELATIVES, Guardian.Relation.PARENT]
    return _main_relation(s, p).filter(~Q(main_relation__in=known) | Q(main_relation__isnull=True))


def _every_month(s: Scope, p: Period) -> QuerySet[Child]:
    reached = _parent_contacts(s, p).filter(reached=True)
    children = fig.lbc_of(s, p)
    for month in p.whole_months():
        children = children.filter(Exists(reached.filter(child=OuterRef("pk"), date__range=(month.start, month.end))))
    return children


def _poor_without(s: Scope, p: Period) -> QuerySet[Child]:
    records = fig.records_in(Assistance, s, p)
    return (
        fig.lbc_of(s, p)
        .filter(poverty_status__in=[PovertyStatus.DIBAO, PovertyStatus.REGISTERED_POOR])
        .exclude(Exists(records.filter(child=OuterRef("pk"))))
    )


def _progress(direction: int) -> Callable[[Scope, Period], QuerySet[Child]]:
    return lambda s, p: fig.children_of(s).filter(pk__in=fig.progress_children(s, p, direction))


# --- Records ---


def _records(model, **filters) -> Callable[[Scope, Period], QuerySet]:
    return lambda s, p: fig.records_in(model, s, p).filter(**filters)


def _parent_contacts(s: Scope, p: Period, **filters) -> QuerySet[ParentContact]:
    return fig.parent_contacts_in(s, p).filter(**filters)


def _contacts(**filters) -> Callable[[Scope, Period], QuerySet]:
    return lambda s, p: _parent_contacts(s, p, **filters)


def _guardian_contacts(**filters) -> Callable[[Scope, Period], QuerySet]:
    return _records(ParentContact, counterpart=ParentContact.Counterpart.GUARDIAN, **filters)


def _activities(s: Scope, p: Period, **filters) -> QuerySet[Activity]:
    scope = fig.as_scope(s)
    in_p = Activity.objects.filter(school=scope.school, date__range=(p.start, p.end), **filters)
    if not scope.whole_school:
        in_p = in_p.filter(Exists(Attendance.objects.filter(scope.child_q(), activity=OuterRef("pk"))))
    return in_p


def _attendances(s: Scope, p: Period) -> QuerySet[Attendance]:
    return Attendance.objects.filter(fig.as_scope(s).child_q(), activity__in=_activities(s, p).values("pk"))


def _trained_guardians(s: Scope, p: Period) -> QuerySet[Guardian]:
    return Guardian.objects.filter(pk__in=fig.guardian_attendances(s, p).values("guardian_id"))


def _current_pairings(s: Scope, p: Period) -> QuerySet[Pairing]:
    return Pairing.objects.current(p.end).filter(child__in=fig.lbc_of(s, p).values("pk"))


def _carers(**filters) -> Callable[[Scope, Period], QuerySet[Carer]]:
    return lambda s, p: Carer.objects.filter(pk__in=_current_pairings(s, p).values("carer"), **filters)


def _visitors_staff(s: Scope, p: Period) -> QuerySet[User]:
    return User.objects.filter(pk__in=fig.records_in(HomeVisit, s, p).values("staff"))


def _visitors_carers(s: Scope, p: Period) -> QuerySet[Carer]:
    return Carer.objects.filter(pk__in=fig.records_in(HomeVisit, s, p).values("carers"))


def _home_sessions(s: Scope, p: Period) -> QuerySet[HomeSession]:
    scope = fig.as_scope(s)
    sessions = HomeSession.objects.filter(home__school=scope.school, date__range=(p.start, p.end))
    if not scope.whole_school:
        sessions = sessions.filter(
            Exists(HomeSession.children.through.objects.filter(scope.child_q(), homesession=OuterRef("pk")))
        )
    return sessions


def _home_visits(s: Scope, p: Period):
    scope = fig.as_scope(s)
    return HomeSession.children.through.objects.filter(homesession__in=_home_sessions(s, p).values("pk")).filter(
        scope.child_q() if not scope.whole_school else Q(child__deleted_at__isnull=True)
    )


def _home_calls(s: Scope, p: Period) -> QuerySet[HomeCall]:
    scope = fig.as_scope(s)
    return HomeCall.objects.filter(session__in=_home_sessions(s, p).values("pk")).filter(
        scope.child_q("contact__child") if not scope.whole_school else Q(contact__child__deleted_at__isnull=True)
    )


def _books(s: Scope, p: Period) -> QuerySet[BookLoan]:
    scope = fig.as_scope(s)
    return BookLoan.objects.filter(scope.child_q(), home__school=scope.school, borrowed_on__range=(p.start, p.end))


def _reviews(s: Scope, p: Period) -> QuerySet[PlanReview]:
    return PlanReview.objects.filter(fig.as_scope(s).child_q("plan__child"), date__range=(p.start, p.end))


def _care_staff(s: Scope, p: Period) -> QuerySet[User]:
    scope = fig.as_scope(s)
    in_p = scope.child_q() & Q(date__range=(p.start, p.end))
    visits_in_p = scope.child_q("homevisit__child") & Q(homevisit__date__range=(p.start, p.end))
    return User.objects.exclude(role=Role.CARER).filter(
        Q(pk__in=Talk.objects.filter(in_p).values("recorded_by_id"))
        | Q(pk__in=ParentContact.objects.filter(in_p).values("recorded_by_id"))
        | Q(pk__in=HomeVisit.staff.through.objects.filter(visits_in_p).values("user_id"))
    )


def _leading_group(s: Scope, p: Period) -> QuerySet[LeadingGroupMember]:
    scope = fig.as_scope(s)
    year = p.end.year if p.end.month >= 8 else p.end.year - 1
    return LeadingGroupMember.objects.filter(school=scope.school, school_year=year).filter(
        Q(left_on__isnull=True) | Q(left_on__gt=p.end)
    )


def _complete(s: Scope, p: Period) -> QuerySet[Child]:
    return with_completeness(fig.lbc_of(s, p)).filter(complete_q())


def _overdue(s: Scope, p: Period) -> QuerySet[Child]:
    return fig.children_of(s).filter(pk__in=fig.norm_compliance(s, p).overdue_ids)


Members_of = Callable[[Scope, Period], QuerySet]

# key -> (kind, members); a prefixed key ("grade:3") is looked up by its prefix with the value passed on.
BY_KEY: dict[str, tuple[str, Members_of]] = {
    "lbc": ("child", _lbc),
    "lbc_share": ("child", _lbc),
    "boarding": ("child", _lbc_where(is_boarding=True)),
    "day_pupils": ("child", _lbc_where(is_boarding=False)),
    "edu_single": ("child", lambda s, p: fig.lbc_of(s, p).exclude(left_behind_type__in=["", LeftBehindType.BOTH_AWAY])),
    "edu_double": ("child", _lbc_where(left_behind_type=LeftBehindType.BOTH_AWAY)),
    "civil": ("child", lambda s, p: fig.lbc_of(s, p).filter(fig.civil_affairs_q(p))),
    "type_none": ("child", _lbc_where(left_behind_type="")),
    "guardian_grandparent": ("child", lambda s, p: _main_relation(s, p).filter(main_relation__in=fig.GRANDPARENTS)),
    "guardian_relative": ("child", lambda s, p: _main_relation(s, p).filter(main_relation__in=fig.OTHER_RELATIVES)),
    "guardian_parent": (
        "child",
        lambda s, p: _main_relation(s, p).filter(main_relation=Guardian.Relation.PARENT),
    ),
    "guardian_other": ("child", _guardian_other),
    "new": ("child", fig.new_children),
    "reidentified": ("child", lambda s, p: fig.new_children(s, p).filter(reidentified=True)),
    "left": ("child", fig.left_children),
    "filing": ("child", _complete),
    "pairing": ("child", _lbc_with(lambda s, p: Pairing.objects.current(p.end))),
    "carers": ("carer", _carers()),
    "active_carers": ("carer", fig.active_carers),
    "key_help": ("child", fig.key_help_children),
    "key_help_plans": ("child", lambda s, p: fig.key_help_children(s, p).filter(with_plan=True)),
    "key_help_no_plan": ("child", lambda s, p: fig.key_help_children(s, p).filter(with_plan=False)),
    "key_help_reviews": ("review", _reviews),
    "childrens_home_sessions": ("session", _home_sessions),
    "childrens_home": ("home_visit", _home_visits),
    "childrens_home_calls": ("call", _home_calls),
    "childrens_home_books": ("loan", _books),
    "care_staff": ("staff", _care_staff),
    "leading_group": ("member", _leading_group),
    "talks": ("talk", _records(Talk)),
    "talk_children": ("child", _children_with(_records(Talk))),
    "talk_coverage": ("child", _lbc_with(_records(Talk))),
    "visits": ("visit", _records(HomeVisit)),
    "visit_children": ("child", _children_with(_records(HomeVisit))),
    "visit_coverage": ("child", _lbc_with(_records(HomeVisit))),
    "visitors_staff": ("staff", _visitors_staff),
    "visitors_carers": ("carer", _visitors_carers),
    "guardians_met": ("child", fig.guardian_met_children),
    "contacts": ("contact", _contacts()),
    "contacts_not_reached": ("contact", _contacts(reached=False)),
    "family_phone": ("contact", _contacts(initiated_by=ParentContact.Initiator.CHILD)),
    "contact_coverage": ("child", _lbc_with(_contacts(reached=True))),
    "contact_every_month": ("child", _every_month),
    "guardian_contacts": ("contact", _guardian_contacts()),
    "guardian_contacts_not_reached": ("contact", _guardian_contacts(reached=False)),
    "overdue": ("child", _overdue),
    "activities": ("activity", _activities),
    "attendances": ("attendance", _attendances),
    "activity_children": ("child", _children_with(_attendances)),
    "training_sessions": ("activity", fig.training_sessions),
    "training_attendances": ("training_attendance", fig.guardian_attendances),
    "training_guardians": ("guardian", _trained_guardians),
    "birthdays": (
        "child",
        _lbc_with(
            lambda s, p: Attendance.objects.filter(
                activity__school=fig.school_of(s),
                activity__kind=ActivityKind.BIRTHDAY_PARTY,
                activity__date__range=(p.start, p.end),
            )
        ),
    ),
    "medical": ("child", _lbc_with(lambda s, p: MedicalExam.objects.filter(date__range=(p.start, p.end)))),
    "assistance_total": ("assistance", _records(Assistance)),
    "all_contacts": ("contact", _records(ParentContact)),  # the per-class table: every contact, reached or not
    "assisted_children": ("child", _children_with(_records(Assistance))),
    "poor_without": ("child", _poor_without),
    "safety_events": ("safety", _records(SafetyEvent)),
    "safety_open": (
        "safety",
        lambda s, p: fig.records_in(SafetyEvent, s, p).filter(Q(closed_on__isnull=True) | Q(closed_on__gt=p.end)),
    ),
    "progress": ("child", _progress(1)),
    "declined": ("child", _progress(-1)),
}

BY_PREFIX: dict[str, tuple[str, Callable[[Scope, Period, str], QuerySet]]] = {
    "grade": ("child", lambda s, p, v: fig.lbc_of(s, p).filter(school_class__grade=v)),
    "gender": ("child", lambda s, p, v: fig.lbc_of(s, p).filter(gender=v)),
    "type": ("child", lambda s, p, v: fig.lbc_of(s, p).filter(left_behind_type=v)),
    "reason": ("child", lambda s, p, v: fig.left_children(s, p).filter(reason=v)),
    "carer": ("carer", lambda s, p, v: _carers(kind=v)(s, p)),
    "active_carer": ("carer", lambda s, p, v: fig.active_carers(s, p).filter(kind=v)),
    "initiator": ("contact", lambda s, p, v: _parent_contacts(s, p, initiated_by=v)),
    "channel": ("contact", lambda s, p, v: _parent_contacts(s, p, channel=v)),
    "activity": ("activity", lambda s, p, v: _activities(s, p, kind=v)),
    "donor": ("assistance", lambda s, p, v: fig.records_in(Assistance, s, p).filter(donor_kind=v)),
    "assist": ("assistance", lambda s, p, v: fig.records_in(Assistance, s, p).filter(kind=v)),
    "safety": ("safety", lambda s, p, v: fig.records_in(SafetyEvent, s, p).filter(kind=v)),
    # The per-carer table (reports.tables.carer_table), by carer id.
    "paired": (
        "child",
        lambda s, p, v: fig.lbc_of(s, p).filter(pk__in=_current_pairings(s, p).filter(carer_id=v).values("child")),
    ),
    "carer_talks": ("talk", lambda s, p, v: fig.records_in(Talk, s, p).filter(carer_id=v)),
    "carer_visits": ("visit", lambda s, p, v: fig.records_in(HomeVisit, s, p).filter(carers=v)),
    "carer_contacts": (
        "contact",
        lambda s, p, v: fig.records_in(ParentContact, s, p).filter(
            recorded_by__isnull=False, recorded_by__in=Carer.objects.filter(pk=v).values("user_id")
        ),
    ),
}
_BY_ID = {"paired", "carer_talks", "carer_visits", "carer_contacts"}  # prefixes whose value is a carer id

# Labels of the figures that are not rows of the summary (the tables' columns).
LABELS = {
    "all_contacts": _("Contacts with parents and guardians"),
    "paired": _("Children paired with the carer on the last day"),
    "carer_talks": _("Talks held by the carer"),
    "carer_visits": _("Home visits the carer took part in"),
    "carer_contacts": _("Contacts recorded by the carer"),
}


def opens(key: str) -> bool:
    """Whether the figure of `key` has members a page can list."""
    prefix, sep, _value = key.partition(":")
    return key in BY_KEY or (bool(sep) and prefix in BY_PREFIX)


def members(scope: Scope, period: Period, key: str) -> Members | None:
    """The children or records the figure of `key` counts over `scope` and `period`; None for a figure that
    has none (see the module's docstring)."""
    if key in BY_KEY:
        kind, build = BY_KEY[key]
        return Members(kind, build(scope, period))
    prefix, sep, value = key.partition(":")
    if prefix in _BY_ID and not value.isdigit():
        return None
    if sep and prefix in BY_PREFIX:
        kind, build = BY_PREFIX[prefix]
        return Members(kind, build(scope, period, value))
    return None


def listed(found: Members, user: User, *, ids: list[int] | None = None, school_class: int | None = None) -> QuerySet:
    """The rows a viewer sees of a figure's members: within the kind's read rule, fetched in one query. With
    `ids` (the frozen members of a signed or submitted version), those records instead of today's; with
    `school_class`, those of that class's children (the per-class table)."""
    kind = KINDS[found.kind]
    queryset = found.queryset
    if ids is not None:
        queryset = queryset.model.objects.filter(pk__in=ids)
    if school_class is not None and kind.child is not None:
        queryset = queryset.filter(**{"__".join(filter(None, [kind.child, "school_class_id"])): school_class})
    if kind.read is not None:
        queryset = queryset.filter(pk__in=kind.read(user).values("pk"))
    return queryset.select_related(*kind.related).order_by(*kind.order)


# --- A row of a list: the day, the child (a link, when the viewer sees children), and what it was ---


@dataclass(frozen=True)
class Row:
    day: object  # a date, or None
    child: Child | None
    detail: str
    amount: object = None  # the yuan of an assistance entry


def _child_path(kind: Kind, obj):
    if kind.child is None:
        return None
    if kind.child == "":
        return obj
    for part in kind.child.split("__"):
        obj = getattr(obj, part)
    return obj


def _detail(kind: str, obj) -> tuple[object, str, object]:
    """(day, detail, amount) of one member."""
    if kind == "child":
        return None, obj.get_left_behind_type_display(), None
    if kind == "visit":
        return obj.date, obj.get_met_display(), None
    if kind == "contact":
        reached = _("reached") if obj.reached else _("not reached")
        return obj.date, f"{obj.get_channel_display()} · {reached}", None
    if kind == "attendance":
        return obj.activity.date, obj.activity.title, None
    if kind == "training_attendance":
        return obj.activity.date, f"{obj.guardian} · {obj.activity.title}", None
    if kind == "activity":
        return obj.date, f"{obj.title} ({obj.get_kind_display()})", None
    if kind == "assistance":
        return obj.date, f"{obj.get_donor_kind_display()} · {obj.get_kind_display()}", obj.amount
    if kind == "home_visit":
        return obj.homesession.date, "", None
    if kind == "call":
        return obj.session.date, "", None
    if kind == "loan":
        return obj.borrowed_on, obj.title, None
    if kind == "safety":
        return obj.date, obj.get_kind_display(), None
    if kind == "carer":
        return None, f"{obj.name} ({obj.get_kind_display()})", None
    if kind in ("staff", "guardian", "member"):
        return None, str(obj), None
    return getattr(obj, "date", None), "", None  # talk, session, review


def rows(kind: str, queryset: QuerySet) -> list[Row]:
    """The rows of a list, read in the one query of `listed`."""
    spec = KINDS[kind]
    return [Row(*_split(_detail(kind, obj), _child_path(spec, obj))) for obj in queryset]


def _split(detail: tuple[object, str, object], child) -> tuple:
    day, text, amount = detail
    return day, child, text, amount
