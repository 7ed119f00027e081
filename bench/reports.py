"""Measure the semester summary, the dashboard and the workbook at 1,000 children with a semester of records.

Run from the project root:  .venv/bin/python bench/reports.py [--children 1000] [--requests 7]
                            [--database-url postgres:///an_empty_db | --sqlite kept.sqlite3]
                            [--pages summary dashboard workbook]

Builds a scratch SQLite database (never db.sqlite3) with one school, 18 classes, the default care norms and,
over the previous semester and the current one: pairings, ~4 talks, a home visit, ~3 parent contacts per
child, activities with attendance, assistance and results. Then, side by side in one run:
- each page's queries and median server time, against the same SQL run raw on a cursor (the "raw SQL
  aggregates that compute the same numbers": the page's own captured statements, executed again);
- the workbook against writing the same cells with bare XlsxWriter (constant memory).
Each pair is timed interleaved (page, raw, page, raw, …) so the shared machine's load falls on both.
"""

import argparse
import io
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _medians(first, second, n: int) -> tuple[float, float]:
    """The median milliseconds of each of two functions, run interleaved (a, b, a, b, …) so load hits both."""
    timings: tuple[list[float], list[float]] = ([], [])
    for _ in range(n):
        for fn, out in ((first, timings[0]), (second, timings[1])):
            start = time.perf_counter()
            fn()
            out.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings[0]), statistics.median(timings[1])


def _build(n_children: int):
    """One school of `n_children` with the previous and the current semester's records; (principal, current)."""
    from django.utils import timezone

    from activities.models import Activity, Assistance, Attendance
    from children.models import AcademicResult, Child, LeftBehindType
    from guardians.models import Guardian, Parent, ParentContact
    from organisation.models import District, School, SchoolClass, Semester, User
    from organisation.roles import Role
    from pairing.models import Carer, HomeVisit, Pairing, Talk
    from pairing.services import norms_restore_defaults

    rnd = random.Random(2026)
    today = timezone.localdate()
    district = District.objects.create(name="青山县", code="522799")
    school = School.objects.create(district=district, name="石桥小学", code="S1")
    classes = [SchoolClass.objects.create(school=school, grade=g, number=n) for g in range(1, 7) for n in (1, 2, 3)]
    principal = User.objects.create_user("principal", full_name="杨国强", role=Role.PRINCIPAL, school=school)
    start = today - timedelta(days=90)
    current = Semester.objects.create(
        school=school,
        school_year=start.year,
        term=1,
        start_date=start,
        end_date=today + timedelta(days=60),
        is_current=True,
    )
    previous = Semester.objects.create(
        school=school,
        school_year=start.year - 1,
        term=2,
        start_date=start - timedelta(days=200),
        end_date=start - timedelta(days=40),
    )
    norms_restore_defaults(school=school)
    children = Child.objects.bulk_create(
        Child(
            school=school,
            school_class=classes[i % len(classes)],
            name=f"儿童{i}",
            gender=rnd.choice("MF"),
            birth_date=date(2015, 1, 1) + timedelta(days=rnd.randint(0, 2000)),
            identified_on=previous.start_date - timedelta(days=rnd.randint(0, 300)),
            left_behind_type=rnd.choice(LeftBehindType.values),
            address="杉木村",
        )
        for i in range(n_children)
    )
    children = list(Child.objects.all())
    Parent.objects.bulk_create(
        Parent(child=c, relation="father", phone="13812345678", work_city="东莞") for c in children
    )
    Guardian.objects.bulk_create(Guardian(child=c, name="王桂兰", relation="grandmother") for c in children[::2])
    carers = Carer.objects.bulk_create(
        Carer(school=school, name=f"爱心妈妈{i}", kind="loving_mother") for i in range(60)
    )
    Pairing.objects.bulk_create(
        Pairing(child=c, carer=carers[i % 60], kind="loving_mother", start_date=previous.start_date)
        for i, c in enumerate(children)
    )

    def days(n: int, lo: date, hi: date) -> list[date]:
        return [lo + timedelta(days=rnd.randint(0, (hi - lo).days)) for _ in range(n)]

    for sem_start, sem_end in ((previous.start_date, previous.end_date), (start, today)):
        Talk.objects.bulk_create(
            Talk(child=c, date=d, recorded_by=principal) for c in children for d in days(4, sem_start, sem_end)
        )
        HomeVisit.objects.bulk_create(HomeVisit(child=c, date=days(1, sem_start, sem_end)[0]) for c in children)
        ParentContact.objects.bulk_create(
            ParentContact(child=c, date=d, reached=rnd.random() > 0.1)
            for c in children
            for d in days(3, sem_start, sem_end)
        )
        for k in range(10):
            activity = Activity.objects.create(
                school=school, kind="reading", title=f"读书会{k}", date=days(1, sem_start, sem_end)[0]
            )
            Attendance.objects.bulk_create(Attendance(activity=activity, child=c) for c in rnd.sample(children, 80))
        Assistance.objects.bulk_create(
            Assistance(
                child=c,
                date=days(1, sem_start, sem_end)[0],
                donor_kind="working_committee",
                kind="money",
                amount=Decimal("300.00"),
            )
            for c in children[::10]
        )
    for sem in (previous, current):
        AcademicResult.objects.bulk_create(
            AcademicResult(
                child=c, semester=sem, exam="期末", total=rnd.randint(100, 200), class_rank=rnd.randint(1, 50)
            )
            for c in children
        )

    return principal, current


