"""Excel exports of lists: the one mechanism every list's "Export to Excel" goes through.

A list declares its columns (a translated header, how to get the value from a row, the cell type, a width)
and hands over the rows it shows; this module writes them with XlsxWriter in constant-memory mode (rows
stream to a temporary file, so a school of 5,000 children never sits in memory as cells). Every sheet has a
bold header row that is frozen, repeated on each printed page and carries an autofilter.

Cells are typed: numbers stay numbers, dates get a date format, percentages are percent cells. Text is
kept exactly as the user typed it: it is always written as a string cell, which no spreadsheet evaluates,
and text starting with = + - @, a tab, a carriage return or a NUL also gets Excel's quote-prefix format
(as the semester summary workbook does, reports/workbook.py), so that editing the cell in Excel keeps it
text. No apostrophe is added to the text itself: a child named `=HYPERLINK("…")` stays that name, and a
workbook exported, corrected in Excel and imported again carries no stray apostrophe into the archive.
`neutralise` (the apostrophe) is for CSV only, where a cell has no type.

Which rows and which masked values a user gets is not decided here: the list's own scoping, filters and
`organisation.masking` produce the rows and values before they reach this module.

Why not django-import-export's Resources: its export goes through a tablib Dataset built in memory and
written by openpyxl (three times slower than XlsxWriter here, bench/export.py), its widgets turn values into
strings unless each field is told otherwise, and openpyxl reads a string starting with "=" as a formula. Our
columns are mostly computed (completeness, compliance, masked phones), not model fields, so a Resource
would only be a second way to declare the same columns.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import xlsxwriter
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisation.downloads import attach

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

TEXT = "text"
NUMBER = "number"
DATE = "date"
PERCENT = "percent"

# Characters that make a spreadsheet read a cell as a formula (or hide one behind whitespace).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")

# Day 0 of Excel's 1900 date system, for the days after its false 29 February 1900.
EXCEL_EPOCH = datetime(1899, 12, 30)
LAST_DAY_OF_FEBRUARY_1900 = date(1900, 2, 28)


def excel_serial(value: date | datetime) -> float | None:
    """The Excel serial number of a day (or a naive moment) as XlsxWriter's write_datetime stores it in a
    workbook that is not 1904-based; None before March 1900, which write_datetime handles by itself.

    Writing this number with a date format is what write_datetime does, without its conversion per cell:
    callers convert each distinct value once (a list of 8,000 talks has a few hundred distinct days)."""
    if not isinstance(value, datetime):
        if value <= LAST_DAY_OF_FEBRUARY_1900:
            return None
        return float((value - EXCEL_EPOCH.date()).days)
    if value.date() <= LAST_DAY_OF_FEBRUARY_1900:
        return None
    delta = value - EXCEL_EPOCH
    return delta.days + (delta.seconds + delta.microseconds / 1e6) / 86400


@dataclass(frozen=True)
class Column:
    """One column of an export. `value(row)` returns what the list shows in that cell.

    `kind` says how the cell is written: TEXT (anything, as a string cell), NUMBER (int, float or
    Decimal), DATE (a date or datetime) or PERCENT (a number of percent as lists show it: 85.7 means 85.7 %).
    None and "" leave the cell empty. `width` is in characters.
    """

    header: str
    value: Callable[[Any], Any]
    kind: str = TEXT
    width: float = 12


@dataclass(frozen=True)
class Sheet:
    title: str
    columns: Sequence[Column]
    rows: Iterable[Any]


def neutralise(text: str) -> str:
    """The text as a CSV cell may safely hold it: a leading formula character gets a single quote before it.
    Only for CSV: an .xlsx string cell is safe as it is (`write_text`)."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def yes_no(value: bool) -> str:
    return str(_("Yes") if value else _("No"))


def choice_labels(choices) -> dict[Any, str]:
    """{value: label} in the active language, built once per export for columns that show a choice's label
    on every row: `get_FOO_display()` translates and hashes every choice again for each cell, which made a
    5,000-child export three times slower than writing its cells."""
    return {value: str(label) for value, label in choices}


def class_label_of(child_of: Callable[[Any], Any] | None = None) -> Callable[[Any], str]:
    """A column value: the class label of the row's child (`child_of(row)`, by default `row.child`; a list of
    children passes `lambda child: child`), translated once per class rather than once per row:
    select_related gives every row a class object of its own."""
    labels: dict[int, str] = {}

    def label(row) -> str:
        child = row.child if child_of is None else child_of(row)
        if child.school_class_id not in labels:
            labels[child.school_class_id] = child.school_class.label
        return labels[child.school_class_id]

    return label


_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def _sheet_name(title: str, used: set[str]) -> str:
    """Excel's rules for sheet names: at most 31 characters, none of []:*?/\\, unique, not empty."""
    base = _SHEET_NAME_FORBIDDEN.sub(" ", str(title)).strip("' ")[:31] or "Sheet"
    name, n = base, 2
    while name.lower() in used:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(name.lower())
    return name


