"""Factories for the guardians app's records (the shared ones live in tests/factories.py)."""

import factory
from django.utils import timezone

from guardians.models import ParentContact
from tests.factories import ChildFactory


class ParentContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ParentContact

    child = factory.SubFactory(ChildFactory)
    date = factory.LazyFunction(timezone.localdate)
    summary = "电话告知孩子近况。"
