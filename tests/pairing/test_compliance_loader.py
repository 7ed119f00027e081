"""load_compliance: the database records feed the pure rules the way its docstring says."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from children.models import Child, ChildStatusChange
from pairing.models import CareNorm, WorkKind
from pairing.selectors import load_compliance
from tests import factories
from tests.pairing.factories import CareNormFactory, HomeVisitFactory, ParentContactFactory, TalkFactory

# The 23rd of a month inside the world's semester (from 120 days before today to 60 days after) and after the
# world's pairing started (30 days ago): the records below fall in that month, or in the month before it.
TODAY = (timezone.localdate() + datetime.timedelta(days=20)).replace(day=23)


def on(day: int, months_back: int = 0) -> datetime.date:
    """That day of TODAY's month, or of the month `months_back` before it."""
    first = TODAY.replace(day=1)
    for _ in range(months_back):
        first = (first - datetime.timedelta(days=1)).replace(day=1)
    return first.replace(day=day)


def _status(world, norm, child=None):
    _children, result = load_compliance(Child.objects.filter(pk=(child or world.child_1).pk), today=TODAY)
    return next(s for s in result.for_child((child or world.child_1).pk) if s.norm.id == norm.pk)


def test_a_talk_the_head_teacher_logs_for_a_loving_mother_does_not_count_as_the_head_teachers_talk(world):
    norm = CareNormFactory(school=world.school, by=CareNorm.By.HEAD_TEACHER)
    mother = factories.CarerFactory(school=world.school)
    TalkFactory(child=world.child_1, carer=mother, recorded_by=world.head_teacher, date=on(2))
    assert _status(world, norm).due_now == 1
    TalkFactory(child=world.child_1, recorded_by=world.head_teacher, date=on(3))
    assert _status(world, norm).due_now == 0


def test_a_talk_by_the_paired_carer_with_a_login_counts_for_a_paired_carer_norm(world):
    norm = CareNormFactory(school=world.school, by=CareNorm.By.PAIRED_CARER, carer_kind=world.carer.kind)
    TalkFactory(child=world.child_1, carer=world.carer, recorded_by=world.carer_user, date=on(5))
    status = _status(world, norm)
    assert status.done >= 1 and status.due_now == 0


def test_an_unreached_parent_does_not_count_and_a_guardian_contact_counts_only_for_the_guardian_norm(world):
    parent_norm = CareNormFactory(school=world.school, kind=WorkKind.PARENT_CONTACT)
    guardian_norm = CareNormFactory(school=world.school, kind=WorkKind.GUARDIAN_CONTACT)
    ParentContactFactory(child=world.child_1, date=on(4), reached=False)
    ParentContactFactory(child=world.child_1, date=on(5), counterpart="guardian")
    assert _status(world, parent_norm).due_now == 1
    assert _status(world, guardian_norm).due_now == 0


def test_a_home_visit_counts_for_its_staff_visitor_as_head_teacher(world):
    norm = CareNormFactory(
        school=world.school, kind=WorkKind.HOME_VISIT, period=CareNorm.Period.SEMESTER, by=CareNorm.By.HEAD_TEACHER
    )
    visit = HomeVisitFactory(child=world.child_1, date=on(5, months_back=1))
    assert _status(world, norm).due_now == 1
    visit.staff.add(world.head_teacher)
    assert _status(world, norm).due_now == 0


def test_a_child_no_longer_left_behind_owes_nothing_after_the_recorded_date(world):
    norm = CareNormFactory(school=world.school)
    world.child_1.identified_on = datetime.date(2025, 1, 1)
    world.child_1.save()
    world.semester.start_date = on(1, months_back=2)
    world.semester.save()
    ChildStatusChange.objects.create(child=world.child_1, status="no_longer", date=on(2, months_back=1))
    status = _status(world, norm)
    # Left-behind for all of the semester's first month and one day of the second: only the first month counts.
    assert (status.required, status.due_now) == (1, 0)


def _fresh_child(world, identified_on):
    child = factories.ChildFactory(school_class=world.class_1, identified_on=identified_on)
    child.refresh_from_db()
    return child


@pytest.mark.parametrize("identified", ["empty", "today"])
def test_a_child_archived_today_is_not_overdue_for_weeks_and_months_before_it_existed(world, identified):
    from django.utils import timezone

    today = timezone.localdate()
    assert world.semester.start_date < today - datetime.timedelta(days=35) <= world.semester.end_date
    week = CareNormFactory(school=world.school, period=CareNorm.Period.WEEK)
    month = CareNormFactory(school=world.school, kind=WorkKind.HOME_VISIT, period=CareNorm.Period.MONTH)
    child = _fresh_child(world, None if identified == "empty" else today)
    assert timezone.localdate(child.created_at) == today
    _children, result = load_compliance(Child.objects.filter(pk=child.pk), today=today)
    statuses = {s.norm.id: s for s in result.for_child(child.pk)}
    assert (statuses[week.pk].overdue_buckets, statuses[month.pk].overdue_buckets) == (0, 0)
    assert not statuses[week.pk].missed_last and not statuses[month.pk].missed_last


def test_a_child_archived_weeks_ago_without_an_identification_date_owes_the_weeks_since(world):
    from django.utils import timezone

    today = timezone.localdate()
    norm = CareNormFactory(school=world.school, period=CareNorm.Period.WEEK)
    child = _fresh_child(world, None)
    archived = today - datetime.timedelta(days=21)
    Child.objects.filter(pk=child.pk).update(
        created_at=timezone.make_aware(datetime.datetime.combine(archived, datetime.time(9)))
    )
    _children, result = load_compliance(Child.objects.filter(pk=child.pk), today=today)
    status = next(s for s in result.for_child(child.pk) if s.norm.id == norm.pk)
    # The two full weeks since, and the archive week if the child was there at least four of its days.
    assert status.overdue_buckets == (3 if archived.weekday() <= 3 else 2)


def test_the_loader_does_not_sort_the_records_it_reads(world):
    TalkFactory(child=world.child_1, recorded_by=world.head_teacher)
    ParentContactFactory(child=world.child_1, recorded_by=world.head_teacher)
    HomeVisitFactory(child=world.child_1)
    with CaptureQueriesContext(connection) as queries:
        load_compliance(Child.objects.filter(pk=world.child_1.pk))
    record_queries = [q["sql"] for q in queries.captured_queries if "children_child" not in q["sql"].split("WHERE")[0]]
    assert record_queries  # talks, visits, contacts, pairings, status changes…
    # The models' default ordering (-date, -created_at) sorted every record of the school for nothing.
    assert [sql for sql in record_queries if "ORDER BY" in sql and "pairing_carenorm" not in sql] == []
