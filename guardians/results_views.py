"""The exam-results import pages: template, upload (class, semester, exam, file), column mapping, preview and
confirm, error workbook. The same stages as the roster import (guardians.roster_views); who may import a
class's results is who may enter them by hand: EDIT_ARCHIVES, a head teacher their own classes."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from children.scoping import editable_children_for
from guardians import import_pages, import_work, results_services, results_sheet
from guardians.models import ResultImport
from guardians.roster_views import MappingForm, _download, error_groups
from guardians.selectors import editable_result_imports_for, result_imports_for
from guardians.spreadsheets import MAX_BYTES, SpreadsheetFileError
from organisation import scoping
from organisation.decorators import capability_required
from organisation.params import query_id
from organisation.rendering import form_page
from organisation.roles import Capability

WHO = Capability.EDIT_ARCHIVES


def _classes(user):
    return scoping.classes_for(user).filter(is_active=True).order_by("grade", "number")


@capability_required(WHO)
def results_template(request):
    """The exam-sheet template; with ?school_class=, the class's children are already listed by name."""
    class_id = query_id(request.GET.get("school_class"))
    children = []
    if class_id is not None:
        school_class = get_object_or_404(_classes(request.user), pk=class_id)
        children = (editable_children_for(request.user).filter(school_class=school_class).active()).order_by("name")
    return _download(results_sheet.results_template(children), "results-template.xlsx")


class ResultUploadForm(forms.Form):
    school_class = forms.ModelChoiceField(label=gettext_lazy("Class"), queryset=None)
    semester = forms.ModelChoiceField(label=gettext_lazy("Semester"), queryset=None)
    exam = forms.CharField(
        label=gettext_lazy("Exam"), max_length=50, help_text=gettext_lazy("For example 期中考试 or 期末考试.")
    )
    file = forms.FileField(
        label=gettext_lazy("Exam sheet"),
        help_text=gettext_lazy("An .xlsx, .xls or .csv file with a row per child: name or ID number, total score."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school_class"].queryset = _classes(user)
        self.fields["semester"].queryset = scoping.semesters_for(user).order_by("-start_date")


@capability_required(WHO)
def results_upload(request):
    current = scoping.current_semester(request.user.school_id) if request.user.school_id else None
    form = ResultUploadForm(
        request.POST or None, request.FILES or None, user=request.user, initial={"semester": current}
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            staged = results_services.results_receive(
                data=upload.read(MAX_BYTES + 1),
                file_name=upload.name,
                user=request.user,
                school_class=form.cleaned_data["school_class"],
                semester=form.cleaned_data["semester"],
                exam=form.cleaned_data["exam"].strip(),
            )
        except SpreadsheetFileError as error:
            form.add_error("file", str(error))
        else:
            import_work.start("results", staged, request.user)
            return import_pages.next_page(request, "results", staged)
    imports = (
        result_imports_for(request.user)
        .exclude(status=ResultImport.Status.STAGED)
        .select_related("school_class", "semester", "created_by")[:20]
    )
    return render(
        request,
        "guardians/results_upload.html",
        {"form": form, "imports": imports, "may_undo": request.user.can(Capability.RESTORE)},
    )


def _staged(request, pk):
    staged = editable_result_imports_for(request.user).filter(status=ResultImport.Status.STAGED)
    return get_object_or_404(staged.select_related("school_class", "semester"), pk=pk)


@capability_required(WHO)
def results_mapping(request, pk: int):
    staged = _staged(request, pk)
    if import_work.is_running(staged):
        return redirect("guardians:results_progress", pk=staged.pk)
    form = MappingForm(
        request.POST or None,
        headers=staged.headers,
        mapping=staged.mapping,
        columns=results_sheet.COLUMNS,
        missing=results_sheet.missing_columns,
        twice=_("Each column of the exam sheet can be given to one column of the file only."),
    )
    if request.method == "POST" and form.is_valid():
        import_work.start("results", staged, request.user, mapping=form.cleaned_data["mapping"])
        return import_pages.next_page(request, "results", staged)
    return form_page(
        request,
        form,
        title=_("Which exam-sheet column is which in %(file)s") % {"file": staged.file_name},
        back="guardians:results_upload",
    )


@capability_required(WHO)
def results_preview(request, pk: int):
    staged = _staged(request, pk)
    if import_work.is_running(staged):
        return redirect("guardians:results_progress", pk=staged.pk)
    if staged.checked_at is None:
        return redirect("guardians:results_mapping", pk=staged.pk)
    if request.method == "POST":
        try:
            results_services.results_may_confirm(staged=staged, user=request.user)
            import_work.start_confirm("results", staged, request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            return import_pages.next_page(request, "results", staged)
    return render(
        request,
        "guardians/results_preview.html",
        {
            "staged": staged,
            "counts": staged.counts,
            "errors": error_groups(staged.results, results_sheet.COLUMNS),
            "rows": [r for r in staged.results if r["status"] != "error"],
        },
    )


@capability_required(WHO)
def results_progress(request, pk: int):
    """Reading, checking or importing the sheet, as it goes; then on to the column mapping, the preview or
    the list of imports."""
    return import_pages.progress_page(request, "results", _any(request, pk))


@capability_required(WHO)
def results_progress_json(request, pk: int):
    return import_pages.progress_json(request, "results", _any(request, pk))


def _any(request, pk):
    return get_object_or_404(editable_result_imports_for(request.user).select_related("school_class"), pk=pk)


@capability_required(WHO)
def results_errors(request, pk: int):
    staged = get_object_or_404(result_imports_for(request.user), pk=pk)
    return _download(results_services.error_workbook(staged), "results-errors.xlsx")


@require_POST
@capability_required(WHO, Capability.RESTORE)
def results_undo(request, pk: int):
    """A principal takes a whole exam-sheet import back (results created removed, results changed restored)."""
    staged = get_object_or_404(editable_result_imports_for(request.user), pk=pk)
    try:
        results_services.results_undo(staged=staged, user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The import of %(file)s was undone.") % {"file": staged.file_name})
    return redirect("guardians:results_upload")
