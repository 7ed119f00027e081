"""Demo organisation: one district in a prefecture (市) in a province (省), two schools, classes, semesters and
one login per role.

Idempotent: running it again finds what exists by its natural key and changes nothing.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.hashers import make_password
from django.db import models
from django.utils import timezone

from organisation.models import District, LeadingGroupMember, Prefecture, Province, School, SchoolClass, Semester, User
from organisation.roles import Role

DEMO_PASSWORD = "shouwang2026"


@dataclass
class DemoOrganisation:
    district: District
    schools: list[School]
    users: dict[str, User]
    classes: dict[str, list[SchoolClass]] = field(default_factory=dict)
    current: dict[str, Semester] = field(default_factory=dict)
    previous: dict[str, Semester] = field(default_factory=dict)

    def keeper(self, school: School) -> User | None:
        return school_keeper(school.pk)


def school_keeper(school_id: int) -> User | None:
    """Who types a school's demo records in: its archive keeper, else its principal (the history names them)."""
    users = {
        u.role: u for u in User.objects.filter(school_id=school_id, role__in=[Role.ARCHIVE_KEEPER, Role.PRINCIPAL])
    }
    return users.get(Role.ARCHIVE_KEEPER) or users.get(Role.PRINCIPAL)


def bulk_create_with_m2m_history(model: type[models.Model], rows: Sequence[tuple[models.Model, list]]) -> None:
    """Create records with their many-to-many links in a few queries, writing the history that saving each
    record and then adding its links one field at a time (`record.save()`, then `record.<field>.add(...)` per
    step) writes: a "+" row, then a "~" row per step that adds something, each "~" row with its snapshot of
    every tracked link so far. `rows` is (record, [(field name, related objects), ...]) in the order the
    steps happen; a record's `_history_user` names who made the change, as it does for `save()`."""
    records = [record for record, _steps in rows]
    model.objects.bulk_create(records)
    history = getattr(model, model._meta.simple_history_manager_attribute)
    history.bulk_history_create(records, default_change_reason=None)
    tracked = getattr(history.model, "_history_m2m_fields", [])
    links: dict[int, dict[str, list]] = {record.pk: {f.name: [] for f in tracked} for record in records}
    for step in range(max((len(steps) for _record, steps in rows), default=0)):
        batch = [(record, steps[step]) for record, steps in rows if len(steps) > step and steps[step][1]]
        for name in {name for _record, (name, _related) in batch}:
            through = model._meta.get_field(name).remote_field.through
            source, target = (f for f in through._meta.fields if isinstance(f, models.ForeignKey))
            if source.related_model is not model:
                source, target = target, source
            made = through.objects.bulk_create(
                [
                    through(**{source.attname: record.pk, target.attname: getattr(other, "pk", other)})
                    for record, (field_name, related) in batch
                    if field_name == name
                    for other in related
                ]
            )
            for link in made:
                links[getattr(link, source.attname)][name].append(link)
        snapshots = history.bulk_history_create(
            [record for record, _step in batch], update=True, default_change_reason=None
        )
        for m2m in tracked:
            m2m_model = vars(history.model)[m2m.name].model  # the field's history (simple_history's descriptor)
            through_fields = [f.attname for f in m2m.remote_field.through._meta.fields]
            m2m_model.objects.bulk_create(
                [
                    m2m_model(history=snapshot, **{name: getattr(link, name) for name in through_fields})
                    for snapshot in snapshots
                    for link in links[snapshot.id][m2m.name]
                ]
            )


def semester_bounds(day: date) -> tuple[tuple[int, int, date, date], tuple[int, int, date, date]]:
    """(school_year, term, start, end) of the semester containing `day` and of the one before it.

    Autumn term runs 1 September to 20 January; spring term 20 February to 10 July. Days in the
    holidays belong to the semester just ended.
    """
    year = day.year
    if day.month >= 9 or (day.month == 1 and day.day <= 20):
        school_year = year if day.month >= 9 else year - 1
        current = (school_year, Semester.Term.AUTUMN, date(school_year, 9, 1), date(school_year + 1, 1, 20))
        previous = (school_year - 1, Semester.Term.SPRING, date(school_year, 2, 20), date(school_year, 7, 10))
    else:
        school_year = year - 1
        current = (school_year, Semester.Term.SPRING, date(year, 2, 20), date(year, 7, 10))
        previous = (school_year, Semester.Term.AUTUMN, date(school_year, 9, 1), date(year, 1, 20))
    return current, previous


