from django import forms
from django.contrib.auth.forms import BaseUserCreationForm
from django.utils.translation import gettext_lazy as _

from organisation.models import School, SchoolClass, Semester, User
from organisation.roles import Role
from organisation.validators import validate_person_name
from organisation.widgets import DateInput


class PersonNameField(forms.CharField):
    """The form field of every person's name (Meta.field_classes = {"name": PersonNameField})."""

    default_validators = [validate_person_name]


SCHOOL_ROLES = [(value, label) for value, label in Role.choices if value != Role.DISTRICT_OFFICER]


class StaffCreateForm(BaseUserCreationForm):
    role = forms.ChoiceField(label=_("role"), choices=SCHOOL_ROLES)

    class Meta:
        model = User
        fields = ["username", "full_name", "role", "phone"]

    def __init__(self, *args, school: School, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.school = school


class StaffEditForm(forms.ModelForm):
    role = forms.ChoiceField(label=_("role"), choices=SCHOOL_ROLES)

    class Meta:
        model = User
        fields = ["full_name", "role", "phone", "is_active"]


class SchoolClassForm(forms.ModelForm):
    class Meta:
        model = SchoolClass
        fields = ["grade", "number", "head_teachers", "is_active"]
        widgets = {"head_teachers": forms.CheckboxSelectMultiple}

    def __init__(self, *args, school: School, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.school = school
        self.fields["head_teachers"].queryset = User.objects.filter(
            school=school, is_active=True, role__in=[Role.HEAD_TEACHER, Role.PRINCIPAL, Role.ARCHIVE_KEEPER]
        )

    def clean(self):
        cleaned = super().clean()
        grade, number = cleaned.get("grade"), cleaned.get("number")
        taken = SchoolClass.objects.filter(school=self.instance.school, grade=grade, number=number)
        if grade and number and taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                _("Grade %(grade)s Class %(number)s already exists in this school."),
                params={"grade": grade, "number": number},
            )
        return cleaned


class SemesterForm(forms.ModelForm):
    class Meta:
        model = Semester
        fields = ["school_year", "term", "start_date", "end_date", "is_current"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    def __init__(self, *args, school: School, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.school = school

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end <= start:
            self.add_error("end_date", _("The semester must end after it starts."))
        year, term = cleaned.get("school_year"), cleaned.get("term")
        taken = Semester.objects.filter(school=self.instance.school, school_year=year, term=term)
        if year and term and taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("This school already has that semester."))
        return cleaned
