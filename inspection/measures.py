"""What a computed index item reads: each measure is one figure of reports.figures (never recomputed here),
with the key of the list behind it (reports.members) where the reports open one, and the scoring rules. The
signed semester summaries (reports.signed_summaries) have no list: their value links to the summaries' pages.

A measure's value is a percentage for a rate (None over a denominator of 0, shown "—") and a count otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from inspection.models import Rule
from organisation.models import School
from reports import figures as fig
from reports.figures import Period, Rate
from reports.on_time import on_time_reports
from reports.signed_summaries import signed_summaries

TENTH = Decimal("0.1")


@dataclass(frozen=True)
class Reading:
    value: Decimal | None  # percent for a rate, else a count; None: a rate over nothing
    text: str  # as the reports show it: "85.7% (6/7)", "—", "12"
    is_rate: bool
    links: tuple[tuple[str, str], ...] = ()  # (label, URL) of the pages behind the value, for a measure without a list


@dataclass(frozen=True)
class Measure:
    label: Promise
    read: Callable[[School, Period], Rate | int | Reading]
    figure_key: str = ""  # reports.members key of the list behind the value ("" : none)
    empty_is_met: bool = False  # a rate over nothing meets the target (no safety event to handle)


def _handled(school: School, period: Period) -> Rate:
    events = fig.safety_events(school, period)
    return Rate(numerator=events.events - events.open, denominator=events.events)


def _key_help_plans(school: School, period: Period) -> Rate:
    found = fig.key_help(school, period)
    return Rate(numerator=found.with_plan, denominator=found.children)


def _signed_summaries(school: School, period: Period) -> Reading:
    """reports.signed_summaries, linked to each semester's summary page (the semesters started by P.end)."""
    found = signed_summaries(school, period)
    links = tuple(
        (
            (gettext("%(semester)s: signed") if s.signed else gettext("%(semester)s: not signed yet"))
            % {"semester": s.get_term_display()},
            reverse("reports:summary", args=[s.pk]),
        )
        for s in found.semesters
    )
    return Reading(found.rate.rate, found.rate.text, True, links)


MEASURES: dict[str, Measure] = {
    "filing_rate": Measure(_("Filing rate (建档率)"), fig.filing_rate, "filing"),
    "pairing_coverage": Measure(
        _("Pairing coverage (结对覆盖率)"), lambda s, p: fig.pairing_coverage(s, p).coverage, "pairing"
    ),
    "talk_coverage": Measure(_("Talk coverage"), lambda s, p: fig.talks(s, p).coverage, "talk_coverage"),
    "visit_coverage": Measure(_("Home-visit coverage"), lambda s, p: fig.home_visits(s, p).coverage, "visit_coverage"),
    "contact_coverage": Measure(
        _("Parent-contact coverage"), lambda s, p: fig.parent_contacts(s, p).coverage, "contact_coverage"
    ),
    "on_time_reports": Measure(_("Monthly reports submitted on time"), lambda s, p: on_time_reports([s], p)[s.pk]),
    "leading_group": Measure(
        _("Leading-group members"), lambda s, p: fig.care_force(s, p).leading_group, "leading_group"
    ),
    "childrens_home_sessions": Measure(
        _("Children's home openings"), lambda s, p: fig.childrens_home(s, p).sessions, "childrens_home_sessions"
    ),
    "safety_letters": Measure(_("Safety responsibility letters signed"), fig.safety_letters),
    "safety_events_handled": Measure(
        _("Safety events (强制报告) handled"), _handled, "safety_events", empty_is_met=True
    ),
    "key_help_plans": Measure(
        _("Key-help children with a current plan"), _key_help_plans, "key_help_plans", empty_is_met=True
    ),
    "signed_summaries": Measure(
        _("Semester summaries signed (年度/学期工作总结已签署)"), _signed_summaries, empty_is_met=True
    ),
    "activities": Measure(_("Care activities held"), lambda s, p: fig.activities(s, p).activities, "activities"),
    "training_sessions": Measure(
        _("Guardian-training sessions"), lambda s, p: fig.guardian_training(s, p).sessions, "training_sessions"
    ),
}

MEASURE_CHOICES = [(key, m.label) for key, m in MEASURES.items()]


def reading(raw: Rate | int | Reading) -> Reading:
    if isinstance(raw, Reading):
        return raw
    if isinstance(raw, Rate):
        return Reading(raw.rate, raw.text, True)
    return Reading(Decimal(raw), str(raw), False)


def read(measure: str, school: School, period: Period) -> Reading:
    """The measure's value for the school over the period, from its figure function."""
    return reading(MEASURES[measure].read(school, period))


def rule_score(*, rule: str, points: Decimal, target: Decimal, value: Decimal | None, empty_is_met=False):
    """The points a value earns by the item's rule, to a tenth of a point: PROPORTIONAL points × value ÷ target,
    at most the points; THRESHOLD all the points once value ≥ target, else none. A rate over nothing (None)
    earns nothing to score by (None: the scorer decides), unless the measure says it meets the target."""
    if value is None:
        return points if empty_is_met else None
    if rule == Rule.THRESHOLD:
        return points if value >= target else Decimal("0.0")
    if rule == Rule.PROPORTIONAL:
        share = min(value, target) / target
        return (points * share).quantize(TENTH, rounding=ROUND_HALF_UP)
    return None
