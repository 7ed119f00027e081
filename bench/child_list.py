"""Measure the child list page at 1,000 children: query count and server time.

Run from the project root:  .venv/bin/python bench/child_list.py [--children 1000] [--requests 15]

Builds a scratch SQLite database in a temporary folder (never touches db.sqlite3), fills one school
with children (two parents and a guardian for most), and requests the list page as the principal
with Django's test client. Prints the number of queries and the median server time.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=15)
    parser.add_argument(
        "--database-url", help="an EMPTY database to use instead of a scratch SQLite file, e.g. postgres:///bench"
    )
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="shouwang-bench-")) / "bench.sqlite3"
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{scratch}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.core.signals import request_started
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    # Django empties the query log when a request starts; keep it so the whole request is counted.
    request_started.disconnect(reset_queries)
    call_command("migrate", verbosity=0)

    from children.models import Child, LeftBehindType
    from children.pinyin import set_name_pinyin
    from guardians.models import Guardian, Parent
    from organisation.models import District, School, SchoolClass, User
    from organisation.roles import Role

    rnd = random.Random(2026)
    district = District.objects.create(name="青山县", code="522799")
    school = School.objects.create(district=district, name="石桥小学", code="S1")
    classes = [SchoolClass.objects.create(school=school, grade=g, number=n) for g in range(1, 7) for n in (1, 2, 3)]
    principal = User.objects.create_user("principal", full_name="杨国强", role=Role.PRINCIPAL, school=school)

    surnames, given = "王李张刘陈杨黄赵吴周", ["思琪", "浩然", "欣怡", "子轩", "雨桐", "宇航", "梓涵", "俊杰"]
    children = []
    for i in range(args.children):
        child = Child(
            school=school,
            school_class=classes[i % len(classes)],
            name=rnd.choice(surnames) + rnd.choice(given),
            gender=rnd.choice("MF"),
            birth_date=date(2015, 1, 1) + timedelta(days=rnd.randint(0, 2000)),
            address="杉木村",
            left_behind_type=rnd.choice(LeftBehindType.values),
            hobbies="画画",
        )
        set_name_pinyin(child)
        children.append(child)
    Child.objects.bulk_create(children)
    children = list(Child.objects.all())
    Parent.objects.bulk_create(
        Parent(child=c, relation=r, name="家长", phone="13812345678", work_city="东莞")
        for c in children[: int(len(children) * 0.9)]
        for r in ("father", "mother")
    )
    Guardian.objects.bulk_create(Guardian(child=c, name="王桂兰", relation="grandmother") for c in children[::2])

    client = Client()
    client.force_login(principal)
    connection.force_debug_cursor = True
    pages = {
        "list, first page": "/children/",
        "list, search 'w' + incomplete": "/children/?q=w&incomplete=on",
        "list, class filter, page 2": f"/children/?school_class={classes[0].pk}&page=2",
    }
    print(
        f"{args.children} children, {Parent.objects.count()} parents, "
        f"{Guardian.objects.count()} guardians ({connection.vendor})"
    )
    for label, url in pages.items():
        client.get(url)  # warm up
        connection.queries_log.clear()
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        queries = list(connection.queries_log)
        sql_ms = sum(float(q["time"]) for q in queries) * 1000
        timings = []
        for _ in range(args.requests):
            start = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        print(
            f"{label:<34} {len(queries):>2} queries ({sql_ms:.1f} ms SQL), "
            f"median {statistics.median(timings):6.1f} ms (min {min(timings):.1f}, max {max(timings):.1f}) "
            f"over {args.requests} requests"
        )


if __name__ == "__main__":
    main()
