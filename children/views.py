"""The child archive: list, child page, history, status, soft delete and restore, completeness, results."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from children import selectors, services
from children.completeness import missing_for
from children.filters import filtered_children
from children.forms import AcademicResultForm, StatusChangeForm
from children.models import AcademicResult, Child
from children.scoping import child_records_for, children_for, editable_children_for, get_child_for
from organisation import scoping
from organisation.decorators import capability_required
from organisation.exports import choice_labels
from organisation.rendering import form_page, link_parts
from organisation.roles import Capability

PAGE_SIZE = 50
LIST_LABELS = ("gender", "left_behind_type", "status", "poverty_status")


@capability_required(Capability.VIEW_CHILDREN)
def child_list(request):
    """Search, filter, sort and page the children in scope, with counts of what the filters leave."""
    child_filter, filtered = filtered_children(request.user, request.GET)
    counts = selectors.list_counts(filtered)
    page = Paginator(filtered, PAGE_SIZE).get_page(request.GET.get("page"))
    # Choice labels translated once per page, not by get_FOO_display() once per row and column.
    labels = {name: choice_labels(Child._meta.get_field(name).choices) for name in LIST_LABELS}
    for child in page:
        child.missing = missing_for(child)
        child.labels = {name: labels[name].get(getattr(child, name), getattr(child, name)) for name in LIST_LABELS}
    return render(
        request,
        "children/list.html",
        {
            "filter": child_filter,
            "page": page,
            "counts": counts,
            "child_url": link_parts("children:detail"),
            "filters_active": any(v for k, v in request.GET.items() if k not in {"q", "page"}),
        },
    )


@capability_required(Capability.VIEW_CHILDREN)
def child_detail(request, pk: int):
    """The whole archive at a glance, with what other apps add (panels) and the timeline."""
    child = get_object_or_404(selectors.children_for_page(request.user), pk=pk)
    page = selectors.child_page(child, request.user, kind=request.GET.get("kind"))
    return render(request, "children/detail.html", page)


@capability_required(Capability.VIEW_HISTORY)
def child_history(request, pk: int):
    child = get_child_for(request.user, pk)
    return render(request, "children/history.html", {"child": child, "changes": selectors.history_for(child)})


@capability_required(Capability.EDIT_ARCHIVES)
def child_status(request, pk: int):
    child = get_child_for(request.user, pk, write=True)
    form = StatusChangeForm(request.POST or None, initial={"status": child.status, "date": timezone.localdate()})
    if form.is_valid():
        services.child_change_status(
            child=child,
            status=form.cleaned_data["status"],
            on=form.cleaned_data["date"],
            note=form.cleaned_data["note"],
            user=request.user,
        )
        messages.success(
            request,
            _("The status of %(name)s is now “%(status)s”.")
            % {"name": child.name, "status": child.get_status_display()},
        )
        return redirect("children:detail", pk=child.pk)
    return form_page(
        request, form, title=_("Change the status of %(name)s") % {"name": child.name}, back=child, child=child
    )


@capability_required(Capability.EDIT_ARCHIVES)
def child_delete(request, pk: int):
    child = get_child_for(request.user, pk, write=True)
    if request.method == "POST":
        services.child_soft_delete(child=child, user=request.user)
        messages.success(
            request, _("The archive of %(name)s was deleted. A principal can restore it.") % {"name": child.name}
        )
        return redirect("children:list")
    return render(request, "children/confirm_delete.html", {"child": child})


@capability_required(Capability.RESTORE)
def deleted_list(request):
    deleted = children_for(request.user, Child.all_objects.filter(deleted_at__isnull=False))
    deleted = deleted.select_related("school_class", "deleted_by").order_by("-deleted_at")
    return render(request, "children/deleted.html", {"children": deleted})


@capability_required(Capability.RESTORE)
@require_POST
def child_restore(request, pk: int):
    deleted = children_for(request.user, Child.all_objects.filter(deleted_at__isnull=False))
    child = get_object_or_404(deleted, pk=pk)
    try:
        services.child_restore(child=child)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("children:deleted")
    messages.success(request, _("The archive of %(name)s was restored.") % {"name": child.name})
    return redirect("children:detail", pk=child.pk)


@capability_required(Capability.EDIT_ARCHIVES)
def completeness(request):
    """Filing rate per class and for the school, and the incomplete archives with what they miss."""
    return render(request, "children/completeness.html", selectors.completeness_page(request.user))


@capability_required(Capability.EDIT_ARCHIVES)
def result_form(request, pk: int | None = None, child_pk: int | None = None):
    """A new exam result of a child (child_pk), or a change to one (pk); the semester defaults to the current one."""
    if pk is not None:
        records = child_records_for(request.user, AcademicResult.objects.select_related("child"))
        result = get_object_or_404(records.filter(child__in=editable_children_for(request.user)), pk=pk)
        child = result.child
    else:
        result = None
        child = get_child_for(request.user, child_pk, write=True)
    semesters = scoping.semesters_for(request.user).filter(school_id=child.school_id)
    initial = {} if result else {"semester": scoping.current_semester(child.school_id)}
    form = AcademicResultForm(request.POST or None, semesters=semesters, initial=initial, instance=result)
    form.instance.child = child
    if form.is_valid():
        services.academic_result_save(result=form.instance)
        messages.success(request, _("Result saved."))
        return redirect("children:detail", pk=child.pk)
    if result is None:
        title = _("New exam result for %(name)s") % {"name": child.name}
    else:
        title = _("Exam result of %(name)s") % {"name": child.name}
    return form_page(request, form, title=title, back=child, child=child)
