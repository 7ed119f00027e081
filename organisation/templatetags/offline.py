from django import template

from organisation.offline import page_config

register = template.Library()


@register.simple_tag(takes_context=True)
def offline_config(context) -> dict:
    """`{% offline_config as offline %}`: what static/offline.js needs on this page (organisation.offline)."""
    request = context.get("request")
    return page_config(request) if request is not None else {"user": None}
