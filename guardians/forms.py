"""The composite archive form: a child with parents, guardian and emergency contacts in one page."""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from children.models import ID_NUMBER_TAKEN, KEY_HELP_REASON_MISSING, Child
from guardians.models import EmergencyContact, Guardian, Parent, ParentContact
from organisation.form_rules import limit_texts
from organisation.forms import PersonNameField
from organisation.outbox import OutboxFields
from organisation.validators import normalize_phone, parse_resident_id
from organisation.widgets import DateInput, not_future

YOUNGEST, OLDEST = 3, 20  # a school-age child, from kindergarten to the end of junior middle school
GRADE_AGE_SLACK = 3  # years a child may be older or younger than usual for the grade (late start, repeats)


def _age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


class ChildForm(forms.ModelForm):
    class Meta:
        model = Child
        field_classes = {"name": PersonNameField}
        fields = [
            "school_class", "name", "gender", "birth_date", "id_number", "ethnicity", "address", "is_boarding",
            "left_behind_type", "identified_on", "study_level", "behaviour", "personality", "hobbies", "health",
            "disability", "guardianship", "poverty_status", "is_key_help", "key_help_reason", "safety_letter_signed",
            "safety_letter_signed_on", "notes",
        ]  # fmt: skip
        widgets = {
            "birth_date": DateInput(),
            "identified_on": DateInput(),
            "safety_letter_signed_on": DateInput(),
            "behaviour": forms.Textarea(attrs={"rows": 2}),
            "personality": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "left_behind_type": _(
                "Worked out from the parents' situations when you save; choose it only if no parent is recorded."
            ),
            "id_number": _("18 characters; its date of birth and gender must match the fields above."),
        }

    def __init__(self, *args, classes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school_class"].queryset = classes
        self.fields["school_class"].label_from_instance = lambda c: c.label
        not_future(self.fields["birth_date"])
        not_future(self.fields["safety_letter_signed_on"])

    def clean_id_number(self) -> str:
        number = (self.cleaned_data.get("id_number") or "").strip().upper()
        if number:
            parse_resident_id(number)  # raises a ValidationError that says what is wrong
        return number

    def clean_birth_date(self) -> date:
        birth = self.cleaned_data["birth_date"]  # not in the future: not_future() in __init__
        age = _age_on(birth, timezone.localdate())
        if not YOUNGEST <= age <= OLDEST:
            raise ValidationError(
                _("A child born on %(date)s is %(age)d years old, which is not a school age (%(min)d–%(max)d)."),
                code="not_school_age",
                params={"date": birth.isoformat(), "age": age, "min": YOUNGEST, "max": OLDEST},
            )
        return birth

    def clean(self):
        data = super().clean()
        birth, school_class = data.get("birth_date"), data.get("school_class")
        if birth and school_class and "birth_date" not in self.errors:
            today = timezone.localdate()
            school_year_start = date(today.year if today.month >= 9 else today.year - 1, 9, 1)
            age, usual = _age_on(birth, school_year_start), school_class.grade + 5
            if abs(age - usual) > GRADE_AGE_SLACK:
                self.add_error(
                    "birth_date",
                    _(
                        "A child born on %(date)s was %(age)d on 1 September; children in grade %(grade)d are "
                        "usually %(usual)d. Check the date of birth or the class."
                    )
                    % {"date": birth.isoformat(), "age": age, "grade": school_class.grade, "usual": usual},
                )
        number = data.get("id_number")
        if number and "id_number" not in self.errors:
            parsed = parse_resident_id(number)
            birth = data.get("birth_date")
            if birth and parsed.birth_date != birth:
                self.add_error(
                    "id_number",
                    _("The ID number gives the date of birth %(id_date)s, but the date of birth field says %(date)s.")
                    % {"id_date": parsed.birth_date.isoformat(), "date": birth.isoformat()},
                )
            gender = data.get("gender")
            if gender and (gender == "M") != parsed.is_male:
                self.add_error(
                    "id_number",
                    _("The ID number belongs to a boy, but the gender field says girl.")
                    if parsed.is_male
                    else _("The ID number belongs to a girl, but the gender field says boy."),
                )
            school_class = data.get("school_class")
            if school_class and (
                Child.objects.filter(school_id=school_class.school_id, id_number=parsed.number)
                .exclude(pk=self.instance.pk)
                .exists()
            ):
                self.add_error("id_number", ID_NUMBER_TAKEN)
        if data.get("is_key_help") and not data.get("key_help_reason"):
            self.add_error("key_help_reason", KEY_HELP_REASON_MISSING)
        return data


def tidy_phone(value: str) -> str:
    """Digits of a mobile number; a landline as area code, hyphen, number (0854-7321234)."""
    digits = normalize_phone(value)
    if len(digits) > 1 and digits.startswith("0"):  # "0" alone is left for the validator to refuse
        # Beijing, Shanghai, Tianjin, Chongqing and the big cities (010, 020–029) have 3-digit codes.
        split = 3 if digits[1] in "12" else 4
        return f"{digits[:split]}-{digits[split:]}"
    return digits


class PhoneNormalisingForm(forms.ModelForm):
    def clean_phone(self) -> str:
        value = self.cleaned_data.get("phone") or ""
        return tidy_phone(value) if value else ""


class ParentForm(PhoneNormalisingForm):
    class Meta:
        model = Parent
        field_classes = {"name": PersonNameField}
        fields = [
            "relation", "name", "situation", "phone", "work_province", "work_city", "employer", "occupation",
            "away_since", "usual_return",
        ]  # fmt: skip
        widgets = {"away_since": DateInput()}

    def clean(self):
        data = super().clean()
        if data.get("situation") == Parent.Situation.AWAY and not data.get("name") and not data.get("phone"):
            self.add_error("name", _("Give at least the name or the phone of a parent who works away."))
        return data


class BaseParentFormSet(BaseInlineFormSet):
    def clean(self):
        # Before the generic duplicate check, so the error sits on the field that repeats.
        seen = set()
        for form in self.forms:
            if not form.has_changed() or self._should_delete_form(form) or not hasattr(form, "cleaned_data"):
                continue
            relation = form.cleaned_data.get("relation")
            if relation in seen:
                form.add_error("relation", _("A child has one father and one mother: this relation is already given."))
            seen.add(relation)
        super().clean()


class GuardianForm(PhoneNormalisingForm):
    class Meta:
        model = Guardian
        field_classes = {"name": PersonNameField}
        fields = ["name", "relation", "age", "education", "health", "phone", "address", "can_help_homework"]


class EmergencyContactForm(PhoneNormalisingForm):
    class Meta:
        model = EmergencyContact
        field_classes = {"name": PersonNameField}
        fields = ["name", "relation", "phone"]


# absolute_max = max_num: a forged TOTAL_FORMS of "99999999999999999999" would otherwise build and
# validate a thousand forms per formset (minutes of work for one request) before refusing them.
# One empty guardian and contact slot each; the page's "add another" adds more, up to the maximum
# (static/js/formsets.js).
ParentFormSet = inlineformset_factory(
    Child, Parent, form=ParentForm, formset=BaseParentFormSet, extra=2, max_num=2, absolute_max=2, validate_max=True
)
GuardianFormSet = inlineformset_factory(
    Child, Guardian, form=GuardianForm, extra=1, max_num=3, absolute_max=3, validate_max=True
)
EmergencyContactFormSet = inlineformset_factory(
    Child, EmergencyContact, form=EmergencyContactForm, extra=1, max_num=4, absolute_max=4, validate_max=True
)


class ArchiveForms:
    """The four parts of the archive page, bound or not, validated together."""

    def __init__(self, data=None, *, instance: Child | None, classes):
        instance = instance or Child()
        self.child = ChildForm(data, instance=instance, classes=classes, prefix="child")
        parent_initial = None
        if instance.pk is None:
            parent_initial = [{"relation": Parent.Relation.FATHER}, {"relation": Parent.Relation.MOTHER}]
        self.parents = ParentFormSet(data, instance=instance, prefix="parents", initial=parent_initial)
        self.guardians = GuardianFormSet(data, instance=instance, prefix="guardians")
        self.contacts = EmergencyContactFormSet(data, instance=instance, prefix="contacts")

    @property
    def parts(self):
        return [self.child, self.parents, self.guardians, self.contacts]

    def is_valid(self) -> bool:
        return all([part.is_valid() for part in self.parts])  # a list: every part shows its errors


def _reached_is_chosen(form: forms.ModelForm) -> None:
    """An unanswered family call must not be saved as reached by default: the person picks yes or no."""
    field = forms.TypedChoiceField(
        label=_("Reached"),
        choices=[("True", _("Yes, reached")), ("False", _("No, not reached"))],
        coerce=lambda value: value == "True",
        widget=forms.RadioSelect,
        required=True,
    )
    form.fields["reached"] = field
    if not form.instance.pk:
        form.initial.pop("reached", None)
    else:
        form.initial["reached"] = str(form.instance.reached)


class ParentContactForm(OutboxFields, forms.ModelForm):
    """A call, message or letter with a parent or the guardian; the parent is one of the child's own."""

    outbox_kind = "contact"
    saved_message = _("Contact about %(name)s saved.")

    class Meta:
        model = ParentContact
        fields = ["date", "counterpart", "parent", "channel", "initiated_by", "reached", "summary"]
        widgets = {"date": DateInput(), "summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, parents, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.initial["date"] = self.initial.get("date") or timezone.localdate()
        self.fields["parent"].queryset = parents
        _reached_is_chosen(self)
        not_future(self.fields["date"])
        limit_texts(self, "summary")

    def clean(self):
        data = super().clean()
        if data.get("counterpart") == ParentContact.Counterpart.GUARDIAN and data.get("parent"):
            self.add_error("parent", _("A contact with the guardian names no parent."))
        return data
