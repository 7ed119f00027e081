"""Read-only figures for dashboards and reports, computed from the other apps' records."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from children.models import ChildStatus
from children.scoping import children_for
from organisation import scoping
from organisation.models import School, SchoolClass, User
from organisation.roles import Role

_ACTIVE = Q(children__status=ChildStatus.ACTIVE, children__deleted_at__isnull=True)


@dataclass
class HomeSummary:
    schools: QuerySet[School]
    classes: QuerySet[SchoolClass]
    children_count: int
    staff_count: int | None


def home_summary(user: User) -> HomeSummary:
    """What a user's home page counts: their schools, their classes and the children they may see."""
    schools = (
        scoping.schools_for(user)
        .select_related("district")
        .annotate(
            children_count=Count("children", filter=_ACTIVE, distinct=True),
            classes_count=Count("classes", distinct=True),
        )
    )
    classes = (
        scoping.classes_for(user)
        .annotate(children_count=Count("children", filter=_ACTIVE))
        .prefetch_related("head_teachers")
        .order_by("grade", "number")
    )
    staff = scoping.staff_for(user)
    return HomeSummary(
        schools=schools,
        classes=classes,
        children_count=children_for(user).active().count(),
        # Carers with a login have accounts too, but they are not the school's staff.
        staff_count=staff.filter(is_active=True).exclude(role=Role.CARER).count()
        if user.can("manage_school")
        else None,
    )
