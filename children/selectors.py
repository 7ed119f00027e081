"""Reads of the child archive: the child page, counts for the list, filing rates, history, academic progress."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import ClassVar

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst

from children.completeness import complete_q, is_complete, missing_for, requirements, with_completeness
from children.extensions import history_sources, panels_for, timeline_filters, timeline_for, timeline_kinds
from children.models import AcademicResult, Child, ChildStatus, LeftBehindType
from children.scoping import children_for
from organisation.models import School, SchoolClass, Semester, User
from organisation.scoping import classes_for, current_semester


def _rate(complete: int, total: int) -> Decimal | None:
    """Percentage with one decimal; None over no children (shown "—", an empty cell in a workbook: REPORTS.md
    never shows a rate over 0 as 0.0 %)."""
    if not total:
        return None
    return (Decimal(complete) * 100 / Decimal(total)).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class ListCounts:
    children: int
    complete: int
    by_type: list[tuple[str, str, int]]  # (value, label, count)
    active: int = 0  # of `children`, those whose status is left-behind (active): what the home page counts

    @property
    def filing_rate(self) -> Decimal | None:
        return _rate(self.complete, self.children)


def list_counts(children: QuerySet[Child]) -> ListCounts:
    """Children, complete archives and children by left-behind type, in one query."""
    aggregates = {f"type_{value}": Count("pk", filter=Q(left_behind_type=value)) for value in LeftBehindType.values}
    row = with_completeness(children.order_by()).aggregate(
        total=Count("pk"),
        complete=Count("pk", filter=complete_q()),
        active=Count("pk", filter=Q(status=ChildStatus.ACTIVE)),
        **aggregates,
    )
    by_type = [(value, label, row[f"type_{value}"]) for value, label in LeftBehindType.choices]
    return ListCounts(children=row["total"], complete=row["complete"], by_type=by_type, active=row["active"])


@dataclass
class FilingRate:
    label: str
    children: int = 0
    complete: int = 0
    school_class: SchoolClass | None = None

    @property
    def rate(self) -> Decimal | None:
        return _rate(self.complete, self.children)

    @property
    def missing(self) -> int:
        return self.children - self.complete


@dataclass
class SchoolFilingRates:
    school: FilingRate
    classes: list[FilingRate] = field(default_factory=list)


def filing_rates(children: QuerySet[Child], classes: QuerySet[SchoolClass], school: School | None) -> SchoolFilingRates:
    """Filing rate (complete archives / children) per class and for all of `children`: two queries."""
    rows = (
        with_completeness(children.order_by())
        .values("school_class")
        .annotate(total=Count("pk"), complete=Count("pk", filter=complete_q()))
    )
    by_class = {row["school_class"]: row for row in rows}
    per_class = []
    total = FilingRate(label=str(school) if school else "")
    for school_class in classes:
        row = by_class.get(school_class.pk, {"total": 0, "complete": 0})
        per_class.append(
            FilingRate(
                label=school_class.label, children=row["total"], complete=row["complete"], school_class=school_class
            )
        )
        total.children += row["total"]
        total.complete += row["complete"]
    return SchoolFilingRates(school=total, classes=per_class)


# --- History ---


@dataclass
class Change:
    when: datetime
    user: object
    kind: str  # "+" created, "~" changed, "-" deleted
    model_label: str
    object_label: str
    fields: list[tuple[str, str, str]]  # (field label, old, new)


_SKIP = {"id", "child", "created_at", "updated_at", "name_initials", "name_pinyin", "school"}


def _display(record, f, related: dict) -> str:
    """A field's value as a person reads it: choice label, related object's name, local date/time, ✓/✗."""
    value = getattr(record, f.attname)
    if value in (None, ""):
        return ""
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if f.is_relation:
        obj = related.get(f.related_model, {}).get(value)
        return str(obj) if obj is not None else str(value)
    if isinstance(value, bool):
        return "✓" if value else "✗"
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, date):
        return date_format(value, "DATE_FORMAT")
    return str(value)


def _related_objects(records_by_model: list[tuple[list, list]]) -> dict:
    """{related model: {pk: object}} for every foreign key value in the records: one query per related model."""
    wanted: dict[type, set] = defaultdict(set)
    for records, fields in records_by_model:
        for f in fields:
            if f.is_relation:
                wanted[f.related_model].update(getattr(r, f.attname) for r in records if getattr(r, f.attname))
    return {model: model._base_manager.in_bulk(sorted(ids)) for model, ids in wanted.items()}


def _label(record, child: Child, child_field: str, related: dict) -> str:
    """str() of the historical object, its foreign keys filled from what is loaded so it costs no query."""
    instance = record.instance
    for f in instance._meta.fields:
        if not f.is_relation:
            continue
        if f.name == child_field:
            f.set_cached_value(instance, child)
        elif (obj := related.get(f.related_model, {}).get(getattr(instance, f.attname))) is not None:
            f.set_cached_value(instance, obj)
    return str(instance)


def history_for(child: Child) -> list[Change]:
    """Who changed what in the child's archive and the registered records hanging off it, newest first.

    One query per registered model (not per change) plus one per model that their foreign keys point to:
    each object's versions are diffed in Python.
    """
    sources = [(Child, "id", ""), (AcademicResult, "child_id", "child")]
    sources += [(s.model, f"{s.child_field}_id", s.child_field) for s in history_sources()]
    loaded = []
    for model, child_lookup, _child_field in sources:
        records = model.history.filter(**{child_lookup: child.pk}).select_related("history_user")
        records = list(records.order_by("id", "history_date", "history_id"))
        fields = [f for f in model._meta.fields if f.name not in _SKIP and (f.editable or f.name == "deleted_at")]
        loaded.append((model, records, fields, _child_field))
    related = _related_objects([(records, fields) for _model, records, fields, _cf in loaded])
    changes: list[Change] = []
    for model, records, fields, child_field in loaded:
        previous = {}
        for record in records:
            before = previous.get(record.id)
            now = {f: _display(record, f, related) for f in fields}
            if record.history_type == "+" or before is None:
                diff = [(str(capfirst(f.verbose_name)), "", now[f]) for f in fields if now[f]]
            elif record.history_type == "-":
                diff = []
            else:
                diff = [(str(capfirst(f.verbose_name)), before[f], now[f]) for f in fields if before[f] != now[f]]
            previous[record.id] = now
            if record.history_type == "~" and not diff:
                continue
            changes.append(
                Change(
                    when=record.history_date,
                    user=record.history_user,
                    kind=record.history_type,
                    model_label=str(capfirst(model._meta.verbose_name)),
                    object_label=child.name if model is Child else _label(record, child, child_field, related),
                    fields=diff,
                )
            )
    return sorted(changes, key=lambda c: c.when, reverse=True)


# --- Academic progress ---


@dataclass(frozen=True)
class Progress:
    IMPROVED: ClassVar[str] = "improved"
    UNCHANGED: ClassVar[str] = "unchanged"
    DECLINED: ClassVar[str] = "declined"

    before: AcademicResult | None
    after: AcademicResult | None

    @property
    def known(self) -> bool:
        return self.before is not None and self.after is not None

    @property
    def direction(self) -> str | None:
        """IMPROVED, UNCHANGED or DECLINED: class rank if both ranks are known and differ, otherwise the total."""
        if not self.known:
            return None
        before, after = self.before, self.after
        if before.class_rank and after.class_rank and before.class_rank != after.class_rank:
            return self.IMPROVED if after.class_rank < before.class_rank else self.DECLINED
        if after.total == before.total:
            return self.UNCHANGED
        return self.IMPROVED if after.total > before.total else self.DECLINED

    @property
    def improved(self) -> bool | None:
        return None if not self.known else self.direction == self.IMPROVED


def _last_result(results: list[AcademicResult], semester: Semester) -> AcademicResult | None:
    mine = [r for r in results if r.semester_id == semester.pk]
    return mine[-1] if mine else None


def progress_for(children: list[Child], previous: Semester | None, current: Semester | None) -> dict[int, Progress]:
    """Each child's last exam of the previous semester against the last of the current one: one query."""
    if previous is None or current is None:
        return {}
    results: dict[int, list[AcademicResult]] = defaultdict(list)
    rows = AcademicResult.objects.filter(
        child__in=[c.pk for c in children], semester__in=[previous.pk, current.pk]
    ).order_by("child", "pk")
    for result in rows:
        results[result.child_id].append(result)
    return {
        c.pk: Progress(_last_result(results[c.pk], previous), _last_result(results[c.pk], current)) for c in children
    }


