"""Measure the care and list pages at a district's size on PostgreSQL, each beside the raw SQL of its numbers.

Run from the project root:

    createdb shouwang_bench
    .venv/bin/python bench/district.py                          # 20 schools of 500 children
    .venv/bin/python bench/district.py --schools 2              # the same pages in a district of 2 schools

Uses the database named by --database-url (default postgres:///shouwang_bench); it must be empty or
hold the data of an earlier run with the same --schools and --children (it is then reused; --rebuild
empties it first). Builds one district of `--schools` schools with `--children` children each, in
classes of 50: two parents for 90 % of the children and a guardian for half, default care norms, a
pairing per child and the current semester's work up to today (weekly talks, the head teacher's
monthly talk, monthly parent and guardian contacts, one home visit for most), about 25 records a
child (254,528 for 10,000 children), written with bulk_create.

Then requests each page with Django's test client (the whole request: session, user and page
queries) and runs the raw SQL that computes the same numbers, interleaved (a request, then the raw
SQL, `--requests` times, so load from other work falls on both alike), and prints per page: the
number of queries, the median server time, the median time of the raw SQL, and their ratio.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CLASS_SIZE = 50

# The raw SQL of each page: what the page's numbers come down to, in as few statements as PostgreSQL
# needs, with no rendering. %(…)s parameters are filled in per page.
_ACTIVE_CHILD = "c.deleted_at IS NULL AND c.status = 'active'"
_WORK_PER_CHILD = f"""
SELECT c.id, c.name, c.school_class_id,
  (SELECT count(*) FROM pairing_talk t WHERE t.child_id = c.id AND t.date BETWEEN %(start)s AND %(end)s),
  (SELECT max(t.date) FROM pairing_talk t WHERE t.child_id = c.id AND t.date BETWEEN %(start)s AND %(end)s),
  (SELECT count(*) FROM pairing_homevisit v WHERE v.child_id = c.id AND v.date BETWEEN %(start)s AND %(end)s),
  (SELECT count(*) FROM guardians_parentcontact p
    WHERE p.child_id = c.id AND p.reached AND p.date BETWEEN %(start)s AND %(end)s),
  (SELECT max(p.date) FROM guardians_parentcontact p
    WHERE p.child_id = c.id AND p.reached AND p.date BETWEEN %(start)s AND %(end)s)
