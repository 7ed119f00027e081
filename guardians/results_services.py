"""Writes of the exam-results import: stage a class's sheet, check it, confirm it in one transaction through
children.services.academic_result_save (history kept: who, when, "imported from <file>")."""

from collections import Counter
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from children.models import AcademicResult
from children.scoping import editable_children_for
from children.services import academic_result_save
from guardians import results_sheet, spreadsheets
from guardians.models import ResultImport
from guardians.staged import forget_stale_uploads
from organisation.models import User


def class_children(*, user: User, staged: ResultImport):
    """The children a sheet's rows may name: those of its class the user may change (a head teacher: their
    own classes only)."""
    return editable_children_for(user).filter(school_class_id=staged.school_class_id)


def results_stage(*, data: bytes, file_name: str, user: User, school_class, semester, exam: str) -> ResultImport:
    """Parse the upload once and keep its rows, then check them if the needed columns were recognised; all
    in one go (the pages do the same in the background: results_receive, then guardians.import_work).
    Raises spreadsheets.SpreadsheetFileError for a refused file."""
    staged = results_receive(
        data=data, file_name=file_name, user=user, school_class=school_class, semester=semester, exam=exam
    )
    results_read(staged=staged)
    if not results_sheet.missing_columns(staged.mapping):
        results_check(staged=staged, mapping=staged.mapping, user=user)
    return staged


def results_receive(*, data: bytes, file_name: str, user: User, school_class, semester, exam: str) -> ResultImport:
    """Keep the upload after the quick refusals (spreadsheets.check_file); its cells are read later."""
    spreadsheets.check_file(data, file_name)
    forget_stale_uploads(school_class.school_id)
    return ResultImport.objects.create(
        school_id=school_class.school_id,
        school_class=school_class,
        semester=semester,
        exam=exam,
        file_name=file_name[:200],
        source=data,
        created_by=user,
    )


def results_read(*, staged: ResultImport) -> ResultImport:
    """Read the kept upload's rows once, with the suggested column mapping; raises SpreadsheetFileError."""
    return spreadsheets.keep_table(staged, results_sheet.read_sheet(bytes(staged.source), staged.file_name))


def results_check(*, staged: ResultImport, mapping: list[str], user: User, progress=None) -> ResultImport:
    """Check every staged row against the class as it is now; nothing but the staged import is written.
    `progress(rows done)` hears every few hundred rows."""
    if staged.status != ResultImport.Status.STAGED:
        raise ValidationError(_("This import is no longer waiting for confirmation."))
    used = [key for key in mapping if key]
    if len(used) != len(set(used)):
        raise ValidationError(_("Each column can be given to one column of the file only."))
    staged.mapping = mapping
    staged.checked_at = timezone.now()
    staged.results = results_sheet.check_rows(
        staged.rows,
        mapping,
        children=class_children(user=user, staged=staged),
        semester=staged.semester,
        exam=staged.exam,
        class_label=staged.school_class.label,
        progress=progress,
    )
    counts = Counter(r["status"] for r in staged.results)
    staged.counts = {k: counts[k] for k in ("new", "changed", "unchanged", "error")}
    staged.save(update_fields=["mapping", "checked_at", "results", "counts"])
    return staged


def results_may_confirm(*, staged: ResultImport, user: User) -> list[dict]:
    """Refuse, with the reason, a confirm that cannot be done (asked before the import is queued, and again
    inside its transaction); else the rows to write."""
    if staged.status != ResultImport.Status.STAGED or staged.checked_at is None:
        raise ValidationError(_("This import is no longer waiting for confirmation."))
    if staged.counts.get("error"):
        raise ValidationError(_("The sheet still has errors: correct them and upload it again."))
    rows = [r for r in staged.results if r["status"] in ("new", "changed")]
    ids = [r["match"] for r in rows]
    allowed = set(class_children(user=user, staged=staged).filter(pk__in=ids).values_list("pk", flat=True))
    if len(allowed) != len(ids):
        raise ValidationError(_("Some of these children are no longer in the class: check the file again."))
    if AcademicResult.history.filter(
        child_id__in=ids, semester_id=staged.semester_id, exam=staged.exam, history_date__gt=staged.checked_at
    ).exists():
        raise ValidationError(_("These results changed since this preview: check the file again before importing."))
    return rows


