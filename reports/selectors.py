"""Read-only figures for dashboards and reports, computed from the other apps' records."""

from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from children.models import Child, ChildStatus
from children.scoping import children_for
from organisation import scoping
from organisation.models import School, SchoolClass, User
from organisation.roles import Role

_ACTIVE = Q(children__status=ChildStatus.ACTIVE, children__deleted_at__isnull=True)


def _count_of(queryset: QuerySet, field: str) -> Coalesce:
    """How many rows of `queryset` point at the outer row through `field`: a correlated subquery that
    reads `field`'s index, so counting two kinds of rows never joins them to each other."""
    counted = queryset.filter(**{field: OuterRef("pk")}).order_by().values(field).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


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
            # Two separate counts: one query joining children and classes would make children × classes rows.
            children_count=_count_of(Child.objects.active(), "school"),
            classes_count=_count_of(SchoolClass.objects.all(), "school"),
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
