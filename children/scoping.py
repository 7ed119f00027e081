"""Which children, and which records hanging off a child, a user may see (see organisation.scoping)."""

from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from children.models import Child
from organisation.models import User
from organisation.scoping import RecordPaths, scope_records


def current_pairing_q(on: date | None = None, prefix: str = "") -> Q:
    """A pairing is current on a day when it has started and not yet ended. `prefix` reaches the pairing
    from another model ("pairings__" from a child). The one definition every app uses."""
    on = on or timezone.localdate()
    return Q(**{f"{prefix}start_date__lte": on}) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": on})
    )


def _paired_with(user: User) -> Q:
    # Both conditions in one filter() apply to the same pairing row: a current pairing with this carer login.
    return Q(pairings__carer__user=user) & current_pairing_q(prefix="pairings__")


CHILD_PATHS = RecordPaths(school="school", school_class="school_class", carer_q=_paired_with)


def children_for(user: User, queryset: QuerySet[Child] | None = None) -> QuerySet[Child]:
    """The children `user` may see: school-wide, their classes, their paired children, or none."""
    return scope_records(user, Child.objects.all() if queryset is None else queryset, CHILD_PATHS)


def child_records_for(user: User, queryset: QuerySet, child_field: str = "child") -> QuerySet:
    """Records that belong to one child (parents, talks, results…), limited to children the user may see."""
    return queryset.filter(**{f"{child_field}__in": children_for(user).values("pk")})
