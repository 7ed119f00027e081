"""The semester summary (学期工作总结): the figures of reports.figures as rows in the order a Chinese summary
uses, their change against the previous semester, and the signed snapshot that freezes them.

A snapshot stores keys and raw values, never labels: a signed summary reads the same in Chinese and in
English, and its numbers never change. Only the norms' own labels are stored, since norms can be edited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from activities.models import ActivityKind, AssistanceKind, DonorKind
from children.models import ChildStatus, Gender, LeftBehindType
from guardians.models import ParentContact
from pairing.attention import TIER_LABELS, TIER_ORDER
from pairing.models import CarerKind, SafetyEvent
from reports.figures import EMPTY_RATE, AttentionTiers, Figures, Rate, SafetyEvents, safety_keys

SECTIONS = [
    ("basic", pgettext_lazy("summary section", "Basic situation")),
    ("network", pgettext_lazy("summary section", "Care network")),
    ("work", pgettext_lazy("summary section", "Care work")),
    ("activities", pgettext_lazy("summary section", "Activities")),
    ("assistance", pgettext_lazy("summary section", "Assistance")),
    ("study", pgettext_lazy("summary section", "Study")),
]

LABELS = {
    "on_roll": gettext_lazy("Students on roll"),
    "lbc": gettext_lazy("Left-behind children"),
    "lbc_share": gettext_lazy("Share of students on roll"),
    "boarding": gettext_lazy("Boarding"),
    "day_pupils": gettext_lazy("Day pupils"),
    "edu_single": gettext_lazy("Student register: one parent away (单留守)"),
    "edu_double": gettext_lazy("Student register: both parents away (双留守)"),
    "civil": gettext_lazy("Civil-affairs register (民政口径)"),
    "type_none": gettext_lazy("Left-behind type not recorded"),
    "guardian_grandparent": gettext_lazy("Living with grandparents"),
    "guardian_relative": gettext_lazy("Living with other relatives"),
    "guardian_parent": gettext_lazy("Living with a parent at home"),
    "guardian_other": gettext_lazy("Other guardian or none recorded"),
    "new": gettext_lazy("New left-behind children"),
    "reidentified": gettext_lazy("Of the new: left-behind again after having left"),
    "left": gettext_lazy("Children who stopped being left-behind"),
    "filing": gettext_lazy("Filing rate"),
    "pairing": gettext_lazy("Pairing coverage"),
    "carers": gettext_lazy("Carers with a current pairing"),
    "per_carer": gettext_lazy("Children per carer"),
    "key_help": gettext_lazy("Key-help children"),
    "key_help_plans": gettext_lazy("Key-help children with an individual plan"),
    "key_help_no_plan": gettext_lazy("Key-help children without a current plan"),
    "key_help_reviews": gettext_lazy("Reviews of individual plans"),
    "childrens_home_sessions": gettext_lazy("Children's home: opening sessions"),
    "childrens_home": gettext_lazy("Children's home: child visits"),
    "childrens_home_calls": gettext_lazy("Children's home: family-phone calls"),
    "childrens_home_books": gettext_lazy("Children's home: books borrowed"),
    "care_staff": gettext_lazy("Staff who logged care work"),
    "leading_group": gettext_lazy("Leading group members"),
    "active_carers": gettext_lazy("Carers active on the last day, paired or not"),
    "talks": pgettext_lazy("number of talks", "Talks"),
    "talk_children": gettext_lazy("Children talked with"),
    "talk_coverage": gettext_lazy("Talk coverage"),
    "visits": pgettext_lazy("number of home visits", "Home visits"),
    "visit_children": gettext_lazy("Children visited"),
    "visit_coverage": gettext_lazy("Home-visit coverage"),
    "visitors_staff": gettext_lazy("Staff who made home visits"),
    "visitors_carers": gettext_lazy("Carers who made home visits"),
    "guardians_met": gettext_lazy("Guardians met on home visits"),
    "contacts": gettext_lazy("Contacts with parents"),
    "contacts_not_reached": gettext_lazy("Contacts with parents: not reached"),
    "family_phone": gettext_lazy("Family-phone calls (亲情电话)"),
    "contact_coverage": gettext_lazy("Parent-contact coverage"),
    "contact_every_month": gettext_lazy("Parents reached in every month"),
    "guardian_contacts": gettext_lazy("Contacts with guardians"),
    "guardian_contacts_not_reached": gettext_lazy("Contacts with guardians: not reached"),
    "compliance": gettext_lazy("Norm compliance, all norms"),
    "overdue": gettext_lazy("Children with overdue care work"),
    "activities": gettext_lazy("Activities"),
    "attendances": gettext_lazy("Attendances"),
    "activity_children": gettext_lazy("Children who took part"),
    "training_sessions": gettext_lazy("Guardian training sessions (家长学校)"),
    "training_attendances": gettext_lazy("Guardian attendances at training sessions"),
    "training_guardians": gettext_lazy("Guardians trained"),
    "birthdays": gettext_lazy("Children at a birthday party"),
    "medical": gettext_lazy("Children given a medical exam"),
    "assistance_total": gettext_lazy("Assistance, yuan"),
    "assisted_children": gettext_lazy("Children assisted"),
    "poor_without": gettext_lazy("Poor children who received nothing"),
    "progress": gettext_lazy("Academic progress"),
    "declined": pgettext_lazy("number of children", "Results declined"),
    "safety_events": gettext_lazy("Safety events (强制报告)"),
    "safety_open": gettext_lazy("Safety events still open at the end of the period"),
}

# The attention list by tier (reports.figures.attention_tiers): counted on a day, not over the period.
ATTENTION_KEYS = [f"attention:{tier}" for tier in TIER_ORDER]

PREFIXES = {
    "gender": dict(Gender.choices),
    "type": dict(LeftBehindType.choices),
    "reason": dict(ChildStatus.choices),
    "carer": dict(CarerKind.choices),
    "active_carer": dict(CarerKind.choices),
    "initiator": dict(ParentContact.Initiator.choices),
    "channel": dict(ParentContact.Channel.choices),
    "activity": dict(ActivityKind.choices),
    "donor": dict(DonorKind.choices),
    "assist": dict(AssistanceKind.choices),
    "safety": dict(SafetyEvent.Kind.choices),
}


def _rate(rate: Rate | None) -> dict | None:
    return None if rate is None else {"n": rate.numerator, "d": rate.denominator}


def _yuan(amount: Decimal) -> dict:
    return {"yuan": str(amount)}


def figure_rows(f: Figures) -> tuple[list[list], dict[str, str]]:
    """[[section, key, value], …] in the summary's order, and the labels of the norms; JSON-serialisable.

    A value is an int, None (not recorded), {"n", "d"} (a rate), {"yuan"} (money) or {"ratio"}."""
    rows: list[list] = []
    norm_labels: dict[str, str] = {}

    def put(section: str, key: str, value) -> None:
        rows.append([section, key, value])

    put("basic", "on_roll", f.on_roll.students)
    put("basic", "lbc", f.lbc.children)
    put("basic", "lbc_share", _rate(f.lbc.share))
    for grade, n in f.breakdown.by_grade:
        put("basic", f"grade:{grade}", n)
    for value, _label, n in f.breakdown.by_gender:
        put("basic", f"gender:{value}", n)
    put("basic", "boarding", f.breakdown.boarding)
    put("basic", "day_pupils", f.breakdown.day_pupils)
    put("basic", "edu_single", f.types.single)
    put("basic", "edu_double", f.types.double)
    put("basic", "civil", f.types.civil_affairs)
    for value, _label, n in f.types.by_type:
        put("basic", f"type:{value}", n)
    put("basic", "type_none", f.types.not_recorded)
    put("basic", "guardian_grandparent", f.guardian_kinds.grandparent)
    put("basic", "guardian_relative", f.guardian_kinds.other_relative)
    put("basic", "guardian_parent", f.guardian_kinds.parent_at_home)
    put("basic", "guardian_other", f.guardian_kinds.other_or_none)
    put("basic", "new", f.new_and_left.new)
    put("basic", "reidentified", f.new_and_left.reidentified)
    put("basic", "left", f.new_and_left.left)
    for value, _label, n in f.new_and_left.by_reason:
        put("basic", f"reason:{value}", n)

    put("network", "filing", _rate(f.filing))
    put("network", "pairing", _rate(f.pairing.coverage))
    put("network", "carers", f.pairing.carers)
    for value, _label, n in f.pairing.carers_by_kind:
        put("network", f"carer:{value}", n)
    per_carer = f.pairing.children_per_carer
    put("network", "per_carer", {"ratio": None if per_carer is None else str(per_carer)})
    put("network", "key_help", f.key_help.children)
    put("network", "key_help_plans", f.key_help.with_plan)
    put("network", "key_help_no_plan", f.key_help.without_plan)
    put("network", "key_help_reviews", f.key_help.plan_reviews)
    put("network", "childrens_home_sessions", f.childrens_home.sessions)
    put("network", "childrens_home", f.childrens_home.visits)
    put("network", "childrens_home_calls", f.childrens_home.calls)
    put("network", "childrens_home_books", f.childrens_home.books)
    put("network", "leading_group", f.care_force.leading_group)
    put("network", "active_carers", f.care_force.carers)
    for value, _label, n in f.care_force.carers_by_kind:
        put("network", f"active_carer:{value}", n)
    put("network", "care_staff", f.care_force.care_staff)

    put("work", "talks", f.talks.records)
    put("work", "talk_children", f.talks.children)
    put("work", "talk_coverage", _rate(f.talks.coverage))
    put("work", "visits", f.visits.records)
    put("work", "visit_children", f.visits.children)
    put("work", "visit_coverage", _rate(f.visits.coverage))
    put("work", "visitors_staff", f.visits.staff_visitors)
    put("work", "visitors_carers", f.visits.carer_visitors)
    put("work", "guardians_met", f.visits.guardians_met)
    put("work", "contacts", f.parent_contacts.records)
    put("work", "contacts_not_reached", f.parent_contacts.not_reached)
    for value, _label, n in f.parent_contacts.by_channel:
        put("work", f"channel:{value}", n)
    for value, _label, n in f.parent_contacts.by_initiator:
        put("work", f"initiator:{value}", n)
    put("work", "family_phone", f.parent_contacts.family_phone)
    put("work", "contact_coverage", _rate(f.parent_contacts.coverage))
    put("work", "contact_every_month", _rate(f.parent_contacts.every_month))
    put("work", "guardian_contacts", f.guardian_contacts.records)
    put("work", "guardian_contacts_not_reached", f.guardian_contacts.not_reached)
    for norm in f.compliance.norms:
        norm_labels[str(norm.norm_id)] = norm.label
        put("work", f"norm:{norm.norm_id}", _rate(norm.compliance))
    put("work", "compliance", _rate(f.compliance.overall))
    put("work", "overdue", f.compliance.overdue_children)

    put("activities", "activities", f.activities.activities)
    for value, _label, n in f.activities.by_kind:
        put("activities", f"activity:{value}", n)
    put("activities", "attendances", f.activities.attendances)
    put("activities", "activity_children", f.activities.children)
    put("activities", "training_sessions", f.guardian_training.sessions)
    put("activities", "training_attendances", f.guardian_training.attendances)
    put("activities", "training_guardians", f.guardian_training.guardians)
    put("activities", "birthdays", f.birthdays)
    put("activities", "medical", f.medical_exams)

    put("assistance", "assistance_total", _yuan(f.assistance.total))
    for value, _label, amount in f.assistance.by_donor:
        put("assistance", f"donor:{value}", _yuan(amount))
    for value, _label, amount in f.assistance.by_kind:
        put("assistance", f"assist:{value}", _yuan(amount))
    put("assistance", "assisted_children", f.assistance.children)
    put("assistance", "poor_without", _rate(f.assistance.poor_without))

    put("study", "progress", _rate(f.progress.progress))
    put("study", "declined", f.progress.declined)
    return rows, norm_labels


def alert_rows(attention: AttentionTiers | None, safety: SafetyEvents | None) -> list[list]:
    """The rows of the attention list by tier and of the period's safety events, in the care-work section."""
    rows: list[list] = []
    if attention is not None:
        rows += [["work", f"attention:{tier}", n] for tier, n in attention.by_tier()]
    if safety is not None:
        rows += [["work", key, n] for key, n in safety_keys(safety).items()]
    return rows


