"""The district's side: statuses, a submitted report, the roll-up (totals, constant queries), the workbook,
and no names anywhere."""

import csv
import datetime
import io
import shutil
import subprocess

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from python_calamine import CalamineWorkbook

from children.models import Child, LeftBehindType
from guardians.models import Guardian, Parent
from organisation.models import District, School, User
from organisation.roles import Role
from pairing.models import SafetyEvent
from reports import monthly_services as services
from reports.district import window_rollup
from reports.figures import Rate
from reports.models import MonthlyReport
from reports.monthly import previous_window, window_of
from tests import factories as f
from tests.pairing.factories import TalkFactory
from tests.reports.test_monthly import ALERT_KEYS

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _last():
    return previous_window(window_of(timezone.localdate(), 22), 22)


def _school_with_report(district, n_children: int, talks: int, *, submit: bool = True, events: int = 0, w=None):
    """A school with n children, `talks` of them talked with and `events` of them with an open safety event
    (强制报告) in the window `w` (default: the last one), and its report for that window submitted."""
    school = f.SchoolFactory(district=district)
    principal = f.UserFactory(school=school, role=Role.PRINCIPAL)
    school_class = f.SchoolClassFactory(school=school)
    w = w or _last()
    for i in range(n_children):
        child = f.ChildFactory(school_class=school_class, left_behind_type=LeftBehindType.BOTH_AWAY)
        if i < talks:
            TalkFactory(child=child, date=min(w.period.end, timezone.localdate()))
        if i < events:
            SafetyEvent.objects.create(
                child=child,
                date=min(w.period.end, timezone.localdate()),
                kind=SafetyEvent.Kind.MISSING,
                what_happened=f"{child.name}未回家。",
            )
    if submit:
        report = services.report_draft(school=school, window=w, user=principal)
        for title in ["读书月", "家访周"]:
            services.item_save(
                report=report,
                user=principal,
                title=title,
                date=min(w.period.end, timezone.localdate()),
                text="开展活动。",
            )
        services.report_submit(report=report, user=principal)
    return school


def test_rollup_totals_equal_the_sum_of_the_schools_rows(db):
    district = f.DistrictFactory()
    _school_with_report(district, 3, 1)
    _school_with_report(district, 5, 5)
    _school_with_report(district, 2, 0, submit=False)
    rollup = window_rollup(district, _last())
    columns = [key for key, _label, _kind in rollup.columns]
    assert len(rollup.rows) == 3 and rollup.rows[2].values[columns.index("lbc")] is None
    for index, (key, _label, kind) in enumerate(rollup.columns):
        values = [row.values[index] for row in rollup.rows if row.values[index] is not None]
        if kind == "rate":
            assert rollup.totals.values[index] == Rate(
                sum(v.numerator for v in values), sum(v.denominator for v in values)
            ), key
        elif values:
            assert rollup.totals.values[index] == sum(values), key
    assert rollup.totals.values[columns.index("lbc")] == 8
    assert rollup.totals.values[columns.index("talk_coverage")] == Rate(6, 8)


def test_the_rollup_counts_safety_events_and_the_attention_tiers_and_names_nobody(client, db):
    district = f.DistrictFactory()
    schools = [_school_with_report(district, 3, 1, events=1), _school_with_report(district, 4, 4, events=2)]
    rollup = window_rollup(district, _last())
    columns = [key for key, _label, _kind in rollup.columns]
    for key, per_school in [("safety_events", [1, 2]), ("safety:missing", [1, 2]), ("safety:harm", [0, 0])]:
        assert [row.values[columns.index(key)] for row in rollup.rows] == per_school, key
        assert rollup.totals.values[columns.index(key)] == sum(per_school), key
    assert rollup.totals.values[columns.index("safety_open")] == 3
    act_now = [row.values[columns.index("attention:act_now")] for row in rollup.rows]
    assert act_now == [1, 2] and rollup.totals.values[columns.index("attention:act_now")] == 3
    for key in ("attention:close", "attention:reminder"):
        index = columns.index(key)
        assert rollup.totals.values[index] == sum(row.values[index] for row in rollup.rows)
    names = set(Child.objects.filter(school__in=schools).values_list("name", flat=True))
    officer = _officer(district)
    client.force_login(officer)
    w = _last()
    report = MonthlyReport.objects.filter(school=schools[1]).get()
    for url in [
        reverse("reports:district_rollup") + f"?month={w.key}",
        reverse("reports:district_report", args=[report.pk]),
    ]:
        page = client.get(url).content.decode()
        assert 'data-key="safety:missing"' in page or "强制报告事件" in page, url
        assert not [name for name in names if name in page], url


