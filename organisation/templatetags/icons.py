"""`{% icon "plus-lg" %}`: a Bootstrap icon drawn from the sprite static/icons.svg (scripts/icons.py writes it).

A built-in tag (config/settings.py TEMPLATES): every template may use it without `{% load %}`. An icon is
decoration (aria-hidden) unless it has a `label`, which it then speaks: `{% icon "check-lg" label=_("Yes") %}`.
The name may come from Python as "bi-<name>" (child page sections). No JavaScript needed.
"""

from django import template
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def icon(name: str, css_class: str = "", label: str = ""):
    name = name.removeprefix("bi-")
    speaks = format_html(' role="img" aria-label="{}"', label) if label else mark_safe(' aria-hidden="true"')
    return format_html(
        '<svg class="{}" width="1em" height="1em" fill="currentColor"{}><use href="{}#{}"></use></svg>',
        f"bi bi-{name} {css_class}".strip(),
        speaks,
        static("icons.svg"),
        name,
    )
