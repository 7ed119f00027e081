"""One test per REPORTS.md figure on the hand-built school of tests/reports/conftest.py (read its docstring
first: it lists the children A–F and X and what each one has)."""

import dataclasses
import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from children.models import ChildStatus, ChildStatusChange, LeftBehindType
from guardians.models import ParentContact
from organisation.roles import Role
from reports import figures as fig
from reports.figures import Period, Rate
from tests import factories as f
from tests.pairing.factories import ParentContactFactory, TalkFactory

D = datetime.date


@pytest.fixture(autouse=True)
def _english():
    # The cross-checks' messages are read in English here, whatever an earlier test left active.
    with translation.override("en"):
        yield


def test_a_period_is_made_from_a_semester_or_a_month(figure_school):
    assert figure_school.period == Period(D(2026, 9, 1), D(2027, 1, 20))
    assert Period.of_month(2028, 2) == Period(D(2028, 2, 1), D(2028, 2, 29))
    # Sep, Oct, Nov and Dec lie wholly inside the semester; January stops on the 20th.
    assert [m.start.month for m in figure_school.period.whole_months()] == [9, 10, 11, 12]


def test_a_rate_keeps_its_numerator_and_denominator():
    assert Rate(1, 3).rate == Decimal("33.3")
    assert Rate(0, 0).rate is None  # over nothing: no value, shown "—" (REPORTS.md)
    assert Rate(1, 3).missing == 2


def test_lbc_on_a_day_follows_the_status_history_and_skips_deleted_and_later_children(figure_school):
    s, names = figure_school.school, lambda qs: sorted(qs.values_list("name", flat=True))
    # 31 Aug: A, B and D (D transferred on 15 Nov; C identified 10 Oct; E deleted; F identified in 2027).
    assert names(fig.lbc_on(s, D(2026, 8, 31))) == ["A", "B", "D"]
    # 14 Nov D is still there, 15 Nov it is gone; C has come.
    assert names(fig.lbc_on(s, D(2026, 11, 14))) == ["A", "B", "C", "D"]
    assert names(fig.lbc_on(s, D(2026, 11, 15))) == ["A", "B", "C"]
    # F counts from 22 Jan 2027.
    assert names(fig.lbc_on(s, D(2027, 1, 22))) == ["A", "B", "C", "F"]


def test_lbc_on_is_built_once_per_school_and_day_but_never_shares_rows(figure_school):
    s, day = figure_school.school, D(2026, 11, 14)
    first = fig.lbc_on(s, day)
    assert len(first) == 4  # evaluated: its rows are cached on this copy only
    second = fig.lbc_on(s, day)
    assert second is not first and second._result_cache is None
    assert str(second.query) == str(first.query)
    # A change after the first evaluation is seen by the next caller.
    ChildStatusChange.objects.create(child=figure_school.children["A"], status=ChildStatus.NO_LONGER, date=day)
    assert sorted(fig.lbc_on(s, day).values_list("name", flat=True)) == ["B", "C", "D"]
    assert len(first) == 4


def test_a_child_who_came_back_is_left_behind_only_after_the_change_to_active(figure_school):
    s, b = figure_school.school, figure_school.children["B"]
    ChildStatusChange.objects.create(child=b, status=ChildStatus.NO_LONGER, date=D(2026, 9, 10))
    ChildStatusChange.objects.create(child=b, status=ChildStatus.ACTIVE, date=D(2026, 12, 1))
    assert not fig.lbc_on(s, D(2026, 10, 1)).filter(pk=b.pk).exists()
    assert fig.lbc_on(s, D(2026, 12, 1)).filter(pk=b.pk).exists()


def test_figure_1_students_on_roll_is_none_until_enrolment_is_entered(figure_school):
    # No class has an enrolment (tests/reports/test_enrolment.py enters some).
    assert fig.students_on_roll(figure_school.school, figure_school.period).students is None


