import datetime

import pytest
from django.utils import timezone

from children.models import ChildStatusChange
from pairing.models import Pairing
from pairing.services import norms_restore_defaults
from tests import factories
from tests.pairing.factories import HomeVisitFactory, ParentContactFactory, TalkFactory


@pytest.fixture
def populate(world):
    """Fill class 1 with `n` children, each with a pairing, a talk, a visit, a contact and a status change."""

    def build(n: int):
        norms_restore_defaults(school=world.school)
        today = timezone.localdate()
        mother = factories.CarerFactory(school=world.school, name="刘桂兰")
        children = factories.ChildFactory.create_batch(
            n, school_class=world.class_1, birth_date=today.replace(year=2017, day=1)
        )
        Pairing.objects.bulk_create(
            Pairing(child=c, carer=mother, kind=mother.kind, start_date=today - datetime.timedelta(days=60))
            for c in children
        )
        for i, c in enumerate(children):
            if i % 2:
                TalkFactory(child=c, carer=mother, recorded_by=world.head_teacher, date=today,
                            follow_up="再聊", follow_up_due=today)  # fmt: skip
            if i % 3 == 0:
                visit = HomeVisitFactory(child=c, recorded_by=world.head_teacher, date=today)
                visit.staff.add(world.head_teacher)
                visit.carers.add(mother)
                ParentContactFactory(child=c, recorded_by=world.head_teacher, date=today)
        ChildStatusChange.objects.bulk_create(
            ChildStatusChange(child=c, status="active", date=today - datetime.timedelta(days=300)) for c in children
        )
        return children

    return build
