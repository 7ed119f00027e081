"""One way to render a form page, shared by every app (templates/form.html)."""

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.shortcuts import render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme


def form_page(request, form, *, title: str, back: str | Model = "", template: str = "form.html", **extra):
    """Render `form` under `title`; "Cancel" goes to `back`: a URL name, a path, or an object's page."""
    back_url = resolve_url(back) if back else ""
    return render(request, template, {"form": form, "title": title, "back_url": back_url, **extra})


def next_or(request, default: str) -> str:
    """The `next` URL of the request if it stays on this site, else `default`."""
    target = request.POST.get("next") or request.GET.get("next")
    # Only a path of this site: redirect() and resolve_url() would read "-1" or "x" as a URL name.
    if (
        target
        and target.startswith("/")
        and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
    ):
        return target
    return default


def add_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on the field it names, otherwise above the form."""
    items = error.message_dict.items() if hasattr(error, "error_dict") else [(None, error.messages)]
    for field_name, messages in items:
        form.add_error(field_name if field_name in form.fields else None, messages)


_ANY_PK = 987654321


def link_parts(name: str) -> dict[str, str]:
    """The URL named `name` with one integer argument, reversed once, as the text before and after the
    argument: a page of hundreds of children joins `before`, the pk and `after` instead of a reverse() per link.
    (A dict, not a tuple: a template looks a key up directly, an index only after a failed attribute lookup.)"""
    before, after = reverse(name, args=[_ANY_PK]).split(str(_ANY_PK), 1)
    return {"before": before, "after": after}
