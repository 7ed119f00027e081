"""Dates in exports are written as the Excel serial numbers write_datetime would store, converted once per value."""

from datetime import date, datetime, timedelta
from io import BytesIO

import openpyxl
from xlsxwriter.utility import _datetime_to_excel_datetime

from organisation.exports import DATE, Column, Sheet, excel_serial, workbook_bytes


def test_a_day_or_a_moment_has_the_serial_number_xlsxwriter_would_give_it():
    days = [date(1900, 3, 1), date(1970, 1, 1), date(2000, 2, 29), date(2026, 12, 31), date(2099, 6, 15)]
    moments = [datetime(2026, 9, 1, 23, 30), datetime(2027, 1, 15, 8, 5, 7, 250000), datetime(1900, 3, 1, 0, 0, 1)]
    for value in days + moments:
        assert excel_serial(value) == _datetime_to_excel_datetime(value, False, False), value


def test_days_before_march_1900_are_left_to_xlsxwriter():
    assert excel_serial(date(1900, 2, 28)) is None
    assert excel_serial(datetime(1899, 12, 31, 12)) is None


def test_an_export_reads_back_each_row_with_its_own_date_and_time():
    start = date(2026, 9, 1)
    rows = [start + timedelta(days=n % 40) for n in range(200)] + [datetime(2026, 10, 3, 14, 45), date(1900, 1, 5)]
    sheet = Sheet("dates", [Column("Date", lambda value: value, kind=DATE)], rows)
    read = openpyxl.load_workbook(BytesIO(workbook_bytes([sheet])), read_only=True)
    cells = [row[0] for row in read.active.iter_rows(min_row=2, values_only=True)]
    assert [
        cell.date() if isinstance(value, date) and not isinstance(value, datetime) else cell
        for cell, value in zip(cells, rows, strict=True)
    ] == rows
