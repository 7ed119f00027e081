"""The phone's outbox: talks, home visits and parent contacts saved on a phone without a signal, sent later.

The page script (assets/offline/offline.js) keeps each record in IndexedDB with a client-made UUID and posts it to
the form's own URL when the connection returns, with the header `X-Shouwang-Outbox: 1`. The forms, write rules and
services are the same as online; this module only makes the answer JSON and each record land once:

- a record carries its `client_uuid` (unique per model): a second post of the same UUID (a double click, two
  tabs, a replay after a crash) answers with the stored record instead of writing another;
- it carries the user who made it (`outbox_author`): it is saved only by that user's session, never as anyone else;
- it carries the form's schema version (`outbox_schema`): a record filled in on an older form is sent back to its
  author to check, not guessed at.

Which pages the service worker may keep on the phone is decided here too (`may_cache`): only for the roles that
work in the field, only the pages they need there, only what the server has just shown them.
"""

from __future__ import annotations

import uuid
from functools import wraps

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from organisation.roles import Role

# The roles that record care work in villages without a signal (DESIGN.md: head teachers, carers).
OFFLINE_ROLES = frozenset({Role.HEAD_TEACHER, Role.CARER})
# The pages a teacher needs in the field; every other page (a list, an export, the district's) is never kept.
OFFLINE_PAGES = frozenset(
    {
        "pairing:my_week",
        "children:detail",
        "pairing:talk_create",
        "pairing:visit_create",
        "guardians:contact_create",
        "outbox",
    }
)
# Pages that show what a sync changes (a reason of the attention list clears when the talk lands): reloaded after one.
REFRESHED_AFTER_SYNC = frozenset({"pairing:my_week", "children:detail", "pairing:attention"})
# The response header the service worker reads: only a response that carries it is stored on the phone.
CACHE_HEADER = "X-Shouwang-Offline"


def works_offline(user) -> bool:
    """Whether the phone may keep pages and an outbox for `user`."""
    return bool(user and user.is_authenticated and user.role in OFFLINE_ROLES)


def may_cache(request, response) -> bool:
    """A page the service worker may store: a field page a field role has just been shown (so it is within
    her scope and masked exactly as online)."""
    match = getattr(request, "resolver_match", None)
    return (
        request.method == "GET"
        and response.status_code == 200
        and match is not None
        and match.view_name in OFFLINE_PAGES
        and works_offline(getattr(request, "user", None))
    )


class OfflineCacheMiddleware:
    """Marks the responses the service worker may keep (`may_cache`); it stores nothing unmarked."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if may_cache(request, response):
            response[CACHE_HEADER] = "page"
        return response


class OutboxFields(forms.Form):
    """The hidden client UUID of a form the outbox can send; the page script fills it once per form, so every
    post of that form (a double click, a retry) names the same record."""

    outbox_kind: str = ""
    # What the page says once a record of this form is stored, with the child's name; said again to a second post
    # of the same record (a double click before the page script loaded), whose answer is the page the user sees.
    saved_message: str = ""
    # Raise when a change to the form's fields would make an old phone's record mean something else.
    outbox_schema: int = 1

    client_uuid = forms.UUIDField(required=False, widget=forms.HiddenInput)

    @classmethod
    def announce_saved(cls, request, child) -> None:
        messages.success(request, cls.saved_message % {"name": child.name})

    def _post_clean(self):
        super()._post_clean()
        if self.instance.pk is None:
            self.instance.client_uuid = self.cleaned_data.get("client_uuid")


def is_outbox_post(request) -> bool:
    return request.method == "POST" and request.headers.get("X-Shouwang-Outbox") == "1"


def _refused(status: int, message: str, **extra) -> JsonResponse:
    return JsonResponse({"ok": False, "message": message, **extra}, status=status)


def _saved(record, url: str, *, replay: bool) -> JsonResponse:
    return JsonResponse(
        {"ok": True, "replay": replay, "id": record.pk, "date": record.date.isoformat(), "url": url},
        status=200 if replay else 201,
    )


def form_errors_response(form) -> JsonResponse:
    """A form the server did not accept: its messages in the user's language, each with its field's label."""
    lines = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else None
        for error in errors:
            lines.append(_("%(field)s: %(message)s") % {"field": label, "message": error} if label else error)
    return _refused(422, "\n".join(lines), errors=form.errors.get_json_data())


def _uuid(value: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(value) if value else None
    except ValueError:
        return None


def _stored(model, client_uuid: uuid.UUID, user):
    return model.objects.filter(client_uuid=client_uuid, recorded_by=user).first()


def _replay(request, form_class, stored, *, sent: bool):
    """The answer to a record already stored: the stored one, as JSON to the outbox, or its child's page with
    the same message the first post earned (that answer may never have reached the page)."""
    url = reverse("children:detail", args=[stored.child_id])
    if sent:
        return _saved(stored, url, replay=True)
    from organisation.rendering import next_or  # rendering builds on this module

    form_class.announce_saved(request, stored.child)
    return redirect(next_or(request, url))


def accepts_outbox(form_class):
    """Let a view that logs a new record (talk, visit, contact) take it from the outbox, once per client UUID.

    Above the view's other decorators: a child now out of the user's scope (a class change, a transfer) or a role
    that no longer logs care answers JSON with a message the outbox keeps, not an HTML error page.
    """
    model = form_class._meta.model

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method != "POST" or kwargs.get("pk") is not None:
                return view(request, *args, **kwargs)
            sent = is_outbox_post(request)
            client_uuid = _uuid(request.POST.get("client_uuid"))
            if sent and request.POST.get("outbox_author") != str(request.user.pk):
                return _refused(403, _("This record was made by another user: only they can upload it."), author=True)
            if sent and client_uuid is None:
                return _refused(400, _("This record has no client id; it cannot be uploaded."))
            if client_uuid is not None:
                stored = model.objects.filter(client_uuid=client_uuid).first()
                if stored is not None:
                    if stored.recorded_by_id != request.user.pk:
                        if sent:
                            return _refused(
                                403, _("This record was made by another user: only they can upload it."), author=True
                            )
                        raise Http404
                    return _replay(request, form_class, stored, sent=sent)
            if sent and request.POST.get("outbox_schema") != str(form_class.outbox_schema):
                return _refused(
                    409, _("This record was filled in on an older version of the form: open it, check it and save it.")
                )
            try:
                response = view(request, *args, **kwargs)
            except (Http404, PermissionDenied):
                if not sent:
                    raise
                return _refused(
                    404,
                    _(
                        "You may no longer log care work for this child (the class changed, or the child moved): "
                        "this record cannot be uploaded as it is. Ask the principal, or delete it."
                    ),
                )
            except IntegrityError:
                # Two posts of one UUID at the same moment (two tabs): the other one wrote it.
                if client_uuid is None or not (stored := _stored(model, client_uuid, request.user)):
                    raise
                return _replay(request, form_class, stored, sent=sent)
            if sent and response.status_code == 302:
                return _saved(model.objects.get(client_uuid=client_uuid), response.url, replay=False)
            # The same race, caught by the model's unique check before the database's: not an error to show.
            if (
                client_uuid is not None
                and response.status_code != 302
                and (stored := _stored(model, client_uuid, request.user))
            ):
                return _replay(request, form_class, stored, sent=sent)
            return response

        return wrapper

    return decorator
