"""The one way in: which schools, classes and child records a user may see.

Every view that shows or changes anything school-specific fetches it through these functions, so the
rules in DESIGN.md ("Who may see what") live here once. One function per role answers the question
for records; `scope_records` picks it. Anything outside the returned querysets must answer 404.

Child records (children, their parents, talks, activities…) are scoped by their own app with
`scope_records`, naming how the model reaches its school, its class and its carers' logins; this
module therefore never imports the apps above it.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404

from organisation.models import District, Prefecture, School, SchoolClass, Semester, User
from organisation.roles import Role


@dataclass(frozen=True)
class RecordPaths:
    """How a model reaches the things scoping is decided by, as ORM lookups.

    `carer_q` builds the condition "this record belongs to a child paired with this carer login";
    None means carers never see this kind of record.
    """

    school: str
    school_class: str
    carer_q: Callable[[User], Q] | None = None


_NOTHING = Q(pk__in=[])


def _officer(user: User, paths: RecordPaths) -> Q:
    return _NOTHING  # an officer of a county, prefecture or province: counts only, never a child by name


def _school_wide(user: User, paths: RecordPaths) -> Q:
    return Q(**{f"{paths.school}_id": user.school_id})


def _head_teacher(user: User, paths: RecordPaths) -> Q:
    return Q(**{f"{paths.school}_id": user.school_id}) & Q(
        **{f"{paths.school_class}__in": SchoolClass.objects.filter(head_teachers=user).values("pk")}
    )


def _carer(user: User, paths: RecordPaths) -> Q:
    if paths.carer_q is None:
        return _NOTHING
    return Q(**{f"{paths.school}_id": user.school_id}) & paths.carer_q(user)


RECORD_SCOPES: dict[str, Callable[[User, RecordPaths], Q]] = {
    Role.DISTRICT_OFFICER: _officer,
    Role.PREFECTURE_OFFICER: _officer,
    Role.PROVINCE_OFFICER: _officer,
    Role.PRINCIPAL: _school_wide,
    Role.ARCHIVE_KEEPER: _school_wide,
    Role.HEAD_TEACHER: _head_teacher,
    Role.CARER: _carer,
}


def sees_whole_school(user: User) -> bool:
    """Whether the user's records are their whole school's (not some classes' or paired children's)."""
    return user.is_authenticated and bool(user.school_id) and RECORD_SCOPES.get(user.role) is _school_wide


def scope_records(user: User, queryset: QuerySet, paths: RecordPaths) -> QuerySet:
    """Narrow `queryset` to what `user` may see. Unknown roles and anonymous users see nothing."""
    if not user.is_authenticated or user.role not in RECORD_SCOPES:
        return queryset.none()
    condition = RECORD_SCOPES[user.role](user, paths)
    if paths.carer_q is not None and user.role == Role.CARER:
        # A carer's condition crosses a to-many relation: filter by key to avoid duplicate rows.
        return queryset.filter(pk__in=queryset.model._base_manager.filter(condition).values("pk"))
    return queryset.filter(condition)


def districts_for(user: User) -> QuerySet[District]:
    """The counties (districts) whose counts the user may see: the one rule of the levels above the school. A
    county officer: their county; a prefecture officer: every county of their prefecture; a province officer:
    every county of every prefecture of their province; anyone else: none."""
    if not user.is_authenticated:
        return District.objects.none()
    if user.role == Role.DISTRICT_OFFICER and user.district_id:
        return District.objects.filter(pk=user.district_id)
    if user.role == Role.PREFECTURE_OFFICER and user.prefecture_id:
        return District.objects.filter(prefecture_id=user.prefecture_id)
    if user.role == Role.PROVINCE_OFFICER and user.province_id:
        return District.objects.filter(prefecture__province_id=user.province_id)
    return District.objects.none()


def prefectures_for(user: User) -> QuerySet[Prefecture]:
    """The prefectures whose counts the user may see: those of the counties they may see, for an officer above
    the county (a county officer sees their county only, not its prefecture's other counties)."""
    if not user.is_authenticated or user.role not in (Role.PREFECTURE_OFFICER, Role.PROVINCE_OFFICER):
        return Prefecture.objects.none()
    return Prefecture.objects.filter(pk__in=districts_for(user).values("prefecture_id"))


def schools_for(user: User) -> QuerySet[School]:
    """Schools whose existence and aggregates the user may see: an officer's, those of the counties below them."""
    if not user.is_authenticated or not user.role:
        return School.objects.none()
    if user.role in (Role.DISTRICT_OFFICER, Role.PREFECTURE_OFFICER, Role.PROVINCE_OFFICER):
        return School.objects.filter(district__in=districts_for(user))
    return School.objects.filter(pk=user.school_id)


def classes_for(user: User) -> QuerySet[SchoolClass]:
    """Classes whose children the user may see: the whole school, or a head teacher's own classes."""
    qs = SchoolClass.objects.select_related("school")
    if not user.is_authenticated:
        return qs.none()
    if user.role in (Role.PRINCIPAL, Role.ARCHIVE_KEEPER):
        return qs.filter(school_id=user.school_id)
    if user.role == Role.HEAD_TEACHER:
        return qs.filter(school_id=user.school_id, head_teachers=user)
    return qs.none()


def managed_school(user: User) -> School:
    """The school whose staff, classes, semesters and norms the user manages; 404 for anyone else."""
    if user.is_authenticated and user.role == Role.PRINCIPAL and user.school_id:
        return user.school
    raise Http404


def staff_for(user: User) -> QuerySet[User]:
    """Accounts the user may manage: a principal's own school staff."""
    if user.is_authenticated and user.role == Role.PRINCIPAL:
        return User.objects.filter(school_id=user.school_id)
    return User.objects.none()


def semesters_for(user: User) -> QuerySet[Semester]:
    return Semester.objects.filter(school__in=schools_for(user))


def current_semesters(school_ids) -> dict[int, Semester]:
    """The current semester of each school, by school id, in one query; a school without one is left out.

    The one rule for "the current semester" (the school marks it; at most one per school); every app
    asks here, `current_semester` for one school."""
    return {s.school_id: s for s in Semester.objects.filter(school_id__in=school_ids, is_current=True).order_by()}


def current_semester(school: School | int | None) -> Semester | None:
    """The school's (or school id's) current semester, or None: one query."""
    if school is None:
        return None
    school_id = school if isinstance(school, int) else school.pk
    return current_semesters([school_id]).get(school_id)


def editable_ids(editable: QuerySet, records: list) -> set[int]:
    """Which of `records` (already read) a write rule's queryset `editable` allows, in one query (none when
    there are no records): how lists and timelines link exactly the records the edit view would open."""
    if not records:
        return set()
    return set(editable.filter(pk__in={r.pk for r in records}).values_list("pk", flat=True))
