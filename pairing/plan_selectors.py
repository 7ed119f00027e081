"""Reads of key-help plans (个别帮扶计划): their read and write rules and which reviews are due.

A plan is read by whoever sees the child (a carer: the children paired with them). It is written by staff
who keep the child's archive. A review is added by those, and by the plan's responsible carer's login.
"""

from datetime import date, timedelta

from django.db.models import Count, Max, Q, QuerySet

from children.scoping import child_records_for, editable_children_for
from organisation.models import User
from organisation.roles import Capability
from pairing.models import KeyHelpPlan, PlanReview


def plans_for(user: User) -> QuerySet[KeyHelpPlan]:
    return child_records_for(user, KeyHelpPlan.objects.all())


def editable_plans_for(user: User) -> QuerySet[KeyHelpPlan]:
    """Plans a user may change: those of children whose archive they keep."""
    return KeyHelpPlan.objects.filter(child__in=editable_children_for(user).values("pk"))


def reviewable_plans_for(user: User) -> QuerySet[KeyHelpPlan]:
    """Plans a user may review: the ones they may change, and a carer's own (they are the responsible carer)."""
    if not user.is_authenticated or not user.can(Capability.LOG_CARE):
        return KeyHelpPlan.objects.none()
    return plans_for(user).filter(Q(pk__in=editable_plans_for(user).values("pk")) | Q(carer__user=user))


def reviews_for(user: User) -> QuerySet[PlanReview]:
    return PlanReview.objects.filter(plan__in=plans_for(user))


def editable_reviews_for(user: User) -> QuerySet[PlanReview]:
    """Reviews a user may correct: of the plans they may change, or the ones they recorded on a plan they review."""
    return PlanReview.objects.filter(
        Q(plan__in=editable_plans_for(user)) | Q(plan__in=reviewable_plans_for(user), recorded_by=user)
    )


def current_plans_q(on: date, prefix: str = "") -> Q:
    """A plan is current on a day when it has started and not yet ended."""
    return Q(**{f"{prefix}start_date__lte": on}) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": on})
    )


def review_due_on(plan: KeyHelpPlan, last_review: date | None) -> date:
    """The day the next review is due: the review interval after the last review, or after the start."""
    return (last_review or plan.start_date) + timedelta(days=plan.review_every_days)


def reviews_due(user: User, *, today: date) -> list[KeyHelpPlan]:
    """Current plans the user may review whose next review is due by today, oldest first; each with
    `last_review` and `due_on`. Queries: 1."""
    plans = list(
        reviewable_plans_for(user)
        .filter(current_plans_q(today), child__status="active")
        .annotate(last_review=Max("reviews__date"))
        .select_related("child__school_class", "carer")
    )
    due = []
    for plan in plans:
        plan.due_on = review_due_on(plan, plan.last_review)
        if plan.due_on <= today:
            due.append(plan)
    return sorted(due, key=lambda p: p.due_on)


def plan_list(user: User) -> QuerySet[KeyHelpPlan]:
    """Every plan the user reads, with the child, carer and the date of the last review."""
    return (
        plans_for(user)
        .select_related("child__school_class", "carer")
        .annotate(last_review=Max("reviews__date"))
        .order_by("child__school_class__grade", "child__school_class__number", "child__name", "-start_date")
    )


def plan_panel(child, user) -> dict:
    """The child page's plans panel: shown for a key-help child, or a child who has plans. Queries: 2."""
    plans = list(plans_for(user).filter(child=child).select_related("carer").annotate(review_count=Count("reviews")))
    may_create = child.is_key_help and editable_children_for(user).filter(pk=child.pk).exists()
    return {"visible": bool(plans) or child.is_key_help, "child": child, "plans": plans, "may_create": may_create}