def test_figure_2_counts_the_left_behind_children_of_the_period(figure_school):
    # A, B, C.
    result = fig.lbc_count(figure_school.school, figure_school.period)
    assert result.children == 3
    assert result.share is None  # no enrolment entered
    share = fig.lbc_count(figure_school.school, figure_school.period, fig.StudentsOnRoll(students=12)).share
    assert (share.numerator, share.denominator, share.rate) == (3, 12, Decimal("25.0"))


def test_figure_3_splits_by_grade_gender_and_boarding(figure_school):
    # Grade 3: A, B; grade 4: C. Girls A, C; boy B. Boarding: A.
    result = fig.lbc_breakdown(figure_school.school, figure_school.period)
    assert result.by_grade == ((3, 2), (4, 1))
    assert [(v, n) for v, _label, n in result.by_gender] == [("M", 1), ("F", 2)]
    assert (result.boarding, result.day_pupils) == (1, 2)


def test_figure_4_gives_both_readings_and_the_four_types(figure_school):
    # 双留守: A. 单留守: B (father away), C (one away, other unable). 民政: A (C is 17 on P.end).
    result = fig.lbc_types(figure_school.school, figure_school.period)
    assert (result.double, result.single, result.education) == (1, 2, 3)
    assert result.civil_affairs == 1
    assert [(v, n) for v, _label, n in result.by_type] == [
        (LeftBehindType.BOTH_AWAY, 1),
        (LeftBehindType.FATHER_AWAY, 1),
        (LeftBehindType.MOTHER_AWAY, 0),
        (LeftBehindType.ONE_AWAY_OTHER_UNABLE, 1),
    ]
    assert result.not_recorded == 0


def test_figure_4_civil_affairs_counts_a_child_only_while_under_16(figure_school):
    c = figure_school.children["C"]
    c.birth_date = D(2011, 1, 21)  # 16 on 21 Jan 2027, the day after P.end
    c.save()
    assert fig.lbc_types(figure_school.school, figure_school.period).civil_affairs == 2


def test_figure_5_splits_by_the_main_guardians_relation(figure_school):
    # A grandmother, B uncle, C none.
    result = fig.lbc_guardian_kinds(figure_school.school, figure_school.period)
    assert (result.grandparent, result.other_relative, result.parent_at_home, result.other_or_none) == (1, 1, 0, 1)


def test_figure_6_counts_new_and_left_by_reason(figure_school):
    # New: C (F is identified after P.end). Left: D, transferred on 15 Nov.
    result = fig.new_and_left(figure_school.school, figure_school.period)
    assert (result.new, result.left) == (1, 1)
    assert dict((v, n) for v, _label, n in result.by_reason) == {
        "no_longer": 0,
        "transferred": 1,
        "graduated": 0,
        "dropped_out": 0,
    }


def test_figure_7_filing_rate_counts_complete_archives_of_the_lbc(figure_school):
    # Only A's archive is complete.
    assert fig.filing_rate(figure_school.school, figure_school.period) == Rate(1, 3)


def test_figure_8_pairing_coverage_counts_a_child_with_two_pairings_once(figure_school):
    # A is paired with M and K on P.end; B's pairing ended 31 Dec; C has none; D left.
    result = fig.pairing_coverage(figure_school.school, figure_school.period)
    assert result.coverage == Rate(1, 3)
    assert [(v, n) for v, _label, n in result.carers_by_kind] == [("teacher", 1), ("loving_mother", 1)]
    assert (result.carers, result.pairings, result.children_per_carer) == (2, 2, Decimal("1.0"))


def test_figure_9_talks_count_records_in_the_period_including_both_ends(figure_school):
    # A on P.start and P.end, D (left later) in P = 3 talks of 2 children; B before, C after, E deleted and
    # X of another school do not count. Coverage: A of A, B, C.
    result = fig.talks(figure_school.school, figure_school.period)
    assert (result.records, result.children, result.coverage) == (3, 2, Rate(1, 3))


