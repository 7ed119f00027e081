from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from children.models import AcademicResult, ChildStatus


class StatusChangeForm(forms.Form):
    status = forms.ChoiceField(label=_("new status"), choices=ChildStatus.choices)
    date = forms.DateField(label=_("date"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("note"), max_length=200, required=False)

    def clean_date(self):
        value = self.cleaned_data["date"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The date of a status change cannot be in the future."))
        return value


class AcademicResultForm(forms.ModelForm):
    class Meta:
        model = AcademicResult
        fields = ["semester", "exam", "chinese", "maths", "english", "total", "class_rank", "class_size"]

    def __init__(self, *args, semesters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["semester"].queryset = semesters

    def clean(self):
        data = super().clean()
        rank, size = data.get("class_rank"), data.get("class_size")
        if rank and size and rank > size:
            self.add_error("class_rank", _("The class rank cannot be larger than the class size."))
        return data
