"""Measure the reporting rates of the levels above the county (reports.levels.area_reporting, which calls
reports.rates.count_reports) at a province's size on PostgreSQL, beside a hand-written SQL of the same counts.

Run from the project root, with PostgreSQL running:
    .venv/bin/python bench/level_reporting.py [--prefectures 20] [--counties 9] [--schools 111] [--runs 7]

Creates a scratch database (shouwang_bench_levels_<pid>, dropped at the end), a province of `--prefectures`
prefectures of `--counties` counties of `--schools` schools (default 20 × 9 × 111 = 19,980 schools), and
12 months of monthly reports written with bulk_create: one school in ten submitting late, one in twenty
never, one in twenty returned and resubmitted; one school in ten started in November; one county in nine
with report day 15, one in nine marking December not due. Times, `--runs` times each, the month of
December 2026 at the province (grouped by prefecture), a prefecture (by county) and a county (by school):
- reports.levels.area_reporting (3 queries),
- reports.levels.level_rollup (the whole roll-up with its reporting: 7 or 8 queries),
- the hand-written SQL: the first submission of each report, grouped by the unit, and the schools expected
  (default settings only: a floor, not the same rule).
Prints the queries, medians and the ratio.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RAW = """
SELECT d.prefecture_id AS unit, COUNT(*) AS reported,
       SUM(CASE WHEN (r.first_at AT TIME ZONE 'Asia/Shanghai')::date <= r.due_on THEN 1 ELSE 0 END) AS on_time
FROM (SELECT school_id, MIN(due_on) AS due_on, MIN(submitted_at) AS first_at
      FROM reports_monthlyreport
      WHERE year = 2026 AND month = 12 AND submitted_at IS NOT NULL
      GROUP BY school_id) r
