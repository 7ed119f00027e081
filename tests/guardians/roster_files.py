"""Roster workbooks for tests and the bench: rows of the template's columns, written as .xlsx or .csv."""

import csv
import datetime
import io

from openpyxl import Workbook

from guardians.roster import COLUMNS
from tests.factories import make_id_number

HEADERS = [c.header for c in COLUMNS]


def roster_row(n: int, *, class_text: str = "3-1", birth: datetime.date | None = None, **overrides) -> dict:
    """One child's row, header -> value; child n gets its own ID number and phones."""
    birth = birth or datetime.date(2016, 1, 1) + datetime.timedelta(days=n % 900)
    male = n % 2 == 0
    row = {
        "班级": class_text,
        "姓名": f"学生{n}",
        "性别": "男" if male else "女",
        "出生日期": birth.isoformat(),
        "身份证号": make_id_number(birth, male=male, seq=n % 100),
        "民族": "汉族",
        "家庭住址（村）": "石桥镇杉木村三组",
        "是否寄宿": "否",
        "认定日期": "2025-09-01",
        "家庭困难情况": "无",
        "重点帮扶": "否",
        "父亲姓名": f"父亲{n}",
        "父亲情况": "外出务工",
        "父亲电话": f"138{n:08d}",
        "父亲务工省份": "广东",
        "父亲务工城市": "东莞",
        "父亲工作单位": "电子厂",
        "父亲外出时间": "2019/2/15",
        "母亲姓名": f"母亲{n}",
        "母亲情况": "外出务工",
        "母亲电话": f"139{n:08d}",
        "母亲务工省份": "浙江",
        "母亲务工城市": "义乌",
        "母亲外出时间": "2020.3.1",
        "监护人姓名": f"奶奶{n}",
        "监护人关系": "祖母",
        "监护人年龄": 68,
        "监护人电话": "0854-7321234",
        "监护人文化程度": "小学",
    }
    row.update(overrides)
    return row


def xlsx_bytes(rows: list[dict], *, headers=HEADERS, title: str | None = None) -> bytes:
    book = Workbook()
    sheet = book.active
    if title:
        sheet.append([title])
    sheet.append(list(headers))
    for row in rows:
        sheet.append([row.get(h) for h in headers])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(rows: list[dict], *, headers=HEADERS) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([row.get(h, "") for h in headers])
    return out.getvalue().encode("utf-8-sig")


EXAM_HEADERS = ["姓名", "身份证号", "总分", "班级排名", "语文", "数学", "英语"]


def exam_sheet_bytes(rows: list[list], *, headers=EXAM_HEADERS, title: str | None = None) -> bytes:
    """A class's exam sheet (成绩表): `rows` are lists of cells under `headers`."""
    book = Workbook()
    sheet = book.active
    if title:
        sheet.append([title])
    sheet.append(list(headers))
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
