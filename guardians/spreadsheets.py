"""What every spreadsheet import shares (the roster, exam results): reading an upload safely, finding the
header row under title rows, recognising header spellings, and the user's own workbook back with an error
column. Each import declares its columns and checks its rows itself."""

import csv
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import xlsxwriter
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from python_calamine import CalamineWorkbook

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
MAX_UNCOMPRESSED = 100 * 1024 * 1024  # a 5 MB workbook that unpacks to more than this is a zip bomb
HEADER_SEARCH_ROWS = 10
PROGRESS_EVERY = 250  # rows between two progress writes of a background check


class SpreadsheetFileError(Exception):
    """The file cannot be read as the sheet asked for; the message says why, for the person who uploaded it."""


_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _check_zip(data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise SpreadsheetFileError(_("This file is damaged or is not an Excel workbook.")) from None
    names = archive.namelist()
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise SpreadsheetFileError(
            _("This workbook contains macros, which are not accepted: save it as an ordinary .xlsx workbook.")
        )
    if sum(info.file_size for info in archive.infolist()) > MAX_UNCOMPRESSED:
        raise SpreadsheetFileError(
            _("This workbook unpacks to far more data than a list of children has; it was refused.")
        )
    if "xl/workbook.xml" not in names:
        raise SpreadsheetFileError(_("This file is damaged or is not an Excel workbook."))


def _check_ole2(data: bytes) -> None:
    if "EncryptedPackage".encode("utf-16-le") in data or b"EncryptedPackage" in data:
        raise SpreadsheetFileError(
            _("This workbook is protected by a password: remove the password in Excel, save, and upload again.")
        )


def _extension(file_name: str) -> str:
    return file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""


def check_file(data: bytes, file_name: str) -> None:
    """The quick refusals, before any cell is read (size, kind of file, macros, password, zip bomb): they
    answer the upload at once; reading the cells (read_table) may take seconds and runs in the background."""
    extension = _extension(file_name)
    if not data:
        raise SpreadsheetFileError(_("The file is empty."))
    if len(data) > MAX_BYTES:
        raise SpreadsheetFileError(
            _("The file is larger than %(size)d MB; split it into several files.")
            % {"size": MAX_BYTES // (1024 * 1024)}
        )
    if extension in ("xlsm", "xltm", "xlam"):
        raise SpreadsheetFileError(
            _("This workbook contains macros, which are not accepted: save it as an ordinary .xlsx workbook.")
        )
    if extension == "csv":
        return
    if extension not in ("xlsx", "xls"):
        raise SpreadsheetFileError(_("Upload an .xlsx, .xls or .csv file."))
    if data.startswith(_OLE2):
        _check_ole2(data)
    elif data.startswith(b"PK"):
        _check_zip(data)
    else:
        raise SpreadsheetFileError(_("This file is damaged or is not an Excel workbook."))


def read_table(data: bytes, file_name: str) -> list[list]:
    """Every row of the first sheet (or of the CSV file), as lists of cell values; refused files raise
    SpreadsheetFileError."""
    return read_sheets(data, file_name)[0][1]


def read_sheets(data: bytes, file_name: str) -> list[tuple[str, list[list]]]:
    """(sheet name, rows) of every sheet of the workbook (one unnamed sheet for a CSV file). A cell holding a
    formula reads as {"formula": "=1+1"} (formula_cell), never as the value Excel last computed, so that the rules can
    refuse it; numbers stay numbers, so that an ID typed as one is told apart from one typed as text."""
    check_file(data, file_name)
    if _extension(file_name) == "csv":
        return [("", _read_csv(data))]
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = [
            (name, book.get_sheet_by_index(i).to_python(skip_empty_area=False))
            for i, name in enumerate(book.sheet_names)
        ]
    except Exception:  # calamine raises several kinds for a file it cannot read
        raise SpreadsheetFileError(_("This file is damaged or is not an Excel workbook.")) from None
    formulas_of_sheets = _xlsx_formulas(data) if data.startswith(b"PK") else _xls_formulas(data, sheets)
    if formulas_of_sheets:
        for (_name, rows), formulas in zip(sheets, formulas_of_sheets, strict=False):
            for (r, c), formula in formulas.items():
                while len(rows) <= r:
                    rows.append([])
                while len(rows[r]) <= c:
                    rows[r].append(None)
                rows[r][c] = formula_cell(formula)
    return sheets


# A cell that holds a formula is kept as {"formula": "=1+1"}, never as text: a text cell that only starts with
# "=" (a note typed so, written back by our exports with Excel's quote prefix) is the user's text and imports
# as typed. The rows go through JSON to the background check, so the mark is a JSON object, not a str subclass.
FORMULA = "formula"


def formula_cell(text: str) -> dict:
    return {FORMULA: text}


def is_formula(cell) -> bool:
    return isinstance(cell, dict) and FORMULA in cell


def refuse_formula(cell) -> None:
    """The import's rule for a formula: a row error, whichever column it is in (Excel's last value could be
    anything, "=HYPERLINK(…)" shows a word)."""
    if is_formula(cell):
        raise ValidationError(
            _("This cell holds a formula: type the value itself (copy it and paste it as values)."), code="formula"
        )


_CELL = re.compile(rb"<c\b[^>]*?\br=\"([A-Z]+)(\d+)\"[^>]*?(?:/>|>(.*?)</c>)", re.S)
_FORMULA = re.compile(rb"<f\b[^>]*?(?:/>|>(.*?)</f>)", re.S)


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - ord("A") + 1
    return number - 1


_BIFF_BOF, _BIFF_BOUNDSHEET, _BIFF_FORMULA = 0x0809, 0x0085, 0x0006


def _xls_formulas(data: bytes, sheets: list[tuple[str, list[list]]]) -> list[dict[tuple[int, int], str]]:
    """{(row, column): "=…"} of each worksheet of an .xls (BIFF8), in the workbook's sheet order. An .xls keeps
    a formula compiled, not as text, so the cell reads "=" and the value Excel last computed: enough for the
    rules to refuse it as a formula. The workbook stream is read with olefile; its FORMULA records are found
    by walking the BIFF records, and each worksheet by the stream offset its BOUNDSHEET record gives."""
    import struct

    import olefile

    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
        name = next((n for n in ("Workbook", "Book") if ole.exists(n)), None)
        stream = ole.openstream(name).read() if name else b""
    except OSError:
        return []
    offsets: dict[int, int] = {}  # stream offset of a sheet's BOF -> its index in the workbook's order
    out: list[dict[tuple[int, int], str]] = [{} for _ in sheets]
    current, at = None, 0
    while at + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, at)
        body = stream[at + 4 : at + 4 + length]
        if kind == _BIFF_BOUNDSHEET and len(body) >= 4:
            offsets[struct.unpack_from("<I", body)[0]] = len(offsets)
        elif kind == _BIFF_BOF:
            current = offsets.get(at)
        elif kind == _BIFF_FORMULA and current is not None and current < len(out) and len(body) >= 4:
            row, column = struct.unpack_from("<HH", body)
            rows = sheets[current][1]
            value = rows[row][column] if row < len(rows) and column < len(rows[row]) else ""
            out[current][(row, column)] = f"={'' if value is None else value}"
        at += 4 + length
    return out


def _xlsx_formulas(data: bytes) -> list[dict[tuple[int, int], str]]:
    """{(row, column) (0-based): "=formula"} of each worksheet of an .xlsx, in the workbook's sheet order."""
    from html import unescape
    from xml.etree import ElementTree

    archive = zipfile.ZipFile(io.BytesIO(data))
    names = set(archive.namelist())
    try:
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    except (KeyError, ElementTree.ParseError):
        return []
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
    out = []
    for sheet in workbook.iter():
        if not sheet.tag.endswith("}sheet"):
            continue
        rid = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), "")
        target = targets.get(rid, "").lstrip("/")
        path = target if target.startswith("xl/") else f"xl/{target}"
        formulas = {}
        xml = archive.read(path) if path in names else b""
        if b"<f" in xml:
            for match in _CELL.finditer(xml):
                found = _FORMULA.search(match.group(3) or b"")
                if found:
                    text = unescape((found.group(1) or b"").decode("utf-8", "replace"))
                    formulas[(int(match.group(2)) - 1, _column_number(match.group(1)))] = f"={text}"
        out.append(formulas)
    return out