def _officer(district):
    return f.UserFactory(school=None, district=district, role=Role.DISTRICT_OFFICER)


def _rollup_queries(client, schools: int) -> int:
    district = f.DistrictFactory()
    for i in range(schools):
        _school_with_report(district, 1, i % 2)
    client.force_login(_officer(district))
    url = reverse("reports:district_rollup") + f"?month={_last().key}"
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count("data-school=") == schools
    return len(queries)


def test_the_rollup_takes_the_same_number_of_queries_at_2_and_20_schools(client, db):
    assert _rollup_queries(client, 2) == _rollup_queries(client, 20)


def test_the_status_page_shows_on_time_late_and_missing_with_days_late(client, world):
    w = _last()
    Child.objects.filter(school=world.school).update(left_behind_type=LeftBehindType.BOTH_AWAY)
    report = services.report_draft(school=world.school, window=w, user=world.principal)
    for title in ["读书月", "家访周"]:
        services.item_save(report=report, user=world.principal, title=title, date=w.period.end, text="开展活动。")
    services.report_submit(report=report, user=world.principal)
    late = timezone.make_aware(datetime.datetime.combine(w.due_on + datetime.timedelta(days=2), datetime.time(9)))
    MonthlyReport.objects.filter(pk=report.pk).update(submitted_at=late)
    client.force_login(world.district_officer)
    page = client.get(reverse("reports:district_reports") + f"?month={w.key}").content.decode()
    ours = page.split(f'data-school="{world.school.code}"')[1].split("</tr>")[0]
    theirs = page.split(f'data-school="{world.other_school.code}"')[1].split("</tr>")[0]
    assert 'data-status="late"' in ours and "2" in ours
    assert 'data-status="missing"' in theirs
    opened = client.get(reverse("reports:district_report", args=[report.pk])).content.decode()
    assert "读书月" in opened and "return-form" in opened


def test_a_district_officer_of_another_district_cannot_open_the_report(client, world):
    w = _last()
    report = MonthlyReport.objects.create(
        school=world.school,
        year=w.year,
        month=w.month,
        period_start=w.period.start,
        period_end=w.period.end,
        due_on=w.due_on,
        snapshot={"rows": []},
        submitted_at=timezone.now(),
        submitted_by=world.principal,
    )
    stranger = _officer(f.DistrictFactory(code="110101", name="东城区"))
    client.force_login(stranger)
    assert client.get(reverse("reports:district_report", args=[report.pk])).status_code == 404
    assert client.post(reverse("reports:district_return", args=[report.pk]), {"comment": "x"}).status_code == 404


def test_district_officers_change_nothing_in_a_schools_records(client, world):
    client.force_login(world.district_officer)
    w = _last()
    for name, kwargs in [("reports:monthly_report", {"year": w.year, "month": w.month})]:
        assert client.post(reverse(name, kwargs=kwargs), {"title": "x"}).status_code == 403
    assert client.post(reverse("reports:monthly_submit", kwargs={"year": w.year, "month": w.month})).status_code == 403
    assert not MonthlyReport.objects.exists()


def _workbook(client) -> bytes:
    response = client.get(reverse("reports:district_workbook") + f"?month={_last().key}")
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    return response.content