def write_text(worksheet, row: int, col: int, text: str, quoted, plain=None) -> None:
    """Write `text` exactly as typed as a string cell: with the quote-prefix format `quoted` (from
    `quote_prefix_format`) when it starts with a formula character, else with `plain` (None: no format)."""
    if text.startswith(FORMULA_TRIGGERS):
        worksheet.write_string(row, col, text, quoted)
    elif plain is None:
        worksheet.write_string(row, col, text)
    else:
        worksheet.write_string(row, col, text, plain)


def quote_prefix_format(workbook, properties: dict | None = None):
    """The workbook's format for text Excel must keep as text when the cell is edited (its quote prefix)."""
    return workbook.add_format({**(properties or {}), "quote_prefix": True})


def _cell_writers(worksheet, workbook, columns: Sequence[Column]) -> list[Callable[[int, int, Any], None]]:
    """One writer per column, chosen once per sheet so the inner loop does no type dispatch on the column."""
    write_string = worksheet.write_string
    quoted = quote_prefix_format(workbook)
    write_number = worksheet.write_number
    write_datetime = worksheet.write_datetime
    date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
    percent_format = workbook.add_format({"num_format": "0.0%"})

    def text(row: int, col: int, value: Any) -> None:
        if value is None:
            return
        value = str(value)
        if value:
            if value.startswith(FORMULA_TRIGGERS):
                write_string(row, col, value, quoted)
            else:
                write_string(row, col, value)

    def number(row: int, col: int, value: Any) -> None:
        if value is None or value == "":
            return
        write_number(row, col, float(value) if isinstance(value, Decimal) else value)

    serials: dict[date | datetime, float | None] = {}

    def date_cell(row: int, col: int, value: Any) -> None:
        if value is None or value == "":
            return
        if isinstance(value, datetime) and timezone.is_aware(value):
            value = timezone.make_naive(value)  # Excel has no time zones: show the local time
        serial = serials.get(value, False)
        if serial is False:
            serial = serials[value] = excel_serial(value)
        if serial is None:
            write_datetime(row, col, value, date_format)
        else:
            write_number(row, col, serial, date_format)

    def percent(row: int, col: int, value: Any) -> None:
        if value is None or value == "":
            return
        write_number(row, col, float(value) / 100, percent_format)

    writers = {TEXT: text, NUMBER: number, DATE: date_cell, PERCENT: percent}
    return [writers[column.kind] for column in columns]


def write_workbook(output, sheets: Sequence[Sheet]) -> None:
    """Write `sheets` as an .xlsx workbook to `output` (a path or a binary file object)."""
    workbook = xlsxwriter.Workbook(
        output,
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
        },
    )
    header_properties = {"bold": True, "bg_color": "#E9ECEF", "border": 1, "text_wrap": True, "valign": "vcenter"}
    header_format = workbook.add_format(header_properties)
    quoted_header_format = quote_prefix_format(workbook, header_properties)
    used: set[str] = set()
    for sheet in sheets:
        worksheet = workbook.add_worksheet(_sheet_name(sheet.title, used))
        columns = list(sheet.columns)
        last_col = max(len(columns) - 1, 0)
        for col, column in enumerate(columns):
            worksheet.set_column(col, col, column.width)
        # Headers are written as strings too: a translation must never become a formula either.
        for col, column in enumerate(columns):
            write_text(worksheet, 0, col, str(column.header), quoted_header_format, header_format)
        worksheet.freeze_panes(1, 0)
        worksheet.repeat_rows(0)
        worksheet.fit_to_pages(1, 0)
        worksheet.set_landscape()
        writers = list(
            enumerate(zip(_cell_writers(worksheet, workbook, columns), [c.value for c in columns], strict=True))
        )
        row_number = 0
        for row_number, item in enumerate(sheet.rows, start=1):
            for col, (write, value) in writers:
                write(row_number, col, value(item))
        worksheet.autofilter(0, 0, row_number, last_col)
    workbook.close()


def workbook_bytes(sheets: Sequence[Sheet]) -> bytes:
    output = io.BytesIO()
    write_workbook(output, sheets)
    return output.getvalue()


def dated_filename(stem: str, *, on: date | None = None) -> str:
    """`留守儿童名单_2026-12-01.xlsx`: the list's name and the school's today."""
    return f"{stem}_{(on or timezone.localdate()).isoformat()}.xlsx"


def xlsx_response(sheets: Sequence[Sheet] | Sheet, *, filename: str) -> HttpResponse:
    """An attachment response with the workbook; `filename` is the translated stem, without date or extension.

    The name is sent by `organisation.downloads.attach`: Chinese in filename*, with an ASCII fallback.
    """
    if isinstance(sheets, Sheet):
        sheets = [sheets]
    response = HttpResponse(workbook_bytes(sheets), content_type=XLSX_CONTENT_TYPE)
    attach(response, dated_filename(str(filename)))
    response["Cache-Control"] = "private, no-store"  # lists of children never sit in a shared cache
    return response
