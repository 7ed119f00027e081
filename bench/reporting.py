"""Measure the district home's reporting rates (reports/rates.py) at a district's size, beside the raw SQL of the
same numbers.

Run from the project root:  .venv/bin/python bench/reporting.py [--schools 100] [--requests 9]

Builds a scratch SQLite database (never db.sqlite3), a district of
`--schools` schools and the school year's monthly reports up to the last window due, written with
bulk_create: each a version with a snapshot of 60 rows (a real report's size), one school in ten submitting
late, one in twenty never, one in twenty returned and resubmitted; one school in ten started in November and
one in twenty closed in October. Then times, interleaved, `--requests` times each:
- the district officer's home page (the whole request: session, user, the schools' counts, the reports to
  follow up, the rates, the trend and the lists),
- reports.rates.load_reporting with every figure of the page computed from it,
- the raw SQL of the rates: one GROUP BY month query over the first submission of each report.
Prints query counts, medians and the ratios. `--at 2027-07-10` runs late in the school year (10 months).
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from datetime import time as clock
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RAW = """
SELECT r.year, r.month, COUNT(*) AS reported,
       SUM(CASE WHEN date(r.first_at, '+8 hours') <= r.due_on THEN 1 ELSE 0 END) AS on_time
FROM (SELECT school_id, year, month, MIN(due_on) AS due_on, MIN(submitted_at) AS first_at
      FROM reports_monthlyreport
      WHERE submitted_at IS NOT NULL AND school_id IN (SELECT id FROM organisation_school WHERE district_id = %s)
      GROUP BY school_id, year, month) r
GROUP BY r.year, r.month
"""


def median_ms(fn, runs: int) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=100)
    parser.add_argument("--requests", type=int, default=9)
    parser.add_argument("--at", help="run on this day (YYYY-MM-DD, time-machine), e.g. late in the school year")
    parser.add_argument("--profile", action="store_true", help="profile the figures once and print where time goes")
    parser.add_argument("--profile-page", action="store_true", help="with --profile: the whole page, not the figures")
    args = parser.parse_args()
    if args.at:
        import time_machine

        time_machine.travel(datetime.fromisoformat(args.at + "T10:00:00+08:00"), tick=True).start()

    scratch = Path(tempfile.mkdtemp(prefix="shouwang-bench-")) / "bench.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{scratch}"  # the raw SQL below is SQLite's (date arithmetic)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.core.signals import request_started
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.utils import timezone

    setup_test_environment()
    request_started.disconnect(reset_queries)
    call_command("migrate", verbosity=0)

    from organisation.models import District, School, User
    from organisation.roles import Role
    from reports import rates
    from reports.models import MonthlyReport
    from reports.monthly import window, window_of

    today = timezone.localdate()
    current = window_of(today, 22)
    months = rates.school_year_months(current)
    district = District.objects.create(name="青山县", code="522799")
    officer = User.objects.create_user("district", full_name="罗建华", role=Role.DISTRICT_OFFICER, district=district)
    year_start = window(*(int(p) for p in months[0].split("-")), 22).period.start
    schools = School.objects.bulk_create(
        School(
            district=district,
            name=f"第{i}小学",
            code=f"B{i:05d}",
            reporting_from=year_start + timedelta(days=70) if i % 10 == 1 else year_start - timedelta(days=365),
            reporting_until=year_start + timedelta(days=40) if i % 20 == 2 else None,
        )
        for i in range(args.schools)
    )
    principal = User.objects.create_user("principal", full_name="杨国强", role=Role.PRINCIPAL, school=schools[0])
    snapshot = {"rows": [["work", f"row{i}", i] for i in range(60)], "figures": [2, 9], "items": 2}
    shanghai = timezone.get_current_timezone()
    reports = []
    for i, school in enumerate(schools):
        for key in months:
            w = window(*(int(p) for p in key.split("-")), 22)
            if w.due_on >= today or i % 20 == 3:
                continue
            day = w.due_on + timedelta(days=3) if i % 10 == 4 else w.due_on - timedelta(days=1)
            at = datetime.combine(day, clock(10), tzinfo=shanghai)
            common = dict(
                school=school,
                year=w.year,
                month=w.month,
                period_start=w.period.start,
                period_end=w.period.end,
                due_on=w.due_on,
                snapshot=snapshot,
                submitted_by=principal,
            )
            if i % 20 == 5:
                later = at + timedelta(days=4)
                reports.append(
                    MonthlyReport(
                        **common,
                        version=1,
                        submitted_at=at,
                        returned_at=later,
                        returned_by=officer,
                        return_comment="请补充。",
                    )
                )
                reports.append(MonthlyReport(**common, version=2, submitted_at=later + timedelta(days=1)))
            else:
                reports.append(MonthlyReport(**common, version=1, submitted_at=at))
    MonthlyReport.objects.bulk_create(reports)
    print(
        f"{args.schools} schools, {len(reports)} report versions over {len(months)} months ({months[0]}…{months[-1]})"
    )

    client = Client()
    client.force_login(officer)
    queryset = School.objects.filter(district=district)

    def figures():
        loaded = rates.load_reporting(queryset, months)
        rates.reporting_trend(loaded, months)
        rates.missing_reports(loaded, months[-2])
        rates.late_reports(loaded, months[-2])
        rates.returns_waiting(loaded, months)

    def raw():
        with connection.cursor() as cursor:
            cursor.execute(RAW, [district.pk])
            return cursor.fetchall()

    if args.profile:
        import cProfile
        import pstats

        profile = cProfile.Profile()
        profile.runcall(lambda: client.get("/") if args.profile_page else figures())
        pstats.Stats(profile).sort_stats("tottime").print_stats(20)
    reset_queries()  # with DEBUG the migrations filled the query log: a full log captures nothing
    with CaptureQueriesContext(connection) as page_queries:
        assert client.get("/").status_code == 200
    reset_queries()
    with CaptureQueriesContext(connection) as figure_queries:
        figures()
    timings = {"page": [], "figures": [], "raw": []}
    for _ in range(args.requests):
        timings["page"].append(median_ms(lambda: client.get("/"), 1))
        timings["figures"].append(median_ms(figures, 1))
        timings["raw"].append(median_ms(raw, 1))
    page, figs, raw_ms = (statistics.median(timings[k]) for k in ("page", "figures", "raw"))
    print(f"raw SQL of the rates       {1:>3} query,   median {raw_ms:7.1f} ms")
    print(
        f"rates, trend and lists     {len(figure_queries):>3} queries, median {figs:7.1f} ms, ratio {figs / raw_ms:.2f}"
    )
    print(
        f"district home page         {len(page_queries):>3} queries, median {page:7.1f} ms, ratio {page / raw_ms:.2f}"
    )


if __name__ == "__main__":
    main()
