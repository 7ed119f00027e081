"""The rules of REPORTS.md that were wrong or shown nowhere, each with the edge case that broke it, on the
hand-built school of tests/reports/conftest.py (P = 1 Sep 2026 – 20 Jan 2027, previous semester spring 2026
ending 10 Jul 2026; time frozen on 25 Jan 2027)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from children.models import ChildStatus, ChildStatusChange, LeftBehindType
from guardians.models import ParentContact
from organisation.models import Enrolment, Semester
from pairing.models import Carer, CarerKind, HomeVisit
from reports import figures as fig
from reports.figures import Period
from reports.summary import figure_rows
from tests import factories as f
from tests.activities.factories import ActivityFactory
from tests.pairing.factories import KeyHelpPlanFactory

D = datetime.date
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _rows(result) -> dict:
    return {key: value for _section, key, value in figure_rows(result)[0]}


# --- 20 key-help: the archive's flag on P.end, from its dated history ---


def test_a_child_flagged_key_help_whose_plan_lapsed_still_counts_and_is_listed_without_a_plan(figure_school):
    b = figure_school.children["B"]  # flagged key-help
    KeyHelpPlanFactory(child=b, start_date=D(2026, 9, 1), end_date=D(2026, 12, 31))
    result = fig.key_help(figure_school.school, figure_school.period)
    assert (result.children, result.with_plan, result.without_plan) == (1, 0, 1)
    assert list(fig.key_help_children(figure_school.school, figure_school.period).filter(with_plan=False)) == [b]


def test_key_help_is_read_on_p_end_from_the_archive_history_not_from_today(figure_school):
    s, p = figure_school.school, figure_school.period
    a, b = figure_school.children["A"], figure_school.children["B"]
    with time_machine.travel(datetime.datetime(2026, 12, 1, 9, tzinfo=SHANGHAI), tick=False):
        a.is_key_help, a.key_help_reason = True, "奶奶住院"
        a.save()  # flagged in P: key-help on P.end
    # Today (after P.end) B is unflagged and... A too: neither changes what was true on P.end.
    for child in (a, b):
        child.is_key_help, child.key_help_reason = False, ""
        child.save()
    assert sorted(fig.key_help_children(s, p).values_list("name", flat=True)) == ["A", "B"]
    assert fig.key_help(s, p).children == 2


def test_a_flag_cleared_before_p_end_no_longer_counts(figure_school):
    b = figure_school.children["B"]
    with time_machine.travel(datetime.datetime(2027, 1, 20, 23, 30, tzinfo=SHANGHAI), tick=False):
        b.is_key_help, b.key_help_reason = False, ""
        b.save()  # 23:30 on P.end, Shanghai time: still the last day
    assert fig.key_help(figure_school.school, figure_school.period).children == 0


# --- 10 guardians met: only children with a guardian on record ---


def test_guardians_met_counts_only_children_with_a_guardian_on_record(figure_school):
    s, p = figure_school.school, figure_school.period
    # D's visit says "guardian and parent" but D has no guardian: it counts nowhere. A's grandmother was met.
    assert fig.home_visits(s, p).guardians_met == 1
    assert list(fig.guardian_met_children(s, p)) == [figure_school.children["A"]]
    f.GuardianFactory(child=figure_school.children["D"])
    assert fig.home_visits(s, p).guardians_met == 2


def test_the_visit_form_refuses_met_the_guardian_for_a_child_without_one(client, figure_school):
    c = figure_school.children["C"]  # no guardian on record, class 4-1
    principal = figure_school.principal
    client.force_login(principal)
    url = reverse("pairing:visit_create", args=[c.pk])
    form = client.get(url).context["form"]
    assert form.initial["met"] == HomeVisit.Met.PARENT  # the default cannot be "the guardian"
    data = {"date": "2027-01-10", "met": "guardian", "staff": [principal.pk]}
    with translation.override("zh-hans"):
        response = client.post(url, data, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    assert "C 没有登记监护人" in response.content.decode()
    assert not HomeVisit.objects.filter(child=c).exists()
    data["met"] = "parent"
    assert client.post(url, data).status_code == 302


# --- 6 new and left over the interval P closes ---


def test_a_re_identified_child_is_new_shown_apart_and_the_summary_can_be_signed(figure_school):
    s, p = figure_school.school, figure_school.period
    g = f.ChildFactory(
        school_class=figure_school.children["A"].school_class, identified_on=D(2025, 9, 1),
        left_behind_type=LeftBehindType.BOTH_AWAY, name="G",
    )  # fmt: skip
    ChildStatusChange.objects.create(child=g, status=ChildStatus.NO_LONGER, date=D(2026, 3, 1))  # left last term
    ChildStatusChange.objects.create(child=g, status=ChildStatus.ACTIVE, date=D(2026, 10, 1))  # back in P
    result = fig.figures(s, p)
    assert (result.new_and_left.new, result.new_and_left.reidentified, result.new_and_left.left) == (2, 1, 1)
    assert result.lbc_before + result.new_and_left.new - result.new_and_left.left == result.lbc.children == 4
    assert fig.cross_checks(result) == []
    assert list(fig.new_children(s, p).filter(reidentified=True)) == [g]
    assert _rows(result)["reidentified"] == 1


def test_children_who_came_and_left_in_the_summer_holiday_count_in_the_autumn_summary(figure_school):
    s, p = figure_school.school, figure_school.period
    klass = figure_school.children["A"].school_class
    f.ChildFactory(school_class=klass, identified_on=D(2026, 7, 20), name="H",
                       left_behind_type=LeftBehindType.BOTH_AWAY)  # fmt: skip
    b = figure_school.children["B"]
    ChildStatusChange.objects.create(child=b, status=ChildStatus.NO_LONGER, date=D(2026, 8, 1))  # parent came home
    result = fig.new_and_left(s, p)
    # The interval runs from 11 Jul (the day after spring ended) to P.end: H (identified 20 Jul) is new, B
    # (left 1 Aug) left, both in the holiday; the spring's LBC on 10 Jul were A, B and D.
    assert result.since == D(2026, 7, 11)
    assert result.before == 3
    assert sorted(fig.new_children(s, p).values_list("name", flat=True)) == ["C", "H"]
    assert dict((v, n) for v, _l, n in result.by_reason) == {
        "no_longer": 1, "transferred": 1, "graduated": 0, "dropped_out": 0,
    }  # fmt: skip
    assert fig.cross_checks(fig.figures(s, p)) == []


def test_a_schools_first_semester_counts_from_its_first_record(figure_school):
    s, p = figure_school.school, figure_school.period
    # The spring semester moved after P: P is the school's first semester.
    Semester.objects.filter(pk=figure_school.previous.pk).update(start_date=D(2027, 2, 20), end_date=D(2027, 7, 10))
    result = fig.new_and_left(s, p)
    assert (result.since, result.before, result.new, result.left) == (None, 0, 3, 0)


def test_a_month_closes_only_itself(figure_school):
    october = Period.of_month(2026, 10)
    result = fig.new_and_left(figure_school.school, october)
    assert result.since == october.start
    assert (result.new, result.left) == (1, 0)  # C, identified 10 Oct


# --- The per-class cross-check ---


def test_a_class_with_more_left_behind_children_than_students_on_roll_blocks_signing(figure_school):
    s, p = figure_school.school, figure_school.period
    a, c = figure_school.children["A"], figure_school.children["C"]
    Enrolment.objects.create(semester=figure_school.semester, school_class=a.school_class, students=40)
    Enrolment.objects.create(semester=figure_school.semester, school_class=c.school_class, students=0)
    failures = fig.cross_checks(fig.figures(s, p))
    assert failures == ["Grade 4 Class 1 has 1 left-behind children but 0 students on roll."]


# --- Shown everywhere REPORTS.md lists them ---


def test_contacts_by_who_started_them_are_rows_of_the_summary(figure_school):
    rows = _rows(fig.figures(figure_school.school, figure_school.period))
    by_initiator = {k.partition(":")[2]: v for k, v in rows.items() if k.startswith("initiator:")}
    assert set(by_initiator) == set(ParentContact.Initiator.values)
    assert by_initiator[ParentContact.Initiator.CHILD] == rows["family_phone"]
    assert sum(by_initiator.values()) == rows["contacts"]


def test_guardian_attendances_count_guardian_by_session(figure_school):
    s, p = figure_school.school, figure_school.period
    a, b = figure_school.children["A"], figure_school.children["B"]
    grandmother, uncle = a.guardians.get(), b.guardians.get()
    before = fig.guardian_training(s, p)
    for day, guardians in [(D(2026, 10, 1), [grandmother, uncle]), (D(2026, 11, 1), [grandmother])]:
        ActivityFactory(school=s, kind="guardian_training", date=day).guardians.set(guardians)
    ActivityFactory(school=s, kind="guardian_training", date=D(2027, 1, 21)).guardians.set([uncle])  # after P
    result = fig.guardian_training(s, p)
    assert (result.sessions, result.attendances) == (before.sessions + 2, before.attendances + 3)
    assert _rows(fig.figures(s, p))["training_attendances"] == result.attendances
    assert result.guardians <= result.attendances


def test_all_carers_active_on_p_end_are_counted_by_kind_paired_or_not(figure_school):
    s, p = figure_school.school, figure_school.period
    f.CarerFactory(school=s, kind=CarerKind.VOLUNTEER, name="unpaired")
    f.CarerFactory(school=s, kind=CarerKind.VOLUNTEER, name="gone", is_active=False)
    result = fig.care_force(s, p)
    # M (loving mother) and K (teacher) are paired; the unpaired volunteer counts here, not in figure 8.
    assert dict((v, n) for v, _l, n in result.carers_by_kind) == {"loving_mother": 1, "teacher": 1, "volunteer": 1}
    assert fig.pairing_coverage(s, p).carers == 2
    rows = _rows(fig.figures(s, p))
    assert rows["active_carers"] == 3 and rows["active_carer:volunteer"] == 1


def test_a_carer_deactivated_after_p_end_still_counts_and_one_deactivated_before_does_not(figure_school):
    s, p = figure_school.school, figure_school.period
    m = Carer.objects.get(name="M")
    m.is_active = False
    m.save()  # today, after P.end
    assert fig.care_force(s, p).carers == 2  # M and K
    with time_machine.travel(datetime.datetime(2026, 12, 1, tzinfo=SHANGHAI), tick=False):
        volunteer = f.CarerFactory(school=s, kind=CarerKind.VOLUNTEER, name="left in P")
    with time_machine.travel(datetime.datetime(2027, 1, 2, tzinfo=SHANGHAI), tick=False):
        volunteer.is_active = False
        volunteer.save()
    assert fig.care_force(s, p).carers == 2


def test_academic_progress_is_shown_per_class(figure_school, client):
    s, p = figure_school.school, figure_school.period
    a = figure_school.children["A"]
    # A improved and B declined, both in 3-1 (the fixture's results); C has no earlier result.
    per_class = fig.progress_by_class(s, p)
    assert per_class == {a.school_class_id: fig.Rate(1, 2)}
    assert fig.academic_progress(s, p).progress == fig.Rate(1, 2)
    client.force_login(figure_school.principal)
    page = client.get(reverse("reports:tables", args=[figure_school.semester.pk]))
    row = next(r for r in page.context["classes"] if r.class_id == a.school_class_id)
    assert row.progress == fig.Rate(1, 2)
    assert 'data-figure="progress"' in page.content.decode()
