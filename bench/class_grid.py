"""Measure the class grid (and the school totals) with a semester of care records: queries and server time.

Run from the project root:  .venv/bin/python bench/class_grid.py [--children 1000] [--class-size 50] [--requests 9]

Builds a scratch SQLite database in a temporary folder (never touches db.sqlite3): one school of
`--children` children in classes of `--class-size`, each with a pairing and the current semester's
work up to today (weekly talks, the head teacher's monthly talk, monthly parent and guardian
contacts, one home visit), with gaps so some are overdue. Requests, with Django's test client, the
class grid of one class as its head teacher and the school totals and "my week" as the principal,
and prints the number of queries and the median server time.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=1000)
    parser.add_argument("--class-size", type=int, default=50)
    parser.add_argument("--requests", type=int, default=9)
    parser.add_argument("--profile", action="store_true", help="Print where the time of the slowest page goes.")
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="shouwang-bench-")) / "bench.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{scratch}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.core.signals import request_started
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.utils import timezone

    setup_test_environment()
    request_started.disconnect(reset_queries)  # keep the whole request's queries
    call_command("migrate", verbosity=0)

    from children.models import Child
    from guardians.models import ParentContact
    from organisation.demo import semester_bounds
    from organisation.models import District, School, SchoolClass, Semester, User
    from organisation.roles import Role
    from pairing.models import Carer, CarerKind, HomeVisit, Pairing, Talk
    from pairing.services import norms_restore_defaults

    rnd = random.Random(2026)
    today = timezone.localdate()
    (year, term, start, end), _previous = semester_bounds(today)
    district = District.objects.create(name="青山县", code="522799")
    school = School.objects.create(district=district, name="石桥小学", code="S1")
    Semester.objects.create(school=school, school_year=year, term=term, start_date=start, end_date=end, is_current=True)
    norms_restore_defaults(school=school)
    principal = User.objects.create_user("principal", full_name="杨国强", role=Role.PRINCIPAL, school=school)
    n_classes = max(1, args.children // args.class_size)
    classes, heads = [], []
    for i in range(n_classes):
        school_class = SchoolClass.objects.create(school=school, grade=1 + i % 9, number=1 + i // 9)
        head = User.objects.create_user(f"head{i}", full_name=f"老师{i}", role=Role.HEAD_TEACHER, school=school)
        school_class.head_teachers.add(head)
        classes.append(school_class)
        heads.append(head)
    carers = Carer.objects.bulk_create(
        Carer(school=school, name=f"爱心妈妈{i}", kind=CarerKind.LOVING_MOTHER) for i in range(args.children // 3)
    )
    Child.objects.bulk_create(
        Child(
            school=school,
            school_class=classes[i % n_classes],
            name=f"学生{i}",
            gender="F",
            birth_date=today.replace(year=today.year - 9) - timedelta(days=rnd.randint(0, 700)),
            identified_on=start - timedelta(days=100),
            is_key_help=i % 10 == 0,
            key_help_reason="家庭困难" if i % 10 == 0 else "",
        )
        for i in range(args.children)
    )
    children = list(Child.objects.all())
    Pairing.objects.bulk_create(
        Pairing(child=c, carer=carers[i % len(carers)], kind=CarerKind.LOVING_MOTHER, start_date=start)
        for i, c in enumerate(children)
    )
    head_of = {c.pk: heads[classes.index(c.school_class)] for c in children}
    talks, contacts, visits = [], [], []
    for i, child in enumerate(children):
        carer = carers[i % len(carers)]
        day = start
        while day <= today:
            if rnd.random() < 0.8:
                talks.append(Talk(child=child, carer=carer, recorded_by=head_of[child.pk], date=day, topics=["study"]))
            if day.day <= 7 and rnd.random() < 0.85:
                talks.append(Talk(child=child, recorded_by=head_of[child.pk], date=day, topics=["life"]))
                for counterpart in ("parent", "guardian"):
                    contacts.append(
                        ParentContact(child=child, date=day, counterpart=counterpart, recorded_by=head_of[child.pk])
                    )
            day += timedelta(days=7)
        if rnd.random() < 0.7:
            visits.append(HomeVisit(child=child, date=start + timedelta(days=20), recorded_by=head_of[child.pk]))
    Talk.objects.bulk_create(talks, batch_size=2000)
    ParentContact.objects.bulk_create(contacts, batch_size=2000)
    HomeVisit.objects.bulk_create(visits, batch_size=2000)
    HomeVisit.staff.through.objects.bulk_create(
        HomeVisit.staff.through(homevisit_id=v.pk, user_id=head_of[v.child_id].pk) for v in HomeVisit.objects.all()
    )

    print(
        f"{len(children)} children in {n_classes} classes of {args.class_size}; semester {start}–{end}, today {today}; "
        f"{Talk.objects.count()} talks, {ParentContact.objects.count()} contacts, {HomeVisit.objects.count()} visits"
        " (SQLite)"
    )
    connection.force_debug_cursor = True
    pages = [
        (f"class grid, class of {args.class_size}", heads[0], f"/care/classes/{classes[0].pk}/grid/"),
        (f"my week, head teacher ({args.class_size})", heads[0], "/care/my-week/"),
        (f"school totals, {len(children)} children", principal, "/care/overview/"),
        (f"my week, principal ({len(children)})", principal, "/care/my-week/"),
    ]
    for label, user, url in pages:
        client = Client()
        client.force_login(user)
        client.get(url)  # warm up
        connection.queries_log.clear()
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        queries = len(connection.queries_log)
        timings = []
        for _ in range(args.requests):
            begin = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - begin) * 1000)
        if args.profile:
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            profiler.runcall(client.get, url)
            print(label)
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
        print(
            f"{label:<36} {queries:>2} queries, median {statistics.median(timings):7.1f} ms "
            f"(min {min(timings):.1f}, max {max(timings):.1f}) over {args.requests} requests"
        )


if __name__ == "__main__":
    main()
