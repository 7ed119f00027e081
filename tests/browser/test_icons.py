"""Icons draw from the sprite: the browser fetches static/icons.svg once, and an icon is one line high."""

import pytest
from playwright.sync_api import Page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_navbar_icon_is_drawn_from_the_sprite(page: Page, live_server, world, log_in):
    sprites = []
    page.on("response", lambda r: sprites.append(r) if "icons.svg" in r.url else None)
    log_in("head1")
    page.wait_for_load_state("networkidle")
    assert sprites and sprites[0].status == 200
    assert sprites[0].headers["content-type"].startswith("image/svg+xml")
    box = page.locator(".navbar-brand svg.bi-house-heart").bounding_box()
    assert box and 10 < box["width"] < 30 and box["width"] == box["height"]
