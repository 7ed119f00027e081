"""One way to render a form page, shared by every app (templates/form.html)."""

from django.db.models import Model
from django.shortcuts import render, resolve_url


def form_page(request, form, *, title: str, back: str | Model = "", template: str = "form.html", **extra):
    """Render `form` under `title`; "Cancel" goes to `back`: a URL name, a path, or an object's page."""
    back_url = resolve_url(back) if back else ""
    return render(request, template, {"form": form, "title": title, "back_url": back_url, **extra})
