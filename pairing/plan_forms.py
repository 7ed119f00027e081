"""Forms of key-help plans and their reviews."""

from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from organisation.form_rules import limit_texts
from organisation.widgets import DateInput, not_future
from pairing.models import Carer, KeyHelpPlan, Pairing, PlanReview


class KeyHelpPlanForm(forms.ModelForm):
    class Meta:
        model = KeyHelpPlan
        fields = ["reasons", "goals", "measures", "carer", "start_date", "end_date", "review_every_days"]
        widgets = {
            "reasons": forms.Textarea(attrs={"rows": 3}),
            "goals": forms.Textarea(attrs={"rows": 3}),
            "measures": forms.Textarea(attrs={"rows": 3}),
            "start_date": DateInput(),
            "end_date": DateInput(),
        }

    def __init__(self, *args, child, **kwargs):
        super().__init__(*args, **kwargs)
        # The child's own carers first, then the rest of the school's active carers.
        own = Pairing.objects.filter(child=child, carer=OuterRef("pk"))
        self.fields["carer"].queryset = (
            Carer.objects.filter(Q(school_id=child.school_id, is_active=True) | Q(pk=self.instance.carer_id or 0))
            .annotate(own=Exists(own))
            .order_by("-own", "name")
        )
        if not self.instance.pk:
            self.initial["start_date"] = self.initial.get("start_date") or timezone.localdate()
            self.initial["reasons"] = self.initial.get("reasons") or child.key_help_reason
        limit_texts(self, "reasons", "goals", "measures")


class PlanReviewForm(forms.ModelForm):
    class Meta:
        model = PlanReview
        fields = ["date", "progress", "next_step"]
        widgets = {
            "date": DateInput(),
            "progress": forms.Textarea(attrs={"rows": 3}),
            "next_step": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.initial["date"] = self.initial.get("date") or timezone.localdate()
        not_future(self.fields["date"])
        limit_texts(self, "progress", "next_step")
