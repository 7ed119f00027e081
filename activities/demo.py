"""Demo data of the activities app, built by `seed_demo` after the apps below it. Idempotent.

For each demo school: a semester of activities of every kind with attendance and a few photos,
monthly birthday parties, a free medical exam with results, a guardian-training session (家长学校)
with the guardians who came, and assistance to the children with a poverty status.
"""

import random
from datetime import date, time, timedelta
from decimal import Decimal
from io import BytesIO

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw
from simple_history.utils import bulk_create_with_history

from activities.models import (
    Activity,
    ActivityKind,
    Assistance,
    AssistanceKind,
    Attendance,
    BookLoan,
    ChildrensHome,
    DonorKind,
    Evidence,
    HomeCall,
    HomeSession,
    LectureTopic,
    MedicalExam,
)
from activities.selectors import birthday_in
from children.models import Child, ChildStatus, PovertyStatus
from guardians.models import Guardian, Parent, ParentContact
from organisation.demo import DemoOrganisation, bulk_create_with_m2m_history
from organisation.models import School, Semester

# (day offset in the semester, kind, topic, title, place, partner, start, whole school?)
# Each term has its own festivals: the spring term starts about 20 February, the autumn term on 1 September.
# fmt: off
_COMMON = [
    (5, ActivityKind.LECTURE, LectureTopic.SAFETY, "开学第一课：防溺水安全教育", "学校操场", "县消防救援大队", time(9, 0), True),  # noqa: E501
    (13, ActivityKind.INTEREST_GROUP, "", "乒乓球兴趣小组", "风雨操场", "", time(16, 0), False),
    (27, ActivityKind.READING, "", "“书香童年”留守儿童之家读书会", "留守儿童之家", "县图书馆", time(15, 30), False),
    (38, ActivityKind.MEDICAL_EXAM, "", "留守儿童免费健康体检", "学校卫生室", "镇卫生院", time(8, 30), True),
    (48, ActivityKind.LECTURE, LectureTopic.LAW, "法治进校园：预防校园欺凌", "学校礼堂", "镇派出所", time(10, 0), True),
    (62, ActivityKind.INTEREST_GROUP, "", "书法兴趣小组", "美术室", "", time(16, 0), False),
    (66, ActivityKind.GUARDIAN_TRAINING, "", "家长学校：隔代监护与家庭教育", "学校会议室", "县关工委", time(9, 30), False),  # noqa: E501
    (72, ActivityKind.LECTURE, LectureTopic.MENTAL_HEALTH, "心理健康讲座：学会表达情绪", "多功能室", "县心理健康中心", time(14, 30), False),  # noqa: E501
    (78, ActivityKind.PARENT_CHILD, "", "亲情视频连线：和远方的爸爸妈妈说说话", "留守儿童之家", "", time(16, 30), False),  # noqa: E501
    (80, ActivityKind.OTHER, "", "“爱心书包”捐赠仪式", "学校操场", "县妇联", time(10, 0), True),
]
_SPRING = [  # from about 20 February
    (10, ActivityKind.FESTIVAL, "", "元宵节“闹元宵·猜灯谜”活动", "留守儿童之家", "镇妇联", time(14, 0), True),
    (20, ActivityKind.OTHER, "", "植树节“小手植绿”活动", "学校后山", "团县委", time(9, 0), False),
    (42, ActivityKind.FESTIVAL, "", "清明节“缅怀革命先烈”祭扫活动", "烈士陵园", "团县委", time(8, 30), False),
    (55, ActivityKind.SPORTS, "", "春季趣味运动会", "学校操场", "", time(8, 30), True),
    (58, ActivityKind.OUTING, "", "“走进家乡”春游踏青", "石桥古镇", "团县委", time(8, 0), False),
    (69, ActivityKind.FESTIVAL, "", "五一劳动节“劳动最光荣”主题活动", "学校劳动基地", "", time(14, 30), False),
    (101, ActivityKind.FESTIVAL, "", "“快乐六一”儿童节文艺汇演", "学校操场", "镇妇联", time(9, 0), True),
]
_AUTUMN = [  # from 1 September
    (9, ActivityKind.FESTIVAL, "", "教师节“感恩老师”贺卡制作", "留守儿童之家", "", time(15, 30), False),
    (24, ActivityKind.FESTIVAL, "", "中秋节“月圆情浓”联欢会", "学校多功能室", "镇妇联", time(14, 0), True),
    (29, ActivityKind.FESTIVAL, "", "国庆节“我和我的祖国”主题班会", "各班教室", "", time(14, 30), True),
    (47, ActivityKind.FESTIVAL, "", "重阳节“敬老爱老”走进敬老院", "镇敬老院", "镇关工委", time(9, 0), False),
    (55, ActivityKind.SPORTS, "", "秋季趣味运动会", "学校操场", "", time(8, 30), True),
    (74, ActivityKind.OUTING, "", "“走进家乡”秋季研学", "石桥古镇", "团县委", time(8, 0), False),
    (121, ActivityKind.FESTIVAL, "", "“庆元旦·迎新年”联欢会", "学校多功能室", "镇妇联", time(14, 0), True),
]
# fmt: on
_PLANS = {
    Semester.Term.SPRING: sorted(_COMMON + _SPRING, key=lambda row: row[0]),
    Semester.Term.AUTUMN: sorted(_COMMON + _AUTUMN, key=lambda row: row[0]),
}
# Festivals of the other term (an earlier version of this seed put autumn ones into the spring term):
# removed from a semester, so re-seeding an old demo database corrects it.
_WRONG_SEASON = {
    Semester.Term.SPRING: sorted({row[3] for row in _AUTUMN} - {row[3] for row in _COMMON + _SPRING}),
    Semester.Term.AUTUMN: sorted({row[3] for row in _SPRING} - {row[3] for row in _COMMON + _AUTUMN}),
}

