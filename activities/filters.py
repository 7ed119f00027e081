"""The filters of the activity, medical-exam, attendance-picker and assistance lists (django-filter).

A value that is not one of the choices (a class of another school, `²`, an id too large for the
database) makes the form invalid; the views then show the list unfiltered, never an error page.
"""

from functools import cached_property

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from activities.models import Activity, ActivityKind, Assistance, MedicalExam
from children.models import Child, Gender, LeftBehindType, PovertyStatus
from organisation.models import Semester


class _CompactFilterSet(django_filters.FilterSet):
    """Small Bootstrap controls named by their label, for the one-line filter bars of these lists."""

    def __init__(self, *args, size: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self._size = size

    @property
    def form(self):
        form = super().form
        for field in form.fields.values():
            widget = field.widget
            if isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", f"form-select {self._size and 'form-select-' + self._size}".strip())
            elif isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            else:
                widget.attrs.setdefault("class", f"form-control {self._size and 'form-control-' + self._size}".strip())
            widget.attrs.setdefault("aria-label", field.label)
        return form

    def filtered(self):
        """The filtered list; with any invalid value, the list as it was (unfiltered)."""
        return self.qs if self.is_bound and self.is_valid() else self.queryset


class ActivityFilter(_CompactFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=ActivityKind.choices, empty_label=_("All kinds"))
    semester = django_filters.ModelChoiceFilter(label=_("Semester"), queryset=None, empty_label=_("All semesters"))
    q = django_filters.CharFilter(
        label=_("Title contains…"),
        field_name="title",
        lookup_expr="icontains",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Title contains…")}),
    )

    class Meta:
        model = Activity
        fields: list[str] = []

    def __init__(self, *args, semesters, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["semester"].queryset = semesters


class MedicalExamFilter(_CompactFilterSet):
    school_class = django_filters.ModelChoiceFilter(
        label=_("Class"), field_name="child__school_class", queryset=None, empty_label=_("All classes")
    )

    class Meta:
        model = MedicalExam
        fields: list[str] = []

    def __init__(self, *args, classes, **kwargs):
        super().__init__(*args, size="sm", **kwargs)
        self.filters["school_class"].queryset = classes


class AttendancePickerFilter(_CompactFilterSet):
    """Children to tick for an activity: by class, gender, left-behind type, family situation, key-help, name."""

    school_class = django_filters.ModelChoiceFilter(label=_("Class"), queryset=None, empty_label=_("All classes"))
    gender = django_filters.ChoiceFilter(label=_("Gender"), choices=Gender.choices, empty_label=_("Any gender"))
    left_behind_type = django_filters.ChoiceFilter(
        label=_("Left-behind type"), choices=LeftBehindType.choices, empty_label=_("Any left-behind type")
    )
    poverty_status = django_filters.ChoiceFilter(
        label=_("Poverty"),
        choices=[c for c in PovertyStatus.choices if c[0] != PovertyStatus.NONE],
        empty_label=_("Any family situation"),
    )
    key_help = django_filters.BooleanFilter(
        label=_("Key-help only"), method="only_key_help", widget=forms.CheckboxInput
    )
    q = django_filters.CharFilter(
        label=_("Name"),
        field_name="name",
        lookup_expr="icontains",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Name")}),
    )

    class Meta:
        model = Child
        fields: list[str] = []

    def __init__(self, *args, classes, **kwargs):
        super().__init__(*args, size="sm", **kwargs)
        self.filters["school_class"].queryset = classes

    def only_key_help(self, queryset, name, value):
        return queryset.filter(is_key_help=True) if value else queryset


class AssistanceFilter(_CompactFilterSet):
    """One semester's assistance; without a valid choice, the current semester (or the latest)."""

    semester = django_filters.ModelChoiceFilter(label=_("Semester"), queryset=None)

    class Meta:
        model = Assistance
        fields: list[str] = []

    def __init__(self, *args, semesters, **kwargs):
        super().__init__(*args, size="sm", **kwargs)
        self.filters["semester"].queryset = semesters

    @cached_property
    def chosen_semester(self) -> Semester | None:
        chosen = self.form.cleaned_data.get("semester") if self.is_valid() else None
        semesters = self.filters["semester"].queryset
        return chosen or semesters.filter(is_current=True).first() or semesters.first()

    def filtered(self):
        return self.queryset.filter(semester=self.chosen_semester) if self.chosen_semester else self.queryset.none()
