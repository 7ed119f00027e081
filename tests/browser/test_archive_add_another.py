"""On a phone, a head teacher adds a second guardian and an emergency contact to a new archive in place."""

import datetime

import pytest
from playwright.sync_api import Page, expect

from children.models import Child
from tests.factories import make_id_number

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_head_teacher_adds_another_guardian_and_contact_on_a_phone(
    page: Page, live_server, world, screenshot_dir, log_in
):
    birth = datetime.date(2017, 3, 15)
    page.set_viewport_size({"width": 360, "height": 780})
    log_in("head1", next_path="/guardians/archive/new/")
    expect(page.get_by_role("heading", name="新建留守儿童档案")).to_be_visible()
    page.locator("#id_child-school_class").select_option(label="3年级1班")
    page.locator("#id_child-name").fill("刘子轩")
    page.locator("#id_child-gender").select_option("M")
    page.locator("#id_child-birth_date").fill(birth.isoformat())
    page.locator("#id_child-id_number").fill(make_id_number(birth, male=True))
    page.locator("#id_child-address").fill("石桥镇坪上村二组")
    page.locator("#id_child-study_level").select_option("average")
    page.locator("#id_child-personality").fill("内向")
    page.locator("#id_child-hobbies").fill("看书")
    page.locator("#id_guardians-0-name").fill("刘德福")
    page.locator("#id_guardians-0-relation").select_option("grandfather")

    add_guardian = page.get_by_test_id("add-guardians")
    add_guardian.click()
    expect(page.get_by_test_id("guardians-1")).to_contain_text("监护人 2")
    page.locator("#id_guardians-1-name").fill("王桂兰")
    page.locator("#id_guardians-1-relation").select_option("grandmother")
    add_guardian.click()
    expect(page.get_by_test_id("guardians-2")).to_be_visible()
    expect(add_guardian).to_be_hidden()  # three guardians at most
    page.get_by_test_id("add-contacts").click()
    page.locator("#id_contacts-1-name").fill("刘建华")
    page.locator("#id_contacts-1-relation").fill("叔叔")
    page.locator("#id_contacts-1-phone").fill("13698765432")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=screenshot_dir / "archive-add-another-phone.png", full_page=True)
    page.get_by_role("button", name="保存档案").click()

    expect(page.get_by_text("刘子轩的档案已保存")).to_be_visible()
    child = Child.objects.get(name="刘子轩")
    assert sorted(child.guardians.values_list("name", flat=True)) == ["刘德福", "王桂兰"]
    assert list(child.emergency_contacts.values_list("name", flat=True)) == ["刘建华"]
