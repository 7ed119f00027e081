from django import forms
from django.utils.translation import gettext_lazy as _

from activities.models import Evidence
from organisation.widgets import DateInput, not_future
from reports.models import InformationItem, SemesterSummary
from reports.monthly import FIGURE_CHOICES


class NarrativeForm(forms.ModelForm):
    """The three parts of the summary the principal writes."""

    class Meta:
        model = SemesterSummary
        fields = ["achievements", "problems", "next_steps"]
        widgets = {name: forms.Textarea(attrs={"rows": 5}) for name in fields}


class EnrolmentForm(forms.Form):
    """One number per class: its students on roll this semester; blank means not entered."""

    def __init__(self, *args, classes, initial_counts: dict[int, int], **kwargs):
        super().__init__(*args, **kwargs)
        self.classes = list(classes)
        for school_class in self.classes:
            self.fields[f"class_{school_class.pk}"] = forms.IntegerField(
                label=school_class.label,
                required=False,
                min_value=0,
                max_value=200,
                initial=initial_counts.get(school_class.pk),
                widget=forms.NumberInput(attrs={"class": "form-control form-control-sm", "inputmode": "numeric"}),
            )

    def counts(self) -> dict[int, int | None]:
        return {c.pk: self.cleaned_data.get(f"class_{c.pk}") for c in self.classes}

    def rows(self):
        return [(c, self[f"class_{c.pk}"]) for c in self.classes]


class DistrictSettingsForm(forms.Form):
    """What the district asks of every monthly report."""

    report_day = forms.IntegerField(
        label=_("Report day"),
        min_value=1,
        max_value=28,
        help_text=_("The report for month M covers this day of M−1 to the day before it in M, and is due on it."),
    )
    figures = forms.TypedMultipleChoiceField(
        label=_("Figures the monthly report shows"),
        choices=FIGURE_CHOICES,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )
    items_required = forms.IntegerField(label=_("Information items required each month"), min_value=0, max_value=10)
    months_not_due = forms.MultipleChoiceField(
        label=_("Months no report is due for"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "months-not-due"}),
        help_text=_(
            "No school is missing or late for a month ticked here. The months of the summer holiday are ticked "
            "unless the district asks for their report: untick one to ask for it."
        ),
    )

    def __init__(self, *args, months: list[str], summer: set[str] = frozenset(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["months_not_due"].choices = [
            (key, _("%(month)s (summer holiday)") % {"month": key} if key in summer else key) for key in months
        ]


class InformationItemForm(forms.ModelForm):
    """A piece of news for the monthly report; photos come from the school's activity evidence."""

    class Meta:
        model = InformationItem
        fields = ["title", "date", "text", "photos"]
        widgets = {
            "date": DateInput(),
            "text": forms.Textarea(attrs={"rows": 4, "maxlength": 1000}),
            "photos": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, school, window, **kwargs):
        super().__init__(*args, **kwargs)
        not_future(self.fields["date"])
        self.fields["date"].widget.attrs["min"] = window.period.start.isoformat()
        self.fields["photos"].queryset = Evidence.objects.filter(
            activity__school=school,
            kind=Evidence.Kind.IMAGE,
            activity__date__gte=window.period.start,
            activity__date__lte=window.period.end,
        ).select_related("activity")
        self.fields["photos"].label_from_instance = lambda e: f"{e.activity.date} {e.activity.title} · {e}"
        self.fields["photos"].required = False


class ReturnForm(forms.Form):
    comment = forms.CharField(label=_("What the school should correct"), widget=forms.Textarea(attrs={"rows": 3}))
