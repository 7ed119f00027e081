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

Then checks that the raw SQL computes the care pages' numbers (every status of a class and of a school,
the due lists, the attention list with tiers and reasons, the school totals: `check_raw`, which stops the
run on any difference), requests each page with Django's test client (the whole request: session, user and
page queries) and runs the raw SQL beside it, interleaved (a request, then the raw SQL, `--requests`
times, so load from other work falls on both alike), and prints per page: the number of queries, the
median server time, the median time of the raw SQL and their ratio, and for the care pages the time and
ratio of the per-child counts the first versions of this script compared with (fewer numbers than the
pages show).
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

# The care norms computed inside PostgreSQL: per child and norm of the school, over the semester's buckets
# (ISO weeks, calendar months, the semester) started by today, the work required and done (capped at the
# norm's count per bucket), the ended buckets short of it, what is still due in the current bucket, whether
# the last ended bucket was short, and the last qualifying record: the numbers pairing/compliance.py
# computes, for the data this script builds. Who counts follows the engine: anyone; a head teacher of the
# child's class among the people who did the work (a talk's carer's login when a carer had it, otherwise
# whoever recorded it; a visit's carers and staff; a contact's recorder); a carer of the norm's kind paired
# with the child on the record's day. A child is owed a bucket when eligible (identified by then, and for a
# paired-carer norm paired with a carer of that kind) for at least half its days. Left out, which makes this
# SQL cheaper than the pages' work, not dearer: status changes and key-help plans (this data has none) and
# the viewer's scoping (the pages' children come through children_for; this SQL names the class or school).
_COMPLIANCE = """
WITH kids AS (
  SELECT c.id, c.name, c.school_class_id AS class_id, c.is_key_help,
    COALESCE(c.identified_on, (c.created_at AT TIME ZONE 'Asia/Shanghai')::date) AS since
  FROM children_child c WHERE {ACTIVE} AND {where}
),
norms AS (
  SELECT n.id, n.kind, n.count, n.period, n.by, n.carer_kind, n.applies_to
  FROM pairing_carenorm n WHERE n.school_id = %(school)s AND n.is_active
),
b AS (
  SELECT period, lo, hi, (hi - lo + 2) / 2 AS half, hi < %(today)s AS ended FROM (
    SELECT 'semester' AS period, %(start)s::date AS lo, %(end)s::date AS hi
    UNION ALL
    SELECT 'week', GREATEST(w::date, %(start)s::date), LEAST(w::date + 6, %(end)s::date)
      FROM generate_series(date_trunc('week', %(start)s::timestamp), %(end)s::timestamp, interval '1 week') w
    UNION ALL
    SELECT 'month', GREATEST(m::date, %(start)s::date), LEAST((m + interval '1 month')::date - 1, %(end)s::date)
      FROM generate_series(date_trunc('month', %(start)s::timestamp), %(end)s::timestamp, interval '1 month') m
  ) x WHERE lo <= %(today)s
),
pair AS (
  SELECT p.child_id, p.carer_id, p.kind, p.start_date, p.end_date
  FROM pairing_pairing p JOIN children_child c ON c.id = p.child_id
  WHERE {ACTIVE} AND {where} AND p.start_date <= %(end)s AND (p.end_date IS NULL OR p.end_date >= %(start)s)
),
work AS (
  SELECT t.child_id, c.school_class_id AS class_id, 'talk' AS kind, t.id AS rec, t.date, t.carer_id,
    CASE WHEN t.carer_id IS NULL THEN t.recorded_by_id ELSE k.user_id END AS user_id
  FROM pairing_talk t JOIN children_child c ON c.id = t.child_id LEFT JOIN pairing_carer k ON k.id = t.carer_id
  WHERE {ACTIVE} AND {where} AND t.date BETWEEN %(start)s AND %(end)s
  UNION ALL
  SELECT v.child_id, c.school_class_id, 'home_visit', v.id, v.date, NULL, NULL
  FROM pairing_homevisit v JOIN children_child c ON c.id = v.child_id
  WHERE {ACTIVE} AND {where} AND v.date BETWEEN %(start)s AND %(end)s
  UNION ALL
  SELECT p.child_id, c.school_class_id,
    CASE WHEN p.counterpart = 'guardian' THEN 'guardian_contact' ELSE 'parent_contact' END,
    p.id, p.date, k.id, p.recorded_by_id
  FROM guardians_parentcontact p JOIN children_child c ON c.id = p.child_id
    LEFT JOIN pairing_carer k ON k.user_id = p.recorded_by_id AND k.school_id = %(school)s
  WHERE {ACTIVE} AND {where} AND p.reached AND p.date BETWEEN %(start)s AND %(end)s
),
-- The people of each record: a talk's or contact's one, a visit's carers (with their logins) and staff.
people AS (
  SELECT w.child_id, w.class_id, w.kind, w.rec, w.date, w.carer_id, w.user_id FROM work w
  WHERE w.kind <> 'home_visit'
  UNION ALL
  SELECT w.child_id, w.class_id, w.kind, w.rec, w.date, vc.carer_id, k.user_id FROM work w
    JOIN pairing_homevisit_carers vc ON vc.homevisit_id = w.rec JOIN pairing_carer k ON k.id = vc.carer_id
  WHERE w.kind = 'home_visit'
  UNION ALL
  SELECT w.child_id, w.class_id, w.kind, w.rec, w.date, NULL, vs.user_id FROM work w
    JOIN pairing_homevisit_staff vs ON vs.homevisit_id = w.rec
  WHERE w.kind = 'home_visit'
),
qual AS (
  SELECT w.child_id, n.id AS norm_id, n.period, w.rec, w.date FROM work w JOIN norms n ON n.kind = w.kind
  WHERE n.by = 'any'
  UNION ALL
  SELECT DISTINCT w.child_id, n.id, n.period, w.rec, w.date FROM people w JOIN norms n ON n.kind = w.kind
    JOIN organisation_schoolclass_head_teachers h ON h.schoolclass_id = w.class_id AND h.user_id = w.user_id
  WHERE n.by = 'head_teacher'
  UNION ALL
  SELECT DISTINCT w.child_id, n.id, n.period, w.rec, w.date FROM people w JOIN norms n ON n.kind = w.kind
    JOIN pair p ON p.child_id = w.child_id AND p.kind = n.carer_kind AND p.carer_id = w.carer_id
      AND p.start_date <= w.date AND (p.end_date IS NULL OR w.date <= p.end_date)
  WHERE n.by = 'paired_carer'
),
cells AS (
  SELECT kd.id AS child_id, kd.class_id, n.id AS norm_id, n.count, b.lo, b.hi, b.ended
  FROM kids kd CROSS JOIN norms n JOIN b ON b.period = n.period
  WHERE (n.applies_to = 'all' OR kd.is_key_help)
    AND CASE WHEN n.by = 'paired_carer' THEN (
          SELECT COALESCE(sum(GREATEST(0,
            LEAST(COALESCE(p.end_date, b.hi), b.hi) - GREATEST(p.start_date, b.lo, kd.since) + 1)), 0)
          FROM pair p WHERE p.child_id = kd.id AND p.kind = n.carer_kind)
        ELSE GREATEST(0, b.hi - GREATEST(b.lo, kd.since) + 1) END >= b.half
),
done AS (
  SELECT q.child_id, q.norm_id, GREATEST(CASE q.period WHEN 'week' THEN date_trunc('week', q.date)::date
      WHEN 'month' THEN date_trunc('month', q.date)::date ELSE %(start)s::date END, %(start)s::date) AS lo,
    count(*) AS done
  FROM qual q GROUP BY 1, 2, 3
),
counted AS (
  SELECT c.child_id, c.class_id, c.norm_id, c.count, c.lo, c.ended, COALESCE(d.done, 0) AS done
  FROM cells c LEFT JOIN done d ON d.child_id = c.child_id AND d.norm_id = c.norm_id AND d.lo = c.lo
),
status AS (
  SELECT child_id, class_id, norm_id, sum(count) AS required, sum(LEAST(done, count)) AS done,
    count(*) FILTER (WHERE ended AND done < count) AS overdue,
    COALESCE(max(count - done) FILTER (WHERE NOT ended AND done < count), 0) AS due_now,
    COALESCE((array_agg(done < count ORDER BY lo DESC) FILTER (WHERE ended))[1], false) AS missed_last
  FROM counted GROUP BY child_id, class_id, norm_id
)
"""

