"""A duty teacher, on a phone, opens the children's home, adds the children who came (a whole class in one
step), logs a family-phone call, and sees it on the child's timeline."""

import pytest
from playwright.sync_api import Page, expect

from tests.activities.factories import ChildrensHomeFactory
from tests.factories import ChildFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_duty_teacher_logs_an_opening_and_a_family_phone_call_on_a_phone(
    page: Page, live_server, world, screenshot_dir, log_in
):
    ChildrensHomeFactory(school=world.school, name="石桥小学留守儿童之家")
    ChildFactory(school_class=world.class_1, name="陈雨桐")
    page.set_viewport_size({"width": 360, "height": 740})
    log_in("head1", next_path="/activities/home/")

    expect(page.get_by_test_id("home-name")).to_have_text("石桥小学留守儿童之家")
    page.get_by_role("link", name="登记开放").click()
    page.locator("#id_start_time").fill("16:30")
    page.locator("#id_end_time").fill("17:30")
    page.locator("#id_activities").fill("读书、写作业，给爸爸妈妈打电话。")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_role("button", name="保存").click()

    page.get_by_role("button", name=f"添加{world.class_1.label}全部儿童").click()
    came = page.get_by_test_id("came")
    expect(came).to_contain_text("张思琪")
    expect(came).to_contain_text("陈雨桐")
    page.screenshot(path=screenshot_dir / "childrens-home-session-phone.png", full_page=True)

    form = page.get_by_test_id("call-form")
    form.locator("#id_call-child").select_option(str(world.child_1.pk))
    form.locator("#id_call-channel").select_option("video")
    form.get_by_label("已联系上").check()
    form.locator("#id_call-summary").fill("和妈妈视频，说了这次数学考了九十分。")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    form.get_by_role("button", name="保存通话").click()

    expect(page.get_by_test_id("calls")).to_contain_text("张思琪")
    page.goto(f"{live_server.url}/children/{world.child_1.pk}/")
    timeline = page.get_by_test_id("timeline")
    expect(timeline).to_contain_text("和妈妈视频，说了这次数学考了九十分。")
    expect(timeline).to_contain_text("石桥小学留守儿童之家")
    expect(page.get_by_test_id("home-panel")).to_contain_text("来过1次")
    page.screenshot(path=screenshot_dir / "childrens-home-child-page-phone.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