@transaction.atomic
def results_confirm(*, staged: ResultImport, user: User) -> ResultImport:
    """Write every new and changed result from the rows checked for the preview; all or nothing."""
    staged = ResultImport.objects.select_for_update().get(pk=staged.pk)
    rows = results_may_confirm(staged=staged, user=user)
    ids = [r["match"] for r in rows]
    stored = AcademicResult.objects.filter(child__in=ids, semester=staged.semester, exam=staged.exam)
    stored = {r.child_id: r for r in stored}
    reason = _("imported from %(file)s") % {"file": staged.file_name}
    undo = {"created": [], "changed": {}}  # what results_undo takes back
    for row in rows:
        old = stored.get(row["match"])
        if old is not None:
            undo["changed"][old.pk] = {key: _plain(getattr(old, key)) for key in results_sheet.SCORE_FIELDS}
        result = old or AcademicResult(child_id=row["match"], semester=staged.semester, exam=staged.exam)
        for key in results_sheet.SCORE_FIELDS:
            if key in row["values"]:
                value = row["values"][key]
                setattr(result, key, value if key in ("class_rank", "class_size") else Decimal(value))
        result._history_user = user
        result._change_reason = reason
        academic_result_save(result=result)
        if old is None:
            undo["created"].append(result.pk)
    staged.status = ResultImport.Status.CONFIRMED
    staged.confirmed_at = timezone.now()  # after every write, so a later change of these results is later
    staged.undo = undo
    staged.save(update_fields=["status", "confirmed_at", "undo"])
    return staged


def _plain(value):
    return str(value) if isinstance(value, Decimal) else value


@transaction.atomic
def results_undo(*, staged: ResultImport, user: User) -> ResultImport:
    """Take a whole exam-sheet import back: the results it created are deleted, the ones it changed get their
    old scores again; refused when any of them was changed since (history kept: "undo of the import of …")."""
    staged = ResultImport.objects.select_for_update().get(pk=staged.pk)
    if staged.status != ResultImport.Status.CONFIRMED:
        raise ValidationError(_("Only an import that was confirmed can be undone."))
    created = staged.undo.get("created", [])
    changed = {int(pk): values for pk, values in staged.undo.get("changed", {}).items()}
    touched = [*created, *changed]
    if AcademicResult.history.filter(id__in=touched, history_date__gt=staged.confirmed_at).exists():
        raise ValidationError(
            _("Some of these results were changed after the import: it can no longer be undone as a whole.")
        )
    reason = _("undo of the import of %(file)s") % {"file": staged.file_name}
    for result in AcademicResult.objects.filter(pk__in=created):
        result._history_user = user
        result._change_reason = reason
        result.delete()
    for result in AcademicResult.objects.filter(pk__in=changed):
        for key, value in changed[result.pk].items():
            setattr(result, key, AcademicResult._meta.get_field(key).to_python(value))
        result._history_user = user
        result._change_reason = reason
        academic_result_save(result=result)
    staged.status = ResultImport.Status.UNDONE
    staged.undone_at = timezone.now()
    staged.undone_by = user
    staged.save(update_fields=["status", "undone_at", "undone_by"])
    return staged


def error_workbook(staged: ResultImport) -> bytes:
    """The user's sheet back, with an error column and the bad cells filled red."""
    return spreadsheets.error_workbook(
        title="成绩表",
        headers=staged.headers,
        mapping=staged.mapping,
        rows=staged.rows,
        results=staged.results,
        header_of=lambda key: results_sheet.BY_KEY[key].header,
    )
