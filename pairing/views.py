"""Care work: quick logging, my week, the class grid, coverage, carers, pairings and norms."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
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
from organisation.models import User
from organisation.rendering import form_page
from organisation.roles import Capability, Role
from pairing import selectors, services
from pairing.forms import (
    CareNormForm,
    CarerForm,
    HomeVisitForm,
    PairingEndForm,
    PairingForm,
    ParentContactForm,
    TalkForm,
)
from pairing.models import CareNorm, WorkKind


def _next_or(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
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


def _visit_choices(user, child):
    carers = selectors.carers_for(user).filter(is_active=True)
    if user.role == Role.CARER:
        carers = selectors.Carer.objects.filter(user=user)
    staff = User.objects.filter(school_id=child.school_id).exclude(role=Role.CARER)
    return {"carers": carers, "staff": staff}


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
    form = HomeVisitForm(request.POST or None, instance=visit, **_visit_choices(request.user, visit.child))
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
    contacts = selectors.contacts_for(request.user).select_related("child", "parent", "recorded_by")[:200]
    return render(request, "pairing/contact_list.html", {"contacts": contacts})


@capability_required(Capability.LOG_CARE)
def contact_create(request, child_pk: int):
    child = get_object_or_404(children_for(request.user), pk=child_pk)
    initial = {}
    if request.GET.get("counterpart") == "guardian":
        initial["counterpart"] = "guardian"
    form = ParentContactForm(request.POST or None, initial=initial, parents=Parent.objects.filter(child=child))
    form.instance.child = child
    if form.is_valid():
        form.instance.recorded_by = request.user
        form.save()
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
        form.save()
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


def _due_by_kind(children, result, *, include_head_teacher_norms: bool):
    """[(kind, label, [(child, [status…], overdue)], total)]: children whose current week/month/semester still lacks
    that kind of work, one row per child with every norm that is short."""
    groups: dict[str, dict] = {k: {} for k, _label in WorkKind.choices}
    for child in children:
        for status in result.for_child(child.pk):
            if not include_head_teacher_norms and status.norm.by == CareNorm.By.HEAD_TEACHER:
                continue
            if status.due_now:
                groups[status.norm.kind].setdefault(child, []).append(status)
    result_groups = []
    for kind, label in WorkKind.choices:
        items = [(child, statuses, any(s.missed_last for s in statuses)) for child, statuses in groups[kind].items()]
        items.sort(key=lambda item: not item[2])  # overdue first, otherwise in class order
        result_groups.append((kind, label, items[:MY_WEEK_LIMIT], len(items)))
    return result_groups


MY_WEEK_LIMIT = 100  # a school-wide "my week" of a principal would otherwise list every child


@capability_required(Capability.LOG_CARE)
def my_week(request):
    today = timezone.localdate()
    children, result = selectors.load_compliance(children_for(request.user).active(), today=today)
    groups = _due_by_kind(children, result, include_head_teacher_norms=request.user.role != Role.CARER)
    follow_ups = (
        selectors.talks_for(request.user)
        .filter(follow_up_done=False, follow_up_due__isnull=False, follow_up_due__lte=today + timedelta(days=7))
        .select_related("child")
        .order_by("follow_up_due")
    )
    if request.user.role == Role.CARER:
        follow_ups = follow_ups.filter(Q(recorded_by=request.user) | Q(carer__user=request.user))
    editable = (
        set(
            selectors.editable_talks_for(request.user)
            .filter(pk__in=[t.pk for t in follow_ups])
            .values_list("pk", flat=True)
        )
        if request.user.role == Role.CARER
        else None
    )
    follow_ups = list(follow_ups)
    for talk in follow_ups:
        talk.may_edit = editable is None or talk.pk in editable
    birthdays = sorted((c for c in children if c.birth_date.month == today.month), key=lambda c: c.birth_date.day)
    return render(
        request,
        "pairing/my_week.html",
        {"groups": groups, "follow_ups": follow_ups, "birthdays": birthdays, "today": today},
    )


@capability_required(Capability.EDIT_ARCHIVES)
def class_grid(request, pk: int):
    school_class = get_object_or_404(scoping.classes_for(request.user), pk=pk)
    children, result = selectors.load_compliance(children_for(request.user).filter(school_class=school_class).active())
    norms = result.norms
    rows = []
    for child in children:
        by_norm = {s.norm.id: s for s in result.for_child(child.pk)}
        rows.append((child, [by_norm.get(n.id) for n in norms]))
    return render(request, "pairing/class_grid.html", {"school_class": school_class, "norms": norms, "rows": rows})


@capability_required(Capability.EDIT_ARCHIVES)
def overview(request):
    """School totals per class and per norm."""
    children, result = selectors.load_compliance(children_for(request.user).active())
    classes = list(scoping.classes_for(request.user).order_by("grade", "number"))
    totals = {c.pk: {"children": 0, "required": 0, "done": 0, "overdue": 0} for c in classes}
    norm_totals = {n.id: {"norm": n, "required": 0, "done": 0, "overdue": 0} for n in result.norms}
    for child in children:
        statuses = result.for_child(child.pk)
        row = totals.setdefault(child.school_class_id, {"children": 0, "required": 0, "done": 0, "overdue": 0})
        row["children"] += 1
        row["overdue"] += any(s.overdue for s in statuses)
        for s in statuses:
            row["required"] += s.required
            row["done"] += s.done
            norm_totals[s.norm.id]["required"] += s.required
            norm_totals[s.norm.id]["done"] += s.done
            norm_totals[s.norm.id]["overdue"] += s.overdue
    class_rows = [(c, totals[c.pk]) for c in classes]
    return render(
        request,
        "pairing/overview.html",
        {"class_rows": class_rows, "norm_rows": list(norm_totals.values()), "children_count": len(children)},
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
