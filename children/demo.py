"""Demo data of the children app, built by `seed_demo` after the apps below it. Idempotent.

About 60 left-behind children per demo school, spread over its classes, with birth dates fitting
their grade, some valid ID numbers, villages, key-help and poverty flags, a few incomplete archives,
and exam results for the previous and the current semester. Parents and guardians come from
guardians.demo, which follows the left-behind type chosen here.
"""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from children.models import AcademicResult, Child, Gender, LeftBehindType, PovertyStatus, StudyLevel
from children.pinyin import set_name_pinyin
from organisation.demo import DemoOrganisation, school_keeper
from organisation.validators import id_check_digit

CHILDREN_PER_SCHOOL = 60
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何罗高林梁宋唐韩冯邓曹彭曾肖田董潘袁蔡蒋余杜叶程魏苏吕丁任沈姚卢龙"
GIVEN_BOYS = ["浩然", "子轩", "宇航", "俊杰", "梓豪", "明轩", "家豪", "文博", "思远", "志强", "天佑", "嘉诚", "一鸣",
              "浩宇", "博文", "晨阳", "俊熙", "子墨", "鑫", "磊", "杰", "勇", "涛", "昊天"]  # fmt: skip
GIVEN_GIRLS = ["思琪", "欣怡", "雨桐", "梓涵", "诗涵", "佳怡", "可馨", "紫萱", "雨欣", "婉婷", "晓雪", "梦瑶", "静怡",
               "雅婷", "子涵", "欣妍", "佳琪", "慧敏", "丽", "娟", "芳", "悦", "玉兰", "春燕"]  # fmt: skip
VILLAGES = ["杉木村", "龙潭村", "石桥村", "坪上村", "高寨村", "新田村", "水井村", "大坡村", "桃园村", "青杠村"]
TOWNS = {"5227990101": "石桥镇", "5227990202": "龙潭乡"}
PERSONALITIES = ["性格内向，不爱说话，但做事认真", "活泼开朗，喜欢和同学玩", "有些敏感，想念父母时会哭",
                 "懂事，常帮奶奶做家务", "好动，上课注意力不集中", "自尊心强，遇到困难不愿求助"]  # fmt: skip
BEHAVIOURS = ["遵守纪律，按时完成作业", "偶尔迟到，作业需要督促", "与同学相处融洽", "有时沉迷手机游戏"]
HOBBIES = ["画画", "唱歌", "跳绳", "篮球", "看书", "手工", "乒乓球", "跳舞", "下棋", "踢毽子"]
HEALTH = ["健康", "健康", "健康", "健康", "近视", "轻度贫血", "哮喘"]
KEY_HELP_REASONS = ["父母离异，长期无人过问", "学习困难，成绩下滑明显", "情绪低落，需要心理关爱", "家庭经济特别困难"]
TYPES = (
    [LeftBehindType.BOTH_AWAY] * 5
    + [LeftBehindType.FATHER_AWAY] * 2
    + [
        LeftBehindType.MOTHER_AWAY,
        LeftBehindType.ONE_AWAY_OTHER_UNABLE,
    ]
)


def _id_number(birth: date, male: bool, rnd: random.Random) -> str:
    seq = rnd.randint(10, 99)
    first17 = f"522727{birth:%Y%m%d}{seq:02d}{rnd.choice([1, 3, 5, 7, 9] if male else [0, 2, 4, 6, 8])}"
    return first17 + id_check_digit(first17)


def _birth_date(grade: int, school_year: int, rnd: random.Random) -> date:
    # A child in grade g of the school year starting in Y turned 6 + g - 1 by 31 August of Y.
    year = school_year - (6 + grade - 1) - (1 if rnd.random() < 0.3 else 0)
    return date(year, 9, 1) + timedelta(days=rnd.randint(0, 364))


def seed(org: DemoOrganisation) -> None:
    for school in org.schools:
        if Child.all_objects.filter(school=school).exists():
            continue
        rnd = random.Random(f"children-{school.code}")
        current, previous = org.current.get(school.code), org.previous.get(school.code)
        classes = org.classes[school.code]
        town = TOWNS.get(school.code, "")
        today = timezone.localdate()
        children: list[Child] = []
        results: list[AcademicResult] = []
        for i in range(CHILDREN_PER_SCHOOL):
            school_class = classes[i % len(classes)]
            male = rnd.random() < 0.52
            name = rnd.choice(SURNAMES) + rnd.choice(GIVEN_BOYS if male else GIVEN_GIRLS)
            birth = _birth_date(school_class.grade, current.school_year if current else today.year, rnd)
            incomplete = i % 13 == 5  # a few archives still being filled in
            key_help = rnd.random() < 0.12
            child = Child(
                school=school,
                school_class=school_class,
                name=name,
                gender=Gender.MALE if male else Gender.FEMALE,
                birth_date=birth,
                id_number="" if incomplete or rnd.random() < 0.05 else _id_number(birth, male, rnd),
                address=f"{town}{rnd.choice(VILLAGES)}{rnd.randint(1, 9)}组",
                is_boarding=school_class.grade >= 5 and rnd.random() < 0.4,
                left_behind_type=rnd.choice(TYPES),
                identified_on=date(today.year - rnd.randint(0, 2), 9, rnd.randint(5, 25)),
                study_level=rnd.choice(StudyLevel.values),
                behaviour=rnd.choice(BEHAVIOURS),
                personality="" if incomplete else rnd.choice(PERSONALITIES),
                hobbies="" if incomplete else "、".join(rnd.sample(HOBBIES, 2)),
                health=rnd.choice(HEALTH),
                poverty_status=rnd.choices(PovertyStatus.values, weights=[14, 2, 3, 1])[0],
                is_key_help=key_help,
                key_help_reason=rnd.choice(KEY_HELP_REASONS) if key_help else "",
            )
            set_name_pinyin(child)
            children.append(child)
            results += _results(child, previous, current, rnd)
        # In bulk, each with the one history row (written by the archive keeper) that saving it writes.
        keeper = school_keeper(school.pk)
        bulk_create_with_history(children, Child, default_user=keeper)
        bulk_create_with_history(results, AcademicResult, default_user=keeper)


def _results(child: Child, previous, current, rnd: random.Random) -> list[AcademicResult]:
    """Two exams a semester; most children gain a little (the summaries' "90% made progress")."""
    if previous is None or current is None:
        return []
    results = []
    base = Decimal(rnd.randint(110, 185))
    rank = rnd.randint(3, 40)
    for semester, exam, shift in ((previous, "期末考试", 0), (current, "期中考试", rnd.randint(-8, 15))):
        total = base + shift
        chinese = (total * Decimal("0.5")).quantize(Decimal("0.1"))
        results.append(
            AcademicResult(
                child=child,
                semester=semester,
                exam=exam,
                chinese=chinese,
                maths=total - chinese,
                total=total,
                class_rank=max(1, rank - shift // 3),
                class_size=42,
            )
        )
    return results
