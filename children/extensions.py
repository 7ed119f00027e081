"""Places where apps above `children` add to a child's page without `children` importing them.

Apps register in their AppConfig.ready():

    from children.extensions import register_timeline, register_panel
    register_timeline("talk", talks_timeline, label=_("Talks"))   # fn(children_ids, user) -> list[TimelineEntry]
    register_panel("pairing/_child_panel.html", carers_panel, order=20)   # fn(child, user) -> dict
    register_carer_scope(paired_with)          # fn(user) -> Q on Child: the children a carer login sees
    register_current_carers(current_carers)    # fn() -> Prefetch: a child's current pairings with carers
    register_completeness_requirement("guardian", _("guardian"), "has_guardian", has_guardian, order=65)

A provider gets the ids of children already scoped for `user` and must use a fixed number of queries,
so the child page's query count does not grow with the records.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Expression, Prefetch, Q, QuerySet
from django.utils.text import capfirst

from children.models import Child


@dataclass(frozen=True)
class TimelineEntry:
    child_id: int
    date: date
    kind: str  # the registered kind, e.g. "talk", "home_visit", "activity"
    kind_label: str
    title: str
    summary: str = ""
    url: str = ""
    icon: str = "bi-circle"  # a Bootstrap icon class
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Panel:
    template: str
    context: Callable[[Child, object], dict]
    order: int


_TIMELINE: dict[str, Callable[[Iterable[int], object], list[TimelineEntry]]] = {}
_TIMELINE_LABELS: dict[str, str] = {}
_PANELS: list[Panel] = []


def register_timeline(
    kind: str, provider: Callable[[Iterable[int], object], list[TimelineEntry]], label: str | None = None
) -> None:
    """Add a kind of record to the child page's timeline; `label` (lazily translated) names its filter."""
    _TIMELINE[kind] = provider
    if label:
        _TIMELINE_LABELS[kind] = label
    else:
        _TIMELINE_LABELS.pop(kind, None)


def register_panel(template: str, context: Callable[[Child, object], dict], order: int = 50) -> None:
    if all(p.template != template for p in _PANELS):
        _PANELS.append(Panel(template, context, order))
        _PANELS.sort(key=lambda p: p.order)


def timeline_kinds() -> list[str]:
    return list(_TIMELINE)


def timeline_filters(entries: Iterable[TimelineEntry] = ()) -> list[tuple[str, str]]:
    """(kind, label) of each registered kind: the registered label, else an entry's kind_label, else the kind."""
    seen = {entry.kind: entry.kind_label for entry in entries}
    return [
        (kind, _TIMELINE_LABELS.get(kind) or seen.get(kind) or capfirst(kind.replace("_", " "))) for kind in _TIMELINE
    ]


def timeline_for(
    children: QuerySet[Child] | list[Child], user, kinds: Iterable[str] | None = None
) -> list[TimelineEntry]:
    """Every registered kind of record for these (already scoped) children, newest first."""
    ids = [c.pk for c in children]
    wanted = set(kinds) if kinds else set(_TIMELINE)
    entries: list[TimelineEntry] = []
    for kind, provider in _TIMELINE.items():
        if kind in wanted:
            entries.extend(provider(ids, user))
    return sorted(entries, key=lambda e: e.date, reverse=True)


def panels_for(child: Child, user) -> list[tuple[str, dict]]:
    """(template, context) of each registered panel for the child page, in order."""
    return [(panel.template, panel.context(child, user)) for panel in _PANELS]


# --- History: models about a child whose changes the child's history page shows. ---


@dataclass(frozen=True)
class HistorySource:
    model: type  # a model with `history = HistoricalRecords()`
    child_field: str


_HISTORY: list[HistorySource] = []


def register_history(model: type, child_field: str = "child") -> None:
    """Show changes of `model` (which has simple-history) on the child's history page."""
    if all(s.model is not model for s in _HISTORY):
        _HISTORY.append(HistorySource(model, child_field))


def history_sources() -> list[HistorySource]:
    return list(_HISTORY)


# --- Carers: which children a carer login may see, and a child's current carers. ---
# The pairing app decides what "paired" and "current" mean; `children` only asks.

_CARER_SCOPES: list[Callable[[object], Q]] = []
_CURRENT_CARERS: list[Callable[[], Prefetch]] = []


def register_carer_scope(condition: Callable[[object], Q]) -> None:
    """Let a carer login see the children that `condition(user)` (a Q on Child) selects."""
    if condition not in _CARER_SCOPES:
        _CARER_SCOPES.append(condition)


def carer_scope_q(user) -> Q:
    """The children a carer login may see: those some registered condition selects; none without one."""
    if not _CARER_SCOPES:
        return Q(pk__in=[])
    condition = Q()
    for scope in _CARER_SCOPES:
        condition |= scope(user)
    return condition


def register_current_carers(prefetch: Callable[[], Prefetch]) -> None:
    """`prefetch()` gives a Prefetch on Child putting today's pairings, with their carers, in `current_pairings`."""
    if prefetch not in _CURRENT_CARERS:
        _CURRENT_CARERS.append(prefetch)


def current_carers_prefetches() -> list[Prefetch]:
    """Prefetches for a child queryset that put the current pairings (with their carers) on each child."""
    return [prefetch() for prefetch in _CURRENT_CARERS]


# --- Completeness: requirements of a complete archive that look at other apps' rows. ---


@dataclass(frozen=True)
class RelatedRequirement:
    key: str
    label: str
    annotation: str  # the boolean annotation `with_completeness` adds, e.g. "has_guardian"
    condition: Callable[[], Expression]  # a boolean expression on Child, correlated by OuterRef("pk")
    order: int  # among children.completeness's own requirements, which are numbered 10, 20, 30…


_RELATED_REQUIREMENTS: dict[str, RelatedRequirement] = {}


def register_completeness_requirement(
    key: str, label: str, annotation: str, condition: Callable[[], Expression], order: int
) -> None:
    """Require, for a complete archive (建档), that `condition()` holds for the child."""
    _RELATED_REQUIREMENTS[key] = RelatedRequirement(key, label, annotation, condition, order)


def related_requirements() -> list[RelatedRequirement]:
    return list(_RELATED_REQUIREMENTS.values())
