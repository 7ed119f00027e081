"""A head teacher, on a phone, logs a talk from "my week" and sees the child leave the list of talks due."""

import pytest
from playwright.sync_api import Page, expect

from pairing.services import norms_restore_defaults
from tests.pairing.factories import ParentContactFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_head_teacher_logs_a_talk_from_my_week_on_a_phone(page: Page, live_server, world, screenshot_dir, log_in):
    norms_restore_defaults(school=world.school)
    page.set_viewport_size({"width": 360, "height": 740})
    log_in("head1", next_path="/care/my-week/")

    expect(page.get_by_role("heading", name="我的一周")).to_be_visible()
    # On a phone an overdue child is listed once, in the overdue card, with every norm it misses.
    overdue = page.get_by_test_id("overdue")
    expect(overdue).to_contain_text("已逾期")
    row = overdue.locator(f'[data-child="{world.child_1.pk}"]')
    expect(row).to_contain_text("张思琪")
    page.screenshot(path=screenshot_dir / "my-week-before-talk.png", full_page=True)

    row.get_by_role("link", name="记录谈心").click()
    expect(page.get_by_role("heading", name="与张思琪谈心")).to_be_visible()
    page.get_by_label("学习").check()
    page.get_by_label("情绪").check()
    page.get_by_label("平静").check()
    page.get_by_label("谈话内容").fill("聊了期中考试，孩子有点紧张，鼓励她放松。")
    page.screenshot(path=screenshot_dir / "my-week-talk-form.png", full_page=True)
    # The form fits the phone: nothing wider than the viewport.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_role("button", name="保存谈心记录").click()

    expect(page.get_by_role("heading", name="我的一周")).to_be_visible()
    expect(page.get_by_text("与张思琪的谈心记录已保存。")).to_be_visible()
    expect(page.get_by_test_id("due-talk").locator(f'[data-child="{world.child_1.pk}"]')).to_have_count(0)
    expect(page.get_by_test_id("overdue").get_by_role("link", name="记录谈心")).to_have_count(0)
    page.screenshot(path=screenshot_dir / "my-week-after-talk.png", full_page=True)

    # The child page now shows the talk on the timeline and the panel's status on the phone too.
    page.goto(f"{live_server.url}/children/{world.child_1.pk}/")
    expect(page.get_by_test_id("care-panel")).to_contain_text("张秀英")
    expect(page.get_by_test_id("timeline")).to_contain_text("聊了期中考试")
    page.screenshot(path=screenshot_dir / "child-page-care-panel.png", full_page=True)
    page.goto(f"{live_server.url}/care/classes/{world.class_1.pk}/grid/")
    expect(page.get_by_test_id("class-grid")).to_contain_text("张思琪")
    page.screenshot(path=screenshot_dir / "class-grid-phone.png", full_page=True)
    # Wide tables scroll inside their .table-responsive box; the page itself never scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    ParentContactFactory(
        child=world.child_1,
        recorded_by=world.head_teacher,
        summary="妈妈在广东打工，电话里说了孩子最近的学习和身体情况，约好每周日晚上视频一次，奶奶也在旁边听。",
    )
    page.goto(f"{live_server.url}/guardians/contacts/")
    expect(page.get_by_role("cell", name="妈妈在广东打工")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=screenshot_dir / "contact-list-phone.png", full_page=True)


def test_on_a_phone_each_overdue_child_is_listed_once_with_the_norms_it_misses(page: Page, live_server, world, log_in):
    norms_restore_defaults(school=world.school)
    page.set_viewport_size({"width": 360, "height": 740})
    log_in("head1", next_path="/care/my-week/")
    expect(page.get_by_role("heading", name="我的一周")).to_be_visible()
    work = ":is([data-testid=due-item], [data-testid=overdue-item])"  # the attention panel is another list
    shown = page.locator(f'[data-child="{world.child_1.pk}"]{work}:visible')
    expect(shown).to_have_count(1)
    assert shown.locator(".text-danger").count() >= 2  # a talk and a contact with the parents at least
    expect(shown.get_by_role("link", name="记录谈心")).to_have_count(1)
