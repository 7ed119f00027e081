"""The attention list (关注名单): which children need someone now, and why, in words a teacher acts on.

Never a score. Each signal is a small pure function of what is known about one child (`Facts`) and the
school's thresholds; it answers a `Reason` (what, with its value, and the form or record that clears it) or
None. An entry clears when the work that answers it is logged: the signals read the records, so a logged talk
takes "no talk" away. A teacher may snooze one reason for some days with a note; the reason comes back when
the snooze ends if the work is still not done.

Tiers: 立即处置 (act now) for a child with an open safety event the viewer may see; 重点关注 (close attention)
for two or more reasons, or a key-help child with one; 提醒 (reminder) for one reason.

`load_attention()` builds the facts of a queryset of children in a constant number of queries (its
docstring lists them) and runs every signal.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Exists, OuterRef, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from children.models import AcademicResult, Child, GuardianshipAssessment
from guardians.models import Guardian, Parent, ParentContact
from organisation.lookups import ids_subquery
from organisation.models import School, SchoolClass, Semester, User
from organisation.roles import Role
from pairing.models import (
    THRESHOLD_FIELDS,
    AttentionSettings,
    AttentionSnooze,
    DistrictAttentionDefaults,
    HomeVisit,
    Pairing,
    SafetyEvent,
    Talk,
)

# --- Thresholds: each a school's own where the principal set it, else the district's default, else built in. ---


@dataclass(frozen=True)
class Thresholds:
    no_talk_days: int = 30
    no_contact_days: int = 60
    rank_drop: int = 5
    guardian_age: int = 70
    change_days: int = 30

    @classmethod
    def of(cls, settings: AttentionSettings | None, district: DistrictAttentionDefaults | None = None) -> Thresholds:
        """Each threshold: the school's own when set, else the district's default, else the built-in one."""
        return cls(**{name: value for name, value, _source in _resolve(settings, district)})


class Source:
    SCHOOL = "school"
    DISTRICT = "district"
    BUILT_IN = "built_in"


SOURCE_LABELS = {
    Source.SCHOOL: _("set by the school"),
    Source.DISTRICT: _("the district's default"),
    Source.BUILT_IN: _("the built-in default"),
}


def _resolve(
    settings: AttentionSettings | None, district: DistrictAttentionDefaults | None
) -> list[tuple[str, int, str]]:
    built_in = Thresholds.__dataclass_fields__
    rows = []
    for name in THRESHOLD_FIELDS:
        own = getattr(settings, name, None) if settings is not None else None
        default = getattr(district, name, None) if district is not None else None
        if own is not None:
            rows.append((name, own, Source.SCHOOL))
        elif default is not None:
            rows.append((name, default, Source.DISTRICT))
        else:
            rows.append((name, built_in[name].default, Source.BUILT_IN))
    return rows


def _schools_with_settings(school_ids: Iterable[int]) -> QuerySet[School]:
    return School.objects.filter(pk__in=school_ids).select_related("attention_settings", "district__attention_defaults")


def _settings_of(school: School) -> tuple[AttentionSettings | None, DistrictAttentionDefaults | None]:
    # A missing reverse one-to-one row raises an AttributeError subclass: getattr answers None, no query.
    return getattr(school, "attention_settings", None), getattr(school.district, "attention_defaults", None)


def thresholds_for(school_ids: Iterable[int]) -> dict[int, Thresholds]:
    """{school id: its thresholds}. 1 query, whatever the number of schools."""
    return {school.pk: Thresholds.of(*_settings_of(school)) for school in _schools_with_settings(school_ids)}


def threshold_sources(school: School) -> list[tuple[str, int, str]]:
    """(threshold, value in force, where it comes from: Source) for the school's settings page. 1 query."""
    return _resolve(*_settings_of(_schools_with_settings([school.pk]).get()))


DEFAULT_THRESHOLDS = Thresholds()


# --- What is known about one child: plain data, so the signals need no database. ---