_SCHOOLS = [
    # code, name, phone, address, classes as (grade, number)
    ("5227990101", "青山县石桥镇中心小学", "0854-7321001", "青山县石桥镇学府路 8 号",
     [(1, 1), (2, 1), (3, 1), (3, 2), (4, 1), (5, 1), (6, 1)]),
    ("5227990202", "青山县龙潭乡九年制学校", "0854-7325002", "青山县龙潭乡龙潭村",
     [(3, 1), (5, 1), (7, 1), (8, 1)]),
]  # fmt: skip

# The areas above the schools, by the officer role that answers for each: code and name of the province, of the
# prefecture in it, of the county in that.
_AREAS = {
    Role.PROVINCE_OFFICER: ("520000", "黔中省"),
    Role.PREFECTURE_OFFICER: ("522700", "青州市"),
    Role.DISTRICT_OFFICER: ("522799", "青山县"),
}

# username, full name, role, school index (None for an officer: the area of their role), head teacher of
# (grade, number)
_USERS = [
    ("province", "孙海燕", Role.PROVINCE_OFFICER, None, []),
    ("prefecture", "周文斌", Role.PREFECTURE_OFFICER, None, []),
    ("district", "罗建华", Role.DISTRICT_OFFICER, None, []),
    ("principal", "杨国强", Role.PRINCIPAL, 0, []),
    ("keeper", "陈晓梅", Role.ARCHIVE_KEEPER, 0, []),
    ("teacher1", "王丽", Role.HEAD_TEACHER, 0, [(3, 1), (1, 1), (2, 1)]),
    ("teacher2", "李志明", Role.HEAD_TEACHER, 0, [(3, 2), (4, 1), (5, 1), (6, 1)]),
    ("carer", "张秀英", Role.CARER, 0, []),
    ("principal2", "吴永福", Role.PRINCIPAL, 1, []),
    ("teacher3", "赵敏", Role.HEAD_TEACHER, 1, [(3, 1), (5, 1), (7, 1), (8, 1)]),
]


def _areas() -> dict[str, Province | Prefecture | District]:
    """The province, the prefecture in it and the county in that, by the officer role that answers for each.
    A demo county seeded before the prefecture existed is put in it once."""
    (province_code, province_name), (prefecture_code, prefecture_name), (district_code, district_name) = (
        _AREAS[role] for role in (Role.PROVINCE_OFFICER, Role.PREFECTURE_OFFICER, Role.DISTRICT_OFFICER)
    )
    province, _ = Province.objects.get_or_create(code=province_code, defaults={"name": province_name})
    prefecture, _ = Prefecture.objects.get_or_create(
        code=prefecture_code, defaults={"name": prefecture_name, "province": province}
    )
    district, _ = District.objects.get_or_create(
        code=district_code, defaults={"name": district_name, "prefecture": prefecture}
    )
    if district.prefecture_id is None:
        district.prefecture = prefecture
        district.save(update_fields=["prefecture"])
    return {Role.PROVINCE_OFFICER: province, Role.PREFECTURE_OFFICER: prefecture, Role.DISTRICT_OFFICER: district}