@dataclass(frozen=True)
class ProgressSummary:
    compared: int
    improved: int

    @property
    def rate(self) -> Decimal:
        return _rate(self.improved, self.compared)


def progress_summary(progress: dict[int, Progress]) -> ProgressSummary:
    known = [p for p in progress.values() if p.known]
    return ProgressSummary(compared=len(known), improved=sum(1 for p in known if p.improved))


def previous_semester(current: Semester) -> Semester | None:
    return (
        Semester.objects.filter(school_id=current.school_id, start_date__lt=current.start_date)
        .order_by("-start_date")
        .first()
    )


# --- Pages ---


def children_for_page(user: User) -> QuerySet[Child]:
    """The children whose page the user may open, each with school, class and completeness."""
    return with_completeness(children_for(user).select_related("school", "school_class"))


def child_page(child: Child, user: User, *, kind: str | None = None) -> dict:
    """Everything the child page shows: the archive, what it misses, results and progress, what other apps
    add (panels) and the timeline, narrowed to one `kind` of record if it is one the timeline knows."""
    kind = kind if kind in timeline_kinds() else None
    current = current_semester(child.school)
    previous = previous_semester(current) if current else None
    timeline = timeline_for([child], user, kinds=[kind] if kind else None)
    return {
        "child": child,
        "missing": missing_for(child),
        "parents": child.parents.all(),
        "guardians": child.guardians.all(),
        "emergency_contacts": child.emergency_contacts.all(),
        "status_changes": child.status_changes.select_related("recorded_by"),
        "results": list(child.results.select_related("semester").order_by("-semester__start_date", "-pk")),
        "progress": progress_for([child], previous, current).get(child.pk),
        "panels": panels_for(child, user),
        "timeline": timeline,
        "timeline_filters": timeline_filters(timeline),
        "kind": kind,
    }


def completeness_page(user: User) -> dict:
    """Filing rate per class and for the school, the incomplete archives with what each misses, and how
    many children's results improved since the previous semester."""
    classes = classes_for(user).filter(is_active=True)
    children = children_for(user).active()
    rates = filing_rates(children, classes, user.school)
    annotated = list(with_completeness(children.select_related("school_class")))
    incomplete = [child for child in annotated if not is_complete(child)]
    for child in incomplete:
        child.missing = missing_for(child)
    current = current_semester(user.school) if user.school_id else None
    previous = previous_semester(current) if current else None
    progress = progress_summary(progress_for(annotated, previous, current))
    return {"rates": rates, "incomplete": incomplete, "required": requirements(), "progress": progress}
