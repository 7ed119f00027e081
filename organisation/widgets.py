"""The one date widget of the project, and the one way to say "no later than today" in a form."""

from django import forms
from django.utils import timezone

from organisation.validators import validate_not_future


class DateInput(forms.DateInput):
    """The browser's date picker; the value is always ISO (2026-09-01), whatever the language."""

    input_type = "date"

    def __init__(self, attrs: dict | None = None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    """The browser's time picker, 24-hour HH:MM."""

    input_type = "time"

    def __init__(self, attrs: dict | None = None):
        super().__init__(attrs=attrs, format="%H:%M")


def not_future(field: forms.Field) -> None:
    """A date of something that already happened: refused after today (validate_not_future), and the
    date picker stops at today."""
    field.validators.append(validate_not_future)
    field.widget.attrs["max"] = timezone.localdate().isoformat()
