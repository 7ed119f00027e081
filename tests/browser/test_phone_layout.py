"""On a 360 px phone: the care overview shows each norm's and each class's overdue count without scrolling,
and checkboxes and radio buttons are big enough to tap (24 px or more)."""

import pytest
from playwright.sync_api import Page, expect

from pairing.services import norms_restore_defaults

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_overdue_counts_are_on_screen_on_a_phone(page: Page, live_server, world, screenshot_dir, log_in):
    norms_restore_defaults(school=world.school)
    page.set_viewport_size({"width": 360, "height": 780})
    log_in("principal1", next_path="/care/overview/")

    expect(page.get_by_role("heading", name="关爱工作概况")).to_be_visible()
    for table in ("norm-totals", "class-totals"):
        header = page.get_by_test_id(table).get_by_role("columnheader", name="逾期儿童数")
        box = header.bounding_box()
        assert box is not None and box["x"] + box["width"] <= 360, table
        cells = page.get_by_test_id(table).get_by_test_id("overdue")
        assert cells.count() > 0
        for i in range(cells.count()):
            cell = cells.nth(i).bounding_box()
            assert cell is not None and cell["x"] + cell["width"] <= 360, table
    page.screenshot(path=screenshot_dir / "care-overview-phone.png", full_page=True)


def test_checkboxes_and_radio_buttons_are_big_enough_to_tap(page: Page, live_server, world, screenshot_dir, log_in):
    page.set_viewport_size({"width": 360, "height": 780})
    log_in("head1", next_path=f"/care/children/{world.child_1.pk}/talks/new/")

    expect(page.get_by_label("学习")).to_be_visible()
    for kind in ("checkbox", "radio"):
        boxes = page.locator(f"input.form-check-input[type={kind}]")
        assert boxes.count() > 0, kind
        for i in range(boxes.count()):
            box = boxes.nth(i).bounding_box()
            assert box is not None and box["width"] >= 24 and box["height"] >= 24, (kind, box)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=screenshot_dir / "talk-form-tap-targets-phone.png", full_page=True)
