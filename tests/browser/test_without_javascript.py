"""Without JavaScript a phone still reaches every menu entry: the navbar's menu is open (no toggle to press),
a menu drops down when its toggle is tapped, and the child list shows all its filters."""

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, expect

from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_phone_without_javascript_reaches_the_menus_and_the_filters(browser: Browser, live_server, world):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 360, "height": 740}, locale="zh-CN", is_mobile=True
    )
    page = context.new_page()
    page.goto(live_server.url + reverse("login"))
    page.get_by_label("用户名").fill("head1")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()

    page.goto(live_server.url + reverse("children:list"))
    expect(page.locator(".navbar-toggler")).to_be_hidden()
    children_menu = page.locator(".navbar .dropdown-toggle", has_text="儿童")
    expect(children_menu).to_be_visible()
    expect(page.locator(".navbar").get_by_role("link", name="儿童档案", exact=True)).to_be_hidden()
    children_menu.click()
    expect(page.locator(".navbar").get_by_role("link", name="儿童档案", exact=True)).to_be_visible()
    expect(page.locator("#more-filters")).to_be_visible()
    context.close()


def test_with_javascript_the_phone_menu_opens_from_its_toggle(page, live_server, world, log_in):
    page.set_viewport_size({"width": 360, "height": 740})
    log_in("head1")
    menu = page.locator(".navbar .dropdown-toggle", has_text="儿童")
    expect(menu).to_be_hidden()
    page.locator(".navbar-toggler").click()
    menu.click()
    expect(page.locator(".navbar").get_by_role("link", name="儿童档案", exact=True)).to_be_visible()
