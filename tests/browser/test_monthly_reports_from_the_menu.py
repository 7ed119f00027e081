"""The principal reaches the monthly reports from the menu: the old start page that linked to them is no
longer where a principal lands."""

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_principal_opens_the_monthly_reports_from_the_menu(page: Page, live_server, world, log_in):
    log_in("principal1")
    page.goto(f"{live_server.url}/")
    page.get_by_role("navigation").get_by_role("link", name="月报").click()
    expect(page.get_by_role("heading", name="月报")).to_be_visible()
    expect(page.get_by_test_id("monthly-list")).to_be_visible()


def test_on_a_phone_the_principal_opens_the_monthly_reports_from_the_folded_menu(
    page: Page, live_server, world, log_in
):
    page.set_viewport_size({"width": 360, "height": 740})
    log_in("principal1")
    page.goto(f"{live_server.url}/")
    page.get_by_role("button", name="菜单").click()
    page.get_by_role("navigation").get_by_role("link", name="月报").click()
    expect(page.get_by_test_id("monthly-list")).to_be_visible()


def test_a_head_teacher_has_no_monthly_reports_in_the_menu(page: Page, live_server, world, log_in):
    log_in("head1")
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("navigation").get_by_role("link", name="月报")).to_have_count(0)
