"""Demo data of the pairing app, built by `seed_demo` after the apps below it. Idempotent.

Per school: the default care norms; carers (loving mothers of the Women's Federation without logins,
each with her own mobile number, subject teachers, student buddies; in the first school also the demo
login "carer", a loving mother paired with a few children of grade 3 class 1); pairings for most
children (some have none, a few key-help children have two, one ended mid-semester); and the current
semester's talks, home visits and parent/guardian contacts, done irregularly enough that some
children are overdue.
"""

import random
from datetime import date, timedelta

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from children.models import Child
from guardians.models import ParentContact
from organisation.demo import DemoOrganisation
from pairing.models import Carer, CarerKind, HomeVisit, Pairing, SafetyEvent, Talk, Topic
from pairing.services import norms_ensure_defaults

_MOTHERS = ["刘桂兰", "陈淑芬", "周玉梅", "黄秀珍", "吴春燕", "郑丽华"]
_TEACHERS = ["孙建军", "马晓燕", "胡志强"]
_BUDDIES = ["杨一鸣", "何欣然", "罗子涵"]
_CONTENT = [
    "聊了这周的学习，数学作业按时完成了，鼓励他继续保持。",
    "说想妈妈了，妈妈过年才回来。陪她聊了一会儿，约好周末一起给妈妈打电话。",
    "和同桌闹了点矛盾，已经和好。提醒要多和同学一起玩。",
    "最近睡得不太好，奶奶身体不舒服，孩子有些担心。",
    "主动说起了在学校的开心事，参加了合唱队。",
    "作业有几次没交，问了原因，晚上要帮爷爷干农活。和班主任商量调整。",
]
_SITUATIONS = [
    "爷爷奶奶照顾，家里整洁，孩子有独立的学习桌。",
    "奶奶年纪大、腿脚不便，孩子放学后要做家务。",
    "外婆照顾，家境困难，住房较旧，已反映给学校申请资助。",
]
_ADVICE = ["督促孩子按时完成作业，每周和父母通一次视频。", "注意孩子饮食和睡眠，有困难及时联系班主任。"]


def seed(org: DemoOrganisation) -> None:
    for index, school in enumerate(org.schools):
        norms_ensure_defaults(school=school)
        rnd = random.Random(f"pairing-{school.code}")
        carers = _carers(school, org, index=index)
        children = list(Child.objects.filter(school=school).select_related("school_class").order_by("pk"))
        if not children:
            continue
        semester = org.current.get(school.code)
        start = semester.start_date if semester else timezone.localdate().replace(day=1)
        _pairings(school, org, children, carers, start, rnd, first=index == 0)
        if not Talk.objects.filter(child__school=school).exists():
            _records(org, children, start, rnd)
        _attention(org, school, children, rnd)


def _mother_phone(school_index: int, mother_index: int) -> str:
    """A distinct, valid mobile number per loving mother of every school (139 0854 xxxx); 6173 is coprime
    with 10000, so different (school, mother) pairs give different last four digits."""
    return f"1390854{(school_index * 10 + mother_index + 1) * 6173 % 10000:04d}"


def _carers(school, org, *, index: int) -> list[Carer]:
    carers = []
    for i, name in enumerate(_MOTHERS):
        carers.append(
            Carer.objects.get_or_create(
                school=school, name=name,
                defaults={"kind": CarerKind.LOVING_MOTHER, "organisation": "青山县妇联",
                          "phone": _mother_phone(index, i)},
            )[0]
        )  # fmt: skip
    for name in _TEACHERS:
        carers.append(
            Carer.objects.get_or_create(
                school=school, name=name, defaults={"kind": CarerKind.TEACHER, "organisation": school.name}
            )[0]
        )
    for name in _BUDDIES:
        carers.append(
            Carer.objects.get_or_create(
                school=school, name=name, defaults={"kind": CarerKind.STUDENT_BUDDY, "organisation": "六年级"}
            )[0]
        )
    if index == 0 and "carer" in org.users:
        # The demo login is a loving mother of the Women's Federation who logs her own work.
        user = org.users["carer"]
        carer, _ = Carer.objects.get_or_create(
            user=user,
            defaults={
                "school": school,
                "name": user.full_name,
                "kind": CarerKind.LOVING_MOTHER,
                "organisation": "青山县妇联",
                "phone": _mother_phone(index, len(_MOTHERS)),
            },
        )
        carers.insert(0, carer)
    return carers


def _pairings(school, org, children, carers, start: date, rnd: random.Random, *, first: bool) -> None:
    if Pairing.objects.filter(child__school=school).exists():
        return
    today = timezone.localdate()
    since = start - timedelta(days=120)
    login_carer = carers[0] if first and carers[0].user_id else None
    g3c1 = [c for c in children if (c.school_class.grade, c.school_class.number) == (3, 1)]
    others = [c for c in carers if c != login_carer]
    rows = []
    for child in children:
        if login_carer and child in g3c1[:4]:
            rows.append(Pairing(child=child, carer=login_carer, kind=login_carer.kind, focus="life", start_date=since))
            continue
        if rnd.random() < 0.12:
            continue  # no carer yet: shows on the coverage page
        carer = rnd.choice(others)
        rows.append(
            Pairing(child=child, carer=carer, kind=carer.kind, focus=rnd.choice(["study", "life"]), start_date=since)
        )
        if child.is_key_help:  # "3+1": a second carer for key-help children
            second = rnd.choice([c for c in others if c != carer])
            rows.append(Pairing(child=child, carer=second, kind=second.kind, focus="psychology", start_date=start))
    if len(rows) > 3 and start + timedelta(days=30) < today:
        ended = rows[-1]
        ended.end_date = start + timedelta(days=30)  # a pairing ended mid-semester, kept in history
    bulk_create_with_history(rows, Pairing, default_user=org.keeper(school))


