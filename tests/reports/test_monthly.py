"""The monthly report (月报): its window, submission with a frozen snapshot, statuses, return and resubmit."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from children.models import Child, LeftBehindType
from reports import monthly_services as services
from reports.models import DistrictReportSettings, MonthlyReport
from reports.monthly import Status, asked_rows, reminder, school_states, settings_for, window, window_of
from tests import factories as f
from tests.pairing.factories import TalkFactory

D = datetime.date
# Every monthly report shows the attention list by tier and the safety events, whatever figures are asked.
ALERT_KEYS = {
    "attention:act_now",
    "attention:close",
    "attention:reminder",
    "safety_events",
    "safety:living_alone",
    "safety:missing",
    "safety:harm",
    "safety:other",
    "safety_open",
}


# --- Window arithmetic ---


def test_report_day_22_puts_a_record_on_the_21st_in_this_months_report_and_the_22nd_in_next_months():
    assert window_of(D(2026, 11, 21), 22).key == "2026-11"
    assert window_of(D(2026, 11, 22), 22).key == "2026-12"
    november = window(2026, 11, 22)
    assert (november.period.start, november.period.end, november.due_on) == (
        D(2026, 10, 22),
        D(2026, 11, 21),
        D(2026, 11, 22),
    )


def test_januarys_window_starts_in_the_previous_december_and_decembers_record_after_d_goes_to_january():
    january = window(2027, 1, 22)
    assert (january.period.start, january.period.end) == (D(2026, 12, 22), D(2027, 1, 21))
    assert window_of(D(2026, 12, 25), 22).key == "2027-01"
    assert window_of(D(2026, 12, 21), 22).key == "2026-12"


def test_report_day_28_covers_the_28th_of_the_previous_month_to_the_27th():
    march = window(2027, 3, 28)
    assert (march.period.start, march.period.end, march.due_on) == (D(2027, 2, 28), D(2027, 3, 27), D(2027, 3, 28))
    assert window_of(D(2027, 2, 28), 28).key == "2027-03"
    assert window_of(D(2027, 2, 27), 28).key == "2027-02"


def test_report_day_1_covers_the_whole_previous_month():
    march = window(2027, 3, 1)
    assert (march.period.start, march.period.end, march.due_on) == (D(2027, 2, 1), D(2027, 2, 28), D(2027, 3, 1))
    assert window_of(D(2027, 2, 28), 1).key == "2027-03"
    assert window_of(D(2027, 3, 1), 1).key == "2027-04"


def test_report_day_outside_1_to_28_is_refused():
    with pytest.raises(ValueError):
        window(2027, 3, 29)


def test_a_district_without_settings_gets_the_seed_defaults(world):
    asked = settings_for(world.district)
    assert asked.pk is None
    assert (asked.report_day, asked.items_required) == (22, 2)
    assert asked.figures == [2, 4, 6, 8, 9, 10, 11, 12, 14, 15, 18, 21]


# --- A school's report ---


def _current(world):
    return window_of(timezone.localdate(), 22)


def _typed(world):
    Child.objects.filter(school=world.school).update(left_behind_type=LeftBehindType.BOTH_AWAY)


def _with_items(world, w, n=2):
    report = services.report_draft(school=world.school, window=w, user=world.principal)
    for i in range(n):
        services.item_save(
            report=report, user=world.principal, title=f"信息{i}", date=w.period.end, text="开展了读书活动。"
        )
    return report


def test_submission_is_refused_with_fewer_items_than_the_district_asks_for(world):
    _typed(world)
    report = _with_items(world, _current(world), n=1)
    with pytest.raises(ValidationError) as refused:
        services.report_submit(report=report, user=world.principal)
    assert refused.value.code == "items"
    DistrictReportSettings.objects.create(district=world.district, items_required=1)
    assert services.report_submit(report=report, user=world.principal).is_submitted


def test_submission_is_refused_while_a_cross_check_fails(world):
    report = _with_items(world, _current(world))  # the children have no left-behind type
    with pytest.raises(ValidationError) as refused:
        services.report_submit(report=report, user=world.principal)
    assert refused.value.code == "cross_check"
    report.refresh_from_db()
    assert not report.is_submitted


def test_an_item_dated_outside_the_window_is_refused(world):
    w = _current(world)
    report = services.report_draft(school=world.school, window=w, user=world.principal)
    with pytest.raises(ValidationError):
        services.item_save(report=report, user=world.principal, title="信息", date=w.due_on, text="下个月的事。")


def test_the_snapshot_does_not_change_after_a_record_is_added(world):
    _typed(world)
    w = _current(world)
    report = services.report_submit(report=_with_items(world, w), user=world.principal)
    before = report.snapshot
    TalkFactory(child=world.child_1, date=w.period.start)
    report.refresh_from_db()
    assert report.snapshot == before
    talks = {key: value for _s, key, value in report.snapshot["rows"]}["talks"]
    assert talks == 0
    assert report.snapshot["figures"] == [2, 4, 6, 8, 9, 10, 11, 12, 14, 15, 18, 21]


def test_a_submitted_report_cannot_be_changed(world):
    _typed(world)
    w = _current(world)
    report = services.report_submit(report=_with_items(world, w), user=world.principal)
    with pytest.raises(ValidationError):
        services.item_save(report=report, user=world.principal, title="x", date=w.period.end, text="y")
    with pytest.raises(ValidationError):
        services.report_draft(school=world.school, window=w, user=world.principal)


def test_the_asked_rows_keep_only_the_districts_figures(world):
    _typed(world)
    report = services.report_submit(report=_with_items(world, _current(world)), user=world.principal)
    keys = {key for _s, key, _v in asked_rows(report.snapshot, [2, 9])["rows"]}
    assert keys == {"lbc", "lbc_share", "talks", "talk_children", "talk_coverage"} | ALERT_KEYS


def _submit_on(world, w, day):
    report = _with_items(world, w)
    report = services.report_submit(report=report, user=world.principal)
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    MonthlyReport.objects.filter(pk=report.pk).update(submitted_at=moment)
    report.refresh_from_db()
    return report


def test_a_report_submitted_on_the_due_day_is_on_time_and_one_day_after_is_late(world):
    _typed(world)
    today = timezone.localdate()
    states = school_states(world.school, today, months=2)
    last, before = states[1].window, states[2].window
    _submit_on(world, last, last.due_on)
    _submit_on(world, before, before.due_on + datetime.timedelta(days=1))
    states = school_states(world.school, today, months=2)
    assert [s.status for s in states[1:]] == [Status.ON_TIME, Status.LATE]
    assert states[2].days_late == 1
    assert states[0].status == Status.NOT_STARTED


def test_a_report_never_submitted_is_missing_with_the_days_since_it_was_due(world):
    today = timezone.localdate()
    last = school_states(world.school, today, months=1)[1]
    assert last.status == Status.MISSING
    assert last.days_late == (today - last.window.due_on).days
    services.report_draft(school=world.school, window=last.window, user=world.principal)
    assert school_states(world.school, today, months=1)[1].status == Status.DRAFT


def test_return_and_resubmit_keep_both_versions(world):
    _typed(world)
    w = _current(world)
    first = services.report_submit(report=_with_items(world, w), user=world.principal)
    draft = services.report_return(report=first, user=world.district_officer, comment="请补充家访照片。")
    assert draft.version == 2 and draft.items.count() == 2
    assert school_states(world.school)[0].status == Status.RETURNED
    with pytest.raises(ValidationError):
        services.report_return(report=first, user=world.district_officer, comment="again")
    TalkFactory(child=world.child_1, date=w.period.start)
    second = services.report_submit(report=draft, user=world.principal)
    versions = list(MonthlyReport.objects.filter(school=world.school, year=w.year, month=w.month).order_by("version"))
    assert [(r.version, r.is_returned) for r in versions] == [(1, True), (2, False)]
    assert versions[0].return_comment == "请补充家访照片。"
    talks = [{k: v for _s, k, v in r.snapshot["rows"]}["talks"] for r in versions]
    assert talks == [0, 1]
    assert school_states(world.school)[0].status == Status.ON_TIME
    assert second.items.count() == 2


def test_a_return_needs_a_comment(world):
    _typed(world)
    report = services.report_submit(report=_with_items(world, _current(world)), user=world.principal)
    with pytest.raises(ValidationError):
        services.report_return(report=report, user=world.district_officer, comment="  ")


def test_the_home_reminder_says_due_from_three_days_before_and_late_after_the_day(world):
    DistrictReportSettings.objects.create(district=world.district, report_day=15)
    missing = reminder(world.school, D(2026, 11, 11))
    assert missing.late and missing.state.window.key == "2026-10"
    # October's report (due 15 Oct) submitted on time: only November's counts.
    _typed(world)
    october = window(2026, 10, 15)
    report = services.report_draft(school=world.school, window=october, user=world.principal)
    MonthlyReport.objects.filter(pk=report.pk).update(
        submitted_at=timezone.make_aware(datetime.datetime(2026, 10, 14, 10)),
        submitted_by=world.principal,
        snapshot={"rows": []},
    )
    assert reminder(world.school, D(2026, 11, 11)) is None
    due = reminder(world.school, D(2026, 11, 12))
    assert due is not None and not due.late and due.state.window.key == "2026-11"
    assert not reminder(world.school, D(2026, 11, 15)).late
    late = reminder(world.school, D(2026, 11, 16))
    assert late.late and late.state.window.key == "2026-11"


def test_an_item_naming_a_child_or_guardian_is_refused(world):
    w = _current(world)
    report = services.report_draft(school=world.school, window=w, user=world.principal)
    f.GuardianFactory(child=world.child_1, name="张德福")
    for text in ["张思琪参加了读书活动。", "张德福来校参加家长学校。"]:
        with pytest.raises(ValidationError):
            services.item_save(report=report, user=world.principal, title="信息", date=w.period.end, text=text)


# --- The school's pages ---


def test_the_principal_fills_and_submits_the_months_report_through_the_pages(client, world):
    from django.urls import reverse

    _typed(world)
    w = window_of(timezone.localdate(), 22)
    last = school_states(world.school, months=1)[1].window
    client.force_login(world.principal)
    url = reverse("reports:monthly_report", kwargs={"year": last.year, "month": last.month})
    for title in ["读书月", "家访周"]:
        response = client.post(url, {"title": title, "date": last.period.end.isoformat(), "text": "开展活动。"})
        assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "读书月" in page and "submit-report" in page
    client.post(reverse("reports:monthly_submit", kwargs={"year": last.year, "month": last.month}))
    report = MonthlyReport.objects.get(school=world.school, year=last.year, month=last.month)
    assert report.is_submitted
    listing = client.get(reverse("reports:monthly_list")).content.decode()
    assert f'data-month="{last.key}"' in listing and f'data-month="{w.key}"' in listing


def test_the_home_page_reminds_the_school_of_a_late_report(client, world):
    from django.urls import reverse

    client.force_login(world.principal)
    page = client.get(reverse("home"), follow=True).content.decode()  # home is the dashboard: the reminder goes along
    assert "monthly-reminder" in page  # last month's report was never submitted


def test_a_submitted_report_freezes_the_tiers_of_the_day_and_the_windows_safety_events(client, world):
    from django.urls import reverse

    from pairing.models import SafetyEvent
    from reports import figures as fig

    _typed(world)
    w = _current(world)
    SafetyEvent.objects.create(
        child=world.child_1, date=w.period.start, kind=SafetyEvent.Kind.LIVING_ALONE, what_happened="独自在家"
    )
    SafetyEvent.objects.create(
        child=world.child_2,
        date=w.period.start - datetime.timedelta(days=1),  # the window before
        kind=SafetyEvent.Kind.HARM,
        what_happened="手臂有伤",
    )
    report = services.report_submit(report=_with_items(world, w), user=world.principal)
    rows = {key: value for _s, key, value in report.snapshot["rows"]}
    tiers = fig.attention_tiers(world.school)
    assert report.snapshot["attention_on"] == timezone.localdate().isoformat()
    assert rows["attention:act_now"] == tiers.act_now == 2  # both events are still open today
    assert (rows["safety_events"], rows["safety:living_alone"], rows["safety:harm"], rows["safety_open"]) == (
        1,
        1,
        0,
        1,
    )
    SafetyEvent.objects.update(closed_on=timezone.localdate())
    client.force_login(world.principal)
    page = client.get(reverse("reports:monthly_report", kwargs={"year": w.year, "month": w.month})).content.decode()
    row = page[page.index('data-key="attention:act_now"') :]
    assert ">2<" in row[: row.index("</tr>")]  # frozen, though both events are closed now
    assert fig.attention_tiers(world.school).act_now == 0


def test_the_monthly_report_page_takes_the_same_number_of_queries_at_two_sizes(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from pairing.models import SafetyEvent

    w = _current(world)
    url = reverse("reports:monthly_report", kwargs={"year": w.year, "month": w.month})
    client.force_login(world.principal)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for child in f.ChildFactory.create_batch(10, school_class=world.child_1.school_class):
        TalkFactory(child=child, date=w.period.start)
        SafetyEvent.objects.create(child=child, date=w.period.start, kind="missing", what_happened="未回家")
    with CaptureQueriesContext(connection) as large:
        page = client.get(url).content.decode()
    assert 'data-key="safety:missing"' in page
    assert len(small) == len(large)


# --- Acceptance (已接收) ---


def test_the_district_accepts_a_submitted_report_and_it_can_no_longer_be_returned_or_changed(world):
    _typed(world)
    w = _current(world)
    report = services.report_submit(report=_with_items(world, w), user=world.principal)
    accepted = services.report_accept(report=report, user=world.district_officer)
    assert accepted.accepted_by == world.district_officer and accepted.accepted_at is not None
    state = school_states(world.school)[0]
    assert state.status == Status.ACCEPTED and state.submitted == accepted
    with pytest.raises(ValidationError):
        services.report_return(report=accepted, user=world.district_officer, comment="请补充。")
    with pytest.raises(ValidationError):
        services.report_accept(report=accepted, user=world.district_officer)
    with pytest.raises(ValidationError):
        services.report_draft(school=world.school, window=w, user=world.principal)
    with pytest.raises(ValidationError):
        services.item_save(report=accepted, user=world.principal, title="补充", date=w.period.end, text="补充信息。")
    assert MonthlyReport.objects.filter(school=world.school, year=w.year, month=w.month).count() == 1


def test_a_returned_version_cannot_be_accepted_but_its_resubmission_can_and_history_keeps_both(world):
    _typed(world)
    w = _current(world)
    first = services.report_submit(report=_with_items(world, w), user=world.principal)
    draft = services.report_return(report=first, user=world.district_officer, comment="请补充家访照片。")
    with pytest.raises(ValidationError):
        services.report_accept(report=first, user=world.district_officer)
    second = services.report_submit(report=draft, user=world.principal)
    services.report_accept(report=second, user=world.district_officer)
    versions = list(MonthlyReport.objects.filter(school=world.school, year=w.year, month=w.month).order_by("version"))
    assert [(r.version, r.is_returned, r.is_accepted) for r in versions] == [(1, True, False), (2, False, True)]


def test_an_accepted_late_report_keeps_its_days_late(world):
    _typed(world)
    last = school_states(world.school, timezone.localdate(), months=1)[1].window
    report = _submit_on(world, last, last.due_on + datetime.timedelta(days=2))
    services.report_accept(report=report, user=world.district_officer)
    state = school_states(world.school, timezone.localdate(), months=1)[1]
    assert (state.status, state.days_late) == (Status.ACCEPTED, 2)


def test_the_monthly_list_export_has_each_months_period_due_day_and_status(client, world):
    import io

    import openpyxl
    from django.urls import reverse

    client.force_login(world.principal)
    page = client.get(reverse("reports:monthly_list"))
    assert 'data-testid="export-xlsx"' in page.content.decode()
    states = page.context["states"]
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(reverse("reports:monthly_list_export")).content)).active
    rows = [tuple(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == ("月份", "起始日期", "截止日期", "报送截止", "状态", "逾期天数")
    assert len(rows) == 1 + len(states)
    for row, state in zip(rows[1:], states, strict=True):
        assert row[0] == f"{state.window.year}年{state.window.month}月"
        assert row[1].date() == state.window.period.start and row[3].date() == state.window.due_on
        assert row[4] == state.label and row[5] == state.days_late
    client.force_login(world.head_teacher)
    assert client.get(reverse("reports:monthly_list_export")).status_code == 403
