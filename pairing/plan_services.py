"""Writes of key-help plans and their reviews, each within its write rule (pairing.plan_selectors)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from children.scoping import editable_children_for
from organisation.models import User
from pairing.models import KeyHelpPlan, PlanReview
from pairing.plan_selectors import editable_plans_for, editable_reviews_for, reviewable_plans_for


@transaction.atomic
def plan_save(*, plan: KeyHelpPlan, user: User) -> KeyHelpPlan:
    """A plan is for a key-help child whose archive the user keeps; its carer works at the child's school."""
    if plan.pk is None:
        if not editable_children_for(user).filter(pk=plan.child_id).exists():
            raise ValidationError(_("You may not make plans for this child."))
        if not plan.child.is_key_help:
            raise ValidationError(_("Only a key-help child has an individual help plan."))
        plan.recorded_by = user
    elif not editable_plans_for(user).filter(pk=plan.pk).exists():
        raise ValidationError(_("You may not change this plan."))
    if plan.carer_id and plan.carer.school_id != plan.child.school_id:
        raise ValidationError({"carer": _("The carer works for another school.")})
    plan.full_clean(exclude=["recorded_by"])
    plan.save()
    return plan


@transaction.atomic
def review_save(*, review: PlanReview, user: User) -> PlanReview:
    """A review of a plan the user may review, on or after the plan's start."""
    if review.pk is None:
        if not reviewable_plans_for(user).filter(pk=review.plan_id).exists():
            raise ValidationError(_("You may not review this plan."))
        review.recorded_by = user
    elif not editable_reviews_for(user).filter(pk=review.pk).exists():
        raise ValidationError(_("You may not change this review."))
    if review.date and review.date < review.plan.start_date:
        raise ValidationError({"date": _("A review is on or after the day the plan starts.")})
    review.full_clean(exclude=["recorded_by"])
    review.save()
    return review
