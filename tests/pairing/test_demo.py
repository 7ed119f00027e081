"""The pairing demo: carers with and without logins, most children paired, overdue work; idempotent."""

import pytest
from django.core.management import call_command

from children.models import Child
from guardians.models import ParentContact
from organisation.models import User
from organisation.validators import validate_phone
from pairing.models import CareNorm, Carer, CarerKind, HomeVisit, Pairing, Talk
from pairing.selectors import coverage_gaps, load_compliance

pytestmark = pytest.mark.django_db


def counts():
    return tuple(m.objects.count() for m in (Carer, Pairing, Talk, HomeVisit, ParentContact, CareNorm))


def test_the_demo_pairs_most_children_leaves_some_overdue_and_is_idempotent():
    call_command("seed_demo")
    before = counts()
    call_command("seed_demo")
    assert counts() == before

    carer_login = User.objects.get(username="carer")
    paired = Child.objects.filter(pairings__carer__user=carer_login).select_related("school_class")
    assert paired.exists()
    assert {(c.school_class.grade, c.school_class.number) for c in paired} == {(3, 1)}
    assert Carer.objects.filter(kind="loving_mother", user__isnull=True, organisation="青山县妇联").exists()
    assert carer_login.carer.kind == CarerKind.LOVING_MOTHER
    assert set(Pairing.objects.filter(carer__user=carer_login).values_list("kind", flat=True)) == {"loving_mother"}
    phones = list(Carer.objects.filter(kind=CarerKind.LOVING_MOTHER).values_list("phone", flat=True))
    assert len(phones) > 1 and len(set(phones)) == len(phones)
    for phone in phones:
        validate_phone(phone)  # raises if not a valid number

    principal = User.objects.get(username="principal")
    total = Child.objects.filter(school=principal.school).count()
    uncovered = coverage_gaps(principal).count()
    assert 0 < uncovered < total / 3
    children, result = load_compliance(Child.objects.filter(school=principal.school))
    assert any(s.overdue for c in children for s in result.for_child(c.pk))
    assert any(s.applies and not s.overdue for c in children for s in result.for_child(c.pk))