FROM children_child c WHERE {_ACTIVE_CHILD} AND {{where}} ORDER BY c.school_class_id, c.name
"""
RAW = {
    # Per child of the class: talks, last talk, visits, contacts, last contact this semester.
    "class grid": [_WORK_PER_CHILD.format(where="c.school_class_id = %(class)s")],
    "my week": [_WORK_PER_CHILD.format(where="c.school_class_id = %(class)s")],
    "my week (school)": [_WORK_PER_CHILD.format(where="c.school_id = %(school)s")],
    # The school totals: the same per child, summed per class.
    "overview": [
        f"""SELECT w.school_class_id, count(*), sum(w.talks), sum(w.visits), sum(w.contacts) FROM (
          SELECT c.school_class_id,
            (SELECT count(*) FROM pairing_talk t WHERE t.child_id = c.id
               AND t.date BETWEEN %(start)s AND %(end)s) AS talks,
            (SELECT count(*) FROM pairing_homevisit v WHERE v.child_id = c.id
               AND v.date BETWEEN %(start)s AND %(end)s) AS visits,
            (SELECT count(*) FROM guardians_parentcontact p WHERE p.child_id = c.id AND p.reached
               AND p.date BETWEEN %(start)s AND %(end)s) AS contacts
          FROM children_child c WHERE {_ACTIVE_CHILD} AND c.school_id = %(school)s) w
        GROUP BY w.school_class_id"""
    ],
    # The counts above the list and its first page of 50 with the class and the two archive checks.
    "child list": [
        """SELECT count(*), count(*) FILTER (WHERE c.left_behind_type = 'both_away'),
            count(*) FILTER (WHERE c.left_behind_type = 'father_away'),
            count(*) FILTER (WHERE c.left_behind_type = 'mother_away')
          FROM children_child c WHERE c.deleted_at IS NULL AND c.school_id IN %(schools)s""",
        """SELECT c.id, c.name, sc.grade, sc.number,
            EXISTS (SELECT 1 FROM guardians_guardian g WHERE g.child_id = c.id),
            EXISTS (SELECT 1 FROM guardians_parent p WHERE p.child_id = c.id AND p.phone <> '' AND p.work_city <> '')
          FROM children_child c JOIN organisation_schoolclass sc ON sc.id = c.school_class_id
          WHERE c.deleted_at IS NULL AND c.school_id IN %(schools)s
          ORDER BY sc.grade, sc.number, c.name LIMIT 50""",
    ],
    # Per school: active children and classes; and the district's active children.
    "district home": [
        f"""SELECT s.id, s.name,
            (SELECT count(*) FROM children_child c WHERE c.school_id = s.id AND {_ACTIVE_CHILD}),
            (SELECT count(*) FROM organisation_schoolclass k WHERE k.school_id = s.id)
          FROM organisation_school s WHERE s.district_id = %(district)s ORDER BY s.code""",
        f"SELECT count(*) FROM children_child c WHERE {_ACTIVE_CHILD} AND c.school_id IN %(schools)s",
    ],
}


def build(args, today):
    from children.models import Child, LeftBehindType
    from children.pinyin import set_name_pinyin
    from guardians.models import Guardian, Parent, ParentContact
    from organisation.demo import semester_bounds
    from organisation.models import District, School, SchoolClass, Semester, User
    from organisation.roles import Role
    from pairing.models import Carer, CarerKind, HomeVisit, Pairing, Talk
    from pairing.services import norms_restore_defaults

    rnd = random.Random(2026)
    (year, term, start, end), _previous = semester_bounds(today)
    district = District.objects.create(name="青山县", code="522799")
    User.objects.create_user("officer", full_name="罗主任", role=Role.DISTRICT_OFFICER, district=district)
    surnames, given = "王李张刘陈杨黄赵吴周", ["思琪", "浩然", "欣怡", "子轩", "雨桐", "宇航", "梓涵", "俊杰"]
    n_classes = max(1, args.children // CLASS_SIZE)
    for s in range(args.schools):
        school = School.objects.create(district=district, name=f"青山县第{s + 1}小学", code=f"S{s + 1:02d}")
        Semester.objects.create(
            school=school, school_year=year, term=term, start_date=start, end_date=end, is_current=True
        )
        norms_restore_defaults(school=school)
        User.objects.create_user(f"principal{s}", full_name=f"校长{s}", role=Role.PRINCIPAL, school=school)
        classes, heads = [], []
        for i in range(n_classes):
            school_class = SchoolClass.objects.create(school=school, grade=1 + i % 9, number=1 + i // 9)
            head = User.objects.create_user(
                f"head{s}_{i}", full_name=f"老师{s}_{i}", role=Role.HEAD_TEACHER, school=school
            )
            school_class.head_teachers.add(head)
            classes.append(school_class)
            heads.append(head)
        carers = Carer.objects.bulk_create(
            Carer(school=school, name=f"爱心妈妈{i}", kind=CarerKind.LOVING_MOTHER) for i in range(args.children // 3)
        )
        new_children = []
        for i in range(args.children):
            child = Child(
                school=school,
                school_class=classes[i % n_classes],
                name=rnd.choice(surnames) + rnd.choice(given),
                gender=rnd.choice("MF"),
                birth_date=today.replace(year=today.year - 9) - timedelta(days=rnd.randint(0, 700)),
                identified_on=start - timedelta(days=100),
                address="杉木村",
                left_behind_type=rnd.choice(LeftBehindType.values),
                hobbies="画画",
                is_key_help=i % 10 == 0,
                key_help_reason="家庭困难" if i % 10 == 0 else "",
            )
            set_name_pinyin(child)
            new_children.append(child)
        Child.objects.bulk_create(new_children)
        children = list(Child.objects.filter(school=school).select_related("school_class"))
        head_of = {c.pk: heads[classes.index(c.school_class)] for c in children}
        Parent.objects.bulk_create(
            (
                Parent(child=c, relation=r, name="家长", phone="13812345678", work_city="东莞", situation="away")
                for c in children[: int(len(children) * 0.9)]
                for r in ("father", "mother")
            ),
            batch_size=2000,
        )
        Guardian.objects.bulk_create(Guardian(child=c, name="王桂兰", relation="grandmother") for c in children[::2])
        Pairing.objects.bulk_create(
            Pairing(child=c, carer=carers[i % len(carers)], kind=CarerKind.LOVING_MOTHER, start_date=start)
            for i, c in enumerate(children)
        )
        talks, contacts, visits = [], [], []
        for i, child in enumerate(children):
            carer, head = carers[i % len(carers)], head_of[child.pk]
            day = start
            while day <= today:
                if rnd.random() < 0.8:
                    talks.append(Talk(child=child, carer=carer, recorded_by=head, date=day, topics=["study"]))
                if day.day <= 7 and rnd.random() < 0.85:
                    talks.append(Talk(child=child, recorded_by=head, date=day, topics=["life"]))
                    for counterpart in ("parent", "guardian"):
                        contacts.append(ParentContact(child=child, date=day, counterpart=counterpart, recorded_by=head))
                day += timedelta(days=7)
            if rnd.random() < 0.7:
                visits.append(HomeVisit(child=child, date=start + timedelta(days=20), recorded_by=head))
        Talk.objects.bulk_create(talks, batch_size=5000)
        ParentContact.objects.bulk_create(contacts, batch_size=5000)
        HomeVisit.objects.bulk_create(visits, batch_size=5000)
        HomeVisit.staff.through.objects.bulk_create(
            HomeVisit.staff.through(homevisit_id=v.pk, user_id=head_of[v.child_id].pk) for v in visits
        )
        print(f"  school {s + 1}/{args.schools} built", flush=True)


def median_ms(fn, n: int) -> float:
    timings = []
    for _ in range(n):
        begin = time.perf_counter()
        fn()
        timings.append((time.perf_counter() - begin) * 1000)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=20)
    parser.add_argument("--children", type=int, default=500, help="children per school")
    parser.add_argument("--requests", type=int, default=7)
    parser.add_argument("--database-url", default="postgres:///shouwang_bench")
    parser.add_argument("--rebuild", action="store_true", help="empty the database and build again")
    parser.add_argument("--only", help="measure only the pages whose label contains this")
    args = parser.parse_args()

    os.environ["DATABASE_URL"] = args.database_url
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
    from guardians.models import Guardian, Parent, ParentContact
    from organisation.models import School, SchoolClass, Semester, User
    from pairing.models import HomeVisit, Pairing, Talk

    today = timezone.localdate()
    shape_ok = School.objects.count() == args.schools and Child.objects.count() == args.schools * args.children
    if args.rebuild or not shape_ok:
        if School.objects.exists():
            call_command("flush", interactive=False, verbosity=0)
        begin = time.perf_counter()
        print(f"building {args.schools} schools of {args.children} children…", flush=True)
        build(args, today)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"built in {time.perf_counter() - begin:.0f} s")
    records = {
        "talks": Talk.objects.count(),
        "contacts": ParentContact.objects.count(),
        "visits": HomeVisit.objects.count(),
        "parents": Parent.objects.count(),
        "guardians": Guardian.objects.count(),
        "pairings": Pairing.objects.count(),
    }
    print(
        f"{args.schools} schools, {Child.objects.count()} children, {sum(records.values())} records ("
        + ", ".join(f"{v} {k}" for k, v in records.items())
        + f"); {connection.vendor}, today {today}"
    )

    school = School.objects.order_by("code").first()
    semester = Semester.objects.get(school=school, is_current=True)
    school_class = SchoolClass.objects.filter(school=school).order_by("grade", "number").first()
    head = school_class.head_teachers.get()
    principal = User.objects.get(username="principal0")
    officer = User.objects.get(username="officer")
    school_ids = tuple(School.objects.values_list("pk", flat=True))
    params = {
        "start": semester.start_date,
        "end": semester.end_date,
        "class": school_class.pk,
        "school": school.pk,
        "schools": (school.pk,),
        "district": school.district_id,
    }
    district_params = {**params, "schools": school_ids}
    pages = [
        ("class grid, class of 50", head, f"/care/classes/{school_class.pk}/grid/", "class grid", params),
        ("my week, head teacher (50)", head, "/care/my-week/", "my week", params),
        (f"my week, principal ({args.children})", principal, "/care/my-week/", "my week (school)", params),
        (f"overview, principal ({args.children})", principal, "/care/overview/", "overview", params),
        (f"child list, principal ({args.children})", principal, "/children/", "child list", params),
        (f"district home ({args.schools} schools)", officer, "/", "district home", district_params),
    ]
    connection.force_debug_cursor = True
    print(f"{'page':<36} {'queries':>7} {'SQL ms':>7} {'page ms':>8} {'raw SQL ms':>10} {'ratio':>6}")
    for label, user, url, raw_key, raw_params in pages:
        if args.only and args.only not in label:
            continue
        client = Client()
        client.force_login(user)
        client.get(url)  # warm up
        connection.queries_log.clear()
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        queries = list(connection.queries_log)
        sql_ms = sum(float(q["time"]) for q in queries) * 1000

        def raw(raw_key=raw_key, raw_params=raw_params):
            with connection.cursor() as cursor:
                for statement in RAW[raw_key]:
                    cursor.execute(statement, raw_params)
                    cursor.fetchall()

        raw()  # warm up
        # Interleaved, a page then its raw SQL in each round, so load from other work falls on both alike.
        page_times, raw_times = [], []
        for _ in range(args.requests):
            page_times.append(median_ms(lambda url=url, client=client: client.get(url), 1))
            raw_times.append(median_ms(raw, 1))
        page_ms, raw_ms = statistics.median(page_times), statistics.median(raw_times)
        print(
            f"{label:<36} {len(queries):>7} {sql_ms:>7.1f} {page_ms:>8.1f} {raw_ms:>10.1f} {page_ms / raw_ms:>5.1f}×",
            flush=True,
        )
        if os.environ.get("BENCH_SHOW_SQL"):
            for q in queries:
                print(f"    {float(q['time']) * 1000:6.1f} ms  {q['sql'][:300]}")


if __name__ == "__main__":
    main()
