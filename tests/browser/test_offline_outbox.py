"""Where the signal stops: a head teacher records a talk, a home visit and a parent contact on a phone without a
connection; they wait in the phone's outbox and reach the server once each when it comes back, for her alone."""

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from guardians.models import ParentContact
from pairing.models import HomeVisit, Talk
from pairing.services import norms_restore_defaults

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
OUTBOX_ITEMS = """() => new Promise((resolve, reject) => {
  const opened = indexedDB.open("shouwang-outbox");
  opened.onerror = reject;
  opened.onsuccess = () => {
    const request = opened.result.transaction("items").objectStore("items").getAll();
    request.onsuccess = () => resolve(request.result);
  };
})"""
PUT_BACK = """(item) => new Promise((resolve) => {
  const opened = indexedDB.open("shouwang-outbox");
  opened.onsuccess = () => {
    const tx = opened.result.transaction("items", "readwrite");
    tx.objectStore("items").put(item);
    tx.oncomplete = resolve;
  };
})"""


def _kept(page: Page) -> None:
    """Wait until the service worker has kept the teacher's pages for the field."""
    page.locator("html[data-offline-ready]").wait_for(state="attached", timeout=60_000)


def _synced(page: Page) -> None:
    page.locator("html[data-outbox-synced]").wait_for(state="attached", timeout=30_000)


def _talk_offline(page: Page, live_server, child, *, content="在村口聊了学习。", topic="学习"):
    page.goto(f"{live_server.url}/care/children/{child.pk}/talks/new/")
    expect(page.get_by_role("heading", name=f"与{child.name}谈心")).to_be_visible()
    if topic:
        page.get_by_label(topic).check()
    page.get_by_label("谈话内容").fill(content)
    page.get_by_role("button", name="保存谈心记录").click()


def test_a_talk_a_visit_and_a_contact_recorded_offline_reach_the_server_once_each(
    page: Page, context, live_server, world, screenshot_dir, log_in
):
    page.set_viewport_size(PHONE)
    log_in("head1", next_path="/care/my-week/")
    expect(page.get_by_role("heading", name="我的一周")).to_be_visible()
    _kept(page)
    context.set_offline(True)

    _talk_offline(page, live_server, world.child_1)
    banner = page.get_by_test_id("offline-banner")
    expect(banner).to_contain_text("已保存在本机，联网后自动上传 (1 条待上传)")
    expect(page.get_by_test_id("outbox-count")).to_have_text("1 条待上传")
    page.screenshot(path=screenshot_dir / "offline-banner.png", full_page=True)

    page.goto(f"{live_server.url}/care/children/{world.child_1.pk}/visits/new/")
    expect(page.get_by_role("heading", name="家访张思琪")).to_be_visible()
    page.get_by_label("张秀英").check()  # the carer went too; the head teacher is ticked already
    expect(page.get_by_label("王丽")).to_be_checked()
    page.get_by_label("见到的人").select_option(label="家中无人")
    page.get_by_role("button", name="保存").click()
    expect(banner).to_contain_text("(2 条待上传)")

    page.goto(f"{live_server.url}/guardians/children/{world.child_1.pk}/contacts/new/")
    page.get_by_label("未联系上").check()
    page.get_by_label("内容摘要").fill("打给妈妈，没有信号。")
    page.get_by_role("button", name="保存").click()
    expect(banner).to_contain_text("(3 条待上传)")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    page.reload()  # still offline: the kept page opens
    expect(page.get_by_role("heading", name="联系张思琪的家长")).to_be_visible()
    page.goto(f"{live_server.url}/care/my-week/")
    expect(page.get_by_role("heading", name="我的一周")).to_be_visible()
    page.goto(f"{live_server.url}/offline/outbox/")
    expect(page.get_by_test_id("outbox-item")).to_have_count(3)
    expect(page.get_by_test_id("outbox-item").first).to_contain_text("与张思琪谈心")
    page.screenshot(path=screenshot_dir / "offline-outbox.png", full_page=True)
    assert not Talk.objects.exists()
    page.goto(f"{live_server.url}/children/")  # a list is never kept: the outbox opens in its place
    expect(page.get_by_test_id("outbox-list")).to_contain_text("此页面没有保存在本机，离线时无法打开。")
    expect(page.get_by_test_id("outbox-item")).to_have_count(3)

    context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(page.get_by_test_id("outbox-empty")).to_be_visible(timeout=30_000)
    expect(page.get_by_test_id("outbox-count")).to_be_hidden()

    today = timezone.localdate()
    talk, visit, contact = Talk.objects.get(), HomeVisit.objects.get(), ParentContact.objects.get()
    assert (talk.recorded_by, talk.date, talk.content) == (world.head_teacher, today, "在村口聊了学习。")
    assert (visit.recorded_by, visit.date, visit.met) == (world.head_teacher, today, "nobody")
    assert set(visit.staff.all()) == {world.head_teacher} and set(visit.carers.all()) == {world.carer}
    assert (contact.recorded_by, contact.date, contact.reached) == (world.head_teacher, today, False)
    assert talk.created_at < visit.created_at < contact.created_at  # in the order they were made


