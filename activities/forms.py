from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from activities.evidence import inspect_upload
from activities.models import Activity, ActivityKind, Assistance, MedicalExam
from organisation.models import User
from organisation.roles import Role
from organisation.validators import validate_not_future
from organisation.widgets import DateInput, TimeInput


def _decimal_messages(field: forms.DecimalField, message: str) -> None:
    """One clear message for every way a number can have too many digits (Django's own read badly in Chinese)."""
    for code in ("max_digits", "max_decimal_places", "max_whole_digits"):
        field.error_messages[code] = message
    field.error_messages["invalid"] = _("Enter a number, such as 12.5.")


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = [
            "kind",
            "topic",
            "title",
            "date",
            "start_time",
            "place",
            "organiser",
            "organiser_name",
            "partner",
            "description",
        ]
        widgets = {"date": DateInput(), "start_time": TimeInput(), "description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        # Staff organise activities; carers (volunteers paired with children) are not offered.
        staff = Q(school=school, is_active=True) & ~Q(role=Role.CARER)
        if self.instance.organiser_id:  # keep whoever was chosen before, so editing does not fail
            staff |= Q(pk=self.instance.organiser_id)
        self.fields["organiser"].queryset = User.objects.filter(staff)
        self.fields["partner"].widget.attrs["list"] = "partners"

    def clean(self):
        data = super().clean()
        if data.get("kind") == ActivityKind.LECTURE and not data.get("topic"):
            self.add_error("topic", _("Choose the topic of the lecture."))
        elif data.get("kind") != ActivityKind.LECTURE:
            data["topic"] = ""  # a topic left over from switching the kind
        return data


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label=_("Photo or document"), help_text=_("JPEG, PNG or WebP photos, or PDF documents; at most 5 MB.")
    )
    caption = forms.CharField(label=_("Caption"), max_length=200, required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.inspected = inspect_upload(upload)
        return upload


class AttendanceForm(forms.Form):
    """The ticked children of the attendance picker: children the user may add to the activity."""

    children = forms.ModelMultipleChoiceField(queryset=None, required=False)

    def __init__(self, *args, children, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["children"].queryset = children


class AttendanceClassForm(forms.Form):
    """A whole class to add to the attendance in one step."""

    school_class = forms.ModelChoiceField(queryset=None)

    def __init__(self, *args, classes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school_class"].queryset = classes


class AssistanceForm(forms.ModelForm):
    class Meta:
        model = Assistance
        fields = ["child", "date", "donor_kind", "donor", "kind", "amount", "description"]
        widgets = {"date": DateInput()}

    def __init__(self, *args, children, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["child"].queryset = children.select_related("school_class")
        self.fields["child"].label_from_instance = lambda c: f"{c.school_class} {c.name}"
        self.fields["amount"].widget.attrs.update({"min": "0", "step": "0.01", "inputmode": "decimal"})
        _decimal_messages(
            self.fields["amount"], _("An amount has at most 8 digits before the decimal point and 2 after it.")
        )


class MedicalExamForm(forms.ModelForm):
    class Meta:
        model = MedicalExam
        fields = ["child", "activity", "date", "height_cm", "weight_kg", "vision_left", "vision_right", "notes"]
        widgets = {"date": DateInput(), "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, children, activities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["child"].queryset = children.select_related("school_class")
        self.fields["child"].label_from_instance = lambda c: f"{c.school_class} {c.name}"
        self.fields["activity"].queryset = activities.filter(kind=ActivityKind.MEDICAL_EXAM)
        self.fields["date"].required = False
        self.fields["date"].help_text = _("Leave empty to use the date of the medical-exam activity.")
        _decimal_messages(
            self.fields["height_cm"], _("Enter the height in cm with at most one decimal place, such as 132.5.")
        )
        _decimal_messages(
            self.fields["weight_kg"], _("Enter the weight in kg with at most one decimal place, such as 28.4.")
        )
        for name in ("vision_left", "vision_right"):
            _decimal_messages(self.fields[name], _("Enter the vision with one decimal place, such as 4.9 or 5.0."))

    def clean(self):
        data = super().clean()
        activity = data.get("activity")
        if data.get("date") or "date" in self.errors:
            return data
        if not activity:
            self.add_error("date", _("Enter the date of the exam, or choose the medical-exam activity."))
        else:
            try:  # the exam takes the activity's date: a planned activity has no results yet
                validate_not_future(activity.date)
            except forms.ValidationError as error:
                self.add_error("date", error)
        return data
