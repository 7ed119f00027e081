from django import forms

from reports.models import SemesterSummary


class NarrativeForm(forms.ModelForm):
    """The three parts of the summary the principal writes."""

    class Meta:
        model = SemesterSummary
        fields = ["achievements", "problems", "next_steps"]
        widgets = {name: forms.Textarea(attrs={"rows": 5}) for name in fields}
