from django import forms

from reports.models import SemesterSummary


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
