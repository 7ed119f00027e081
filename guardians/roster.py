"""The roster (花名册) as a spreadsheet: its columns, the template, reading an uploaded file and checking
every row without writing. Writing is in guardians.roster_services."""

import io
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import xlsxwriter
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from children.models import NOTES_MAX_LENGTH, Child, Gender, PovertyStatus
from guardians import spreadsheets
from guardians.models import GUARDIAN_AGE_MAX, GUARDIAN_AGE_MIN, Guardian, Parent
from guardians.spreadsheets import MAX_ROWS, PROGRESS_EVERY, SpreadsheetFileError, Table
from organisation import exports as list_exports
from organisation.roles import Capability
from organisation.validators import normalize_phone, parse_resident_id, validate_person_name, validate_phone

YES_NO = "yes_no"
DATE = "date"
TEXT = "text"
INTEGER = "integer"
PHONE = "phone"
ID = "id"
CLASS = "class"


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # the Chinese header the template writes
    label: object  # lazy English label (translated when shown)
    kind: str = TEXT
    choices: type | None = None
    aliases: tuple[str, ...] = ()
    required: bool = False
    max_length: int = 0
    example: str = ""
    validators: tuple = ()  # the forms' validators of the same field, run on the cleaned text


# An alias the message extractor does not read: its f-string sources are spelled out in _PARENT_LABELS below.
_label_of = gettext_lazy


def _parent_columns(relation: str, zh: str, label: str, example: dict) -> list[Column]:
    p = relation
    return [
        Column(
            f"{p}_name",
            f"{zh}姓名",
            _label_of(f"{label}'s name"),
            max_length=50,
            example=example["name"],
            validators=(validate_person_name,),
        ),
        Column(
            f"{p}_situation",
            f"{zh}情况",
            _label_of(f"{label}'s situation"),
            choices=Parent.Situation,
            example=example["situation"],
        ),
        Column(f"{p}_phone", f"{zh}电话", _label_of(f"{label}'s phone"), kind=PHONE, example=example["phone"]),
        Column(
            f"{p}_work_province",
            f"{zh}务工省份",
            _label_of(f"{label} works in (province)"),
            max_length=20,
            example=example["province"],
        ),
        Column(
            f"{p}_work_city",
            f"{zh}务工城市",
            _label_of(f"{label} works in (city)"),
            max_length=30,
            example=example["city"],
        ),
        Column(
            f"{p}_employer",
            f"{zh}工作单位",
            _label_of(f"{label}'s employer"),
            max_length=100,
            example=example["employer"],
        ),
        Column(
            f"{p}_away_since",
            f"{zh}外出时间",
            _label_of(f"{label} away since"),
            kind=DATE,
            example=example["since"],
        ),
    ]


# _label_of(f"...") above is not found by a message extractor; the English sources are spelled out
# here so each has its catalog entry.
_PARENT_LABELS = [
    gettext_lazy("Father's name"), gettext_lazy("Father's situation"), gettext_lazy("Father's phone"),
    gettext_lazy("Father works in (province)"), gettext_lazy("Father works in (city)"),
    gettext_lazy("Father's employer"), gettext_lazy("Father away since"),
    gettext_lazy("Mother's name"), gettext_lazy("Mother's situation"), gettext_lazy("Mother's phone"),
    gettext_lazy("Mother works in (province)"), gettext_lazy("Mother works in (city)"),
    gettext_lazy("Mother's employer"), gettext_lazy("Mother away since"),
]  # fmt: skip

