"""班级、教师考核: per class and per carer, the semester's children, talks, visits, contacts, norm
compliance and overdue children, counted exactly as the figures count them (reports.figures)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count

from guardians.models import ParentContact
from organisation.models import School, SchoolClass
from pairing.compliance import Status
from pairing.models import Carer, HomeVisit, Pairing, Talk
from pairing.selectors import load_compliance
from reports import figures as fig
from reports.figures import Period, Rate


@dataclass(frozen=True)
class ClassRow:
    class_id: int
    label: str
    children: int  # LBC of P in the class
    talks: int
    visits: int
    contacts: int  # with a parent or the guardian, reached or not
    compliance: Rate
    overdue: int
    progress: Rate  # figure 19 per class: improved ÷ compared among the class's LBC


def _by(model, school: School, period: Period, path: str) -> dict:
    rows = fig.records_in(model, school, period).order_by().values(path).annotate(n=Count("pk", distinct=True))
    return {row[path]: row["n"] for row in rows}


def class_table(school: School, period: Period, compliance: fig.Compliance | None = None) -> list[ClassRow]:
    """One row per class of the school (grade, number order). 9 queries plus figure 13's when not given."""
    compliance = compliance or fig.norm_compliance(school, period)
    per_class = {c.class_id: c for c in compliance.by_class}
    children = dict(
        fig.lbc_of(school, period)
        .order_by()
        .values("school_class")
        .annotate(n=Count("pk"))
        .values_list("school_class", "n")
    )
    talks = _by(Talk, school, period, "child__school_class")
    visits = _by(HomeVisit, school, period, "child__school_class")
    contacts = _by(ParentContact, school, period, "child__school_class")
    progress = fig.progress_by_class(school, period)
    rows = []
    for k in SchoolClass.objects.filter(school=school).order_by("grade", "number"):
        c = per_class.get(k.pk)
        if not (k.is_active or children.get(k.pk) or c):
            continue
        rows.append(
            ClassRow(
                class_id=k.pk,
                label=str(k.label),
                children=children.get(k.pk, 0),
                talks=talks.get(k.pk, 0),
                visits=visits.get(k.pk, 0),
                contacts=contacts.get(k.pk, 0),
                compliance=c.compliance if c else Rate(0, 0),
                overdue=c.overdue_children if c else 0,
                progress=progress.get(k.pk, Rate(0, 0)),
            )
        )
    return rows


@dataclass(frozen=True)
class CarerRow:
    carer_id: int
    name: str
    kind: str
    children: int  # LBC of P paired with the carer on P.end
    talks: int  # talks in P by the carer
    visits: int  # home visits in P the carer took part in
    contacts: int  # contacts in P recorded by the carer's login
    compliance: Rate  # norms "by a paired carer of kind X" for the carer's children
    overdue: int


def carer_table(school: School, period: Period) -> list[CarerRow]:
    """One row per carer with a pairing active on P.end or any work in P. Compliance counts the statuses of
    norms "by a paired carer" of the carer's kind for the children paired with the carer on P.end. 5 queries
    plus the compliance loader's."""
    current = Pairing.objects.current(period.end).filter(child__in=fig.lbc_of(school, period).values("pk"))
    paired: dict[int, set[int]] = {}
    for carer_id, child_id in current.values_list("carer_id", "child_id"):
        paired.setdefault(carer_id, set()).add(child_id)
    talks = _by(Talk, school, period, "carer")
    visits = _by(HomeVisit, school, period, "carers")
    contacts = _by(ParentContact, school, period, "recorded_by")
    children = fig.children_of(school).alias(identified=fig._identified()).filter(identified__lte=period.end)
    _rows, result = load_compliance(children, period=(period.start, period.end), instances=False)
    rows = []
    for carer in Carer.objects.filter(school=school).order_by("name"):
        mine = paired.get(carer.pk, set())
        if not (mine or talks.get(carer.pk) or visits.get(carer.pk)):
            continue
        statuses: list[Status] = [
            s
            for child_id in mine
            for s in result.for_child(child_id)
            if s.applies and s.norm.by == "paired_carer" and s.norm.carer_kind == carer.kind
        ]
        rows.append(
            CarerRow(
                carer_id=carer.pk,
                name=carer.name,
                kind=carer.get_kind_display(),
                children=len(mine),
                talks=talks.get(carer.pk, 0),
                visits=visits.get(carer.pk, 0),
                contacts=contacts.get(carer.user_id, 0) if carer.user_id else 0,
                compliance=Rate(sum(s.done for s in statuses), sum(s.required for s in statuses)),
                overdue=len({s.child_id for s in statuses if s.overdue}),
            )
        )
    return rows


def sorted_rows(rows: list, key: str) -> list:
    """Rows sorted by a column, "-col" descending; rates sort by their percentage; unknown keys keep order."""
    name, reverse = key.lstrip("-"), key.startswith("-")
    if not rows or not hasattr(rows[0], name):
        return rows

    def value(row):
        v = getattr(row, name)
        return v.sort_key if isinstance(v, Rate) else v

    return sorted(rows, key=value, reverse=reverse)