def test_figure_10_home_visits_count_visitors_and_guardians_met(figure_school):
    # A (T1 + M, guardian met), B (T1, nobody), D (M, guardian and parent). Coverage A, B of 3.
    result = fig.home_visits(figure_school.school, figure_school.period)
    assert (result.records, result.children, result.coverage) == (3, 3, Rate(2, 3))
    assert (result.staff_visitors, result.carer_visitors, result.visitors) == (1, 1, 2)
    # A's grandmother was met. D's visit says "guardian and parent", but D has no guardian on record: a child
    # without one cannot be "met the guardian" (REPORTS.md, figure 10), so only A counts.
    assert result.guardians_met == 1


def test_figure_11_parent_contacts_count_the_unreachable_parent_as_not_reached(figure_school):
    # A: 3 school calls + 1 video by the child; B: an unreachable school call and a child's call.
    result = fig.parent_contacts(figure_school.school, figure_school.period)
    assert (result.records, result.reached, result.not_reached) == (6, 5, 1)
    assert dict((v, n) for v, _l, n in result.by_channel)["call"] == 5
    assert dict((v, n) for v, _l, n in result.by_channel)["video"] == 1
    assert dict((v, n) for v, _l, n in result.by_initiator)["school"] == 4
    assert result.family_phone == 2
    # Reached at least once: A, B; reached in each of Sep–Dec: A only.
    assert result.coverage == Rate(2, 3)
    assert (result.every_month, result.months) == (Rate(1, 3), 4)


def test_figure_11_a_month_period_has_no_every_month_figure_when_no_month_is_whole(figure_school):
    result = fig.parent_contacts(figure_school.school, Period(D(2026, 10, 2), D(2026, 10, 31)))
    assert result.every_month is None
    # A's call of 3 Oct (reached) and B's unreachable call of 8 Oct.
    assert (result.records, result.reached) == (2, 1)


def test_figure_12_guardian_contacts_reached_and_not(figure_school):
    result = fig.guardian_contacts(figure_school.school, figure_school.period)
    assert (result.records, result.reached, result.not_reached) == (2, 1, 1)


def test_figure_13_norm_compliance_reuses_the_engine_over_the_period(figure_school):
    # Norm: a talk once a semester (142 days; eligible for 71 days is enough). A talked (done), B talked only
    # before P (overdue), C eligible from 10 Oct = 103 days (overdue: talk after P), D active until 14 Nov
    # = 75 days (talked 1 Oct, done). E deleted, F identified after P.end: not counted.
    result = fig.norm_compliance(figure_school.school, figure_school.period)
    (norm,) = result.norms
    assert (norm.required, norm.done, norm.children, norm.overdue_children) == (4, 2, 4, 2)
    assert norm.compliance == Rate(2, 4)
    assert (result.overdue_children, result.children, result.overall) == (2, 4, Rate(2, 4))


def test_figure_14_activities_by_kind_with_attendances(figure_school):
    # In P: a birthday party (A, D), guardian training, reading on P.end (A, B; E deleted).
    result = fig.activities(figure_school.school, figure_school.period)
    assert [(v, n) for v, _l, n in result.by_kind] == [("birthday_party", 1), ("reading", 1), ("guardian_training", 1)]
    assert (result.activities, result.attendances, result.children) == (3, 4, 3)


def test_figure_15_guardian_training_counts_sessions_and_guardians(figure_school):
    result = fig.guardian_training(figure_school.school, figure_school.period)
    assert (result.sessions, result.attendances, result.guardians) == (1, 2, 2)


def test_figure_16_birthdays_count_lbc_at_a_party(figure_school):
    # A and D attended; D is not a LBC of P.
    assert fig.birthdays(figure_school.school, figure_school.period) == 1


def test_figure_17_medical_exams_count_lbc_examined_in_the_period(figure_school):
    # A on P.start; D is not a LBC; B's exam is after P.
    assert fig.medical_exams(figure_school.school, figure_school.period) == 1