def seed() -> DemoOrganisation:
    areas = _areas()
    district = areas[Role.DISTRICT_OFFICER]
    current_bounds, previous_bounds = semester_bounds(timezone.localdate())
    schools = []
    for code, name, phone, address, _classes in _SCHOOLS:
        # The demo schools started using the system with the current semester: no report is due before it.
        school, _ = School.objects.get_or_create(
            code=code,
            defaults={
                "district": district,
                "name": name,
                "phone": phone,
                "address": address,
                "reporting_from": current_bounds[2],
            },
        )
        schools.append(school)

    demo = DemoOrganisation(district=district, schools=schools, users={})
    for school, (_code, _name, _phone, _address, class_numbers) in zip(schools, _SCHOOLS, strict=True):
        demo.classes[school.code] = [
            SchoolClass.objects.get_or_create(school=school, grade=grade, number=number)[0]
            for grade, number in class_numbers
        ]
    password = None  # hashed once: the hasher's work factor makes each hash take a good part of a second
    for username, full_name, role, school_index, head_of in _USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            school = schools[school_index] if school_index is not None else None
            user = User(username=username, full_name=full_name, role=role, school=school)
            if school is None:  # an officer belongs to the area of their level
                setattr(user, areas[role]._meta.model_name, areas[role])
            password = password or make_password(DEMO_PASSWORD)
            user.password = password
            user.save()
            for grade, number in head_of:
                SchoolClass.objects.get(school=school, grade=grade, number=number).head_teachers.add(user)
        demo.users[username] = user
    # Semesters after the logins, so that their history can name a person of the school.
    for school in schools:
        for bounds, is_current, target in (
            (previous_bounds, False, demo.previous),
            (current_bounds, True, demo.current),
        ):
            year, term, start, end = bounds
            semester, _ = Semester.objects.get_or_create(
                school=school,
                school_year=year,
                term=term,
                defaults={"start_date": start, "end_date": end, "is_current": is_current},
            )
            target[school.code] = semester
    _leading_groups(demo)
    return demo


def _leading_groups(demo: DemoOrganisation) -> None:
    """Each school's leading group (领导小组) for the current school year and the one before: the principal
    leads it; staff and a village cadre share the duties. Only built for a school year that has none."""
    for index, school in enumerate(demo.schools):
        semester = demo.current.get(school.code)
        if semester is None:
            continue
        principal = demo.users.get("principal" if index == 0 else "principal2")
        keeper = demo.users.get("keeper") if index == 0 else None
        teacher = demo.users.get("teacher1") if index == 0 else None
        for year in (semester.school_year - 1, semester.school_year):
            if LeadingGroupMember.objects.filter(school=school, school_year=year).exists():
                continue
            rows = [
                (principal, "", "校长", LeadingGroupMember.GroupRole.LEADER, LeadingGroupMember.Duty.OVERALL, ""),
                (None, "张德明", "副校长", LeadingGroupMember.GroupRole.DEPUTY, LeadingGroupMember.Duty.SAFETY, ""),
                (keeper, "" if keeper else "赵红", "德育主任", LeadingGroupMember.GroupRole.MEMBER,
                 LeadingGroupMember.Duty.ARCHIVES, "留守儿童建档与信息报送"),
                (teacher, "" if teacher else "钱芳", "心理健康教师", LeadingGroupMember.GroupRole.MEMBER,
                 LeadingGroupMember.Duty.COUNSELLING, ""),
                (None, "李春花", "少先队辅导员", LeadingGroupMember.GroupRole.MEMBER,
                 LeadingGroupMember.Duty.CHILDRENS_HOME, "留守儿童之家与亲情电话"),
                (None, "王村支书" if year == semester.school_year else "刘村主任", "村委会",
                 LeadingGroupMember.GroupRole.MEMBER, LeadingGroupMember.Duty.OTHER, "联系村委会与家访"),
            ]  # fmt: skip
            for user, name, position, role, duty, note in rows:
                LeadingGroupMember.objects.create(
                    school=school, school_year=year, user=user, name=name if user is None else "",
                    position=position, role=role, duty=duty, duty_note=note,
                )  # fmt: skip


def logins_table() -> list[tuple[str, str, str, str]]:
    """(username, password, role, where) of every demo login, for `make run` to print."""
    rows = []
    for username, full_name, role, school_index, _head_of in _USERS:
        where = _SCHOOLS[school_index][1] if school_index is not None else _AREAS[role][1]
        rows.append((username, DEMO_PASSWORD, f"{Role(role).label} {full_name}", where))
    return rows
