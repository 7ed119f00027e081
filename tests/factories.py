"""factory_boy factories for every model tests build. Chinese data, valid by default."""

import datetime

import factory
from django.utils import timezone

from children.models import Child, ChildStatus, Gender
from guardians.models import Guardian, Parent
from organisation.models import District, School, SchoolClass, Semester, User
from organisation.roles import Role
from organisation.validators import id_check_digit
from pairing.models import Carer, CarerKind, Pairing

PASSWORD = "correct-horse-battery"


def make_id_number(birth: datetime.date, *, male: bool, region: str = "520422", seq: int = 12) -> str:
    """A valid 18-character resident ID number for that birth date and gender."""
    gender_digit = 1 if male else 2
    first17 = f"{region}{birth:%Y%m%d}{seq:02d}{gender_digit}"
    return first17 + id_check_digit(first17)


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ["code"]

    name = "青山县"
    code = factory.Sequence(lambda n: f"5227{n:02d}")


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School

    district = factory.SubFactory(DistrictFactory)
    name = factory.Sequence(lambda n: f"第{n}小学")
    code = factory.Sequence(lambda n: f"S{n:06d}")
    phone = "0854-7321001"
    # A school that has used the system for years: every month the tests look at is due (reports.monthly.is_due).
    reporting_from = datetime.date(2000, 1, 1)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"老师{n}")
    role = Role.HEAD_TEACHER
    school = factory.SubFactory(SchoolFactory)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class SchoolClassFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SchoolClass
        skip_postgeneration_save = True

    school = factory.SubFactory(SchoolFactory)
    grade = 3
    number = factory.Sequence(lambda n: n + 1)

    @factory.post_generation
    def head_teachers(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.head_teachers.add(*extracted)


def semester_key(start: datetime.date) -> tuple[int, int]:
    """(school year, term) of a semester starting on `start`: autumn terms start August–January."""
    if start.month >= 8:
        return start.year, Semester.Term.AUTUMN
    if start.month == 1:
        return start.year - 1, Semester.Term.AUTUMN
    return start.year - 1, Semester.Term.SPRING


class SemesterFactory(factory.django.DjangoModelFactory):
    """The current semester, around the app's today whatever the date: four months behind, two ahead, so
    records dated "30 days ago" or "next week" always fall inside it (no test depends on the calendar)."""

    class Meta:
        model = Semester

    school = factory.SubFactory(SchoolFactory)
    start_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=120))
    end_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=60))
    school_year = factory.LazyAttribute(lambda o: semester_key(o.start_date)[0])
    term = factory.LazyAttribute(lambda o: semester_key(o.start_date)[1])
    is_current = True


def previous_semester(current: Semester, **overrides) -> Semester:
    """The semester before `current` of the same school: five months long, ending a month before it starts."""
    if current.term == Semester.Term.AUTUMN:
        school_year, term = current.school_year - 1, Semester.Term.SPRING
    else:
        school_year, term = current.school_year, Semester.Term.AUTUMN
    fields = {
        "school": current.school,
        "school_year": school_year,
        "term": term,
        "start_date": current.start_date - datetime.timedelta(days=180),
        "end_date": current.start_date - datetime.timedelta(days=30),
        "is_current": False,
        **overrides,
    }
    return SemesterFactory(**fields)


class ChildFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Child

    school_class = factory.SubFactory(SchoolClassFactory)
    school = factory.LazyAttribute(lambda o: o.school_class.school)
    name = factory.Iterator(["张思琪", "李浩然", "王欣怡", "刘子轩", "陈雨桐", "杨梓涵", "赵宇航", "黄诗涵"])
    gender = Gender.FEMALE
    birth_date = datetime.date(2017, 5, 4)
    status = ChildStatus.ACTIVE
    identified_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=400))


class ParentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Parent

    child = factory.SubFactory(ChildFactory)
    relation = Parent.Relation.FATHER
    name = "张建国"
    situation = Parent.Situation.AWAY
    phone = "13812345678"
    work_province = "广东"
    work_city = "东莞"


class GuardianFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Guardian

    child = factory.SubFactory(ChildFactory)
    name = "张德福"
    relation = Guardian.Relation.GRANDFATHER
    age = 66
    phone = "13987654321"


class CarerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Carer

    school = factory.SubFactory(SchoolFactory)
    name = factory.Sequence(lambda n: f"爱心妈妈{n}")
    kind = CarerKind.LOVING_MOTHER


class PairingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pairing

    child = factory.SubFactory(ChildFactory)
    carer = factory.SubFactory(CarerFactory, school=factory.SelfAttribute("..child.school"))
    kind = factory.LazyAttribute(lambda o: o.carer.kind)
    start_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))


def days_from_today(days: int) -> datetime.date:
    """The app's today (Asia/Shanghai) moved by `days`: negative for the past."""
    return timezone.localdate() + datetime.timedelta(days=days)


def iso_day(days: int = 0) -> str:
    """`days_from_today(days)` as a form would post it (2026-11-03)."""
    return days_from_today(days).isoformat()
