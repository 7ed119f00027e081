"""Rules shared by the forms of care records (talks, visits, parent contacts): one place for each.
Dates use `organisation.widgets` (DateInput, not_future)."""

from django import forms
from django.core.validators import MaxLengthValidator

TEXT_MAX = 2000  # characters in one free-text field of a talk, visit or contact: about a page


def limit_texts(form: forms.ModelForm, *names: str) -> None:
    """Free text is notes, not documents: at most TEXT_MAX characters, said in the form (maxlength too)."""
    for name in names:
        if name in form.fields:
            field = form.fields[name]
            field.max_length = TEXT_MAX
            field.validators.append(MaxLengthValidator(TEXT_MAX))
            field.widget.attrs["maxlength"] = str(TEXT_MAX)