JOIN organisation_school s ON s.id = r.school_id
JOIN organisation_district d ON d.id = s.district_id
JOIN organisation_prefecture p ON p.id = d.prefecture_id
WHERE p.province_id = %s AND s.reporting_from <= DATE '2026-12-21'
GROUP BY d.prefecture_id
"""
RAW_EXPECTED = """
SELECT d.prefecture_id, COUNT(*) FROM organisation_school s
JOIN organisation_district d ON d.id = s.district_id JOIN organisation_prefecture p ON p.id = d.prefecture_id
WHERE p.province_id = %s AND s.reporting_from <= DATE '2026-12-21' GROUP BY d.prefecture_id
"""


def median_ms(fn, runs: int) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def build(prefectures: int, counties: int, schools: int) -> int:
    from organisation.models import District, Prefecture, Province, School, User
    from organisation.roles import Role
    from reports.models import DistrictReportSettings, MonthlyReport
    from reports.monthly import window

    shanghai = ZoneInfo("Asia/Shanghai")
    province = Province.objects.create(name="川南省", code="510000")
    submitter = User.objects.create(username="bench", full_name="bench", role=Role.PROVINCE_OFFICER, province=province)
    Prefecture.objects.bulk_create(
        Prefecture(province=province, name=f"市{p}", code=f"51{p:02d}00") for p in range(prefectures)
    )
    districts = []
    for prefecture in Prefecture.objects.filter(province=province):
        districts += [
            District(prefecture=prefecture, name=f"{prefecture.name}县{c}", code=f"{prefecture.code[:4]}{c:02d}")
            for c in range(counties)
        ]
    District.objects.bulk_create(districts)
    districts = list(District.objects.filter(prefecture__province=province).order_by("code"))
    day_of = {}
    for n, district in enumerate(districts):
        if n % 9 == 1:
            DistrictReportSettings.objects.create(district=district, report_day=15)
        elif n % 9 == 2:
            DistrictReportSettings.objects.create(district=district, months_not_due=["2026-12"])
        day_of[district.pk] = 15 if n % 9 == 1 else 22
    rows = []
    for district in districts:
        for s in range(schools):
            started = date(2026, 11, 1) if s % 10 == 3 else date(2000, 1, 1)
            rows.append(
                School(
                    district=district,
                    name=f"{district.name}校{s}",
                    code=f"{district.code}{s:04d}",
                    reporting_from=started,
                )
            )
    School.objects.bulk_create(rows, batch_size=5000)
    reports = []
    n = 0
    for school in School.objects.filter(district__prefecture__province=province).only("pk", "district_id"):
        n += 1
        day = day_of[school.district_id]
        for month in range(1, 13):
            year = 2026
            w = window(year, month, day)
            if n % 20 == 7:
                continue  # never submits
            late = timedelta(days=3) if n % 10 == 5 else timedelta(days=-1)
            first = datetime.combine(w.due_on + late, clock(10), tzinfo=shanghai)
            common = dict(
                school_id=school.pk,
                year=year,
                month=month,
                period_start=w.period.start,
                period_end=w.period.end,
                due_on=w.due_on,
                snapshot={"rows": []},
                submitted_by=submitter,
            )
            if n % 20 == 11:
                reports.append(
                    MonthlyReport(
                        **common,
                        version=1,
                        submitted_at=first,
                        returned_at=first + timedelta(days=1),
                        returned_by=submitter,
                    )
                )
                reports.append(MonthlyReport(**common, version=2, submitted_at=first + timedelta(days=4)))
            else:
                reports.append(MonthlyReport(**common, version=1, submitted_at=first))
        if len(reports) > 20000:
            MonthlyReport.objects.bulk_create(reports)
            reports = []
    MonthlyReport.objects.bulk_create(reports)
    return province.pk


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prefectures", type=int, default=20)
    parser.add_argument("--counties", type=int, default=9)
    parser.add_argument("--schools", type=int, default=111)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    args = parser.parse_args()
    name = f"shouwang_bench_levels_{os.getpid()}"
    subprocess.run(["createdb", name], check=True)
    os.environ["DATABASE_URL"] = f"postgres:///{name}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from organisation.models import District, Prefecture, School
        from reports.levels import DISTRICT, PREFECTURE, PROVINCE, Area, area_reporting, level_rollup
        from reports.models import MonthlyReport
        from reports.rates import Counts

        call_command("migrate", verbosity=0)
        start = time.perf_counter()
        province_pk = build(args.prefectures, args.counties, args.schools)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(
            f"built {School.objects.count()} schools, {MonthlyReport.objects.count()} report versions "
            f"in {time.perf_counter() - start:.0f} s"
        )
        from organisation.models import Province

        prefecture = Prefecture.objects.filter(province_id=province_pk).order_by("code").first()
        county = District.objects.filter(prefecture=prefecture).order_by("code").first()
        areas = [
            ("province", Area(PROVINCE, Province.objects.get(pk=province_pk))),
            ("prefecture", Area(PREFECTURE, prefecture)),
            ("county", Area(DISTRICT, county)),
        ]

        def raw():
            with connection.cursor() as cursor:
                cursor.execute(RAW, [province_pk])
                cursor.fetchall()
                cursor.execute(RAW_EXPECTED, [province_pk])
                cursor.fetchall()

        raw_ms = median_ms(raw, args.runs)
        for label, area in areas:
            with CaptureQueriesContext(connection) as queries:
                counts = area_reporting(area, 2026, 12)
            total = sum(counts.values(), Counts())
            reporting_ms = median_ms(lambda a=area: area_reporting(a, 2026, 12), args.runs)
            with CaptureQueriesContext(connection) as rollup_queries:
                level_rollup(area, 2026, 12)
            rollup_ms = median_ms(lambda a=area: level_rollup(a, 2026, 12), args.runs)
            print(
                f"{label:10} {len(counts):4} units, expected {total.expected}, reported {total.reported}, on time "
                f"{total.on_time}: area_reporting {len(queries)} queries {reporting_ms:.0f} ms; level_rollup "
                f"{len(rollup_queries)} queries {rollup_ms:.0f} ms"
            )
        print(f"hand-written SQL (province, by prefecture, 2 queries): {raw_ms:.0f} ms")
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            subprocess.run(["dropdb", name], check=True)


if __name__ == "__main__":
    main()
