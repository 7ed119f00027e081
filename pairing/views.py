"""Care work: quick logging, my week, the class grid, coverage, carers, pairings and norms."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from children.scoping import children_for, children_to_log_care_for, get_child_for
from organisation import scoping
from organisation.decorators import capability_required
from organisation.outbox import accepts_outbox
from organisation.rendering import add_errors, form_page, next_or
from organisation.roles import Capability
from pairing import attention, selectors, services, summaries
from pairing.forms import (
    CareNormForm,
    CarerForm,
    HomeVisitForm,
    PairingEndForm,
    PairingForm,
    TalkForm,
)
from pairing.models import HomeVisit, Talk

# --- Talks and home visits: one view each for logging a new record and changing an old one. ---


@accepts_outbox(TalkForm)
@capability_required(Capability.LOG_CARE)
def talk_form(request, child_pk: int | None = None, pk: int | None = None):
    """Log a talk with a child (`child_pk`) or change one the write rule allows (`pk`)."""
    user = request.user
    own = selectors.own_carer_for(user)
    if pk is None:
        child = get_object_or_404(children_to_log_care_for(user).select_related("school_class"), pk=child_pk)
        if selectors.logs_only_own_work(user) and own is None:
            raise Http404  # a carer login without a carer record has no work of its own to log
        talk = Talk(child=child)
        carers, show_confidential = selectors.carers_for(user).filter(is_active=True), True
    else:
        talk = get_object_or_404(selectors.editable_talks_for(user).select_related("child", "carer"), pk=pk)
        child = talk.child
        carers, show_confidential = selectors.carers_for(user), selectors.may_read_confidential(talk, user)
    form = TalkForm(
        request.POST or None,
        instance=talk,
        carers=carers,
        fixed_carer=own,
        show_confidential=show_confidential,
        child=child,
    )
    if form.is_valid():
        try:
            services.talk_save(talk=form.instance, user=user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            form.announce_saved(request, child)
            return redirect(next_or(request, reverse("children:detail", args=[child.pk])))
    return form_page(
        request,
        form,
        title=_("Talk with %(name)s") % {"name": child.name},
        template="pairing/talk_form.html",
        back=next_or(request, "") or child,
        child=child,
        next=next_or(request, ""),
    )


@accepts_outbox(HomeVisitForm)
@capability_required(Capability.LOG_CARE)
def visit_form(request, child_pk: int | None = None, pk: int | None = None):
    """Log a home visit to a child (`child_pk`) or change one the write rule allows (`pk`)."""
    user = request.user
    if pk is None:
        child = get_object_or_404(children_to_log_care_for(user), pk=child_pk)
        visit = HomeVisit(child=child)
        own = selectors.own_carer_for(user)
        # A carer visits as their carer record; staff as themselves.
        initial = {"carers": [own.pk] if own else []} if selectors.logs_only_own_work(user) else {"staff": [user.pk]}
    else:
        visit = get_object_or_404(selectors.editable_visits_for(user).select_related("child"), pk=pk)
        child, initial = visit.child, {}
    form = HomeVisitForm(
        request.POST or None,
        instance=visit,
        initial=initial,
        carers=selectors.visit_carers_for(user, visit=visit),
        staff=selectors.visit_staff_for(user, child, visit=visit),
    )
    if form.is_valid():
        try:
            services.home_visit_save(
                visit=form.instance, carers=form.cleaned_data["carers"], staff=form.cleaned_data["staff"], user=user
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            form.announce_saved(request, child)
            return redirect(next_or(request, reverse("children:detail", args=[child.pk])))
    return form_page(
        request,
        form,
        title=_("Home visit to %(name)s") % {"name": child.name},
        back=next_or(request, "") or child,
        child=child,
        next=next_or(request, ""),
    )


# --- My week, grid, overview, coverage ---


ATTENTION_ON_MY_WEEK = 20


@capability_required(Capability.LOG_CARE)
def my_week(request):
    context = summaries.my_week(request.user, today=timezone.localdate())
    if request.user.can(Capability.EDIT_ARCHIVES):
        result = attention.load_attention(children_for(request.user).active(), request.user, limit=ATTENTION_ON_MY_WEEK)
        context["attention"] = result
    return render(request, "pairing/my_week.html", context)


@capability_required(Capability.EDIT_ARCHIVES)
def class_grid(request, pk: int):
    school_class = get_object_or_404(scoping.classes_for(request.user), pk=pk)
    children = children_for(request.user).filter(school_class=school_class).active()
    return render(request, "pairing/class_grid.html", {"school_class": school_class, **summaries.class_grid(children)})


@capability_required(Capability.EDIT_ARCHIVES)
def overview(request):
    """School totals per class and per norm."""
    classes = scoping.classes_for(request.user).order_by("grade", "number")
    return render(
        request, "pairing/overview.html", summaries.school_totals(children_for(request.user).active(), classes)
    )


@capability_required(Capability.EDIT_ARCHIVES)
def coverage(request):
    return render(request, "pairing/coverage.html", {"children": selectors.coverage_gaps(request.user)})


# --- Carers and pairings ---


@capability_required(Capability.EDIT_ARCHIVES)
def carer_list(request):
    carers = selectors.carers_for(request.user).select_related("user").order_by("-is_active", "kind", "name")
    return render(request, "pairing/carer_list.html", {"carers": carers})


@capability_required(Capability.EDIT_ARCHIVES)
def carer_form(request, pk: int | None = None):
    """A new carer of the user's school (no pk), or a change to one of its carers."""
    carer = get_object_or_404(selectors.carers_for(request.user), pk=pk) if pk is not None else None
    school = carer.school if carer else get_object_or_404(scoping.schools_for(request.user), pk=request.user.school_id)
    form = CarerForm(request.POST or None, instance=carer, school=school)
    if form.is_valid():
        try:
            saved = services.carer_save(carer=form.instance)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Carer %(name)s saved.") % {"name": saved})
            return redirect("pairing:carer_list")
    title = _("New carer") if carer is None else _("Edit %(name)s") % {"name": carer}
    return form_page(request, form, title=title, back="pairing:carer_list")


