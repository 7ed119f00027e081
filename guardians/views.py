"""The archive page (child + parents + guardians + emergency contacts) and the contact cards."""

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from children.extensions import current_carers_prefetches
from children.models import Child
from children.scoping import children_for
from guardians.forms import ArchiveForms
from guardians.services import archive_save
from organisation import scoping
from organisation.decorators import capability_required
from organisation.roles import Capability


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
        return redirect("children:detail", pk=child.pk)
    return _archive_page(request, forms, title=_("New child archive"), child=None)


@capability_required(Capability.EDIT_ARCHIVES)
def archive_edit(request, pk: int):
    child = get_object_or_404(children_for(request.user), pk=pk)
    classes = scoping.classes_for(request.user).filter(Q(is_active=True) | Q(pk=child.school_class_id))
    forms = ArchiveForms(request.POST or None, instance=child, classes=classes)
    if request.method == "POST" and forms.is_valid():
        archive_save(forms=forms)
        messages.success(request, _("The archive of %(name)s was saved.") % {"name": child.name})
        return redirect("children:detail", pk=child.pk)
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
