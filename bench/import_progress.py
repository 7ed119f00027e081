"""How long the roster pages keep the browser waiting at 5,000 rows, with the background task, against the
same work done inside the request as before (the baseline), side by side in one run.

Run from the project root:  .venv/bin/python bench/import_progress.py [--rows 5000] [--database-url URL]

Scratch SQLite database; one school, a 5,000-row roster with parents and a guardian per row (as
bench/roster_import.py). For each of two rounds, interleaved:
- baseline: roster_stage (read + check) and roster_confirm called directly, as the request did before;
- pages: POST the upload through the Django test client (ThreadBackend: the work goes to a thread), time
  the response, then follow the progress JSON every 0.5 s until it names the preview; POST the confirm, time
  the response, follow the JSON until the import is done. Prints the response times, the end-to-end times
  and how many distinct progress values the page saw."""

import argparse
import io
import os
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--database-url", help="an EMPTY database instead of a scratch SQLite file")
    parser.add_argument("--poll", type=float, default=0.5, help="seconds between two progress requests")
    parser.add_argument("--pages-first", action="store_true", help="in each round, the pages before the baseline")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="shouwang-bench-")) / "bench.sqlite3"
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{scratch}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["TASKS_BACKEND"] = "config.task_backend.ThreadBackend"
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse
    from django.utils import translation

    call_command("migrate", verbosity=0)
    translation.activate("zh-hans")
    import xlsxwriter

    from guardians.models import RosterImport
    from guardians.roster_services import roster_confirm, roster_stage
    from organisation.models import District, School, SchoolClass, User
    from organisation.roles import Role
    from tests.factories import make_id_number
    from tests.guardians.roster_files import HEADERS, roster_row

    district = District.objects.create(name="青山县", code="522799")
    users = []
    for n in range(4):  # two rounds of (baseline, pages), each on a school of its own
        school = School.objects.create(district=district, name=f"学校{n}", code=f"S{n}")
        for grade in range(1, 7):
            for number in range(1, 10):
                SchoolClass.objects.create(school=school, grade=grade, number=number)
        users.append(
            User.objects.create_user(f"keeper{n}", full_name="档案员", role=Role.ARCHIVE_KEEPER, school=school)
        )

    rows = [roster_row(n, class_text=f"{1 + n % 6}-{1 + n // 6 % 9}") for n in range(args.rows)]
    for n, row in enumerate(rows):
        birth = date(2013, 1, 1) + timedelta(days=n % 1800)
        row["出生日期"] = birth.isoformat()
        row["身份证号"] = make_id_number(birth, male=n % 2 == 0, seq=n // 1800 + 10)
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_numbers": False})
    sheet = book.add_worksheet("花名册")
    sheet.write_row(0, 0, HEADERS)
    for r, row in enumerate(rows, start=1):
        sheet.write_row(r, 0, [row.get(h) if row.get(h) is not None else "" for h in HEADERS])
    book.close()
    data = out.getvalue()
    print(
        f"{args.rows} rows, workbook {len(data) / 1024:.0f} KB, poll every {args.poll} s, "
        f"{'pages' if args.pages_first else 'baseline'} first, load {os.getloadavg()[0]:.2f}"
    )

    def baseline(user):
        start = time.perf_counter()
        staged = roster_stage(data=data, file_name="花名册.xlsx", user=user)
        middle = time.perf_counter()
        roster_confirm(staged=staged, user=user)
        return middle - start, time.perf_counter() - middle

    def follow(client, url, until):
        seen, start = set(), time.perf_counter()
        while True:
            state = client.get(url).json()
            seen.add((state["phase"], state["done"]))
            if until(state):
                return time.perf_counter() - start, len(seen), state
            time.sleep(args.poll)

    def pages(user):
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        start = time.perf_counter()
        response = client.post(reverse("guardians:roster_upload"), {"file": SimpleUploadedFile("花名册.xlsx", data)})
        upload_response = time.perf_counter() - start
        staged = RosterImport.objects.filter(created_by=user).latest("pk")
        assert response.status_code == 302, response.status_code
        json_url = reverse("guardians:roster_progress_json", args=[staged.pk])
        waited, check_values, state = follow(client, json_url, lambda s: s["next"] or s["failure"])
        assert not state["failure"], state
        start = time.perf_counter()
        response = client.post(reverse("guardians:roster_preview", args=[staged.pk]))
        confirm_response = time.perf_counter() - start
        confirm_waited, _values, state = follow(client, json_url, lambda s: s["phase"] in ("", "failed"))
        assert not state["failure"], state
        staged.refresh_from_db()
        assert staged.status == RosterImport.Status.CONFIRMED
        return (
            upload_response,
            upload_response + waited,
            check_values,
            confirm_response,
            confirm_response + confirm_waited,
        )

    for round_ in range(2):
        if args.pages_first:
            upload_response, checked, values, confirm_response, confirmed = pages(users[2 * round_ + 1])
            check, confirm = baseline(users[2 * round_])
        else:
            check, confirm = baseline(users[2 * round_])
            upload_response, checked, values, confirm_response, confirmed = pages(users[2 * round_ + 1])
        print(
            f"round {round_ + 1}: in the request (before): check {check:5.1f} s, confirm {confirm:5.1f} s | "
            f"background: upload answers in {upload_response:4.2f} s, preview after {checked:5.1f} s "
            f"({values} progress values seen); confirm answers in {confirm_response:4.2f} s, done after "
            f"{confirmed:5.1f} s | load {os.getloadavg()[0]:.2f}"
        )


if __name__ == "__main__":
    main()
