"""The key-help flag is dated through plans: a key-help norm applies only while the child's plan runs, so a
past month is judged by who was key-help then, not by today's flag. A child flagged without any plan keeps
the old reading: the flag holds for the whole period."""

from datetime import date

import pytest

from pairing.compliance import ChildSpec, NormSpec, compliance
from pairing.selectors import load_compliance
from tests.factories import ChildFactory, days_from_today
from tests.pairing.factories import CareNormFactory, KeyHelpPlanFactory

SEMESTER = (date(2026, 9, 1), date(2027, 1, 20))
WEEKLY_KEY_HELP = NormSpec(id=1, school_id=1, kind="talk", count=1, period="week", by="any", applies_to="key_help")


def _status(child: ChildSpec, today: date):
    result = compliance(
        norms=[WEEKLY_KEY_HELP],
        start=SEMESTER[0],
        end=SEMESTER[1],
        today=today,
        children=[child],
        pairings=[],
        work=[],
        head_teachers={},
    )
    return result.for_child(child.id)[0]


def test_a_child_key_help_only_from_the_15th_owes_nothing_for_the_weeks_before():
    active = ((date(2025, 1, 1), None),)
    flagged = ChildSpec(id=1, school_id=1, class_id=1, is_key_help=True, active=active)
    planned = ChildSpec(
        id=2, school_id=1, class_id=1, is_key_help=True, active=active, key_help=((date(2026, 10, 15), None),)
    )
    today = date(2026, 11, 2)  # a Monday

    # Flag only: every week since 1 September (9 ended weeks, and the one starting today).
    assert _status(flagged, today).overdue_buckets == 9
    # Plan from Thursday 15 October: the week of 12–18 October (4 of its 7 days), 19–25 and 26 October–1
    # November are owed; September and early October are not.
    s = _status(planned, today)
    assert (s.overdue_buckets, s.required) == (3, 4)


def test_a_plan_that_ended_stops_the_norm_even_if_the_flag_stays():
    ended = ChildSpec(
        id=1,
        school_id=1,
        class_id=1,
        is_key_help=True,
        active=((date(2025, 1, 1), None),),
        key_help=((date(2026, 9, 1), date(2026, 9, 13)),),
    )

    s = _status(ended, date(2026, 11, 2))

    assert s.required == 2  # the two weeks of September the plan ran: 1–6 and 7–13


def test_a_child_with_a_plan_but_no_flag_today_is_still_judged_key_help_for_the_plans_weeks():
    was = ChildSpec(
        id=1,
        school_id=1,
        class_id=1,
        is_key_help=False,
        active=((date(2025, 1, 1), None),),
        key_help=((date(2026, 9, 1), date(2026, 9, 13)),),
    )

    assert _status(was, date(2026, 11, 2)).required == 2


@pytest.mark.django_db
def test_the_loader_reads_the_plans(world):
    CareNormFactory(school=world.school, kind="talk", period="week", applies_to="key_help")
    with_plan = ChildFactory(school_class=world.class_1, is_key_help=True, key_help_reason="成绩下滑")
    without_plan = ChildFactory(school_class=world.class_1, is_key_help=True, key_help_reason="成绩下滑")
    KeyHelpPlanFactory(child=with_plan, start_date=days_from_today(-14))

    _children, result = load_compliance(world.class_1.children.filter(pk__in=[with_plan.pk, without_plan.pk]))

    required = {pk: result.for_child(pk)[0].required for pk in (with_plan.pk, without_plan.pk)}
    assert 2 <= required[with_plan.pk] <= 4  # the weeks since the plan began, this one included
    assert required[without_plan.pk] > required[with_plan.pk]  # the flag alone: every week of the semester
