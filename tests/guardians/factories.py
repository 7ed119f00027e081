"""Factories for the guardians app's records (the shared ones live in tests/factories.py)."""

import factory
from django.utils import timezone

from guardians.models import ParentContact, ResultImport
from guardians.results_services import results_receive
from tests.factories import ChildFactory
from tests.guardians.roster_files import exam_sheet_bytes


class ParentContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ParentContact

    child = factory.SubFactory(ChildFactory)
    date = factory.LazyFunction(timezone.localdate)
    summary = "电话告知孩子近况。"


def received_exam_sheet(world, score: int = 100) -> ResultImport:
    """The head teacher's exam sheet for class 1 (child 1's score), received and not yet read."""
    return results_receive(
        data=exam_sheet_bytes([[world.child_1.name, "", score]]),
        file_name="成绩.xlsx",
        user=world.head_teacher,
        school_class=world.class_1,
        semester=world.semester,
        exam="期中考试",
    )
