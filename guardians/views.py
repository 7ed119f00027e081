"""The archive page (child + parents + guardians + emergency contacts), the contact cards and the
parent-contact log."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from children.extensions import current_carers_prefetches
from children.models import Child
from children.scoping import children_for, children_to_log_care_for, get_child_for
from guardians import selectors
from guardians.forms import ArchiveForms, ParentContactForm
from guardians.models import ParentContact
from guardians.services import archive_save, parent_contact_save
from organisation import scoping
from organisation.decorators import capability_required
from organisation.outbox import accepts_outbox
from organisation.rendering import add_errors, form_page, next_or
from organisation.roles import Capability

CONTACTS_PER_PAGE = 50


def _archive_page(request, forms: ArchiveForms, *, title: str, child: Child | None):
    if request.method == "POST" and not forms.is_valid():
        messages.error(request, _("The archive was not saved: please correct the fields marked in red."))
    return render(request, "guardians/archive_form.html", {"forms": forms, "title": title, "child": child})


@capability_required(Capability.EDIT_ARCHIVES)
def archive_create(request):
    classes = scoping.classes_for(request.user).filter(is_active=True)
    forms = ArchiveForms(request.POST or None, instance=None, classes=classes)
    if request.method == "POST" and forms.is_valid():
        child = archive_save(forms=forms)
        messages.success(request, _("The archive of %(name)s was saved.") % {"name": child.name})
        return _after_save(request, child)
    return _archive_page(request, forms, title=_("New child archive"), child=None)


def _after_save(request, child):
    """Without JavaScript, "add another" saves and comes back to the archive, which has an empty slot again."""
    part = request.POST.get("add_another")
    if part in ("guardians", "contacts"):
        return redirect(f"{reverse('guardians:archive_edit', args=[child.pk])}#{part}")
    return redirect("children:detail", pk=child.pk)


@capability_required(Capability.EDIT_ARCHIVES)
def archive_edit(request, pk: int):
    child = get_child_for(request.user, pk, write=True)
    classes = scoping.classes_for(request.user).filter(Q(is_active=True) | Q(pk=child.school_class_id))
    forms = ArchiveForms(request.POST or None, instance=child, classes=classes)
    if request.method == "POST" and forms.is_valid():
        archive_save(forms=forms)
        messages.success(request, _("The archive of %(name)s was saved.") % {"name": child.name})
        return _after_save(request, child)
    return _archive_page(request, forms, title=_("Archive of %(name)s") % {"name": child.name}, child=child)


def _with_card_data(children):
    return children.select_related("school", "school_class").prefetch_related(
        "parents", "guardians", "emergency_contacts", "school_class__head_teachers", *current_carers_prefetches()
    )


@capability_required(Capability.VIEW_CHILDREN)
def contact_card(request, pk: int):
    """One child's printable contact card (联系卡); the ID number is always masked."""
    child = get_object_or_404(_with_card_data(children_for(request.user)), pk=pk)
    return render(request, "guardians/contact_cards.html", {"children": [child], "title": child.name})


@capability_required(Capability.VIEW_CHILDREN)
def class_contact_cards(request, pk: int):
    """Every active child's contact card of a class, several to an A4 page."""
    school_class = get_object_or_404(scoping.classes_for(request.user), pk=pk)
    children = _with_card_data(children_for(request.user).active().filter(school_class=school_class))
    return render(
        request,
        "guardians/contact_cards.html",
        {"children": children, "title": _("Contact cards of %(class)s") % {"class": school_class.label}},
    )


# --- The parent-contact log (与家长联系) ---


@capability_required(Capability.LOG_CARE)
def contact_list(request):
    """Every contact the user reads, CONTACTS_PER_PAGE a page, with their count. Queries: the count, the
    page's contacts, which of them the user may change."""
    page = Paginator(selectors.contact_list_for(request.user), CONTACTS_PER_PAGE).get_page(request.GET.get("page"))
    contacts = selectors.mark_editable_contacts(request.user, list(page.object_list))
    return render(request, "guardians/contact_list.html", {"contacts": contacts, "page": page})


@accepts_outbox(ParentContactForm)
@capability_required(Capability.LOG_CARE)
def contact_form(request, child_pk: int | None = None, pk: int | None = None):
    """Log a new contact about a child (`child_pk`) or change one the write rule allows (`pk`)."""
    if pk is None:
        child = get_object_or_404(children_to_log_care_for(request.user), pk=child_pk)
        contact = ParentContact(child=child)
        initial = (
            {"counterpart": ParentContact.Counterpart.GUARDIAN} if request.GET.get("counterpart") == "guardian" else {}
        )
        done = reverse("children:detail", args=[child.pk])
    else:
        contact = get_object_or_404(selectors.editable_contacts_for(request.user).select_related("child"), pk=pk)
        child, initial, done = contact.child, {}, reverse("guardians:contact_list")
    form = ParentContactForm(
        request.POST or None, instance=contact, initial=initial, parents=selectors.contact_parents_for(child)
    )
    if form.is_valid():
        try:
            parent_contact_save(contact=form.instance, user=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            form.announce_saved(request, child)
            return redirect(next_or(request, done))
    return form_page(
        request,
        form,
        title=_("Contact with the family of %(name)s") % {"name": child.name},
        back=next_or(request, "") or child,
        child=child,
        next=next_or(request, ""),
    )