COLUMNS: list[Column] = [
    Column("school_class", "班级", gettext_lazy("Class"), kind=CLASS, required=True,
           aliases=("年级班级", "所在班级", "班别", "年级"), example="三年级2班"),
    Column("name", "姓名", gettext_lazy("Name"), required=True, max_length=50,
           aliases=("学生姓名", "儿童姓名", "留守儿童姓名"), example="陈雨桐", validators=(validate_person_name,)),
    Column("gender", "性别", gettext_lazy("Gender"), choices=Gender, required=True, example="女"),
    Column("birth_date", "出生日期", gettext_lazy("Date of birth"), kind=DATE, required=True,
           aliases=("出生年月", "出生年月日", "生日"), example="2016-05-04"),
    Column("id_number", "身份证号", gettext_lazy("Resident ID number"), kind=ID,
           aliases=("身份证号码", "公民身份号码", "身份证"), example="522701201605040021"),
    Column("ethnicity", "民族", gettext_lazy("Ethnicity"), max_length=20, example="汉族"),
    Column("address", "家庭住址（村）", gettext_lazy("Village"), max_length=200,
           aliases=("家庭住址", "住址", "村组", "村"), example="石桥镇杉木村三组"),
    Column("is_boarding", "是否寄宿", gettext_lazy("Boarding"), kind=YES_NO, aliases=("寄宿", "住校"), example="否"),
    Column("identified_on", "认定日期", gettext_lazy("Date identified"), kind=DATE,
           aliases=("建档日期",), example="2025-09-01"),
    Column("poverty_status", "家庭困难情况", gettext_lazy("Poverty or difficulty"), choices=PovertyStatus,
           aliases=("困难类型", "贫困情况"), example="无"),
    Column("is_key_help", "重点帮扶", gettext_lazy("Key-help child"), kind=YES_NO,
           aliases=("是否重点帮扶",), example="否"),
    Column("key_help_reason", "重点帮扶原因", gettext_lazy("Key-help reason"), max_length=200,
           aliases=("帮扶原因",)),
    *_parent_columns("father", "父亲", "Father", {
        "name": "陈建军", "situation": "外出务工", "phone": "13812345678", "province": "广东", "city": "东莞",
        "employer": "长安镇电子厂", "since": "2019-02-15"}),
    *_parent_columns("mother", "母亲", "Mother", {
        "name": "刘小芳", "situation": "外出务工", "phone": "13912345678", "province": "浙江", "city": "义乌",
        "employer": "", "since": "2020-03-01"}),
    Column("guardian_name", "监护人姓名", gettext_lazy("Guardian's name"), max_length=50,
           aliases=("委托监护人姓名", "临时监护人姓名", "监护人"), example="王桂兰",
           validators=(validate_person_name,)),
    Column("guardian_relation", "监护人关系", gettext_lazy("Guardian's relation"), choices=Guardian.Relation,
           aliases=("与儿童关系", "监护人与儿童关系"), example="祖母"),
    Column("guardian_age", "监护人年龄", gettext_lazy("Guardian's age"), kind=INTEGER, example="68"),
    Column("guardian_phone", "监护人电话", gettext_lazy("Guardian's phone"), kind=PHONE,
           aliases=("监护人联系电话",), example="0854-7321234"),
    Column("guardian_education", "监护人文化程度", gettext_lazy("Guardian's education"),
           choices=Guardian.Education, aliases=("监护人学历",), example="小学"),
    Column("notes", "备注", gettext_lazy("Notes"), max_length=NOTES_MAX_LENGTH, example=""),
]  # fmt: skip
BY_KEY = {c.key: c for c in COLUMNS}
PARENT_FIELDS = ["name", "situation", "phone", "work_province", "work_city", "employer", "away_since"]
GUARDIAN_FIELDS = ["name", "relation", "age", "phone", "education"]
CHILD_FIELDS = [
    "school_class", "name", "gender", "birth_date", "id_number", "ethnicity", "address", "is_boarding",
    "identified_on", "poverty_status", "is_key_help", "key_help_reason", "notes",
]  # fmt: skip


_HEADER_INDEX: dict[str, str] = spreadsheets.header_index(COLUMNS)


def suggest_mapping(headers: list[str]) -> list[str]:
    """For each header of the file, the roster column it most likely is ("" when none); each column once."""
    return spreadsheets.suggest_mapping(headers, _HEADER_INDEX)


