"""An archive keeper records a safety lecture, adds a whole class and a photo, and finds it on a child's page."""

from io import BytesIO

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from tests.factories import ChildFactory, iso_day

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _photo(path):
    image = Image.new("RGB", (800, 600), (120, 180, 230))
    out = BytesIO()
    image.save(out, "JPEG")
    path.write_bytes(out.getvalue())
    return path


def test_archive_keeper_records_a_lecture_with_a_class_and_a_photo(
    page: Page, live_server, world, screenshot_dir, settings, tmp_path, log_in
):
    settings.MEDIA_ROOT = tmp_path / "media"
    classmate = ChildFactory(school_class=world.class_1, name="刘子轩")
    page.set_viewport_size({"width": 390, "height": 844})

    log_in("keeper1")

    page.goto(f"{live_server.url}/activities/new/")
    page.get_by_label("类型").select_option(label="专题讲座")
    page.get_by_label("讲座主题").select_option(label="安全教育")
    page.get_by_label("标题").fill("防溺水安全教育讲座")
    page.get_by_label("日期").fill(iso_day(-10))
    page.get_by_label("地点").fill("学校礼堂")
    page.get_by_label("合作单位").fill("县消防救援大队")
    page.screenshot(path=screenshot_dir / "activity-lecture-form.png", full_page=True)
    page.get_by_role("button", name="保存").click()

    expect(page.get_by_text("请添加参加的儿童")).to_be_visible()
    page.get_by_role("button", name="添加3年级1班全部儿童").click()
    expect(page.get_by_text("已添加 2 名3年级1班的儿童。")).to_be_visible()
    attending = page.get_by_test_id("attending")
    expect(attending).to_contain_text("张思琪")
    expect(attending).to_contain_text("刘子轩")
    expect(attending).not_to_contain_text("李浩然")
    page.screenshot(path=screenshot_dir / "activity-lecture-attendance.png", full_page=True)

    page.get_by_role("link", name="完成").click()
    page.get_by_label("照片或资料").set_input_files(_photo(tmp_path / "讲座现场.jpg"))
    page.get_by_label("说明").fill("讲座现场")
    page.get_by_role("button", name="上传").click()
    expect(page.get_by_text("文件已上传。")).to_be_visible()
    thumbnail = page.get_by_test_id("evidence").get_by_role("img", name="讲座现场")
    expect(thumbnail).to_be_visible()
    assert thumbnail.evaluate("img => img.naturalWidth") == 320
    expect(page.get_by_test_id("attendance")).to_contain_text("刘子轩")
    page.screenshot(path=screenshot_dir / "activity-lecture-detail.png", full_page=True)

    page.goto(f"{live_server.url}/children/{classmate.pk}/")
    timeline = page.get_by_test_id("timeline")
    expect(timeline).to_contain_text("防溺水安全教育讲座")
    expect(timeline).to_contain_text("专题讲座：安全教育")
    page.screenshot(path=screenshot_dir / "activity-lecture-child-timeline.png", full_page=True)
