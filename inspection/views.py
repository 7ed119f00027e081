"""Self-inspection (自查) and inspection (督导): the school scores itself against the district's index and
submits; the district keeps its index, scores, returns or accepts, and sees every school side by side."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inspection import printed, scoping, services
from inspection.forms import (
    CloseForm,
    IndexCopyForm,
    ItemForm,
    ReturnForm,
    ReviewForm,
    ScoreForm,
    SectionForm,
    UploadForm,
)
from inspection.models import Index, Inspection, Item, Section
from inspection.selectors import index_sections, rows_of, school_year_of, side_by_side, versions_of, year_period
from organisation.downloads import attach
from organisation.params import query_id
from reports.access import list_scope
from reports.figure_lists import figure_list


def _year(request) -> int:
    year = query_id(request.GET.get("year"))
    return year if year and 2000 <= year <= 2100 else school_year_of(timezone.localdate())


def _first_error(error: ValidationError) -> str:
    return error.messages[0] if error.messages else str(error)


# --- The school's side ---


def _school_index(request, school_year: int) -> Index | None:
    return scoping.indexes_for(request.user).filter(school_year=school_year).first()


def school_inspection(request, school_year: int):
    """The school's self-inspection of a school year: the latest version (or ?version=N). A draft shows each
    computed value as read now, its score by the rule and a link to the records behind it; the school scores
    the rest, overrides with a note, attaches files and submits."""
    scoping.require_reporter(request.user)
    index = _school_index(request, school_year)
    versions = versions_of(request.user.school, index) if index else []
    wanted = query_id(request.GET.get("version"))
    shown = next((v for v in versions if v.version == wanted), None) if wanted else (versions[-1] if versions else None)
    if wanted and shown is None:
        raise Http404
    editable = index is not None and (shown is None or (shown is versions[-1] and not shown.is_submitted))
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        try:
            draft = services.inspection_draft(school=request.user.school, index=index, user=request.user)
            items = {i.pk: i for s in index_sections(index) for i in s.items.all()}
            errors = []
            for item_id, item in items.items():
                form = ScoreForm(request.POST, prefix=str(item_id))
                if f"{item_id}-score" not in request.POST:
                    continue
                if not form.is_valid():
                    errors.append(_("%(item)s: %(error)s") % {"item": item.title, "error": form.errors.as_text()})
                    continue
                try:
                    services.answer_save(inspection=draft, item=item, user=request.user, **form.cleaned_data)
                except ValidationError as error:
                    errors.append(_("%(item)s: %(error)s") % {"item": item.title, "error": _first_error(error)})
        except ValidationError as error:
            errors = [_first_error(error)]
        for error in errors:
            messages.error(request, error)
        if not errors:
            messages.success(request, _("The scores are saved."))
        return redirect("inspection:school", school_year=school_year)
    period = year_period(school_year)
    if shown is None and index is not None and period is not None:
        sections = printed.draft_rows(request.user.school, index, period)
    else:
        sections = rows_of(shown) if shown else []
    return render(
        request,
        "inspection/school.html",
        {
            "school_year": school_year,
            "index": index,
            "versions": versions,
            "shown": shown,
            "editable": editable and period is not None,
            "sections": sections,
            "period": period,
            "total": sum((s.score for s in sections), 0),
            "max": sum((s.points for s in sections), 0),
            "show_district": shown is not None and (shown.is_returned or shown.is_accepted),
            "years": [school_year - 1, school_year, school_year + 1],
        },
    )


def school_current(request):
    scoping.require_reporter(request.user)
    return redirect("inspection:school", school_year=school_year_of(timezone.localdate()))


def school_figure(request, school_year: int, key: str):
    """The children or records behind a computed value (?version=N: as frozen on submission). The school's
    reporters only: a district officer gets 404 (counts, never names)."""
    scope = list_scope(request.user)
    scoping.require_reporter(request.user)
    index = _school_index(request, school_year)
    if index is None:
        raise Http404
    wanted = query_id(request.GET.get("version"))
    frozen = None
    if wanted is not None:
        frozen = get_object_or_404(
            scoping.inspections_for(request.user), index=index, version=wanted, submitted_at__isnull=False
        )
        period = printed.snapshot_period(frozen)
    else:
        period = year_period(school_year)
        if period is None:
            raise Http404
    back = reverse("inspection:school", args=[school_year]) + (f"?version={wanted}" if wanted else "")
    return figure_list(request, scope, period, key, frozen=frozen, back=back)


def _draft_item(request, school_year: int, item_pk: int) -> tuple[Inspection, Item]:
    scoping.require_reporter(request.user)
    index = _school_index(request, school_year)
    if index is None:
        raise Http404
    item = get_object_or_404(Item.objects.select_related("section"), pk=item_pk, section__index=index)
    draft = services.inspection_draft(school=request.user.school, index=index, user=request.user)
    return draft, item


@require_POST
def evidence_upload(request, school_year: int, item_pk: int):
    try:
        draft, item = _draft_item(request, school_year, item_pk)
    except ValidationError as error:
        messages.error(request, _first_error(error))
        return redirect("inspection:school", school_year=school_year)
    form = UploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.evidence_add(inspection=draft, item=item, upload=form.cleaned_data["file"], user=request.user)
        except ValidationError as error:
            messages.error(request, _first_error(error))
        else:
            messages.success(request, _("File added."))
    else:
        messages.error(request, form.errors.as_text())
    return redirect("inspection:school", school_year=school_year)


@require_POST
def evidence_remove(request, school_year: int, pk: int):
    scoping.require_reporter(request.user)
    evidence = get_object_or_404(scoping.evidence_for(request.user), pk=pk)
    draft = get_object_or_404(scoping.editable_inspections_for(request.user), index__school_year=school_year)
    services.evidence_remove(inspection=draft, evidence=evidence)
    messages.success(request, _("File removed."))
    return redirect("inspection:school", school_year=school_year)


def evidence_file(request, pk: int):
    """A file attached to an item: the school's reporters, and the district officer once it is submitted."""
    evidence = get_object_or_404(scoping.evidence_for(request.user), pk=pk)
    try:
        handle = evidence.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    response = FileResponse(handle, content_type=evidence.content_type)
    attach(response, evidence.original_name, inline=True)
    response["Cache-Control"] = "private, max-age=3600"
    return response