def choice_labels(choices) -> list[str]:
    """The Chinese labels a school types, in the order of the choices."""
    with translation.override("zh-hans"):
        return [str(label) for _value, label in choices.choices]


# --- The template ---------------------------------------------------------------------------------


def roster_template() -> bytes:
    """The roster template: headers, an example row, drop-downs fed from a hidden sheet, instructions."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    bold = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
    text = book.add_format({"num_format": "@"})
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet = book.add_worksheet("花名册")
    lists = book.add_worksheet("选项")
    notes = book.add_worksheet("填写说明")
    lists.hide()

    list_column = 0
    for index, column in enumerate(COLUMNS):
        sheet.write_string(0, index, column.header, bold)
        sheet.set_column(index, index, 14, day if column.kind == DATE else text)
        example = column.example
        if example:
            sheet.write_string(1, index, example)
        options = None
        if column.choices is not None:
            options = choice_labels(column.choices)
        elif column.kind == YES_NO:
            options = ["是", "否"]
        if options:
            lists.write_string(0, list_column, column.header)
            for r, option in enumerate(options, start=1):
                lists.write_string(r, list_column, option)
            letter = xlsxwriter.utility.xl_col_to_name(list_column)
            sheet.data_validation(
                1,
                index,
                MAX_ROWS + 10,
                index,
                {
                    "validate": "list",
                    "source": f"=选项!${letter}$2:${letter}${len(options) + 1}",
                    "error_title": "请从列表中选择",
                    "error_message": "请从下拉列表中选择一项。",
                },
            )
            list_column += 1
    sheet.freeze_panes(1, 0)

    notes.set_column(0, 0, 100)
    for r, line in enumerate(_INSTRUCTIONS):
        notes.write_string(r, 0, line, bold if r == 0 else None)
    book.close()
    return out.getvalue()


_INSTRUCTIONS = [
    "留守儿童花名册填写说明",
    "1. 在“花名册”工作表中每行填写一名儿童；第二行是示例，导入前请删除或改成真实儿童。",
    "2. 班级、姓名、性别、出生日期必填。班级可写作“三年级2班”“3年级(2)班”“3-2”或“三(2)班”。",
    "3. 日期可写作 2015-03-04、2015/3/4、2015.3.4 或 20150304。",
    "4. 身份证号请按文本填写 18 位，末位可以是 X；出生日期和性别须与身份证号一致。",
    "5. 带下拉箭头的列请从列表中选择。",
    "6. 电话填写 11 位手机号，或带区号的固定电话，如 0851-8123456。",
    "7. 再次导入时按身份证号（没有身份证号时按姓名、出生日期和班级）找到已有档案并更新；"
    "空白单元格不会清除档案中已有的内容。",
    "8. 花名册中没有、但系统中有的儿童不会被删除；预览页可以选择把他们标记为转学或毕业。",
]


# --- Reading a file (guardians.spreadsheets: the checks every import shares) ------------------------

RosterFileError = SpreadsheetFileError
MAX_BYTES = spreadsheets.MAX_BYTES
read_table = spreadsheets.read_table
_cell_text = spreadsheets.cell_text


def find_table(cells: list[list]) -> Table:
    return spreadsheets.find_table(
        cells,
        _HEADER_INDEX,
        no_header=_("No header row was found: the first rows should name the columns, such as 班级, 姓名 and 性别."),
    )


def read_roster(data: bytes, file_name: str) -> Table:
    """The roster on whichever sheet of the workbook has its header."""
    return find_table(spreadsheets.find_sheet(spreadsheets.read_sheets(data, file_name), _HEADER_INDEX)[1])


# --- Values as people type them ---------------------------------------------------------------------


_DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_DATE_DIGITS = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_CN_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def parse_date(value) -> date:
    """A date as people type it: 2015-03-04, 2015/3/4, 2015.3.4, 2015年3月4日, 20150304, an Excel serial."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _cell_text(value)
    match = _DATE_TEXT.match(text) or _DATE_DIGITS.match(text)
    try:
        if match:
            return date(*(int(g) for g in match.groups()))
        if re.fullmatch(r"\d{1,5}(\.\d+)?", text) and 1 <= float(text) < 80000:
            return list_exports.EXCEL_EPOCH.date() + timedelta(days=int(float(text)))
    except ValueError:
        pass
    raise ValidationError(
        _("“%(value)s” is not a date: write it as 2015-03-04."), code="bad_date", params={"value": text}
    )


