"""Reads of the pairing app: scoped carers and records, confidentiality, and the compliance loader."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from children.models import Child, ChildStatusChange
from children.scoping import child_records_for, children_for
from guardians.models import ParentContact
from organisation.models import School, SchoolClass, Semester, User
from organisation.roles import Role
from organisation.scoping import RecordPaths, schools_for, scope_records
from pairing.compliance import (
    ChildSpec,
    ComplianceResult,
    NormSpec,
    PairingSpec,
    Work,
    active_intervals,
    compliance,
)
from pairing.models import CareNorm, Carer, HomeVisit, Pairing, Talk

CARER_PATHS = RecordPaths(school="school", school_class="pairings__child__school_class")


def carers_for(user: User) -> QuerySet[Carer]:
    """Carers a user may list and manage: the whole school for principal and archive keeper, the school's
    carers for a head teacher (they pair them with their own children), none for carers and officers."""
    if not user.is_authenticated:
        return Carer.objects.none()
    if user.role == Role.HEAD_TEACHER:
        return Carer.objects.filter(school__in=schools_for(user))
    if user.role in (Role.PRINCIPAL, Role.ARCHIVE_KEEPER):
        return scope_records(user, Carer.objects.all(), CARER_PATHS)
    return Carer.objects.none()


def pairings_for(user: User) -> QuerySet[Pairing]:
    return child_records_for(user, Pairing.objects.all())


def talks_for(user: User) -> QuerySet[Talk]:
    return child_records_for(user, Talk.objects.all())


def editable_talks_for(user: User) -> QuerySet[Talk]:
    """Talks a user may change: a carer only their own; staff those of the children they see."""
    qs = talks_for(user)
    if user.role == Role.CARER:
        return qs.filter(Q(recorded_by=user) | Q(carer__user=user))
    return qs


def visits_for(user: User) -> QuerySet[HomeVisit]:
    return child_records_for(user, HomeVisit.objects.all())


def editable_visits_for(user: User) -> QuerySet[HomeVisit]:
    qs = visits_for(user)
    if user.role == Role.CARER:
        return qs.filter(Q(recorded_by=user) | Q(carers__user=user)).distinct()
    return qs


def visit_carers_for(user: User, *, visit: HomeVisit | None = None) -> QuerySet[Carer]:
    """Carers a user may name on a home visit: a carer themselves (plus those already on the visit being
    changed, so an edit keeps them), staff the active carers they manage."""
    if user.role == Role.CARER:
        named = Q(user=user)
        if visit is not None and visit.pk:
            named |= Q(pk__in=HomeVisit.carers.through.objects.filter(homevisit=visit).values("carer_id"))
        return Carer.objects.filter(named)
    return carers_for(user).filter(is_active=True)


def visit_staff_for(user: User, child: Child, *, visit: HomeVisit | None = None) -> QuerySet[User]:
    """Staff a user may name as co-visitors: a carer (a volunteer) sees only the head teachers of the child's
    class, not the whole staff list, plus those already on the visit being changed (so an edit keeps them);
    staff see every staff member of the child's school."""
    if user.role == Role.CARER:
        named = Q(head_teacher_of=child.school_class_id)
        if visit is not None and visit.pk:
            named |= Q(pk__in=HomeVisit.staff.through.objects.filter(homevisit=visit).values("user_id"))
        return User.objects.filter(named).distinct()
    return User.objects.filter(school_id=child.school_id).exclude(role=Role.CARER)


def contacts_for(user: User) -> QuerySet[ParentContact]:
    return child_records_for(user, ParentContact.objects.all())


def editable_contacts_for(user: User) -> QuerySet[ParentContact]:
    qs = contacts_for(user)
    if user.role == Role.CARER:
        return qs.filter(recorded_by=user)
    return qs


def contact_list_for(user: User, *, limit: int = 200) -> list[ParentContact]:
    """The latest contacts a user sees, each marked `may_edit`: a carer may change only those they recorded.

    Queries: 1 the contacts with child, parent and recorder; for a carer, 2 which of them they may edit."""
    contacts = list(contacts_for(user).select_related("child", "parent", "recorded_by")[:limit])
    editable = (
        set(editable_contacts_for(user).filter(pk__in=[c.pk for c in contacts]).values_list("pk", flat=True))
        if user.role == Role.CARER and contacts
        else None
    )
    for contact in contacts:
        contact.may_edit = editable is None or contact.pk in editable
    return contacts


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


def period_for(school_id: int, today: date, semesters: list[Semester] | None = None) -> Period:
    """The current semester of the school (or, lacking one, the current calendar month)."""
    sem = next((s for s in semesters or [] if s.school_id == school_id and s.is_current), None)
    if sem is not None:
        return Period(sem.start_date, sem.end_date, sem)
    start = today.replace(day=1)
    return Period(start, today, None)


