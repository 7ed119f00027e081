"""The semester summary as an Excel workbook (XlsxWriter, constant-memory mode): 汇总 with every figure in
the summary's order, 分年级 by grade × type × gender, and one sheet per kind of record of the period.

Numbers are written as numbers, rates as percentage cells, money with two decimals, dates as dates. Every
text cell is written as a string; one that a spreadsheet could read as a formula (it starts with = + - @ or
a tab) also gets the quote prefix, and NULs are dropped. No ID or phone number is written at all.
"""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import xlsxwriter
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from activities.models import Activity, AssistanceKind, DonorKind
from children.models import Gender, LeftBehindType
from guardians.models import ParentContact
from organisation.exports import FORMULA_TRIGGERS, excel_serial
from organisation.models import SchoolClass, Semester
from pairing.models import HomeVisit
from reports import figures as fig
from reports.figures import Rate
from reports.frozen import frozen_rows, record_rows
from reports.pages import SummaryPage
from reports.summary import NOT_AVAILABLE, SECTIONS, label_for


class Sheet:
    """One worksheet written row by row (constant memory needs rows in order)."""

    def __init__(self, book: Book, name: str, headers: list[str], widths: list[int]):
        self.book, self.ws, self.row = book, book.wb.add_worksheet(name), 0
        for col, width in enumerate(widths):
            self.ws.set_column(col, col, width)
        self.ws.freeze_panes(1, 0)
        self.ws.repeat_rows(0)
        self.ws.set_paper(9)  # A4
        self.write([*headers], header=True)

    def write(self, values: list, *, header: bool = False) -> None:
        cell, ws, row = self.book.cell, self.ws, self.row
        for col, value in enumerate(values):
            cell(ws, row, col, value, header=header)
        self.row = row + 1


class Book:
    """The workbook and its formats, made once; `cell` writes one value by its type (bench/reports.py times
    it against bare XlsxWriter writing the same cells)."""

    def __init__(self, out: io.BytesIO):
        self.wb = xlsxwriter.Workbook(out, {"constant_memory": True, "in_memory": True})
        self.header = self.wb.add_format({"bold": True, "bg_color": "#E2EFDA", "border": 1})
        self.quoted = self.wb.add_format({"quote_prefix": True})
        self.percent = self.wb.add_format({"num_format": "0.0%"})
        self.money = self.wb.add_format({"num_format": "0.00"})
        self.date = self.wb.add_format({"num_format": "yyyy-mm-dd"})
        self.serials: dict[date, float | None] = {}  # a day's Excel serial number, converted once per day

    def _serial(self, day: date) -> float | None:
        if day not in self.serials:
            self.serials[day] = excel_serial(day)
        return self.serials[day]

    def cell(self, ws, row: int, col: int, value, *, header: bool = False) -> None:
        kind = type(value)
        if kind is str and not header:
            if "\x00" in value:
                value = value.replace("\x00", "")
            if value.startswith(FORMULA_TRIGGERS):
                ws.write_string(row, col, value, self.quoted)
            else:  # the default format: no format of its own
                ws.write_string(row, col, value)
        elif kind is int:
            ws.write_number(row, col, value)
        elif kind is date and (serial := self._serial(value)) is not None:
            ws.write_number(row, col, serial, self.date)  # what write_datetime stores: a number, date format
        elif value is None:
            ws.write_blank(row, col, None)
        elif header:
            ws.write_string(row, col, str(value), self.header)
        elif isinstance(value, Percent) and value.fraction is None:
            ws.write_blank(row, col, None)
        elif isinstance(value, Percent):
            ws.write_number(row, col, value.fraction, self.percent)
        elif isinstance(value, Decimal):
            ws.write_number(row, col, float(value), self.money)
        elif isinstance(value, bool):
            ws.write_boolean(row, col, value)
        elif isinstance(value, int | float):
            ws.write_number(row, col, value)
        elif isinstance(value, date):
            ws.write_datetime(row, col, value, self.date)
        else:
            self.cell(ws, row, col, str(value))


class Percent:
    """A rate as a percentage cell; over a denominator of 0 it has no value and the cell stays empty."""

    def __init__(self, rate: Rate):
        self.fraction = float(rate.numerator) / rate.denominator if rate.denominator else None


def _value(raw):
    """A snapshot value as a cell: int, Percent, Decimal yuan, or the text "not recorded"."""
    if raw is None:
        return _("not recorded")
    if raw == NOT_AVAILABLE:
        return _("not available")
    if isinstance(raw, dict):
        if "n" in raw:
            return Percent(Rate(raw["n"], raw["d"]))
        if "ratio" in raw and raw["ratio"] is None:
            return None  # an average over nothing: an empty cell
        return Decimal(raw.get("yuan") or raw.get("ratio"))
    return raw


def _delta(now, before):
    a, b = _value(now), _value(before)
    if isinstance(a, Percent) and isinstance(b, Percent):
        if a.fraction is None or b.fraction is None:
            return None
        return Percent(Rate(0, 1)) if a.fraction == b.fraction else _PercentDiff(a.fraction - b.fraction)
    if isinstance(a, int | Decimal) and isinstance(b, int | Decimal) and not isinstance(a, bool):
        return a - b
    return None


class _PercentDiff(Percent):
    def __init__(self, fraction: float):
        self.fraction = fraction


