"""The pages of a staged import's background work (guardians.import_work): where an upload, a column mapping
or a confirm goes next, the progress page and its JSON. The roster and exam-sheet views call these after their
own access checks."""

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from guardians.import_work import KINDS, RUNNING, state
from guardians.models import StagedWork


def next_page(request, kind_name: str, staged: StagedWork):
    """The redirect after an upload, a column mapping or a confirm: the progress page while the work runs or
    when it failed, else straight on (with an immediate task backend the work is already done)."""
    return progress_page(request, kind_name, staged, page=False)


def progress_page(request, kind_name: str, staged: StagedWork, page: bool = True):
    kind = KINDS[kind_name]
    url = kind.url
    info = state(kind_name, staged)
    if staged.status != staged.Status.STAGED and not info["failure"] and staged.phase not in RUNNING:
        messages.success(request, kind.done(staged))
        return redirect(f"guardians:{url}_upload")
    if info["next"]:
        return redirect(info["next"])
    if not page:
        return redirect(f"guardians:{url}_progress", pk=staged.pk)
    waiting = staged.status == staged.Status.STAGED
    return render(
        request,
        "guardians/import_progress.html",
        {
            "staged": staged,
            "state": info,
            "json_url": reverse(f"guardians:{url}_progress_json", args=[staged.pk]),
            "upload_url": reverse(f"guardians:{url}_upload"),
            "mapping_url": reverse(f"guardians:{url}_mapping", args=[staged.pk]) if waiting and staged.headers else "",
            "preview_url": reverse(f"guardians:{url}_preview", args=[staged.pk])
            if waiting and staged.checked_at
            else "",
        },
    )


def progress_json(request, kind_name: str, staged: StagedWork):
    return JsonResponse(state(kind_name, staged))
