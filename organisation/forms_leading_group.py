"""The form of a leading-group member."""

from django import forms

from organisation.models import LeadingGroupMember, User
from organisation.roles import Role
from organisation.widgets import DateInput


class LeadingGroupMemberForm(forms.ModelForm):
    class Meta:
        model = LeadingGroupMember
        fields = ["school_year", "user", "name", "position", "role", "duty", "duty_note", "left_on"]
        widgets = {"left_on": DateInput()}

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(school=school, is_active=True).exclude(
            role=Role.DISTRICT_OFFICER
        )
        if not self.instance.pk:
            del self.fields["left_on"]
