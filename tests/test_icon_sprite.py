"""Icons come from one small SVG sprite of the icons pages use (scripts/icons.py), not the whole icon font:
a page that uses an icon the sprite lacks fails here, and so does a sprite that is not what the script writes."""

import importlib.util
import re
from pathlib import Path

from django.template import Context, Template

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("icons_script", ROOT / "scripts" / "icons.py")
icons = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(icons)


def test_every_icon_a_page_uses_is_in_the_sprite():
    in_sprite = icons.sprite_icons(icons.SPRITE.read_text(encoding="utf-8"))
    missing = {name: files for name, files in icons.used_icons().items() if name not in in_sprite}
    assert not missing, f"not in static/icons.svg (run scripts/icons.py): {missing}"


def test_the_sprite_is_what_the_script_writes():
    assert icons.SPRITE.read_text(encoding="utf-8") == icons.sprite(icons.used_icons())


def test_the_scan_sees_template_tags_and_icons_named_in_python():
    used = icons.used_icons()
    assert "templates/base.html" in used["house-heart"]  # {% icon "house-heart" %}
    assert "guardians/child_page.py" in used["telephone"]  # icon="bi-telephone"
    assert "children/templatetags/child_list.py" in used["check-circle"]  # icon("check-circle")


def test_no_template_still_draws_an_icon_from_the_font():
    font_icons = [
        path.relative_to(ROOT).as_posix()
        for path in icons._sources("**/templates/**/*.html")
        if re.search(r"<i class=\"bi\b", path.read_text(encoding="utf-8"))
    ]
    assert font_icons == []


def test_the_icon_tag_draws_the_sprite_symbol_hidden_from_screen_readers_unless_labelled():
    html = Template(
        '{% icon "plus-lg" %}|{% icon "bi-telephone" css_class="text-danger" %}|{% icon "check-lg" label="是" %}'
    )
    plain, from_python, labelled = html.render(Context()).split("|")
    assert plain == (
        '<svg class="bi bi-plus-lg" width="1em" height="1em" fill="currentColor" aria-hidden="true">'
        '<use href="/static/icons.svg#plus-lg"></use></svg>'
    )
    assert 'class="bi bi-telephone text-danger"' in from_python and "#telephone" in from_python
    assert 'role="img" aria-label="是"' in labelled and "aria-hidden" not in labelled


def test_pages_no_longer_load_the_icon_font(client, world):
    client.force_login(world.head_teacher)
    body = client.get("/", follow=True).content.decode()
    assert "bootstrap-icons" not in body
    assert "/static/icons.svg#" in body
