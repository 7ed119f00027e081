"""organisation.lookups.ids_subquery: a scoped queryset's ids compiled once, matching what the queryset matches."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from children.models import Child
from children.scoping import children_for
from guardians.models import Parent
from organisation.lookups import ids_subquery
from pairing.models import Talk
from tests.pairing.factories import TalkFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("who", ["head_teacher", "principal", "carer_user", "district_officer"])
def test_it_matches_exactly_the_records_the_scoped_queryset_matches(world, who):
    user = getattr(world, who)
    for child in (world.child_1, world.child_2, world.other_child):
        TalkFactory(child=child, recorded_by=world.head_teacher)
    children = children_for(user).active()
    ids = ids_subquery(children)
    expected = set(Talk.objects.filter(child__in=children.values("pk")).values_list("pk", flat=True))
    assert set(Talk.objects.filter(child__in=ids).values_list("pk", flat=True)) == expected
    # The same subquery serves several queries, each a query of its own: no id list is read first.
    with CaptureQueriesContext(connection) as queries:
        talks = set(Talk.objects.filter(child__in=ids).values_list("child_id", flat=True))
        parents = set(Parent.objects.filter(child__in=ids).values_list("child_id", flat=True))
    # (The district officer's children are `.none()`: Django answers without a query.)
    assert len(queries) == (0 if who == "district_officer" else 2)
    assert talks <= set(children.values_list("pk", flat=True)) and parents <= set(children.values_list("pk", flat=True))


def test_a_sliced_queryset_keeps_its_order_and_its_limit(world):
    first = Child.objects.order_by("-pk")[:1]
    assert list(Child.objects.filter(pk__in=ids_subquery(first)).values_list("pk", flat=True)) == [
        Child.objects.order_by("-pk").first().pk
    ]
