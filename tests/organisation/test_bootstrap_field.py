"""`bootstrap_field` writes in Python what crispy-forms' `as_crispy_field` writes through templates: the same
label, widget, errors and help, in either language, with every value escaped."""

import re

import pytest
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms
from django.utils import translation

from children.filters import filtered_children
from organisation.rendering import bootstrap_field

pytestmark = pytest.mark.django_db

HOSTILE = "\"'><script>alert(1)</script>&amp;"


def same_markup(html: str) -> str:
    """The markup without the whitespace the templates leave between and around tags."""
    html = re.sub(r"\s+", " ", str(html))
    return re.sub(r"\s*(<|>)\s*", r"\1", html).strip()


def assert_same_as_crispy(make_form) -> None:
    # Two forms: crispy-forms adds its CSS classes to the widget it renders.
    ours, theirs = make_form(), make_form()
    for name in ours.fields:
        assert same_markup(bootstrap_field(ours[name])) == same_markup(as_crispy_field(theirs[name])), name


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize(
    "data",
    [
        None,
        {"q": "张", "grade": "3", "sort": "-name", "incomplete": "on", "is_key_help": "yes"},
        {"school_class": "abc", "grade": "99", "status": "zz", "sort": "bad", "poverty_status": "dibao"},
        {"q": HOSTILE, "left_behind_type": HOSTILE, "sort": "name,-grade"},  # two sorts: a text box
        {"sort": "", "incomplete": "true", "grade": ""},
    ],
)
def test_the_child_lists_filter_form_is_written_as_crispy_forms_writes_it(world, data, language):
    def make_form():
        child_filter, _children = filtered_children(world.principal, data)  # validates a bound form
        return child_filter.form

    with translation.override(language):
        assert_same_as_crispy(make_form)


class EveryKindOfField(forms.Form):
    name = forms.CharField(label="Name <b>", help_text="Say <em>who</em>.", max_length=10)
    age = forms.IntegerField(required=False, min_value=0)
    born = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    grouped = forms.ChoiceField(choices=[("Fruit", [("a", "Apple"), ("p", "Pear & plum")]), ("n", "None")])
    many = forms.MultipleChoiceField(choices=[("1", "One"), ("2", "Two")], required=False)
    agree = forms.BooleanField(help_text="Tick it.")
    styled = forms.CharField(required=False, widget=forms.TextInput(attrs={"class": "wide", "placeholder": "<x>"}))
    kind = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)  # crispy-forms writes it
    secret = forms.CharField(required=False, widget=forms.HiddenInput)  # crispy-forms writes it


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"name": HOSTILE, "age": "-1", "born": "2026-02-30", "grouped": "p", "many": ["1", "2"], "agree": "on"},
        {"name": "Li", "age": "7", "born": "2019-05-01", "grouped": "x", "styled": HOSTILE, "kind": "b"},
    ],
)
def test_every_kind_of_field_is_written_as_crispy_forms_writes_it(data):
    def make_form():
        form = EveryKindOfField(data)
        if form.is_bound:
            form.is_valid()  # errors shown as a submitted form shows them
        return form

    assert_same_as_crispy(make_form)


def test_values_and_errors_are_escaped():
    form = EveryKindOfField({"name": HOSTILE, "styled": HOSTILE, "grouped": HOSTILE})
    form.is_valid()
    html = "".join(bootstrap_field(form[name]) for name in ("name", "styled", "grouped"))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
