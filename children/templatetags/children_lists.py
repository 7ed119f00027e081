"""`{{ requirements|label_list }}`: labels joined with the language's list separator ("、" in Chinese)."""

from collections.abc import Iterable

from django import template
from django.utils.translation import pgettext

register = template.Library()


@register.filter
def label_list(items: Iterable) -> str:
    """The `label` of each item (or the item itself), joined with the translated list separator."""
    separator = pgettext("list separator", ", ")
    return separator.join(str(getattr(item, "label", item)) for item in items)
