from django import forms
from django.utils.translation import gettext_lazy as _

from children.models import AcademicResult, ChildStatus
from organisation.widgets import DateInput, not_future


class StatusChangeForm(forms.Form):
    status = forms.ChoiceField(label=_("new status"), choices=ChildStatus.choices)
    date = forms.DateField(label=_("date"), widget=DateInput())
    note = forms.CharField(label=_("note"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        not_future(self.fields["date"])


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
        # The child is set by the view, not a field, so Django's own unique check skips it.
        semester, exam = data.get("semester"), data.get("exam")
        if self.instance.child_id and semester and exam:
            taken = AcademicResult.objects.filter(child_id=self.instance.child_id, semester=semester, exam=exam)
            if taken.exclude(pk=self.instance.pk).exists():
                self.add_error(
                    "exam",
                    _("%(name)s already has a result of “%(exam)s” in %(semester)s: edit that one instead.")
                    % {"name": self.instance.child.name, "exam": exam, "semester": semester},
                )
        return data