_COLOURS = [(230, 126, 34), (46, 204, 113), (52, 152, 219), (231, 76, 60), (155, 89, 182)]


def _photo(seed: int) -> bytes:
    """A small generated 'photo' (sky, ground and a few figures), so the demo needs no image files."""
    rnd = random.Random(seed)
    image = Image.new("RGB", (640, 420), (135, 190, 235))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 280, 640, 420), fill=(90, 160, 80))
    for n in range(rnd.randint(4, 8)):
        x = 40 + n * 75 + rnd.randint(-10, 10)
        colour = _COLOURS[(seed + n) % len(_COLOURS)]
        draw.ellipse((x, 200, x + 30, 230), fill=(250, 215, 180))
        draw.rectangle((x - 5, 230, x + 35, 300), fill=colour)
    out = BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


def _thumbnail(data: bytes) -> bytes:
    with Image.open(BytesIO(data)) as image:
        image.thumbnail((320, 320))
        out = BytesIO()
        image.save(out, "JPEG", quality=80)
    return out.getvalue()


def _attach_photos(activity: Activity, count: int, seed: int) -> None:
    if activity.evidence.exists():
        return
    for n in range(count):
        data = _photo(seed + n)
        item = Evidence(
            activity=activity,
            kind=Evidence.Kind.IMAGE,
            content_type="image/jpeg",
            original_name=f"活动照片{n + 1}.jpg",
            size=len(data),
            caption=f"{activity.title}（{n + 1}）",
        )
        item.file.save("photo.jpg", ContentFile(data), save=False)
        item.thumbnail.save("thumb.jpg", ContentFile(_thumbnail(data)), save=False)
        item.save()


def _attend(activity: Activity, children: list[Child]) -> None:
    Attendance.objects.bulk_create([Attendance(activity=activity, child=c) for c in children], ignore_conflicts=True)


def _seed_school(school: School, semester: Semester, organiser, seed: int) -> None:
    rnd = random.Random(seed)
    today = timezone.localdate()
    last_day = min(semester.end_date, today)
    children = list(Child.objects.filter(school=school, status=ChildStatus.ACTIVE).select_related("school_class"))
    if not children:
        return
    by_class: dict[int, list[Child]] = {}
    for child in children:
        by_class.setdefault(child.school_class_id, []).append(child)

    Activity.objects.filter(school=school, semester=semester, title__in=_WRONG_SEASON[semester.term]).delete()
    for n, (offset, kind, topic, title, place, partner, start, whole_school) in enumerate(_PLANS[semester.term]):
        day = semester.start_date + timedelta(days=offset)
        if day > last_day:
            continue
        activity, created = Activity.objects.get_or_create(
            school=school,
            title=title,
            date=day,
            defaults={
                "semester": semester,
                "kind": kind,
                "topic": topic,
                "start_time": start,
                "place": place,
                "partner": partner,
                "organiser": organiser,
                "description": f"{title}，{partner or '学校德育处'}组织开展，留守儿童积极参与。",
            },
        )
        if created:
            if whole_school:
                _attend(activity, children)
            else:
                group = sorted(rnd.sample(children, k=min(len(children), rnd.randint(8, 20))), key=lambda c: c.pk)
                _attend(activity, group)
        if n % 3 == 0 or kind in (ActivityKind.LECTURE, ActivityKind.GUARDIAN_TRAINING):
            _attach_photos(activity, 2 if n % 2 else 1, seed * 100 + n)
        if kind == ActivityKind.MEDICAL_EXAM:
            _exams(activity, children, rnd)
        if kind == ActivityKind.GUARDIAN_TRAINING and not activity.guardians.exists():
            activity.guardians.set(Guardian.objects.filter(child__school=school).order_by("pk")[:15])

    # Birthday parties: one per month of the semester so far, with that month's birthday children.
    month = semester.start_date.replace(day=1)
    while month <= last_day:
        born = [c for c in children if c.birth_date.month == month.month]
        party_day = min(last_day, max(semester.start_date, month.replace(day=25)))
        if born:
            party, _created = Activity.objects.get_or_create(
                school=school,
                kind=ActivityKind.BIRTHDAY_PARTY,
                date=party_day,
                defaults={
                    "semester": semester,
                    "title": f"{month.month}月留守儿童集体生日会",
                    "place": "留守儿童之家",
                    "partner": "镇妇联",
                    "organiser": organiser,
                    "description": "为本月过生日的留守儿童送上蛋糕和祝福："
                    + "、".join(
                        f"{c.name}（{month.month}月{birthday_in(c.birth_date, month.year).day}日）" for c in born[:6]
                    ),
                },
            )
            _attend(party, born)
        month = (month + timedelta(days=32)).replace(day=1)

    _assistance(school, semester, children, organiser, last_day)


