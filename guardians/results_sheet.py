"""A class's exam sheet (成绩表) as a spreadsheet: its columns, the template, and checking every row against
the class without writing. Reading the file is guardians.spreadsheets, as for the roster; writing is
guardians.results_services."""

import io
import re
from dataclasses import dataclass
from decimal import Decimal

import xlsxwriter
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from children.models import AcademicResult, Child
from guardians import roster, spreadsheets
from guardians.spreadsheets import Table, cell_text
from organisation.exports import FORMULA_TRIGGERS, quote_prefix_format, write_text

SUBJECT_MAX = Decimal(150)
TOTAL_MAX = Decimal(1000)
RANK_MAX = 200

TEXT, ID, SCORE, TOTAL, RANK = "text", "id", "score", "total", "rank"


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # the Chinese header the template writes
    label: object  # lazy English label
    kind: str = TEXT
    aliases: tuple[str, ...] = ()
    example: str = ""


COLUMNS: list[Column] = [
    Column("name", "姓名", gettext_lazy("Name"), aliases=("学生姓名", "儿童姓名"), example="陈雨桐"),
    Column("id_number", "身份证号", gettext_lazy("Resident ID number"), kind=ID,
           aliases=("身份证号码", "公民身份号码", "身份证"), example="522701201605040021"),
    Column("total", "总分", gettext_lazy("Total score"), kind=TOTAL,
           aliases=("总成绩", "合计", "总计"), example="262.5"),
    Column("class_rank", "班级排名", gettext_lazy("Class rank"), kind=RANK,
           aliases=("班级名次", "班名次", "名次", "排名"), example="12"),
    Column("class_size", "班级人数", gettext_lazy("Class size"), kind=RANK, aliases=("班额", "人数"), example="45"),
    Column("chinese", "语文", gettext_lazy("Chinese"), kind=SCORE, aliases=("语文成绩",), example="88"),
    Column("maths", "数学", gettext_lazy("Mathematics"), kind=SCORE, aliases=("数学成绩",), example="92.5"),
    Column("english", "英语", gettext_lazy("English"), kind=SCORE, aliases=("英语成绩", "外语"), example="82"),
]  # fmt: skip
BY_KEY = {c.key: c for c in COLUMNS}
SCORE_FIELDS = ["total", "chinese", "maths", "english", "class_rank", "class_size"]
_HEADER_INDEX = spreadsheets.header_index(COLUMNS)


def read_sheet(data: bytes, file_name: str) -> Table:
    """The exam sheet's rows under its header (title rows skipped); refused files raise SpreadsheetFileError."""
    return spreadsheets.find_table(
        spreadsheets.read_table(data, file_name),
        _HEADER_INDEX,
        no_header=_("No header row was found: the first rows should name the columns, such as 姓名 and 总分."),
    )


def missing_columns(mapping: list[str]) -> list[str]:
    """The headers of the columns a sheet must have (the total, and the name or the ID number) that it lacks."""
    missing = [] if "total" in mapping else [BY_KEY["total"].header]
    if "name" not in mapping and "id_number" not in mapping:
        missing.append(f"{BY_KEY['name'].header}/{BY_KEY['id_number'].header}")
    return missing


# --- The template ---------------------------------------------------------------------------------

_INSTRUCTIONS = [
    "成绩表填写说明",
    "1. 每行填写一名学生的一次考试成绩；第二行是示例，导入前请删除或改成真实学生。",
    "2. 姓名和身份证号至少填写一项；同班有重名学生时必须填写身份证号。",
    "3. 总分必填；各科成绩在 0 到 150 之间，总分在 0 到 1000 之间，最多保留一位小数。",
    "4. 班级排名和班级人数填写整数，排名不能大于班级人数。",
    "5. 上传时选择班级、学期和考试名称；再次导入同一次考试会更新成绩，不会重复。",
    "6. 空白单元格不会清除已有的成绩。",
]


