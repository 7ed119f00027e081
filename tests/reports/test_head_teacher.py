"""A head teacher's dashboard, drill-downs, summary page and workbook count their classes' children only.

The hand-built school of tests/reports/conftest.py has two classes: 3-1 (head teacher T1: A, B, the
soft-deleted E, and F identified after P.end) and 4-1 (C, D). Worked out for T1 over P (autumn 2026):
- LBC of P = {A, B} = 2 (the school has 3: C is in 4-1); LBC before P = {A, B}; new 0 (F is after P.end);
  left 0 (D, who left, is in 4-1). Students on roll: 3-1's 40 (the school's 40 + 35 = 75).
- 建档率 1/2 (A complete); pairing coverage 1/2 (A with M and K; B's ended 31 Dec): 2 carers, 2 pairings.
- Talks: A on P.start and P.end = 2 records, 1 child, coverage 1/2 (B's talk is before P; D's is 4-1).
- Visits: A and B = 2, coverage 2/2; staff visitors T1 = 1, carer visitors M = 1; guardians met 1 (A).
- Parent contacts: A 4 reached, B 1 not reached + 1 reached = 6, 5 reached, 1 not; 亲情电话 2 (A in Dec, B
  in Nov); coverage 2/2; reached in every whole month (Sep–Dec): A only = 1/2.
- Guardian contacts: B's, not reached = 1 (C's is 4-1).
- Norm "a talk per semester": overdue B = 1 (the school: B and C = 2).
- Activities: those in P a child of 3-1 attended: the party (A) and the reading on P.end (A, B; E deleted)
  = 2 activities, 3 attendances, 2 children (the guardian training has no child attending).
  Guardian training: A's and B's guardians = 1 session, 2 attendances, 2 guardians.
- Birthdays 1 (A); medical exams 1 (A on P.start; B's is after P).
- Assistance: A 300 + 45.50 = 345.50 yuan, 2 records, 1 child; poor without any: B = 1/2 (D's 200 is 4-1).
- Progress: A improved, B declined: 1 of 2. Key-help: B = 1, without a plan.
"""

import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from python_calamine import CalamineWorkbook

from children.models import ChildStatus, ChildStatusChange
from organisation.models import Enrolment
from reports import figures as fig
from reports.access import report_scope
from reports.drilldown import FIGURES
from tests import factories as f
from tests.pairing.factories import TalkFactory

D = datetime.date


@pytest.fixture
def scoped(figure_school):
    a, c = figure_school.children["A"], figure_school.children["C"]
    Enrolment.objects.create(semester=figure_school.semester, school_class=a.school_class, students=40)
    Enrolment.objects.create(semester=figure_school.semester, school_class=c.school_class, students=35)
    return figure_school


def test_a_head_teachers_figures_count_only_their_classes(scoped):
    scope = report_scope(scoped.head_teacher)
    t = fig.figures(scope, scoped.period)
    assert (t.on_roll.students, t.lbc.children, t.lbc_before) == (40, 2, 2)
    assert (t.new_and_left.new, t.new_and_left.left) == (0, 0)
    assert (t.filing.numerator, t.filing.denominator) == (1, 2)
    assert (t.pairing.coverage.numerator, t.pairing.carers, t.pairing.pairings) == (1, 2, 2)
    assert (t.talks.records, t.talks.children, t.talks.coverage.numerator, t.talks.coverage.denominator) == (2, 1, 1, 2)
    assert (t.visits.records, t.visits.coverage.numerator, t.visits.staff_visitors, t.visits.carer_visitors) == (
        2,
        2,
        1,
        1,
    )
    assert t.visits.guardians_met == 1
    pc = t.parent_contacts
    assert (pc.records, pc.reached, pc.not_reached, pc.family_phone) == (6, 5, 1, 2)
    assert (pc.coverage.numerator, pc.every_month.numerator, pc.every_month.denominator) == (2, 1, 2)
    assert (t.guardian_contacts.records, t.guardian_contacts.reached) == (1, 0)
    assert t.compliance.overdue_children == 1
    assert (t.activities.activities, t.activities.attendances, t.activities.children) == (2, 3, 2)
    gt = t.guardian_training
    assert (gt.sessions, gt.attendances, gt.guardians) == (1, 2, 2)
    assert (t.birthdays, t.medical_exams) == (1, 1)
    assert (t.assistance.total, t.assistance.records, t.assistance.children) == (Decimal("345.50"), 2, 1)
    assert (t.assistance.poor_without.numerator, t.assistance.poor_without.denominator) == (1, 2)
    assert (t.progress.compared, t.progress.improved) == (2, 1)
    assert (t.key_help.children, t.key_help.with_plan) == (1, 0)
    assert fig.cross_checks(t) == []
    # The principal's scope is the whole school: the same numbers as the school's figures.
    school = fig.figures(report_scope(scoped.principal), scoped.period)
    assert (school.on_roll.students, school.lbc.children, school.compliance.overdue_children) == (75, 3, 2)
    assert school == fig.figures(scoped.school, scoped.period)


def test_the_head_teachers_dashboard_shows_their_classes_figures(client, scoped):
    client.force_login(scoped.head_teacher)
    body = client.get(reverse("reports:dashboard")).content.decode()
    assert 'data-testid="tile-lbc">2<' in body
    assert 'data-testid="tile-talks">50.0%<' in body
    assert 'data-testid="tile-overdue">1<' in body
    assert 'data-testid="tile-assistance">345.50<' in body
    assert 'data-testid="report-scope"' in body
    assert reverse("reports:enrolment", args=[scoped.semester.pk]) not in body