def _records(org, children, start: date, rnd: random.Random) -> None:
    today = timezone.localdate()
    pairs: dict[int, list[Pairing]] = {}
    for pairing in Pairing.objects.filter(child__in=children, end_date__isnull=True).select_related("carer"):
        pairs.setdefault(pairing.child_id, []).append(pairing)
    heads = {}
    talks, visits, contacts = [], [], []
    for child in children:
        if child.school_class_id not in heads:
            heads[child.school_class_id] = child.school_class.head_teachers.first()
        head = heads[child.school_class_id]
        diligence = rnd.choice([0.95, 0.85, 0.7, 0.4])  # some children's carers fall behind
        week = start - timedelta(days=start.weekday())
        while week <= today:
            if rnd.random() < diligence and child.pk in pairs:
                day = min(today, max(start, week + timedelta(days=rnd.randint(0, 4))))
                pairing = rnd.choice(pairs[child.pk])
                recorder = pairing.carer.user or head
                talks.append(_talk(child, day, pairing.carer, recorder, rnd))
            week += timedelta(days=7)
        month = start.replace(day=1)
        while month <= today:
            day = min(today, max(start, month + timedelta(days=rnd.randint(2, 20))))
            if head and rnd.random() < diligence:
                talks.append(_talk(child, day, None, head, rnd))
            if rnd.random() < diligence:
                reached = rnd.random() > 0.1
                contacts.append(
                    ParentContact(
                        child=child, date=day, counterpart="parent", channel=rnd.choice(["call", "video", "message"]),
                        initiated_by=rnd.choice(["school", "child", "parent"]), reached=reached, recorded_by=head,
                        summary="通报孩子在校情况，提醒多和孩子视频。" if reached else "电话无人接听，下周再打。",
                    )
                )  # fmt: skip
            if rnd.random() < diligence:
                contacts.append(
                    ParentContact(
                        child=child, date=day, counterpart="guardian", channel="in_person", initiated_by="school",
                        reached=True, recorded_by=head, summary="放学时和奶奶交流了孩子的作业情况。",
                    )
                )  # fmt: skip
            month = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
        if head and rnd.random() < diligence:
            visits.append(
                (
                    HomeVisit(
                        child=child, date=min(today, start + timedelta(days=rnd.randint(7, 40))), recorded_by=head,
                        met=rnd.choice(["guardian", "guardian", "both"]), home_situation=rnd.choice(_SITUATIONS),
                        advice=rnd.choice(_ADVICE),
                    ),
                    head,
                    pairs.get(child.pk, [None])[0],
                )
            )  # fmt: skip
    # The history names who typed each record in, as it would after real use.
    for row in talks + contacts:
        row._history_user = row.recorded_by
    bulk_create_with_history(talks, Talk)
    bulk_create_with_history(contacts, ParentContact)
    for visit, head, pairing in visits:
        visit._history_user = head
        visit.save()
        visit.staff.add(head)
        if pairing is not None:
            visit.carers.add(pairing.carer)


def _talk(child, day, carer, recorder, rnd: random.Random) -> Talk:
    topics = rnd.sample([t.value for t in Topic], k=rnd.randint(1, 3))
    follow_up_due = day + timedelta(days=7) if rnd.random() < 0.08 else None
    return Talk(
        child=child,
        carer=carer,
        recorded_by=recorder,
        date=day,
        topics=topics,
        content=rnd.choice(_CONTENT),
        mood=rnd.choice(["happy", "calm", "calm", "worried", "sad"]),
        follow_up="下周再问问和奶奶相处的情况。" if follow_up_due else "",
        follow_up_due=follow_up_due,
    )


def _attention(org, school, children, rnd: random.Random) -> None:
    """Guardianship assessments from the home visits, and in the first school one open safety event (a child
    left alone while the grandmother is in hospital), so the attention list has every tier."""
    unassessed = [c for c in children if not c.guardianship]
    if len(unassessed) == len(children):
        for child in unassessed:
            child.guardianship = rnd.choices(["good", "fair", "poor"], weights=[12, 6, 1])[0]
        Child.objects.bulk_update(unassessed, ["guardianship"])
    teacher = org.users.get("teacher1")
    if teacher is None or teacher.school_id != school.pk or SafetyEvent.objects.filter(child__school=school).exists():
        return
    child = next((c for c in children if c.school_class.head_teachers.filter(pk=teacher.pk).exists()), None)
    if child is not None:
        SafetyEvent.objects.create(
            child=child,
            date=timezone.localdate() - timedelta(days=2),
            kind=SafetyEvent.Kind.LIVING_ALONE,
            what_happened="奶奶住院，孩子放学后独自在家，晚饭靠邻居接济。",
            actions="已联系在广东打工的父亲，安排孩子暂住姑姑家；班主任每天放学后电话确认。",
            reported_to=SafetyEvent.ReportedTo.WOMENS_FEDERATION,
            reported_on=timezone.localdate() - timedelta(days=1),
            recorded_by=teacher,
        )
