"""Time the area pages of a province of 1.5 million children (issue 24) against the SQL of their numbers.

Run from the project root:

    .venv/bin/python bench/province.py                      # creates postgres:///shouwang_bench_province if missing
    .venv/bin/python bench/province.py --rebuild            # drop the database, create and build it again
    .venv/bin/python bench/province.py --only live          # only the county built through the models

Uses the PostgreSQL database named by --database-url (created with `createdb` when missing, migrated); the
data of an earlier run of the same shape is reused. Builds:

- a province of `--prefectures` prefectures, `--counties` counties and `--schools` schools (bulk_create), with
  officers of the province, its first prefecture and its first county; then in raw SQL (one INSERT … SELECT
  per table: every school crossed with the 12 months already due, about 10 s each) the monthly reports
  (submitted; one school-month in 50 never submitted, one in 100 returned, nine in ten of the rest accepted; a
  minimal snapshot) and their frozen figures (reports.models.MonthlyFigures): 21–131 left-behind children a
  school, from its id, about 1.5 million a month, the other figures consistent with them;
- a small province (1 prefecture, 1 county, 3 schools) with the same officers, to show that the query count
  does not grow with the area;
- through the models (bulk_create as the other benches): a county of `--live-schools` schools and
  `--live-children` children with the open month's care work (two talks each, a parent contact, a home
  visit for one in three, a pairing for four in five), no report submitted: its district page computes every
  school live from the records.

Then, logged in as each officer (force_login), requests each area page `--requests` times, interleaved with
the one hand-written grouped SQL statement that computes the page's numbers (a request, then the SQL), and
prints per page the queries of one request (CaptureQueriesContext), the median page and SQL time and their
ratio, after checking that the page's totals row (as rendered) equals the SQL's sums. The same for the live
county: reports.district.window_rollup of the open window and the district roll-up page that shows it,
against one grouped SQL statement of the same figures.
"""

import argparse
import logging
import os
import re
import statistics
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PROVINCE_CODE, SMALL_CODE, LIVE_CODE = "BENCH-P", "BENCH-S", "BENCH-L"

# The frozen figures of every report of the big province, computed from the school's id and the month: n, the
# left-behind children of a school, is 21–131 (mean 76), so 20,000 schools hold 1.5 million; the other figures
# are consistent with it (types add up to n, coverage never above 100 %); a school in ten has no children's home
# figure (NULL: it counts in no total).
_FIGURES_SQL = """
INSERT INTO reports_monthlyfigures (
  school_id, district_id, year, month, report_id, submitted_on, due_on, returned, accepted, written_at,
  lbc, edu_single, edu_double, civil, type_both_away, type_father_away, type_mother_away,
  type_one_away_other_unable, new, "left", talks, visits, contacts, activities, childrens_home,
  attention_act_now, attention_close, attention_reminder, safety_events, safety_living_alone, safety_missing,
  safety_harm, safety_other, safety_open, filing_n, filing_d, pairing_n, pairing_d, talk_coverage_n,
  talk_coverage_d, visit_coverage_n, visit_coverage_d, contact_coverage_n, contact_coverage_d, compliance_n,
  compliance_d, assistance_total)
SELECT school_id, district_id, year, month, report_id, submitted_on, due_on, returned, accepted, now(),
  n, n - d - n / 20, d, d + n / 20, d, (n - d - n / 20) * 3 / 5, (n - d - n / 20) - (n - d - n / 20) * 3 / 5,
  n / 20, (k + month) %% 3, (k + month) %% 2, 2 * n + k %% 7, n / 3, n + k %% 5, 2 + k %% 4,
  CASE WHEN k %% 10 = 0 THEN NULL ELSE n / 2 END,
  k %% 2, n / 15, n / 6, (k + month) / 40 - (k + month - 1) / 40, (k + month) / 40 - (k + month - 1) / 40, 0,
  0, 0, 0, n - k %% 3, n, n - k %% 4, n, n - k %% 5, n, n / 3, n, n - k %% 2, n, 6 * n - k %% 9, 6 * n,
  (k %% 5) * 300.50
FROM (
  SELECT r.school_id, s.district_id, r.year, r.month, r.id AS report_id, r.due_on,
    (r.submitted_at AT TIME ZONE 'Asia/Shanghai')::date AS submitted_on,
    r.returned_at IS NOT NULL AS returned, r.accepted_at IS NOT NULL AS accepted,
    s.id AS k, 21 + (s.id * 41 + r.month %% 2) %% 111 AS n, (21 + (s.id * 41 + r.month %% 2) %% 111) * 2 / 5 AS d
  FROM reports_monthlyreport r JOIN organisation_school s ON s.id = r.school_id
  WHERE s.district_id = ANY(%(districts)s)
) x
"""