def test_an_outbox_item_replayed_after_it_was_sent_writes_one_row(page: Page, context, live_server, world, log_in):
    log_in("head1", next_path="/care/my-week/")
    _kept(page)
    context.set_offline(True)
    _talk_offline(page, live_server, world.child_1)
    expect(page.get_by_test_id("offline-banner")).to_be_visible()
    (item,) = page.evaluate(OUTBOX_ITEMS)

    context.set_offline(False)
    page.goto(f"{live_server.url}/offline/outbox/")
    expect(page.get_by_test_id("outbox-empty")).to_be_visible(timeout=30_000)
    assert Talk.objects.count() == 1
    # As if the phone crashed before it forgot the item: it is sent again, twice.
    for _ in range(2):
        page.evaluate(PUT_BACK, item)
        page.reload()
        expect(page.get_by_test_id("outbox-empty")).to_be_visible(timeout=30_000)
    assert Talk.objects.count() == 1
    assert str(Talk.objects.get().client_uuid) == item["uuid"]


def test_a_double_click_on_save_offline_writes_one_row(page: Page, context, live_server, world, log_in):
    log_in("head1", next_path="/care/my-week/")
    _kept(page)
    context.set_offline(True)
    page.goto(f"{live_server.url}/care/children/{world.child_1.pk}/talks/new/")
    page.get_by_label("学习").check()
    page.get_by_role("button", name="保存谈心记录").dblclick()
    expect(page.get_by_test_id("offline-banner")).to_contain_text("(1 条待上传)")
    assert len(page.evaluate(OUTBOX_ITEMS)) == 1

    context.set_offline(False)
    page.goto(f"{live_server.url}/offline/outbox/")
    expect(page.get_by_test_id("outbox-empty")).to_be_visible(timeout=30_000)
    assert Talk.objects.count() == 1


def test_a_double_click_on_save_online_writes_one_row(page: Page, live_server, world, log_in):
    log_in("head1")
    page.goto(f"{live_server.url}/care/children/{world.child_1.pk}/talks/new/")
    page.get_by_label("学习").check()
    page.get_by_role("button", name="保存谈心记录").dblclick()
    expect(page.get_by_text("与张思琪的谈心记录已保存。")).to_be_visible()
    assert Talk.objects.count() == 1


def test_logging_out_with_an_unsent_item_warns_and_keeps_it_for_its_author_only(
    page: Page, context, live_server, world, log_in
):
    log_in("head1", next_path="/care/my-week/")
    _kept(page)
    context.set_offline(True)
    _talk_offline(page, live_server, world.child_1)
    expect(page.get_by_test_id("offline-banner")).to_be_visible()
    # Back online, but the upload does not get through (a captive portal, a dead server).
    context.route("**/talks/new/", lambda route: route.abort() if route.request.method == "POST" else route.continue_())
    context.set_offline(False)
    page.goto(f"{live_server.url}/care/my-week/")
    _synced(page)

    warnings = []

    def answer(dialog):
        warnings.append(dialog.message)
        dialog.dismiss() if len(warnings) == 1 else dialog.accept()

    page.on("dialog", answer)
    page.get_by_role("button", name="王丽").click()
    with page.expect_event("dialog"):  # asked once the outbox is counted, after the click
        page.get_by_role("button", name="退出登录").click()
    expect(page.get_by_role("heading", name="我的一周")).to_be_visible()  # she stayed
    assert warnings == ["本机还有 1 条记录尚未上传。它们会保留在本机，只有您再次登录后才会上传。仍要退出吗？"]
    page.get_by_role("button", name="王丽").click()
    page.get_by_role("button", name="退出登录").click()
    page.wait_for_url("**/accounts/login/**")
    page.wait_for_load_state("networkidle")  # the login page's script settles the caches before the next visit
    context.unroute("**/talks/new/")

    log_in("head2", next_path="/offline/outbox/")
    _synced(page)
    expect(page.get_by_test_id("outbox-empty")).to_be_visible()
    expect(page.get_by_test_id("outbox-list")).to_contain_text("本机还有其他用户的 1 条记录，需由其本人登录后上传。")
    expect(page.get_by_test_id("outbox-count")).to_be_hidden()
    assert not Talk.objects.exists()
    assert len(page.evaluate(OUTBOX_ITEMS)) == 1  # kept for its author

    page.get_by_role("button", name="李志明").click()
    page.get_by_role("button", name="退出登录").click()
    page.wait_for_url("**/accounts/login/**")  # the logout posts after the page script clears the caches
    page.wait_for_load_state("networkidle")
    log_in("head1", next_path="/offline/outbox/")
    expect(page.get_by_test_id("outbox-empty")).to_be_visible(timeout=30_000)
    assert Talk.objects.get().recorded_by == world.head_teacher


