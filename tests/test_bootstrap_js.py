"""Bootstrap's JS is a bundle of the components the pages use (assets/bootstrap.js), loaded only where one is
on the page: the navbar (its menu collapses on phones, its menus drop down) or a message that can be closed."""

import re
from pathlib import Path

from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.template.loader import render_to_string
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = "vendor/bootstrap/js/bootstrap.min.js"
# What a data-bs-toggle / data-bs-dismiss value needs from Bootstrap's sources.
COMPONENT = {
    "collapse": "collapse",
    "dropdown": "dropdown",
    "alert": "alert",
    "modal": "modal",
    "tab": "tab",
    "pill": "tab",
    "tooltip": "tooltip",
    "popover": "popover",
    "offcanvas": "offcanvas",
    "toast": "toast",
    "button": "button",
}


def bundled() -> set[str]:
    source = (ROOT / "assets" / "bootstrap.js").read_text(encoding="utf-8")
    return set(re.findall(r'import "bootstrap/js/src/([a-z-]+)\.js"', source))


def test_every_component_a_template_toggles_is_bundled():
    used: dict[str, set[str]] = {}
    for path in (ROOT / "templates").rglob("*.html"):
        for value in re.findall(r'data-bs-(?:toggle|dismiss)="([a-z]+)"', path.read_text(encoding="utf-8")):
            used.setdefault(COMPONENT[value], set()).add(path.relative_to(ROOT).as_posix())
    assert set(used) == {"collapse", "dropdown", "alert"}
    assert not {name: files for name, files in used.items() if name not in bundled()}


def test_the_bundle_is_built_and_smaller_than_bootstraps_whole_one():
    built = ROOT / "build" / "bootstrap.min.js"
    whole = ROOT / "node_modules" / "bootstrap" / "dist" / "js" / "bootstrap.bundle.min.js"
    assert built.stat().st_size < whole.stat().st_size / 2


def test_a_signed_in_page_loads_the_bundle_deferred(client, world):
    client.force_login(world.head_teacher)
    body = client.get(reverse("children:list")).content.decode()
    assert re.search(r'<script src="/static/vendor/bootstrap/js/bootstrap\.min\.js" defer>', body)
    assert "bootstrap.bundle" not in body


def test_the_login_page_has_no_bootstrap_js(client, db):
    body = client.get(reverse("login")).content.decode()
    assert "bootstrap.min.js" not in body
    assert "navbar" not in body


def test_a_page_without_the_navbar_loads_it_when_a_message_can_be_closed():
    anonymous = {"user": AnonymousUser()}
    assert "bootstrap.min.js" not in render_to_string("base.html", anonymous)
    body = render_to_string("base.html", {**anonymous, "messages": [Message(constants.INFO, "再见")]})
    assert "再见" in body and 'data-bs-dismiss="alert"' in body and "bootstrap.min.js" in body