@dataclass
class Facts:
    child_id: int
    since: date  # the day the child became a left-behind child of the school (identified, else archived)
    is_key_help: bool = False
    guardianship: str = ""
    semester_start: date | None = None
    last_talk: date | None = None
    visited_this_semester: bool = False
    last_reached_parent: date | None = None
    last_parent_tries: tuple[bool, ...] = ()  # newest first: was the parent reached?
    guardians: tuple[tuple[int | None, str], ...] = ()  # (age, health)
    family_changed_on: date | None = None
    has_pairing: bool = False
    has_psychology_carer: bool = False
    disability: str = ""
    rank_before: int | None = None
    rank_now: int | None = None
    overdue_follow_up: tuple[int, date] | None = None  # (talk id, due)


@dataclass(frozen=True)
class Reason:
    key: str
    text: str
    url: str = ""
    link_label: str = ""


# Each signal: (facts, thresholds, today) -> Reason | None. Links are filled in by `_Linker`.


def _fill(message: str, values: dict) -> str:
    return str(message) % values


# A text with values, translated and filled in when it is shown: a school's list has some 1,500 reasons, a page
# shows a few of them (translating each on the spot took a tenth of the list's time).
_filled = lazy(_fill, str)


def no_talk(f: Facts, t: Thresholds, today: date) -> Reason | None:
    """No talk for `no_talk_days` days (default 30), counted from the last talk, or from the day the child was
    identified when there has been none: a child with no record at all is caught, one identified yesterday is not."""
    days = (today - (f.last_talk or f.since)).days
    if days < t.no_talk_days:
        return None
    return Reason("no_talk", _filled(_("%(days)d days without a talk"), {"days": days}))


def no_visit_this_semester(f: Facts, t: Thresholds, today: date) -> Reason | None:
    """No home visit in the current semester, once the child has been left-behind for `no_talk_days` days of it
    (a child identified last week is not yet due for a visit)."""
    if f.visited_this_semester or f.semester_start is None:
        return None
    if (today - max(f.semester_start, f.since)).days < t.no_talk_days:
        return None
    return Reason("no_visit", _("No home visit this semester"))


def no_parent_reached(f: Facts, t: Thresholds, today: date) -> Reason | None:
    """No contact that reached a parent for `no_contact_days` days (default 60), counted like `no_talk`."""
    days = (today - (f.last_reached_parent or f.since)).days
    if days < t.no_contact_days:
        return None
    return Reason("no_parent_contact", _filled(_("%(days)d days without reaching a parent"), {"days": days}))


def parents_unreachable(f: Facts, t: Thresholds, today: date) -> Reason | None:
    """The last two tries to reach a parent both failed."""
    if len(f.last_parent_tries) >= 2 and not any(f.last_parent_tries[:2]):
        return Reason("parents_unreachable", _("Parents not reached on the last two tries"))
    return None


def poor_guardianship(f: Facts, t: Thresholds, today: date) -> Reason | None:
    """The guardianship was assessed as poor (监护情况评估：差)."""
    if f.guardianship == GuardianshipAssessment.POOR:
        return Reason(
            "poor_guardianship",
            _filled(_("Guardianship assessed: %(value)s"), {"value": GuardianshipAssessment.POOR.label}),
        )
    return None


def no_guardian(f: Facts, t: Thresholds, today: date) -> Reason | None:
    """No guardian is recorded: nobody is known to look after the child."""
    if not f.guardians:
        return Reason("no_guardian", _("No guardian recorded"))
    return None


def frail_guardian(f: Facts, t: Thresholds, today: date) -> Reason | None:
    """Every guardian recorded is aged `guardian_age` (default 70) or more, or in poor health."""
    if not f.guardians:
        return None
    frail = [
        (age, health) for age, health in f.guardians if (age or 0) >= t.guardian_age or health == Guardian.Health.POOR
    ]
    if len(frail) < len(f.guardians):
        return None
    ages = [age for age, _health in frail if age]
    if ages and max(ages) >= t.guardian_age:
        return Reason("frail_guardian", _filled(_("Guardian aged %(age)d"), {"age": max(ages)}))
    return Reason("frail_guardian", _("Guardian in poor health"))


