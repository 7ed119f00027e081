"""Which children, and which records hanging off a child, a user may see (see organisation.scoping)."""

from django.db.models import Q, QuerySet

from children.extensions import carer_scope_q
from children.models import Child
from organisation.models import User
from organisation.scoping import RecordPaths, scope_records


def _paired_with(user: User) -> Q:
    # The pairing app registers what "paired with this carer login" means; children does not import it.
    return carer_scope_q(user)


CHILD_PATHS = RecordPaths(school="school", school_class="school_class", carer_q=_paired_with)


def children_for(user: User, queryset: QuerySet[Child] | None = None) -> QuerySet[Child]:
    """The children `user` may see: school-wide, their classes, their paired children, or none."""
    return scope_records(user, Child.objects.all() if queryset is None else queryset, CHILD_PATHS)


def child_records_for(user: User, queryset: QuerySet, child_field: str = "child") -> QuerySet:
    """Records that belong to one child (parents, talks, results…), limited to children the user may see."""
    return queryset.filter(**{f"{child_field}__in": children_for(user).values("pk")})
