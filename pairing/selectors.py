"""Reads of the pairing app: scoped carers and records, confidentiality, and the compliance loader."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple

from django.db.models import Q, QuerySet
from django.utils import timezone

from children.models import Child, ChildStatusChange
from children.scoping import child_records_for, children_for
from guardians.models import ParentContact
from organisation.lookups import ids_subquery
from organisation.models import School, SchoolClass, Semester, User
from organisation.roles import Capability, Role
from organisation.scoping import current_semesters, schools_for
from pairing.compliance import (
    ChildSpec,
    ComplianceResult,
    NormSpec,
    PairingSpec,
    Work,
    active_intervals,
    compliance,
)
from pairing.models import CareNorm, Carer, HomeVisit, KeyHelpPlan, Pairing, Talk


def carers_for(user: User) -> QuerySet[Carer]:
    """Carers a user may list and manage: the school's carers for principal, archive keeper and head teacher
    (a head teacher pairs them with their own children); none for carers and officers."""
    if user.is_authenticated and user.role in (Role.PRINCIPAL, Role.ARCHIVE_KEEPER, Role.HEAD_TEACHER):
        return Carer.objects.filter(school__in=schools_for(user))
    return Carer.objects.none()


def pairings_for(user: User) -> QuerySet[Pairing]:
    return child_records_for(user, Pairing.objects.all())


# --- The read rule and the write rule of talks and home visits. A carer reads every talk and visit of the
# children paired with them (care goes on from one carer to the next) and changes only their own work;
# staff who log care change whatever they read. Confidential notes have their own rule (below). ---


def logs_only_own_work(user: User) -> bool:
    """A carer login logs only work they did themselves, as their own carer record."""
    return user.is_authenticated and user.role == Role.CARER


def own_carer_for(user: User) -> Carer | None:
    """The carer record a carer login logs as; None for staff, who log as themselves or name a carer."""
    return getattr(user, "carer", None) if logs_only_own_work(user) else None


def _may_log_care(user: User) -> bool:
    return user.is_authenticated and user.can(Capability.LOG_CARE)


def talks_for(user: User) -> QuerySet[Talk]:
    return child_records_for(user, Talk.objects.all())


def editable_talks_for(user: User) -> QuerySet[Talk]:
    """Talks a user may change: a carer only those they held or recorded; staff those they read."""
    if not _may_log_care(user):
        return Talk.objects.none()
    qs = talks_for(user)
    if logs_only_own_work(user):
        return qs.filter(Q(recorded_by=user) | Q(carer__user=user))
    return qs


def visits_for(user: User) -> QuerySet[HomeVisit]:
    return child_records_for(user, HomeVisit.objects.all())


def editable_visits_for(user: User) -> QuerySet[HomeVisit]:
    """Visits a user may change: a carer those they recorded or are named on; staff those they read."""
    if not _may_log_care(user):
        return HomeVisit.objects.none()
    qs = visits_for(user)
    if logs_only_own_work(user):
        named = HomeVisit.carers.through.objects.filter(carer__user=user).values("homevisit_id")
        return qs.filter(Q(recorded_by=user) | Q(pk__in=named))
    return qs


def visit_carers_for(user: User, *, visit: HomeVisit | None = None) -> QuerySet[Carer]:
    """Carers a user may name on a home visit: a carer themselves (plus those already on the visit being
    changed, so an edit keeps them), staff the active carers they manage."""
    if logs_only_own_work(user):
        named = Q(user=user)
        if visit is not None and visit.pk:
            named |= Q(pk__in=HomeVisit.carers.through.objects.filter(homevisit=visit).values("carer_id"))
        return Carer.objects.filter(named)
    return carers_for(user).filter(is_active=True)


def visit_staff_for(user: User, child: Child, *, visit: HomeVisit | None = None) -> QuerySet[User]:
    """Staff a user may name as co-visitors: a carer (a volunteer) sees only the head teachers of the child's
    class, not the whole staff list, plus those already on the visit being changed (so an edit keeps them);
    staff see every staff member of the child's school."""
    if logs_only_own_work(user):
        named = Q(head_teacher_of=child.school_class_id)
        if visit is not None and visit.pk:
            named |= Q(pk__in=HomeVisit.staff.through.objects.filter(homevisit=visit).values("user_id"))
        return User.objects.filter(named).distinct()
    return User.objects.filter(school_id=child.school_id).exclude(role=Role.CARER)


