"""On a 360 px phone the history page shows every change, old and new, without sideways scrolling;
the child page's timeline filter is a row of tappable pills."""

import pytest
from playwright.sync_api import Page, expect

from children import services
from tests.factories import ParentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_history_fits_a_phone_and_reads_like_the_archive(page: Page, live_server, world, screenshot_dir, log_in):
    child = world.child_1
    ParentFactory(child=child, work_province="广东", work_city="东莞", employer="长安镇五金电子厂有限公司")
    child.hobbies = "画画"
    child.save()
    child.hobbies = "画画、跳绳、看书、下棋，周末常帮奶奶做家务"
    child.school_class = world.class_2
    child.save()
    services.child_soft_delete(child=child, user=world.principal)
    services.child_restore(child=child)

    page.set_viewport_size({"width": 360, "height": 780})
    log_in("principal1")
    page.goto(f"{live_server.url}/children/{child.pk}/history/")

    history = page.get_by_test_id("history")
    expect(history).to_contain_text(str(world.class_2))
    expect(history).to_contain_text("年")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    new_value = page.get_by_text("画画、跳绳、看书、下棋，周末常帮奶奶做家务").first
    box = new_value.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 360
    page.screenshot(path=screenshot_dir / "child-history-phone-zh.png", full_page=True)

    page.goto(f"{live_server.url}/children/{child.pk}/")
    expect(page.get_by_test_id("timeline-filter").get_by_role("link", name="全部")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_test_id("timeline").scroll_into_view_if_needed()
    page.screenshot(path=screenshot_dir / "child-timeline-filter-phone-zh.png", full_page=False)
