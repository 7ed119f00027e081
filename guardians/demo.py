"""Demo data of the guardians app, built by `seed_demo` after the children. Idempotent.

Parents follow each child's left-behind type: those away work in the coastal provinces, a parent
unable to care stays at home; a grandparent (or an aunt) is the guardian. A few archives are left
without parents or guardian, so the filing rate is not 100% out of the box.
"""

import random
from datetime import date

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from children.models import Child, LeftBehindType
from guardians.models import EmergencyContact, Guardian, Parent
from organisation.demo import DemoOrganisation, school_keeper

WORK_PLACES = [
    ("广东", "东莞", "长安镇五金电子厂", "普工"), ("广东", "深圳", "宝安区富士康科技园", "流水线工人"),
    ("广东", "广州", "白云区服装加工厂", "缝纫工"), ("广东", "佛山", "顺德家具厂", "木工"),
    ("浙江", "义乌", "小商品城", "营业员"), ("浙江", "宁波", "北仑港物流公司", "装卸工"),
    ("浙江", "温州", "鞋厂", "制鞋工"), ("江苏", "苏州", "工业园区电子厂", "操作工"),
    ("江苏", "昆山", "精密机械公司", "质检员"), ("福建", "晋江", "运动鞋厂", "车间工人"),
    ("福建", "厦门", "建筑工地", "钢筋工"), ("上海", "上海", "浦东新区建筑工地", "泥瓦工"),
    ("贵州", "贵阳", "餐馆", "厨师"),
]  # fmt: skip
MEN = ["建国", "建军", "国强", "志勇", "永福", "德明", "海波", "红军", "小兵", "明华", "文斌", "立新"]
WOMEN = ["小芳", "秀英", "桂兰", "红梅", "丽华", "春花", "玉梅", "晓燕", "金凤", "素珍", "海燕", "翠萍"]
SURNAMES_MOTHER = "刘陈杨黄吴周徐孙马朱胡郭何罗"  # one character a surname
ELDERS = ["德福", "发财", "正国", "桂英", "秀兰", "玉珍", "凤英", "淑芬"]
RETURNS = [Parent.UsualReturn.SPRING_FESTIVAL] * 4 + [Parent.UsualReturn.TWICE_A_YEAR, Parent.UsualReturn.RARELY]


def _mobile(rnd: random.Random) -> str:
    return f"1{rnd.choice('3578')}{rnd.randint(0, 9)}{rnd.randint(10000000, 99999999)}"


def _situations(kind: str, rnd: random.Random) -> tuple[str, str]:
    away, home, unable = Parent.Situation.AWAY, Parent.Situation.AT_HOME, Parent.Situation.UNABLE
    if kind == LeftBehindType.BOTH_AWAY:
        return away, away
    if kind == LeftBehindType.FATHER_AWAY:
        return away, home
    if kind == LeftBehindType.MOTHER_AWAY:
        return home, away
    return (away, rnd.choice([unable, Parent.Situation.DECEASED])) if rnd.random() < 0.6 else (unable, away)


def _parent(child: Child, relation: str, situation: str, name: str, rnd: random.Random) -> Parent:
    parent = Parent(child=child, relation=relation, name=name, situation=situation)
    if situation in (Parent.Situation.AWAY, Parent.Situation.AT_HOME, Parent.Situation.UNABLE):
        parent.phone = _mobile(rnd)
    if situation == Parent.Situation.AWAY:
        parent.work_province, parent.work_city, parent.employer, parent.occupation = rnd.choice(WORK_PLACES)
        parent.away_since = date(timezone.localdate().year - rnd.randint(1, 8), rnd.choice([2, 3]), rnd.randint(1, 28))
        parent.usual_return = rnd.choice(RETURNS)
    return parent


def seed(org: DemoOrganisation) -> None:
    for school in org.schools:
        children = list(Child.objects.filter(school=school).order_by("pk"))
        if not children or Guardian.objects.filter(child__school=school).exists():
            continue
        rnd = random.Random(f"guardians-{school.code}")
        parents, guardians, contacts = [], [], []
        for i, child in enumerate(children):
            if i % 17 == 3:
                continue  # an archive still waiting for its family's details
            surname = child.name[0]
            father_situation, mother_situation = _situations(child.left_behind_type, rnd)
            father = _parent(child, Parent.Relation.FATHER, father_situation, surname + rnd.choice(MEN), rnd)
            mother_name = rnd.choice(SURNAMES_MOTHER) + rnd.choice(WOMEN)
            mother = _parent(child, Parent.Relation.MOTHER, mother_situation, mother_name, rnd)
            parents += [father, mother]
            paternal = rnd.random() < 0.75
            grandma = rnd.random() < 0.55
            relation = {
                (True, True): Guardian.Relation.GRANDMOTHER,
                (True, False): Guardian.Relation.GRANDFATHER,
                (False, True): Guardian.Relation.MATERNAL_GRANDMOTHER,
                (False, False): Guardian.Relation.MATERNAL_GRANDFATHER,
            }[(paternal, grandma)]
            guardian_surname = surname if paternal else mother_name[0]
            guardians.append(
                Guardian(
                    child=child,
                    name=guardian_surname + rnd.choice(ELDERS[4:] if grandma else ELDERS[:4]),
                    relation=relation,
                    age=rnd.randint(58, 78),
                    education=rnd.choice(
                        [
                            Guardian.Education.NONE,
                            Guardian.Education.PRIMARY,
                            Guardian.Education.PRIMARY,
                            Guardian.Education.JUNIOR,
                        ]
                    ),
                    health=rnd.choice(
                        [Guardian.Health.GOOD, Guardian.Health.FAIR, Guardian.Health.FAIR, Guardian.Health.POOR]
                    ),
                    phone=_mobile(rnd) if rnd.random() < 0.8 else f"0854-73{rnd.randint(10000, 99999)}",
                    address=child.address,
                    can_help_homework=rnd.random() < 0.2,
                )
            )
            if rnd.random() < 0.5:
                contacts.append(
                    EmergencyContact(child=child, name=surname + rnd.choice(MEN), relation="叔叔", phone=_mobile(rnd))
                )
        # In bulk, each with the one history row saving it writes, named the archive keeper as real use would.
        keeper = school_keeper(school.pk)
        bulk_create_with_history(parents, Parent, default_user=keeper)
        bulk_create_with_history(guardians, Guardian, default_user=keeper)
        bulk_create_with_history(contacts, EmergencyContact, default_user=keeper)