def _after_work(rows: list[list], added: list[list]) -> list[list]:
    """The rows with `added` put at the end of the care-work section, so every list keeps the summary's order."""
    at = max((i + 1 for i, row in enumerate(rows) if row[0] == "work"), default=len(rows))
    return rows[:at] + added + rows[at:]


def snapshot(
    f: Figures, checks: list[str], *, attention: AttentionTiers | None = None, safety: SafetyEvents | None = None
) -> dict:
    """What a signature freezes: the figures' rows, the norms' labels and the period; with the attention list
    by tier, the day it was counted on (`attention_on`), and the period's safety events when given."""
    rows, norm_labels = figure_rows(f)
    data = {
        "period": [f.period.start.isoformat(), f.period.end.isoformat()],
        "rows": _after_work(rows, alert_rows(attention, safety)),
        "norms": norm_labels,
        "checks": checks,
    }
    if attention is not None:
        data["attention_on"] = attention.on.isoformat()
    return data


NOT_AVAILABLE = {"na": True}


def with_attention(data: dict) -> dict:
    """The snapshot with the attention rows it lacks marked "not available" (a snapshot made before the figure
    existed, or a past period's figures computed without it): never today's count in a past period's place."""
    if any(key in ATTENTION_KEYS for _s, key, _v in data["rows"]):
        return data
    return {**data, "rows": _after_work(data["rows"], [["work", key, NOT_AVAILABLE] for key in ATTENTION_KEYS])}