def _read_csv(data: bytes) -> list[list]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise SpreadsheetFileError(_("This file is damaged or is not an Excel workbook."))
    # Excel reads a CSV cell that starts with "=" as a formula when it opens the file: so does the import.
    return [
        [formula_cell(cell) if cell.lstrip().startswith("=") else cell for cell in row]
        for row in csv.reader(io.StringIO(text))
    ]


def cell_text(value) -> str:
    if value is None:
        return ""
    if is_formula(value):
        return value[FORMULA]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def json_cell(value):
    """A cell as JSON keeps its kind: a number stays a number (an integral one as an int), text stays text."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, timedelta):
        return str(value)
    return value


def tidy_header(text) -> str:
    return re.sub(r"[\s*＊:：()（）]", "", str(text or ""))


def header_index(columns) -> dict[str, str]:
    """{tidied header or alias: column key} for columns with `key`, `header` and `aliases`."""
    index = {}
    for column in columns:
        for header in (column.header, *column.aliases):
            index[tidy_header(header)] = column.key
    return index


def suggest_mapping(headers: list[str], index: dict[str, str]) -> list[str]:
    """For each header of the file, the column it most likely is ("" when none); each column once."""
    taken, mapping = set(), []
    for header in headers:
        key = index.get(tidy_header(header), "")
        if key in taken:
            key = ""
        taken.add(key)
        mapping.append(key)
    return mapping


@dataclass
class Table:
    header_row: int  # 1-based row number of the header in the file
    headers: list[str]
    rows: list[tuple[int, list]]  # (1-based row number in the file, cells as JSON-friendly values)
    mapping: list[str] = field(default_factory=list)


# PostgreSQL's jsonb cannot hold U+0000: a NUL in a cell is staged as this mark, and `restore_nul` gives the
# checks the cell as it was, so they refuse it as the forms do (nothing of a NUL is ever imported).
NUL_MARK = "\u2400"


def _staged_value(value):
    if isinstance(value, str):
        return value.replace("\x00", NUL_MARK)
    if isinstance(value, list | tuple):
        return [_staged_value(v) for v in value]
    return value


def restore_nul(text: str) -> str:
    """A staged cell's text with its NULs back (see NUL_MARK)."""
    return text.replace(NUL_MARK, "\x00")