# Each care page's numbers from the statuses above (run_checks compares them with the engine's first).
_GRID = (
    _COMPLIANCE
    + """
SELECT kd.id, kd.name, s.norm_id, s.required, s.done, s.overdue, s.due_now, s.missed_last, l.last_done
FROM kids kd LEFT JOIN status s ON s.child_id = kd.id
  LEFT JOIN (SELECT child_id, norm_id, max(date) AS last_done FROM qual GROUP BY child_id, norm_id) l
    ON l.child_id = s.child_id AND l.norm_id = s.norm_id
ORDER BY kd.class_id, kd.name, s.norm_id
"""
)
_DUE = (
    _COMPLIANCE
    + """
SELECT kd.id, kd.name, s.norm_id, s.due_now, s.missed_last FROM status s JOIN kids kd ON kd.id = s.child_id
WHERE s.due_now > 0 ORDER BY s.norm_id, NOT s.missed_last, kd.class_id, kd.name
"""
)
_TOTALS = (
    _COMPLIANCE
    + """
SELECT 'class', class_id, count(DISTINCT child_id) FILTER (WHERE overdue > 0), sum(required), sum(done)
  FROM status GROUP BY class_id
UNION ALL
SELECT 'norm', norm_id, count(*) FILTER (WHERE overdue > 0), sum(required), sum(done) FROM status GROUP BY norm_id
UNION ALL
SELECT 'children', class_id, count(*), 0, 0 FROM kids GROUP BY class_id
"""
)
# My week's attention panel (pairing/attention.py) computed inside PostgreSQL: per child the facts its signals
# read, the reasons that hold (less those snoozed) and the tier, with the built-in thresholds (the schools
# here set none); every child on the list, most urgent first.
_ATTENTION = """
WITH kids AS (
  SELECT c.id, c.name, c.school_class_id, c.is_key_help, c.guardianship, c.disability,
    (c.created_at AT TIME ZONE 'Asia/Shanghai')::date AS created,
    COALESCE(c.identified_on, (c.created_at AT TIME ZONE 'Asia/Shanghai')::date) AS since
  FROM children_child c WHERE {ACTIVE} AND {where}
),
sem AS (SELECT s.id, s.start_date FROM organisation_semester s WHERE s.school_id = %(school)s AND s.is_current),
prev AS (
  SELECT s.id FROM organisation_semester s WHERE s.school_id = %(school)s
    AND s.start_date < (SELECT start_date FROM sem) ORDER BY s.start_date DESC LIMIT 1
),
facts AS (
  SELECT k.*,
    (SELECT max(t.date) FROM pairing_talk t WHERE t.child_id = k.id) AS last_talk,
    EXISTS (SELECT 1 FROM pairing_homevisit v WHERE v.child_id = k.id AND v.date <= %(today)s
      AND v.date >= (SELECT start_date FROM sem)) AS visited,
    (SELECT max(p.date) FROM guardians_parentcontact p
      WHERE p.child_id = k.id AND p.counterpart = 'parent' AND p.reached) AS last_reached,
    ARRAY(SELECT p.reached FROM guardians_parentcontact p WHERE p.child_id = k.id AND p.counterpart = 'parent'
      ORDER BY p.date DESC, p.id DESC LIMIT 2) AS tries,
    EXISTS (SELECT 1 FROM pairing_pairing p WHERE p.child_id = k.id AND p.start_date <= %(today)s
      AND (p.end_date IS NULL OR p.end_date >= %(today)s)) AS paired,
    EXISTS (SELECT 1 FROM pairing_pairing p WHERE p.child_id = k.id AND p.start_date <= %(today)s
      AND (p.end_date IS NULL OR p.end_date >= %(today)s) AND p.focus = 'psychology') AS psychology,
    EXISTS (SELECT 1 FROM pairing_talk t WHERE t.child_id = k.id AND NOT t.follow_up_done
      AND t.follow_up_due < %(today)s AND t.concerns <> '') AS overdue,
    (SELECT count(*) FROM guardians_guardian g WHERE g.child_id = k.id) AS guardians,
    (SELECT count(*) FROM guardians_guardian g WHERE g.child_id = k.id
      AND (COALESCE(g.age, 0) >= %(guardian_age)s OR g.health = 'poor')) AS frail,
    (SELECT max(d) FROM (
      SELECT (h.history_date AT TIME ZONE 'Asia/Shanghai')::date AS d FROM guardians_historicalguardian h
        WHERE h.child_id = k.id AND h.history_date >= %(change_since)s
      UNION ALL
      SELECT (h.history_date AT TIME ZONE 'Asia/Shanghai')::date FROM guardians_historicalparent h
        WHERE h.child_id = k.id AND h.history_date >= %(change_since)s) x WHERE d > k.created) AS changed,
    (SELECT r.class_rank FROM children_academicresult r WHERE r.child_id = k.id
      AND r.semester_id = (SELECT id FROM sem) ORDER BY r.id DESC LIMIT 1) AS rank_now,
    (SELECT r.class_rank FROM children_academicresult r WHERE r.child_id = k.id
      AND r.semester_id = (SELECT id FROM prev) ORDER BY r.id DESC LIMIT 1) AS rank_before,
    ARRAY(SELECT z.reason FROM pairing_attentionsnooze z WHERE z.child_id = k.id AND z.until >= %(today)s) AS snoozed,
    EXISTS (SELECT 1 FROM pairing_safetyevent e WHERE e.child_id = k.id AND e.closed_on IS NULL
      AND (%(principal)s OR e.recorded_by_id = %(viewer)s)) AS safety
  FROM kids k
),
listed AS (
  SELECT f.id, f.name, f.school_class_id, f.is_key_help, f.safety, ARRAY(
    SELECT r FROM unnest(ARRAY[
      CASE WHEN %(today)s - COALESCE(f.last_talk, f.since) >= %(no_talk)s THEN 'no_talk' END,
      CASE WHEN NOT f.visited AND (SELECT start_date FROM sem) IS NOT NULL
        AND %(today)s - GREATEST((SELECT start_date FROM sem), f.since) >= %(no_talk)s THEN 'no_visit' END,
      CASE WHEN %(today)s - COALESCE(f.last_reached, f.since) >= %(no_contact)s THEN 'no_parent_contact' END,
      CASE WHEN cardinality(f.tries) = 2 AND NOT (f.tries[1] OR f.tries[2]) THEN 'parents_unreachable' END,
      CASE WHEN f.guardianship = 'poor' THEN 'poor_guardianship' END,
      CASE WHEN f.guardians = 0 THEN 'no_guardian' END,
      CASE WHEN f.guardians > 0 AND f.frail = f.guardians THEN 'frail_guardian' END,
      CASE WHEN %(today)s - f.changed < %(change_days)s THEN 'family_change' END,
      CASE WHEN NOT f.paired THEN 'no_pairing' END,
      CASE WHEN f.rank_now - f.rank_before >= %(rank_drop)s THEN 'results_declined' END,
      CASE WHEN f.overdue THEN 'follow_up_overdue' END,
      CASE WHEN f.disability <> '' AND NOT f.psychology THEN 'disability_without_support' END
    ]) r WHERE r IS NOT NULL AND r <> ALL(f.snoozed)) AS reasons
  FROM facts f
)
SELECT id, name, school_class_id, reasons,
  CASE WHEN safety THEN 'act_now' WHEN cardinality(reasons) >= 2 OR (cardinality(reasons) = 1 AND is_key_help)
    THEN 'close' WHEN cardinality(reasons) = 1 THEN 'reminder' END AS tier
FROM listed WHERE safety OR cardinality(reasons) > 0
ORDER BY CASE WHEN safety THEN 0 WHEN cardinality(reasons) >= 2 OR is_key_help THEN 1 ELSE 2 END,
  cardinality(reasons) DESC, school_class_id, name
"""