def family_change(f: Facts, t: Thresholds, today: date) -> Reason | None:
    """A guardian or parent was added, changed or removed in the last `change_days` days (default 30); the
    records written when the archive was first made do not count."""
    if f.family_changed_on is None or (today - f.family_changed_on).days >= t.change_days:
        return None
    return Reason(
        "family_change", _filled(_("Guardian or parent changed on %(date)s"), {"date": f.family_changed_on.isoformat()})
    )


def no_pairing(f: Facts, t: Thresholds, today: date) -> Reason | None:
    """No carer is paired with the child today."""
    return None if f.has_pairing else Reason("no_pairing", _("No carer paired"))


def results_declined(f: Facts, t: Thresholds, today: date) -> Reason | None:
    """The class rank of the last exam of this semester is `rank_drop` places (default 5) or more below the
    last of the previous semester."""
    if f.rank_before is None or f.rank_now is None:
        return None
    drop = f.rank_now - f.rank_before
    if drop < t.rank_drop:
        return None
    return Reason(
        "results_declined",
        _filled(
            _("Class rank down %(places)d places (%(before)d → %(now)d)"),
            {"places": drop, "before": f.rank_before, "now": f.rank_now},
        ),
    )


def follow_up_overdue(f: Facts, t: Thresholds, today: date) -> Reason | None:
    """A talk recorded a concern and its follow-up, due before today, is not done."""
    if f.overdue_follow_up is None:
        return None
    _talk_id, due = f.overdue_follow_up
    return Reason(
        "follow_up_overdue", _filled(_("Follow-up of a concern overdue since %(date)s"), {"date": due.isoformat()})
    )


def disability_without_support(f: Facts, t: Thresholds, today: date) -> Reason | None:
    """A disability is recorded and no current pairing has a psychology focus."""
    if f.disability and not f.has_psychology_carer:
        return Reason("disability_without_support", _("Disability recorded, no carer for psychology"))
    return None


SIGNALS: list[Callable[[Facts, Thresholds, date], Reason | None]] = [
    no_talk,
    no_visit_this_semester,
    no_parent_reached,
    parents_unreachable,
    poor_guardianship,
    no_guardian,
    frail_guardian,
    family_change,
    no_pairing,
    results_declined,
    follow_up_overdue,
    disability_without_support,
]

REASON_LABELS = {
    "no_talk": _("No talk for a while"),
    "no_visit": _("No home visit this semester"),
    "no_parent_contact": _("Parents not reached for a while"),
    "parents_unreachable": _("Parents unreachable"),
    "poor_guardianship": _("Poor guardianship"),
    "no_guardian": _("No guardian"),
    "frail_guardian": _("Old or ill guardian"),
    "family_change": _("Family change"),
    "no_pairing": _("No carer"),
    "results_declined": _("Results declined"),
    "follow_up_overdue": _("Follow-up overdue"),
    "disability_without_support": _("Disability without support"),
    "safety_event": _("Safety event"),
}


class Tier:
    ACT_NOW = "act_now"
    CLOSE = "close"
    REMINDER = "reminder"


TIER_LABELS = {
    Tier.ACT_NOW: pgettext_lazy("attention tier", "Act now"),
    Tier.CLOSE: pgettext_lazy("attention tier", "Close attention"),
    Tier.REMINDER: pgettext_lazy("attention tier", "Reminder"),
}
TIER_ORDER = [Tier.ACT_NOW, Tier.CLOSE, Tier.REMINDER]


