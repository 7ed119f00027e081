"""{% figure_value row %}: a figure's value as the link to the list behind it (reports.members), or as plain
text where the page gives no `figure_url` (a district officer's pages: counts only) or the figure has no
members. One tag for the summary, the monthly report and the tables, so every figure opens the same way."""

from urllib.parse import quote

from django import template
from django.utils.html import format_html

from reports.members import opens

register = template.Library()


@register.simple_tag(takes_context=True)
def figure_value(context, key: str, value, school_class=None):
    """`value` linked to `figure_url` + key + `figure_query` (+ ?school_class= for a per-class table)."""
    base = context.get("figure_url")
    if not base or not opens(key) or not any(ch.isdigit() for ch in str(value)):  # "not recorded": no list
        return value
    query = f"school_class={school_class}" if school_class else ""
    params = "&".join(p for p in (context.get("figure_query", ""), query) if p)
    href = f"{base}{quote(key, safe=':')}/" + (f"?{params}" if params else "")
    return format_html('<a href="{}" data-figure="{}">{}</a>', href, key, value)