_REPORTS_SQL = """
INSERT INTO reports_monthlyreport (
  school_id, year, month, version, period_start, period_end, due_on, snapshot, submitted_at, submitted_by_id,
  returned_at, returned_by_id, return_comment, warning_reason, accepted_at, accepted_by_id, created_at, updated_at)
SELECT s.id, m.year, m.month, 1, m.period_start, m.period_end, m.due_on, '{"rows": [], "items": 2}'::jsonb,
  (m.due_on - (s.id %% 3)::int)::timestamp AT TIME ZONE 'Asia/Shanghai' + interval '10 hours', %(principal)s,
  CASE WHEN (s.id + m.month) %% 100 = 7 THEN m.due_on + interval '2 days' END,
  CASE WHEN (s.id + m.month) %% 100 = 7 THEN %(officer)s END,
  CASE WHEN (s.id + m.month) %% 100 = 7 THEN '请补充。' ELSE '' END, '',
  CASE WHEN (s.id + m.month) %% 100 <> 7 AND (s.id + m.month) %% 10 <> 3 THEN m.due_on + interval '5 days' END,
  CASE WHEN (s.id + m.month) %% 100 <> 7 AND (s.id + m.month) %% 10 <> 3 THEN %(officer)s END,
  now(), now()
FROM organisation_school s
CROSS JOIN (SELECT * FROM unnest(%(years)s::int[], %(months)s::int[], %(starts)s::date[], %(ends)s::date[],
  %(dues)s::date[]) AS t(year, month, period_start, period_end, due_on)) m
WHERE s.district_id = ANY(%(districts)s) AND (s.id * 7 + m.month) %% 50 <> 0
"""

# One statement per area page: per unit below, the schools, the reports submitted and accepted and the sum of
# every column of the frozen figures for the month. {unit} is the unit of the level below, {area} the filter.
_FIELDS_PLACEHOLDER = "{sums}"
_AREA_SQL = """
WITH units AS (
  SELECT {unit} AS unit, count(*) AS schools FROM organisation_school s
    JOIN organisation_district d ON d.id = s.district_id LEFT JOIN organisation_prefecture p ON p.id = d.prefecture_id
  WHERE {area} GROUP BY 1
), sums AS (
  SELECT {unit} AS unit, count(*) AS submitted, count(*) FILTER (WHERE f.accepted) AS accepted, {sums}
  FROM reports_monthlyfigures f JOIN organisation_school s ON s.id = f.school_id
    JOIN organisation_district d ON d.id = f.district_id LEFT JOIN organisation_prefecture p ON p.id = d.prefecture_id
  WHERE f.year = %(year)s AND f.month = %(month)s AND {area} GROUP BY 1
)
SELECT u.unit, u.schools, sums.* FROM units u LEFT JOIN sums ON sums.unit = u.unit
"""
# The page's reporting section, per unit below: the schools that owe the month's report (started by the window's
# end, not closed before its due day), the first versions submitted, and those submitted by the due day. A floor:
# every district asks the defaults here (no month marked not due), and a report's first version is version 1.
_REPORTING_SQL = """
WITH due AS (
  SELECT {unit} AS unit, count(*) AS expected FROM organisation_school s
    JOIN organisation_district d ON d.id = s.district_id LEFT JOIN organisation_prefecture p ON p.id = d.prefecture_id
  WHERE {area} AND s.reporting_from <= %(end)s AND (s.reporting_until IS NULL OR s.reporting_until >= %(due)s)
  GROUP BY 1
), firsts AS (
  SELECT {unit} AS unit, count(*) AS reported,
    count(*) FILTER (WHERE (r.submitted_at AT TIME ZONE 'Asia/Shanghai')::date <= r.due_on) AS on_time
  FROM reports_monthlyreport r JOIN organisation_school s ON s.id = r.school_id
    JOIN organisation_district d ON d.id = s.district_id LEFT JOIN organisation_prefecture p ON p.id = d.prefecture_id
  WHERE r.year = %(year)s AND r.month = %(month)s AND r.version = 1 AND r.submitted_at IS NOT NULL AND {area}
    AND s.reporting_from <= %(end)s AND (s.reporting_until IS NULL OR s.reporting_until >= %(due)s)
  GROUP BY 1
)
SELECT due.unit, due.expected, coalesce(firsts.reported, 0) AS reported, coalesce(firsts.on_time, 0) AS on_time
FROM due LEFT JOIN firsts ON firsts.unit = due.unit
"""