def test_the_workbook_has_title_rows_the_rollup_and_the_figures_as_numbers(client, db):
    district = f.DistrictFactory(name="青山县")
    _school_with_report(district, 3, 1)
    _school_with_report(district, 5, 5)
    client.force_login(_officer(district))
    book = CalamineWorkbook.from_filelike(io.BytesIO(_workbook(client)))
    assert len(book.sheet_names) == 3
    rollup = book.get_sheet_by_name(book.sheet_names[0]).to_python()
    assert "青山县" in rollup[1][0] and timezone.localdate().isoformat() in rollup[2][0]
    assert [row[1] for row in rollup[4:]] == [3, 5, 8]
    figures = book.get_sheet_by_name(book.sheet_names[1]).to_python()
    assert len(figures[3]) == 3
    assert {row[0]: row[1:] for row in figures[4:]}["留守儿童"] == [3, 5]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_the_district_workbook(client, db, tmp_path):
    district = f.DistrictFactory(name="青山县")
    _school_with_report(district, 3, 1)
    client.force_login(_officer(district))
    path = tmp_path / "district.xlsx"
    path.write_bytes(_workbook(client))
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,UTF8,1,,0,false,true,true,false,false,-1",
            str(path),
            "--outdir",
            str(tmp_path),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    sheets = {p.stem: list(csv.reader(p.open(encoding="utf-8"))) for p in tmp_path.glob("district*.csv")}
    assert len(sheets) == 3
    first = next(rows for name, rows in sorted(sheets.items()) if rows[4:] and rows[4][1] == "3")
    assert first[-1][1] == "3"


