"""Time the four slow spots of issue 21 at a school of 1,000 children, this checkout against another one.

Run from the project root:
    .venv/bin/python bench/slow_spots.py --sqlite /tmp/reports.sqlite3 [--baseline /path/to/other/checkout]
                                         [--rounds 3] [--repeat 3] [--spots pdf draft export first]

The database is the one bench/reports.py builds (one school, 1,000 children, two semesters of records: about
8,000 talks); the script builds it into --sqlite when the file does not exist yet. Each measurement runs in a
process of its own, with the checkout's code (its `manage.py` folder first on the path), and reports the
median over --repeat requests after one untimed request, in CPU seconds of the process (what the work costs;
other work on a shared machine moves the wall time, which is printed beside it) and the number of queries:

- pdf: the semester summary as a PDF (GET .../summary/<pk>/pdf/), as the principal;
- draft: saving the summary's draft narrative (the POST alone, then with the page it redirects to);
- export: the talk log's export of every semester (GET /care/logs/talks/export/, 8,000 rows);
- first: the dashboard's first request in a fresh process that imported config.wsgi as a server does (no
  untimed request first), beside that process's second request.

With --baseline the other checkout (e.g. `git worktree add /tmp/before <commit>`) is measured the same way,
round by round interleaved with this one, so the machine's load falls on both.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPOTS = ("pdf", "draft", "export", "first")


def _measure(spot: str, repeat: int) -> dict:
    """In the child process: one spot, measured `repeat` times. Django is set up by the caller."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from organisation.models import Semester

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(get_user_model().objects.get(username="principal"))
    semester = Semester.objects.get(is_current=True)
    summary = f"/reports/summary/{semester.pk}/"
    narrative = {"achievements": "结对帮扶全覆盖。", "problems": "家访次数不足。", "next_steps": "每月家访一次。"}

    def draft_alone():
        return client.post(summary, narrative)

    def draft_and_page():
        response = client.post(summary, narrative)
        client.get(response["Location"])
        return response

    requests = {
        "pdf": [("summary PDF", lambda: client.get(summary + "pdf/"))],
        "draft": [("save draft (POST)", draft_alone), ("save draft + page", draft_and_page)],
        "export": [("talk export", lambda: client.get("/care/logs/talks/export/"))],
        "first": [("dashboard, first request", lambda: client.get("/reports/dashboard/"))],
    }[spot]
    results = {}
    for label, request in requests:
        if spot == "first":
            runs = 1
        else:
            request()
            runs = repeat
        cpu, wall, queries = [], [], 0
        for _ in range(runs):
            started_cpu, started = time.process_time(), time.perf_counter()
            with CaptureQueriesContext(connection) as captured:
                response = request()
            cpu.append(time.process_time() - started_cpu)
            wall.append(time.perf_counter() - started)
            queries = len(captured)
            assert response.status_code in (200, 302), (label, response.status_code)
        results[label] = {"cpu": statistics.median(cpu), "wall": statistics.median(wall), "queries": queries}
        if spot == "first":
            started_cpu, started = time.process_time(), time.perf_counter()
            request()
            results["dashboard, second request"] = {
                "cpu": time.process_time() - started_cpu,
                "wall": time.perf_counter() - started,
                "queries": queries,
            }
    return results


def _child(spot: str, repeat: int) -> None:
    started_cpu = time.process_time()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import config.wsgi  # noqa: F401 (as gunicorn or runserver: Django set up, and whatever the module warms)

    start_cpu = time.process_time() - started_cpu
    results = _measure(spot, repeat)
    if spot == "first":
        results["process start (import config.wsgi)"] = {"cpu": start_cpu, "wall": None, "queries": 0}
    print(json.dumps(results))


def _run(checkout: Path, database: Path, spot: str, repeat: int) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "MEDIA_ROOT": f"{database}-media",
        "BENCH_CHECKOUT": str(checkout),
    }
    output = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", spot, "--repeat", str(repeat)],
        cwd=checkout,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def _build(database: Path) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "reports.py"), "--sqlite", str(database), "--pages", "dashboard"],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sqlite", type=Path, help="the database bench/reports.py built (or builds): required")
    parser.add_argument("--baseline", type=Path, help="another checkout to measure the same way, interleaved")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--spots", nargs="*", choices=SPOTS, default=list(SPOTS))
    parser.add_argument("--child", choices=SPOTS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        sys.path.insert(0, os.environ.get("BENCH_CHECKOUT", str(ROOT)))
        _child(args.child, args.repeat)
        return

    if args.sqlite is None:
        parser.error("--sqlite is required")
    database = args.sqlite.resolve()
    if not database.exists():
        _build(database)
    checkouts = {"this": ROOT}
    if args.baseline:
        checkouts = {"baseline": args.baseline.resolve(), **checkouts}
    runs: dict[tuple[str, str], list[dict]] = {}
    for _round in range(args.rounds):
        for spot in args.spots:
            for name, checkout in checkouts.items():
                for label, measured in _run(checkout, database, spot, args.repeat).items():
                    runs.setdefault((label, name), []).append(measured)
    print(f"load average {os.getloadavg()[0]:.1f}; medians over {args.rounds} rounds (CPU s, wall s, queries)")
    for (label, name), measured in runs.items():
        cpu = statistics.median(m["cpu"] for m in measured)
        walls = [m["wall"] for m in measured if m["wall"] is not None]
        wall = f"{statistics.median(walls):6.3f}" if walls else "     –"
        print(f"{label:38} {name:9} cpu {cpu:6.3f}  wall {wall}  queries {measured[-1]['queries']}")


if __name__ == "__main__":
    main()
