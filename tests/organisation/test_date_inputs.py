"""Dates a form already holds are shown in a way the browser's date picker understands, in both languages."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from organisation.validators import validate_not_future

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_semester_form_shows_its_dates_as_iso_for_the_date_picker(world, language):
    client = Client()
    client.force_login(world.principal)
    client.post(reverse("set_language"), {"language": language, "next": "/"})
    body = client.get(reverse("organisation:semester_edit", args=[world.semester.pk])).content.decode()
    assert f'value="{world.semester.start_date.isoformat()}"' in body
    assert f'value="{world.semester.end_date.isoformat()}"' in body


def test_chinese_user_can_resave_a_semester_without_retyping_its_dates(client, world):
    client.force_login(world.principal)
    response = client.post(
        reverse("organisation:semester_edit", args=[world.semester.pk]),
        {
            "school_year": world.semester.school_year,
            "term": world.semester.term,
            "start_date": f"{world.semester.start_date:%Y/%m/%d}",
            "end_date": world.semester.end_date.isoformat(),
            "is_current": "on",
        },
    )
    assert response.status_code == 302


def test_a_future_date_is_refused_with_the_date_named():
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as caught:
        validate_not_future(tomorrow)
    assert caught.value.code == "future_date"
    validate_not_future(timezone.localdate())