def _exams(activity: Activity, children: list[Child], rnd: random.Random) -> None:
    existing = set(activity.medical_exams.values_list("child_id", flat=True))
    exams = []
    for child in children:
        if child.pk in existing:
            continue
        age = max(6, activity.date.year - child.birth_date.year)
        height = Decimal(str(round(75 + 6.2 * age + rnd.uniform(-5, 5), 1)))
        weight = Decimal(str(round(2.3 * age + 6 + rnd.uniform(-3, 4), 1)))
        exams.append(
            MedicalExam(
                child=child,
                activity=activity,
                date=activity.date,
                height_cm=height,
                weight_kg=weight,
                vision_left=rnd.choice([Decimal("4.8"), Decimal("4.9"), Decimal("5.0"), Decimal("5.1")]),
                vision_right=rnd.choice([Decimal("4.7"), Decimal("4.9"), Decimal("5.0"), Decimal("5.1")]),
                notes=rnd.choice(["", "", "", "龋齿 1 颗，建议复查", "视力偏低，建议配镜复查"]),
            )
        )
    MedicalExam.objects.bulk_create(exams)


def _assistance(school: School, semester: Semester, children: list[Child], organiser, last_day: date) -> None:
    poor = [c for c in children if c.poverty_status != PovertyStatus.NONE]
    grant_day = min(last_day, semester.start_date + timedelta(days=45))
    # "Four destitute left-behind children each received 300 yuan from the Municipal Working Committee."
    for child in poor[:4]:
        Assistance.objects.get_or_create(
            child=child,
            date=grant_day,
            donor="市关工委",
            defaults={
                "semester": semester,
                "donor_kind": DonorKind.WORKING_COMMITTEE,
                "kind": AssistanceKind.MONEY,
                "amount": Decimal("300.00"),
                "description": "困难留守儿童慰问金",
                "recorded_by": organiser,
            },
        )
    backpack = Activity.objects.filter(school=school, kind=ActivityKind.OTHER, title__contains="爱心书包").first()
    if backpack is not None:
        for child in (poor[4:] + [c for c in children if c.is_key_help])[:6]:
            Assistance.objects.get_or_create(
                child=child,
                date=backpack.date,
                donor="县妇联",
                defaults={
                    "semester": semester,
                    "donor_kind": DonorKind.WOMENS_FEDERATION,
                    "kind": AssistanceKind.GOODS,
                    "amount": Decimal("85.50"),
                    "description": "爱心书包一个（含文具）",
                    "activity": backpack,
                    "recorded_by": organiser,
                },
            )


def seed(org: DemoOrganisation) -> None:
    """A semester of activities per school, with attendance, photos, exams, training and assistance; the
    children's home with a semester of openings, family-phone calls and book loans."""
    organisers = {org.schools[0].code: org.users.get("keeper"), org.schools[1].code: org.users.get("principal2")}
    for n, school in enumerate(org.schools):
        for m, semester in enumerate((org.previous.get(school.code), org.current.get(school.code))):
            if semester is not None:
                _seed_school(school, semester, organisers.get(school.code), seed=2026 + 10 * n + m)
        semester = org.current.get(school.code)
        if semester is not None:
            duty = [u for u in org.users.values() if u.school_id == school.pk and u.role != "carer"]
            _seed_home(school, semester, organisers.get(school.code), duty, seed=3026 + n)