@capability_required(Capability.EDIT_ARCHIVES)
def pairing_create(request, child_pk: int):
    child = get_child_for(request.user, child_pk, write=True)
    form = PairingForm(request.POST or None, carers=selectors.carers_for(request.user).filter(is_active=True))
    form.instance.child = child
    if form.is_valid():
        try:
            services.pairing_create(
                child=child, **{k: form.cleaned_data[k] for k in ("carer", "kind", "focus", "start_date")}
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Pairing for %(name)s saved.") % {"name": child.name})
            return redirect("children:detail", child.pk)
    return form_page(
        request, form, title=_("Pair %(name)s with a carer") % {"name": child.name}, back=child, child=child
    )


@capability_required(Capability.EDIT_ARCHIVES)
def pairing_end(request, pk: int):
    pairing = get_object_or_404(selectors.pairings_for(request.user).select_related("child", "carer"), pk=pk)
    form = PairingEndForm(request.POST or None, initial={"end_date": timezone.localdate()})
    if form.is_valid():
        try:
            services.pairing_end(pairing=pairing, on=form.cleaned_data["end_date"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Pairing ended."))
            return redirect("children:detail", pairing.child_id)
    return form_page(
        request,
        form,
        title=_("End the pairing %(pairing)s") % {"pairing": pairing},
        back=pairing.child,
        child=pairing.child,
    )


# --- Norms ---


@capability_required(Capability.MANAGE_SCHOOL)
def norm_list(request):
    school = scoping.managed_school(request.user)
    return render(request, "pairing/norm_list.html", {"norms": selectors.norms_for_school(school), "school": school})


@capability_required(Capability.MANAGE_SCHOOL)
def norm_form(request, pk: int | None = None):
    """A new care norm of the principal's school (no pk), or a change to one of its norms."""
    school = scoping.managed_school(request.user)
    norm = get_object_or_404(selectors.norms_for_school(school), pk=pk) if pk is not None else None
    form = CareNormForm(request.POST or None, instance=norm, school=school)
    if form.is_valid():
        try:
            services.care_norm_save(norm=form.instance)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Norm saved."))
            return redirect("pairing:norm_list")
    title = _("New care norm") if norm is None else _("Edit care norm")
    return form_page(request, form, title=title, back="pairing:norm_list")


@require_POST
@capability_required(Capability.MANAGE_SCHOOL)
def norm_restore_defaults(request):
    services.norms_restore_defaults(school=scoping.managed_school(request.user))
    messages.success(request, _("The default norms are restored."))
    return redirect("pairing:norm_list")