def _number(text: str) -> int:
    if text.isascii() and text.isdecimal():
        return int(text)
    if text in _CN_DIGITS:
        return _CN_DIGITS[text]
    if text.startswith("十"):
        return 10 + (_CN_DIGITS[text[1]] if len(text) > 1 else 0)
    if len(text) >= 2 and text[1] == "十":
        return _CN_DIGITS[text[0]] * 10 + (_CN_DIGITS[text[2]] if len(text) > 2 else 0)
    raise KeyError(text)


_CLASS_TEXT = re.compile(
    r"^(?P<grade>[\d一二三四五六七八九]+)\s*(?:年级)?\s*[-—.·（(]?\s*(?P<number>[\d一二三四五六七八九十两]+)\s*[)）]?\s*班?$"
)


def parse_class(text: str) -> tuple[int, int]:
    """(grade, number) from a class as schools write it: 三年级2班, 3年级(2)班, 3-2, 三(2)班, 302 is not one."""
    text = _cell_text(text).replace(" ", "")
    match = _CLASS_TEXT.match(text)
    if match and ("年级" in text or "-" in text or "(" in text or "（" in text or "班" in text or "." in text):
        try:
            return _number(match["grade"]), _number(match["number"])
        except (KeyError, IndexError):
            pass
    raise ValidationError(
        _("“%(value)s” is not a class: write it as 三年级2班 or 3-2."), code="bad_class", params={"value": text}
    )


def parse_yes_no(value) -> bool:
    text = _cell_text(value).lower()
    if text in ("是", "yes", "y", "1", "√", "true", "有"):
        return True
    if text in ("否", "no", "n", "0", "×", "false", "无", "没有"):
        return False
    raise ValidationError(_("“%(value)s” is neither 是 nor 否."), code="bad_yes_no", params={"value": text})


def parse_choice(value, choices) -> str:
    text = _cell_text(value)
    for label_value, english in choices.choices:
        if text in (label_value, str(english)):
            return label_value
    for label_value, chinese in zip(choices.values, choice_labels(choices), strict=True):
        if text == chinese:
            return label_value
    raise ValidationError(
        _("“%(value)s” is not one of the choices: %(choices)s."),
        code="bad_choice",
        params={"value": text, "choices": "、".join(choice_labels(choices))},
    )


def _digits_text(value) -> str:
    """Full-width digits and letters (１３８…, Ｘ) as the ASCII ones they are (NFKC)."""
    return unicodedata.normalize("NFKC", _cell_text(value))


def parse_phone(value) -> str:
    text = _digits_text(value)
    validate_phone(text)
    return normalize_phone(text)


_SCIENTIFIC = re.compile(r"^[+-]?\d+(\.\d*)?[eE][+-]?\d+$")


def parse_id(value) -> str:
    """An ID typed as text. A number cell (or its scientific notation in a CSV, 5.22701E+17) keeps only 15
    digits: what is left is not what was typed, and one in eleven such numbers still has a valid check digit."""
    text = _digits_text(value)
    if (isinstance(value, int | float) and not isinstance(value, bool)) or _SCIENTIFIC.match(text):
        raise ValidationError(
            _("The ID number was stored as a number: format the column as text and type the ID numbers again."),
            code="id_as_number",
        )
    return parse_resident_id(text).number