def results_template(children=()) -> bytes:
    """The exam-sheet template: headers, an example row (or the class's children by name), instructions."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False})
    bold = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    text = book.add_format({"num_format": "@"})
    quoted = quote_prefix_format(book, {"num_format": "@"})
    sheet = book.add_worksheet("成绩表")
    notes = book.add_worksheet("填写说明")
    for index, column in enumerate(COLUMNS):
        sheet.write_string(0, index, column.header, bold)
        sheet.set_column(index, index, 20 if column.kind == ID else 10, text if column.kind in (TEXT, ID) else None)
    rows = [(c.name, c.id_number) for c in children] or [(BY_KEY["name"].example, BY_KEY["id_number"].example)]
    for r, (name, id_number) in enumerate(rows, start=1):
        write_text(sheet, r, 0, name, quoted, text)
        if id_number:
            sheet.write_string(r, 1, id_number)
        if not children:
            for index, column in enumerate(COLUMNS[2:], start=2):
                sheet.write_number(r, index, float(column.example))
    sheet.freeze_panes(1, 0)
    notes.set_column(0, 0, 90)
    for r, line in enumerate(_INSTRUCTIONS):
        notes.write_string(r, 0, line, bold if r == 0 else None)
    book.close()
    return out.getvalue()


# --- Values ---------------------------------------------------------------------------------------

_NUMBER = re.compile(r"^\d+(\.\d)?$")


def parse_score(value, maximum: Decimal) -> Decimal:
    text = cell_text(value)
    if isinstance(value, float):
        text = f"{value:.10g}"
    if not _NUMBER.match(text):
        raise ValidationError(
            _("“%(value)s” is not a score: write a number with at most one decimal, such as 88 or 92.5."),
            params={"value": text},
        )
    score = Decimal(text)
    if score > maximum:
        raise ValidationError(_("%(value)s is more than %(max)s."), params={"value": text, "max": f"{maximum:f}"})
    return score


def parse_rank(value) -> int:
    text = cell_text(value)
    if not re.fullmatch(r"\d{1,3}", text) or not 1 <= int(text) <= RANK_MAX:
        raise ValidationError(
            _("“%(value)s” is not a whole number between 1 and %(max)d."), params={"value": text, "max": RANK_MAX}
        )
    return int(text)


# --- Checking every row ---------------------------------------------------------------------------


def clean_row(raw: dict) -> tuple[dict, list]:
    """Clean one row's non-blank cells (column key -> raw value); returns (values, errors)."""
    values, errors = {}, []
    for key, cell in raw.items():
        column = BY_KEY[key]
        if not cell_text(cell):
            continue
        try:
            spreadsheets.refuse_formula(cell)
            if column.kind == ID:
                values[key] = roster.parse_id(cell)
            elif column.kind == TOTAL:
                values[key] = str(parse_score(cell, TOTAL_MAX))
            elif column.kind == SCORE:
                values[key] = str(parse_score(cell, SUBJECT_MAX))
            elif column.kind == RANK:
                values[key] = parse_rank(cell)
            else:
                text = cell_text(cell)
                # A name an older export or template neutralised ('=…) is the child's own name again.
                values[key] = text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_TRIGGERS) else text
        except ValidationError as error:
            errors.append([key, " ".join(str(m) for m in error.messages), cell_text(cell)])
    failed = {e[0] for e in errors}
    if "name" not in values and "id_number" not in values and not failed & {"name", "id_number"}:
        errors.append(["name", _("Give the child's name or resident ID number."), ""])
    if "total" not in values and "total" not in failed:
        errors.append(["total", _("This column must be filled in."), ""])
    rank, size = values.get("class_rank"), values.get("class_size")
    if rank and size and rank > size:
        errors.append(["class_rank", _("The class rank cannot be larger than the class size."), str(rank)])
    return values, errors


def _find_child(values: dict, by_id: dict, by_name: dict, class_label: str):
    """(child, error) for a row: by ID number when it has one, else by name within the class."""
    if values.get("id_number"):
        child = by_id.get(values["id_number"])
        if child is None:
            message = _("No child of %(class)s has this ID number.") % {"class": class_label}
            return None, ["id_number", message, values["id_number"]]
        if values.get("name") and values["name"] != child.name:
            message = _("The archive with this ID number is %(name)s.") % {"name": child.name}
            return None, ["name", message, values["name"]]
        return child, None
    found = by_name.get(values.get("name"), [])
    if not found:
        message = _("No child of %(class)s is named %(name)s.") % {"class": class_label, "name": values["name"]}
        return None, ["name", message, values["name"]]
    if len(found) > 1:
        message = _("%(class)s has several children of this name: give the ID number.") % {"class": class_label}
        return None, ["id_number", message, values["name"]]
    return found[0], None


def _shown(value) -> str:
    return "" if value is None else (f"{value:f}" if isinstance(value, Decimal) else str(value))


def _normal(key: str, value):
    """A value as the model holds it, to compare the sheet with the stored result."""
    if value is None or value == "":
        return None
    return int(value) if key in ("class_rank", "class_size") else Decimal(str(value)).quantize(Decimal("0.1"))


def check_rows(
    table_rows: list, mapping: list[str], *, children, semester, exam: str, class_label: str, progress=None
) -> list:
    """Clean every row, find its child among `children` (the class as the user may change it), compare it
    with the stored result of that exam, and find rows of the same child; nothing is written.
    `progress(rows done)` is called every few hundred rows (spreadsheets.PROGRESS_EVERY)."""
    children = list(children)
    by_id = {c.id_number: c for c in children if c.id_number}
    by_name: dict[str, list[Child]] = {}
    for child in children:
        by_name.setdefault(child.name, []).append(child)
    stored = {
        r.child_id: r
        for r in AcademicResult.objects.filter(child__in=[c.pk for c in children], semester=semester, exam=exam)
    }
    seen: dict[int, int] = {}
    results = []
    for n, (number, cells) in enumerate(table_rows):
        if progress is not None and n and n % spreadsheets.PROGRESS_EVERY == 0:
            progress(n)
        raw = {key: cells[i] if i < len(cells) else None for i, key in enumerate(mapping) if key}
        values, errors = clean_row(raw)
        child = None
        if ("name" in values or "id_number" in values) and not {e[0] for e in errors} & {"name", "id_number"}:
            child, error = _find_child(values, by_id, by_name, class_label)
            if error:
                errors.append(error)
        if child is not None:
            first = seen.setdefault(child.pk, number)
            if first != number:
                errors.append(
                    ["name", _("The same child is already on row %(row)d.") % {"row": first}, values.get("name", "")]
                )
        result = {"row": number, "values": values, "errors": errors, "status": "error", "match": None}
        result["name"] = child.name if child else values.get("name", "")
        result["changes"] = []
        if not errors:
            result["match"] = child.pk
            old = stored.get(child.pk)
            for key in SCORE_FIELDS:
                if key not in values:
                    continue
                before = _normal(key, getattr(old, key)) if old else None
                after = _normal(key, values[key])
                if before != after:
                    result["changes"].append([str(BY_KEY[key].label), _shown(before), _shown(after)])
            result["status"] = "new" if old is None else ("changed" if result["changes"] else "unchanged")
        results.append(result)
    return results
