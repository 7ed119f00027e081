"""Which pages a head teacher's or carer's phone keeps for the field: my week, the outbox, and for each child she
may log care work for, the child's page and the talk, home-visit and parent-contact forms."""

from __future__ import annotations

from django.http import JsonResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from children.scoping import children_to_log_care_for
from organisation.outbox import works_offline
from organisation.rendering import link_parts

CHILD_PAGES = ("children:detail", "pairing:talk_create", "pairing:visit_create", "guardians:contact_create")


def offline_pages_for(user) -> list[str]:
    """The paths the service worker fetches and keeps for `user`: none for a role that does not work offline.
    One query (the children's ids), whatever their number."""
    if not works_offline(user):
        return []
    parts = [link_parts(name) for name in CHILD_PAGES]
    ids = children_to_log_care_for(user).active().order_by("pk").values_list("pk", flat=True)
    pages = [reverse("pairing:my_week"), reverse("outbox")]
    for pk in ids:
        pages.extend(f"{part['before']}{pk}{part['after']}" for part in parts)
    return pages


@never_cache
@require_GET
def offline_pages(request):
    """The pages the phone should keep for the signed-in user, as JSON for the service worker."""
    return JsonResponse({"pages": offline_pages_for(request.user)})
