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

from django.db.models import F, Max, QuerySet, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from children.models import AcademicResult, Child, GuardianshipAssessment
from guardians.models import Guardian, Parent, ParentContact
from organisation.models import School, Semester, User
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


# Each signal: (facts, thresholds, today) -> Reason | None. Links are filled in by `_link`.


def no_talk(f: Facts, t: Thresholds, today: date) -> Reason | None:
    """No talk for `no_talk_days` days (default 30), counted from the last talk, or from the day the child was
    identified when there has been none: a child with no record at all is caught, one identified yesterday is not."""
    days = (today - (f.last_talk or f.since)).days
    if days < t.no_talk_days:
        return None
    return Reason("no_talk", _("%(days)d days without a talk") % {"days": days})


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
    return Reason("no_parent_contact", _("%(days)d days without reaching a parent") % {"days": days})


def parents_unreachable(f: Facts, t: Thresholds, today: date) -> Reason | None:
    """The last two tries to reach a parent both failed."""
    if len(f.last_parent_tries) >= 2 and not any(f.last_parent_tries[:2]):
        return Reason("parents_unreachable", _("Parents not reached on the last two tries"))
    return None


def poor_guardianship(f: Facts, t: Thresholds, today: date) -> Reason | None:
    """The guardianship was assessed as poor (监护情况评估：差)."""
    if f.guardianship == GuardianshipAssessment.POOR:
        return Reason(
            "poor_guardianship", _("Guardianship assessed: %(value)s") % {"value": GuardianshipAssessment.POOR.label}
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
        return Reason("frail_guardian", _("Guardian aged %(age)d") % {"age": max(ages)})
    return Reason("frail_guardian", _("Guardian in poor health"))


def family_change(f: Facts, t: Thresholds, today: date) -> Reason | None:
    """A guardian or parent was added, changed or removed in the last `change_days` days (default 30); the
    records written when the archive was first made do not count."""
    if f.family_changed_on is None or (today - f.family_changed_on).days >= t.change_days:
        return None
    return Reason(
        "family_change", _("Guardian or parent changed on %(date)s") % {"date": f.family_changed_on.isoformat()}
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
        _("Class rank down %(places)d places (%(before)d → %(now)d)")
        % {"places": drop, "before": f.rank_before, "now": f.rank_now},
    )


def follow_up_overdue(f: Facts, t: Thresholds, today: date) -> Reason | None:
    """A talk recorded a concern and its follow-up, due before today, is not done."""
    if f.overdue_follow_up is None:
        return None
    _talk_id, due = f.overdue_follow_up
    return Reason("follow_up_overdue", _("Follow-up of a concern overdue since %(date)s") % {"date": due.isoformat()})


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

    def for_child(self, child_id: int) -> Entry | None:
        return next((e for e in self.entries if e.child.pk == child_id), None)


def safety_events_for(user: User) -> QuerySet[SafetyEvent]:
    """The one read rule for safety events: the principal of the child's school and the person who recorded
    the event; nobody else (not another head teacher, not a carer, never the district)."""
    if not user.is_authenticated or user.role not in (Role.PRINCIPAL, Role.ARCHIVE_KEEPER, Role.HEAD_TEACHER):
        return SafetyEvent.objects.none()
    qs = SafetyEvent.objects.filter(child__school_id=user.school_id, child__deleted_at__isnull=True)
    if user.role == Role.PRINCIPAL:
        return qs
    return qs.filter(recorded_by=user)


def _link(reason: Reason, child: Child) -> Reason:
    """The form or record that clears the reason."""
    targets = {
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
    if reason.key not in targets:
        return reason
    name, label = targets[reason.key]
    return Reason(reason.key, reason.text, reverse(name, args=[child.pk]), str(label))


def load_attention(
    children: QuerySet[Child],
    user: User | None,
    *,
    today: date | None = None,
    safety_events: QuerySet[SafetyEvent] | None = None,
) -> AttentionList:
    """The attention list of these (already scoped, active) children, as `user` may see it.

    `safety_events`: the events that put a child in 立即处置; by default those `user` may see
    (`safety_events_for`). The reports' count per tier passes every event of the school, and no user.

    Queries, whatever the number of children: 1 children with classes, 2 thresholds (the schools' own and their
    districts' defaults), 3 semesters of their schools, 4 last talk per child, 5 children visited this semester,
    6 last reached parent contact per child, 7 the last two tries to reach a parent, 8 guardians, 9–10 recent
    changes of guardians and parents, 11 current pairings, 12 results of the two semesters, 13 overdue
    follow-ups, 14 snoozes, 15 open safety events (the user may see, or those passed in).
    """
    today = today or timezone.localdate()
    child_list = list(children.select_related("school_class"))
    if not child_list:
        return AttentionList(entries=[], by_tier={t: 0 for t in TIER_ORDER}, by_reason=[])
    ids = children.values("pk")
    school_ids = {c.school_id for c in child_list}
    thresholds = thresholds_for(school_ids)

    semesters_of: dict[int, list[Semester]] = defaultdict(list)
    for semester in Semester.objects.filter(school_id__in=school_ids).order_by("-start_date"):
        semesters_of[semester.school_id].append(semester)
    current = {sid: next((s for s in sems if s.is_current), None) for sid, sems in semesters_of.items()}
    previous = {
        sid: next((s for s in semesters_of[sid] if current[sid] and s.start_date < current[sid].start_date), None)
        for sid in current
    }
    starts = [s.start_date for s in current.values() if s]

    facts: dict[int, Facts] = {}
    for c in child_list:
        semester = current.get(c.school_id)
        facts[c.pk] = Facts(
            child_id=c.pk,
            since=c.identified_on or timezone.localdate(c.created_at),
            is_key_help=c.is_key_help,
            guardianship=c.guardianship,
            semester_start=semester.start_date if semester else None,
            disability=c.disability,
        )
    for child_id, last in Talk.objects.filter(child__in=ids).order_by().values_list("child").annotate(Max("date")):
        facts[child_id].last_talk = last
    if starts:
        visited = (
            HomeVisit.objects.filter(child__in=ids, date__gte=min(starts), date__lte=today)
            .order_by()
            .values_list("child_id", "date")
        )
        for child_id, day in visited:
            f = facts[child_id]
            if f.semester_start and day >= f.semester_start:
                f.visited_this_semester = True
    parent_contacts = ParentContact.objects.filter(child__in=ids, counterpart=ParentContact.Counterpart.PARENT)
    for child_id, last in parent_contacts.filter(reached=True).order_by().values_list("child").annotate(Max("date")):
        facts[child_id].last_reached_parent = last
    tries = (
        parent_contacts.annotate(
            n=Window(RowNumber(), partition_by=[F("child_id")], order_by=[F("date").desc(), F("pk").desc()])
        )
        .filter(n__lte=2)
        .values_list("child_id", "n", "reached")
    )
    by_child_tries: dict[int, dict[int, bool]] = defaultdict(dict)
    for child_id, n, reached in tries:
        by_child_tries[child_id][n] = reached
    for child_id, found in by_child_tries.items():
        facts[child_id].last_parent_tries = tuple(found[n] for n in sorted(found))
    guardians: dict[int, list[tuple[int | None, str]]] = defaultdict(list)
    for child_id, age, health in (
        Guardian.objects.filter(child__in=ids).order_by().values_list("child_id", "age", "health")
    ):
        guardians[child_id].append((age, health))
    for child_id, rows in guardians.items():
        facts[child_id].guardians = tuple(rows)
    created = {c.pk: timezone.localdate(c.created_at) for c in child_list}
    longest = max((t.change_days for t in thresholds.values()), default=Thresholds.change_days)
    horizon = timezone.make_aware(datetime.combine(today - timedelta(days=longest), time.min))
    for model in (Guardian, Parent):
        changes = (
            model.history.filter(child_id__in=ids, history_date__gte=horizon)
            .order_by()
            .values_list("child_id", "history_date")
        )
        for child_id, when in changes:
            day = timezone.localdate(when)
            if child_id in facts and day > created[child_id]:
                f = facts[child_id]
                f.family_changed_on = max(f.family_changed_on or day, day)
    for child_id, focus in (
        Pairing.objects.current(today).filter(child__in=ids).order_by().values_list("child_id", "focus")
    ):
        facts[child_id].has_pairing = True
        if focus == Pairing.Focus.PSYCHOLOGY:
            facts[child_id].has_psychology_carer = True
    wanted = [s.pk for s in list(current.values()) + list(previous.values()) if s]
    last_result: dict[tuple[int, int], AcademicResult] = {}
    for result in AcademicResult.objects.filter(child__in=ids, semester__in=wanted).order_by("child", "pk"):
        last_result[(result.child_id, result.semester_id)] = result
    for c in child_list:
        now_sem, before_sem = current.get(c.school_id), previous.get(c.school_id)
        if now_sem and before_sem:
            now, before = last_result.get((c.pk, now_sem.pk)), last_result.get((c.pk, before_sem.pk))
            if now and before and now.class_rank and before.class_rank:
                facts[c.pk].rank_before, facts[c.pk].rank_now = before.class_rank, now.class_rank
    overdue = (
        Talk.objects.filter(child__in=ids, follow_up_done=False, follow_up_due__lt=today)
        .exclude(concerns="")
        .order_by("follow_up_due")
        .values_list("child_id", "pk", "follow_up_due")
    )
    for child_id, talk_id, due in overdue:
        if facts[child_id].overdue_follow_up is None:
            facts[child_id].overdue_follow_up = (talk_id, due)
    snoozes: dict[int, list[AttentionSnooze]] = defaultdict(list)
    for snooze in AttentionSnooze.objects.filter(child__in=ids, until__gte=today).order_by("child", "-until"):
        snoozes[snooze.child_id].append(snooze)
    events: dict[int, list[SafetyEvent]] = defaultdict(list)
    if safety_events is None:
        safety_events = safety_events_for(user)
    for event in safety_events.filter(child__in=ids, closed_on__isnull=True):
        events[event.child_id].append(event)

    entries = []
    for c in child_list:
        reasons = reasons_for(
            facts[c.pk], thresholds.get(c.school_id, Thresholds()), today, [s.reason for s in snoozes[c.pk]]
        )
        tier = tier_of(reasons, is_key_help=c.is_key_help, safety_event=bool(events[c.pk]))
        if tier is None:
            continue
        entries.append(Entry(c, tier, [_link(r, c) for r in reasons], events[c.pk], snoozes[c.pk]))
    entries.sort(key=lambda e: (TIER_ORDER.index(e.tier), -len(e.reasons)))
    by_tier = {t: sum(1 for e in entries if e.tier == t) for t in TIER_ORDER}
    counts: dict[str, int] = defaultdict(int)
    for entry in entries:
        for reason in entry.reasons:
            counts[reason.key] += 1
        if entry.safety_events:
            counts["safety_event"] += 1
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