def test_a_record_the_server_refuses_stays_in_the_outbox_with_its_message_and_can_be_fixed(
    page: Page, context, live_server, world, screenshot_dir, log_in
):
    page.set_viewport_size(PHONE)
    log_in("head1", next_path="/care/my-week/")
    _kept(page)
    context.set_offline(True)
    _talk_offline(page, live_server, world.child_1, topic=None, content="忘了选主题。")
    expect(page.get_by_test_id("offline-banner")).to_be_visible()

    context.set_offline(False)
    page.goto(f"{live_server.url}/offline/outbox/")
    _synced(page)
    item = page.get_by_test_id("outbox-item")
    expect(item).to_contain_text("服务器未接受")
    expect(item.get_by_test_id("outbox-message")).to_have_text("谈话主题：这个字段是必填项。")
    expect(page.get_by_test_id("outbox-count")).to_have_text("1 条待上传")
    page.screenshot(path=screenshot_dir / "offline-outbox-refused.png", full_page=True)
    assert not Talk.objects.exists()

    item.get_by_role("link", name="打开修改").click()
    expect(page.get_by_label("谈话内容")).to_have_value("忘了选主题。")
    page.get_by_label("学习").check()
    page.get_by_role("button", name="保存谈心记录").click()
    expect(page.get_by_text("与张思琪的谈心记录已保存。")).to_be_visible()
    assert Talk.objects.get().content == "忘了选主题。"
    page.goto(f"{live_server.url}/offline/outbox/")
    expect(page.get_by_test_id("outbox-empty")).to_be_visible()


def test_two_tabs_coming_back_online_together_upload_each_item_once(page: Page, context, live_server, world, log_in):
    log_in("head1", next_path="/care/my-week/")
    _kept(page)
    context.set_offline(True)
    _talk_offline(page, live_server, world.child_1)
    expect(page.get_by_test_id("offline-banner")).to_be_visible()
    other = context.new_page()
    other.goto(f"{live_server.url}/offline/outbox/")
    expect(other.get_by_test_id("outbox-item")).to_have_count(1)

    context.set_offline(False)
    for tab in (page, other):
        tab.evaluate("window.dispatchEvent(new Event('online'))")
    expect(other.get_by_test_id("outbox-empty")).to_be_visible(timeout=30_000)
    assert Talk.objects.count() == 1


def test_my_week_updates_when_the_offline_talk_lands(page: Page, context, live_server, world, log_in):
    norms_restore_defaults(school=world.school)
    page.set_viewport_size(PHONE)
    log_in("head1", next_path="/care/my-week/")
    _kept(page)
    talk_due = (
        page.get_by_test_id("overdue")
        .locator(f'[data-child="{world.child_1.pk}"]')
        .get_by_role("link", name="记录谈心")
    )
    expect(talk_due).to_have_count(1)
    context.set_offline(True)
    _talk_offline(page, live_server, world.child_1)
    expect(page.get_by_test_id("offline-banner")).to_be_visible()
    page.goto(f"{live_server.url}/care/my-week/")  # the kept copy: the talk has not landed yet
    expect(talk_due).to_have_count(1)

    context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(talk_due).to_have_count(0, timeout=30_000)  # uploaded, and my week shown again from the server
    expect(page.get_by_test_id("outbox-uploaded")).to_have_text("本机的 1 条记录已上传。")
    assert Talk.objects.count() == 1
