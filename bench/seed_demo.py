"""Time `manage.py seed_demo` into an empty, migrated scratch database, and its second (idempotent) run.

Run from the project root:  .venv/bin/python bench/seed_demo.py [--runs 3] [--baseline /path/to/other/checkout]

Each run copies a freshly migrated scratch SQLite file (never db.sqlite3), runs `seed_demo` in its own process
and records the wall time and the CPU time (user + system) of that process, then runs it a second time on the
same file and checks that the second run changed nothing (every table's row count and content, timestamps
aside). It prints each run and the medians. With `--baseline`, the same is done with another checkout's
`manage.py` (for example the commit before a change, in a `git worktree`), interleaved run by run with this
one so that both see the same load on a shared machine, and the ratio of the medians is printed.
"""

import argparse
import hashlib
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Columns that hold the moment a row was written: a second run writes no row, so these never differ either,
# but leaving them out lets the check compare databases built at different moments too.
MOMENTS = {"created_at", "updated_at", "history_date", "last_login", "date_joined", "added_at", "recorded_at"}


def _fingerprint(path: Path) -> dict[str, tuple[int, str]]:
    db = sqlite3.connect(path)
    tables = [
        name
        for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        if not name.startswith(("django_session", "axes_"))
    ]
    result = {}
    for table in tables:
        columns = [row[1] for row in db.execute(f"PRAGMA table_info('{table}')") if row[1] not in MOMENTS]
        quoted = ", ".join(f'"{c}"' for c in columns)
        rows = sorted(repr(row) for row in db.execute(f'SELECT {quoted} FROM "{table}"'))
        result[table] = (len(rows), hashlib.sha1("\n".join(rows).encode()).hexdigest())
    db.close()
    return result


def _run(checkout: Path, database: Path, *args: str) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one `manage.py` command in its own process (the demo's photos go to a
    scratch folder beside the database, not to the checkout's media/)."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "MEDIA_ROOT": f"{database}-media"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "manage.py", *args], cwd=checkout, env=env, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline", type=Path, help="another checkout to time the same way, interleaved")
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="shouwang-bench-seed-"))
    checkouts = {"this": ROOT}
    if args.baseline:
        checkouts["baseline"] = args.baseline.resolve()
    templates = {}
    for name, checkout in checkouts.items():
        templates[name] = scratch / f"{name}-migrated.sqlite3"
        _run(checkout, templates[name], "migrate", "--no-input")

    results: dict[str, list[tuple[float, float, float, float]]] = {name: [] for name in checkouts}
    for run in range(1, args.runs + 1):
        for name, checkout in checkouts.items():
            database = scratch / f"{name}-{run}.sqlite3"
            shutil.copy(templates[name], database)
            wall, cpu = _run(checkout, database, "seed_demo")
            seeded = _fingerprint(database)
            again_wall, again_cpu = _run(checkout, database, "seed_demo")
            changed = [t for t, v in _fingerprint(database).items() if seeded.get(t) != v]
            results[name].append((wall, cpu, again_wall, again_cpu))
            print(
                f"{name:<8} run {run}: first {wall:5.1f} s wall, {cpu:5.1f} s CPU; "
                f"second {again_wall:4.1f} s wall, {again_cpu:4.1f} s CPU; "
                + (f"second run CHANGED {', '.join(changed)}" if changed else "second run changed nothing"),
                flush=True,
            )
            database.unlink()
            shutil.rmtree(f"{database}-media", ignore_errors=True)
    print(f"\nload average after the runs: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    medians = {}
    for name, rows in results.items():
        medians[name] = [statistics.median(column) for column in zip(*rows, strict=True)]
        wall, cpu, again_wall, again_cpu = medians[name]
        print(
            f"{name:<8} median of {args.runs}: first run {wall:.1f} s wall, {cpu:.1f} s CPU; "
            f"second run {again_wall:.1f} s wall, {again_cpu:.1f} s CPU"
        )
    if "baseline" in medians:
        this, base = medians["this"], medians["baseline"]
        print(f"this / baseline: first run CPU {this[1] / base[1]:.2f}×, wall {this[0] / base[0]:.2f}×")
    shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
