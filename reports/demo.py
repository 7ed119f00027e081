"""Demo reports: students on roll of every class in both semesters; the previous semester's summary, written
and signed by the principal a few days after it ended (so the summary's Δ column compares with what was
signed); each school's monthly reports for the three past months (school 1 returned once and resubmitted;
school 2 once late), all accepted by the district, and the current month's draft. Counts and news only, never
a name. Each part is built only where it is missing, so running it again changes nothing."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from children.models import Child
from organisation.demo import DemoOrganisation
from organisation.models import Enrolment, User
from organisation.roles import Role
from reports import figures as fig
from reports import services
from reports.models import InformationItem, MonthlyReport, SemesterSummary
from reports.monthly import Window, previous_window, settings_for, window_of
from reports.monthly_figures import monthly_figures_refresh, semester_figures_refresh
from reports.summary import snapshot

NEWS = [
    ("开展“我的梦想”主题班会", "各班围绕“我的梦想”开展主题班会，留守儿童人人发言，代理家长到场倾听。"),
    ("代理家长集中家访", "学校组织代理家长和班主任分组家访，了解监护人照护情况，现场解答监护人的问题。"),
    ("亲情电话开放日", "留守儿童之家开放亲情电话，孩子们与在外务工的父母视频通话，分享一个月的学习生活。"),
    ("家长学校开课", "邀请镇卫生院医生为监护人讲解儿童安全与营养知识，监护人积极参与互动。"),
]


def _at(day: datetime.date, hour: int = 16) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


_SNAPSHOTS: dict[tuple[int, datetime.date, datetime.date], dict] = {}


def _snapshot(school, w: Window) -> dict:
    """The figures a school's report for window `w` stores when submitted, computed once per school and window
    (a resubmission of the same window stores the same figures: the demo's records do not change in between)."""
    key = (school.pk, w.period.start, w.period.end)
    if key not in _SNAPSHOTS:
        figures = fig.figures(school, w.period)
        _SNAPSHOTS[key] = {
            # Submitted in the past: the attention list of that day was not kept, so it stays "not available".
            **snapshot(figures, fig.cross_checks(figures), safety=fig.safety_events(school, w.period)),
            "figures": list(settings_for(school.district_id).figures),
            "items": 2,
        }
    return dict(_SNAPSHOTS[key])


def _version(school, w: Window, version: int, user, submitted_on: datetime.date | None, news: int) -> MonthlyReport:
    report = MonthlyReport(
        school=school,
        year=w.year,
        month=w.month,
        version=version,
        period_start=w.period.start,
        period_end=w.period.end,
        due_on=w.due_on,
        updated_by=user,
    )
    if submitted_on is not None:
        report.snapshot = _snapshot(school, w)
        report.submitted_at, report.submitted_by = _at(submitted_on), user
    report.save()
    for offset in range(2 if submitted_on is not None else 1):
        title, text = NEWS[(news + offset) % len(NEWS)]
        day = w.period.start + datetime.timedelta(days=5 + 10 * offset)
        InformationItem.objects.create(report=report, title=title, date=min(day, w.period.end), text=text)
    return report


NARRATIVE = {
    "achievements": "全校留守儿童建档、结对帮扶做到全覆盖；班主任和代理家长每月谈心，学期内完成一轮家访；"
    "留守儿童之家按时开放，亲情电话让孩子与父母每月至少联系一次。",
    "problems": "部分监护人年纪大、文化程度低，辅导作业有困难；少数外出务工家长联系不上，家访记录填写不够及时。",
    "next_steps": "下学期每月开展一次家长学校活动；对联系不上的家长，请村委会协助联系；每周五前补齐家访和谈心记录。",
}


def _students(children: int, grade: int, number: int, earlier: bool) -> int:
    """A class's students on roll: its archived children and the pupils who are not left-behind."""
    return children + 18 + (grade * 3 + number) % 7 - (2 if earlier else 0)


def _enrolment(org: DemoOrganisation) -> None:
    """Students on roll of every class in the previous and the current semester (one write per school)."""
    semesters = [*org.previous.values(), *org.current.values()]
    entered = set(Enrolment.objects.filter(semester__in=semesters).values_list("school_class_id", "semester_id"))
    children = dict(
        Child.objects.filter(school__in=org.schools)
        .order_by()
        .values("school_class")
        .annotate(n=Count("pk"))
        .values_list("school_class", "n")
    )
    for school in org.schools:
        missing = []
        for semester, earlier in ((org.previous.get(school.code), True), (org.current.get(school.code), False)):
            if semester is None:
                continue
            for k in org.classes.get(school.code, []):
                if (k.pk, semester.pk) not in entered:
                    students = _students(children.get(k.pk, 0), k.grade, k.number, earlier)
                    missing.append(Enrolment(school_class=k, semester=semester, students=students))
        if missing:
            bulk_create_with_history(missing, Enrolment, default_user=org.keeper(school))


def _signed_previous_summaries(org: DemoOrganisation) -> None:
    """The previous semester's summary of each school: the principal's narrative, signed three days after
    the semester ended (a summary whose cross-checks fail stays a draft)."""
    principals = {u.school_id: u for u in User.objects.filter(school__in=org.schools, role=Role.PRINCIPAL)}
    done = set(SemesterSummary.objects.filter(semester__in=org.previous.values()).values_list("semester_id", flat=True))
    for school in org.schools:
        semester, principal = org.previous.get(school.code), principals.get(school.pk)
        if semester is None or principal is None or semester.pk in done:
            continue
        services.summary_save_draft(semester=semester, user=principal, **NARRATIVE)
        try:
            summary = services.summary_sign(semester=semester, user=principal)
        except ValidationError:
            continue
        signed_on = min(semester.end_date + datetime.timedelta(days=3), timezone.localdate())
        SemesterSummary.objects.filter(pk=summary.pk).update(signed_at=_at(signed_on, 10))


def _frozen_figures(org: DemoOrganisation) -> None:
    """The frozen figures rows the tasks write for a submission, an acceptance and a signature
    (reports.monthly_figures), written here at once: the demo's reports and summaries are dated into the past
    after the services made them, so the rows are read from what stands. Idempotent (a refresh)."""
    reports = MonthlyReport.objects.filter(school__in=org.schools, submitted_at__isnull=False)
    for school_id, year, month in reports.values_list("school_id", "year", "month").distinct():
        monthly_figures_refresh(school_id=school_id, year=year, month=month)
    summaries = SemesterSummary.objects.filter(school__in=org.schools, signed_at__isnull=False)
    for school_id, school_year, term in summaries.values_list(
        "school_id", "semester__school_year", "semester__term"
    ).distinct():
        semester_figures_refresh(school_id=school_id, school_year=school_year, term=term)


def seed(org: DemoOrganisation) -> None:
    _enrolment(org)
    _signed_previous_summaries(org)
    if not MonthlyReport.objects.filter(school__in=org.schools).exists():
        _seed_reports(org)
    _accept_past(org)
    _frozen_figures(org)


def _accept_past(org: DemoOrganisation) -> None:
    """The district has accepted the latest submitted version of every past window (a returned one after its
    resubmission), except the second school's last month, still waiting so the demo district officer has a
    report to accept or return; the current window stays a draft. Idempotent: accepted reports stay so."""
    officer = org.users["district"]
    day = settings_for(org.district).report_day
    current = window_of(timezone.localdate(), day)
    latest: dict[tuple[int, int, int], MonthlyReport] = {}
    for report in MonthlyReport.objects.filter(school__in=org.schools).order_by("version"):
        latest[(report.school_id, report.year, report.month)] = report
    last_month = previous_window(current, day)
    waiting = (org.schools[-1].pk, last_month.year, last_month.month)
    for key, report in latest.items():
        past = (report.year, report.month) < (current.year, current.month)
        if past and key != waiting and report.is_submitted and not report.is_returned and not report.is_accepted:
            report.accepted_at = min(report.submitted_at + datetime.timedelta(days=1), timezone.now())
            report.accepted_by = officer
            report.save(update_fields=["accepted_at", "accepted_by", "updated_at"])


def _seed_reports(org: DemoOrganisation) -> None:
    _SNAPSHOTS.clear()
    officer = org.users["district"]
    reporters = [org.users["principal"], org.users["principal2"]]
    day = settings_for(org.district).report_day
    today = timezone.localdate()
    current = window_of(today, day)
    past = [previous_window(current, day)]
    for _i in range(2):
        past.append(previous_window(past[-1], day))
    for index, (school, user) in enumerate(zip(org.schools, reporters, strict=False)):
        for age, w in enumerate(past):
            if index == 0 and age == 1:
                first = _version(school, w, 1, user, w.due_on - datetime.timedelta(days=1), news=age)
                first.returned_at, first.returned_by = _at(w.due_on + datetime.timedelta(days=1), 9), officer
                first.return_comment = "请补充本月家访的具体情况和活动照片。"
                first.save()
                _version(school, w, 2, user, w.due_on + datetime.timedelta(days=2), news=age + 1)
            elif index == 1 and age == 0:
                _version(school, w, 1, user, min(w.due_on + datetime.timedelta(days=3), today), news=age)
            else:
                _version(school, w, 1, user, w.due_on - datetime.timedelta(days=index + 1), news=age)
        _version(school, current, 1, user, None, news=index)
