"""A shared builder for the benchmarks: a scratch database and one school with a semester of records.

    from bench import school
    school.setup(args.database_url)            # scratch SQLite file unless an (empty) database URL is given
    built = school.build(children=1000)        # a School namespace: school, principal, classes, heads, ...

`setup()` points Django at the database, migrates it and keeps the whole request's queries in
`connection.queries_log`. `build()` fills one school, over the previous semester and the current one up to
today, with what a year of care leaves behind, each kind with the gaps an attention list should find:
identified children (a few only days ago), parents and guardians (some none, some old or ill, a few changed
in the last weeks, with their history), carers and pairings (some none, some ended, some with a psychology
focus), talks every two to three weeks (some children long without one, some concerns with an overdue
follow-up), a home visit a semester for most, parent and guardian contacts (some unreached), two exams a
semester with class ranks, key-help plans, safety events (a few open) and snoozes. Everything is written
with bulk_create: 1,000 children take about 15 s on SQLite.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def setup(database_url: str | None = None) -> None:
    """Django on `database_url` (an EMPTY database) or on a scratch SQLite file in a temporary folder, migrated;
    every query of a request is kept in `connection.queries_log` once `connection.force_debug_cursor` is set."""
    scratch = Path(tempfile.mkdtemp(prefix="shouwang-bench-")) / "bench.sqlite3"
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{scratch}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.core.signals import request_started
    from django.db import reset_queries
    from django.test.utils import setup_test_environment

    setup_test_environment()
    # Django empties the query log when a request starts; keep it so the whole request is counted.
    request_started.disconnect(reset_queries)
    call_command("migrate", verbosity=0)


@dataclass
class School:
    school: object
    principal: object
    current: object  # the current semester (started 90 days ago)
    previous: object  # the one before
    classes: list = field(default_factory=list)
    heads: list = field(default_factory=list)  # heads[i] is the head teacher of classes[i]
    children: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)  # records written, by kind


def build(children: int = 1000, *, classes: int = 18, seed: int = 2026) -> School:
    """One school of `children` children in `classes` classes with a year of records; see the module docstring."""
    from django.utils import timezone
    from simple_history.utils import bulk_create_with_history, bulk_update_with_history

    from children.models import AcademicResult, Child, GuardianshipAssessment, LeftBehindType
    from children.pinyin import set_name_pinyin
    from guardians.models import Guardian, Parent, ParentContact
    from organisation.models import District, SchoolClass, Semester, User
    from organisation.models import School as SchoolModel
    from organisation.roles import Role
    from pairing.models import (
        AttentionSettings,
        AttentionSnooze,
        Carer,
        CarerKind,
        HomeVisit,
        KeyHelpPlan,
        Pairing,
        SafetyEvent,
        Talk,
    )
    from pairing.services import norms_restore_defaults

    rnd = random.Random(seed)
    today = timezone.localdate()
    district = District.objects.create(name="青山县", code="522799")
    school = SchoolModel.objects.create(district=district, name="石桥小学", code="S1")
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
    AttentionSettings.objects.create(school=school)  # the district's defaults, set explicitly
    principal = User.objects.create_user("principal", full_name="杨国强", role=Role.PRINCIPAL, school=school)
    class_list, heads = [], []
    for i in range(classes):
        school_class = SchoolClass.objects.create(school=school, grade=1 + i % 6, number=1 + i // 6)
        head = User.objects.create_user(f"head{i}", full_name=f"老师{i}", role=Role.HEAD_TEACHER, school=school)
        school_class.head_teachers.add(head)
        class_list.append(school_class)
        heads.append(head)

    surnames, given = "王李张刘陈杨黄赵吴周", ["思琪", "浩然", "欣怡", "子轩", "雨桐", "宇航", "梓涵", "俊杰"]
    new = []
    for i in range(children):
        recent = rnd.random() < 0.04  # identified in the last three weeks: not yet due for most signals
        key_help = rnd.random() < 0.1
        child = Child(
            school=school,
            school_class=class_list[i % classes],
            name=rnd.choice(surnames) + rnd.choice(given),
            gender=rnd.choice("MF"),
            birth_date=today - timedelta(days=9 * 365 + rnd.randint(0, 1800)),
            address="杉木村",
            left_behind_type=rnd.choice(LeftBehindType.values),
            identified_on=today - timedelta(days=rnd.randint(1, 20) if recent else rnd.randint(300, 900)),
            is_key_help=key_help,
            key_help_reason="家庭困难" if key_help else "",
            guardianship=rnd.choices([*GuardianshipAssessment.values, ""], weights=[50, 30, 5, 15])[0],
            disability="听力障碍" if rnd.random() < 0.03 else "",
        )
        set_name_pinyin(child)
        new.append(child)
    Child.objects.bulk_create(new)
    # The archives were made a year ago: what was written then is not a "recent change".
    archived = timezone.make_aware(datetime.combine(today - timedelta(days=365), time(9)))
    Child.objects.filter(school=school).update(created_at=archived)
    kids = list(Child.objects.filter(school=school).order_by("pk"))

    parents = [
        Parent(child=c, relation=r, name="家长", phone="13812345678", work_city="东莞")
        for c in kids
        for r in (("father", "mother") if rnd.random() < 0.9 else ("father",))
    ]
    bulk_create_with_history(parents, Parent, batch_size=2000, default_date=archived)
    guardians = [
        Guardian(
            child=c,
            name="王桂兰",
            relation="grandmother",
            age=rnd.choice([None, rnd.randint(40, 76)]),
            health="poor" if rnd.random() < 0.06 else "good",
        )
        for c in kids
        if rnd.random() < 0.94
    ]
    bulk_create_with_history(guardians, Guardian, batch_size=2000, default_date=archived)
    # A guardian's phone or a parent's workplace changed in the last 50 days for about 6 % of the children.
    saved_guardians = list(Guardian.objects.filter(child__school=school))
    saved_parents = list(Parent.objects.filter(child__school=school))
    for model, rows, attr, value in (
        (Guardian, saved_guardians, "phone", "13900000000"),
        (Parent, saved_parents, "work_city", "深圳"),
    ):
        changed = rnd.sample(rows, len(rows) // 30)
        by_day: dict[date, list] = {}
        for row in changed:
            setattr(row, attr, value)
            by_day.setdefault(today - timedelta(days=rnd.randint(0, 50)), []).append(row)
        for day, group in by_day.items():
            when = timezone.make_aware(datetime.combine(day, time(10)))
            bulk_update_with_history(group, model, [attr], default_date=when)

    carers = Carer.objects.bulk_create(
        Carer(school=school, name=f"爱心妈妈{i}", kind=rnd.choice(CarerKind.values)) for i in range(children // 15 + 1)
    )
    pairings = []
    for i, c in enumerate(kids):
        carer = carers[i % len(carers)]
        focus = rnd.choices(["study", "life", "psychology"], weights=[50, 35, 15])[0]
        roll = rnd.random()
        if roll < 0.05:
            continue  # never paired
        if roll < 0.08:  # paired last year, the pairing has ended
            pairings.append(
                Pairing(
                    child=c,
                    carer=carer,
                    kind=carer.kind,
                    focus=focus,
                    start_date=previous.start_date,
                    end_date=start - timedelta(days=10),
                )
            )
            continue
        pairings.append(Pairing(child=c, carer=carer, kind=carer.kind, focus=focus, start_date=previous.start_date))
    Pairing.objects.bulk_create(pairings, batch_size=2000)

    head_of = {c.pk: heads[i % classes] for i, c in enumerate(kids)}
    talks, visits, contacts = [], [], []
    for c in kids:
        since = c.identified_on
        quiet_from = today - timedelta(days=rnd.randint(20, 80)) if rnd.random() < 0.25 else today + timedelta(1)
        day = max(since, previous.start_date) + timedelta(days=rnd.randint(0, 10))
        while day <= today:
            if day < quiet_from:
                concern = rnd.random() < 0.04
                due = day + timedelta(days=14) if concern else None
                talks.append(
                    Talk(
                        child=c,
                        date=day,
                        recorded_by=head_of[c.pk],
                        topics=["study"],
                        content="聊了学习和生活",
                        concerns="想妈妈，夜里哭" if concern else "",
                        follow_up="下周再谈" if concern else "",
                        follow_up_due=due,
                        follow_up_done=bool(concern and due < today and rnd.random() < 0.85),
                    )
                )
            day += timedelta(days=rnd.randint(12, 24))
        for sem_start, sem_end in ((previous.start_date, previous.end_date), (start, today)):
            if sem_end < since:
                continue
            first = max(sem_start, since)
            span = (sem_end - first).days
            if rnd.random() < 0.85:
                visits.append(
                    HomeVisit(child=c, date=first + timedelta(days=rnd.randint(0, span)), home_situation="正常")
                )
            for _ in range(rnd.randint(1, 4)):
                contacts.append(
                    ParentContact(
                        child=c,
                        date=first + timedelta(days=rnd.randint(0, span)),
                        counterpart=rnd.choices(["parent", "guardian"], weights=[3, 1])[0],
                        reached=rnd.random() < 0.8,
                        recorded_by=head_of[c.pk],
                        summary="电话沟通",
                    )
                )
    Talk.objects.bulk_create(talks, batch_size=2000)
    HomeVisit.objects.bulk_create(visits, batch_size=2000)
    ParentContact.objects.bulk_create(contacts, batch_size=2000)

    results, standing = [], {c.pk: rnd.randint(1, 50) for c in kids}  # each child's usual class rank
    for sem in (previous, current):
        for exam in ("期中", "期末") if sem is previous else ("期中",):
            results += [
                AcademicResult(
                    child=c,
                    semester=sem,
                    exam=exam,
                    total=rnd.randint(100, 200),
                    class_rank=None
                    if rnd.random() < 0.05
                    else min(50, max(1, round(standing[c.pk] + rnd.gauss(0, 2.5)))),
                )
                for c in kids
                if rnd.random() < 0.95
            ]
    AcademicResult.objects.bulk_create(results, batch_size=2000)

    plans = [
        KeyHelpPlan(
            child=c,
            reasons=c.key_help_reason,
            goals="稳定情绪",
            measures="每周谈心",
            carer=carers[0],
            start_date=start - timedelta(days=rnd.randint(0, 100)),
            review_every_days=30,
        )
        for c in kids
        if c.is_key_help
    ]
    KeyHelpPlan.objects.bulk_create(plans)
    events = [
        SafetyEvent(
            child=c,
            date=today - timedelta(days=rnd.randint(1, 60)),
            kind=rnd.choice(SafetyEvent.Kind.values),
            what_happened="放学未回家",
            actions="已联系家长",
            recorded_by=head_of[c.pk],
            closed_on=None if rnd.random() < 0.5 else today,
        )
        for c in rnd.sample(kids, max(1, children // 50))
    ]
    SafetyEvent.objects.bulk_create(events)
    snoozes = [
        AttentionSnooze(
            child=c,
            reason=rnd.choice(["no_talk", "no_visit", "no_parent_contact", "no_pairing"]),
            until=today + timedelta(days=rnd.randint(-10, 20)),
            note="家长春节回来",
            created_by=principal,
        )
        for c in rnd.sample(kids, max(1, children // 25))
    ]
    AttentionSnooze.objects.bulk_create(snoozes)

    counts = {
        "talks": len(talks),
        "visits": len(visits),
        "contacts": len(contacts),
        "parents": len(parents),
        "guardians": len(guardians),
        "pairings": len(pairings),
        "results": len(results),
        "key-help plans": len(plans),
        "safety events": len(events),
        "snoozes": len(snoozes),
    }
    return School(school, principal, current, previous, class_list, heads, kids, counts)