def parse_integer(value) -> int:
    text = _cell_text(value)
    if not re.fullmatch(r"\d{1,4}", text):
        raise ValidationError(_("“%(value)s” is not a whole number."), code="bad_integer", params={"value": text})
    return int(text)


_SAMPLE_LENGTH = 100


def _sample(value) -> str:
    """The cell as the error list shows it: a long cell cut short, so that a huge cell is not copied around."""
    text = _cell_text(value)
    return text if len(text) <= _SAMPLE_LENGTH else f"{text[:_SAMPLE_LENGTH]}…"


def _message(error: ValidationError) -> str:
    return " ".join(str(m) for m in error.messages)


# --- Checking every row ----------------------------------------------------------------------------


@dataclass
class RowResult:
    row: int
    values: dict  # column key -> cleaned value (dates as ISO text), only non-blank cells
    errors: list  # [column key, message, raw value]
    status: str = "new"  # new / changed / unchanged / error
    match: int | None = None  # the existing child's pk
    changes: list = field(default_factory=list)  # [label, old, new]

    def as_json(self) -> dict:
        return {
            "row": self.row,
            "values": self.values,
            "errors": self.errors,
            "status": self.status,
            "match": self.match,
            "changes": self.changes,
        }


def clean_row(raw: dict, classes: dict[tuple[int, int], int]) -> tuple[dict, list]:
    """Clean one row's non-blank cells (column key -> raw value); returns (values, errors)."""
    values, errors = {}, []

    def fail(key, error):
        errors.append([key, _message(error) if isinstance(error, ValidationError) else str(error), _sample(raw[key])])

    for key, cell in raw.items():
        column = BY_KEY[key]
        if not _cell_text(cell):
            continue
        try:
            spreadsheets.refuse_formula(cell)
            if column.choices is not None:
                values[key] = parse_choice(cell, column.choices)
            elif column.kind == DATE:
                day = parse_date(cell)
                if day > timezone.localdate():
                    raise ValidationError(_("%(date)s is in the future."), params={"date": day.isoformat()})
                values[key] = day.isoformat()
            elif column.kind == YES_NO:
                values[key] = parse_yes_no(cell)
            elif column.kind == PHONE:
                values[key] = parse_phone(cell)
            elif column.kind == ID:
                values[key] = parse_id(cell)
            elif column.kind == INTEGER:
                values[key] = parse_integer(cell)
            elif column.kind == CLASS:
                grade_number = parse_class(cell)
                if grade_number not in classes:
                    raise ValidationError(
                        _("The school has no class %(grade)d-%(number)d."),
                        params={"grade": grade_number[0], "number": grade_number[1]},
                    )
                values[key] = classes[grade_number]
            else:
                text = _cell_text(cell)
                if column.max_length and len(text) > column.max_length:
                    raise ValidationError(
                        _("At most %(max)d characters; this has %(count)d."),
                        params={"max": column.max_length, "count": len(text)},
                    )
                for validator in (ProhibitNullCharactersValidator(), *column.validators):
                    validator(spreadsheets.restore_nul(text))
                values[key] = text
        except ValidationError as error:
            fail(key, error)
    failed = {e[0] for e in errors}
    for column in COLUMNS:
        if column.required and column.key not in values and column.key not in failed:
            errors.append([column.key, _("This column must be filled in."), ""])
    if "id_number" in values:
        resident = parse_resident_id(values["id_number"])
        if "birth_date" in values and resident.birth_date.isoformat() != values["birth_date"]:
            errors.append(
                ["birth_date", _("The date of birth does not match the ID number."), _cell_text(raw["birth_date"])]
            )
        if "gender" in values and (values["gender"] == Gender.MALE) != resident.is_male:
            errors.append(["gender", _("The gender does not match the ID number."), _cell_text(raw["gender"])])
    if "guardian_age" in values and not GUARDIAN_AGE_MIN <= values["guardian_age"] <= GUARDIAN_AGE_MAX:
        errors.append(
            ["guardian_age", _("A guardian's age must be between 14 and 110."), _cell_text(raw["guardian_age"])]
        )
    if values.get("is_key_help") and not values.get("key_help_reason"):
        errors.append(["key_help_reason", _("Give the reason why this child needs key help."), ""])
    if (
        any(k.startswith("guardian_") for k in values)
        and not values.get("guardian_name")
        and "guardian_name" not in failed
    ):
        errors.append(["guardian_name", _("The guardian's name is missing."), ""])
    if values.get("guardian_name") and not values.get("guardian_relation") and "guardian_relation" not in failed:
        errors.append(["guardian_relation", _("Say how the guardian is related to the child."), ""])
    return values, errors


