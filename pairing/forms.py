from django import forms
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guardians.models import ParentContact
from organisation.forms import PersonNameField
from organisation.models import User
from organisation.roles import Role
from organisation.validators import validate_not_future
from pairing.models import COUNT_MAX, COUNT_MIN, CareNorm, Carer, HomeVisit, Pairing, Talk, Topic

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT_MAX = 2000  # characters in one free-text field of a talk, visit or contact: about a page


def _limit_texts(form: forms.ModelForm, *names: str) -> None:
    """Free text is notes, not documents: at most TEXT_MAX characters, said in the form (maxlength too)."""
    for name in names:
        if name in form.fields:
            field = form.fields[name]
            field.max_length = TEXT_MAX
            field.validators.append(MaxLengthValidator(TEXT_MAX))
            field.widget.attrs["maxlength"] = str(TEXT_MAX)


def _not_future(form: forms.ModelForm, name: str = "date") -> None:
    """Records of work done carry the day it happened, never a day to come (max= for the date picker)."""
    field = form.fields[name]
    field.validators.append(validate_not_future)
    field.widget.attrs["max"] = timezone.localdate().isoformat()


def _follow_up_not_before(form: forms.ModelForm, data: dict, message) -> None:
    day, due = data.get("date"), data.get("follow_up_due")
    if day and due and due < day:
        form.add_error("follow_up_due", message)


class TalkForm(forms.ModelForm):
    """The quick talk entry: date defaults to today, topics are checkboxes."""

    topics = forms.MultipleChoiceField(
        label=_("Topics"), choices=Topic.choices, widget=forms.CheckboxSelectMultiple, required=True
    )

    class Meta:
        model = Talk
        fields = ["carer", "date", "topics", "mood", "content", "concerns", "follow_up", "follow_up_due",
                  "follow_up_done", "confidential_note"]  # fmt: skip
        widgets = {
            "date": DATE,
            "follow_up_due": DATE,
            "mood": forms.RadioSelect,
            "content": forms.Textarea(attrs={"rows": 3}),
            "concerns": forms.Textarea(attrs={"rows": 2}),
            "follow_up": forms.Textarea(attrs={"rows": 2}),
            "confidential_note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, carers, fixed_carer: Carer | None, show_confidential: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.initial.setdefault("date", timezone.localdate())
            del self.fields["follow_up_done"]
        self.fields["mood"].choices = [c for c in self.fields["mood"].choices if c[0]]
        self.fields["mood"].required = False
        if fixed_carer is not None:
            del self.fields["carer"]
            self.instance.carer = fixed_carer
        else:
            self.fields["carer"].queryset = carers
            self.fields["carer"].empty_label = _("Myself (no carer)")
            self.fields["carer"].help_text = _("Who talked with the child; leave empty if it was you.")
        if not show_confidential:
            del self.fields["confidential_note"]
        _not_future(self)
        _limit_texts(self, "content", "concerns", "follow_up", "confidential_note")

    def clean(self):
        data = super().clean()
        _follow_up_not_before(self, data, _("The follow-up cannot be due before the talk."))
        return data


class HomeVisitForm(forms.ModelForm):
    class Meta:
        model = HomeVisit
        fields = ["date", "carers", "staff", "met", "home_situation", "advice", "follow_up", "follow_up_due"]
        widgets = {
            "date": DATE,
            "follow_up_due": DATE,
            "carers": forms.CheckboxSelectMultiple,
            "staff": forms.CheckboxSelectMultiple,
            "home_situation": forms.Textarea(attrs={"rows": 3}),
            "advice": forms.Textarea(attrs={"rows": 2}),
            "follow_up": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, carers, staff, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.initial.setdefault("date", timezone.localdate())
        self.fields["carers"].queryset = carers
        self.fields["staff"].queryset = staff
        _not_future(self)
        _limit_texts(self, "home_situation", "advice", "follow_up")

    def clean(self):
        data = super().clean()
        if not data.get("carers") and not data.get("staff"):
            raise forms.ValidationError(_("Name at least one visitor."))
        _follow_up_not_before(self, data, _("The follow-up cannot be due before the visit."))
        return data


class ParentContactForm(forms.ModelForm):
    class Meta:
        model = ParentContact
        fields = ["date", "counterpart", "parent", "channel", "initiated_by", "reached", "summary"]
        widgets = {"date": DATE, "summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, parents, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.initial.setdefault("date", timezone.localdate())
        self.fields["parent"].queryset = parents
        _not_future(self)
        _limit_texts(self, "summary")

    def clean(self):
        data = super().clean()
        if data.get("counterpart") == ParentContact.Counterpart.GUARDIAN and data.get("parent"):
            self.add_error("parent", _("A contact with the guardian names no parent."))
        return data


class CarerForm(forms.ModelForm):
    class Meta:
        model = Carer
        field_classes = {"name": PersonNameField}
        fields = ["name", "kind", "phone", "organisation", "user", "is_active"]

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.school = school
        self.fields["user"].queryset = User.objects.filter(school=school, role__in=[Role.CARER, Role.HEAD_TEACHER])
        self.fields["user"].help_text = _("Only if this carer logs in; loving mothers usually do not.")


class PairingForm(forms.ModelForm):
    class Meta:
        model = Pairing
        fields = ["carer", "kind", "focus", "start_date"]
        widgets = {"start_date": DATE}

    def __init__(self, *args, carers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["carer"].queryset = carers
        self.initial.setdefault("start_date", timezone.localdate())


class PairingEndForm(forms.Form):
    end_date = forms.DateField(label=_("End date"), widget=DATE)


class CareNormForm(forms.ModelForm):
    class Meta:
        model = CareNorm
        fields = ["kind", "count", "period", "by", "carer_kind", "applies_to", "is_active"]

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.school = school
        # A positive integer's form field says "≥ 0"; the rule is 1 to 31, as on the model.
        count = self.fields["count"]
        count.min_value, count.max_value = COUNT_MIN, COUNT_MAX
        count.validators = [v for v in count.validators if not isinstance(v, MinValueValidator | MaxValueValidator)]
        count.validators += [MinValueValidator(COUNT_MIN), MaxValueValidator(COUNT_MAX)]
        count.widget.attrs.update(min=COUNT_MIN, max=COUNT_MAX)

    def clean(self):
        data = super().clean()
        if data.get("by") == CareNorm.By.PAIRED_CARER and not data.get("carer_kind"):
            self.add_error("carer_kind", _("Name the kind of carer."))
        if data.get("by") != CareNorm.By.PAIRED_CARER and data.get("carer_kind"):
            data["carer_kind"] = ""
        return data