def test_no_district_page_or_workbook_shows_a_name_id_or_phone(client, db):
    call_command("seed_demo")
    officer = User.objects.get(role=Role.DISTRICT_OFFICER)
    district = District.objects.get(pk=officer.district_id)
    secrets = set()
    for child in Child.all_objects.filter(school__district=district):
        secrets |= {child.name, child.id_number}
    for parent in Parent.objects.filter(child__school__district=district):
        secrets |= {parent.name, parent.phone}
    for guardian in Guardian.objects.filter(child__school__district=district):
        secrets |= {guardian.name, getattr(guardian, "phone", "")}
    secrets = {s for s in secrets if s and len(s) >= 2}
    assert len(secrets) > 20
    # A safety event in a submitted window, its text naming the child; the report is returned and resubmitted,
    # so the district's pages now count it (by kind, open) without naming anyone.
    last = MonthlyReport.objects.filter(submitted_at__isnull=False, returned_at__isnull=True).latest("year", "month")
    child = Child.objects.filter(school=last.school).active().first()
    SafetyEvent.objects.create(
        child=child, date=last.period_end, kind=SafetyEvent.Kind.HARM, what_happened=f"{child.name}的手臂有伤。"
    )
    if last.is_accepted:  # the demo's past reports are accepted; this one is taken back to be returned
        MonthlyReport.objects.filter(pk=last.pk).update(accepted_at=None, accepted_by=None)
        last.refresh_from_db()
    draft = services.report_return(report=last, user=officer, comment="请核实强制报告。")
    principal = User.objects.filter(school=last.school, role=Role.PRINCIPAL).first()
    counted = {key: value for _s, key, value in services.report_submit(report=draft, user=principal).snapshot["rows"]}
    assert counted["safety:harm"] >= 1 and counted["safety_open"] >= 1
    client.force_login(officer)
    reports = MonthlyReport.objects.filter(submitted_at__isnull=False)
    assert reports.count() >= 6
    rollup = client.get(reverse("reports:district_rollup") + f"?month={last.year}-{last.month:02d}").content.decode()
    assert "强制报告事件" in rollup and "关注名单" in rollup
    current = window_of(timezone.localdate(), 22)
    live = client.get(reverse("reports:district_rollup") + f"?month={current.key}").content.decode()
    assert live.count('data-testid="provisional"') == 2
    urls = [
        reverse("home"),
        reverse("reports:district_settings"),
        reverse("reports:district_rollup"),
        reverse("reports:district_rollup") + f"?month={current.key}",
        *[reverse("reports:district_reports") + f"?month={r.year}-{r.month:02d}" for r in reports],
        *[reverse("reports:district_rollup") + f"?month={r.year}-{r.month:02d}" for r in reports],
        *[reverse("reports:district_report", args=[r.pk]) for r in reports],
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert not [s for s in secrets if s in page], url
    for month in [*(f"{r.year}-{r.month:02d}" for r in reports), current.key]:
        book = CalamineWorkbook.from_filelike(
            io.BytesIO(client.get(reverse("reports:district_workbook") + f"?month={month}").content)
        )
        text = " ".join(
            str(cell) for name in book.sheet_names for row in book.get_sheet_by_name(name).to_python() for cell in row
        )
        assert not [s for s in secrets if s in text]


def test_care_work_by_month_adds_the_submitted_talks_and_counts_a_school_that_has_not_submitted_live(db):
    from reports.district import care_work_by_month

    district = f.DistrictFactory()
    _school_with_report(district, 3, 2)
    _school_with_report(district, 2, 1)
    _school_with_report(district, 4, 4, submit=False)
    last = _last()
    earlier = previous_window(last, 22)
    chart = care_work_by_month(district, [earlier, last])
    assert chart["categories"] == [earlier.key, last.key]
    # Last month: 2 + 1 talks as submitted, and the third school's 4 counted from its records.
    assert chart["series"][0]["data"] == [0, 7]
    # Nobody submitted the month before (all live), and the third school not last month.
    assert chart["live"] == [earlier.key, last.key]


def test_care_work_by_month_keeps_a_submitted_report_and_counts_a_returned_one_or_the_open_month_live(db):
    from reports.district import care_work_by_month

    district = f.DistrictFactory()
    last = _last()
    current = window_of(timezone.localdate(), 22)
    submitted = _school_with_report(district, 2, 1)
    returned = _school_with_report(district, 3, 3)
    report = MonthlyReport.objects.get(school=returned)
    services.report_return(report=report, user=_officer(district), comment="请补充。")
    # A talk typed in after submitting changes nothing of the submitted month; one typed in after the return
    # does, as does one in the open month.
    for school in (submitted, returned):
        child = Child.objects.filter(school=school).first()
        TalkFactory(child=child, date=min(last.period.end, timezone.localdate()))
        TalkFactory(child=child, date=timezone.localdate())
    chart = care_work_by_month(district, [last, current])
    assert chart["series"][0]["data"] == [1 + 4, 2]
    assert chart["live"] == [last.key, current.key]


def test_care_work_by_month_counts_live_as_the_rollup_counts_each_school(db):
    from guardians.models import ParentContact
    from reports.district import care_work_by_month
    from reports.figures import by_school
    from tests.guardians.factories import ParentContactFactory
    from tests.pairing.factories import HomeVisitFactory

    district = f.DistrictFactory()
    current = window_of(timezone.localdate(), 22)
    schools = [_school_with_report(district, n, n, submit=False, w=current) for n in (1, 3)]
    day = timezone.localdate()
    for school in schools:
        for child in Child.objects.filter(school=school):
            HomeVisitFactory(child=child, date=day)
            ParentContactFactory(child=child, date=day, counterpart=ParentContact.Counterpart.PARENT)
            ParentContactFactory(child=child, date=day, counterpart=ParentContact.Counterpart.GUARDIAN)  # not counted
    live = by_school(School.objects.filter(district=district), current.period)
    chart = care_work_by_month(district, [current])
    for key, series in zip(("talks", "visits", "contacts"), chart["series"], strict=True):
        assert series["data"] == [sum(figures[key] for figures in live.values())], key
    assert [series["data"] for series in chart["series"]] == [[4], [4], [4]]


@pytest.mark.parametrize("schools", [2, 6])
def test_care_work_by_month_query_count_is_constant(db, django_assert_num_queries, schools):
    from reports.district import care_work_by_month

    district = f.DistrictFactory()
    for n in range(schools):
        _school_with_report(district, 2, 1, submit=n % 2 == 0)
    months = [window_of(timezone.localdate(), 22)]
    for _i in range(5):
        months.append(previous_window(months[-1], 22))
    # the schools, the submitted reports, then talks, visits and parent contacts per school and month
    with django_assert_num_queries(5):
        care_work_by_month(district, months)


def test_the_semester_rollup_reads_the_signed_summaries_and_links_to_them(client, world):
    from reports import services as summary_services

    Child.objects.filter(school=world.school).update(left_behind_type=LeftBehindType.BOTH_AWAY)
    summary = summary_services.summary_sign(semester=world.semester, user=world.principal)
    client.force_login(world.district_officer)
    semester = world.semester
    page = client.get(
        reverse("reports:district_rollup") + f"?semester={semester.school_year}-{semester.term}"
    ).content.decode()
    assert reverse("reports:district_summary", args=[summary.pk]) in page
    opened = client.get(reverse("reports:district_summary", args=[summary.pk]))
    assert opened.status_code == 200 and "张思琪" not in opened.content.decode()


def test_the_district_officer_sets_the_report_day_and_the_schools_windows_follow(client, world):
    from reports.monthly import settings_for

    client.force_login(world.district_officer)
    response = client.post(
        reverse("reports:district_settings"), {"report_day": "28", "figures": ["2", "9"], "items_required": "3"}
    )
    assert response.status_code == 302
    asked = settings_for(world.district)
    assert (asked.report_day, asked.figures, asked.items_required) == (28, [2, 9], 3)
    refused = client.post(
        reverse("reports:district_settings"), {"report_day": "29", "figures": ["2"], "items_required": "2"}
    )
    assert refused.status_code == 200 and settings_for(world.district).report_day == 28
    client.force_login(world.principal)
    page = client.get(reverse("reports:monthly_report", kwargs={"year": 2027, "month": 3})).content.decode()
    keys = {part.split('"')[0] for part in page.split('data-key="')[1:]}
    assert keys == {"lbc", "lbc_share", "talks", "talk_children", "talk_coverage"} | ALERT_KEYS


def test_the_district_officer_accepts_a_report_and_both_status_tables_show_it(client, world):
    w = _last()
    Child.objects.filter(school=world.school).update(left_behind_type=LeftBehindType.BOTH_AWAY)
    report = services.report_draft(school=world.school, window=w, user=world.principal)
    for title in ["读书月", "家访周"]:
        services.item_save(report=report, user=world.principal, title=title, date=w.period.end, text="开展活动。")
    services.report_submit(report=report, user=world.principal)
    client.force_login(world.principal)
    assert client.post(reverse("reports:district_accept", args=[report.pk])).status_code == 403
    stranger = _officer(f.DistrictFactory(code="110101", name="东城区"))
    client.force_login(stranger)
    assert client.post(reverse("reports:district_accept", args=[report.pk])).status_code == 404
    client.force_login(world.district_officer)
    assert "accept-form" in client.get(reverse("reports:district_report", args=[report.pk])).content.decode()
    assert client.post(reverse("reports:district_accept", args=[report.pk])).status_code == 302
    report.refresh_from_db()
    assert report.accepted_by == world.district_officer
    opened = client.get(reverse("reports:district_report", args=[report.pk])).content.decode()
    assert "accept-form" not in opened and "return-form" not in opened and 'data-testid="accepted"' in opened
    page = client.get(reverse("reports:district_reports") + f"?month={w.key}").content.decode()
    ours = page.split(f'data-school="{world.school.code}"')[1].split("</tr>")[0]
    assert 'data-status="accepted"' in ours
    assert client.post(reverse("reports:district_return", args=[report.pk]), {"comment": "请补充。"}).status_code == 302
    report.refresh_from_db()
    assert not report.is_returned
    client.force_login(world.principal)
    listed = client.get(reverse("reports:monthly_list")).content.decode()
    assert 'data-status="accepted"' in listed.split(f'data-month="{w.key}"')[1].split("</tr>")[0]
    month = client.get(reverse("reports:monthly_report", kwargs={"year": w.year, "month": w.month})).content.decode()
    assert 'data-testid="accepted"' in month and "submit-report" not in month and "item-form" not in month


# --- The open window: live, provisional figures for the schools that have not submitted ---


def test_by_school_gives_each_school_the_figures_its_own_report_gives(figure_school):
    from reports import figures as fig
    from reports.summary import snapshot

    school, period = figure_school.school, figure_school.period
    other = School.objects.exclude(pk=school.pk).get(district=school.district)
    a = figure_school.children["A"]
    SafetyEvent.objects.create(child=a, date=period.end, kind=SafetyEvent.Kind.MISSING, what_happened="未回家")
    SafetyEvent.objects.create(
        child=a, date=period.start, kind=SafetyEvent.Kind.HARM, what_happened="有伤", closed_on=period.start
    )
    live = fig.by_school([school, other], period)
    for each in (school, other):
        snap = snapshot(fig.figures(each, period), [], safety=fig.safety_events(each, period))
        rows = {key: value for _s, key, value in snap["rows"]}
        assert {key: live[each.pk][key] for key in fig.ROLLUP_KEYS} == {
            key: rows.get(key, 0) for key in fig.ROLLUP_KEYS
        }, each
    assert live[school.pk]["lbc"] == 3 and live[school.pk]["new"] == 1 and live[school.pk]["left"] == 1
    assert (live[school.pk]["safety_events"], live[school.pk]["safety_open"], live[other.pk]["safety_events"]) == (
        2,
        1,
        0,
    )


def _current():
    return window_of(timezone.localdate(), 22)


def test_the_open_window_shows_live_figures_for_schools_that_have_not_submitted_and_totals_add_them(client, db):
    district = f.DistrictFactory()
    submitted = _school_with_report(district, 3, 1, w=_current())
    waiting = _school_with_report(district, 5, 4, submit=False, w=_current())
    rollup = window_rollup(district, _current())
    columns = [key for key, _label, _kind in rollup.columns]
    rows = {row.school.pk: row for row in rollup.rows}
    assert not rows[submitted.pk].provisional and rows[submitted.pk].source is not None
    assert rows[waiting.pk].provisional and rows[waiting.pk].source is None
    assert rows[waiting.pk].values[columns.index("lbc")] == 5
    assert rows[waiting.pk].values[columns.index("talk_coverage")] == Rate(4, 5)
    assert rows[waiting.pk].values[columns.index("compliance")] is None
    for index, (key, _label, kind) in enumerate(rollup.columns):
        values = [row.values[index] for row in rollup.rows if row.values[index] is not None]
        if kind == "rate" and values:
            assert rollup.totals.values[index] == Rate(
                sum(v.numerator for v in values), sum(v.denominator for v in values)
            ), key
        elif values:
            assert rollup.totals.values[index] == sum(values), key
    assert rollup.totals.values[columns.index("lbc")] == 8
    assert rollup.totals.values[columns.index("talks")] == 5
    client.force_login(_officer(district))
    page = client.get(reverse("reports:district_rollup") + f"?month={_current().key}").content.decode()
    ours = page.split(f'data-school="{waiting.code}"')[1].split("</tr>")[0]
    assert 'data-testid="provisional"' in ours
    assert 'data-testid="provisional"' not in page.split(f'data-school="{submitted.code}"')[1].split("</tr>")[0]
    assert 'data-testid="live-note"' in page
    closed = client.get(reverse("reports:district_rollup") + f"?month={_last().key}").content.decode()
    assert 'data-testid="provisional"' not in closed
    # The care-work chart under either says which of its months count a school live: the open one at least.
    note = closed.split('data-testid="care-work-live"')[1].split("</p>")[0]
    assert _current().key in note


def test_a_returned_report_of_the_open_window_shows_live_figures_again(db):
    district = f.DistrictFactory()
    school = _school_with_report(district, 2, 1, w=_current())
    report = MonthlyReport.objects.get(school=school)
    services.report_return(report=report, user=_officer(district), comment="请补充。")
    row = window_rollup(district, _current()).rows[0]
    assert row.provisional and row.source is None


def _open_rollup_queries(client, schools: int) -> int:
    district = f.DistrictFactory()
    for i in range(schools):
        _school_with_report(district, 1, i % 2, submit=i == 0, w=_current())
    client.force_login(_officer(district))
    url = reverse("reports:district_rollup") + f"?month={_current().key}"
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('data-testid="provisional"') == schools - 1
    return len(queries)


def test_the_open_window_rollup_takes_the_same_number_of_queries_at_2_and_20_schools(client, db):
    assert _open_rollup_queries(client, 2) == _open_rollup_queries(client, 20)


# --- Photos of information items, as the district sees them ---


def _photo(world, caption: str):
    from tests.activities.matrix_rows import _evidence

    photo = _evidence(world)
    photo.caption = caption
    photo.save()
    return photo


def test_the_district_officer_sees_a_submitted_reports_photos_as_thumbnails_without_captions(client, world):
    w = _last()
    Child.objects.filter(school=world.school).update(left_behind_type=LeftBehindType.BOTH_AWAY)
    name = world.child_1.name
    photo = _photo(world, f"{name}在读书月上发言")
    draft_photo = _photo(world, "草稿照片")
    report = services.report_draft(school=world.school, window=w, user=world.principal)
    for title in ["读书月", "家访周"]:
        services.item_save(
            report=report, user=world.principal, title=title, date=w.period.end, text="开展活动。", photos=[photo]
        )
    services.report_submit(report=report, user=world.principal)
    thumbnail = reverse("activities:evidence_thumbnail", args=[photo.pk])
    client.force_login(world.district_officer)
    page = client.get(reverse("reports:district_report", args=[report.pk])).content.decode()
    assert page.count('data-testid="district-photo"') == 2 and thumbnail in page
    assert name not in page and "读书月上发言" not in page
    assert client.get(thumbnail).status_code == 200
    assert client.get(reverse("activities:evidence_file", args=[photo.pk])).status_code == 403
    assert client.get(reverse("activities:evidence_thumbnail", args=[draft_photo.pk])).status_code == 404
    client.force_login(_officer(f.DistrictFactory(code="110101", name="东城区")))
    assert client.get(thumbnail).status_code == 404


def test_a_photo_of_a_draft_report_is_not_the_districts_to_see(client, world):
    w = _last()
    photo = _photo(world, "读书月")
    report = services.report_draft(school=world.school, window=w, user=world.principal)
    services.item_save(
        report=report, user=world.principal, title="读书月", date=w.period.end, text="开展活动。", photos=[photo]
    )
    client.force_login(world.district_officer)
    assert client.get(reverse("activities:evidence_thumbnail", args=[photo.pk])).status_code == 404


def test_the_open_windows_workbook_has_the_live_figures_of_a_school_that_has_not_submitted(client, db):
    district = f.DistrictFactory(name="青山县")
    _school_with_report(district, 3, 1, w=_current())
    _school_with_report(district, 5, 4, submit=False, w=_current())
    client.force_login(_officer(district))
    response = client.get(reverse("reports:district_workbook") + f"?month={_current().key}")
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    figures = book.get_sheet_by_name(book.sheet_names[1]).to_python()
    by_label = {row[0]: row[1:] for row in figures[4:]}
    assert sorted(by_label["留守儿童"]) == [3, 5]  # the submitted snapshot's 3 and the live 5
    assert sorted(by_label["谈心次数"]) == [1, 4]
