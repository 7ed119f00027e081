"""`{% action_items %}`: the school's open action items from the district's inspections, for the dashboard
(a template tag, so that reports never imports this app). 1 query."""

from django import template
from django.utils import timezone

from inspection.measures import MEASURES
from inspection.scoping import action_items_for

register = template.Library()


@register.inclusion_tag("inspection/_action_items.html", takes_context=True)
def action_items(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"action_items": []}
    open_items = list(action_items_for(user).filter(closed_at__isnull=True).order_by("due_on", "pk")[:20])
    return {"action_items": open_items, "today": timezone.localdate()}


@register.filter
def measure_label(key: str) -> str:
    """A computed item's measure by its name (`{{ item.measure|measure_label }}`), "" for none."""
    found = MEASURES.get(key)
    return str(found.label) if found else ""