def attention_label(tier: str, on: str | None) -> str:
    if on:
        return _("Attention list on %(date)s: %(tier)s") % {"date": on, "tier": TIER_LABELS[tier]}
    return _("Attention list: %(tier)s") % {"tier": TIER_LABELS[tier]}


def label_for(key: str, norm_labels: dict[str, str], attention_on: str | None = None) -> str:
    if key in LABELS:
        return str(LABELS[key])
    prefix, _sep, value = key.partition(":")
    if prefix == "attention" and value in TIER_LABELS:
        return attention_label(value, attention_on)
    if prefix == "safety":
        return _("Safety events: %(kind)s") % {"kind": PREFIXES[prefix].get(value, value)}
    if prefix == "grade":
        return _("Grade %(grade)s") % {"grade": value}
    if prefix == "norm":
        return norm_labels.get(value, key)
    if prefix == "active_carer":
        return _("Active carers: %(kind)s") % {"kind": PREFIXES[prefix].get(value, value)}
    if prefix == "initiator":
        return _("Contacts started by: %(who)s") % {"who": PREFIXES[prefix].get(value, value)}
    if prefix == "reason":
        return _("Left: %(reason)s") % {"reason": PREFIXES[prefix].get(value, value)}
    if prefix in PREFIXES:
        return str(PREFIXES[prefix].get(value, value))
    return key