def tier_of(reasons: list[Reason], *, is_key_help: bool, safety_event: bool) -> str | None:
    """立即处置 with an open safety event; 重点关注 with two reasons or more, or a key-help child with one;
    提醒 with one."""
    if safety_event:
        return Tier.ACT_NOW
    if len(reasons) >= 2 or (reasons and is_key_help):
        return Tier.CLOSE
    if reasons:
        return Tier.REMINDER
    return None


def reasons_for(facts: Facts, thresholds: Thresholds, today: date, snoozed: Iterable[str] = ()) -> list[Reason]:
    """Every signal that holds for the child, less the reasons snoozed until after today."""
    skip = set(snoozed)
    return [r for signal in SIGNALS if (r := signal(facts, thresholds, today)) is not None and r.key not in skip]


# --- The list. ---


@dataclass
class Entry:
    child: Child
    tier: str
    reasons: list[Reason]
    safety_events: list[SafetyEvent] = field(default_factory=list)
    snoozed: list[AttentionSnooze] = field(default_factory=list)

    @property
    def tier_label(self) -> str:
        return str(TIER_LABELS[self.tier])


@dataclass
class AttentionList:
    entries: list[Entry]
    by_tier: dict[str, int]
    by_reason: list[tuple[str, str, int]]  # (key, label, children)

    @property
    def total(self) -> int:
        """Every child on the list, also when only the first entries were built (`load_attention(limit=…)`)."""
        return sum(self.by_tier.values())

    def for_child(self, child_id: int) -> Entry | None:
        return next((e for e in self.entries if e.child.pk == child_id), None)


def filtered_entries(result: AttentionList, *, tier: str = "", reason: str = "") -> list[Entry]:
    """The list's entries of one tier and of one reason (an unknown tier or reason: all), as the attention
    page and its export show them."""
    entries = result.entries
    if tier in TIER_LABELS:
        entries = [e for e in entries if e.tier == tier]
    if reason in REASON_LABELS:
        entries = [
            e
            for e in entries
            if any(r.key == reason for r in e.reasons) or (reason == "safety_event" and e.safety_events)
        ]
    return entries


def safety_events_for(user: User) -> QuerySet[SafetyEvent]:
    """The one read rule for safety events: the principal of the child's school and the person who recorded
    the event; nobody else (not another head teacher, not a carer, never the district)."""
    if not user.is_authenticated or user.role not in (Role.PRINCIPAL, Role.ARCHIVE_KEEPER, Role.HEAD_TEACHER):
        return SafetyEvent.objects.none()
    qs = SafetyEvent.objects.filter(child__school_id=user.school_id, child__deleted_at__isnull=True)
    if user.role == Role.PRINCIPAL:
        return qs
    return qs.filter(recorded_by=user)


LINKS = {
    "no_talk": ("pairing:talk_create", _("Log a talk")),
    "follow_up_overdue": ("pairing:talk_create", _("Log a talk")),
    "no_visit": ("pairing:visit_create", _("Log a home visit")),
    "no_parent_contact": ("guardians:contact_create", _("Log a contact")),
    "parents_unreachable": ("guardians:contact_create", _("Log a contact")),
    "no_pairing": ("pairing:pairing_create", _("Pair with a carer")),
    "disability_without_support": ("pairing:pairing_create", _("Pair with a carer")),
    "poor_guardianship": ("guardians:archive_edit", _("Open the archive")),
    "no_guardian": ("guardians:archive_edit", _("Open the archive")),
    "frail_guardian": ("guardians:archive_edit", _("Open the archive")),
    "family_change": ("children:history", _("See what changed")),
    "results_declined": ("children:detail", _("See the results")),
}
_SENTINEL = 918273645  # stands for the child's id in a URL reversed once per list


