"""Dates a form already holds are shown in a way the browser's date picker understands, in both languages."""

import datetime
import importlib
import inspect

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from organisation.validators import validate_not_future
from organisation.widgets import DateInput

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


def _project_forms():
    for app in ("organisation", "children", "guardians", "pairing", "activities"):
        module = importlib.import_module(f"{app}.forms")
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                yield cls


def test_every_date_field_of_every_form_uses_the_one_date_widget():
    date_fields = [
        (cls.__name__, name, field)
        for cls in _project_forms()
        for name, field in cls.base_fields.items()
        if isinstance(field, forms.DateField)
    ]
    assert len(date_fields) >= 10
    assert [(form, name) for form, name, field in date_fields if not isinstance(field.widget, DateInput)] == []