def _display(value) -> str:
    if value is None:
        return _("not recorded")
    if value == NOT_AVAILABLE:
        return _("not available")
    if isinstance(value, dict):
        if "n" in value:
            return Rate(value["n"], value["d"]).text
        if "ratio" in value and value["ratio"] is None:
            return EMPTY_RATE  # an average over nothing
        return value.get("yuan") or value.get("ratio")
    return str(value)


def _number(value) -> Decimal | None:
    if value is None or value == NOT_AVAILABLE:
        return None
    if isinstance(value, dict):
        if "n" in value:  # a rate of nothing (0/0) has no value to compare
            return Rate(value["n"], value["d"]).rate
        if "ratio" in value and value["ratio"] is None:
            return None
        return Decimal(value.get("yuan") or value.get("ratio"))
    return Decimal(value)


def _delta(now, before) -> str:
    a, b = _number(now), _number(before)
    if a is None or b is None:
        return ""
    diff = a - b
    if not diff:
        return "±0"
    text = f"{diff:+}"
    return text + (_(" pts") if isinstance(now, dict) and "n" in now else "")


@dataclass(frozen=True)
class SummaryRow:
    key: str
    label: str
    value: str
    previous: str
    delta: str
    is_rate: bool


@dataclass(frozen=True)
class SummarySection:
    key: str
    title: str
    rows: list[SummaryRow]


def sections(current: dict, previous: dict | None) -> list[SummarySection]:
    """The rows of a snapshot (live or signed) grouped by section, with the previous semester's value and Δ.
    The attention rows are labelled with the day they were counted on, or marked "not available"."""
    current = with_attention(current)
    previous = with_attention(previous) if previous is not None else None
    before = {key: value for _s, key, value in (previous or {}).get("rows", [])}
    grouped: dict[str, list[SummaryRow]] = {key: [] for key, _title in SECTIONS}
    for section, key, value in current["rows"]:
        old = before.get(key)
        grouped[section].append(
            SummaryRow(
                key=key,
                label=label_for(key, current.get("norms", {}), current.get("attention_on")),
                value=_display(value),
                previous=_display(old) if previous is not None and key in before else "",
                delta=_delta(value, old) if previous is not None and key in before else "",
                is_rate=isinstance(value, dict) and "n" in value,
            )
        )
    return [SummarySection(key, str(title), grouped[key]) for key, title in SECTIONS]


def period_of(data: dict) -> tuple[date, date]:
    return date.fromisoformat(data["period"][0]), date.fromisoformat(data["period"][1])
