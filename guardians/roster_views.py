"""The roster import pages: template, upload, column mapping, preview and confirm, error workbook, list, undo."""

from collections import defaultdict

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guardians import import_pages, import_work, roster, roster_services
from guardians.models import RosterImport
from guardians.selectors import editable_roster_imports_for, roster_imports_for
from organisation.decorators import capability_required
from organisation.downloads import attach
from organisation.params import query_id
from organisation.rendering import form_page
from organisation.roles import Capability

PREVIEW_PAGE_SIZE = 100
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    return attach(response, name)


@capability_required(Capability.IMPORT_ROSTER)
def roster_template(request):
    return _download(roster.roster_template(), "roster-template.xlsx")


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Roster file"),
        help_text=gettext_lazy("An .xlsx, .xls or .csv file of at most 5 MB and 5,000 children."),
    )


@capability_required(Capability.IMPORT_ROSTER)
def roster_upload(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            data = upload.read(roster.MAX_BYTES + 1)
            staged = roster_services.roster_receive(data=data, file_name=upload.name, user=request.user)
        except roster.RosterFileError as error:
            form.add_error("file", str(error))
        else:
            # Reading and checking 5,000 rows takes seconds: it runs in the background, with a progress page.
            import_work.start("roster", staged, request.user)
            return import_pages.next_page(request, "roster", staged)
    imports = (
        roster_imports_for(request.user).exclude(status=RosterImport.Status.STAGED).select_related("created_by")[:20]
    )
    return render(
        request,
        "guardians/roster_upload.html",
        {"form": form, "imports": imports, "may_undo": request.user.can(Capability.RESTORE)},
    )


def _roster_missing(used: list[str]) -> list[str]:
    return [str(roster.BY_KEY[c.key].header) for c in roster.COLUMNS if c.required and c.key not in used]


class MappingForm(forms.Form):
    """Which column of the file is which column of the import (the roster's, or `columns` of another sheet,
    with `missing(used keys)` naming the needed columns left out and `twice` the message for a column given
    to two columns of the file)."""

    def __init__(self, *args, headers, mapping, columns=None, missing=_roster_missing, twice=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.missing = missing
        self.twice = twice or _("Each roster column can be given to one column of the file only.")
        columns = roster.COLUMNS if columns is None else columns
        choices = [("", _("(not imported)"))] + [(c.key, f"{c.header} · {c.label}") for c in columns]
        for i, header in enumerate(headers):
            self.fields[f"c{i}"] = forms.ChoiceField(
                label=header or _("Column %(number)d") % {"number": i + 1},
                choices=choices,
                required=False,
                initial=mapping[i] if i < len(mapping) else "",
            )

    def clean(self):
        data = super().clean()
        mapping = [data.get(f"c{i}", "") for i in range(len(self.fields))]
        used = [k for k in mapping if k]
        if len(used) != len(set(used)):
            raise ValidationError(self.twice)
        missing = self.missing(used)
        if missing:
            raise ValidationError(_("These columns are needed: %(columns)s.") % {"columns": "、".join(missing)})
        data["mapping"] = mapping
        return data


def _staged(request, pk):
    return get_object_or_404(editable_roster_imports_for(request.user).filter(status=RosterImport.Status.STAGED), pk=pk)


@capability_required(Capability.IMPORT_ROSTER)
def roster_mapping(request, pk: int):
    staged = _staged(request, pk)
    if import_work.is_running(staged):
        return redirect("guardians:roster_progress", pk=staged.pk)
    form = MappingForm(request.POST or None, headers=staged.headers, mapping=staged.mapping)
    if request.method == "POST" and form.is_valid():
        import_work.start("roster", staged, request.user, mapping=form.cleaned_data["mapping"])
        return import_pages.next_page(request, "roster", staged)
    return form_page(
        request,
        form,
        title=_("Which column is which in %(file)s") % {"file": staged.file_name},
        back="guardians:roster_upload",
    )


def error_groups(results, columns=None):
    """Errors grouped by column, then by message: [(column header, [(message, [row numbers], sample)])]."""
    columns = roster.COLUMNS if columns is None else columns
    by_key = {c.key: c for c in columns}
    groups = defaultdict(lambda: defaultdict(list))
    for r in results:
        for key, message, value in r["errors"]:
            groups[key][message].append((r["row"], value))
    order = {c.key: i for i, c in enumerate(columns)}
    out = []
    for key in sorted(groups, key=order.get):
        column = by_key[key]
        items = []
        for message, hits in groups[key].items():
            sample = next((v for _row, v in hits if v), "")
            items.append({"message": message, "rows": [row for row, _v in hits], "sample": sample})
        out.append({"column": f"{column.header} ({column.label})", "items": items})
    return out


@capability_required(Capability.IMPORT_ROSTER)
def roster_preview(request, pk: int):
    staged = _staged(request, pk)
    if import_work.is_running(staged):
        return redirect("guardians:roster_progress", pk=staged.pk)
    if staged.checked_at is None:
        return redirect("guardians:roster_mapping", pk=staged.pk)
    if request.method == "POST":
        absent_status = request.POST.get("absent_status", "")
        absent_ids = [query_id(v) for v in request.POST.getlist("absent") if query_id(v) is not None]
        try:
            roster_services.roster_may_confirm(staged=staged, absent_status=absent_status)
            # Writing 5,000 archives takes tens of seconds: in the background, with the progress page.
            import_work.start_confirm(
                "roster", staged, request.user, absent_status=absent_status, absent_ids=absent_ids
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            return import_pages.next_page(request, "roster", staged)
    rows = [{**r, "name": r["values"].get("name", "")} for r in staged.results if r["status"] != "error"]
    return render(
        request,
        "guardians/roster_preview.html",
        {
            "staged": staged,
            "counts": staged.counts,
            "errors": error_groups(staged.results),
            "page": Paginator(rows, PREVIEW_PAGE_SIZE).get_page(request.GET.get("page")),
            "unmapped": roster_services.unmapped_columns(staged),
            "absent": roster_services.absent_children(staged)[:500],
        },
    )


@capability_required(Capability.IMPORT_ROSTER)
def roster_progress(request, pk: int):
    """Reading, checking or importing the upload, as it goes; then on to the column mapping, the preview or
    the list of imports."""
    return import_pages.progress_page(
        request, "roster", get_object_or_404(editable_roster_imports_for(request.user), pk=pk)
    )


@capability_required(Capability.IMPORT_ROSTER)
def roster_progress_json(request, pk: int):
    return import_pages.progress_json(
        request, "roster", get_object_or_404(editable_roster_imports_for(request.user), pk=pk)
    )


@capability_required(Capability.IMPORT_ROSTER)
def roster_errors(request, pk: int):
    staged = get_object_or_404(roster_imports_for(request.user), pk=pk)
    return _download(roster_services.error_workbook(staged), "roster-errors.xlsx")


@capability_required(Capability.IMPORT_ROSTER, Capability.RESTORE)
def roster_undo(request, pk: int):
    """What undoing the import would do, then (POST) undo it."""
    staged = get_object_or_404(editable_roster_imports_for(request.user), pk=pk)
    if request.method != "POST":
        if staged.status != RosterImport.Status.CONFIRMED:
            return redirect("guardians:roster_upload")
        return render(
            request,
            "guardians/roster_undo.html",
            {
                "staged": staged,
                "created": len(staged.undo.get("created", [])),
                "changed": len(staged.undo.get("children", {})),
                "losses": roster_services.roster_undo_losses(staged),
            },
        )
    try:
        roster_services.roster_undo(staged=staged, user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The import of %(file)s was undone.") % {"file": staged.file_name})
    return redirect("guardians:roster_upload")


@capability_required(Capability.MANAGE_SCHOOL)
def school_year(request):
    """Promote every class one grade and graduate the top grade, after a preview; the principal confirms."""
    school = request.user.school
    if request.method == "POST":
        done = roster_services.school_year_promote(school=school, user=request.user)
        messages.success(
            request,
            _("The new school year is set up: %(moved)d children moved up a grade, %(graduated)d graduated.") % done,
        )
        return redirect("guardians:roster_upload")
    plan = roster_services.school_year_plan(school)
    return render(request, "guardians/school_year.html", {"plan": plan})