def load_compliance(
    children: QuerySet[Child], *, today: date | None = None, period: tuple[date, date] | None = None
) -> tuple[list[Child], ComplianceResult]:
    """Children (with class) and their compliance for their school's current semester, or for an explicit
    `period` (start, end) for every school (reports: a past semester or a month; query 2 is then skipped).

    Queries, whatever the number of children: 1 children with classes, 2 current semesters, 3 active
    norms, 4 status changes, 5 pairings, 6 head teachers of the classes, 7 talks, 8 home visits,
    9 visits' carers, 10 visits' staff, 11 parent contacts, 12 carer logins. (The children queryset is
    used as a subquery, so no id list grows with the class.)
    """
    today = today or timezone.localdate()
    child_list = list(children.select_related("school_class"))
    if not child_list:
        return [], ComplianceResult(norms=[])
    school_ids = {c.school_id for c in child_list}
    if period is not None:
        periods = {sid: Period(period[0], period[1], None) for sid in school_ids}
    else:
        semesters = list(Semester.objects.filter(school_id__in=school_ids, is_current=True))
        periods = {sid: period_for(sid, today, semesters) for sid in school_ids}
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
        for n in CareNorm.objects.filter(school_id__in=school_ids, is_active=True)
    ]
    ids = children.values("pk")
    changes: dict[int, list[tuple[date, str]]] = defaultdict(list)
    for child_id, day, status in ChildStatusChange.objects.filter(child__in=ids).values_list(
        "child_id", "date", "status"
    ):
        changes[child_id].append((day, status))
    pairings = [
        PairingSpec(child_id=c, carer_id=k, kind=kind, start=s, end=e)
        for c, k, kind, s, e in Pairing.objects.filter(child__in=ids, start_date__lte=end)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=start))
        .values_list("child_id", "carer_id", "kind", "start_date", "end_date")
    ]
    class_ids = {c.school_class_id for c in child_list}
    head_teachers: dict[int, set[int]] = defaultdict(set)
    for class_id, user_id in SchoolClass.head_teachers.through.objects.filter(schoolclass_id__in=class_ids).values_list(
        "schoolclass_id", "user_id"
    ):
        head_teachers[class_id].add(user_id)

    work: list[Work] = []
    for child_id, day, carer_id, carer_user, recorded_by in Talk.objects.filter(
        child__in=ids, date__range=(start, end)
    ).values_list("child_id", "date", "carer_id", "carer__user_id", "recorded_by_id"):
        users = frozenset({recorded_by} - {None}) if carer_id is None else frozenset({carer_user} - {None})
        work.append(Work(child_id, "talk", day, frozenset({carer_id} - {None}), users))

    visits = list(
        HomeVisit.objects.filter(child__in=ids, date__range=(start, end)).values_list("pk", "child_id", "date")
    )
    visit_carers: dict[int, set[int]] = defaultdict(set)
    visit_users: dict[int, set[int]] = defaultdict(set)
    for visit_id, carer_id, carer_user in HomeVisit.carers.through.objects.filter(
        homevisit__child__in=ids, homevisit__date__range=(start, end)
    ).values_list("homevisit_id", "carer_id", "carer__user_id"):
        visit_carers[visit_id].add(carer_id)
        if carer_user:
            visit_users[visit_id].add(carer_user)
    for visit_id, user_id in HomeVisit.staff.through.objects.filter(
        homevisit__child__in=ids, homevisit__date__range=(start, end)
    ).values_list("homevisit_id", "user_id"):
        visit_users[visit_id].add(user_id)
    for pk, child_id, day in visits:
        work.append(Work(child_id, "home_visit", day, frozenset(visit_carers[pk]), frozenset(visit_users[pk])))

    contacts = list(
        ParentContact.objects.filter(child__in=ids, date__range=(start, end), reached=True).values_list(
            "child_id", "date", "counterpart", "recorded_by_id"
        )
    )
    carer_of_user: dict[int, int] = dict(
        Carer.objects.filter(school_id__in=school_ids, user__isnull=False).values_list("user_id", "pk")
    )
    for child_id, day, counterpart, recorded_by in contacts:
        kind = "guardian_contact" if counterpart == ParentContact.Counterpart.GUARDIAN else "parent_contact"
        carers = frozenset({carer_of_user[recorded_by]}) if recorded_by in carer_of_user else frozenset()
        work.append(Work(child_id, kind, day, carers, frozenset({recorded_by} - {None})))

    specs = [
        ChildSpec(
            id=c.pk,
            school_id=c.school_id,
            class_id=c.school_class_id,
            is_key_help=c.is_key_help,
            # Without an identification date, the child is left-behind from the day it was archived.
            active=active_intervals(
                identified_on=c.identified_on,
                status=c.status,
                changes=changes[c.pk],
                since=timezone.localdate(c.created_at),
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
