from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import pgettext

from organisation import masking
from organisation.rendering import bootstrap_field

register = template.Library()


@register.filter
def phone_for(value: str, user) -> str:
    """`{{ parent.phone|phone_for:user }}`: the number, masked for roles that do not need it."""
    return masking.phone_for(user, value)


@register.filter
def id_number_for(value: str, user) -> str:
    return masking.id_number_for(user, value)


@register.filter
def masked_id_number(value: str) -> str:
    return masking.mask_id_number(value)


@register.filter
def minutes(value) -> int:
    """A timedelta as whole minutes, for sentences like "locked for 30 minutes"."""
    return int(value.total_seconds() // 60) if value else 0


@register.filter
def label_list(items) -> str:
    """`{{ classes|label_list }}`: each item's `label` (or the item), joined with the language's list
    separator ("、" in Chinese, ", " in English)."""
    separator = pgettext("list separator", ", ")
    return separator.join(str(getattr(item, "label", item)) for item in items)


@register.simple_tag(takes_context=True)
def page_url(context, number: int) -> str:
    """`?<the current filters>&page=N`: a link to another page of the same filtered list."""
    query = context["request"].GET.copy()
    query["page"] = number
    # urlencode() percent-encodes every quote and bracket, so the link is safe in an attribute as it is.
    return mark_safe(f"?{query.urlencode()}")


register.filter("bootstrap_field", bootstrap_field)
