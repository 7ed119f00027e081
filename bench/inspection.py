"""Time the district's inspection pages at 100 schools (issue 23): side by side, one review, the index, the
printed report (PDF and workbook).

Run from the project root:  .venv/bin/python bench/inspection.py [--schools 100] [--children 50]

Builds a scratch SQLite database (never db.sqlite3; or --database-url, an EMPTY database) and media folder,
a district of `--schools` schools of `--children` left-behind children each with a month of talks and a
home visit for one child in three, the default index of the current school year, and every school's
self-inspection: judged items scored, a PDF attached to every item that asks for an upload, then submitted
(timed: the computed items read the report figures then, once) and, for every other school, scored by the
district and accepted. Then requests each district page with Django's test client as the district officer
(the whole request: session, user and page queries), `--requests` times, and prints the queries of one
request and the median time.
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=100)
    parser.add_argument("--children", type=int, default=50)
    parser.add_argument("--requests", type=int, default=9)
    parser.add_argument("--database-url", help="an EMPTY database instead of a scratch SQLite file")
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="shouwang-bench-"))
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{scratch / 'bench.sqlite3'}"
    os.environ["MEDIA_ROOT"] = str(scratch / "media")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.files.base import ContentFile
    from django.core.management import call_command
    from django.core.signals import request_started
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse
    from django.utils import timezone

    setup_test_environment()
    request_started.disconnect(reset_queries)
    call_command("migrate", verbosity=0)

    from children.models import Child, LeftBehindType
    from inspection import services
    from inspection.models import Answer, EvidenceFile, EvidenceKind, Item
    from inspection.selectors import school_year_of
    from organisation.models import District, School, SchoolClass, User
    from organisation.roles import Role
    from pairing.models import HomeVisit, Talk

    today = timezone.localdate()
    year = school_year_of(today)
    district = District.objects.create(name="青山县", code="522799")
    officer = User.objects.create_user("district", full_name="罗建华", role=Role.DISTRICT_OFFICER, district=district)
    index = services.index_copy(district=district, school_year=year, user=officer)
    judged = list(Item.objects.filter(section__index=index).exclude(evidence=EvidenceKind.COMPUTED))
    types = [LeftBehindType.BOTH_AWAY, LeftBehindType.FATHER_AWAY, LeftBehindType.MOTHER_AWAY]
    schools, principals = [], []
    for s in range(args.schools):
        school = School.objects.create(
            district=district, name=f"第{s + 1}小学", code=f"S{s:04d}", reporting_from=today - timedelta(days=400)
        )
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
            for i in range(args.children)
        )
        schools.append(school)
    children = list(Child.objects.all())
    Talk.objects.bulk_create(Talk(child=c, date=today - timedelta(days=c.pk % 28)) for c in children)
    HomeVisit.objects.bulk_create(HomeVisit(child=c, date=today - timedelta(days=3)) for c in children[::3])

    start = time.perf_counter()
    submitted = []
    for school, principal in zip(schools, principals, strict=True):
        draft = services.inspection_draft(school=school, index=index, user=principal)
        answers = Answer.objects.bulk_create(Answer(inspection=draft, item=item, score=item.points) for item in judged)
        evidence = EvidenceFile(
            school=school, kind="pdf", content_type="application/pdf", original_name="计划.pdf", size=9
        )
        evidence.file.save("plan.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
        evidence.save()
        evidence.answers.add(*[a for a in answers if a.item.evidence == EvidenceKind.UPLOADED])
        submitted.append(services.inspection_submit(inspection=draft, user=principal))
    submit_s = time.perf_counter() - start
    for inspection in submitted[::2]:
        services.review_save(
            inspection=inspection,
            user=officer,
            scores={judged[0].pk: (judged[0].points / 2, "会议记录不全", today + timedelta(days=30))},
        )
        services.inspection_accept(inspection=inspection, user=officer)

    client = Client()
    client.force_login(officer)
    pages = [
        ("side by side", reverse("inspection:district") + f"?year={year}"),
        ("review of one school", reverse("inspection:district_review", args=[submitted[1].pk])),
        ("index", reverse("inspection:district_index") + f"?year={year}"),
        ("report PDF", reverse("inspection:report_pdf", args=[submitted[0].pk])),
        ("report workbook", reverse("inspection:report_workbook", args=[submitted[0].pk])),
    ]
    print(f"{args.schools} schools, {len(children)} children; submitting every self-inspection: {submit_s:.1f} s")
    print(f"{'page':24} {'queries':>7} {'median':>10}")
    for name, url in pages:
        connection.force_debug_cursor = True
        connection.queries_log.clear()
        response = client.get(url)
        queries = list(connection.queries_log)
        assert response.status_code == 200, (name, response.status_code)
        timings = []
        for _i in range(args.requests):
            begin = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - begin) * 1000)
        print(f"{name:24} {len(queries):>7} {statistics.median(timings):>8.0f} ms")


if __name__ == "__main__":
    main()
