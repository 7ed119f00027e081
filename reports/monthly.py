"""The monthly report (月报): its window, the figures a district asks for, and each report's status.

The report for month M covers D of M−1 to D−1 of M and is due on D of M, D being the district's report day
(REPORTS.md, "Monthly report window"). A submission on the due day is on time; from the next day it is late.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from organisation.models import District, School
from reports.figures import Period
from reports.models import DistrictReportSettings, MonthlyReport

REMINDER_DAYS = 3  # the school's home page says "due" from D−3


@dataclass(frozen=True)
class Window:
    year: int
    month: int
    period: Period
    due_on: date

    @property
    def key(self) -> str:
        return f"{self.year}-{self.month:02d}"


def _previous_month(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


def _next_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def window(year: int, month: int, report_day: int) -> Window:
    """The window of month M's report: D of M−1 to D−1 of M, due on D of M."""
    if not 1 <= report_day <= 28:
        raise ValueError("The report day is between 1 and 28.")
    due = date(year, month, report_day)
    start = date(*_previous_month(year, month), report_day)
    return Window(year=year, month=month, period=Period(start, due - timedelta(days=1)), due_on=due)


def window_of(day: date, report_day: int) -> Window:
    """The window a record dated `day` belongs to: from D on, the next month's report."""
    year, month = (day.year, day.month)
    if day.day >= report_day:
        year, month = _next_month(year, month)
    return window(year, month, report_day)


def months_around(day: date, before: int = 12, after: int = 12) -> list[str]:
    """The keys ("YYYY-MM") of the `before` months before `day`'s month, its own and the `after` after it."""
    year, month = day.year, day.month
    for _i in range(before):
        year, month = _previous_month(year, month)
    keys = []
    for _i in range(before + after + 1):
        keys.append(f"{year}-{month:02d}")
        year, month = _next_month(year, month)
    return keys


def previous_window(w: Window, report_day: int) -> Window:
    return window(*_previous_month(w.year, w.month), report_day)


def settings_for(district: District | int) -> DistrictReportSettings:
    """The district's settings, or the defaults (unsaved) when it has set none."""
    district_id = district if isinstance(district, int) else district.pk
    found = DistrictReportSettings.objects.filter(district_id=district_id).first()
    return found or DistrictReportSettings(district_id=district_id)


# --- Which rows of a snapshot belong to which figure of REPORTS.md ---

_FIGURE_OF_KEY = {
    "on_roll": 1,
    "lbc": 2,
    "lbc_share": 2,
    "boarding": 3,
    "day_pupils": 3,
    "edu_single": 4,
    "edu_double": 4,
    "civil": 4,
    "type_none": 4,
    "new": 6,
    "reidentified": 6,
    "left": 6,
    "filing": 7,
    "pairing": 8,
    "carers": 8,
    "per_carer": 8,
    "talks": 9,
    "talk_children": 9,
    "talk_coverage": 9,
    "visits": 10,
    "visit_children": 10,
    "visit_coverage": 10,
    "visitors_staff": 10,
    "visitors_carers": 10,
    "guardians_met": 10,
    "contacts": 11,
    "contacts_not_reached": 11,
    "family_phone": 11,
    "contact_coverage": 11,
    "contact_every_month": 11,
    "guardian_contacts": 12,
    "guardian_contacts_not_reached": 12,
    "compliance": 13,
    "overdue": 13,
    "activities": 14,
    "attendances": 14,
    "activity_children": 14,
    "training_sessions": 15,
    "training_attendances": 15,
    "training_guardians": 15,
    "birthdays": 16,
    "medical": 17,
    "assistance_total": 18,
    "assisted_children": 18,
    "poor_without": 18,
    "progress": 19,
    "declined": 19,
    "key_help": 20,
    "key_help_plans": 20,
    "key_help_no_plan": 20,
    "key_help_reviews": 20,
    "childrens_home_sessions": 21,
    "childrens_home": 21,
    "childrens_home_calls": 21,
    "childrens_home_books": 21,
    "care_staff": 22,
    "leading_group": 22,
    "active_carers": 22,
}
_FIGURE_OF_PREFIX = {
    "grade": 3,
    "gender": 3,
    "type": 4,
    "reason": 6,
    "carer": 8,
    "active_carer": 22,
    "channel": 11,
    "initiator": 11,
    "norm": 13,
    "activity": 14,
    "donor": 18,
    "assist": 18,
}
FIGURE_CHOICES = [
    (1, _("1 Students on roll")),
    (2, _("2 Left-behind children")),
    (3, _("3 By grade, gender and boarding")),
    (4, _("4 By left-behind type")),
    (5, _("5 By guardian kind")),
    (6, _("6 New and left")),
    (7, _("7 Filing rate")),
    (8, _("8 Pairing coverage")),
    (9, _("9 Talks")),
    (10, _("10 Home visits")),
    (11, _("11 Contacts with parents")),
    (12, _("12 Contacts with guardians")),
    (13, _("13 Norm compliance")),
    (14, _("14 Activities")),
    (15, _("15 Guardian training")),
    (16, _("16 Birthdays")),
    (17, _("17 Medical exams")),
    (18, _("18 Assistance")),
    (19, _("19 Academic progress")),
    (20, _("20 Key-help children")),
    (21, _("21 Children's home")),
    (22, _("22 Carers and leading group")),
]


