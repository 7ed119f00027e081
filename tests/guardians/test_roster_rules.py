"""Every check of a roster row, with its message in English and in Chinese."""

import datetime

import pytest
from django.utils import timezone, translation

from guardians import roster
from tests.factories import make_id_number

CLASSES = {(3, 1): 101, (3, 2): 102}
BIRTH = datetime.date(2016, 5, 4)
GIRL_ID = make_id_number(BIRTH, male=False)


def _errors(raw: dict, language: str) -> list:
    base = {"school_class": "3-1", "name": "陈雨桐", "gender": "女", "birth_date": BIRTH.isoformat()}
    with translation.override(language):
        _values, errors = roster.clean_row({**base, **raw}, CLASSES)
    return errors


RULES = [
    ({"id_number": "52042220160504002"}, "id_number", "An ID number has 18 characters", "身份证号"),
    ({"id_number": GIRL_ID[:-1] + ("0" if GIRL_ID[-1] != "0" else "1")}, "id_number", "check digit", "校验"),
    ({"id_number": make_id_number(BIRTH, male=True)}, "gender", "does not match the ID number", "身份证号"),
    (
        {"id_number": make_id_number(BIRTH + datetime.timedelta(days=1), male=False)},
        "birth_date",
        "does not match the ID number",
        "身份证号",
    ),
    ({"id_number": 5.2042220160504e17}, "id_number", "stored as a number", "文本"),
    ({"birth_date": "2016-13-40"}, "birth_date", "is not a date", "不是日期"),
    ({"birth_date": (timezone.localdate() + datetime.timedelta(days=3)).isoformat()}, "birth_date", "future", "将来"),
    ({"gender": "男女"}, "gender", "is not one of the choices", "不是可选的"),
    ({"school_class": "三年级五班"}, "school_class", "The school has no class 3-5", "没有"),
    ({"school_class": "302室"}, "school_class", "is not a class", "不是班级"),
    ({"is_boarding": "也许"}, "is_boarding", "neither 是 nor 否", "是"),
    ({"father_phone": "1381234"}, "father_phone", "is not a phone number", "电话"),
    ({"guardian_name": "王桂兰", "guardian_relation": "祖母", "guardian_age": "8"}, "guardian_age", "between 14", "14"),
    (
        {"guardian_age": "abc", "guardian_name": "王桂兰", "guardian_relation": "祖母"},
        "guardian_age",
        "whole number",
        "整数",
    ),
    ({"guardian_name": "王桂兰"}, "guardian_relation", "related to the child", "关系"),
    ({"guardian_phone": "13812345678"}, "guardian_name", "guardian's name is missing", "监护人姓名"),
    ({"is_key_help": "是"}, "key_help_reason", "reason why this child needs key help", "原因"),
    ({"name": ""}, "name", "must be filled in", "必须填写"),
    ({"name": "名" * 51}, "name", "At most 50 characters", "最多"),
]


@pytest.mark.parametrize(("raw", "column", "english", "chinese"), RULES)
def test_each_rule_names_the_column_and_says_what_is_wrong_in_both_languages(raw, column, english, chinese):
    english_errors = _errors(raw, "en")
    chinese_errors = _errors(raw, "zh-hans")
    assert [e[0] for e in english_errors] == [column]
    assert english in english_errors[0][1]
    assert chinese in chinese_errors[0][1]
    assert english_errors[0][1] != chinese_errors[0][1]


def test_a_good_row_has_no_error():
    assert _errors({"id_number": GIRL_ID, "father_phone": "138 1234 5678"}, "en") == []


@pytest.mark.parametrize(
    "typed", ["2015-03-04", "2015/3/4", "2015.3.4", "20150304", "2015年3月4日", 42067, "42067", 42067.0]
)
def test_dates_are_read_as_people_type_them(typed):
    assert roster.parse_date(typed) == datetime.date(2015, 3, 4)


@pytest.mark.parametrize(
    ("typed", "grade_number"),
    [("三年级2班", (3, 2)), ("3年级(2)班", (3, 2)), ("3年级（2）班", (3, 2)), ("3-2", (3, 2)), ("三(2)班", (3, 2)),
     ("六年级十班", (6, 10)), ("1年级12班", (1, 12))],
)  # fmt: skip
def test_classes_are_read_as_schools_write_them(typed, grade_number):
    assert roster.parse_class(typed) == grade_number


def test_phones_are_tidied_to_digits():
    assert roster.parse_phone("+86 138-1234-5678") == "13812345678"
    assert roster.parse_phone(13812345678.0) == "13812345678"


@pytest.mark.parametrize(
    ("header", "key"),
    [("姓名", "name"), ("学生姓名", "name"), ("身份证号", "id_number"), ("身份证号码", "id_number"),
     ("班级", "school_class"), ("年级班级", "school_class"), ("出生年月", "birth_date"), ("* 性别", "gender"),
     ("家长意见", "")],
)  # fmt: skip
def test_the_mapping_suggestion_knows_common_header_spellings(header, key):
    assert roster.suggest_mapping([header]) == [key]
