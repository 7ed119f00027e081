"""Measure the attention list (关注名单) of a whole school of 1,000 children against the raw SQL that finds it.

Run from the project root:  .venv/bin/python bench/attention.py [--children 1000] [--runs 9]
                            [--database-url postgres:///an_empty_db] [--profile]

Builds (bench/school.py) one school with a year of records — talks, home visits, parent contacts, pairings,
guardians and their history, results of two semesters, key-help plans, safety events, snoozes — and times
side by side in one run, interleaved round by round so load from elsewhere falls on all alike:
- `load_attention()` for every active child of the school, as the principal;
- the attention page (`pairing:attention`) requested as the principal with Django's test client;
- `RAW`: one SQL statement that finds the same children, each with the same reasons and tier, computed in
  the database (thresholds, semesters, snoozes and the principal's safety events included).
It asserts that both find the same children with the same reasons and tiers, and prints the queries, the
median times and the ratios. On PostgreSQL it runs ANALYZE after building and turns JIT off for its
connection. `--profile` prints where load_attention's time goes (cProfile).
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import school as builder

REASONS = [
    "no_talk",
    "no_visit",
    "no_parent_contact",
    "parents_unreachable",
    "poor_guardianship",
    "no_guardian",
    "frail_guardian",
    "family_change",
    "no_pairing",
    "results_declined",
    "follow_up_overdue",
    "disability_without_support",
]

# The whole list in one statement. {localdate(x)} and {days_before(d, n)} are filled in per database;
# %(school)s and %(today)s are parameters. Each reason is its signal's rule in pairing/attention.py.
RAW = """
WITH th AS (
  SELECT COALESCE(MAX(a.no_talk_days), 30) AS talk_days, COALESCE(MAX(a.no_contact_days), 60) AS contact_days,
         COALESCE(MAX(a.rank_drop), 5) AS rank_drop, COALESCE(MAX(a.guardian_age), 70) AS guardian_age,
         COALESCE(MAX(a.change_days), 30) AS change_days
  FROM pairing_attentionsettings a WHERE a.school_id = %(school)s
), cur AS (
  SELECT s.id, s.start_date FROM organisation_semester s WHERE s.school_id = %(school)s AND s.is_current
), prev AS (
  SELECT s.id FROM organisation_semester s, cur
  WHERE s.school_id = %(school)s AND s.start_date < cur.start_date ORDER BY s.start_date DESC LIMIT 1
), ch AS (
  SELECT c.id, c.is_key_help, c.guardianship, c.disability, {localdate(c.created_at)} AS created,
         COALESCE(c.identified_on, {localdate(c.created_at)}) AS since
  FROM children_child c WHERE c.school_id = %(school)s AND c.deleted_at IS NULL AND c.status = 'active'
), tries AS MATERIALIZED (
  SELECT p.child_id, p.reached, ROW_NUMBER() OVER (PARTITION BY p.child_id ORDER BY p.date DESC, p.id DESC) AS n
  FROM guardians_parentcontact p WHERE p.counterpart = 'parent' AND p.child_id IN (SELECT id FROM ch)
), unreachable AS MATERIALIZED (
  SELECT child_id FROM tries WHERE n <= 2 GROUP BY child_id
  HAVING COUNT(*) = 2 AND SUM(CASE WHEN reached THEN 1 ELSE 0 END) = 0
), changes AS MATERIALIZED (
  SELECT h.child_id, MAX({localdate(h.history_date)}) AS day
  FROM (SELECT child_id, history_date FROM guardians_historicalguardian
        UNION ALL SELECT child_id, history_date FROM guardians_historicalparent) h
  JOIN ch ON ch.id = h.child_id
  WHERE {localdate(h.history_date)} > ch.created GROUP BY h.child_id
), facts AS MATERIALIZED (
  SELECT ch.*,
    (SELECT MAX(t.date) FROM pairing_talk t WHERE t.child_id = ch.id) AS last_talk,
    EXISTS (SELECT 1 FROM pairing_homevisit v, cur
            WHERE v.child_id = ch.id AND v.date >= cur.start_date AND v.date <= %(today)s) AS visited,
    (SELECT MAX(p.date) FROM guardians_parentcontact p
     WHERE p.child_id = ch.id AND p.counterpart = 'parent' AND p.reached) AS last_reached,
    (SELECT COUNT(*) FROM guardians_guardian g WHERE g.child_id = ch.id) AS guardians,
    (SELECT COUNT(*) FROM guardians_guardian g, th WHERE g.child_id = ch.id
       AND (COALESCE(g.age, 0) >= th.guardian_age OR g.health = 'poor')) AS frail,
    EXISTS (SELECT 1 FROM pairing_pairing pp WHERE pp.child_id = ch.id AND pp.start_date <= %(today)s
            AND (pp.end_date IS NULL OR pp.end_date >= %(today)s)) AS paired,
    EXISTS (SELECT 1 FROM pairing_pairing pp WHERE pp.child_id = ch.id AND pp.start_date <= %(today)s
            AND (pp.end_date IS NULL OR pp.end_date >= %(today)s) AND pp.focus = 'psychology') AS psychology,
    (SELECT r.class_rank FROM children_academicresult r, cur WHERE r.child_id = ch.id AND r.semester_id = cur.id
     ORDER BY r.id DESC LIMIT 1) AS rank_now,
    (SELECT r.class_rank FROM children_academicresult r, prev WHERE r.child_id = ch.id AND r.semester_id = prev.id
     ORDER BY r.id DESC LIMIT 1) AS rank_before,
    EXISTS (SELECT 1 FROM pairing_talk t WHERE t.child_id = ch.id AND NOT t.follow_up_done
            AND t.follow_up_due < %(today)s AND t.concerns <> '') AS overdue,
    fc.day AS changed_on,
    u.child_id IS NOT NULL AS unreachable,
    (SELECT COUNT(*) FROM pairing_safetyevent e WHERE e.child_id = ch.id AND e.closed_on IS NULL) AS events,
    (SELECT cur.start_date FROM cur) AS semester_start
  FROM ch
  LEFT JOIN changes fc ON fc.child_id = ch.id
  LEFT JOIN unreachable u ON u.child_id = ch.id
), signals AS (
  SELECT f.id, f.is_key_help, f.events,
    COALESCE(f.last_talk, f.since) <= {days_before(%(today)s, th.talk_days)} AS no_talk,
    f.semester_start IS NOT NULL AND NOT f.visited AND (CASE WHEN f.semester_start > f.since THEN f.semester_start
      ELSE f.since END) <= {days_before(%(today)s, th.talk_days)} AS no_visit,
    COALESCE(f.last_reached, f.since) <= {days_before(%(today)s, th.contact_days)} AS no_parent_contact,
    f.unreachable AS parents_unreachable,
    f.guardianship = 'poor' AS poor_guardianship,
    f.guardians = 0 AS no_guardian,
    f.guardians > 0 AND f.frail = f.guardians AS frail_guardian,
    f.changed_on IS NOT NULL AND f.changed_on > {days_before(%(today)s, th.change_days)} AS family_change,
    NOT f.paired AS no_pairing,
    COALESCE(f.rank_now, 0) <> 0 AND COALESCE(f.rank_before, 0) <> 0
      AND f.rank_now - f.rank_before >= th.rank_drop AS results_declined,
    f.overdue AS follow_up_overdue,
    f.disability <> '' AND NOT f.psychology AS disability_without_support
  FROM facts f, th
), reasons AS MATERIALIZED (
  SELECT s.id, s.is_key_help, s.events, {reason_columns}
  FROM signals s
)
SELECT r.id, r.events, {reason_names},
  CASE WHEN r.events > 0 THEN 'act_now'
       WHEN {reason_sum} >= 2 OR ({reason_sum} = 1 AND r.is_key_help) THEN 'close'
       WHEN {reason_sum} = 1 THEN 'reminder' END AS tier