# My week's other lists: follow-ups due within a week, birthdays this month, key-help plans with their last
# review.
_WEEK_REST = [
    f"""SELECT t.id, t.child_id, t.follow_up_due FROM pairing_talk t JOIN children_child c ON c.id = t.child_id
      WHERE {_ACTIVE_CHILD} AND {{where}} AND NOT t.follow_up_done AND t.follow_up_due <= %(horizon)s
      ORDER BY t.follow_up_due""",
    f"""SELECT c.id, c.name, c.birth_date FROM children_child c
      WHERE {_ACTIVE_CHILD} AND {{where}} AND extract(month FROM c.birth_date) = %(month)s
      ORDER BY extract(day FROM c.birth_date)""",
    f"""SELECT p.id, p.child_id, (SELECT max(r.date) FROM pairing_planreview r WHERE r.plan_id = p.id)
      FROM pairing_keyhelpplan p JOIN children_child c ON c.id = p.child_id
      WHERE {_ACTIVE_CHILD} AND {{where}} AND p.start_date <= %(today)s
        AND (p.end_date IS NULL OR p.end_date >= %(today)s)""",
]
_IN_CLASS, _IN_SCHOOL = "c.school_class_id = %(class)s", "c.school_id = %(school)s"


def _care(statement: str, where: str) -> str:
    return statement.format(ACTIVE=_ACTIVE_CHILD, where=where)


