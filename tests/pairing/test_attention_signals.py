"""Each attention signal on a hand-built child (pure: no database), and the tiers they make."""

from datetime import date, timedelta

from children.models import GuardianshipAssessment
from guardians.models import Guardian
from pairing import attention
from pairing.attention import Facts, Thresholds, Tier, reasons_for, tier_of

TODAY = date(2026, 11, 20)
DEFAULTS = Thresholds()


def facts(**changes) -> Facts:
    """A child identified long ago, looked after by a healthy guardian of 60, paired, with everything done recently."""
    base = {
        "child_id": 1,
        "since": TODAY - timedelta(days=400),
        "semester_start": TODAY - timedelta(days=80),
        "last_talk": TODAY - timedelta(days=3),
        "visited_this_semester": True,
        "last_reached_parent": TODAY - timedelta(days=10),
        "last_parent_tries": (True, False),
        "guardians": ((60, Guardian.Health.GOOD),),
        "has_pairing": True,
    }
    return Facts(**{**base, **changes})


def keys(f: Facts, thresholds: Thresholds = DEFAULTS, today: date = TODAY) -> list[str]:
    return [r.key for r in reasons_for(f, thresholds, today)]


def test_a_child_with_everything_done_needs_no_attention():
    assert keys(facts()) == []


def test_a_child_with_no_record_at_all_is_caught_from_the_day_it_was_identified():
    child = facts(
        since=TODAY - timedelta(days=45),
        last_talk=None,
        visited_this_semester=False,
        last_reached_parent=None,
        last_parent_tries=(),
        has_pairing=False,
    )
    reasons = reasons_for(child, DEFAULTS, TODAY)
    assert [r.key for r in reasons] == ["no_talk", "no_visit", "no_pairing"]
    assert str(reasons[0].text) == "45 天无谈心"


def test_a_child_identified_yesterday_is_not_yet_due():
    child = facts(
        since=TODAY - timedelta(days=1), last_talk=None, visited_this_semester=False, last_reached_parent=None
    )
    assert keys(child) == []


def test_no_talk_counts_days_since_the_last_talk_against_the_schools_threshold():
    assert keys(facts(last_talk=TODAY - timedelta(days=29))) == []
    assert keys(facts(last_talk=TODAY - timedelta(days=30))) == ["no_talk"]
    assert keys(facts(last_talk=TODAY - timedelta(days=30)), Thresholds(no_talk_days=45)) == []


def test_no_visit_this_semester():
    assert keys(facts(visited_this_semester=False)) == ["no_visit"]


def test_no_reached_parent_contact_for_sixty_days():
    reasons = reasons_for(facts(last_reached_parent=TODAY - timedelta(days=61)), DEFAULTS, TODAY)
    assert [str(r.text) for r in reasons] == ["61 天未联系上家长"]


def test_parents_unreachable_on_the_last_two_tries():
    assert keys(facts(last_parent_tries=(False, False))) == ["parents_unreachable"]
    assert keys(facts(last_parent_tries=(False,))) == []
    assert keys(facts(last_parent_tries=(False, True))) == []


def test_guardianship_assessed_as_poor():
    reasons = reasons_for(facts(guardianship=GuardianshipAssessment.POOR), DEFAULTS, TODAY)
    assert [str(r.text) for r in reasons] == ["监护评估：差"]
    assert keys(facts(guardianship=GuardianshipAssessment.FAIR)) == []


def test_no_guardian_recorded():
    assert keys(facts(guardians=())) == ["no_guardian"]


def test_a_guardian_of_seventy_or_in_poor_health():
    assert [str(r.text) for r in reasons_for(facts(guardians=((72, "good"),)), DEFAULTS, TODAY)] == ["监护人已 72 岁"]
    assert keys(facts(guardians=((55, Guardian.Health.POOR),))) == ["frail_guardian"]
    # A second, able guardian in the home is enough.
    assert keys(facts(guardians=((72, "good"), (45, "good")))) == []


def test_a_family_change_in_the_last_thirty_days():
    assert keys(facts(family_changed_on=TODAY - timedelta(days=5))) == ["family_change"]
    assert keys(facts(family_changed_on=TODAY - timedelta(days=30))) == []


def test_no_active_pairing():
    assert keys(facts(has_pairing=False)) == ["no_pairing"]


def test_a_decline_in_class_rank_of_five_places_or_more():
    assert keys(facts(rank_before=10, rank_now=14)) == []
    reasons = reasons_for(facts(rank_before=10, rank_now=15), DEFAULTS, TODAY)
    assert [str(r.text) for r in reasons] == ["班级排名下降 5 名（10 → 15）"]
    assert keys(facts(rank_before=10, rank_now=13), Thresholds(rank_drop=3)) == ["results_declined"]


def test_a_concern_whose_follow_up_is_overdue():
    assert keys(facts(overdue_follow_up=(7, TODAY - timedelta(days=2)))) == ["follow_up_overdue"]


def test_a_disability_without_a_carer_for_psychology():
    assert keys(facts(disability="听力障碍")) == ["disability_without_support"]
    assert keys(facts(disability="听力障碍", has_psychology_carer=True)) == []


def test_snoozed_reasons_are_left_out():
    child = facts(has_pairing=False, visited_this_semester=False)
    assert [r.key for r in reasons_for(child, DEFAULTS, TODAY, snoozed=["no_pairing"])] == ["no_visit"]


def test_tiers_from_reasons_key_help_and_safety_events():
    one = reasons_for(facts(has_pairing=False), DEFAULTS, TODAY)
    two = reasons_for(facts(has_pairing=False, guardians=()), DEFAULTS, TODAY)
    assert tier_of([], is_key_help=False, safety_event=False) is None
    assert tier_of(one, is_key_help=False, safety_event=False) == Tier.REMINDER
    assert tier_of(one, is_key_help=True, safety_event=False) == Tier.CLOSE
    assert tier_of(two, is_key_help=False, safety_event=False) == Tier.CLOSE
    assert tier_of([], is_key_help=False, safety_event=True) == Tier.ACT_NOW


def test_every_signal_has_a_docstring_and_a_label():
    for signal in attention.SIGNALS:
        assert signal.__doc__
    assert set(attention.REASON_LABELS) >= {
        r.key
        for r in reasons_for(
            facts(
                last_talk=None,
                since=TODAY - timedelta(days=400),
                visited_this_semester=False,
                last_reached_parent=None,
                last_parent_tries=(False, False),
                guardianship="poor",
                guardians=(),
                family_changed_on=TODAY,
                has_pairing=False,
                rank_before=1,
                rank_now=20,
                overdue_follow_up=(1, TODAY),
                disability="x",
            ),
            DEFAULTS,
            TODAY,
        )
    }