FROM reasons r WHERE r.events > 0 OR {reason_sum} > 0
"""


def raw_sql(vendor: str) -> str:
    """RAW for this database: the local date of a timestamp and date arithmetic differ; the rest is standard."""
    if vendor == "postgresql":
        localdate = "({} AT TIME ZONE 'Asia/Shanghai')::date"
        days_before = "(CAST({} AS date) - {})"
    else:
        localdate = "date({}, '+8 hours')"
        days_before = "date({}, '-' || {} || ' days')"
    not_snoozed = (
        "NOT EXISTS (SELECT 1 FROM pairing_attentionsnooze z WHERE z.child_id = s.id AND z.reason = '{0}'"
        " AND z.until >= %(today)s)"
    )
    sql = RAW.replace(
        "{reason_columns}",
        ", ".join(f"CASE WHEN s.{k} AND {not_snoozed.format(k)} THEN 1 ELSE 0 END AS {k}" for k in REASONS),
    )
    sql = sql.replace("{reason_names}", ", ".join(f"r.{k}" for k in REASONS))
    sql = sql.replace("{reason_sum}", "(" + " + ".join(f"r.{k}" for k in REASONS) + ")")
    sql = _fill(sql, "{localdate(", localdate)
    return _fill(sql, "{days_before(", days_before)


def _fill(sql: str, marker: str, template: str) -> str:
    """Replace each `{name(a, b)}` with the template filled with a and b (arguments without nested commas)."""
    while marker in sql:
        begin = sql.index(marker)
        end = sql.index(")}", begin)
        args = [a.strip() for a in sql[begin + len(marker) : end].split(",")]
        sql = sql[:begin] + template.format(*args) + sql[end + 2 :]
    return sql


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--database-url", help="an EMPTY database instead of a scratch SQLite file")
    parser.add_argument("--profile", action="store_true", help="print where load_attention's time goes")
    args = parser.parse_args()

    builder.setup(args.database_url)
    from django.db import connection
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from children.scoping import children_for
    from pairing.attention import load_attention

    begin = time.perf_counter()
    built = builder.build(children=args.children)
    counts = ", ".join(f"{n} {kind}" for kind, n in built.counts.items())
    print(f"{args.children} children; {counts} ({connection.vendor}, built in {time.perf_counter() - begin:.0f} s)")
    if connection.vendor == "postgresql":
        # Statistics as a running database has them; and no JIT, which PostgreSQL 15 turns on for any statement
        # its planner thinks costly and which made RAW take 1.2–1.6 s instead of 0.24 s (the ORM's queries too).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
            cursor.execute("SET jit = off")
    principal, today = built.principal, timezone.localdate()
    sql, params = raw_sql(connection.vendor), {"school": built.school.pk, "today": today}

    def orm():
        return load_attention(children_for(principal).active(), principal, today=today)

    def raw():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    client = Client()
    client.force_login(principal)
    url = reverse("pairing:attention")

    def page():
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        return response

    # Both find the same children, each with the same reasons and tier.
    found = {e.child.pk: (e.tier, sorted(r.key for r in e.reasons)) for e in orm().entries}
    rows = raw()
    expected = {
        row[0]: (row[-1], sorted(k for k, flag in zip(REASONS, row[2:-1], strict=True) if flag)) for row in rows
    }
    if found != expected:
        differ = sorted(set(found) ^ set(expected)) + [k for k in found if k in expected and found[k] != expected[k]]
        for child_id in differ[:10]:
            print("differs:", child_id, "load_attention", found.get(child_id), "raw", expected.get(child_id))
        raise SystemExit(f"load_attention and the raw SQL disagree on {len(differ)} children")
    tiers = {t: sum(1 for tier, _r in found.values() if tier == t) for t in ("act_now", "close", "reminder")}
    print(
        f"both find {len(found)} children: {tiers}; with a reason each of {len(REASONS)} kinds: "
        + ", ".join(f"{k} {sum(1 for _t, r in found.values() if k in r)}" for k in REASONS)
    )

    connection.force_debug_cursor = True
    queries = {}
    for label, fn in (("raw SQL", raw), ("load_attention", orm), ("attention page", page)):
        fn()  # warm up
        connection.queries_log.clear()
        fn()
        queries[label] = len(connection.queries_log)
    connection.force_debug_cursor = False

    timings: dict[str, list[float]] = {label: [] for label in queries}
    for _ in range(args.runs):  # interleaved: each round times all three
        for label, fn in (("raw SQL", raw), ("load_attention", orm), ("attention page", page)):
            start = time.perf_counter()
            fn()
            timings[label].append((time.perf_counter() - start) * 1000)
    raw_ms = statistics.median(timings["raw SQL"])
    for label, values in timings.items():
        median = statistics.median(values)
        print(
            f"{label:<16} {queries[label]:>3} queries, median {median:7.1f} ms "
            f"(min {min(values):.1f}, max {max(values):.1f}) over {args.runs} runs; {median / raw_ms:5.2f}× the raw SQL"
        )

    if args.profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.runcall(orm)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
