"""Forms of the children's home: the home, an opening, a family-phone call made there, a book loan."""

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activities.models import BookLoan, ChildrensHome, HomeSession
from guardians.models import Parent, ParentContact
from organisation.form_rules import limit_texts
from organisation.models import User
from organisation.roles import Role
from organisation.widgets import DateInput, TimeInput, not_future


def _staff(school, keep_pk=None):
    staff = Q(school=school, is_active=True) & ~Q(role=Role.CARER)
    if keep_pk:
        staff |= Q(pk=keep_pk)
    return User.objects.filter(staff)


class ChildrensHomeForm(forms.ModelForm):
    class Meta:
        model = ChildrensHome
        fields = ["name", "room", "opening_hours", "equipment", "responsible", "loan_days"]
        widgets = {"equipment": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = _staff(school, self.instance.responsible_id)
        limit_texts(self, "equipment")


class HomeSessionForm(forms.ModelForm):
    class Meta:
        model = HomeSession
        fields = ["date", "start_time", "end_time", "duty", "duty_name", "activities"]
        widgets = {
            "date": DateInput(),
            "start_time": TimeInput(),
            "end_time": TimeInput(),
            "activities": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.initial["date"] = self.initial.get("date") or timezone.localdate()
        self.fields["duty"].queryset = _staff(school, self.instance.duty_id)
        not_future(self.fields["date"])
        limit_texts(self, "activities")


class HomeCallForm(forms.ModelForm):
    """A child's call home on the family phone during a session; whether it got through is chosen, never
    assumed."""

    reached = forms.TypedChoiceField(
        label=_("Got through?"),
        choices=[("1", _("Yes, reached")), ("0", _("No, not reached"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )

    class Meta:
        model = ParentContact
        fields = ["child", "counterpart", "parent", "channel", "reached", "summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, children, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["child"].queryset = children
        self.fields["parent"].queryset = (
            Parent.objects.filter(child__in=children).select_related("child").order_by("child__name")
        )
        self.fields["parent"].label_from_instance = lambda p: f"{p.child.name} · {p.get_relation_display()} {p.name}"
        self.fields["channel"].choices = [
            (ParentContact.Channel.CALL, ParentContact.Channel.CALL.label),
            (ParentContact.Channel.VIDEO, ParentContact.Channel.VIDEO.label),
        ]
        limit_texts(self, "summary")

    def clean(self):
        data = super().clean()
        parent, child = data.get("parent"), data.get("child")
        if data.get("counterpart") == ParentContact.Counterpart.GUARDIAN and parent:
            self.add_error("parent", _("A contact with the guardian names no parent."))
        elif parent and child and parent.child_id != child.pk:
            self.add_error("parent", _("This parent belongs to another child."))
        return data


class BookLoanForm(forms.ModelForm):
    class Meta:
        model = BookLoan
        fields = ["child", "title", "borrowed_on", "returned_on"]
        widgets = {"borrowed_on": DateInput(), "returned_on": DateInput()}

    def __init__(self, *args, children, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["child"].queryset = children
        if not self.instance.pk:
            self.initial["borrowed_on"] = self.initial.get("borrowed_on") or timezone.localdate()
        not_future(self.fields["borrowed_on"])
        not_future(self.fields["returned_on"])
