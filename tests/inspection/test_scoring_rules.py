"""The scoring rules turn a computed value into points."""

from decimal import Decimal as D

import pytest

from inspection.defaults import DEFAULT_INDEX, default_total
from inspection.measures import MEASURES, rule_score
from inspection.models import Rule


@pytest.mark.parametrize(
    ("value", "expected"),
    [(D("100"), D("10.0")), (D("85.7"), D("8.6")), (D("0"), D("0.0")), (D("120"), D("10.0"))],
)
def test_proportional_gives_points_in_proportion_to_the_target_and_never_more(value, expected):
    assert rule_score(rule=Rule.PROPORTIONAL, points=D("10"), target=D("100"), value=value) == expected


def test_proportional_against_a_count_target():
    assert rule_score(rule=Rule.PROPORTIONAL, points=D("8"), target=D("30"), value=D("15")) == D("4.0")


@pytest.mark.parametrize(("value", "expected"), [(D("2"), D("0.0")), (D("3"), D("0.5")), (D("7"), D("0.5"))])
def test_threshold_gives_all_points_once_the_target_is_reached_and_none_before(value, expected):
    assert rule_score(rule=Rule.THRESHOLD, points=D("0.5"), target=D("3"), value=value) == expected


def test_a_rate_over_nothing_is_not_scored_unless_nothing_to_do_meets_the_target():
    assert rule_score(rule=Rule.PROPORTIONAL, points=D("10"), target=D("100"), value=None) is None
    assert rule_score(rule=Rule.PROPORTIONAL, points=D("5"), target=D("100"), value=None, empty_is_met=True) == D("5")


def test_a_judged_item_has_no_score_by_rule():
    assert rule_score(rule=Rule.JUDGED, points=D("5"), target=D("1"), value=D("1")) is None


def test_the_default_index_has_100_points_and_every_computed_item_reads_a_known_measure():
    assert default_total() == D("100")
    computed = [i for _t, items in DEFAULT_INDEX for i in items if i.evidence == "computed"]
    assert computed and all(i.measure in MEASURES and i.target for i in computed)
    assert [str(i.points) for i in DEFAULT_INDEX[0][1]] == ["0.5", "0.5", "1", "1", "2"]  # Anhui's 领导机制
