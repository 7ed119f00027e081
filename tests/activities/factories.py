"""Factories for the activities app's models."""

from decimal import Decimal
from io import BytesIO

import factory
from PIL import Image

from activities.models import Activity, ActivityKind, Assistance, AssistanceKind, DonorKind, MedicalExam
from tests.factories import ChildFactory, SchoolFactory, days_from_today


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    school = factory.SubFactory(SchoolFactory)
    kind = ActivityKind.READING
    title = factory.Sequence(lambda n: f"书香童年读书会第{n}期")
    date = factory.LazyFunction(lambda: days_from_today(-25))
    place = "学校图书室"


class AssistanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assistance

    child = factory.SubFactory(ChildFactory)
    date = factory.LazyFunction(lambda: days_from_today(-20))
    donor_kind = DonorKind.WORKING_COMMITTEE
    donor = "市关工委"
    kind = AssistanceKind.MONEY
    amount = Decimal("300.00")


class MedicalExamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MedicalExam

    child = factory.SubFactory(ChildFactory)
    date = factory.LazyFunction(lambda: days_from_today(-30))
    height_cm = Decimal("132.5")
    weight_kg = Decimal("28.4")
    vision_left = Decimal("5.0")
    vision_right = Decimal("4.9")


def image_bytes(fmt: str = "JPEG", size: tuple[int, int] = (64, 48)) -> bytes:
    out = BytesIO()
    Image.new("RGB", size, (200, 80, 60)).save(out, fmt)
    return out.getvalue()