def may_read_confidential(talk: Talk, user: User) -> bool:
    """A talk's confidential note is for its author and the principal of its school, nobody else."""
    if not user.is_authenticated:
        return False
    if talk.recorded_by_id == user.pk:
        return True
    return user.role == Role.PRINCIPAL and user.school_id == talk.child.school_id


def confidential_note_for(talk: Talk, user: User) -> str:
    return talk.confidential_note if may_read_confidential(talk, user) else ""


def norms_for_school(school: School) -> QuerySet[CareNorm]:
    return CareNorm.objects.filter(school=school)


def coverage_gaps(user: User, *, today: date | None = None) -> QuerySet[Child]:
    """Active left-behind children the user sees who have no current pairing with an active carer."""
    today = today or timezone.localdate()
    current = Pairing.objects.current(today).filter(carer__is_active=True)
    return (
        children_for(user)
        .active()
        .exclude(pk__in=current.values("child_id"))
        .select_related("school_class")
        .order_by("school_class__grade", "school_class__number", "name")
    )


# --- Compliance loading. ---


@dataclass
class Period:
    start: date
    end: date
    semester: Semester | None


def period_for(semester: Semester | None, today: date) -> Period:
    """The school's current semester (organisation.scoping.current_semesters) or, lacking one, this month so far."""
    if semester is not None:
        return Period(semester.start_date, semester.end_date, semester)
    return Period(today.replace(day=1), today, None)


class ChildRow(NamedTuple):
    """A child as the compliance loader reads it, with its class's grade and number: what the callers that
    show no child (the school totals, the reports' figures) get instead of model instances, which cost a
    school of 1,000 children about five times as much to fetch."""

    pk: int
    school_id: int
    school_class_id: int
    is_key_help: bool
    identified_on: date | None
    status: str
    created_at: datetime
    grade: int
    number: int


_CHILD_ROW = (*ChildRow._fields[:-2], "school_class__grade", "school_class__number")


class _Singletons(dict):
    """{id: frozenset((id,))}, each set made the first time its id is asked for."""

    def __missing__(self, pk: int) -> frozenset[int]:
        found = self[pk] = frozenset((pk,))
        return found