# The numbers the first versions of this script stood beside (per child the semester's talks, visits and
# reached contacts with the last dates; per class their sums): fewer than the pages show, kept to compare.
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
COUNTS = {
    "class grid": [_WORK_PER_CHILD.format(where=_IN_CLASS)],
    "my week": [_WORK_PER_CHILD.format(where=_IN_CLASS)],
    "my week (school)": [_WORK_PER_CHILD.format(where=_IN_SCHOOL)],
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
}

RAW = {
    # The class's grid: every child with its status per norm.
    "class grid": [_care(_GRID, _IN_CLASS)],
    # My week: what is due per child and norm, the follow-ups, the birthdays and the plans.
    "my week": [_care(_DUE, _IN_CLASS), *(q.format(where=_IN_CLASS) for q in _WEEK_REST), _care(_ATTENTION, _IN_CLASS)],
    "my week (school)": [
        _care(_DUE, _IN_SCHOOL),
        *(q.format(where=_IN_SCHOOL) for q in _WEEK_REST),
        _care(_ATTENTION, _IN_SCHOOL),
    ],
    # The school totals: per class children, work required and done, children overdue; per norm the same.
    "overview": [_care(_TOTALS, _IN_SCHOOL)],
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


def attention_params(today) -> dict:
    """The attention list's built-in thresholds, and the moment from which a family change counts."""
    from datetime import datetime, time

    from django.utils import timezone

    from pairing.attention import Thresholds

    t = Thresholds()
    return {
        "no_talk": t.no_talk_days,
        "no_contact": t.no_contact_days,
        "rank_drop": t.rank_drop,
        "guardian_age": t.guardian_age,
        "change_days": t.change_days,
        "change_since": timezone.make_aware(datetime.combine(today - timedelta(days=t.change_days), time.min)),
    }


def check_raw(params, school_class, head, principal, today) -> None:
    """Stop unless the raw SQL computes the pages' numbers: each status (child, norm) of the class and of the
    school and the due lists (load_compliance), each child on the attention list with its tier and reasons
    (load_attention, as the head teacher and as the principal), and the school totals (school_totals)."""
    from django.db import connection

    from children.scoping import children_for
    from organisation.models import SchoolClass
    from pairing.attention import load_attention
    from pairing.selectors import load_compliance
    from pairing.summaries import school_totals

    def run(statement, **more):
        with connection.cursor() as cursor:
            cursor.execute(statement, {**params, **more})
            return cursor.fetchall()

    checked = []
    for user, where in ((head, _IN_CLASS), (principal, _IN_SCHOOL)):
        children = children_for(user).active()
        if where == _IN_CLASS:
            children = children.filter(school_class=school_class)
        _children, result = load_compliance(children, today=today)
        engine = {
            (child_id, s.norm.id): (s.required, s.done, s.overdue_buckets, s.due_now, s.missed_last, s.last_done)
            for child_id, statuses in result.by_child.items()
            for s in statuses
            if s.applies
        }
        raw = {(row[0], row[2]): tuple(row[3:]) for row in run(_care(_GRID, where)) if row[2] is not None}
        assert raw == engine, f"the raw SQL's statuses differ from the engine's ({where})"
        due = {(row[0], row[2]): (row[3], row[4]) for row in run(_care(_DUE, where))}
        assert due == {key: (v[3], v[4]) for key, v in engine.items() if v[3]}, "the due lists differ"
        checked.append(len(engine))
        listed = load_attention(children_for(user).active(), user, today=today)
        engine_list = {e.child.pk: (e.tier, [r.key for r in e.reasons]) for e in listed.entries}
        rows = run(_care(_ATTENTION, where), viewer=user.pk, principal=user == principal)
        raw_list = {row[0]: (row[4], list(row[3])) for row in rows}
        assert raw_list == engine_list, f"the raw attention list differs from the engine's ({where})"
        checked.append(len(engine_list))
    totals = school_totals(children_for(principal).active(), SchoolClass.objects.filter(school_id=params["school"]))
    rows = run(_care(_TOTALS, _IN_SCHOOL))
    by_class = {class_id: (n, req, done) for kind, class_id, n, req, done in rows if kind == "class"}
    counts = {class_id: n for kind, class_id, n, _r, _d in rows if kind == "children"}
    for school_class_, row in totals["class_rows"]:
        if row["children"]:
            overdue, required, done = by_class.get(school_class_.pk, (0, 0, 0))
            assert (counts[school_class_.pk], overdue, required, done) == (
                row["children"],
                row["overdue"],
                row["required"],
                row["done"],
            ), f"class {school_class_.pk}: the raw totals differ"
    by_norm = {norm_id: (n, req, done) for kind, norm_id, n, req, done in rows if kind == "norm"}
    for row in totals["norm_rows"]:
        assert by_norm.get(row["norm"].id, (0, 0, 0)) == (row["overdue"], row["required"], row["done"]), "norm totals"
    print(
        f"raw SQL checked against the engines: the same {checked[0]} statuses and {checked[1]} children on the"
        f" attention list for the class, {checked[2]} and {checked[3]} for the school, and the school totals"
    )


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
        "today": today,
        "horizon": today + timedelta(days=7),
        "month": today.month,
        **attention_params(today),
    }
    head_params = {**params, "viewer": head.pk, "principal": False}
    principal_params = {**params, "viewer": principal.pk, "principal": True}
    district_params = {**params, "schools": school_ids}
    pages = [
        ("class grid, class of 50", head, f"/care/classes/{school_class.pk}/grid/", "class grid", params),
        ("my week, head teacher (50)", head, "/care/my-week/", "my week", head_params),
        (f"my week, principal ({args.children})", principal, "/care/my-week/", "my week (school)", principal_params),
        (f"overview, principal ({args.children})", principal, "/care/overview/", "overview", params),
        (f"child list, principal ({args.children})", principal, "/children/", "child list", params),
        (f"district home ({args.schools} schools)", officer, "/", "district home", district_params),
    ]
    check_raw(params, school_class, head, principal, today)
    connection.force_debug_cursor = True
    print(
        f"{'page':<36} {'queries':>7} {'SQL ms':>7} {'page ms':>8} {'raw SQL ms':>10} {'ratio':>6}"
        f" {'counts ms':>9} {'ratio':>6}"
    )
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

        def run(statements, raw_params=raw_params):
            with connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement, raw_params)
                    cursor.fetchall()

        baselines = [RAW[raw_key], COUNTS.get(raw_key, ())]
        for statements in baselines:
            run(statements)  # warm up
        # Interleaved, a page then its raw SQL in each round, so load from other work falls on both alike.
        page_times, raw_times = [], [[], []]
        for _ in range(args.requests):
            page_times.append(median_ms(lambda url=url, client=client: client.get(url), 1))
            for times, statements in zip(raw_times, baselines, strict=True):
                times.append(median_ms(lambda statements=statements: run(statements), 1) if statements else 0)
        page_ms, raw_ms, counts_ms = statistics.median(page_times), *map(statistics.median, raw_times)
        counts = f"{counts_ms:>9.1f} {page_ms / counts_ms:>5.1f}×" if counts_ms else ""
        print(
            f"{label:<36} {len(queries):>7} {sql_ms:>7.1f} {page_ms:>8.1f} {raw_ms:>10.1f} {page_ms / raw_ms:>5.1f}×"
            f" {counts}",
            flush=True,
        )
        if os.environ.get("BENCH_SHOW_SQL"):
            for q in queries:
                print(f"    {float(q['time']) * 1000:6.1f} ms  {q['sql'][:300]}")


if __name__ == "__main__":
    main()
