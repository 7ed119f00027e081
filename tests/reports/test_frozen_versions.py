"""What is signed stays what was signed: a signed summary's workbook (every sheet) and a submitted monthly
report's frozen lists do not show a record logged, edited or deleted afterwards; a draft stays live; a
snapshot made before the lists were frozen still downloads."""

import datetime
import io
from decimal import Decimal

import openpyxl
from django.urls import reverse
from django.utils import timezone

from activities.models import Assistance
from children.models import Child, LeftBehindType
from pairing.models import HomeVisit, Talk
from reports import monthly_services
from reports.drilldown import children_behind
from reports.frozen import frozen_list, frozen_rows
from reports.models import SemesterSummary
from reports.monthly import window_of
from reports.services import summary_sign
from tests.pairing.factories import TalkFactory

D = datetime.date
LATE = "晚来的孩子"


def _workbook(client, figure_school, version=None):
    client.force_login(figure_school.principal)
    url = reverse("reports:summary_workbook", args=[figure_school.semester.pk])
    response = client.get(url + (f"?version={version}" if version else ""))
    assert response.status_code == 200
    return openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)


def _rows(book, sheet):
    return [row for row in book[sheet].iter_rows(min_row=2, values_only=True)]


def _figures(book):
    return {row[1]: row[2] for row in _rows(book, "汇总")}


def _late_work(figure_school):
    """After signing: a talk with a new child, a visit deleted, an assistance's amount changed."""
    late = Child.objects.create(
        school=figure_school.school,
        school_class=figure_school.children["A"].school_class,
        name=LATE,
        birth_date=D(2017, 5, 4),
        identified_on=D(2026, 9, 15),  # after the previous semester, whose unsigned figures are live
        left_behind_type=LeftBehindType.BOTH_AWAY,
    )
    TalkFactory(child=late, date=D(2026, 12, 1))
    TalkFactory(child=figure_school.children["B"], date=D(2026, 12, 2))
    HomeVisit.objects.filter(child__school=figure_school.school).order_by("pk").first().delete()
    Assistance.objects.filter(child__school=figure_school.school).update(amount=Decimal("1"))


def _assert_sheets_match_summary(book):
    figures = _figures(book)
    assert len(_rows(book, "谈心记录")) == figures["谈心次数"]
    assert len(_rows(book, "家访记录")) == figures["家访次数"]
    assert len(_rows(book, "关爱活动")) == figures["关爱活动"]
    assert sum(row[3] for row in _rows(book, "分年级")) == figures["留守儿童"]
    assert sum(Decimal(str(row[5])) for row in _rows(book, "资助")) == Decimal(str(figures["资助金额（元）"]))


def test_a_signed_summarys_workbook_shows_every_sheet_as_it_was_signed(client, figure_school):
    summary_sign(semester=figure_school.semester, user=figure_school.principal)
    signed = _workbook(client, figure_school)
    before = {name: _rows(signed, name) for name in signed.sheetnames}

    _late_work(figure_school)

    book = _workbook(client, figure_school)
    assert {name: _rows(book, name) for name in book.sheetnames} == before
    _assert_sheets_match_summary(book)
    assert _figures(book)["谈心次数"] == 3
    assert LATE not in [row[1] for row in _rows(book, "谈心记录")]
    assert len(_rows(book, "家访记录")) == 3  # the deleted visit is still there, as signed
    assert sum(Decimal(str(row[5])) for row in _rows(book, "资助")) == Decimal("545.5")


def test_a_draft_workbook_reads_the_records_live(client, figure_school):
    _late_work(figure_school)
    book = _workbook(client, figure_school)
    _assert_sheets_match_summary(book)
    assert _figures(book)["谈心次数"] == 5
    assert LATE in [row[1] for row in _rows(book, "谈心记录")]


def test_a_summary_signed_before_the_lists_were_frozen_still_downloads_with_live_sheets(client, figure_school):
    summary = summary_sign(semester=figure_school.semester, user=figure_school.principal)
    old = {k: v for k, v in summary.snapshot.items() if k not in ("lists", "sheets")}
    SemesterSummary.objects.filter(pk=summary.pk).update(snapshot=old)
    summary.refresh_from_db()
    assert frozen_list(summary.snapshot, "talks") is None and frozen_rows(summary.snapshot) is None
    book = _workbook(client, figure_school)
    assert _figures(book)["谈心次数"] == 3 and len(_rows(book, "谈心记录")) == 3


def test_frozen_lists_name_the_children_and_records_behind_each_figure(figure_school):
    summary = summary_sign(semester=figure_school.semester, user=figure_school.principal)
    talked = sorted(children_behind(figure_school.school, figure_school.period, "talks").values_list("pk", flat=True))
    _late_work(figure_school)
    a, b, c = (figure_school.children[n].pk for n in "ABC")
    assert sorted(frozen_list(summary.snapshot, "lbc")) == sorted([a, b, c])
    talks = frozen_list(summary.snapshot, "talks")
    figures = {key: value for _s, key, value in summary.snapshot["rows"]}
    assert len(talks) == figures["talks"] == 3
    assert frozen_list(summary.snapshot, "talk_coverage") == talked  # the drill-down's list, as it was
    assert not Talk.objects.filter(pk__in=talks, child__name=LATE).exists()
    assert frozen_list(summary.snapshot, "no such figure") is None
    assert frozen_list(None, "talks") is None


def test_a_submitted_monthly_reports_frozen_lists_leave_out_what_came_later(world):
    Child.objects.filter(school=world.school).update(left_behind_type=LeftBehindType.BOTH_AWAY)
    w = window_of(timezone.localdate(), 22)
    early = TalkFactory(child=world.child_1, date=w.period.start)
    edited = TalkFactory(child=world.child_1, date=w.period.start)
    report = monthly_services.report_draft(school=world.school, window=w, user=world.principal)
    for i in range(2):
        monthly_services.item_save(
            report=report, user=world.principal, title=f"信息{i}", date=w.period.end, text="读书"
        )
    report = monthly_services.report_submit(report=report, user=world.principal)

    late = TalkFactory(child=world.child_1, date=w.period.start)
    Talk.objects.filter(pk=edited.pk).update(carer=None)
    early_pk = early.pk
    early.delete()  # deleted after submission: still listed, and the list still reads

    report.refresh_from_db()
    figures = {key: value for _s, key, value in report.snapshot["rows"]}
    talks = frozen_list(report.snapshot, "talks")
    assert sorted(talks) == sorted([early_pk, edited.pk]) and len(talks) == figures["talks"] == 2
    assert late.pk not in talks
    sheets = frozen_rows(report.snapshot)
    assert [row[0] for row in sheets["talks"]] == talks
    assert frozen_list(report.snapshot, "talk_coverage") == [world.child_1.pk]
