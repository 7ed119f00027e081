"""Which children, and which records hanging off a child, a user may see (see organisation.scoping)."""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from children.extensions import carer_scope_q
from children.models import Child
from organisation.models import User
from organisation.roles import Capability
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


# --- The write rules for children (the read rule is `children_for`). ---


def editable_children_for(user: User) -> QuerySet[Child]:
    """Children whose archive `user` may change: those they see, if they keep archives (not carers)."""
    if not user.is_authenticated or not user.can(Capability.EDIT_ARCHIVES):
        return Child.objects.none()
    return children_for(user)


def children_to_log_care_for(user: User) -> QuerySet[Child]:
    """Children about whom `user` may log talks, visits and contacts: those they see, if they log care."""
    if not user.is_authenticated or not user.can(Capability.LOG_CARE):
        return Child.objects.none()
    return children_for(user)


def get_child_for(user: User, pk: int, *, write: bool = False, related: tuple[str, ...] = ()) -> Child:
    """The child `pk` if `user` may read it (with `write`: change its archive); otherwise 404."""
    qs = editable_children_for(user) if write else children_for(user)
    if related:
        qs = qs.select_related(*related)
    return get_object_or_404(qs, pk=pk)
