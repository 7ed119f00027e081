"""The two requirements of a complete archive (children.completeness) that look at guardians' rows.

Each is a scalar subquery "the first such row's id IS NOT NULL", not EXISTS: PostgreSQL may run an
EXISTS as a hashed subplan that reads every guardian (parent) of the district to answer for a page of
50 children; a scalar subquery is read per child, through the table's child index.
"""

from django.db.models import OuterRef, QuerySet, Subquery
from django.db.models.lookups import IsNull

from guardians.models import Guardian, Parent


def _any(rows: QuerySet) -> IsNull:
    return IsNull(Subquery(rows.filter(child=OuterRef("pk")).order_by().values("pk")[:1]), False)


def has_guardian() -> IsNull:
    """The child has a guardian."""
    return _any(Guardian.objects.all())


def has_reachable_parent() -> IsNull:
    """A parent of the child has both a phone and a work place."""
    return _any(Parent.objects.exclude(phone="").exclude(work_city=""))
