from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisation.form_rules import TEXT_MAX  # noqa: F401  (tests and callers read it here)
from organisation.form_rules import limit_texts as _limit_texts
from organisation.forms import PersonNameField
from organisation.models import User
from organisation.outbox import OutboxFields
from organisation.roles import Role
from organisation.widgets import DateInput, not_future
from pairing.attention import SOURCE_LABELS, Thresholds
from pairing.models import (
    COUNT_MAX,
    COUNT_MIN,
    THRESHOLD_FIELDS,
    AttentionSettings,
    CareNorm,
    Carer,
    DistrictAttentionDefaults,
    HomeVisit,
    Pairing,
    SafetyEvent,
    Talk,
    Topic,
)


def _follow_up_not_before(form: forms.ModelForm, data: dict, message) -> None:
    day, due = data.get("date"), data.get("follow_up_due")
    if day and due and due < day:
        form.add_error("follow_up_due", message)


def _carers_of_the_child_first(field: forms.ModelChoiceField, child) -> None:
    """The child's current carers in a group of their own above the school's other carers."""
    own = set(Pairing.objects.current().filter(child=child).values_list("carer_id", flat=True))
    carers = list(field.queryset)
    theirs = [(c.pk, field.label_from_instance(c)) for c in carers if c.pk in own]
    others = [(c.pk, field.label_from_instance(c)) for c in carers if c.pk not in own]
    if not theirs:
        return  # nothing to put first: the plain list
    groups = [(_("Carers of this child"), theirs)]
    if others:
        groups.append((_("Other carers"), others))
    field.choices = [("", field.empty_label), *groups]


