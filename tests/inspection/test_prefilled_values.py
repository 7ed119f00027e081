"""A draft's computed items show the report figures' own values: the same functions, the same numbers."""

import pytest
from django.utils import timezone

from inspection.models import Item
from inspection.printed import draft_rows
from inspection.selectors import year_period
from organisation.models import LeadingGroupMember
from reports import figures as fig
from reports.on_time import on_time_reports
from tests import factories as f
from tests.pairing.factories import HomeVisitFactory, TalkFactory

pytestmark = pytest.mark.django_db


def _values(world, index, year):
    period = year_period(year)
    rows = {r.measure: r for s in draft_rows(world.school, index, period) for r in s.rows if r.measure}
    return period, rows


def test_every_computed_value_equals_its_report_figure(world, index, year):
    today = timezone.localdate()
    TalkFactory(child=world.child_1, date=today)
    HomeVisitFactory(child=world.child_2, date=today)
    world.child_1.safety_letter_signed = True
    world.child_1.save()
    f.ChildFactory(school_class=world.class_1, name="陈雨桐")
    period, rows = _values(world, index, year)
    s = world.school
    assert rows["filing_rate"].value_text == fig.filing_rate(s, period).text
    assert rows["pairing_coverage"].value_text == fig.pairing_coverage(s, period).coverage.text
    assert rows["talk_coverage"].value_text == fig.talks(s, period).coverage.text == "33.3% (1/3)"
    assert rows["visit_coverage"].value_text == fig.home_visits(s, period).coverage.text
    assert rows["contact_coverage"].value_text == fig.parent_contacts(s, period).coverage.text
    assert rows["safety_letters"].value_text == fig.safety_letters(s, period).text == "33.3% (1/3)"
    assert rows["leading_group"].value_text == str(fig.care_force(s, period).leading_group)
    assert rows["childrens_home_sessions"].value_text == str(fig.childrens_home(s, period).sessions)
    assert rows["activities"].value_text == str(fig.activities(s, period).activities)
    assert rows["on_time_reports"].value_text == on_time_reports([s], period)[s.pk].text


def test_a_computed_score_follows_the_value(world, index, year):
    talk = Item.objects.get(section__index=index, measure="talk_coverage")
    TalkFactory(child=world.child_1)
    _period, rows = _values(world, index, year)
    assert rows["talk_coverage"].rule_score == talk.points / 2  # 1 of 2 children, proportional to 100 %


def test_the_leading_group_scores_once_it_has_three_members(world, index, year):
    for n, user in enumerate([world.principal, world.archive_keeper, world.head_teacher]):
        LeadingGroupMember.objects.create(
            school=world.school,
            school_year=year,
            user=user,
            role=LeadingGroupMember.GroupRole.LEADER if n == 0 else LeadingGroupMember.GroupRole.MEMBER,
            duty=LeadingGroupMember.Duty.values[0],
        )
    _period, rows = _values(world, index, year)
    assert rows["leading_group"].value_text == "3"
    assert rows["leading_group"].rule_score == Item.objects.get(section__index=index, measure="leading_group").points
