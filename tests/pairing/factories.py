"""Factories for the pairing app's records (the shared ones live in tests/factories.py)."""

import factory
from django.utils import timezone

from pairing.models import CareNorm, HomeVisit, Talk, Topic, WorkKind
from tests.factories import ChildFactory
from tests.guardians.factories import ParentContactFactory  # noqa: F401  (its home is guardians)


class TalkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Talk

    child = factory.SubFactory(ChildFactory)
    date = factory.LazyFunction(timezone.localdate)
    topics = factory.LazyFunction(lambda: [Topic.STUDY])
    content = "聊了最近的学习和想念妈妈的心情。"


class HomeVisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HomeVisit

    child = factory.SubFactory(ChildFactory)
    date = factory.LazyFunction(timezone.localdate)
    home_situation = "爷爷奶奶身体尚可，家里整洁。"


class CareNormFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CareNorm

    kind = WorkKind.TALK
    count = 1
    period = CareNorm.Period.MONTH
    by = CareNorm.By.ANY