def keep_table(staged, table: Table):
    """Keep a table read from a staged upload (roster or exam sheet) on the staged import, for the mapping and
    the checks; the file is not read again."""
    staged.header_row, staged.headers, staged.mapping, staged.rows = (
        table.header_row,
        [_staged_value(h) for h in table.headers],
        table.mapping,
        [(number, _staged_value(cells)) for number, cells in table.rows],
    )
    staged.save(update_fields=["header_row", "headers", "mapping", "rows"])
    return staged


def _header_hits(cells: list[list], index: dict[str, str]) -> tuple[int, int]:
    """(row, columns it names) of the row among the first ten naming most columns."""
    best, best_hits = 0, 0
    for number, row in enumerate(cells[:HEADER_SEARCH_ROWS]):
        hits = sum(1 for value in row if tidy_header(value) in index)
        if hits > best_hits:
            best, best_hits = number, hits
    return best, best_hits


def _two_row_headers(top: list, sub: list) -> list[str]:
    """A merged cell over sub headers (监护人 over 姓名 / 关系 / 电话) read as 监护人姓名, 监护人关系, 监护人电话;
    a cell merged down over both rows (班级) keeps its own text."""
    headers, group = [], ""
    for i in range(max(len(top), len(sub))):
        upper = cell_text(top[i]) if i < len(top) else ""
        lower = cell_text(sub[i]) if i < len(sub) else ""
        if upper and lower:
            group = upper
            headers.append(upper + lower)
        elif lower:
            headers.append(group + lower)
        else:
            group = ""
            headers.append(upper)
    return headers