def test_figure_18_assistance_sums_exact_yuan(figure_school):
    # A 300.00 + 45.50 (on P.end), D 200.00; E deleted; C's 100 before P. Poor LBC: A, B, C; B and C got nothing.
    result = fig.assistance(figure_school.school, figure_school.period)
    assert result.total == Decimal("545.50")
    assert dict((v, a) for v, _l, a in result.by_donor) == {
        "working_committee": Decimal("500.00"),
        "company": Decimal("45.50"),
    }
    assert dict((v, a) for v, _l, a in result.by_kind) == {"money": Decimal("500.00"), "goods": Decimal("45.50")}
    assert (result.records, result.children) == (3, 2)
    assert result.poor_without == Rate(2, 3)


def test_figure_19_academic_progress_compares_the_last_exams(figure_school):
    # A rank 10 -> 5 improved; B 150 -> 140 declined; C has no previous result; D is not a LBC.
    result = fig.academic_progress(figure_school.school, figure_school.period)
    assert (result.compared, result.improved, result.unchanged, result.declined) == (2, 1, 0, 1)
    assert result.progress == Rate(1, 2)


def test_figure_20_key_help_counts_the_flag_the_current_plans_and_the_reviews_in_p(figure_school):
    from tests.pairing.factories import KeyHelpPlanFactory, PlanReviewFactory

    b, d = figure_school.children["B"], figure_school.children["D"]
    plan = KeyHelpPlanFactory(child=b, start_date=D(2026, 10, 1))
    KeyHelpPlanFactory(child=d, start_date=D(2026, 9, 1))  # D left in P: not a LBC of P
    PlanReviewFactory(plan=plan, date=D(2026, 11, 10))  # in P
    PlanReviewFactory(plan=plan, date=D(2027, 1, 22))  # after P.end
    # B is flagged, with a plan current on P.end and one review in P; D is flagged but left (its plan's review
    # would still count as work done in P, it has none).
    result = fig.key_help(figure_school.school, figure_school.period)
    assert (result.children, result.with_plan, result.plan_reviews) == (1, 1, 1)
    # B's only plan lapsed before P.end: B is still flagged (REPORTS.md), now without a current plan.
    plan.end_date = D(2026, 12, 31)
    plan.save()
    result = fig.key_help(figure_school.school, figure_school.period)
    assert (result.children, result.with_plan, result.without_plan, result.plan_reviews) == (1, 0, 1, 1)


def test_figure_21_childrens_home_counts_sessions_visits_calls_and_books_in_p(figure_school):
    from activities.models import HomeCall
    from tests.activities.factories import BookLoanFactory, ChildrensHomeFactory, HomeSessionFactory

    a, b = figure_school.children["A"], figure_school.children["B"]
    home = ChildrensHomeFactory(school=figure_school.school)
    session = HomeSessionFactory(home=home, date=D(2026, 10, 5))
    session.children.add(a, b)
    later = HomeSessionFactory(home=home, date=D(2027, 1, 21))  # after P.end
    later.children.add(a)
    call = ParentContactFactory(child=a, date=D(2026, 10, 5), initiated_by=ParentContact.Initiator.CHILD)
    HomeCall.objects.create(session=session, contact=call)
    BookLoanFactory(home=home, child=a, borrowed_on=D(2026, 11, 1))
    BookLoanFactory(home=home, child=b, borrowed_on=D(2027, 1, 22))  # after P.end
    # One session in P with A and B (2 visits), A's family-phone call there, A's book.
    result = fig.childrens_home(figure_school.school, figure_school.period)
    assert (result.sessions, result.visits, result.calls, result.books) == (1, 2, 1, 1)


