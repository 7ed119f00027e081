"""The self-inspection from end to end in a browser: the principal finds the computed items filled in, scores
an item checked on site, changes a computed score with a note and submits; the district officer scores an item
with a finding and a correction date and returns it with a comment; the principal reads the comment and
submits again; the officer finds the finding carried over and accepts, and the principal finds the action item on the
dashboard. The principal's page is photographed on a 360 px phone."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from inspection import services
from inspection.models import Answer, Inspection, Item
from inspection.selectors import school_year_of
from tests.inspection.conftest import fill

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _row(page: Page, item: Item):
    return page.locator(f'tr[data-item="{item.pk}"]')


def _as(page: Page, log_in, username: str, path: str) -> None:
    page.context.clear_cookies()
    log_in(username, next_path=path)


def test_self_inspection_submitted_returned_and_accepted_with_an_action_item(
    page: Page, live_server, world, log_in, screenshot_dir
):
    index = services.index_copy(
        district=world.district, school_year=school_year_of(timezone.localdate()), user=world.district_officer
    )
    year = index.school_year
    on_site = Item.objects.get(section__index=index, section__order=1, evidence="on_site")  # 分级督查
    talks = Item.objects.get(section__index=index, measure="talk_coverage")
    # The items a browser walk need not repeat are scored beforehand, with their files; the one checked on
    # site is left for the principal.
    draft = services.inspection_draft(school=world.school, index=index, user=world.principal)
    fill(draft, world.principal)
    Answer.objects.filter(inspection=draft, item=on_site).delete()

    # The principal, on a phone.
    page.set_viewport_size({"width": 360, "height": 740})
    _as(page, log_in, "principal1", reverse("inspection:school", args=[year]))
    expect(_row(page, talks).get_by_test_id("value")).to_have_text("0.0% (0/2)")
    expect(_row(page, talks).get_by_test_id("rule-score")).to_have_text("0.0")
    _row(page, on_site).locator(f'input[name="{on_site.pk}-score"]').fill("0.8")
    _row(page, talks).locator(f'input[name="{talks.pk}-score"]').fill("3")
    _row(page, talks).locator(f'textarea[name="{talks.pk}-note"]').fill("三年级的谈心记在纸质记录本上，已补录一部分。")
    page.screenshot(path=screenshot_dir / "inspection-self-inspection-phone.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    # Each item is a block on a phone: its title and its inputs are on screen, not scrolled off sideways.
    for cell in (_row(page, talks).locator("td").first, _row(page, talks).locator(f'[name="{talks.pk}-note"]')):
        box = cell.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 360
    page.get_by_test_id("save-scores").click()
    expect(page.locator(".alert-success")).to_contain_text("评分已保存")
    page.get_by_test_id("submit-inspection").click()
    expect(page.get_by_test_id("inspection-state")).to_contain_text("已报送")
    submitted = Inspection.objects.get(school=world.school, version=1)
    assert submitted.is_submitted and submitted.answers.get(item=talks).note.startswith("三年级")

    # The district officer scores the item checked on site with a finding and a date, and returns it.
    due = timezone.localdate() + timedelta(days=30)
    page.set_viewport_size({"width": 1280, "height": 900})
    _as(page, log_in, "officer1", reverse("inspection:district_review", args=[submitted.pk]))
    row = _row(page, on_site)
    row.locator(f'input[name="d{on_site.pk}-score"]').fill("0.5")
    row.locator(f'textarea[name="d{on_site.pk}-finding"]').fill("分级督查记录缺少第二次检查。")
    row.locator(f'input[name="d{on_site.pk}-due"]').fill(due.isoformat())
    page.screenshot(path=screenshot_dir / "inspection-review-desktop.png")
    page.get_by_test_id("save-review").click()
    expect(page.locator(".alert-success")).to_be_visible()
    page.locator('textarea[name="comment"]').fill("请补充谈心记录后重新提交。")
    page.get_by_role("button", name="退回学校").click()
    expect(page.locator(".alert-success")).to_be_visible()

    # The principal reads the comment and submits the next version.
    _as(page, log_in, "principal1", reverse("inspection:school", args=[year]))
    expect(page.get_by_test_id("return-comment")).to_contain_text("请补充谈心记录后重新提交。")
    page.get_by_test_id("submit-inspection").click()
    expect(page.get_by_test_id("inspection-state")).to_contain_text("已报送")
    second = Inspection.objects.get(school=world.school, version=2)

    # The officer finds the finding of the returned version already written, and accepts; the principal sees
    # the action item on the dashboard.
    _as(page, log_in, "officer1", reverse("inspection:district_review", args=[second.pk]))
    row = _row(page, on_site)
    expect(row.locator(f'textarea[name="d{on_site.pk}-finding"]')).to_have_value("分级督查记录缺少第二次检查。")
    expect(row.locator(f'input[name="d{on_site.pk}-due"]')).to_have_value(due.isoformat())
    page.get_by_test_id("accept").click()
    expect(page.locator(".alert-success")).to_be_visible()
    _as(page, log_in, "principal1", reverse("reports:dashboard"))
    actions = page.get_by_test_id("action-items")
    expect(actions).to_contain_text("分级督查记录缺少第二次检查。")
    expect(actions).to_contain_text(f"{due.month}月{due.day}日")