def _built_before(connection) -> bool:
    """Whether the database holds this script's school, built by an earlier run."""
    if "organisation_user" not in connection.introspection.table_names():
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM organisation_user WHERE username = 'principal'")
        return cursor.fetchone() is not None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=7)
    parser.add_argument(
        "--database-url", help="an empty database instead of a scratch SQLite file, or one an earlier run built"
    )
    parser.add_argument("--pages", nargs="*", help="only these of: summary dashboard workbook")
    parser.add_argument("--sqlite", type=Path, help="build into this SQLite file, or reuse it if it exists")
    args = parser.parse_args()

    scratch = args.sqlite or Path(tempfile.mkdtemp(prefix="shouwang-bench-")) / "bench.sqlite3"
    reuse = args.sqlite is not None and args.sqlite.exists()
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{scratch.resolve()}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    import xlsxwriter
    from django.core.management import call_command
    from django.core.signals import request_started
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    request_started.disconnect(reset_queries)
    if args.database_url and _built_before(connection):
        reuse = True  # a database this script built before: measure it again
    if not reuse:
        call_command("migrate", verbosity=0)

    from guardians.models import ParentContact
    from organisation.models import Semester, User
    from pairing.models import Talk
    from reports import workbook

    if reuse:
        principal = User.objects.get(username="principal")
        current = Semester.objects.get(is_current=True)
    else:
        principal, current = _build(args.children)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # the statistics a running database has (autovacuum keeps them)
    client = Client()
    client.force_login(principal)
    connection.force_debug_cursor = True
    print(
        f"{args.children} children, {Talk.objects.count()} talks, "
        f"{ParentContact.objects.count()} contacts ({connection.vendor}); load average {os.getloadavg()[0]:.2f}"
    )
    pages = {
        "summary (draft)": f"/reports/summary/{current.pk}/",
        "dashboard": "/reports/dashboard/",
        "workbook": f"/reports/summary/{current.pk}/workbook/",
    }
    for label, url in pages.items():
        if os.environ.get("BENCH_PROFILE") or (args.pages and label.split()[0] not in args.pages):
            continue
        client.get(url)
        connection.queries_log.clear()
        assert client.get(url).status_code == 200
        statements = [q["sql"] for q in connection.queries_log]

        def raw(statements=statements):
            with connection.cursor() as cursor:
                for sql in statements:
                    if sql.startswith(("SAVEPOINT", "RELEASE", "ROLLBACK")):
                        continue
                    cursor.execute(sql)
                    cursor.fetchall()

        page_ms, raw_ms = _medians(lambda url=url: client.get(url), raw, args.requests)
        print(
            f"{label:<16} {len(statements):>3} queries, median {page_ms:7.1f} ms; "
            f"same SQL raw {raw_ms:7.1f} ms; ratio {page_ms / raw_ms:4.2f}"
        )

    # The workbook against bare XlsxWriter writing the same cells.
    cells: list = []
    original = workbook.Book.cell

    def record(self, ws, row, col, value, *, header=False):
        cells.append((ws.name, row, col, value))
        original(self, ws, row, col, value, header=header)

    workbook.Book.cell = record
    client.get(pages["workbook"])
    workbook.Book.cell = original

    def bare():
        out = io.BytesIO()
        wb = xlsxwriter.Workbook(out, {"constant_memory": True, "in_memory": True})
        percent, money, day = (
            wb.add_format({"num_format": "0.0%"}),
            wb.add_format({"num_format": "0.00"}),
            wb.add_format({"num_format": "yyyy-mm-dd"}),
        )
        sheets = {}
        for name, row, col, value in cells:
            ws = sheets.get(name) or sheets.setdefault(name, wb.add_worksheet(name))
            if isinstance(value, workbook.Percent) and value.fraction is not None:
                ws.write_number(row, col, value.fraction, percent)
            elif isinstance(value, workbook.Percent):
                ws.write_blank(row, col, None)
            elif isinstance(value, Decimal):
                ws.write_number(row, col, float(value), money)
            elif isinstance(value, date):
                ws.write_datetime(row, col, value, day)
            elif value is None:
                ws.write_blank(row, col, None)
            elif isinstance(value, int | float):
                ws.write_number(row, col, value)
            else:
                ws.write_string(row, col, str(value))
        wb.close()

    semester = Semester.objects.get(pk=current.pk)
    from reports.pages import summary_page

    page = summary_page(semester)
    build_ms, bare_ms = _medians(lambda: workbook.summary_workbook(semester, page), bare, args.requests)
    if os.environ.get("BENCH_PROFILE"):
        import cProfile
        import pstats

        profile = cProfile.Profile()
        from reports import figures as fig

        profile.runcall(fig.figures, semester.school, fig.Period.of_semester(semester))
        pstats.Stats(profile).sort_stats("tottime").print_stats(20)
    print(f"load average {os.getloadavg()[0]:.2f}")
    print(
        f"workbook: {len(cells)} cells; writing them (figures already computed) {build_ms:.1f} ms, "
        f"bare XlsxWriter {bare_ms:.1f} ms, ratio {build_ms / bare_ms:4.2f}"
    )


if __name__ == "__main__":
    main()
