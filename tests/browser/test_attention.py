"""A head teacher sees a child on the attention list with two reasons, logs a talk from the entry, and sees one
reason go."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from children.models import Child
from tests.factories import GuardianFactory
from tests.pairing.factories import HomeVisitFactory, ParentContactFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_head_teacher_clears_a_reason_by_logging_the_talk(page: Page, live_server, world, screenshot_dir, log_in):
    long_ago = timezone.now() - datetime.timedelta(days=400)
    guardian = GuardianFactory(child=world.child_1, name="张德福", age=76)
    guardian.history.update(history_date=long_ago)
    Child.objects.filter(pk=world.child_1.pk).update(identified_on=long_ago.date(), created_at=long_ago)
    HomeVisitFactory(child=world.child_1, date=world.semester.start_date + datetime.timedelta(days=2))
    ParentContactFactory(child=world.child_1, date=timezone.localdate(), reached=True)
    page.set_viewport_size({"width": 360, "height": 740})
    log_in("head1", next_path="/care/my-week/")

    entry = page.get_by_test_id("my-attention").locator(f'[data-child="{world.child_1.pk}"]')
    expect(entry).to_contain_text("重点关注")
    expect(entry.locator('[data-reason="no_talk"]')).to_contain_text("天无谈心")
    expect(entry.locator('[data-reason="frail_guardian"]')).to_contain_text("监护人已 76 岁")
    page.screenshot(path=screenshot_dir / "attention-before-talk.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    entry.locator('[data-reason="no_talk"]').get_by_role("link", name="记录谈心").click()
    expect(page.get_by_role("heading", name="与张思琪谈心")).to_be_visible()
    page.get_by_label("生活").check()
    page.get_by_label("谈话内容").fill("爷爷年纪大了，孩子会帮忙做饭。")
    page.get_by_role("button", name="保存谈心记录").click()

    expect(page.get_by_role("heading", name="我的一周")).to_be_visible()
    entry = page.get_by_test_id("my-attention").locator(f'[data-child="{world.child_1.pk}"]')
    expect(entry.locator('[data-reason="no_talk"]')).to_have_count(0)
    expect(entry.locator('[data-reason="frail_guardian"]')).to_be_visible()
    expect(entry).to_contain_text("提醒")
    page.screenshot(path=screenshot_dir / "attention-after-talk.png", full_page=True)
