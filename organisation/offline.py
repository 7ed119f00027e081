"""The installable web app: its manifest, its service worker, the outbox page and what the page script is told.

The service worker (assets/offline/sw.js, bundled by `npm run build` into build/sw.js) is served from /sw.js so
that its scope covers every page; it keeps the app shell (precached, the list below) and the pages the server marks
(organisation.outbox.may_cache), nothing else.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache

from django.contrib.auth.decorators import login_not_required
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from config.staticfiles import BUILD
from organisation.outbox import REFRESHED_AFTER_SYNC, works_offline

# The app shell: what every page a teacher opens in the field loads.
SHELL = (
    "css/shouwang.min.css",
    "vendor/bootstrap/js/bootstrap.min.js",
    "js/shouwang.js",
    "offline/offline.js",
    "icons.svg",
    "favicon.svg",
    "icons/shouwang-192.png",
)
THEME_COLOR = "#198754"  # Bootstrap's success green, the navbar's


@lru_cache(maxsize=64)
def _revision(path: str, mtime: float) -> str:
    """The file's content hash: a changed shell file is fetched again, also where its URL carries no hash (DEBUG)."""
    with open(path, "rb") as file:
        return hashlib.md5(file.read(), usedforsecurity=False).hexdigest()[:12]


def _shell_entry(name: str) -> dict:
    path = finders.find(name)
    return {"url": static(name), "revision": _revision(path, os.path.getmtime(path)) if path else None}


@login_not_required
@require_GET
def service_worker(request):
    """The service worker at the site's root (its scope is every page), with the shell it precaches."""
    config = {
        "precache": [_shell_entry(name) for name in SHELL],
        "outbox": reverse("outbox"),
    }
    body = f"self.SHOUWANG_OFFLINE = {json.dumps(config)};\n{(BUILD / 'sw.js').read_text(encoding='utf-8')}"
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    # The browser checks for a new worker on each visit; a stale one would keep an old shell.
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response


@login_not_required
@require_GET
def manifest(request):
    """The web app manifest: installed on a phone, Shouwang opens on my week, full screen, under its Chinese name."""
    data = {
        "name": _("Shouwang: caring for left-behind children"),
        "short_name": _("Shouwang"),
        "description": _("Talks, home visits and contacts with parents, recorded even without a signal."),
        "lang": "zh-CN",
        "start_url": reverse("pairing:my_week"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOR,
        "icons": [
            {"src": static("icons/shouwang-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("icons/shouwang-512.png"), "sizes": "512x512", "type": "image/png"},
            {"src": static("favicon.svg"), "sizes": "any", "type": "image/svg+xml"},
        ],
    }
    return JsonResponse(data, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False})


def outbox_page(request):
    """What this phone holds that has not reached the server: the page script lists it from IndexedDB. Only for
    the roles whose phone keeps an outbox."""
    if not works_offline(request.user):
        raise PermissionDenied
    return render(request, "organisation/outbox.html", {"title": _("Waiting to upload")})


def page_config(request) -> dict:
    """What the page script (offline.js) needs on every page: who is signed in, where things are, its words."""
    user = request.user
    if not user.is_authenticated:
        return {"user": None}
    if not works_offline(user):
        return {"user": user.pk, "enabled": False}
    match = getattr(request, "resolver_match", None)
    return {
        "user": user.pk,
        "enabled": True,
        "sw": reverse("service_worker"),
        "outbox": reverse("outbox"),
        "pages": reverse("offline_pages"),
        "logout": reverse("logout"),
        "refresh": bool(match and match.view_name in REFRESHED_AFTER_SYNC),
        "strings": {
            "saved": _("Saved on this phone; it uploads by itself once online (%(count)s waiting)."),
            "count": _("%(count)s waiting"),
            "uploaded": _("%(count)s records from this phone were uploaded."),
            "logout": _(
                "%(count)s records made on this phone have not been uploaded yet. They stay on this phone and "
                "are uploaded only when you log in again. Log out anyway?"
            ),
            "open_outbox": _("See what is waiting"),
            "pending": _("Waiting to upload"),
            "failed": _("Not accepted by the server"),
            "retry": _("Retry"),
            "delete": _("Delete"),
            "fix": _("Open and fix"),
            "confirm_delete": _("Delete this record from the phone? It has not been uploaded and will be lost."),
            "saved_at": _("Saved on this phone at %(time)s"),
            "empty": _("Nothing is waiting: everything recorded on this phone has been uploaded."),
            "others": _("%(count)s records of another user stay on this phone until that user logs in."),
            "not_cached": _(
                "This page is not kept on this phone, so it cannot open without a connection. "
                "What is waiting to upload is below."
            ),
            "login": _("Log in again to upload."),
        },
    }
