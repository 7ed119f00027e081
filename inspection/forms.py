"""Forms of the inspections: an index item, the school's score of an item, an upload, the district's review."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from inspection.measures import MEASURE_CHOICES
from inspection.models import Item, Section
from organisation.widgets import DateInput


class ItemForm(forms.ModelForm):
    measure = forms.ChoiceField(label=_("measure"), choices=[("", "—"), *MEASURE_CHOICES], required=False)

    class Meta:
        model = Item
        fields = ["section", "order", "title", "points", "evidence", "measure", "rule", "target", "guidance"]

    def __init__(self, *args, index, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = Section.objects.filter(index=index)


class SectionForm(forms.ModelForm):
    class Meta:
        model = Section
        fields = ["title", "order"]
        labels = {"order": _("place among the sections")}
        help_texts = {"order": _("1 puts the section first; the other sections move down to make room.")}


class IndexCopyForm(forms.Form):
    school_year = forms.IntegerField(label=_("school year"), min_value=2000, max_value=2100)
    source = forms.ChoiceField(label=_("copy from"), required=False)

    def __init__(self, *args, sources, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [("", _("The default index")), *[(str(i.pk), str(i)) for i in sources]]


class ScoreForm(forms.Form):
    score = forms.DecimalField(label=_("score"), max_digits=6, decimal_places=1, min_value=Decimal("0"), required=False)
    note = forms.CharField(label=_("note"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2}))


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("document or photo"), help_text=_("A photo (JPEG, PNG, WebP) or a PDF, at most 5 MB.")
    )


class ReturnForm(forms.Form):
    comment = forms.CharField(label=_("comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class CloseForm(forms.Form):
    close_note = forms.CharField(label=_("what was done"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)


class ReviewForm(forms.Form):
    score = forms.DecimalField(label=_("score"), max_digits=6, decimal_places=1, min_value=Decimal("0"), required=False)
    finding = forms.CharField(
        label=_("finding"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    due = forms.DateField(label=_("to be corrected by"), required=False, widget=DateInput())
