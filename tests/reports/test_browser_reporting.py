"""The district officer's home draws the school year's reporting trend with ECharts (from the page's JSON,
no inline script) above the table that carries the same numbers without JavaScript."""

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_district_home_draws_the_reporting_trend(page: Page, live_server, world, screenshot_dir, log_in):
    log_in("officer1")
    page.goto(f"{live_server.url}/")
    expect(page.locator("[data-chart=reportingTrend][data-rendered=true] svg")).to_have_count(1)
    assert page.locator("[data-chart=reportingTrend]").bounding_box()["height"] >= 200
    expect(page.get_by_test_id("reporting-trend")).to_be_visible()
    page.screenshot(path=screenshot_dir / "district-home-reporting.png", full_page=True)
