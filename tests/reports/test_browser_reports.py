"""The principal opens the dashboard (the charts render), follows a tile to its children, writes the
summary's narrative, signs it and looks at it as printed."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from children.models import LeftBehindType
from pairing.models import HomeVisit
from tests.pairing.factories import ParentContactFactory, TalkFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_principal_reads_the_dashboard_and_signs_the_summary(page: Page, live_server, world, screenshot_dir, log_in):
    today = timezone.localdate()
    for child, kind in [(world.child_1, LeftBehindType.BOTH_AWAY), (world.child_2, LeftBehindType.FATHER_AWAY)]:
        child.left_behind_type = kind
        child.save()
    day = max(world.semester.start_date, today - datetime.timedelta(days=20))
    TalkFactory(child=world.child_1, date=day)
    HomeVisit.objects.create(child=world.child_2, date=day)
    ParentContactFactory(child=world.child_1, date=day)

    log_in("principal1")
    page.goto(f"{live_server.url}/reports/dashboard/")
    expect(page.get_by_test_id("tile-lbc")).to_have_text("2")
    expect(page.locator("[data-chart][data-rendered=true]")).to_have_count(4)
    expect(page.locator("[data-chart=gradeType] svg")).to_have_count(1)
    page.screenshot(path=screenshot_dir / "reports-dashboard.png", full_page=True)

    page.get_by_role("link", name="谈心覆盖率").click()
    expect(page.get_by_test_id("figure-count")).to_have_text("1")
    expect(page.get_by_test_id("figure-children")).to_contain_text("李浩然")

    page.goto(f"{live_server.url}/reports/summary/{world.semester.pk}/")
    page.get_by_label("主要成绩").fill("两名留守儿童全部建档，结对帮扶覆盖。")
    page.get_by_label("存在问题").fill("家访次数偏少。")
    page.get_by_label("下一步工作").fill("每月至少家访一次。")
    page.get_by_role("button", name="保存草稿").click()
    expect(page.get_by_text("草稿已保存。")).to_be_visible()
    page.get_by_role("button", name="签发总结").click()
    expect(page.get_by_test_id("summary-state")).to_contain_text("已签发")
    page.emulate_media(media="print")
    page.screenshot(path=screenshot_dir / "reports-summary-print.png", full_page=True)
    expect(page.get_by_text("校长（签字）：")).to_be_visible()