class _Linker:
    """Puts on each reason the form or record that clears it (`LINKS`). Each URL is reversed, and each label
    translated, once per list rather than once per reason: a school of 1,000 has some 1,500 reasons."""

    def __init__(self) -> None:
        self.links: dict[str, tuple[str, str, str]] = {}  # reason key: (URL before the id, after it, label)

    def __call__(self, reason: Reason, child_id: int) -> Reason:
        if reason.key not in LINKS:
            return reason
        if reason.key not in self.links:
            name, label = LINKS[reason.key]
            before, after = reverse(name, args=[_SENTINEL]).split(str(_SENTINEL))
            self.links[reason.key] = (before, after, str(label))
        before, after, label = self.links[reason.key]
        return Reason(reason.key, reason.text, f"{before}{child_id}{after}", label)


# What the list reads of a child and shows on an entry (name, class, key-help), as attribute names; the model
# instance of an entry has only these (and its class): the archive's long texts are never read.
CHILD_FIELDS = (
    "id", "school_id", "school_class_id", "name", "status", "identified_on", "created_at", "is_key_help",
    "guardianship", "disability",
)  # fmt: skip
CLASS_FIELDS = ("id", "school_id", "grade", "number", "is_active")
N_CHILD, N_CLASS = len(CHILD_FIELDS), len(CLASS_FIELDS) - 1  # a row: the child's fields, its class's (less id), …


def _per_child(today: date) -> dict:
    """What the database finds per child, by correlated subqueries on the records' child indexes: the last talk,
    the last home visit up to today, the last contact that reached a parent and whether the last two tries to
    reach one did, whether a pairing (one with a psychology focus) is current, and the first overdue follow-up
    of a concern."""
    talks = Talk.objects.filter(child=OuterRef("pk"))
    tries = ParentContact.objects.filter(child=OuterRef("pk"), counterpart=ParentContact.Counterpart.PARENT)
    newest = tries.order_by("-date", "-pk").values("reached")
    visits = HomeVisit.objects.filter(child=OuterRef("pk"), date__lte=today)
    pairings = Pairing.objects.current(today).filter(child=OuterRef("pk"))
    overdue = (
        talks.filter(follow_up_done=False, follow_up_due__lt=today).exclude(concerns="").order_by("follow_up_due", "pk")
    )
    return {
        "attention_last_talk": Subquery(talks.order_by("-date").values("date")[:1]),
        "attention_last_visit": Subquery(visits.order_by("-date").values("date")[:1]),
        "attention_last_reached": Subquery(tries.filter(reached=True).order_by("-date").values("date")[:1]),
        "attention_last_try": Subquery(newest[:1]),
        "attention_try_before": Subquery(newest[1:2]),
        "attention_paired": Exists(pairings),
        "attention_psychology": Exists(pairings.filter(focus=Pairing.Focus.PSYCHOLOGY)),
        "attention_overdue_talk": Subquery(overdue.values("pk")[:1]),
        "attention_overdue_due": Subquery(overdue.values("follow_up_due")[:1]),
    }


def _child_rows(children: QuerySet[Child], today: date) -> tuple[list[tuple], Callable[[tuple], Child]]:
    """The children as value rows (one query, in the children's order: their fields, their class's, then
    `_per_child`), and a maker of the model instance of a row, with its class: only the children that make the
    list become model instances."""
    n = len(CHILD_FIELDS)
    per_child = _per_child(today)
    rows = list(
        children.annotate(**per_child).values_list(
            *CHILD_FIELDS, *(f"school_class__{f}" for f in CLASS_FIELDS[1:]), *per_child
        )
    )
    classes: dict[int, SchoolClass] = {}
    # from_db() takes the values in the model's field order.
    child_order = [f.attname for f in Child._meta.concrete_fields if f.attname in CHILD_FIELDS]
    child_at = [CHILD_FIELDS.index(name) for name in child_order]
    class_order = [f.attname for f in SchoolClass._meta.concrete_fields if f.attname in CLASS_FIELDS]
    class_at = [CLASS_FIELDS.index(name) for name in class_order]

    def make(row: tuple) -> Child:
        child = Child.from_db(children.db, child_order, [row[i] for i in child_at])
        class_id = row[2]
        if class_id not in classes:
            class_row = (class_id, *row[n : n + len(CLASS_FIELDS) - 1])
            classes[class_id] = SchoolClass.from_db(children.db, class_order, [class_row[i] for i in class_at])
        child.school_class = classes[class_id]
        return child

    return rows, make


