"""What a server process loads before its first request, so the first person after a start or a deploy does not
wait for it: every URLconf and the views behind them (with pypinyin's dictionaries, ~0.65 s alone), the
resolver's reverse map, both languages' catalogs and the base templates, compiled into the cached loader.

config/wsgi.py calls `warm_up()` once the application exists: gunicorn's workers and `runserver` both import it
before serving. Measured by bench/first_request.py.
"""

from django.conf import settings
from django.template.loader import get_template
from django.urls import get_resolver
from django.utils import translation

# The templates nearly every page extends or includes.
TEMPLATES = ("base.html",)


def warm_up() -> None:
    resolver = get_resolver()
    resolver.url_patterns  # noqa: B018 (imports every app's urls and views)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            resolver.reverse_dict  # noqa: B018 (the reverse maps of the resolver and its includes, per language)
            translation.gettext("Shouwang")
            for name in TEMPLATES:
                get_template(name)
