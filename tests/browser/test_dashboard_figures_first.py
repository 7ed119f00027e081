"""The principal's dashboard leads with its figures: the first tile is on the first screen even with a long
attention list, which follows the charts."""

import pytest
from playwright.sync_api import Page, expect

from tests import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_first_tile_is_on_the_first_screen_whatever_the_attention_list(page: Page, live_server, world, log_in):
    f.ChildFactory.create_batch(30, school_class=world.class_1)  # never talked with, never visited: all listed
    page.set_viewport_size({"width": 1280, "height": 800})
    log_in("principal1")
    page.goto(f"{live_server.url}/reports/dashboard/")
    tile = page.get_by_test_id("tiles")
    expect(tile).to_be_visible()
    assert tile.bounding_box()["y"] < 400
    attention = page.get_by_test_id("dashboard-attention").bounding_box()
    assert attention["y"] > page.locator("[data-chart=filing]").bounding_box()["y"]
