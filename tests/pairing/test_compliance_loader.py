"""load_compliance: the database records feed the pure rules the way its docstring says."""

import datetime

from children.models import Child, ChildStatusChange
from pairing.models import CareNorm, WorkKind
from pairing.selectors import load_compliance
from tests import factories
from tests.pairing.factories import CareNormFactory, HomeVisitFactory, ParentContactFactory, TalkFactory

TODAY = datetime.date(2026, 11, 23)  # inside the world's semester, 1 Sep 2026 to 20 Jan 2027


def _status(world, norm, child=None):
    _children, result = load_compliance(Child.objects.filter(pk=(child or world.child_1).pk), today=TODAY)
    return next(s for s in result.for_child((child or world.child_1).pk) if s.norm.id == norm.pk)


def test_a_talk_the_head_teacher_logs_for_a_loving_mother_does_not_count_as_the_head_teachers_talk(world):
    norm = CareNormFactory(school=world.school, by=CareNorm.By.HEAD_TEACHER)
    mother = factories.CarerFactory(school=world.school)
    TalkFactory(child=world.child_1, carer=mother, recorded_by=world.head_teacher, date=datetime.date(2026, 11, 2))
    assert _status(world, norm).due_now == 1
    TalkFactory(child=world.child_1, recorded_by=world.head_teacher, date=datetime.date(2026, 11, 3))
    assert _status(world, norm).due_now == 0


def test_a_talk_by_the_paired_carer_with_a_login_counts_for_a_paired_carer_norm(world):
    norm = CareNormFactory(school=world.school, by=CareNorm.By.PAIRED_CARER, carer_kind=world.carer.kind)
    TalkFactory(child=world.child_1, carer=world.carer, recorded_by=world.carer_user, date=datetime.date(2026, 11, 5))
    status = _status(world, norm)
    assert status.done >= 1 and status.due_now == 0


def test_an_unreached_parent_does_not_count_and_a_guardian_contact_counts_only_for_the_guardian_norm(world):
    parent_norm = CareNormFactory(school=world.school, kind=WorkKind.PARENT_CONTACT)
    guardian_norm = CareNormFactory(school=world.school, kind=WorkKind.GUARDIAN_CONTACT)
    ParentContactFactory(child=world.child_1, date=datetime.date(2026, 11, 4), reached=False)
    ParentContactFactory(child=world.child_1, date=datetime.date(2026, 11, 5), counterpart="guardian")
    assert _status(world, parent_norm).due_now == 1
    assert _status(world, guardian_norm).due_now == 0


def test_a_home_visit_counts_for_its_staff_visitor_as_head_teacher(world):
    norm = CareNormFactory(
        school=world.school, kind=WorkKind.HOME_VISIT, period=CareNorm.Period.SEMESTER, by=CareNorm.By.HEAD_TEACHER
    )
    visit = HomeVisitFactory(child=world.child_1, date=datetime.date(2026, 10, 5))
    assert _status(world, norm).due_now == 1
    visit.staff.add(world.head_teacher)
    assert _status(world, norm).due_now == 0


def test_a_child_no_longer_left_behind_owes_nothing_after_the_recorded_date(world):
    norm = CareNormFactory(school=world.school)
    world.child_1.identified_on = datetime.date(2025, 1, 1)
    world.child_1.save()
    ChildStatusChange.objects.create(child=world.child_1, status="no_longer", date=datetime.date(2026, 10, 2))
    status = _status(world, norm)
    assert (status.required, status.due_now) == (1, 0)  # September only
