"""Factories for the pairing app's records (the shared ones live in tests/factories.py)."""

import factory
from django.utils import timezone

from pairing.models import CareNorm, HomeVisit, Talk, Topic, WorkKind
from tests.factories import ChildFactory, days_from_today
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


class KeyHelpPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "pairing.KeyHelpPlan"

    child = factory.SubFactory(ChildFactory, is_key_help=True, key_help_reason="成绩下滑明显")
    reasons = "父母均外出务工，成绩下滑明显"
    goals = "期末语文、数学成绩回到班级中游"
    measures = "每周两次作业辅导，每月一次谈心"
    start_date = factory.LazyFunction(lambda: days_from_today(-60))
    review_every_days = 30


class PlanReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "pairing.PlanReview"

    plan = factory.SubFactory(KeyHelpPlanFactory)
    date = factory.LazyFunction(lambda: days_from_today(-10))
    progress = "作业按时完成，数学小测进步明显"
    next_step = "继续辅导应用题"