def find_sheet(sheets: list[tuple[str, list[list]]], index: dict[str, str]) -> tuple[str, list[list]]:
    """The sheet whose header names most columns (the first one on a tie): a workbook with an instructions
    sheet first still has its roster found."""
    return max(sheets, key=lambda sheet: _header_hits(sheet[1], index)[1])


def find_table(cells: list[list], index: dict[str, str], *, no_header: str) -> Table:
    """Skip title rows above the header; the header is the row among the first ten naming most columns, read
    with the row under it when that row holds sub headers of merged cells above it.
    `no_header` is the message when no row names two columns or more."""
    best, best_hits = _header_hits(cells, index)
    if best_hits < 2:
        raise SpreadsheetFileError(no_header)
    headers = [cell_text(v) for v in cells[best]]
    if best + 1 < len(cells):
        combined = _two_row_headers(cells[best], cells[best + 1])
        if sum(1 for h in combined if tidy_header(h) in index) > best_hits:
            headers = combined
            best += 1
    rows = []
    for number in range(best + 1, len(cells)):
        row = [json_cell(v) for v in cells[number]]
        if any(cell_text(v) for v in row):
            rows.append((number + 1, row))
    if not rows:
        raise SpreadsheetFileError(_("The file has a header but no children below it."))
    if len(rows) > MAX_ROWS:
        raise SpreadsheetFileError(
            _("The file has %(count)d rows; at most %(max)d can be imported at once.")
            % {"count": len(rows), "max": MAX_ROWS}
        )
    return Table(header_row=best + 1, headers=headers, rows=rows, mapping=suggest_mapping(headers, index))


def error_workbook(
    *, title: str, headers: list, mapping: list[str], rows: list, results: list[dict], header_of: Callable[[str], str]
) -> bytes:
    """The user's rows back, with an error column and the bad cells filled red, to fix in Excel.

    `results` are the checked rows ({"row": number, "errors": [[column key, message, value]]});
    `header_of(key)` names a column in the error text."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False})
    bold = book.add_format({"bold": True})
    bad = book.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006"})
    sheet = book.add_worksheet(title)
    error_col = len(headers)
    for c, header in enumerate(headers):
        sheet.write_string(0, c, str(header), bold)
    sheet.write_string(0, error_col, _("Errors"), bold)
    column_of = {key: i for i, key in enumerate(mapping) if key}
    by_row = {r["row"]: r for r in results}
    for out_row, (number, cells) in enumerate(rows, start=1):
        result = by_row.get(number, {"errors": []})
        bad_columns = {column_of.get(e[0]) for e in result["errors"]}
        for c, value in enumerate(cells):
            fmt = bad if c in bad_columns else None
            if value is None or value == "":
                sheet.write_blank(out_row, c, None, fmt)
            elif isinstance(value, bool | int | float):
                sheet.write_number(out_row, c, value, fmt)
            else:
                sheet.write_string(out_row, c, str(value), fmt)
        for c in bad_columns - {None} - set(range(len(cells))):
            sheet.write_blank(out_row, c, None, bad)
        if result["errors"]:
            text = "；".join(f"{header_of(e[0])}：{e[1]}" for e in result["errors"])
            sheet.write_string(out_row, error_col, text, bad)
    sheet.freeze_panes(1, 0)
    book.close()
    return out.getvalue()
