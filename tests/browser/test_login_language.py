"""A head teacher logs in, in Chinese, sees their class only, and switches to English."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_head_teacher_logs_in_in_chinese_and_switches_to_english(page: Page, live_server, world, screenshot_dir):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    expect(page.get_by_role("heading", name="守望")).to_be_visible()

    page.get_by_label("用户名").fill("head1")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()

    expect(page.get_by_role("heading", name="您好，王丽")).to_be_visible()
    classes = page.get_by_test_id("my-classes")
    expect(classes).to_contain_text("3年级1班")
    expect(classes).not_to_contain_text("3年级2班")
    page.screenshot(path=screenshot_dir / "home-head-teacher-zh.png", full_page=True)

    page.get_by_role("button", name="菜单").click()
    # Wait until the collapsed menu has finished opening before pressing a button inside it.
    expect(page.locator("#main-nav")).to_have_class(re.compile(r"\bshow\b"))
    with page.expect_navigation():
        page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Hello, 王丽")).to_be_visible()
    expect(page.get_by_test_id("my-classes")).to_contain_text("Grade 3 Class 1")
    page.screenshot(path=screenshot_dir / "home-head-teacher-en.png", full_page=True)