def check_rows(table_rows: list, mapping: list[str], school, progress=None) -> list[RowResult]:
    """Clean every row, then match it to the school's children and find duplicates; nothing is written.
    `progress(rows done)` is called every few hundred rows (spreadsheets.PROGRESS_EVERY)."""
    classes = {(c.grade, c.number): c.pk for c in school.classes.all()}
    results = []
    for i, (number, cells) in enumerate(table_rows):
        if progress is not None and i and i % PROGRESS_EVERY == 0:
            progress(i)
        raw = {key: cells[i] if i < len(cells) else None for i, key in enumerate(mapping) if key}
        values, errors = clean_row(raw, classes)
        results.append(RowResult(row=number, values=values, errors=errors))

    ids = {r.values["id_number"] for r in results if r.values.get("id_number")}
    elsewhere = set(
        Child.objects.filter(school__district_id=school.district_id, id_number__in=ids)
        .exclude(school=school)
        .values_list("id_number", flat=True)
    )
    existing = list(Child.objects.filter(school=school).prefetch_related("parents", "guardians"))
    labels = {c.pk: c.label for c in school.classes.all()}
    by_id = {c.id_number: c for c in existing if c.id_number}
    by_name = {(c.name, c.birth_date.isoformat(), c.school_class_id): c for c in existing}
    seen_ids, seen_names = {}, {}
    for result in results:
        v = result.values
        if v.get("id_number"):
            first = seen_ids.setdefault(v["id_number"], result.row)
            if first != result.row:
                result.errors.append(
                    ["id_number", _("The same ID number is already on row %(row)d.") % {"row": first}, v["id_number"]]
                )
            if v["id_number"] in elsewhere:  # one child, one archive in the district: a move is a transfer
                result.errors.append(
                    [
                        "id_number",
                        _("This child already has an archive at another school of the district: transfer it first."),
                        v["id_number"],
                    ]
                )
            child = by_id.get(v["id_number"])
        else:
            key = (v.get("name"), v.get("birth_date"), v.get("school_class"))
            first = seen_names.setdefault(key, result.row) if all(key) else result.row
            if first != result.row:
                message = _("The same child (name, date of birth, class) is already on row %(row)d.")
                result.errors.append(["name", message % {"row": first}, v.get("name", "")])
            child = by_name.get(key)
        if result.errors:
            result.status = "error"
            continue
        if child is None:
            result.status = "new"
            continue
        result.match = child.pk
        result.changes = differences(child, v, labels)
        result.status = "changed" if result.changes else "unchanged"
    return results


