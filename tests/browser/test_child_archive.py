"""A head teacher builds an archive on a phone-sized screen: meets an ID-number error, corrects it,
saves, and opens the printable contact card."""

import datetime
import re

import pytest
from playwright.sync_api import Page, expect

from children.models import Child
from tests.factories import make_id_number

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_head_teacher_creates_a_child_corrects_the_id_and_prints_the_card(
    page: Page, live_server, world, screenshot_dir, log_in
):
    birth = datetime.date(2017, 3, 15)
    good_id = make_id_number(birth, male=True)
    bad_id = good_id[:17] + ("1" if good_id[17] != "1" else "2")

    page.set_viewport_size({"width": 390, "height": 844})
    log_in("head1")
    expect(page.get_by_role("heading", name="您好，王丽")).to_be_visible()

    page.goto(f"{live_server.url}/guardians/archive/new/")
    expect(page.get_by_role("heading", name="新建留守儿童档案")).to_be_visible()
    page.locator("#id_child-school_class").select_option(label="3年级1班")
    page.locator("#id_child-name").fill("刘子轩")
    page.locator("#id_child-gender").select_option("M")
    page.locator("#id_child-birth_date").fill(birth.isoformat())
    page.locator("#id_child-id_number").fill(bad_id)
    page.locator("#id_child-address").fill("石桥镇坪上村二组")
    page.locator("#id_child-study_level").select_option("average")
    page.locator("#id_child-personality").fill("内向，喜欢一个人看书")
    page.locator("#id_child-hobbies").fill("看书、下棋")
    page.locator("#id_parents-0-name").fill("刘建国")
    page.locator("#id_parents-0-phone").fill("138 0854 1234")
    page.locator("#id_parents-0-work_province").fill("广东")
    page.locator("#id_parents-0-work_city").fill("东莞")
    page.locator("#id_parents-0-employer").fill("长安镇五金电子厂")
    page.locator("#id_parents-1-name").fill("陈小芳")
    page.locator("#id_parents-1-phone").fill("13908541234")
    page.locator("#id_parents-1-work_province").fill("浙江")
    page.locator("#id_parents-1-work_city").fill("义乌")
    page.locator("#id_guardians-0-name").fill("刘德福")
    page.locator("#id_guardians-0-relation").select_option("grandfather")
    page.locator("#id_guardians-0-age").fill("67")
    page.locator("#id_guardians-0-phone").fill("0854-7321234")
    page.get_by_role("button", name="保存档案").click()

    expect(page.get_by_text("档案没有保存：请修改标红的栏目。")).to_be_visible()
    id_error = page.locator("#id_child-id_number").locator("xpath=..").locator(".invalid-feedback")
    expect(id_error).to_contain_text("校验码")
    expect(page.locator("#id_parents-0-employer")).to_have_value("长安镇五金电子厂")  # nothing typed is lost
    page.locator("#id_child-id_number").scroll_into_view_if_needed()
    page.screenshot(path=screenshot_dir / "archive-id-error-zh.png", full_page=True)
    assert not Child.objects.filter(name="刘子轩").exists()

    page.locator("#id_child-id_number").fill(good_id)
    page.get_by_role("button", name="保存档案").click()

    expect(page.get_by_text("刘子轩的档案已保存。")).to_be_visible()
    expect(page.get_by_text("父母均外出")).to_be_visible()
    page.screenshot(path=screenshot_dir / "archive-child-page-zh.png", full_page=True)
    child = Child.objects.get(name="刘子轩")
    assert child.parents.count() == 2 and child.guardians.count() == 1

    page.get_by_role("link", name="联系卡").click()
    expect(page).to_have_url(re.compile(rf"/guardians/card/{child.pk}/$"))
    card = page.get_by_test_id("contact-card")
    expect(card).to_contain_text("留守儿童联系卡")
    expect(card).to_contain_text("长安镇五金电子厂")
    expect(card).to_contain_text("刘德福")
    expect(card).to_contain_text(good_id[:3] + "*")
    expect(card).not_to_contain_text(good_id)
    page.screenshot(path=screenshot_dir / "contact-card-zh.png", full_page=True)
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    page.screenshot(path=screenshot_dir / "contact-card-print-zh.png", full_page=True)

    page.goto(f"{live_server.url}/guardians/cards/class/{world.class_1.pk}/")
    expect(page.get_by_test_id("contact-card")).to_have_count(2)
    page.screenshot(path=screenshot_dir / "class-contact-cards-print-zh.png", full_page=True)


def test_head_teacher_finds_a_child_by_pinyin_initials_on_the_list(
    page: Page, live_server, world, screenshot_dir, log_in
):
    from children.pinyin import set_name_pinyin

    set_name_pinyin(world.child_1)
    world.child_1.save()
    page.set_viewport_size({"width": 390, "height": 844})
    log_in("head1")

    page.goto(f"{live_server.url}/children/")
    expect(page.get_by_role("heading", name="儿童档案")).to_be_visible()
    expect(page.get_by_test_id("count-children")).to_have_text("1")
    page.get_by_label("姓名或拼音首字母").fill("zsq")
    page.get_by_role("button", name="搜索").click()
    expect(page.get_by_test_id("child-list")).to_contain_text("张思琪")
    page.screenshot(path=screenshot_dir / "child-list-search-zh.png", full_page=True)
