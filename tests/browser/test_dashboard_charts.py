"""The dashboard and the district roll-up draw their charts with the small ECharts build (bar and line,
title, tooltip, legend, SVG, Chinese labels), without a script error."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _charts_drawn(page: Page, names: list[str]) -> None:
    for name in names:
        chart = page.locator(f'[data-chart="{name}"]')
        expect(chart).to_have_attribute("data-rendered", "true")
        expect(chart.locator("svg").first).to_be_attached()


def test_the_principals_dashboard_draws_its_four_charts(page: Page, live_server, world, log_in):
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in("principal1")
    page.goto(live_server.url + reverse("reports:dashboard"))
    _charts_drawn(page, ["gradeType", "careWork", "compliance", "filing"])
    # The tooltip component is in the build: hovering the care-work chart shows one.
    page.locator('[data-chart="careWork"]').hover()
    assert errors == []


def test_the_district_rollup_draws_its_charts(page: Page, live_server, world, log_in):
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in("officer1")
    page.goto(live_server.url + reverse("reports:district_rollup"))
    _charts_drawn(page, ["lbcBySchool", "coverageBySchool", "careWork"])
    assert errors == []
