"""The principal submits the month's report; the district officer sees it on time, returns it with a
comment, sees the resubmission as version 2 and accepts it."""

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from children.models import Child, LeftBehindType

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _add_item(page: Page, title: str, text: str) -> None:
    page.locator("[data-testid=item-form] [name=title]").fill(title)
    page.locator("[data-testid=item-form] [name=date]").fill(timezone.localdate().isoformat())
    page.locator("[data-testid=item-form] [name=text]").fill(text)
    page.get_by_role("button", name="添加").click()
    expect(page.get_by_text("信息已保存。")).to_be_visible()


def test_principal_submits_and_the_district_returns_and_sees_the_resubmission(
    page: Page, live_server, world, screenshot_dir, log_in
):
    Child.objects.filter(school=world.school).update(left_behind_type=LeftBehindType.BOTH_AWAY)

    log_in("principal1")
    page.goto(f"{live_server.url}/reports/monthly/current/")
    _add_item(page, "开展读书月活动", "全校留守儿童参加读书月活动，代理家长陪读。")
    _add_item(page, "代理家长集中家访", "代理家长和班主任分组家访，了解监护情况。")
    page.get_by_test_id("submit-report").click()
    expect(page.get_by_text("月报已报送区县。")).to_be_visible()
    expect(page.get_by_test_id("monthly-state")).to_contain_text("按时报送")

    page.context.clear_cookies()
    log_in("officer1")
    page.goto(f"{live_server.url}/reports/district/reports/")
    row = page.locator(f"[data-school='{world.school.code}']")
    expect(row.locator("[data-status]")).to_have_attribute("data-status", "on_time")
    row.get_by_role("link", name="打开").click()
    expect(page.get_by_test_id("items")).to_contain_text("开展读书月活动")
    expect(page.get_by_text("张思琪")).to_have_count(0)
    page.screenshot(path=screenshot_dir / "district-monthly-report.png", full_page=True)
    page.locator("[name=comment]").fill("请补充家访的具体人数。")
    page.get_by_role("button", name="退回学校").click()
    expect(page.get_by_text("月报已退回学校。")).to_be_visible()

    page.context.clear_cookies()
    log_in("principal1")
    page.goto(f"{live_server.url}/reports/monthly/current/")
    expect(page.get_by_test_id("return-comment")).to_contain_text("请补充家访的具体人数。")
    page.get_by_test_id("submit-report").click()
    expect(page.get_by_test_id("monthly-state")).to_contain_text("按时报送")

    page.context.clear_cookies()
    log_in("officer1")
    page.goto(f"{live_server.url}/reports/district/reports/")
    row = page.locator(f"[data-school='{world.school.code}']")
    expect(row).to_contain_text("v2")
    expect(row.locator("[data-status]")).to_have_attribute("data-status", "on_time")
    row.get_by_role("link", name="打开").click()
    page.get_by_role("button", name="接收月报").click()
    expect(page.get_by_text("月报已接收。")).to_be_visible()
    row = page.locator(f"[data-school='{world.school.code}']")
    expect(row.locator("[data-status]")).to_have_attribute("data-status", "accepted")
    page.goto(f"{live_server.url}/reports/district/rollup/")
    expect(page.locator("[data-chart][data-rendered=true]")).to_have_count(3)
