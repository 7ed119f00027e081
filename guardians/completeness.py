"""The two requirements of a complete archive (children.completeness) that look at guardians' rows."""

from django.db.models import Exists, OuterRef

from guardians.models import Guardian, Parent


def has_guardian() -> Exists:
    """The child has a guardian (a correlated subquery on guardians_guardian's child index)."""
    return Exists(Guardian.objects.filter(child=OuterRef("pk")).order_by())


def has_reachable_parent() -> Exists:
    """A parent of the child has both a phone and a work place."""
    return Exists(Parent.objects.filter(child=OuterRef("pk")).exclude(phone="").exclude(work_city="").order_by())