def load_compliance(
    children: QuerySet[Child],
    *,
    today: date | None = None,
    period: tuple[date, date] | None = None,
    instances: bool = True,
) -> tuple[list[Child] | list[ChildRow], ComplianceResult]:
    """Children (with class) and their compliance for their school's current semester, or for an explicit
    `period` (start, end) for every school (reports: a past semester or a month; query 2 is then skipped).
    With `instances=False` the children come as `ChildRow` tuples, not model instances.

    Queries, whatever the number of children: 1 children with classes, 2 current semesters, 3 active
    norms, 4 status changes, 5 pairings, 6 key-help plans, 7 head teachers of the classes, 8 talks,
    9 home visits, 10 visits' carers, 11 visits' staff, 12 parent contacts, 13 carer logins. (The
    children queryset is used as a subquery, so no id list grows with the class.)
    """
    today = today or timezone.localdate()
    child_list: list = (
        list(children.select_related("school_class"))
        if instances
        else [ChildRow(*row) for row in children.values_list(*_CHILD_ROW)]
    )
    if not child_list:
        return [], ComplianceResult(norms=[])
    school_ids = {c.school_id for c in child_list}
    if period is not None:
        periods = {sid: Period(period[0], period[1], None) for sid in school_ids}
    else:
        semesters = current_semesters(school_ids)
        periods = {sid: period_for(semesters.get(sid), today) for sid in school_ids}
    start = min(p.start for p in periods.values())
    end = max(p.end for p in periods.values())

    norms = [
        NormSpec(
            id=n.pk,
            school_id=n.school_id,
            kind=n.kind,
            count=n.count,
            period=n.period,
            by=n.by,
            carer_kind=n.carer_kind,
            applies_to=n.applies_to,
            label=str(n.short_label),
        )
        for n in CareNorm.objects.filter(school_id__in=school_ids, is_active=True)  # in the norms' display order
    ]
    ids = ids_subquery(children)  # compiled once, named in several queries below
    changes: dict[int, list[tuple[date, str]]] = defaultdict(list)
    for child_id, day, status in (
        ChildStatusChange.objects.filter(child__in=ids).order_by().values_list("child_id", "date", "status")
    ):
        changes[child_id].append((day, status))
    pairings = [
        PairingSpec(child_id=c, carer_id=k, kind=kind, start=s, end=e)
        for c, k, kind, s, e in Pairing.objects.filter(child__in=ids, start_date__lte=end)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=start))
        .order_by()
        .values_list("child_id", "carer_id", "kind", "start_date", "end_date")
    ]
    key_help: dict[int, list[tuple[date, date | None]]] = defaultdict(list)
    for child_id, plan_start, plan_end in (
        KeyHelpPlan.objects.filter(child__in=ids).order_by().values_list("child_id", "start_date", "end_date")
    ):
        key_help[child_id].append((plan_start, plan_end))
    class_ids = {c.school_class_id for c in child_list}
    head_teachers: dict[int, set[int]] = defaultdict(set)
    for class_id, user_id in (
        SchoolClass.head_teachers.through.objects.filter(schoolclass_id__in=class_ids)
        .order_by()
        .values_list("schoolclass_id", "user_id")
    ):
        head_teachers[class_id].add(user_id)

    # One frozenset per id, shared by every record naming it (a semester holds thousands of records).
    sets = _Singletons({None: frozenset()})
    work: list[Work] = []
    for child_id, day, carer_id, carer_user, recorded_by in (
        Talk.objects.filter(child__in=ids, date__range=(start, end))
        .order_by()
        .values_list("child_id", "date", "carer_id", "carer__user_id", "recorded_by_id")
    ):
        work.append(Work(child_id, "talk", day, sets[carer_id], sets[recorded_by if carer_id is None else carer_user]))

    visits = list(
        HomeVisit.objects.filter(child__in=ids, date__range=(start, end))
        .order_by()
        .values_list("pk", "child_id", "date")
    )
    visit_carers: dict[int, set[int]] = defaultdict(set)
    visit_users: dict[int, set[int]] = defaultdict(set)
    for visit_id, carer_id, carer_user in (
        HomeVisit.carers.through.objects.filter(homevisit__child__in=ids, homevisit__date__range=(start, end))
        .order_by()
        .values_list("homevisit_id", "carer_id", "carer__user_id")
    ):
        visit_carers[visit_id].add(carer_id)
        if carer_user:
            visit_users[visit_id].add(carer_user)
    for visit_id, user_id in (
        HomeVisit.staff.through.objects.filter(homevisit__child__in=ids, homevisit__date__range=(start, end))
        .order_by()
        .values_list("homevisit_id", "user_id")
    ):
        visit_users[visit_id].add(user_id)
    for pk, child_id, day in visits:
        work.append(Work(child_id, "home_visit", day, frozenset(visit_carers[pk]), frozenset(visit_users[pk])))

    contacts = list(
        ParentContact.objects.filter(child__in=ids, date__range=(start, end), reached=True)
        .order_by()
        .values_list("child_id", "date", "counterpart", "recorded_by_id")
    )
    carer_of_user: dict[int, int] = dict(
        Carer.objects.filter(school_id__in=school_ids, user__isnull=False).order_by().values_list("user_id", "pk")
    )
    guardian = ParentContact.Counterpart.GUARDIAN
    for child_id, day, counterpart, recorded_by in contacts:
        kind = "guardian_contact" if counterpart == guardian else "parent_contact"
        work.append(Work(child_id, kind, day, sets[carer_of_user.get(recorded_by)], sets[recorded_by]))

    zone = timezone.get_current_timezone()  # once, not once per child (it is a context-local lookup)
    specs = [
        ChildSpec(
            id=c.pk,
            school_id=c.school_id,
            class_id=c.school_class_id,
            is_key_help=c.is_key_help,
            key_help=tuple(sorted(key_help[c.pk])) if c.pk in key_help else None,
            # Without an identification date, the child is left-behind from the day it was archived.
            active=active_intervals(
                identified_on=c.identified_on,
                status=c.status,
                changes=changes[c.pk],
                since=c.created_at.astimezone(zone).date(),
            ),
        )
        for c in child_list
    ]
    # Schools may have different semesters: compute each school's children over its own period.
    result = ComplianceResult(norms=norms)
    for sid, period in periods.items():
        part = compliance(
            norms=[n for n in norms if n.school_id == sid],
            start=period.start,
            end=period.end,
            today=today,
            children=[s for s in specs if s.school_id == sid],
            pairings=pairings,
            work=work,
            head_teachers={k: frozenset(v) for k, v in head_teachers.items()},
        )
        result.by_child.update(part.by_child)
    return child_list, result
