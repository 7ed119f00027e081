"""The background work of the staged imports (roster, exam results), one mechanism for both: reading the
upload and checking its rows run as a django-tasks task (TASKS in config/settings.py) that writes its phase
and rows done / rows total to the staged import every few hundred rows; the upload and the column mapping
answer at once with a progress page, which follows a small JSON endpoint (static/js/import_progress.js, or a
refresh without JavaScript) and goes on to the column mapping or the preview when the work is done. A file
that cannot be read ends in its message, in the uploader's language, on the same page. Confirming (5,000
rows write in 15-50 s on this machine) runs the same way, after the quick refusals are asked in the request,
and ends on the list of imports."""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django_tasks import task

from guardians import results_services, results_sheet, roster_services
from guardians.models import ResultImport, RosterImport, StagedWork
from guardians.spreadsheets import SpreadsheetFileError
from organisation.models import User

logger = logging.getLogger(__name__)

Phase = StagedWork.Phase
RUNNING = (Phase.QUEUED, Phase.READING, Phase.CHECKING, Phase.IMPORTING)
STUCK_AFTER = timedelta(minutes=5)  # no progress for this long: the process doing the work has gone


@dataclass(frozen=True)
class Kind:
    """One staged import: its model, how its rows are read and checked, and its pages."""

    model: type[models.Model]
    read: Callable
    check: Callable  # (staged, mapping, user, progress)
    complete: Callable  # staged -> its rows can be checked with the suggested mapping
    confirm: Callable  # (staged, user, options): write the checked rows
    done: Callable  # staged -> the message once it is imported
    url: str  # URL names: f"guardians:{url}_mapping", _preview, _progress, _progress_json, _upload


KINDS = {
    "roster": Kind(
        model=RosterImport,
        read=lambda staged: roster_services.roster_read(staged=staged),
        check=lambda staged, mapping, user, progress: roster_services.roster_check(
            staged=staged, mapping=mapping, progress=progress
        ),
        complete=roster_services.mapping_is_settled,
        confirm=lambda staged, user, options: roster_services.roster_confirm(staged=staged, user=user, **options),
        done=lambda staged: (
            _("The roster was imported: %(new)d new archives, %(changed)d changed.")
            % {"new": staged.counts.get("new", 0), "changed": staged.counts.get("changed", 0)}
        ),
        url="roster",
    ),
    "results": Kind(
        model=ResultImport,
        read=lambda staged: results_services.results_read(staged=staged),
        check=lambda staged, mapping, user, progress: results_services.results_check(
            staged=staged, mapping=mapping, user=user, progress=progress
        ),
        complete=lambda staged: not results_sheet.missing_columns(staged.mapping),
        confirm=lambda staged, user, options: results_services.results_confirm(staged=staged, user=user),
        done=lambda staged: (
            _("The results of %(class)s were imported: %(new)d new, %(changed)d changed.")
            % {
                "class": staged.school_class.label,
                "new": staged.counts.get("new", 0),
                "changed": staged.counts.get("changed", 0),
            }
        ),
        url="results",
    ),
}


def _write(kind: Kind, pk: int, claim: bool = False, **fields) -> int:
    """Write the phase and progress; with `claim`, only on a staged import no work is running on (1 when it
    was claimed, 0 when another request had claimed it)."""
    rows = kind.model.objects.filter(pk=pk)
    if claim:
        rows = rows.filter(status=kind.model.Status.STAGED).exclude(
            phase__in=RUNNING, phase_at__gte=timezone.now() - STUCK_AFTER
        )
    return rows.update(phase_at=timezone.now(), **fields)


def start(kind_name: str, staged: StagedWork, user: User, mapping: list[str] | None = None) -> None:
    """Queue reading the upload (no mapping) or checking its rows with `mapping`, in the user's language."""
    kind = KINDS[kind_name]
    fields = {"phase": Phase.QUEUED, "progress_done": 0, "progress_total": 0, "failure": ""}
    if mapping is not None:
        fields["checked_at"] = None  # the preview waits for this check
    _write(kind, staged.pk, **fields)
    check_import.enqueue(
        kind=kind_name, pk=staged.pk, user_id=user.pk, language=translation.get_language(), mapping=mapping
    )
    staged.refresh_from_db()


def start_confirm(kind_name: str, staged: StagedWork, user: User, **options) -> None:
    """Queue writing the checked rows (after the caller asked the quick refusals: *_may_confirm). Of two
    confirms at once only the first is queued: the phase is claimed in one UPDATE, and the second is refused
    (ValidationError) rather than failing half-way."""
    claimed = _write(
        KINDS[kind_name], staged.pk, claim=True, phase=Phase.QUEUED, progress_done=0, progress_total=0, failure=""
    )
    if not claimed:
        raise ValidationError(_("This import is already being confirmed, or was confirmed: see the list of imports."))
    confirm_import.enqueue(
        kind=kind_name, pk=staged.pk, user_id=user.pk, language=translation.get_language(), options=options
    )
    staged.refresh_from_db()


