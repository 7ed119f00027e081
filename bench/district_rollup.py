"""Measure the district roll-up and the district workbook against the raw SQL aggregates of the same numbers.

Run from the project root:  .venv/bin/python bench/district_rollup.py [--schools 20] [--children 10000]

Builds a scratch SQLite database (never db.sqlite3; or --database-url, an EMPTY database), a district of
`--schools` schools sharing `--children` children with a window of care work (two talks, a parent contact
and, for one child in three, a home visit each), submits every school's monthly report for the window
(timed: that is where the figures are computed), then times side by side in one run:
- the roll-up page as the district officer (it reads the submitted snapshots),
- the district workbook,
- the raw SQL aggregates that compute the roll-up's numbers live, one GROUP BY school query per family;
and, for the window still open (the same care work dated in it, no school has submitted), the roll-up page
whose every row is computed live from the records (reports.figures.by_school) against the same raw SQL
aggregates over the open window. Prints query counts, medians and the ratios to the raw SQL (target 3x).
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def median_ms(fn, runs: int) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=20)
    parser.add_argument("--children", type=int, default=10000)
    parser.add_argument("--requests", type=int, default=9)
    parser.add_argument("--database-url", help="an EMPTY database instead of a scratch SQLite file")
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="shouwang-bench-")) / "bench.sqlite3"
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{scratch}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.core.signals import request_started
    from django.db import connection, reset_queries
    from django.db.models import Count, Q, Sum
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.utils import timezone

    setup_test_environment()
    request_started.disconnect(reset_queries)
    call_command("migrate", verbosity=0)

    from activities.models import Activity, Assistance
    from children.models import Child, ChildStatus, LeftBehindType
    from guardians.models import ParentContact
    from organisation.models import District, School, SchoolClass, User
    from organisation.roles import Role
    from pairing.models import HomeVisit, Talk
    from reports import monthly_services as services
    from reports.models import InformationItem
    from reports.monthly import previous_window, window_of

    today = timezone.localdate()
    w = previous_window(window_of(today, 22), 22)
    district = District.objects.create(name="青山县", code="522799")
    officer = User.objects.create_user("district", full_name="罗建华", role=Role.DISTRICT_OFFICER, district=district)
    per_school = args.children // args.schools
    types = [LeftBehindType.BOTH_AWAY, LeftBehindType.FATHER_AWAY, LeftBehindType.MOTHER_AWAY]
    schools, principals = [], []
    for s in range(args.schools):
        school = School.objects.create(district=district, name=f"第{s + 1}小学", code=f"S{s:04d}")
        classes = [SchoolClass.objects.create(school=school, grade=g, number=1) for g in range(1, 7)]
        principals.append(
            User.objects.create_user(f"principal{s}", full_name="校长", role=Role.PRINCIPAL, school=school)
        )
        Child.objects.bulk_create(
            Child(
                school=school,
                school_class=classes[i % 6],
                name=f"儿童{s}-{i}",
                gender="MF"[i % 2],
                birth_date=today - timedelta(days=3000 + i),
                left_behind_type=types[i % 3],
                identified_on=today - timedelta(days=400),
            )
            for i in range(per_school)
        )
        schools.append(school)
    children = list(Child.objects.all())
    Talk.objects.bulk_create(
        Talk(child=c, date=w.period.start + timedelta(days=k * 7 + c.pk % 5)) for c in children for k in (0, 2)
    )
    ParentContact.objects.bulk_create(ParentContact(child=c, date=w.period.end) for c in children)
    HomeVisit.objects.bulk_create(HomeVisit(child=c, date=w.period.start) for c in children[::3])
    # The open window: the same care work, dated between its start and today.
    now = window_of(today, 22)
    span = (today - now.period.start).days + 1
    Talk.objects.bulk_create(
        Talk(child=c, date=now.period.start + timedelta(days=(k * 7 + c.pk % 5) % span))
        for c in children
        for k in (0, 2)
    )
    ParentContact.objects.bulk_create(ParentContact(child=c, date=today) for c in children)
    HomeVisit.objects.bulk_create(HomeVisit(child=c, date=now.period.start) for c in children[::3])

    start = time.perf_counter()
    for school, principal in zip(schools, principals, strict=True):
        report = services.report_draft(school=school, window=w, user=principal)
        for title in ("读书月", "家访周"):
            InformationItem.objects.create(report=report, title=title, date=w.period.end, text="开展活动。")
        services.report_submit(report=report, user=principal)
    submit_s = time.perf_counter() - start

    def raw_aggregates(lo=w.period.start, hi=w.period.end):
        """The roll-up's numbers computed live with one GROUP BY school query per family (no status history,
        no completeness: a lower bound of what recomputing costs)."""
        lbc = Q(status=ChildStatus.ACTIVE, identified_on__lte=hi, deleted_at__isnull=True)
        rows = {
            "lbc": Child.all_objects.filter(lbc)
            .values("school_id")
            .annotate(n=Count("pk"), both=Count("pk", filter=Q(left_behind_type=LeftBehindType.BOTH_AWAY))),
        }
        for name, model in (("talks", Talk), ("contacts", ParentContact), ("visits", HomeVisit)):
            rows[name] = (
                model.objects.filter(date__gte=lo, date__lte=hi, child__deleted_at__isnull=True)
                .values("child__school_id")
                .annotate(n=Count("pk"), children=Count("child", distinct=True))
            )
        rows["activities"] = (
            Activity.objects.filter(date__gte=lo, date__lte=hi).values("school_id").annotate(n=Count("pk"))
        )
        rows["assistance"] = (
            Assistance.objects.filter(date__gte=lo, date__lte=hi).values("child__school_id").annotate(y=Sum("amount"))
        )
        return {key: list(qs) for key, qs in rows.items()}

    client = Client()
    client.force_login(officer)
    connection.force_debug_cursor = True
    url = f"/reports/district/rollup/?month={w.key}"
    book = f"/reports/district/workbook/?month={w.key}"
    assert client.get(url).status_code == 200
    connection.queries_log.clear()
    client.get(url)
    rollup_queries = len(connection.queries_log)
    connection.queries_log.clear()
    client.get(book)
    book_queries = len(connection.queries_log)
    connection.queries_log.clear()
    raw_aggregates()
    raw_queries = len(connection.queries_log)
    connection.force_debug_cursor = False

    live_url = f"/reports/district/rollup/?month={now.key}"
    assert client.get(live_url).content.decode().count('data-testid="provisional"') == args.schools
    connection.force_debug_cursor = True
    connection.queries_log.clear()
    client.get(live_url)
    live_queries = len(connection.queries_log)
    connection.queries_log.clear()
    raw_aggregates(now.period.start, now.period.end)
    live_raw_queries = len(connection.queries_log)
    connection.force_debug_cursor = False

    raw = median_ms(raw_aggregates, args.requests)
    page = median_ms(lambda: client.get(url), args.requests)
    workbook = median_ms(lambda: client.get(book), args.requests)
    live_raw = median_ms(lambda: raw_aggregates(now.period.start, now.period.end), args.requests)
    live_page = median_ms(lambda: client.get(live_url), args.requests)
    print(
        f"{args.schools} schools, {len(children)} children, {Talk.objects.count()} talks, "
        f"{ParentContact.objects.count()} contacts, {HomeVisit.objects.count()} visits ({connection.vendor})"
    )
    print(f"submitting {args.schools} monthly reports (figures computed): {submit_s:.1f} s")
    print(f"raw SQL aggregates        {raw_queries:>3} queries, median {raw:7.1f} ms")
    print(f"roll-up page              {rollup_queries:>3} queries, median {page:7.1f} ms, ratio {page / raw:.2f}")
    print(f"district workbook         {book_queries:>3} queries, median {workbook:7.1f} ms, ratio {workbook / raw:.2f}")
    print(f"open window ({now.key}), every school live from its records:")
    print(f"raw SQL aggregates        {live_raw_queries:>3} queries, median {live_raw:7.1f} ms")
    print(
        f"live roll-up page         {live_queries:>3} queries, median {live_page:7.1f} ms, "
        f"ratio {live_page / live_raw:.2f}"
    )


if __name__ == "__main__":
    main()