class TalkForm(OutboxFields, forms.ModelForm):
    """The quick talk entry: date defaults to today, topics are checkboxes."""

    outbox_kind = "talk"
    saved_message = _("Talk with %(name)s saved.")

    topics = forms.MultipleChoiceField(
        label=_("Topics"), choices=Topic.choices, widget=forms.CheckboxSelectMultiple, required=True
    )

    class Meta:
        model = Talk
        fields = ["carer", "date", "topics", "mood", "content", "concerns", "follow_up", "follow_up_due",
                  "follow_up_done", "confidential_note"]  # fmt: skip
        widgets = {
            "date": DateInput(),
            "follow_up_due": DateInput(),
            "mood": forms.RadioSelect,
            "content": forms.Textarea(attrs={"rows": 3}),
            "concerns": forms.Textarea(attrs={"rows": 2}),
            "follow_up": forms.Textarea(attrs={"rows": 2}),
            "confidential_note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, carers, fixed_carer: Carer | None, show_confidential: bool, child=None, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.initial["date"] = self.initial.get("date") or timezone.localdate()
            del self.fields["follow_up_done"]
        self.fields["mood"].choices = [c for c in self.fields["mood"].choices if c[0]]
        self.fields["mood"].required = False
        if fixed_carer is not None:
            del self.fields["carer"]
            self.instance.carer = fixed_carer
        else:
            myself = _("Myself (no carer)")
            self.fields["carer"].queryset = carers
            self.fields["carer"].empty_label = myself
            self.fields["carer"].help_text = _("Who talked with the child; choose “%(myself)s” if it was you.") % {
                "myself": myself
            }
            child = child or (self.instance.child if self.instance.child_id else None)
            if child is not None:
                _carers_of_the_child_first(self.fields["carer"], child)
        if not show_confidential:
            del self.fields["confidential_note"]
        not_future(self.fields["date"])
        _limit_texts(self, "content", "concerns", "follow_up", "confidential_note")

    def clean(self):
        data = super().clean()
        _follow_up_not_before(self, data, _("The follow-up cannot be due before the talk."))
        return data


class HomeVisitForm(OutboxFields, forms.ModelForm):
    outbox_kind = "visit"
    saved_message = _("Home visit to %(name)s saved.")

    class Meta:
        model = HomeVisit
        fields = ["date", "carers", "staff", "met", "home_situation", "advice", "follow_up", "follow_up_due"]
        widgets = {
            "date": DateInput(),
            "follow_up_due": DateInput(),
            "carers": forms.CheckboxSelectMultiple,
            "staff": forms.CheckboxSelectMultiple,
            "home_situation": forms.Textarea(attrs={"rows": 3}),
            "advice": forms.Textarea(attrs={"rows": 2}),
            "follow_up": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, carers, staff, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.initial["date"] = self.initial.get("date") or timezone.localdate()
        self.fields["carers"].queryset = carers
        self.fields["staff"].queryset = staff
        if not self.instance.pk and self.instance.child_id and not self.instance.child.guardians.exists():
            # No guardian on record: the default cannot be "the guardian" (HomeVisit.clean refuses it).
            self.initial["met"] = HomeVisit.Met.PARENT
        not_future(self.fields["date"])
        _limit_texts(self, "home_situation", "advice", "follow_up")

    def clean(self):
        data = super().clean()
        if not data.get("carers") and not data.get("staff"):
            raise forms.ValidationError(_("Name at least one visitor."))
        _follow_up_not_before(self, data, _("The follow-up cannot be due before the visit."))
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
        widgets = {"start_date": DateInput()}

    def __init__(self, *args, carers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["carer"].queryset = carers
        self.initial.setdefault("start_date", timezone.localdate())


class PairingEndForm(forms.Form):
    end_date = forms.DateField(label=_("End date"), widget=DateInput())


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
            data["carer_kind"] = ""  # left over from switching "by": not the user's choice
        return data


class SafetyEventForm(forms.ModelForm):
    class Meta:
        model = SafetyEvent
        fields = ["date", "kind", "what_happened", "actions", "reported_to", "reported_on", "closed_on"]
        widgets = {
            "date": DateInput(),
            "reported_on": DateInput(),
            "closed_on": DateInput(),
            "what_happened": forms.Textarea(attrs={"rows": 3}),
            "actions": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.initial.setdefault("date", timezone.localdate())
        for name in ("date", "reported_on", "closed_on"):
            not_future(self.fields[name])
        _limit_texts(self, "what_happened", "actions")

    def clean(self):
        data = super().clean()
        day = data.get("date")
        for name in ("reported_on", "closed_on"):
            if day and data.get(name) and data[name] < day:
                self.add_error(name, _("This cannot be before the day it happened."))
        if data.get("reported_to") and not data.get("reported_on"):
            self.add_error("reported_on", _("Say when it was reported."))
        return data


SNOOZE_DAYS = [(7, _("a week")), (14, _("two weeks")), (30, _("a month"))]


class SnoozeForm(forms.Form):
    reason = forms.CharField(max_length=30, widget=forms.HiddenInput)
    days = forms.TypedChoiceField(label=_("Put aside for"), choices=SNOOZE_DAYS, coerce=int, initial=7)
    note = forms.CharField(label=_("Why"), max_length=200)


class AttentionSettingsForm(forms.ModelForm):
    """The school's own thresholds; a blank one follows the district's default. Each field says the value in
    force and where it comes from (`sources`: pairing.attention.threshold_sources)."""

    class Meta:
        model = AttentionSettings
        fields = THRESHOLD_FIELDS

    def __init__(self, *args, sources=(), **kwargs):
        super().__init__(*args, **kwargs)
        for name, value, source in sources:
            self.fields[name].help_text = _(
                "In force: %(value)s, %(source)s. Leave blank to follow the district's default."
            ) % {"value": value, "source": SOURCE_LABELS[source]}


class DistrictAttentionDefaultsForm(forms.ModelForm):
    """The district's default thresholds, followed by every school that has not set its own."""

    class Meta:
        model = DistrictAttentionDefaults
        fields = THRESHOLD_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in THRESHOLD_FIELDS:
            self.fields[name].help_text = _("Leave blank for the built-in default, %(value)s.") % {
                "value": Thresholds.__dataclass_fields__[name].default
            }