_BOOKS = ["草房子", "小王子", "安徒生童话", "西游记（少儿版）", "窗边的小豆豆", "夏洛的网", "十万个为什么", "城南旧事"]
_HOME_DOINGS = [
    "读书、写作业，李老师辅导数学。",
    "看科普动画片，给爸爸妈妈打亲情电话。",
    "下象棋、跳绳，整理图书角。",
    "手工课：给爸爸妈妈做贺卡。",
    "观看安全教育视频，分享一周趣事。",
]
_CALL_SUMMARIES = ["跟妈妈说了考试成绩，妈妈很高兴。", "爸爸叮嘱要听奶奶的话。", "和妈妈视频，看了妈妈工作的地方。", ""]


def _seed_home(school: School, semester: Semester, responsible, duty: list, seed: int) -> None:
    """The school's children's home, open on Tuesdays and Thursdays after school since the semester began:
    each opening with the children who came, a few family-phone calls, and books lent (some overdue)."""
    rnd = random.Random(seed)
    today = timezone.localdate()
    home, _created = ChildrensHome.objects.get_or_create(
        school=school,
        defaults={
            "name": "留守儿童之家",
            "room": "综合楼二楼东侧",
            "opening_hours": "每周二、周四 16:30–17:30",
            "equipment": "亲情电话 1 部、电脑 2 台、电视 1 台、图书 600 余册、棋类和体育器材",
            "responsible": responsible,
            "loan_days": 14,
        },
    )
    children = list(Child.objects.filter(school=school, status=ChildStatus.ACTIVE).order_by("pk"))
    if not children or not duty:
        return
    parents: dict[int, list[Parent]] = {}
    for parent in Parent.objects.filter(child__in=children, situation=Parent.Situation.AWAY).order_by("pk"):
        parents.setdefault(parent.child_id, []).append(parent)
    # Built in a few queries, with the history that creating each session, adding its children, and creating
    # each call and loan one by one writes; the random draws stay in the same order, so the data is the same.
    existing = set(HomeSession.objects.filter(home=home).values_list("date", flat=True))
    lent = set(BookLoan.objects.filter(home=home).values_list("child_id", "borrowed_on"))
    sessions: list[tuple[HomeSession, list]] = []
    contacts: list[tuple[HomeSession, ParentContact]] = []
    loans: list[BookLoan] = []
    day = semester.start_date
    while day < today and day <= semester.end_date:
        if day.weekday() in (1, 3):
            session = HomeSession(
                home=home,
                date=day,
                start_time=time(16, 30),
                end_time=time(17, 30),
                duty=rnd.choice(duty),
                activities=rnd.choice(_HOME_DOINGS),
                recorded_by=responsible,
            )
            if day not in existing:
                session._history_user = responsible
                came = sorted(rnd.sample(children, k=min(len(children), rnd.randint(6, 15))), key=lambda c: c.pk)
                sessions.append((session, [("children", came)]))
                callers = [c for c in came if c.pk in parents]
                for child in rnd.sample(callers, k=min(len(callers), rnd.randint(1, 3))):
                    contact = ParentContact(
                        child=child,
                        date=day,
                        parent=rnd.choice(parents[child.pk]),
                        channel=rnd.choice([ParentContact.Channel.CALL, ParentContact.Channel.VIDEO]),
                        initiated_by=ParentContact.Initiator.CHILD,
                        reached=rnd.random() > 0.15,
                        summary=rnd.choice(_CALL_SUMMARIES),
                        place=home.name,
                        recorded_by=session.duty,
                    )
                    contact._history_user = session.duty
                    contacts.append((session, contact))
                for child in rnd.sample(came, k=min(len(came), 2)):
                    returned = day + timedelta(days=rnd.randint(5, 20))
                    loan = BookLoan(
                        home=home,
                        child=child,
                        borrowed_on=day,
                        title=rnd.choice(_BOOKS),
                        returned_on=returned if returned < today and rnd.random() > 0.1 else None,
                        recorded_by=session.duty,
                    )
                    if (child.pk, day) not in lent:
                        lent.add((child.pk, day))
                        loan._history_user = session.duty
                        loans.append(loan)
        day += timedelta(days=1)
    bulk_create_with_m2m_history(HomeSession, sessions)
    bulk_create_with_history([contact for _session, contact in contacts], ParentContact)
    HomeCall.objects.bulk_create([HomeCall(session=session, contact=contact) for session, contact in contacts])
    bulk_create_with_history(loans, BookLoan)
