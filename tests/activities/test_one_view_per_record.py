"""Activities, assistance and medical exams are created and edited by one view each, under their old URLs."""

import datetime

import pytest
from django.urls import resolve, reverse

from tests.factories import SemesterFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("create", "edit"),
    [
        ("activities:create", "activities:edit"),
        ("activities:assistance_create", "activities:assistance_edit"),
        ("activities:medical_exam_create", "activities:medical_exam_edit"),
    ],
)
def test_creating_and_editing_share_one_view(create, edit):
    assert resolve(reverse(create)).func is resolve(reverse(edit, args=[1])).func


def test_the_assistance_list_opens_on_the_current_semester(client, world):
    later = {"start_date": datetime.date(2027, 2, 20), "end_date": datetime.date(2027, 7, 10)}
    SemesterFactory(school=world.school, school_year=2026, term=2, is_current=False, **later)  # listed first
    client.force_login(world.archive_keeper)
    assert client.get(reverse("activities:assistance_list")).context["semester"] == world.semester
