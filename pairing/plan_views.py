"""Views of key-help plans (个别帮扶计划): the school's list, a plan with its reviews, and their forms."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from children.scoping import get_child_for
from organisation.decorators import capability_required
from organisation.rendering import add_errors, form_page
from organisation.roles import Capability
from pairing import plan_selectors as selectors
from pairing import plan_services as services
from pairing.models import KeyHelpPlan, PlanReview
from pairing.plan_forms import KeyHelpPlanForm, PlanReviewForm

PLANS_PER_PAGE = 30


@capability_required(Capability.EDIT_ARCHIVES)
def plan_list(request):
    today = timezone.localdate()
    page = Paginator(selectors.plan_list(request.user), PLANS_PER_PAGE).get_page(request.GET.get("page"))
    for plan in page.object_list:
        plan.current = plan.is_current(today)
        plan.due_on = selectors.review_due_on(plan, plan.last_review)
    return render(request, "pairing/plan_list.html", {"page": page, "today": today})


@capability_required(Capability.VIEW_CHILDREN)
def plan_detail(request, pk: int):
    """A plan with its reviews; those who may review it add one here."""
    plan = get_object_or_404(selectors.plans_for(request.user).select_related("child__school_class", "carer"), pk=pk)
    may_review = selectors.reviewable_plans_for(request.user).filter(pk=plan.pk).exists()
    form = None
    if may_review:
        form = PlanReviewForm(request.POST or None, instance=PlanReview(plan=plan))
        if form.is_valid():
            try:
                services.review_save(review=form.instance, user=request.user)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Review saved."))
                return redirect("pairing:plan_detail", pk=plan.pk)
    reviews = list(plan.reviews.select_related("recorded_by"))
    return render(
        request,
        "pairing/plan_detail.html",
        {
            "plan": plan,
            "reviews": reviews,
            "form": form,
            "may_edit": selectors.editable_plans_for(request.user).filter(pk=plan.pk).exists(),
            "due_on": selectors.review_due_on(plan, reviews[0].date if reviews else None),
        },
    )


@capability_required(Capability.EDIT_ARCHIVES)
def plan_form(request, child_pk: int | None = None, pk: int | None = None):
    """Make a plan for a key-help child (`child_pk`) or change one (`pk`)."""
    if pk is None:
        child = get_child_for(request.user, child_pk, write=True)
        plan = KeyHelpPlan(child=child)
    else:
        plan = get_object_or_404(selectors.editable_plans_for(request.user).select_related("child"), pk=pk)
        child = plan.child
    form = KeyHelpPlanForm(request.POST or None, instance=plan, child=child)
    if form.is_valid():
        try:
            services.plan_save(plan=form.instance, user=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Key-help plan of %(name)s saved.") % {"name": child.name})
            return redirect("pairing:plan_detail", pk=plan.pk)
    return form_page(
        request, form, title=_("Individual help plan of %(name)s") % {"name": child.name}, back=child, child=child
    )
