"""Factories of the children app's own records (the shared ones are in tests/factories.py)."""

from decimal import Decimal

import factory

from children.models import AcademicResult
from tests.factories import ChildFactory, SemesterFactory


class AcademicResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AcademicResult

    child = factory.SubFactory(ChildFactory)
    semester = factory.SubFactory(SemesterFactory, school=factory.SelfAttribute("..child.school"))
    exam = "期末考试"
    chinese = Decimal("85.0")
    maths = Decimal("90.0")
    total = Decimal("175.0")
    class_rank = 10
    class_size = 40