def load_attention(
    children: QuerySet[Child],
    user: User | None,
    *,
    today: date | None = None,
    safety_events: QuerySet[SafetyEvent] | None = None,
    limit: int | None = None,
) -> AttentionList:
    """The attention list of these (already scoped, active) children, as `user` may see it.

    `limit`: only the first `limit` entries, in the list's order, are built (the dashboard's ten; none for the
    reports' count per tier); `by_tier` and `by_reason` always count every child on the list.

    `safety_events`: the events that put a child in 立即处置; by default those `user` may see
    (`safety_events_for`). The reports' count per tier passes every event of the school, and no user.

    Queries, whatever the number of children: 1 children with their classes and, per child, the last talk, the
    last home visit, the last reached parent contact and the last two tries, current pairings and the first overdue
    follow-up (`_per_child`), 2 thresholds (the schools' own and their districts' defaults), 3 semesters of their
    schools, 4 guardians, 5–6 recent changes of guardians and parents, 7 results of the two semesters, 8 snoozes,
    9 open safety events (those the user may see, or those passed in).
    """
    today = today or timezone.localdate()
    tz = timezone.get_current_timezone()  # once, not per date: timezone.localdate() looks it up every time
    child_rows, make_child = _child_rows(children, today)
    if not child_rows:
        return AttentionList(entries=[], by_tier={t: 0 for t in TIER_ORDER}, by_reason=[])
    ids = ids_subquery(children)  # compiled once, named in several queries below
    school_ids = {row[1] for row in child_rows}
    thresholds = thresholds_for(school_ids)

    semesters_of: dict[int, list[Semester]] = defaultdict(list)
    for semester in Semester.objects.filter(school_id__in=school_ids).order_by("-start_date"):
        semesters_of[semester.school_id].append(semester)
    current = {sid: next((s for s in sems if s.is_current), None) for sid, sems in semesters_of.items()}
    previous = {
        sid: next((s for s in semesters_of[sid] if current[sid] and s.start_date < current[sid].start_date), None)
        for sid in current
    }

    facts: dict[int, Facts] = {}
    created: dict[int, date] = {}
    for row in child_rows:
        child_id, school_id, *_skip, identified_on, created_at, key_help, guardianship, disability = row[:N_CHILD]
        last_talk, last_visit, last_reached, last_try, try_before, paired, psychology, overdue_talk, overdue_due = row[
            N_CHILD + N_CLASS :
        ]
        semester = current.get(school_id)
        created[child_id] = created_at.astimezone(tz).date()
        facts[child_id] = Facts(
            child_id=child_id,
            since=identified_on or created[child_id],
            is_key_help=key_help,
            guardianship=guardianship,
            semester_start=semester.start_date if semester else None,
            last_talk=last_talk,
            visited_this_semester=bool(semester and last_visit and last_visit >= semester.start_date),
            last_reached_parent=last_reached,
            last_parent_tries=tuple(t for t in (last_try, try_before) if t is not None),
            has_pairing=paired,
            has_psychology_carer=psychology,
            disability=disability,
            overdue_follow_up=(overdue_talk, overdue_due) if overdue_talk else None,
        )
    guardians: dict[int, list[tuple[int | None, str]]] = defaultdict(list)
    for child_id, age, health in (
        Guardian.objects.filter(child__in=ids).order_by().values_list("child_id", "age", "health")
    ):
        guardians[child_id].append((age, health))
    for child_id, rows in guardians.items():
        facts[child_id].guardians = tuple(rows)
    longest = max((t.change_days for t in thresholds.values()), default=Thresholds.change_days)
    horizon = timezone.make_aware(datetime.combine(today - timedelta(days=longest), time.min))
    for model in (Guardian, Parent):
        changes = (
            model.history.filter(child_id__in=ids, history_date__gte=horizon)
            .order_by()
            .values_list("child_id", "history_date")
        )
        for child_id, when in changes:
            day = when.astimezone(tz).date()
            if child_id in facts and day > created[child_id]:
                f = facts[child_id]
                f.family_changed_on = max(f.family_changed_on or day, day)
    wanted = [s.pk for s in list(current.values()) + list(previous.values()) if s]
    rank: dict[tuple[int, int], int | None] = {}  # (child, semester): class rank of its last result
    last_pk: dict[tuple[int, int], int] = {}
    for child_id, semester_id, pk, class_rank in (
        AcademicResult.objects.filter(child__in=ids, semester__in=wanted)
        .order_by()
        .values_list("child_id", "semester_id", "pk", "class_rank")
    ):
        if pk > last_pk.get((child_id, semester_id), 0):
            last_pk[(child_id, semester_id)] = pk
            rank[(child_id, semester_id)] = class_rank
    for child_id, school_id, *_rest in child_rows:
        now_sem, before_sem = current.get(school_id), previous.get(school_id)
        if now_sem and before_sem:
            now, before = rank.get((child_id, now_sem.pk)), rank.get((child_id, before_sem.pk))
            if now and before:
                facts[child_id].rank_before, facts[child_id].rank_now = before, now
    snoozes: dict[int, list[AttentionSnooze]] = defaultdict(list)
    for snooze in AttentionSnooze.objects.filter(child__in=ids, until__gte=today).order_by("child", "-until"):
        snoozes[snooze.child_id].append(snooze)
    events: dict[int, list[SafetyEvent]] = defaultdict(list)
    if safety_events is None:
        safety_events = safety_events_for(user)
    for event in safety_events.filter(child__in=ids, closed_on__isnull=True):
        events[event.child_id].append(event)

    listed = []  # (tier, reasons, row) of each child on the list; an Entry is built only for those shown
    for row in child_rows:
        child_id, school_id = row[0], row[1]
        f = facts[child_id]
        reasons = reasons_for(
            f, thresholds.get(school_id, DEFAULT_THRESHOLDS), today, [s.reason for s in snoozes[child_id]]
        )
        tier = tier_of(reasons, is_key_help=f.is_key_help, safety_event=bool(events[child_id]))
        if tier is not None:
            listed.append((tier, reasons, row))
    listed.sort(key=lambda e: (TIER_ORDER.index(e[0]), -len(e[1])))
    by_tier = {t: 0 for t in TIER_ORDER}
    counts: dict[str, int] = defaultdict(int)
    for tier, reasons, row in listed:
        by_tier[tier] += 1
        for reason in reasons:
            counts[reason.key] += 1
        if events[row[0]]:
            counts["safety_event"] += 1
    link = _Linker()
    entries = [
        Entry(make_child(row), tier, [link(r, row[0]) for r in reasons], events[row[0]], snoozes[row[0]])
        for tier, reasons, row in listed[:limit]
    ]
    by_reason = [(key, str(REASON_LABELS[key]), counts[key]) for key in REASON_LABELS if counts.get(key)]
    return AttentionList(entries=entries, by_tier=by_tier, by_reason=by_reason)


def child_panel(child: Child, user: User) -> dict:
    """The child page's attention panel: the child's current reasons, and the safety events the user may see."""
    if not user.can("edit_archives"):
        return {"visible": False}
    result = load_attention(Child.objects.filter(pk=child.pk).active(), user)
    entry = result.for_child(child.pk)
    return {
        "visible": True,
        "child": child,
        "entry": entry,
        "entries": [entry] if entry else [],
        "can_report": True,
        "closed_events": list(safety_events_for(user).filter(child=child, closed_on__isnull=False)),
    }