_LEVEL_SQL = {
    "province": ("d.prefecture_id", "p.province_id = %(pk)s"),
    "prefecture": ("s.district_id", "d.prefecture_id = %(pk)s"),
    "district": ("s.id", "s.district_id = %(pk)s"),
}

# The live county's figures of the open window per school, from the records (no status history, no key-help
# or children's-home data in this county): LBC of P and its types, new (identified in the window: the county's
# first period starts with its first record, before the window), left (none: no status changes), filing,
# pairing and the three coverage rates, talks, visits, parent contacts, activities, assistance, safety events.
_LIVE_SQL = """
WITH kids AS (
  SELECT c.id, c.school_id, c.left_behind_type AS t, c.birth_date, c.identified_on,
    c.name <> '' AND c.gender <> '' AND c.birth_date IS NOT NULL AND c.id_number <> '' AND c.address <> ''
      AND c.left_behind_type <> '' AND c.study_level <> '' AND c.personality <> '' AND c.hobbies <> ''
      AND EXISTS (SELECT 1 FROM guardians_guardian g WHERE g.child_id = c.id)
      AND EXISTS (SELECT 1 FROM guardians_parent p WHERE p.child_id = c.id AND p.phone <> '' AND p.work_city <> '')
      AS complete
  FROM children_child c JOIN organisation_school s ON s.id = c.school_id
  WHERE s.district_id = %(district)s AND c.deleted_at IS NULL AND c.status = 'active'
    AND c.identified_on <= %(end)s
), talks AS (
  SELECT t.child_id, count(*) AS n FROM pairing_talk t JOIN kids k ON k.id = t.child_id
  WHERE t.date BETWEEN %(start)s AND %(end)s GROUP BY 1
), visits AS (
  SELECT v.child_id, count(*) AS n FROM pairing_homevisit v JOIN kids k ON k.id = v.child_id
  WHERE v.date BETWEEN %(start)s AND %(end)s GROUP BY 1
), contacts AS (
  SELECT p.child_id, count(*) AS n, bool_or(p.reached) AS reached
  FROM guardians_parentcontact p JOIN kids k ON k.id = p.child_id
  WHERE p.counterpart = 'parent' AND p.date BETWEEN %(start)s AND %(end)s GROUP BY 1
), paired AS (
  SELECT DISTINCT p.child_id FROM pairing_pairing p JOIN kids k ON k.id = p.child_id
  WHERE p.start_date <= %(end)s AND (p.end_date IS NULL OR p.end_date >= %(end)s)
)
SELECT k.school_id, count(*) AS lbc,
  count(*) FILTER (WHERE k.t <> '' AND k.t <> 'both_away') AS edu_single,
  count(*) FILTER (WHERE k.t = 'both_away') AS edu_double,
  count(*) FILTER (WHERE k.t IN ('both_away', 'one_away_other_unable') AND k.birth_date > %(sixteen)s) AS civil,
  count(*) FILTER (WHERE k.t = 'both_away') AS type_both_away,
  count(*) FILTER (WHERE k.t = 'father_away') AS type_father_away,
  count(*) FILTER (WHERE k.t = 'mother_away') AS type_mother_away,
  count(*) FILTER (WHERE k.t = 'one_away_other_unable') AS type_one_away_other_unable,
  count(*) FILTER (WHERE k.identified_on >= %(start)s) AS new,
  count(*) FILTER (WHERE k.complete) AS filing_n,
  count(pr.child_id) AS pairing_n,
  count(t.child_id) AS talk_coverage_n, count(v.child_id) AS visit_coverage_n,
  count(*) FILTER (WHERE pc.reached) AS contact_coverage_n,
  coalesce(sum(t.n), 0) AS talks, coalesce(sum(v.n), 0) AS visits, coalesce(sum(pc.n), 0) AS contacts
FROM kids k LEFT JOIN talks t ON t.child_id = k.id LEFT JOIN visits v ON v.child_id = k.id
  LEFT JOIN contacts pc ON pc.child_id = k.id LEFT JOIN paired pr ON pr.child_id = k.id
GROUP BY k.school_id
"""
# The district page's chart of care work by month (reports.district.care_work_by_month): talks, home visits and
# parent contacts of the county's children per window of the last six, none submitted so all counted live.
_CARE_WORK_SQL = """
WITH w AS (SELECT * FROM unnest(%(keys)s::text[], %(starts)s::date[], %(ends)s::date[]) AS w(key, lo, hi)),
kids AS (
  SELECT c.id FROM children_child c JOIN organisation_school s ON s.id = c.school_id
  WHERE s.district_id = %(district)s AND c.deleted_at IS NULL
), work AS (
  SELECT 'talks' AS family, t.date FROM pairing_talk t JOIN kids k ON k.id = t.child_id
  UNION ALL SELECT 'visits', v.date FROM pairing_homevisit v JOIN kids k ON k.id = v.child_id
  UNION ALL SELECT 'contacts', p.date FROM guardians_parentcontact p JOIN kids k ON k.id = p.child_id
    WHERE p.counterpart = 'parent'
)
SELECT work.family, w.key, count(*) FROM work JOIN w ON work.date BETWEEN w.lo AND w.hi GROUP BY 1, 2
"""
_LIVE_COLUMNS = [
    "lbc",
    "edu_single",
    "edu_double",
    "civil",
    "type:both_away",
    "type:father_away",
    "type:mother_away",
    "type:one_away_other_unable",
    "new",
    "filing",
    "pairing",
    "talk_coverage",
    "visit_coverage",
    "contact_coverage",
    "talks",
    "visits",
    "contacts",
]