@task()
def confirm_import(kind: str, pk: int, user_id: int, language: str, options: dict) -> None:
    """Write the checked rows in one transaction; a refusal or failure is kept as a message. Run again after
    its worker stopped (background.recovery), it finds the rows written, or none of them: a confirm that had
    committed is left as it is."""
    with translation.override(language):
        work = KINDS[kind]
        staged = work.model.objects.get(pk=pk)
        if staged.status != work.model.Status.STAGED:
            _write(work, pk, phase=Phase.IDLE, progress_done=F("progress_total"))
            return
        user = User.objects.get(pk=user_id)
        total = staged.counts.get("new", 0) + staged.counts.get("changed", 0)
        _write(work, pk, phase=Phase.IMPORTING, progress_total=total)
        _guarded(work, pk, lambda: work.confirm(staged, user, options))


def _guarded(kind: Kind, pk: int, work: Callable[[], None]) -> None:
    """Run `work`; when it ends, the import is idle again (all rows done), or failed with its message."""
    try:
        work()
    except SpreadsheetFileError as error:
        _write(kind, pk, phase=Phase.FAILED, failure=str(error))
    except ValidationError as error:
        _write(kind, pk, phase=Phase.FAILED, failure=" ".join(error.messages))
    except Exception:
        logger.exception("The staged %s import %s failed", kind.url, pk)
        _write(kind, pk, phase=Phase.FAILED, failure=_("Something went wrong with this import: upload the file again."))
    else:
        _write(kind, pk, phase=Phase.IDLE, progress_done=F("progress_total"))


@task()
def check_import(kind: str, pk: int, user_id: int, language: str, mapping: list | None = None) -> None:
    """Read the staged upload if no mapping is given, then check its rows when every needed column is known,
    writing progress as it goes; a failure is kept as a message for the progress page."""
    with translation.override(language):
        run(KINDS[kind], pk, user_id, mapping)


def run(kind: Kind, pk: int, user_id: int, mapping: list | None) -> None:
    staged = kind.model.objects.get(pk=pk)
    user = User.objects.get(pk=user_id)

    def work():
        wanted = mapping
        if wanted is None:
            _write(kind, pk, phase=Phase.READING)
            kind.read(staged)
            if not kind.complete(staged):
                return  # on to the column mapping
            wanted = staged.mapping
        _write(kind, pk, phase=Phase.CHECKING, progress_done=0, progress_total=len(staged.rows))
        kind.check(staged, wanted, user, lambda done: _write(kind, pk, progress_done=done))

    _guarded(kind, pk, work)


def is_running(staged: StagedWork) -> bool:
    return staged.phase in RUNNING and not _stuck(staged)


def _stuck(staged: StagedWork) -> bool:
    return staged.phase in RUNNING and staged.phase_at is not None and staged.phase_at < timezone.now() - STUCK_AFTER


def state(kind_name: str, staged: StagedWork) -> dict:
    """What the progress page and its JSON show: the phase in words, rows done and total, the failure, and
    where to go once the work is done."""
    url = KINDS[kind_name].url
    failure = staged.failure if staged.phase == Phase.FAILED else ""
    if _stuck(staged):
        failure = _("The check stopped before the end (the server may have restarted): upload the file again.")
    done, total = staged.progress_done, staged.progress_total
    if staged.phase == Phase.IMPORTING and total:
        text = _("Importing %(total)s rows in one go: nothing is written until every row is.") % {
            "total": number_format(total, force_grouping=True)
        }
    elif staged.phase == Phase.CHECKING and total:
        text = _("Checking the rows: %(done)s of %(total)s.") % {
            "done": number_format(done, force_grouping=True),
            "total": number_format(total, force_grouping=True),
        }
    else:
        text = str(Phase(staged.phase).label) if staged.phase in RUNNING else ""
    following = ""
    if not failure and staged.phase not in RUNNING:
        if staged.status != staged.Status.STAGED:  # imported: the progress page says so and lists the imports
            name = "progress"
        else:
            name = "mapping" if staged.checked_at is None else "preview"
        following = reverse(f"guardians:{url}_{name}", args=[staged.pk])
    return {
        "phase": staged.phase,
        "text": text,
        "done": done,
        "total": total,
        "failure": failure,
        "next": following,
    }