def test_figure_22_counts_the_leading_group_on_p_end_and_the_staff_who_did_care_work(figure_school):
    from organisation.models import LeadingGroupMember

    school = figure_school.school
    LeadingGroupMember.objects.create(school=school, school_year=2026, user=figure_school.principal, role="leader",
                                      duty="overall")  # fmt: skip
    LeadingGroupMember.objects.create(school=school, school_year=2026, name="村主任", duty="safety")
    LeadingGroupMember.objects.create(school=school, school_year=2026, name="退出的成员", duty="other",
                                      left_on=D(2026, 12, 1))  # fmt: skip
    LeadingGroupMember.objects.create(school=school, school_year=2025, name="上一学年", duty="other")
    carer_login = f.UserFactory(school=school, role=Role.CARER)
    TalkFactory(child=figure_school.children["A"], date=D(2026, 10, 2), recorded_by=carer_login)
    ParentContactFactory(child=figure_school.children["A"], date=D(2026, 10, 3), recorded_by=figure_school.principal)
    # Members of 2026–2027 on 20 Jan 2027: the principal and the village head. Staff who logged care work in P:
    # T1 (talks and visits) and the principal (a contact); the carer's login is not staff.
    result = fig.care_force(school, figure_school.period)
    assert (result.leading_group, result.care_staff) == (2, 2)


def test_cross_checks_hold_on_consistent_data(figure_school):
    result = fig.figures(figure_school.school, figure_school.period)
    assert result.lbc_before == 3
    assert fig.cross_checks(result) == []


def test_cross_checks_fail_on_a_child_without_a_type(figure_school):
    c = figure_school.children["C"]
    c.left_behind_type = ""
    c.save()
    failures = fig.cross_checks(fig.figures(figure_school.school, figure_school.period))
    assert any("by left-behind type add up to 2, not to the total of 3" in m for m in failures)
    assert any("1 left-behind children have no left-behind type" in m for m in failures)


def test_a_child_identified_in_p_whose_archive_says_it_left_without_a_date_is_neither_new_nor_left(figure_school):
    # G is identified in P but its archive says "no longer left-behind" with no dated change: it is no LBC on
    # any day, so it is not new and did not leave, and the identity 3 + 1 − 1 = 3 still holds.
    f.ChildFactory(
        school_class=figure_school.children["A"].school_class,
        identified_on=D(2026, 10, 1),
        status=ChildStatus.NO_LONGER,
        left_behind_type=LeftBehindType.BOTH_AWAY,
    )
    result = fig.figures(figure_school.school, figure_school.period)
    assert (result.lbc_before, result.new_and_left.new, result.new_and_left.left, result.lbc.children) == (3, 1, 1, 3)
    assert fig.cross_checks(result) == []


def test_cross_checks_fail_on_a_rate_over_100_percent(figure_school):
    result = fig.figures(figure_school.school, figure_school.period)
    broken = dataclasses.replace(result, filing=Rate(4, 3))
    assert fig.cross_checks(broken) == ["The filing rate is 4 of 3: over 100 %."]


def _grow(figure_school, n: int) -> None:
    """n more children of A's class, each with a talk, a pairing and a status change in P."""
    for child in f.ChildFactory.create_batch(
        n, school_class=figure_school.children["A"].school_class, identified_on=D(2026, 3, 1)
    ):
        TalkFactory(child=child, date=D(2026, 10, 5))
        f.PairingFactory(child=child, start_date=D(2026, 9, 1))
        ChildStatusChange.objects.create(child=child, status=ChildStatus.ACTIVE, date=D(2026, 3, 1))


def test_all_figures_take_the_same_number_of_queries_at_two_sizes(figure_school):
    school, period = figure_school.school, figure_school.period
    with CaptureQueriesContext(connection) as small:
        fig.figures(school, period)
    _grow(figure_school, 12)
    with CaptureQueriesContext(connection) as large:
        result = fig.figures(school, period)
    assert result.lbc.children == 15
    assert len(small) == len(large)
    assert len(large) <= 56, len(large)
