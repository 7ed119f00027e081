"""Demo data of the pairing app, built by `seed_demo` after the apps below it. Idempotent.

Per school: the default care norms; carers (loving mothers of the Women's Federation without logins,
each with her own mobile number, subject teachers, student buddies; in the first school also the demo
login "carer", a loving mother paired with a few children of grade 3 class 1); pairings for most
children (some have none, a few key-help children have two, one ended mid-semester); and the current
and the previous semester's talks, home visits and parent/guardian contacts (each child's from the day it
was identified; none in the holidays between the two), done irregularly enough that some children are
overdue, so the semester summary's comparison with the previous semester has numbers on both sides.
"""

import random
from datetime import date, timedelta

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from children.models import Child
from guardians.models import ParentContact
from organisation.demo import DemoOrganisation, bulk_create_with_m2m_history
from pairing.models import Carer, CarerKind, HomeVisit, KeyHelpPlan, Pairing, PlanReview, SafetyEvent, Talk, Topic
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
        previous = org.previous.get(school.code)
        terms = [(start, timezone.localdate())]
        if previous is not None and previous.end_date < start:
            terms.insert(0, (previous.start_date, previous.end_date))
        _pairings(school, org, children, carers, start, rnd, first=index == 0, since=terms[0][0])
        if not Talk.objects.filter(child__school=school).exists():
            _records(org, children, terms, rnd)
        _plans(org, school, children, start)
        _attention(org, school, children, rnd)


_GOALS = ["期末语文、数学成绩回到班级中游", "能主动和同学、老师交流，情绪稳定", "养成按时完成作业和睡前阅读的习惯"]
_MEASURES = [
    "结对老师每周辅导作业两次；每月与父母视频一次，通报学习情况。",
    "爱心妈妈每周谈心一次；鼓励参加合唱队；必要时请心理老师介入。",
]
_PROGRESS = [
    "作业基本能按时完成，数学单元测验比上次提高 12 分。",
    "课间愿意和同学一起玩了，上课偶尔举手发言。",
    "本月情绪有波动，奶奶住院，孩子担心；已增加谈心次数。",
]


def _plans(org: DemoOrganisation, school, children: list[Child], start: date) -> None:
    """An individual help plan for each key-help child, from a week into the semester, reviewed about
    monthly by its responsible carer; one plan is left a review overdue so "my week" shows it."""
    today = timezone.localdate()
    recorder = org.users.get("teacher1") if school == org.schools[0] else org.users.get("teacher3")
    for n, child in enumerate(c for c in children if c.is_key_help):
        pairing = Pairing.objects.filter(child=child).select_related("carer").order_by("pk").first()
        plan, created = KeyHelpPlan.objects.get_or_create(
            child=child,
            start_date=min(start + timedelta(days=7), today),
            defaults={
                "reasons": child.key_help_reason or "父母均外出务工，学习和情绪需要重点关注",
                "goals": _GOALS[n % len(_GOALS)],
                "measures": _MEASURES[n % len(_MEASURES)],
                "carer": pairing.carer if pairing else None,
                "review_every_days": 30,
                "recorded_by": recorder,
            },
        )
        if not created:
            continue
        day, k = plan.start_date + timedelta(days=28), 0
        stop = today - timedelta(days=40 if n == 0 else 3)  # the first plan's review is overdue
        while day <= stop:
            PlanReview.objects.create(
                plan=plan,
                date=day,
                progress=_PROGRESS[(n + k) % len(_PROGRESS)],
                next_step="继续按计划辅导，下月再回访。",
                recorded_by=recorder,
            )
            day, k = day + timedelta(days=30), k + 1


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


def _pairings(school, org, children, carers, start: date, rnd: random.Random, *, first: bool, since: date) -> None:
    if Pairing.objects.filter(child__school=school).exists():
        return
    today = timezone.localdate()
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


def _records(org, children, terms: list[tuple[date, date]], rnd: random.Random) -> None:
    """Each term's care work, `terms` being (first day, last day) pairs: the previous semester and the
    current one up to today. A child's work starts on the day it was identified."""
    pairs: dict[int, list[Pairing]] = {}
    for pairing in Pairing.objects.filter(child__in=children, end_date__isnull=True).select_related("carer"):
        pairs.setdefault(pairing.child_id, []).append(pairing)
    heads = {}
    talks, visits, contacts = [], [], []
    for child in children:
        if child.school_class_id not in heads:
            heads[child.school_class_id] = child.school_class.head_teachers.first()
        head = heads[child.school_class_id]
        for term, (first, last) in enumerate(terms):
            start = max(first, child.identified_on or first)
            if start > last:
                continue
            # Some children's carers fall behind; the earlier term a little more often.
            diligence = rnd.choice([0.95, 0.85, 0.7, 0.4] if term == len(terms) - 1 else [0.9, 0.75, 0.6, 0.35])
            _term_records(
                child,
                head,
                [p for p in pairs.get(child.pk, []) if p.start_date <= start],
                start,
                last,
                diligence,
                rnd,
                talks,
                contacts,
                visits,
            )
    # The history names who typed each record in, as it would after real use.
    for row in talks + contacts:
        row._history_user = row.recorded_by
    bulk_create_with_history(talks, Talk)
    bulk_create_with_history(contacts, ParentContact)
    # Each visit as `visit.save()`, `visit.staff.add(head)` and `visit.carers.add(carer)` would write it,
    # history included, in a few queries.
    for visit, head, _pairing in visits:
        visit._history_user = head
    bulk_create_with_m2m_history(
        HomeVisit,
        [
            (visit, [("staff", [head]), ("carers", [pairing.carer] if pairing is not None else [])])
            for visit, head, pairing in visits
        ],
    )


def _term_records(child, head, pairs, start: date, today: date, diligence: float, rnd, talks, contacts, visits):
    week = start - timedelta(days=start.weekday())
    while week <= today:
        if rnd.random() < diligence and pairs:
            day = min(today, max(start, week + timedelta(days=rnd.randint(0, 4))))
            pairing = rnd.choice(pairs)
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
                pairs[0] if pairs else None,
            )
        )  # fmt: skip


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
        # Teachers keep up with their follow-ups, except the last few weeks': those are still open on my week.
        follow_up_done=follow_up_due is not None and follow_up_due < timezone.localdate() - timedelta(days=21),
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