def _shown(value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def child_values(values: dict) -> dict:
    """Model field -> value of the child's own columns."""
    out = {}
    for key in CHILD_FIELDS:
        if key in values:
            out["school_class_id" if key == "school_class" else key] = values[key]
    return out


def part_values(values: dict, prefix: str, fields: list[str]) -> dict:
    return {f: values[f"{prefix}_{f}"] for f in fields if f"{prefix}_{f}" in values}


def _compare(obj, wanted: dict, prefix_label: str = "") -> list:
    changes = []
    for field_name, new in wanted.items():
        old = getattr(obj, field_name) if obj is not None else None
        if isinstance(old, date):
            old = old.isoformat()
        if old != new and not (old in (None, "") and new in (None, "")):
            label = str(obj._meta.get_field(field_name).verbose_name) if obj is not None else field_name
            changes.append([f"{prefix_label}{label}", _shown(old), _shown(new)])
    return changes


def differences(child: Child, values: dict, class_labels: dict[int, str]) -> list:
    """[label, old, new] for every field the row would change on the child, its parents and its guardian."""
    changes = []
    wanted = child_values(values)
    if "school_class_id" in wanted:
        class_id = wanted.pop("school_class_id")
        if class_id != child.school_class_id:
            changes.append([str(_("Class")), class_labels[child.school_class_id], class_labels[class_id]])
    changes += _compare(child, wanted)
    parents = {p.relation: p for p in child.parents.all()}
    for relation, label in (("father", _("Father")), ("mother", _("Mother"))):
        wanted = part_values(values, relation, PARENT_FIELDS)
        if not wanted:
            continue
        parent = parents.get(relation)
        if parent is None:
            changes.append([f"{label}", "", _shown(wanted.get("name", label))])
        else:
            changes += _compare(parent, wanted, f"{label}: ")
    wanted = part_values(values, "guardian", GUARDIAN_FIELDS)
    if wanted:
        guardian = next(iter(child.guardians.all()), None)
        if guardian is None:
            changes.append([str(_("Guardian")), "", _shown(wanted.get("name"))])
        else:
            changes += _compare(guardian, wanted, f"{_('Guardian')}: ")
    return changes


# --- The roster as an export: the template's columns, to correct in Excel and import again ----------


def _export_value(column: Column, user):
    """How the export fills `column` for a child (with `by_relation` and `guardian` set by `export_rows`):
    the values as the import reads them back (Chinese choice labels, 是/否, dates as dates). An ID number or a
    phone number a role may not see in full is left blank, not masked: a masked number would be an error on
    re-import, and a blank cell changes nothing."""
    see_ids, see_phones = user.can(Capability.SEE_ID_NUMBERS), user.can(Capability.SEE_PHONES)
    yes, no = "是", "否"
    labels = dict(zip(column.choices.values, choice_labels(column.choices), strict=True)) if column.choices else {}

    def shown(value):
        if column.choices is not None:
            return labels.get(value, value) if value else None
        if column.kind == YES_NO:
            return yes if value else no
        if column.kind == PHONE and not see_phones:
            return None
        if column.kind == ID and not see_ids:
            return None
        return value or None

    kind = {DATE: list_exports.DATE, INTEGER: list_exports.NUMBER}.get(column.kind, list_exports.TEXT)
    key = column.key
    if key == "school_class":
        return kind, lambda c: f"{c.school_class.grade}年级{c.school_class.number}班"
    if key in CHILD_FIELDS:
        return kind, lambda c: shown(getattr(c, key))
    prefix, _sep, field_name = key.partition("_")
    if prefix == "guardian":
        return kind, lambda c: shown(getattr(c.guardian, field_name)) if c.guardian is not None else None

    def parent_value(c):
        parent = c.by_relation.get(prefix)
        return shown(getattr(parent, field_name)) if parent is not None else None

    return kind, parent_value


def export_columns(user) -> list:
    """The roster template's columns (its Chinese headers, in its order) as export columns for `user`."""
    columns = []
    for column in COLUMNS:
        kind, value = _export_value(column, user)
        columns.append(list_exports.Column(column.header, value, kind=kind, width=14))
    return columns


def export_rows(children):
    """`children` (with their class, parents and guardians prefetched) as the export reads them: each with
    its parents by relation and its first guardian, the one an import would update."""
    for child in children:
        child.by_relation = {p.relation: p for p in child.parents.all()}
        child.guardian = next(iter(child.guardians.all()), None)
        yield child