@pytest.mark.parametrize("key", sorted(FIGURES))
def test_the_head_teachers_lists_are_as_long_as_their_figures(client, scoped, key):
    scope = report_scope(scoped.head_teacher)
    s, p = scope, scoped.period
    rates = {
        "filing": fig.filing_rate(s, p),
        "pairing": fig.pairing_coverage(s, p).coverage,
        "talks": fig.talks(s, p).coverage,
        "visits": fig.home_visits(s, p).coverage,
        "contacts": fig.parent_contacts(s, p).coverage,
    }
    counts = {
        "lbc": fig.lbc_count(s, p).children,
        "civil": fig.lbc_types(s, p).civil_affairs,
        "overdue": fig.norm_compliance(s, p).overdue_children,
        "assisted": fig.assistance(s, p).children,
        "key_help": fig.key_help(s, p).children,
    }
    client.force_login(scoped.head_teacher)
    url = reverse("reports:figure_children", args=[scoped.semester.pk, key])
    children = client.get(url).context["children"]
    assert {c.school_class_id for c in children} <= {scoped.children["A"].school_class_id}
    if key in rates:
        assert len(children) == rates[key].numerator
        assert len(client.get(url + "?missing=1").context["children"]) == rates[key].missing
    else:
        assert len(children) == counts[key]


def test_a_head_teacher_does_not_reach_another_class_through_the_class_filter(client, scoped):
    client.force_login(scoped.head_teacher)
    url = reverse("reports:figure_children", args=[scoped.semester.pk, "lbc"])
    other = scoped.children["C"].school_class_id
    assert list(client.get(f"{url}?school_class={other}").context["children"]) == []


def test_the_head_teachers_summary_has_their_figures_and_no_narrative_or_signing(client, scoped):
    client.force_login(scoped.head_teacher)
    url = reverse("reports:summary", args=[scoped.semester.pk])
    body = client.get(url).content.decode()
    row = body[body.index('data-key="talks"') :]
    assert ">2<" in row[: row.index("</tr>")]
    assert 'data-testid="narrative-form"' not in body
    assert reverse("reports:summary_sign", args=[scoped.semester.pk]) not in body
    assert client.post(url, {"achievements": "x", "problems": "", "next_steps": ""}).status_code == 403
    assert client.post(reverse("reports:summary_sign", args=[scoped.semester.pk])).status_code == 403


def test_the_head_teachers_workbook_has_their_classes_only(client, scoped):
    client.force_login(scoped.head_teacher)
    response = client.get(reverse("reports:summary_workbook", args=[scoped.semester.pk]))
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    by_label = {row[1]: row for row in book.get_sheet_by_name("汇总").to_python()[1:]}
    assert by_label["留守儿童"][2] == 2
    talks = book.get_sheet_by_name("谈心记录").to_python()[1:]
    assert sorted(row[1] for row in talks) == ["A", "A"]
    activities = book.get_sheet_by_name("关爱活动").to_python()[1:]
    assert sorted(row[3] for row in activities) == [1, 2]  # the party (A), the reading (A, B)
    grades = book.get_sheet_by_name("分年级").to_python()[1:]
    assert {row[0] for row in grades} == {3}


def _grow(scoped):
    for child in f.ChildFactory.create_batch(10, school_class=scoped.children["A"].school_class):
        TalkFactory(child=child, date=D(2026, 10, 5))
        ChildStatusChange.objects.create(child=child, status=ChildStatus.ACTIVE, date=D(2026, 3, 1))


@pytest.mark.parametrize("name", ["reports:dashboard", "reports:summary", "reports:summary_workbook"])
def test_the_head_teachers_pages_take_the_same_number_of_queries_at_two_sizes(client, scoped, name):
    client.force_login(scoped.head_teacher)
    url = reverse(name) if name == "reports:dashboard" else reverse(name, args=[scoped.semester.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _grow(scoped)
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(small) == len(large)


def test_guardian_training_counts_only_the_guardians_of_the_head_teachers_children(scoped):
    from activities.models import Activity, ActivityKind

    # D's guardian (class 4-1) also came to the training: the school counts 3 attendances, T1 still 2.
    training = Activity.objects.get(school=scoped.school, kind=ActivityKind.GUARDIAN_TRAINING)
    training.guardians.add(f.GuardianFactory(child=scoped.children["D"]))
    mine = fig.guardian_training(report_scope(scoped.head_teacher), scoped.period)
    school = fig.guardian_training(scoped.school, scoped.period)
    assert (mine.sessions, mine.attendances, mine.guardians) == (1, 2, 2)
    assert (school.sessions, school.attendances, school.guardians) == (1, 3, 3)


def test_only_school_wide_roles_get_a_whole_school_scope_and_a_carer_none(world):
    from django.core.exceptions import PermissionDenied

    assert report_scope(world.principal).whole_school and report_scope(world.archive_keeper).whole_school
    mine = report_scope(world.head_teacher)
    assert not mine.whole_school and list(mine.classes) == [world.class_1]
    assert set(mine.children) == {world.child_1}
    for user in (world.carer_user, world.district_officer):
        with pytest.raises(PermissionDenied):
            report_scope(user)
