"""The background work of the staged imports (roster, exam results), one mechanism for both: reading the
upload and checking its rows run as a django-tasks task (TASKS in config/settings.py) that writes its phase
and rows done / rows total to the staged import every few hundred rows; the upload and the column mapping
answer at once with a progress page, which follows a small JSON endpoint (static/js/import_progress.js, or a
refresh without JavaScript) and goes on to the column mapping or the preview when the work is done. A file
that cannot be read ends in its message, in the uploader's language, on the same page."""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.http import JsonResponse
from django.shortcuts import redirect, render
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
RUNNING = (Phase.QUEUED, Phase.READING, Phase.CHECKING)
STUCK_AFTER = timedelta(minutes=5)  # no progress for this long: the process doing the work has gone


@dataclass(frozen=True)
class Kind:
    """One staged import: its model, how its rows are read and checked, and its pages."""

    model: type[models.Model]
    read: Callable
    check: Callable  # (staged, mapping, user, progress)
    complete: Callable  # mapping -> every needed column is there
    url: str  # URL names: f"guardians:{url}_mapping", _preview, _progress, _progress_json, _upload


KINDS = {
    "roster": Kind(
        model=RosterImport,
        read=lambda staged: roster_services.roster_read(staged=staged),
        check=lambda staged, mapping, user, progress: roster_services.roster_check(
            staged=staged, mapping=mapping, progress=progress
        ),
        complete=roster_services.mapping_is_complete,
        url="roster",
    ),
    "results": Kind(
        model=ResultImport,
        read=lambda staged: results_services.results_read(staged=staged),
        check=lambda staged, mapping, user, progress: results_services.results_check(
            staged=staged, mapping=mapping, user=user, progress=progress
        ),
        complete=lambda mapping: not results_sheet.missing_columns(mapping),
        url="results",
    ),
}


def _write(kind: Kind, pk: int, **fields) -> None:
    kind.model.objects.filter(pk=pk).update(phase_at=timezone.now(), **fields)


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


@task()
def check_import(kind: str, pk: int, user_id: int, language: str, mapping: list | None = None) -> None:
    """Read the staged upload if no mapping is given, then check its rows when every needed column is known,
    writing progress as it goes; a failure is kept as a message for the progress page."""
    with translation.override(language):
        run(KINDS[kind], pk, user_id, mapping)


def run(kind: Kind, pk: int, user_id: int, mapping: list | None) -> None:
    staged = kind.model.objects.get(pk=pk)
    user = User.objects.get(pk=user_id)
    try:
        if mapping is None:
            _write(kind, pk, phase=Phase.READING)
            kind.read(staged)
            if not kind.complete(staged.mapping):
                _write(kind, pk, phase=Phase.IDLE)  # on to the column mapping
                return
            mapping = staged.mapping
        total = len(staged.rows)
        _write(kind, pk, phase=Phase.CHECKING, progress_done=0, progress_total=total)
        kind.check(staged, mapping, user, lambda done: _write(kind, pk, progress_done=done))
    except SpreadsheetFileError as error:
        _write(kind, pk, phase=Phase.FAILED, failure=str(error))
    except ValidationError as error:
        _write(kind, pk, phase=Phase.FAILED, failure=" ".join(error.messages))
    except Exception:
        logger.exception("Checking the staged %s import %s failed", kind.url, pk)
        failure = _("Something went wrong while checking the file: upload it again.")
        _write(kind, pk, phase=Phase.FAILED, failure=failure)
    else:
        _write(kind, pk, phase=Phase.IDLE, progress_done=total)


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
    if staged.phase == Phase.CHECKING and total:
        text = _("Checking the rows: %(done)s of %(total)s.") % {
            "done": number_format(done, force_grouping=True),
            "total": number_format(total, force_grouping=True),
        }
    else:
        text = str(Phase(staged.phase).label) if staged.phase in RUNNING else ""
    following = ""
    if not failure and staged.phase not in RUNNING:
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


def next_page(kind_name: str, staged: StagedWork):
    """The redirect after an upload or a column mapping: the progress page while the work runs or when it
    failed, else straight on (with an immediate task backend the work is already done)."""
    info = state(kind_name, staged)
    if info["next"]:
        return redirect(info["next"])
    return redirect(f"guardians:{KINDS[kind_name].url}_progress", pk=staged.pk)


def progress_page(request, kind_name: str, staged: StagedWork):
    info = state(kind_name, staged)
    if info["next"]:
        return redirect(info["next"])
    url = KINDS[kind_name].url
    return render(
        request,
        "guardians/import_progress.html",
        {
            "staged": staged,
            "state": info,
            "json_url": reverse(f"guardians:{url}_progress_json", args=[staged.pk]),
            "upload_url": reverse(f"guardians:{url}_upload"),
            "mapping_url": reverse(f"guardians:{url}_mapping", args=[staged.pk]) if staged.headers else "",
        },
    )


def progress_json(request, kind_name: str, staged: StagedWork):
    return JsonResponse(state(kind_name, staged))
