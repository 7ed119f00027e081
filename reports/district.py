"""The district's roll-up: every school of a district side by side, with a totals row, read from what the
schools submitted (monthly reports) or signed (semester summaries), never from their records.

Reading the snapshots keeps the district at counts only and the page at a constant number of queries whatever
the number of schools: one for the schools, one for the snapshots. A school that has not submitted (or
signed) shows an empty row and counts in no total, except in the window still open: there a school that has
not submitted shows its figures computed live from its records (reports.figures.by_school, counts only, in a
constant number of queries for all of them), marked provisional, and they count in the totals. The chart of
care work by month does the same for every month it shows: a school's month without a submitted report standing
is counted live (`care_work_by_month`), and the page says which months hold live counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, Count, IntegerField, Value, When
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from children.models import LeftBehindType
from organisation.models import District, School
from pairing.attention import TIER_ORDER
from pairing.models import HomeVisit, SafetyEvent, Talk
from reports.figures import Period, Rate, by_school, parent_contacts_in, records_in
from reports.models import MonthlyReport, SemesterSummary
from reports.monthly import Window
from reports.summary import LABELS, NOT_AVAILABLE, attention_label

# key, label, kind ("n" count, "rate", "yuan"); `sum` keys add several snapshot rows.
COLUMNS: list[tuple[str, object, str]] = [
    ("lbc", LABELS["lbc"], "n"),
    ("edu_total", _("Student register: left-behind (单留守 + 双留守)"), "n"),
    ("edu_single", LABELS["edu_single"], "n"),
    ("edu_double", LABELS["edu_double"], "n"),
    ("civil", LABELS["civil"], "n"),
    *[(f"type:{value}", label, "n") for value, label in LeftBehindType.choices],
    ("new", LABELS["new"], "n"),
    ("left", LABELS["left"], "n"),
    *[(key, LABELS[key], "rate") for key in ("filing", "pairing", "talk_coverage", "visit_coverage")],
    ("contact_coverage", LABELS["contact_coverage"], "rate"),
    ("compliance", LABELS["compliance"], "rate"),
    *[(key, LABELS[key], "n") for key in ("talks", "visits", "contacts", "activities")],
    ("assistance_total", LABELS["assistance_total"], "yuan"),
    ("childrens_home", LABELS["childrens_home"], "n"),
    # The attention list by tier, as counted on the day each school signed or submitted (counts only).
    *[(f"attention:{tier}", lazy(attention_label, str)(tier, None), "n") for tier in TIER_ORDER],
    # Safety events (强制报告) of the period: counted, never named.
    ("safety_events", LABELS["safety_events"], "n"),
    *[(f"safety:{value}", label, "n") for value, label in SafetyEvent.Kind.choices],
    ("safety_open", LABELS["safety_open"], "n"),
]


def _value(rows: dict, key: str, kind: str):
    if key == "edu_total":
        single, double = rows.get("edu_single"), rows.get("edu_double")
        return None if single is None and double is None else (single or 0) + (double or 0)
    value = rows.get(key)
    if value is None or value == NOT_AVAILABLE:
        return None
    if kind == "rate":
        return Rate(value["n"], value["d"])
    if kind == "yuan":
        return Decimal(value["yuan"])
    return value


@dataclass
class RollupRow:
    school: School | None  # None for the totals row
    values: list  # one per column: int, Rate, Decimal or None
    source: object = None  # the MonthlyReport or SemesterSummary read, if any
    provisional: bool = False  # figures computed live from the records: the school has not submitted yet
    live: dict | None = None  # those figures, keyed as a snapshot's rows (reports.figures.by_school)

    @property
    def figures(self) -> list[tuple[str, object]] | None:
        """(key, value) of every figure behind the row: the snapshot read, or the live figures; None if neither."""
        if self.live is not None:
            return list(self.live.items())
        snapshot = getattr(self.source, "snapshot", None)
        return [(key, value) for _section, key, value in snapshot["rows"]] if snapshot else None

    @property
    def cells(self) -> list[str]:
        return [display(value) for value in self.values]


def display(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, Rate):
        return value.text
    return str(value)


@dataclass
class Rollup:
    district: District
    title: str
    columns: list[tuple[str, str, str]]
    rows: list[RollupRow]
    totals: RollupRow
    charts: dict = field(default_factory=dict)
    live: bool = False  # an open window: schools that have not submitted show live, provisional figures


def _totals(rows: list[RollupRow]) -> RollupRow:
    totals = []
    for index, (_key, _label, kind) in enumerate(COLUMNS):
        values = [row.values[index] for row in rows if row.values[index] is not None]
        if not values:
            totals.append(None)
        elif kind == "rate":
            totals.append(Rate(sum(v.numerator for v in values), sum(v.denominator for v in values)))
        else:
            totals.append(sum(values))
    return RollupRow(school=None, values=totals)


def _row(school: School, data: dict | None, source, live: dict | None = None) -> RollupRow:
    if live is not None:
        values = [_value(live, key, kind) for key, _l, kind in COLUMNS]
        return RollupRow(school=school, values=values, provisional=True, live=live)
    rows = {key: value for _s, key, value in data["rows"]} if data else {}
    values = [_value(rows, key, kind) if data else None for key, _label, kind in COLUMNS]
    return RollupRow(school=school, values=values, source=source)


def _build(
    district: District,
    title: str,
    schools: list[School],
    chosen: dict[int, tuple[dict, object]],
    live: dict[int, dict] | None = None,
) -> Rollup:
    live = live or {}
    rows = [
        _row(school, *chosen.get(school.pk, (None, None)), live.get(school.pk) if school.pk not in chosen else None)
        for school in schools
    ]
    columns = [(key, str(label), kind) for key, label, kind in COLUMNS]
    rollup = Rollup(district=district, title=title, columns=columns, rows=rows, totals=_totals(rows), live=bool(live))
    rollup.charts = _charts(rollup)
    return rollup


def care_work_by_month(district: District, windows: list[Window]) -> dict:
    """Talks, home visits and parent contacts across the district per window (month of report).

    A school's month counts what its report says when a submitted version of it stands (the latest submitted
    version, not returned). Every other month of a school is counted live from its records, with the
    roll-up's definitions (`reports.figures.records_in` and `parent_contacts_in`, as `by_school` counts
    them): the open window until the school submits, a past month it never submitted, and one returned and
    not yet resubmitted. `live` lists the months (keys) with at least one school counted live; the page says
    so under the chart. 5 queries whatever the number of schools and months (2 when every school submitted)."""
    ordered = sorted(windows, key=lambda w: (w.year, w.month))
    schools = list(School.objects.filter(district=district).values_list("pk", flat=True))
    wanted = {(w.year, w.month) for w in ordered}
    latest: dict[tuple[int, int, int], MonthlyReport] = {}
    reports = MonthlyReport.objects.filter(
        school__district=district, submitted_at__isnull=False, year__gte=min(y for y, _m in wanted)
    ).order_by("version")
    for report in reports.only("school_id", "year", "month", "snapshot", "returned_at"):
        if (report.year, report.month) in wanted:
            latest[(report.school_id, report.year, report.month)] = report
    standing = {key: report.snapshot for key, report in latest.items() if not report.is_returned}
    missing = {(pk, i) for i, w in enumerate(ordered) for pk in schools if (pk, w.year, w.month) not in standing}
    live = _live_care_work(missing, ordered) if missing else {}
    series = []
    for key in ("talks", "visits", "contacts"):
        data = []
        for i, w in enumerate(ordered):
            total = 0
            for pk in schools:
                snap = standing.get((pk, w.year, w.month))
                if snap is not None:
                    total += next((v for _s, k, v in snap["rows"] if k == key), 0) or 0
                else:
                    total += live.get((key, pk, i), 0)
            data.append(total)
        series.append({"name": str(LABELS[key]), "data": data})
    return {
        "title": str(_("Care work by month")),
        "categories": [w.key for w in ordered],
        "series": series,
        "live": [w.key for i, w in enumerate(ordered) if any(m == i for _pk, m in missing)],
    }


def _live_care_work(missing: set[tuple[int, int]], windows: list[Window]) -> dict[tuple[str, int, int], int]:
    """(family, school id, window index) → the number of talks, home visits or parent contacts (with a parent)
    of the school's children dated in the window, for the (school, window index) pairs of `missing`. One
    grouped query per family, whatever the number of schools and windows."""
    ids = sorted({pk for pk, _i in missing})
    used = sorted({i for _pk, i in missing})
    span = Period(min(windows[i].period.start for i in used), max(windows[i].period.end for i in used))
    which = Case(
        *[When(date__range=(windows[i].period.start, windows[i].period.end), then=Value(i)) for i in used],
        default=Value(-1),
        output_field=IntegerField(),
    )
    families = {
        "talks": records_in(Talk, ids, span),
        "visits": records_in(HomeVisit, ids, span),
        "contacts": parent_contacts_in(ids, span),
    }
    counts = {}
    for key, records in families.items():
        rows = records.order_by().annotate(window=which).values("child__school_id", "window").annotate(n=Count("pk"))
        for row in rows:
            if (row["child__school_id"], row["window"]) in missing:
                counts[(key, row["child__school_id"], row["window"])] = row["n"]
    return counts


def is_open(w: Window, today=None) -> bool:
    """Whether the window is still being collected: today lies in its period."""
    today = today or timezone.localdate()
    return w.period.start <= today <= w.period.end


def window_rollup(district: District, w: Window, *, today=None) -> Rollup:
    """The schools' submitted monthly reports for a window (the latest submitted version of each). 2 queries.

    While the window is open, a school without a submitted version standing (none, or the latest returned)
    gets its figures computed live from its records, marked provisional: 9 more queries whatever the number
    of schools (reports.figures.by_school)."""
    schools = list(School.objects.filter(district=district).order_by("code"))
    chosen: dict[int, tuple[dict, object]] = {}
    reports = MonthlyReport.objects.filter(
        school__district=district, year=w.year, month=w.month, submitted_at__isnull=False
    ).order_by("version")
    for report in reports:
        chosen[report.school_id] = (report.snapshot, report)
    live = None
    if is_open(w, today):
        chosen = {pk: pair for pk, pair in chosen.items() if not pair[1].is_returned}
        waiting = [school for school in schools if school.pk not in chosen]
        live = by_school(waiting, w.period) if waiting else {}
        title = _("Monthly reports %(month)s (window still open)") % {"month": w.key}
    else:
        title = _("Monthly reports %(month)s") % {"month": w.key}
    return _build(district, str(title), schools, chosen, live)


def semester_rollup(district: District, school_year: int, term: int) -> Rollup:
    """The schools' signed semester summaries (the latest signed version of each). 2 queries."""
    schools = list(School.objects.filter(district=district).order_by("code"))
    chosen: dict[int, tuple[dict, object]] = {}
    summaries = (
        SemesterSummary.objects.filter(
            school__district=district,
            semester__school_year=school_year,
            semester__term=term,
            signed_at__isnull=False,
        )
        .select_related("semester")
        .order_by("version")
    )
    for summary in summaries:
        chosen[summary.school_id] = (summary.snapshot, summary)
    title = _("Semester summaries %(year)s–%(next)s, term %(term)s") % {
        "year": school_year,
        "next": school_year + 1,
        "term": term,
    }
    return _build(district, str(title), schools, chosen)


def _charts(rollup: Rollup) -> dict:
    """ECharts series for reports/dashboard.js: LBC by school (both registers) and coverage by school."""
    names = [row.school.name for row in rollup.rows]
    index = {key: i for i, (key, _l, _k) in enumerate(COLUMNS)}

    def counts(key):
        return [row.values[index[key]] or 0 for row in rollup.rows]

    def rates(key):
        values = [row.values[index[key]] for row in rollup.rows]
        return [float(v.rate) if v is not None and v.rate is not None else None for v in values]

    return {
        "lbcBySchool": {
            "title": str(_("Left-behind children by school")),
            "categories": names,
            "series": [
                {"name": str(COLUMNS[1][1]), "data": counts("edu_total")},
                {"name": str(LABELS["civil"]), "data": counts("civil")},
            ],
        },
        "coverageBySchool": {
            "title": str(_("Coverage by school (%)")),
            "categories": names,
            "max": 100,
            "series": [
                {"name": str(label), "data": rates(key)}
                for key, label, _kind in COLUMNS
                if key in ("pairing", "talk_coverage", "visit_coverage", "contact_coverage")
            ],
        },
    }