def elapsed_ms(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def ensure_database(url: str, rebuild: bool) -> None:
    """Create the database when missing (drop it first with --rebuild)."""
    name = urlparse(url).path.lstrip("/")
    exists = subprocess.run(
        ["psql", "-d", "postgres", "-tAc", f"SELECT 1 FROM pg_database WHERE datname = '{name}'"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    if exists and rebuild:
        subprocess.run(["dropdb", name], check=True)
        exists = ""
    if not exists:
        subprocess.run(["createdb", name], check=True)
        print(f"created database {name}")


def months_built(today):
    """The 12 months already due before the open window, oldest first."""
    from reports.monthly import previous_window, window_of

    months = [previous_window(window_of(today, 22), 22)]
    while len(months) < 12:
        months.append(previous_window(months[-1], 22))
    return months[::-1]


def build_province(args, today) -> None:
    from django.db import connection, transaction

    from organisation.models import District, Prefecture, Province, School, User
    from organisation.roles import Role

    months = months_built(today)
    with transaction.atomic():
        for code, name, prefectures, counties, schools in (
            (PROVINCE_CODE, "川中省", args.prefectures, args.counties, args.schools),
            (SMALL_CODE, "小省", 1, 1, 3),
        ):
            province = Province.objects.create(name=name, code=code)
            pref = Prefecture.objects.bulk_create(
                Prefecture(province=province, name=f"{name}第{p + 1}市", code=f"{code}-{p:02d}")
                for p in range(prefectures)
            )
            districts = District.objects.bulk_create(
                District(prefecture=pref[c % prefectures], name=f"{name}第{c + 1}县", code=f"{code}-{c:03d}")
                for c in range(counties)
            )
            School.objects.bulk_create(
                (
                    School(
                        district=districts[i % counties],
                        name=f"{name}第{i + 1}小学",
                        code=f"{code}-{i:05d}",
                        reporting_from=months[0].period.start - timedelta(days=365),
                    )
                    for i in range(schools)
                ),
                batch_size=5000,
            )
            suffix = "" if code == PROVINCE_CODE else "_small"
            first_district = min(districts, key=lambda d: d.code)
            first_prefecture = min(pref, key=lambda p: p.code)
            for username, role, unit in (
                ("province", Role.PROVINCE_OFFICER, {"province": province}),
                ("prefecture", Role.PREFECTURE_OFFICER, {"prefecture": first_prefecture}),
                ("county", Role.DISTRICT_OFFICER, {"district": first_district}),
            ):
                User.objects.create_user(username + suffix, full_name="王主任", role=role, **unit)
            if code == PROVINCE_CODE:
                principal = User.objects.create_user(
                    "principal", full_name="杨校长", role=Role.PRINCIPAL, school=School.objects.order_by("pk").first()
                )
                officer = User.objects.get(username="county")
        params = {
            "principal": principal.pk,
            "officer": officer.pk,
            "districts": list(
                District.objects.filter(prefecture__province__code__in=[PROVINCE_CODE, SMALL_CODE]).values_list(
                    "pk", flat=True
                )
            ),
            "years": [w.year for w in months],
            "months": [w.month for w in months],
            "starts": [w.period.start for w in months],
            "ends": [w.period.end for w in months],
            "dues": [w.due_on for w in months],
        }
        with connection.cursor() as cursor:
            begin = time.perf_counter()
            cursor.execute(_REPORTS_SQL, params)
            print(f"  {cursor.rowcount} monthly reports in {time.perf_counter() - begin:.0f} s", flush=True)
            begin = time.perf_counter()
            cursor.execute(_FIGURES_SQL, params)
            print(f"  {cursor.rowcount} frozen figures rows in {time.perf_counter() - begin:.0f} s", flush=True)


def build_live_county(args, today) -> None:
    """A county of `--live-schools` schools built through the models, with the open window's care work."""
    from children.models import Child, LeftBehindType
    from guardians.models import Guardian, Parent, ParentContact
    from organisation.models import District, School, SchoolClass, User
    from organisation.roles import Role
    from pairing.models import Carer, CarerKind, HomeVisit, Pairing, Talk
    from reports.monthly import window_of

    now = window_of(today, 22)
    span = (today - now.period.start).days + 1
    district = District.objects.create(name="青山县", code=LIVE_CODE)
    User.objects.create_user("county_live", full_name="罗主任", role=Role.DISTRICT_OFFICER, district=district)
    schools = School.objects.bulk_create(
        School(district=district, name=f"青山第{s + 1}小学", code=f"{LIVE_CODE}-{s:04d}")
        for s in range(args.live_schools)
    )
    classes = SchoolClass.objects.bulk_create(
        SchoolClass(school=school, grade=g, number=1) for school in schools for g in range(1, 7)
    )
    carers = Carer.objects.bulk_create(
        Carer(school=school, name=f"爱心妈妈{s}", kind=CarerKind.LOVING_MOTHER) for s, school in enumerate(schools)
    )
    per_school = args.live_children // args.live_schools
    types = [
        LeftBehindType.BOTH_AWAY,
        LeftBehindType.FATHER_AWAY,
        LeftBehindType.MOTHER_AWAY,
        LeftBehindType.ONE_AWAY_OTHER_UNABLE,
    ]
    children = Child.objects.bulk_create(
        (
            Child(
                school=school,
                school_class=classes[s * 6 + i % 6],
                name=f"儿童{s}-{i}",
                gender="MF"[i % 2],
                birth_date=today - timedelta(days=2500 + 7 * i),
                left_behind_type=types[i % 4],
                identified_on=now.period.start + timedelta(days=1) if i % 50 == 7 else today - timedelta(days=400),
                id_number=f"5227{s:04d}{i:06d}" if i % 3 else "",
                address="青山镇",
                study_level="good",
                personality="开朗",
                hobbies="画画",
            )
            for s, school in enumerate(schools)
            for i in range(per_school)
        ),
        batch_size=5000,
    )
    Guardian.objects.bulk_create(
        (Guardian(child=c, name="奶奶", relation=Guardian.Relation.GRANDMOTHER) for c in children[::2]), batch_size=5000
    )
    Parent.objects.bulk_create(
        (
            Parent(child=c, name="父亲", relation=Parent.Relation.FATHER, phone="13800000000", work_city="广州")
            for c in children
        ),
        batch_size=5000,
    )
    carer_of = {carer.school_id: carer for carer in carers}
    Pairing.objects.bulk_create(
        (
            Pairing(
                child=c,
                carer=carer_of[c.school_id],
                kind=CarerKind.LOVING_MOTHER,
                start_date=today - timedelta(days=300),
            )
            for i, c in enumerate(children)
            if i % 5
        ),
        batch_size=5000,
    )
    Talk.objects.bulk_create(
        (
            Talk(child=c, date=now.period.start + timedelta(days=(k * 7 + c.pk % 5) % span))
            for c in children
            for k in (0, 2)
        ),
        batch_size=5000,
    )
    ParentContact.objects.bulk_create(
        (ParentContact(child=c, date=today, reached=c.pk % 7 != 0) for c in children), batch_size=5000
    )
    HomeVisit.objects.bulk_create((HomeVisit(child=c, date=now.period.start) for c in children[::3]), batch_size=5000)


def totals_cells(html: str) -> list[str]:
    """The cells of the rendered totals row (tfoot), whitespace collapsed."""
    row = re.search(r'data-testid="totals">(.*?)</tr>', html, re.S).group(1)
    return [re.sub(r"\s+", " ", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]


def reporting_sql(level: str) -> str:
    unit, area = _LEVEL_SQL[level]
    return _REPORTING_SQL.format(unit=unit, area=area)


def reporting_cells(html: str) -> tuple[str, str]:
    """The reports due and submitted of the rendered reporting totals row."""
    row = re.search(r'data-testid="reporting-totals">(.*?)</tr>', html, re.S).group(1)
    cells = dict(re.findall(r'<td[^>]*data-testid="([a-z-]+)"[^>]*>(.*?)</td>', row, re.S))
    return cells["expected"].strip(), cells["reported"].strip()


def area_sql(level: str) -> str:
    from reports.monthly_figures import FIELDS

    unit, area = _LEVEL_SQL[level]
    sums = ", ".join(f"sum(f.{name}) AS {name}" for name in FIELDS).replace("f.left", 'f."left"')
    sums = sums.replace("AS left", 'AS "left"')
    return _AREA_SQL.format(unit=unit, area=area, sums=sums)


def sql_totals(rows: list[dict], level: str) -> list[str]:
    """The totals row as the page writes it, from the SQL's rows: schools, submitted, accepted, (an empty
    approval cell above the county), then every roll-up column."""
    from reports.district import COLUMNS, display
    from reports.levels import LevelRow, totals_of
    from reports.monthly_figures import column_value

    # The SQL's per-unit sums, added up; each column as the page defines it (column_value, totals = Σ).
    levels = [
        LevelRow(
            unit=None,
            values=[column_value(row, key, kind) if row["submitted"] else None for key, _l, kind in COLUMNS],
            schools=row["schools"],
            submitted=row["submitted"] or 0,
            accepted=row["accepted"] or 0,
        )
        for row in rows
    ]
    totals = totals_of(levels)
    cells = [str(totals.schools), str(totals.submitted), str(totals.accepted)]
    if level != "district":
        cells.append("")
    return cells + [display(v) for v in totals.values]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="postgres:///shouwang_bench_province")
    parser.add_argument("--rebuild", action="store_true", help="drop the database, create it and build again")
    parser.add_argument("--prefectures", type=int, default=20)
    parser.add_argument("--counties", type=int, default=180)
    parser.add_argument("--schools", type=int, default=20000)
    parser.add_argument("--live-schools", type=int, default=400)
    parser.add_argument("--live-children", type=int, default=30000)
    parser.add_argument("--requests", type=int, default=9)
    parser.add_argument("--only", help="measure only the pages whose label contains this")
    parser.add_argument("--profile", help="profile one request of the page whose label contains this")
    args = parser.parse_args()

    ensure_database(args.database_url, args.rebuild)
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.core.signals import request_started
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.urls import reverse
    from django.utils import timezone

    setup_test_environment()
    logging.getLogger("django.request").setLevel(logging.ERROR)  # the floor's 404s are expected
    request_started.disconnect(reset_queries)  # keep the whole request's queries
    call_command("migrate", verbosity=0)

    from children.models import Child
    from organisation.models import District, School, User
    from reports.district import COLUMNS, display, window_rollup
    from reports.figures import _sixteenth_birthday_before
    from reports.models import MonthlyFigures
    from reports.monthly import previous_window, window_of

    today = timezone.localdate()
    months = months_built(today)
    last = months[-1]
    province_schools = School.objects.filter(district__prefecture__province__code=PROVINCE_CODE).count()
    if province_schools != args.schools:
        if province_schools:
            sys.exit("the database holds another province: run again with --rebuild")
        begin = time.perf_counter()
        print(f"building a province of {args.schools} schools, 12 months ({months[0].key}…{last.key})…", flush=True)
        build_province(args, today)
        print(f"built in {time.perf_counter() - begin:.0f} s", flush=True)
    live = District.objects.filter(code=LIVE_CODE).first()
    if live is None:
        begin = time.perf_counter()
        print(f"building a county of {args.live_schools} schools, {args.live_children} children…", flush=True)
        build_live_county(args, today)
        live = District.objects.get(code=LIVE_CODE)
        print(f"built in {time.perf_counter() - begin:.0f} s", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    figures = MonthlyFigures.objects.filter(
        year=last.year, month=last.month, district__prefecture__province__code=PROVINCE_CODE
    )
    lbc = sum(figures.values_list("lbc", flat=True))
    live_children = Child.objects.filter(school__district=live).count()
    print(
        f"{province_schools or args.schools} schools, {MonthlyFigures.objects.count()} frozen figures rows; "
        f"{last.key}: {figures.count()} reports, {lbc} left-behind children; live county: "
        f"{School.objects.filter(district=live).count()} schools, {live_children} children; "
        f"today {today}"
    )
    with open("/proc/loadavg") as load:
        print(f"load average {load.read().split()[:3]} at {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")

    pages = []
    for suffix, what in (("", ""), ("_small", " (small)")):
        for username, level in (("province", "province"), ("prefecture", "prefecture"), ("county", "district")):
            user = User.objects.get(username=username + suffix)
            unit = {"province": user.province, "prefecture": user.prefecture, "district": user.district}[level]
            pages.append((f"{level} page{what}", user, level, unit.pk))

    header = f"{'page':<26} {'units':>5} {'queries':>7} {'in SQL':>7} {'page ms':>8} {'SQL ms':>7} {'ratio':>6}"
    print(header + f" {'floor ms':>8} {'(page-floor)/SQL':>16}")
    for label, user, level, pk in pages:
        if args.only and args.only not in label:
            continue
        client = Client()
        client.force_login(user)
        url = reverse("reports:area", args=[level, pk]) + f"?month={last.key}"
        statement, reporting = area_sql(level), reporting_sql(level)
        params = {"year": last.year, "month": last.month, "pk": pk, "end": last.period.end, "due": last.due_on}

        def run(statement=statement, reporting=reporting, params=params):
            with connection.cursor() as cursor:
                cursor.execute(statement, params)
                names = [c.name for c in cursor.description]
                rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
                cursor.execute(reporting, params)
                run.reporting = cursor.fetchall()
                return rows

        response = client.get(url)  # warm up
        assert response.status_code == 200, (url, response.status_code)
        rows = run()
        page_cells, sql_cells = totals_cells(response.content.decode()), sql_totals(rows, level)
        assert page_cells == sql_cells, (label, page_cells, sql_cells)
        counted = (str(sum(r[1] for r in run.reporting)), str(sum(r[2] for r in run.reporting)))
        assert reporting_cells(response.content.decode()) == counted, (label, counted)
        reset_queries()
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        queries = list(context.captured_queries)  # read from the connection's log: copy it before more requests
        if args.profile and args.profile in label:
            import cProfile
            import pstats

            profile = cProfile.Profile()
            profile.runcall(client.get, url)
            pstats.Stats(profile).sort_stats(os.environ.get("BENCH_SORT", "cumulative")).print_stats(40)
        # The floor: the same officer's request for an area that does not exist (session, user, the 404 page).
        missing = reverse("reports:area", args=[level, 0])
        assert client.get(missing).status_code == 404
        times = {"page": [], "sql": [], "floor": []}
        for _ in range(args.requests):  # interleaved, so load from other work falls on all three alike
            times["page"].append(elapsed_ms(lambda url=url, client=client: client.get(url)))
            times["sql"].append(elapsed_ms(run))
            times["floor"].append(elapsed_ms(lambda missing=missing, client=client: client.get(missing)))
        page_ms, sql_ms, floor_ms = (statistics.median(times[k]) for k in ("page", "sql", "floor"))
        in_sql = sum(float(q["time"]) for q in queries) * 1000
        print(
            f"{label:<26} {len(rows):>5} {len(queries):>7} {in_sql:>7.1f} {page_ms:>8.1f} {sql_ms:>7.1f}"
            f" {page_ms / sql_ms:>5.1f}× {floor_ms:>8.1f} {(page_ms - floor_ms) / sql_ms:>15.1f}×",
            flush=True,
        )
        if os.environ.get("BENCH_SHOW_SQL"):
            for q in queries:
                print(f"    {float(q['time']) * 1000:7.1f} ms  {q['sql'][:200]}")

    if args.only and args.only not in "live county":
        return
    # The live county: the open window's roll-up, every school computed from its records.
    now = window_of(today, 22)
    officer = User.objects.get(username="county_live")
    params = {
        "district": live.pk,
        "start": now.period.start,
        "end": now.period.end,
        "sixteen": _sixteenth_birthday_before(now.period.end),
    }

    def live_sql():
        with connection.cursor() as cursor:
            cursor.execute(_LIVE_SQL, params)
            names = [c.name for c in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    rollup = window_rollup(live, now)
    index = {key: i for i, (key, _l, _k) in enumerate(COLUMNS)}
    rows = live_sql()
    for key in _LIVE_COLUMNS:
        name = key.replace(":", "_")
        page_value = rollup.totals.values[index[key]]
        if key in ("filing", "pairing", "talk_coverage", "visit_coverage", "contact_coverage"):
            sql_value = f"{sum(r[name + '_n'] for r in rows)}/{sum(r['lbc'] for r in rows)}"
            page_value = f"{page_value.numerator}/{page_value.denominator}"
        else:
            sql_value = sum(r[name] for r in rows)
        assert page_value == sql_value, (key, page_value, sql_value)
    print(
        f"live county {now.key} (open): window_rollup totals = the SQL's for {len(_LIVE_COLUMNS)} columns "
        f"({display(rollup.totals.values[0])} LBC, {display(rollup.totals.values[index['talks']])} talks)"
    )
    # The page also charts six months of care work, all counted live (nothing submitted): its SQL is the roll-up's
    # statement and the chart's.
    windows = [now]
    while len(windows) < 6:
        windows.append(previous_window(windows[-1], 22))
    chart_params = {
        "district": live.pk,
        "keys": [w.key for w in windows],
        "starts": [w.period.start for w in windows],
        "ends": [w.period.end for w in windows],
    }

    def chart_sql():
        with connection.cursor() as cursor:
            cursor.execute(_CARE_WORK_SQL, chart_params)
            return {(family, key): n for family, key, n in cursor.fetchall()}

    def page_sql():
        return live_sql(), chart_sql()

    client = Client()
    client.force_login(officer)
    url = reverse("reports:district_rollup") + f"?month={now.key}"
    response = client.get(url)
    assert response.status_code == 200
    chart, counted = response.context["charts"]["careWork"], chart_sql()
    for family, series in zip(("talks", "visits", "contacts"), chart["series"], strict=True):
        expected = [counted.get((family, key), 0) for key in chart["categories"]]
        assert series["data"] == expected, (family, series["data"], expected)
    print(f"the page's chart of care work by month = the SQL's ({len(chart['categories'])} months)")
    reset_queries()
    with CaptureQueriesContext(connection) as context:
        client.get(url)
    page_queries = list(context.captured_queries)
    reset_queries()
    with CaptureQueriesContext(connection) as context:
        window_rollup(live, now)
    rollup_queries = list(context.captured_queries)
    if args.profile and "live" in args.profile:
        import cProfile
        import pstats

        profile = cProfile.Profile()
        profile.runcall(window_rollup, live, now)
        pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
    timings = {"page": [], "page sql": [], "rollup": [], "sql": []}
    for _ in range(args.requests):  # interleaved
        timings["page"].append(elapsed_ms(lambda: client.get(url)))
        timings["page sql"].append(elapsed_ms(page_sql))
        timings["rollup"].append(elapsed_ms(lambda: window_rollup(live, now)))
        timings["sql"].append(elapsed_ms(live_sql))
    page_ms, page_sql_ms, rollup_ms, sql_ms = (
        statistics.median(timings[k]) for k in ("page", "page sql", "rollup", "sql")
    )
    print(f"{'live county':<26} {'units':>5} {'queries':>7} {'in SQL':>7} {'ms':>8} {'SQL ms':>7} {'ratio':>6}")
    for label, queries, ms, baseline in (
        ("window_rollup (open)", rollup_queries, rollup_ms, sql_ms),
        ("district roll-up page", page_queries, page_ms, page_sql_ms),
    ):
        in_sql = sum(float(q["time"]) for q in queries) * 1000
        print(
            f"{label:<26} {len(rows):>5} {len(queries):>7} {in_sql:>7.1f} {ms:>8.1f} {baseline:>7.1f}"
            f" {ms / baseline:>5.1f}×"
        )
        if os.environ.get("BENCH_SHOW_SQL"):
            for q in queries:
                print(f"    {float(q['time']) * 1000:7.1f} ms  {q['sql'][:200]}")


if __name__ == "__main__":
    main()