def _rate_parts(raw) -> tuple[int | None, int | None]:
    if isinstance(raw, dict) and "n" in raw:
        return raw["n"], raw["d"]
    return None, None


def summary_workbook(semester: Semester, page: SummaryPage) -> bytes:
    """The workbook of a summary page (the same numbers: a signed version's snapshot, or a draft's live ones)."""
    out = io.BytesIO()
    book = Book(out)
    titles = {key: str(title) for key, title in SECTIONS}
    before = {key: value for _s, key, value in (page.before or {}).get("rows", [])}
    norms = page.current.get("norms", {})

    sheet = Sheet(
        book,
        pgettext("sheet", "Summary"),
        [_("Part"), _("Figure"), _("This semester"), _("Previous semester"), "Δ", _("Numerator"), _("Denominator")],
        [12, 40, 14, 14, 12, 10, 10],
    )
    for section, key, raw in page.current["rows"]:
        numerator, denominator = _rate_parts(raw)
        old = before.get(key)
        sheet.write(
            [
                titles[section],
                label_for(key, norms, page.current.get("attention_on")),
                _value(raw),
                _value(old) if key in before else None,
                _delta(raw, old) if key in before else None,
                numerator,
                denominator,
            ]
        )

    school, period = page.scope or semester.school, page.period
    signed = page.summary is not None and page.summary.is_signed
    # A signed version writes the rows frozen at signing; one signed before they were stored (and a draft)
    # reads the records live.
    rows = (frozen_rows(page.summary.snapshot) if signed else None) or record_rows(school, period)
    by_grade = Sheet(
        book,
        pgettext("sheet", "By grade"),
        [_("Grade"), _("Left-behind type"), _("Gender"), pgettext("number of children", "Children")],
        [8, 30, 8, 10],
    )
    types, genders = dict(LeftBehindType.choices), dict(Gender.choices)
    for grade, kind, gender, n in rows["by_grade"]:
        by_grade.write([grade, str(types.get(kind, _("Left-behind type not recorded"))), str(genders.get(gender)), n])

    _records(book, school, rows)
    book.wb.close()
    return out.getvalue()


def _choices(choices) -> dict[str, str]:
    return {value: str(label) for value, label in choices}


def _records(book: Book, school, rows: dict[str, list[tuple]]) -> None:
    """One row per record of the period (records "in P" of children of S, as the figures count them; within
    a head teacher's scope, of the scope's children, and the activities they attended with their attendances),
    from `reports.frozen.record_rows` or a signed version's frozen copy of them.

    Labels are translated once per value, not once per row (bench/reports.py)."""
    child, klass = _("Child"), _("Class")
    scope = fig.as_scope(school)
    classes = {k.pk: str(k.label) for k in SchoolClass.objects.filter(school=scope.school)}
    talks = Sheet(
        book,
        pgettext("sheet", "Talks"),
        [_("Date"), child, klass, _("Carer"), _("Recorded by")],
        [12, 12, 14, 14, 14],
    )
    for _pk, day, name, class_id, carer, recorder in rows["talks"]:
        talks.write([day, name, classes.get(class_id, ""), carer, recorder])

    met = _choices(HomeVisit.Met.choices)
    visits = Sheet(
        book, pgettext("sheet", "Home visits"), [_("Date"), child, klass, _("Who was met")], [12, 12, 14, 20]
    )
    for _pk, day, name, class_id, who in rows["visits"]:
        visits.write([day, name, classes.get(class_id, ""), met.get(who, who)])

    counterpart = _choices(ParentContact.Counterpart.choices)
    channel = _choices(ParentContact.Channel.choices)
    initiator = _choices(ParentContact.Initiator.choices)
    yes, no = _("yes"), _("no")
    contacts = Sheet(
        book,
        pgettext("sheet", "Contacts"),
        [_("Date"), child, klass, _("With"), _("Channel"), _("Started by"), _("Reached")],
        [12, 12, 14, 10, 12, 16, 8],
    )
    for _pk, day, name, class_id, other, medium, started, reached in rows["contacts"]:
        cells = [day, name, classes.get(class_id, ""), counterpart.get(other), channel.get(medium)]
        contacts.write([*cells, initiator.get(started), yes if reached else no])

    activities = Sheet(
        book,
        pgettext("sheet", "Activities"),
        [_("Date"), _("Title"), _("Kind"), _("Attendances")],
        [12, 30, 20, 10],
    )
    kind_labels: dict[tuple[str, str], str] = {}
    for _pk, day, title, kind, topic, n in rows["activities"]:
        if (kind, topic) not in kind_labels:
            kind_labels[kind, topic] = str(Activity(kind=kind, topic=topic).kind_label)
        activities.write([day, title, kind_labels[kind, topic], n])

    donors, kinds = _choices(DonorKind.choices), _choices(AssistanceKind.choices)
    assistance = Sheet(
        book,
        pgettext("sheet", "Assistance"),
        [_("Date"), child, klass, _("Donor"), _("Kind"), _("Amount (yuan)")],
        [12, 12, 14, 20, 12, 12],
    )
    for _pk, day, name, class_id, donor, donor_kind, kind, amount in rows["assistance"]:
        assistance.write(
            [day, name, classes.get(class_id, ""), donor or donors.get(donor_kind), kinds.get(kind), amount]
        )