@require_POST
def school_submit(request, school_year: int):
    scoping.require_reporter(request.user)
    index = _school_index(request, school_year)
    if index is None:
        raise Http404
    try:
        draft = services.inspection_draft(school=request.user.school, index=index, user=request.user)
        services.inspection_submit(inspection=draft, user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The self-inspection is submitted to the district."))
    return redirect("inspection:school", school_year=school_year)


@require_POST
def action_close(request, pk: int):
    action = get_object_or_404(scoping.closable_action_items_for(request.user), pk=pk)
    form = CloseForm(request.POST)
    if form.is_valid():
        services.action_close(action=action, user=request.user, note=form.cleaned_data["close_note"])
        messages.success(request, _("The action item is closed."))
    else:
        messages.error(request, _("Say what was done."))
    return redirect(request.POST.get("next") if request.POST.get("next", "").startswith("/") else "home")


def actions(request):
    """The school's action items from the district's inspections, open ones first."""
    scoping.require_reporter(request.user)
    items = scoping.action_items_for(request.user).select_related("inspection__index", "closed_by")
    return render(request, "inspection/actions.html", {"items": items, "close_form": CloseForm()})


# --- Printed reports: 自查报告 (the school's) and 督导报告 (with the district's scores) ---


def _readable(request, pk: int) -> Inspection:
    return get_object_or_404(
        scoping.inspections_for(request.user).select_related("school", "index", "accepted_by"),
        pk=pk,
        submitted_at__isnull=False,
    )


def report_pdf(request, pk: int):
    inspection = _readable(request, pk)
    content = printed.report_pdf(inspection, request=request)
    response = HttpResponse(content, content_type="application/pdf")
    return attach(response, printed.file_name(inspection, "pdf"))


def report_workbook(request, pk: int):
    inspection = _readable(request, pk)
    response = HttpResponse(printed.report_workbook(inspection), content_type=printed.XLSX)
    response["Cache-Control"] = "private, no-store"
    return attach(response, printed.file_name(inspection, "xlsx"))


# --- The district's side ---


def district_overview(request):
    """Every school's scores against the year's index side by side (?year=), and the schools never
    inspected. A constant number of queries whatever the number of schools."""
    scoping.require_officer(request.user)
    year = _year(request)
    index = scoping.indexes_for(request.user).filter(school_year=year).first()
    titles, rows, never = side_by_side(request.user.district_id, index)
    return render(
        request,
        "inspection/district.html",
        {
            "year": year,
            "years": [year - 1, year, year + 1],
            "index": index,
            "rows": rows,
            "never": never,
            "titles": titles,
        },
    )


def district_index(request):
    """The district's index of a school year (?year=): its sections and items. A year without one offers to
    copy the default or another year's; a year with one offers to copy it into the next year while that has
    none. One query for the district's indexes, two more for one index's sections and items, whatever their
    number."""
    scoping.require_officer(request.user)
    year = _year(request)
    indexes = list(scoping.editable_indexes_for(request.user))
    index = next((i for i in indexes if i.school_year == year), None)
    form = IndexCopyForm(request.POST or None, initial={"school_year": year}, sources=indexes)
    if request.method == "POST":
        if form.is_valid():
            source = next((i for i in indexes if str(i.pk) == form.cleaned_data["source"]), None)
            try:
                made = services.index_copy(
                    district=request.user.district,
                    school_year=form.cleaned_data["school_year"],
                    user=request.user,
                    source=source,
                )
            except ValidationError as error:
                messages.error(request, _first_error(error))
            else:
                messages.success(
                    request,
                    _("The index of %(start)s–%(end)s is copied from %(source)s: edit it as you need.")
                    % {
                        "start": made.school_year,
                        "end": made.school_year + 1,
                        "source": source if source is not None else _("the default index"),
                    },
                )
                return redirect(f"{reverse('inspection:district_index')}?year={made.school_year}")
        else:
            for name, errors in form.errors.items():
                label = form.fields[name].label if name in form.fields else ""
                messages.error(request, _("%(item)s: %(error)s") % {"item": label, "error": errors[0]})
        return redirect(f"{reverse('inspection:district_index')}?year={year}")
    taken = {i.school_year for i in indexes}
    return render(
        request,
        "inspection/index.html",
        {
            "year": year,
            "years": [year - 1, year, year + 1],
            "index": index,
            "sections": index_sections(index) if index else [],
            "form": form if index is None else None,
            "copy_to": year + 1 if index is not None and year + 1 not in taken else None,
        },
    )


def district_item(request, pk: int | None = None, index_pk: int | None = None):
    """Change (or add) an item of the district's index."""
    scoping.require_officer(request.user)
    if pk is not None:
        item = get_object_or_404(
            Item.objects.filter(section__index__in=scoping.editable_indexes_for(request.user)), pk=pk
        )
        index = item.section.index
    else:
        index = get_object_or_404(scoping.editable_indexes_for(request.user), pk=index_pk)
        item = Item()
    form = ItemForm(request.POST or None, instance=item, index=index)
    back = f"{reverse('inspection:district_index')}?year={index.school_year}"
    if request.method == "POST" and form.is_valid():
        try:
            services.item_save(item=form.instance, user=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The item is saved."))
            return redirect(back)
    return render(request, "form.html", {"form": form, "title": _("Index item"), "back_url": back})


@require_POST
def district_item_delete(request, pk: int):
    scoping.require_officer(request.user)
    item = get_object_or_404(
        Item.objects.filter(section__index__in=scoping.editable_indexes_for(request.user)).select_related(
            "section__index"
        ),
        pk=pk,
    )
    try:
        services.item_delete(item=item, user=request.user)
    except ValidationError as error:
        messages.error(request, _first_error(error))
    else:
        messages.success(request, _("The item is deleted."))
    return redirect(f"{reverse('inspection:district_index')}?year={item.section.index.school_year}")


def district_section(request, index_pk: int | None = None, pk: int | None = None):
    """Rename a section of the district's index or move it to another place (or add one, at the end)."""
    scoping.require_officer(request.user)
    if pk is not None:
        section = get_object_or_404(
            Section.objects.filter(index__in=scoping.editable_indexes_for(request.user)).select_related("index"),
            pk=pk,
        )
    else:
        index = get_object_or_404(scoping.editable_indexes_for(request.user), pk=index_pk)
        section = Section(index=index, order=index.sections.count() + 1)
    form = SectionForm(request.POST or None, instance=section)
    back = f"{reverse('inspection:district_index')}?year={section.index.school_year}"
    if request.method == "POST" and form.is_valid():
        try:
            services.section_save(section=form.instance, user=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The section is saved."))
            return redirect(back)
    return render(request, "form.html", {"form": form, "title": _("Index section"), "back_url": back})


def _district_inspection(request, pk: int) -> Inspection:
    scoping.require_officer(request.user)
    return get_object_or_404(
        scoping.inspections_for(request.user).select_related("school", "index", "submitted_by"), pk=pk
    )


def district_review(request, pk: int):
    """A submitted self-inspection as the district reads it: values and scores (never a child's name),
    evidence files, every version; the latest one is scored item by item, returned or accepted."""
    inspection = _district_inspection(request, pk)
    reviewable = scoping.reviewable_inspections_for(request.user).filter(pk=pk).exists()
    versions = [v for v in versions_of(inspection.school, inspection.index) if v.is_submitted]
    reviewable = reviewable and inspection == versions[-1]
    if request.method == "POST":
        if not reviewable:
            raise PermissionDenied
        ids = [row["item_id"] for s in inspection.snapshot["sections"] for row in s["items"]]
        scores, errors = {}, []
        for item_id in ids:
            form = ReviewForm(request.POST, prefix=f"d{item_id}")
            if f"d{item_id}-score" not in request.POST:
                continue
            if form.is_valid():
                data = form.cleaned_data
                scores[item_id] = (data["score"], data["finding"], data["due"])
            else:
                errors.append(form.errors.as_text())
        try:
            if errors:
                raise ValidationError(errors)
            services.review_save(inspection=inspection, user=request.user, scores=scores)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The district's scores are saved."))
        return redirect("inspection:district_review", pk=pk)
    sections = rows_of(inspection)
    return render(
        request,
        "inspection/review.html",
        {
            "inspection": inspection,
            "versions": versions,
            "sections": sections,
            "reviewable": reviewable,
            "return_form": ReturnForm(),
            "district_total": inspection.district_total,
        },
    )


@require_POST
def district_return(request, pk: int):
    inspection = _district_inspection(request, pk)
    try:
        services.inspection_return(inspection=inspection, user=request.user, comment=request.POST.get("comment", ""))
    except ValidationError as error:
        messages.error(request, _first_error(error))
        return redirect("inspection:district_review", pk=pk)
    messages.success(request, _("The self-inspection is returned to the school."))
    return redirect(f"{reverse('inspection:district')}?year={inspection.index.school_year}")


@require_POST
def district_accept(request, pk: int):
    inspection = _district_inspection(request, pk)
    try:
        services.inspection_accept(inspection=inspection, user=request.user)
    except ValidationError as error:
        messages.error(request, _first_error(error))
        return redirect("inspection:district_review", pk=pk)
    messages.success(request, _("The self-inspection is accepted."))
    return redirect(f"{reverse('inspection:district')}?year={inspection.index.school_year}")