def figure_of(key: str) -> int:
    """The REPORTS.md figure a snapshot row belongs to."""
    if key in _FIGURE_OF_KEY:
        return _FIGURE_OF_KEY[key]
    if key.startswith("guardian_"):
        return 5
    return _FIGURE_OF_PREFIX.get(key.partition(":")[0], 0)


def always_shown(key: str) -> bool:
    """The attention list by tier and the safety events: in every monthly report, whatever figures are asked."""
    return key.startswith(("attention:", "safety"))


def asked_rows(data: dict, figures: list[int]) -> dict:
    """The snapshot with only the rows of the figures asked for, and the rows every report shows (for
    summary.sections)."""
    wanted = set(figures)
    return {**data, "rows": [row for row in data["rows"] if figure_of(row[1]) in wanted or always_shown(row[1])]}


# --- Statuses ---


class Status(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    DRAFT = "draft", _("Draft")
    ON_TIME = "on_time", _("Submitted on time")
    LATE = "late", _("Submitted late")
    RETURNED = "returned", _("Returned")
    ACCEPTED = "accepted", _("Accepted")
    MISSING = "missing", pgettext_lazy("monthly report not submitted", "Missing")
    NOT_DUE = "not_due", pgettext_lazy("monthly report", "Not due")


def local_day(moment: datetime) -> date:
    return timezone.localtime(moment).date()


@dataclass(frozen=True)
class ReportState:
    """Where a school's report for a window stands (an accepted report keeps the days it was late).
    `days_late`: for a submitted report, the days between the due day and its first submission (days_late);
    for one not submitted, the days since the due day (0 before it)."""

    window: Window
    status: str
    latest: MonthlyReport | None
    submitted: MonthlyReport | None  # the latest submitted version, returned or not
    days_late: int
    due: bool = True  # is_due: a window not due is never late
    submitted_late: int = 0  # days between the due day and the first submission (days_late); 0 if none

    @property
    def label(self) -> str:
        return str(Status(self.status).label)


# The summer holiday (暑假): a window that lies wholly between these days (month, day) is not due unless the
# district asks for it (DistrictReportSettings.months_due).
SUMMER_HOLIDAY = ((7, 1), (8, 31))


def summer_holiday(year: int) -> Period:
    """The summer holiday of a year (SUMMER_HOLIDAY)."""
    (first_month, first_day), (last_month, last_day) = SUMMER_HOLIDAY
    return Period(date(year, first_month, first_day), date(year, last_month, last_day))


def in_summer_holiday(w: Window) -> bool:
    """Whether the window lies wholly in the summer holiday (SUMMER_HOLIDAY, in the window's own year)."""
    holiday = summer_holiday(w.period.start.year)
    return holiday.start <= w.period.start and w.period.end <= holiday.end


def month_is_due(w: Window, asked: DistrictReportSettings) -> bool:
    """Whether the district asks a report for the window: not a month it marked not due, and not a window of
    the summer holiday unless it asked for that one (months_due)."""
    if w.key in (asked.months_not_due or []):
        return False
    return not in_summer_holiday(w) or w.key in (asked.months_due or [])


def is_due(school: School, w: Window, asked: DistrictReportSettings) -> bool:
    """Whether the school owes a report for the window: the window ends on or after the day the school
    started using the system (School.reporting_from), it is due on or before the day the school closed or
    merged (School.reporting_until: no report is due after it), and the district asks for the month
    (month_is_due). The same rule in SQL, for the rates of many schools at once: school_due_q and
    month_due_q."""
    if w.period.end < school.reporting_from:
        return False
    if school.reporting_until is not None and w.due_on > school.reporting_until:
        return False
    return month_is_due(w, asked)


# is_due in SQL, for counting the reports many schools owe without loading them (reports.rates). `school` is
# the path to the school from the rows queried ("" from School, "school__" from MonthlyReport); the window's
# end and due day are dates or, for a report's own window, its columns (F("period_end"), F("due_on")).


def school_due_q(end: date | F, due_on: date | F, *, school: str = "") -> Q:
    """is_due's part that depends on the school's own dates, for a window ending on `end` and due on `due_on`."""
    return Q(**{f"{school}reporting_from__lte": end}) & (
        Q(**{f"{school}reporting_until__isnull": True}) | Q(**{f"{school}reporting_until__gte": due_on})
    )


def month_due_q(
    year: int, month: int, asked: list[DistrictReportSettings], *, district: str, start: str, end: str
) -> Q:
    """month_is_due for rows whose window of month (year, month) is in their columns `start` and `end`, the
    districts' settings `asked` (a district without a row asks the defaults: every month outside the summer
    holiday). The window of a month starts in the month before, so its year is one of two."""
    key = f"{year}-{month:02d}"
    not_due = [row.district_id for row in asked if key in (row.months_not_due or [])]
    summer_asked = [row.district_id for row in asked if key in (row.months_due or [])]
    in_summer = Q()
    for y in (year - 1, year):
        holiday = summer_holiday(y)
        in_summer |= Q(**{f"{start}__gte": holiday.start, f"{end}__lte": holiday.end})
    due = ~in_summer | Q(**{f"{district}__in": summer_asked}) if summer_asked else ~in_summer
    return due & ~Q(**{f"{district}__in": not_due}) if not_due else due


def days_late(w: Window, versions: list[MonthlyReport]) -> int:
    """The days between the due day and the first submission of the window's report (0 on or before the
    due day): a report the school submitted on time stays on time when the district returns it and the
    school resubmits after the due day. 0 when nothing was submitted."""
    first = min((r.submitted_at for r in versions if r.is_submitted), default=None)
    return max((local_day(first) - w.due_on).days, 0) if first is not None else 0


def state_of(w: Window, versions: list[MonthlyReport], today: date, *, due: bool = True) -> ReportState:
    """The status of one school's report for a window from all its versions (any order). A window not `due`
    (is_due) is never late: without a version it is not due; a school may still submit for it."""
    versions = sorted(versions, key=lambda r: r.version)
    latest = versions[-1] if versions else None
    submitted = next((r for r in reversed(versions) if r.is_submitted), None)
    overdue = max((today - w.due_on).days, 0) if due else 0
    if latest is None:
        status = Status.NOT_DUE if not due else Status.MISSING if overdue else Status.NOT_STARTED
        return ReportState(w, status, None, None, overdue, due)
    if latest.is_submitted and not latest.is_returned:
        late = days_late(w, versions) if due else 0
        status = Status.ACCEPTED if latest.is_accepted else Status.LATE if late else Status.ON_TIME
        return ReportState(w, status, latest, latest, late, due, submitted_late=late)
    if latest.is_returned or submitted is not None:
        late = days_late(w, versions) if due else 0
        return ReportState(w, Status.RETURNED, latest, submitted, overdue, due, submitted_late=late)
    return ReportState(w, Status.DRAFT, latest, None, overdue, due)


def school_states(school: School, today: date | None = None, months: int = 6) -> list[ReportState]:
    """The school's reports by month, newest first: the current window and the `months` before it. 2 queries."""
    today = today or timezone.localdate()
    asked = settings_for(school.district_id)
    day = asked.report_day
    current = window_of(today, day)
    windows = [current]
    for _i in range(months):
        windows.append(previous_window(windows[-1], day))
    versions: dict[tuple[int, int], list[MonthlyReport]] = {}
    oldest = windows[-1]
    for report in MonthlyReport.objects.filter(school=school, year__gte=oldest.year).order_by("version"):
        versions.setdefault((report.year, report.month), []).append(report)
    return [state_of(w, versions.get((w.year, w.month), []), today, due=is_due(school, w, asked)) for w in windows]


@dataclass(frozen=True)
class Reminder:
    state: ReportState
    late: bool


def reminder(school: School, today: date | None = None) -> Reminder | None:
    """What the school's home page says: a report the district returned, with its comment, whenever; from
    D−3 to D a report not yet submitted is due, and after D it is late."""
    today = today or timezone.localdate()
    current, previous = school_states(school, today, months=1)
    for state in (previous, current):
        if state.status == Status.RETURNED:
            return Reminder(state, late=state.due and today > state.window.due_on)
        if not state.due or state.status in (Status.ON_TIME, Status.LATE, Status.ACCEPTED):
            continue
        if today > state.window.due_on:
            return Reminder(state, late=True)
        if (state.window.due_on - today).days <= REMINDER_DAYS:
            return Reminder(state, late=False)
    return None


def district_states(district_id: int, w: Window, asked: DistrictReportSettings) -> list[tuple[School, ReportState]]:
    """(school, ReportState) of every school of the district for the window, by the district's settings
    `asked`. 2 queries whatever the number of schools."""
    today = timezone.localdate()
    schools = list(School.objects.filter(district_id=district_id).order_by("code"))
    versions: dict[int, list[MonthlyReport]] = {}
    for report in MonthlyReport.objects.filter(school__in=schools, year=w.year, month=w.month).defer("snapshot"):
        versions.setdefault(report.school_id, []).append(report)
    return [
        (school, state_of(w, versions.get(school.pk, []), today, due=is_due(school, w, asked))) for school in schools
    ]


def district_follow_up(district_id: int, today: date | None = None) -> tuple[Window, list[tuple[School, ReportState]]]:
    """What the district officer's home shows: the last window already due, and its schools still to follow
    up: late (missing or a draft), returned and not resubmitted, or submitted and waiting to be accepted. 3 queries."""
    today = today or timezone.localdate()
    asked = settings_for(district_id)
    w = previous_window(window_of(today, asked.report_day), asked.report_day)
    rows = district_states(district_id, w, asked)
    return w, [(school, state) for school, state in rows if state.status not in (Status.ACCEPTED, Status.NOT_DUE)]
