"""Care work: quick logging, my week, the class grid, coverage, carers, pairings and norms."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from children.scoping import children_for
from guardians.models import Parent
from organisation import scoping
from organisation.decorators import capability_required
from organisation.rendering import form_page
from organisation.roles import Capability, Role
from pairing import selectors, services, summaries
from pairing.forms import (
    CareNormForm,
    CarerForm,
    HomeVisitForm,
    PairingEndForm,
    PairingForm,
    ParentContactForm,
    TalkForm,
)


def _next_or(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next")
    # Only a path of this site: redirect() and resolve_url() would read "-1" or "x" as a URL name.
    if (
        target
        and target.startswith("/")
        and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
    ):
        return target
    return default


def _own_carer(user):
    return getattr(user, "carer", None) if user.role == Role.CARER else None


def _apply_errors(form, error: ValidationError) -> None:
    for field_name, errors in error.message_dict.items() if hasattr(error, "error_dict") else [(None, error.messages)]:
        form.add_error(field_name if field_name in form.fields else None, errors)


# --- Talks ---


@capability_required(Capability.LOG_CARE)
def talk_create(request, child_pk: int):
    child = get_object_or_404(children_for(request.user).select_related("school_class"), pk=child_pk)
    own = _own_carer(request.user)
    if request.user.role == Role.CARER and own is None:
        raise Http404
    form = TalkForm(
        request.POST or None,
        carers=selectors.carers_for(request.user).filter(is_active=True),
        fixed_carer=own,
        show_confidential=True,
    )
    form.instance.child = child
    if form.is_valid():
        try:
            services.talk_save(talk=form.instance, user=request.user)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Talk with %(name)s saved.") % {"name": child.name})
            return redirect(_next_or(request, reverse("children:detail", args=[child.pk])))
    return form_page(
        request,
        form,
        title=_("Talk with %(name)s") % {"name": child.name},
        template="pairing/talk_form.html",
        back=_next_or(request, "") or child,
        child=child,
        next=_next_or(request, ""),
    )


@capability_required(Capability.LOG_CARE)
def talk_edit(request, pk: int):
    talk = get_object_or_404(selectors.editable_talks_for(request.user).select_related("child", "carer"), pk=pk)
    own = _own_carer(request.user)
    form = TalkForm(
        request.POST or None,
        instance=talk,
        carers=selectors.carers_for(request.user),
        fixed_carer=own,
        show_confidential=selectors.may_read_confidential(talk, request.user),
    )
    if form.is_valid():
        try:
            services.talk_save(talk=form.instance, user=request.user)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Talk with %(name)s saved.") % {"name": talk.child.name})
            return redirect(_next_or(request, reverse("children:detail", args=[talk.child_id])))
    return form_page(
        request,
        form,
        title=_("Talk with %(name)s") % {"name": talk.child.name},
        template="pairing/talk_form.html",
        back=_next_or(request, "") or talk.child,
        child=talk.child,
        next=_next_or(request, ""),
    )


# --- Home visits ---


def _visit_choices(user, child, visit=None):
    return {
        "carers": selectors.visit_carers_for(user, visit=visit),
        "staff": selectors.visit_staff_for(user, child, visit=visit),
    }


@capability_required(Capability.LOG_CARE)
def visit_create(request, child_pk: int):
    child = get_object_or_404(children_for(request.user), pk=child_pk)
    initial = {"staff": [request.user.pk]} if request.user.role != Role.CARER else {}
    own = _own_carer(request.user)
    if own:
        initial = {"carers": [own.pk]}
    form = HomeVisitForm(request.POST or None, initial=initial, **_visit_choices(request.user, child))
    form.instance.child = child
    if form.is_valid():
        try:
            services.home_visit_save(
                visit=form.instance,
                carers=form.cleaned_data["carers"],
                staff=form.cleaned_data["staff"],
                user=request.user,
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Home visit to %(name)s saved.") % {"name": child.name})
            return redirect(_next_or(request, reverse("children:detail", args=[child.pk])))
    return form_page(request, form, title=_("Home visit to %(name)s") % {"name": child.name}, back=child, child=child)


@capability_required(Capability.LOG_CARE)
def visit_edit(request, pk: int):
    visit = get_object_or_404(selectors.editable_visits_for(request.user).select_related("child"), pk=pk)
    form = HomeVisitForm(request.POST or None, instance=visit, **_visit_choices(request.user, visit.child, visit))
    if form.is_valid():
        try:
            services.home_visit_save(
                visit=form.instance,
                carers=form.cleaned_data["carers"],
                staff=form.cleaned_data["staff"],
                user=request.user,
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Home visit to %(name)s saved.") % {"name": visit.child.name})
            return redirect(_next_or(request, reverse("children:detail", args=[visit.child_id])))
    return form_page(
        request,
        form,
        title=_("Home visit to %(name)s") % {"name": visit.child.name},
        back=visit.child,
        child=visit.child,
    )


# --- Parent and guardian contacts (guardians.ParentContact) ---


@capability_required(Capability.LOG_CARE)
def contact_list(request):
    return render(request, "pairing/contact_list.html", {"contacts": selectors.contact_list_for(request.user)})


@capability_required(Capability.LOG_CARE)
def contact_create(request, child_pk: int):
    child = get_object_or_404(children_for(request.user), pk=child_pk)
    initial = {}
    if request.GET.get("counterpart") == "guardian":
        initial["counterpart"] = "guardian"
    form = ParentContactForm(request.POST or None, initial=initial, parents=Parent.objects.filter(child=child))
    form.instance.child = child
    if form.is_valid():
        services.parent_contact_save(contact=form.instance, user=request.user)
        messages.success(request, _("Contact about %(name)s saved.") % {"name": child.name})
        return redirect(_next_or(request, reverse("children:detail", args=[child.pk])))
    return form_page(
        request, form, title=_("Contact with the family of %(name)s") % {"name": child.name}, back=child, child=child
    )


@capability_required(Capability.LOG_CARE)
def contact_edit(request, pk: int):
    contact = get_object_or_404(selectors.editable_contacts_for(request.user).select_related("child"), pk=pk)
    form = ParentContactForm(request.POST or None, instance=contact, parents=Parent.objects.filter(child=contact.child))
    if form.is_valid():
        services.parent_contact_save(contact=form.instance, user=request.user)
        messages.success(request, _("Contact about %(name)s saved.") % {"name": contact.child.name})
        return redirect("pairing:contact_list")
    return form_page(
        request,
        form,
        title=_("Contact with the family of %(name)s") % {"name": contact.child.name},
        back=contact.child,
        child=contact.child,
    )


# --- My week, grid, overview, coverage ---


@capability_required(Capability.LOG_CARE)
def my_week(request):
    return render(request, "pairing/my_week.html", summaries.my_week(request.user, today=timezone.localdate()))


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
def carer_create(request):
    school = get_object_or_404(scoping.schools_for(request.user), pk=request.user.school_id)
    form = CarerForm(request.POST or None, school=school)
    if form.is_valid():
        form.save()
        messages.success(request, _("Carer %(name)s saved.") % {"name": form.instance})
        return redirect("pairing:carer_list")
    return form_page(request, form, title=_("New carer"), back="pairing:carer_list")


@capability_required(Capability.EDIT_ARCHIVES)
def carer_edit(request, pk: int):
    carer = get_object_or_404(selectors.carers_for(request.user), pk=pk)
    form = CarerForm(request.POST or None, instance=carer, school=carer.school)
    if form.is_valid():
        form.save()
        messages.success(request, _("Carer %(name)s saved.") % {"name": carer})
        return redirect("pairing:carer_list")
    return form_page(request, form, title=_("Edit %(name)s") % {"name": carer}, back="pairing:carer_list")


@capability_required(Capability.EDIT_ARCHIVES)
def pairing_create(request, child_pk: int):
    child = get_object_or_404(children_for(request.user), pk=child_pk)
    form = PairingForm(request.POST or None, carers=selectors.carers_for(request.user).filter(is_active=True))
    form.instance.child = child
    if form.is_valid():
        try:
            services.pairing_create(
                child=child, **{k: form.cleaned_data[k] for k in ("carer", "kind", "focus", "start_date")}
            )
        except ValidationError as error:
            _apply_errors(form, error)
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
            _apply_errors(form, error)
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
def norm_create(request):
    school = scoping.managed_school(request.user)
    form = CareNormForm(request.POST or None, school=school)
    if form.is_valid():
        form.save()
        messages.success(request, _("Norm saved."))
        return redirect("pairing:norm_list")
    return form_page(request, form, title=_("New care norm"), back="pairing:norm_list")


@capability_required(Capability.MANAGE_SCHOOL)
def norm_edit(request, pk: int):
    school = scoping.managed_school(request.user)
    norm = get_object_or_404(selectors.norms_for_school(school), pk=pk)
    form = CareNormForm(request.POST or None, instance=norm, school=school)
    if form.is_valid():
        form.save()
        messages.success(request, _("Norm saved."))
        return redirect("pairing:norm_list")
    return form_page(request, form, title=_("Edit care norm"), back="pairing:norm_list")


@require_POST
@capability_required(Capability.MANAGE_SCHOOL)
def norm_restore_defaults(request):
    services.norms_restore_defaults(school=scoping.managed_school(request.user))
    messages.success(request, _("The default norms are restored."))
    return redirect("pairing:norm_list")
