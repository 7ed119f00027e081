"""The archive keeper imports a roster with two bad rows: the preview names them, the keeper downloads the
file with the errors marked, fixes it as in Excel, uploads it again and confirms. Tasks run as they do in
production (config.task_backend.ThreadBackend): each step may pass through the progress page first."""

import datetime

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from children.models import Child
from tests.guardians.roster_files import roster_row, xlsx_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_archive_keeper_fixes_two_bad_rows_in_the_error_workbook_and_imports_the_roster(
    page: Page, live_server, world, screenshot_dir, tmp_path, log_in, settings
):
    settings.TASKS = {"default": {"BACKEND": "config.task_backend.ThreadBackend"}}
    waited = 60_000  # the progress page follows the background work, then goes on
    rows = [roster_row(n) for n in range(1, 11)]
    rows[2]["性别"] = "未知"  # file row 4
    rows[6]["出生日期"] = "2016-13-45"  # file row 8
    roster = tmp_path / "三年级花名册.xlsx"
    roster.write_bytes(xlsx_bytes(rows))

    log_in("keeper1")
    page.goto(f"{live_server.url}/guardians/roster/")
    page.get_by_label("花名册文件").set_input_files(roster)
    page.get_by_role("button", name="上传并检查").click()

    expect(page.get_by_text("有错误: 2")).to_be_visible(timeout=waited)
    expect(page.get_by_role("button", name="导入")).to_have_count(0)
    page.screenshot(path=screenshot_dir / "roster-import-two-bad-rows.png", full_page=True)
    with page.expect_download() as download:
        page.get_by_role("link", name="下载标出错误的文件").click()
    marked = tmp_path / "标出错误.xlsx"
    download.value.save_as(marked)

    # Fixed as a person would in Excel: the two red cells corrected, the error column deleted.
    book = load_workbook(marked)
    sheet = book.active
    headers = [cell.value for cell in sheet[1]]
    errors_at = len(headers)
    assert headers[-1] == "错误"
    flagged = {row[0].row for row in sheet.iter_rows(min_row=2) if row[errors_at - 1].value}
    assert flagged == {4, 8}
    sheet.cell(4, headers.index("性别") + 1).value = "女"
    sheet.cell(8, headers.index("出生日期") + 1).value = (
        datetime.date(2016, 1, 1) + datetime.timedelta(days=7)
    ).isoformat()
    sheet.delete_cols(errors_at)
    fixed = tmp_path / "三年级花名册（改正）.xlsx"
    book.save(fixed)

    page.goto(f"{live_server.url}/guardians/roster/")
    page.get_by_label("花名册文件").set_input_files(fixed)
    page.get_by_role("button", name="上传并检查").click()
    expect(page.get_by_text("有错误: 0")).to_be_visible(timeout=waited)
    expect(page.get_by_text("新增: 10")).to_be_visible()
    page.screenshot(path=screenshot_dir / "roster-import-fixed-preview.png", full_page=True)
    page.get_by_role("button", name="导入").click()

    expect(page.get_by_text("花名册已导入：新建档案 10 份，更新 0 份。")).to_be_visible(timeout=waited)
    assert Child.objects.filter(name__startswith="学生").count() == 10
    assert Child.objects.get(name="学生3").gender == "F"
