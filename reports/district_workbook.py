"""The district workbook (XlsxWriter, with the summary workbook's Book and cells): the roll-up, the schools'
figures side by side and, for a window, every school's report status. Title rows first (district, period,
date), then the table; numbers as numbers; counts only, never a name."""

from __future__ import annotations

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from reports.district import Rollup
from reports.figures import Rate
from reports.summary import label_for
from reports.workbook import Book, Percent, Sheet, _value

TITLE_ROWS = 3


def _cell(value):
    if isinstance(value, Rate):
        return Percent(value)
    return value


def _sheet(book: Book, name: str, rollup: Rollup, headers: list[str], widths: list[int]) -> Sheet:
    sheet = Sheet(book, name, [rollup.title], widths)
    sheet.write([_("District: %(district)s") % {"district": rollup.district}])
    sheet.write([_("Made on %(day)s") % {"day": timezone.localdate().isoformat()}])
    sheet.write(headers, header=True)
    sheet.ws.freeze_panes(TITLE_ROWS + 1, 1)
    sheet.ws.repeat_rows(TITLE_ROWS)
    return sheet


def district_workbook(rollup: Rollup, states: list | None = None) -> bytes:
    out = io.BytesIO()
    book = Book(out)
    labels = [label for _key, label, _kind in rollup.columns]
    sheet = _sheet(book, _("Roll-up"), rollup, [_("School"), *labels], [24] + [12] * len(labels))
    for row in rollup.rows:
        name = row.school.name
        if row.provisional:
            name = _("%(school)s (not submitted, live figures)") % {"school": name}
        sheet.write([name, *[_cell(v) for v in row.values]])
    sheet.write([pgettext("totals row", "Total"), *[_cell(v) for v in rollup.totals.values]])

    # Every figure of every school side by side, in the order of the first school that has figures: its
    # snapshot's, or for a school that has not submitted in an open window, the live figures of the roll-up.
    order: list[str] = []
    norms: dict[str, str] = {}
    values: dict[int, dict[str, object]] = {}
    for row in rollup.rows:
        norms.update((getattr(row.source, "snapshot", None) or {}).get("norms", {}))
    for row in rollup.rows:
        figures = row.figures
        if figures is None:
            continue
        values[row.school.pk] = {}
        for key, value in figures:
            if key not in values[row.school.pk] and key not in order:
                order.append(key)
            values[row.school.pk][key] = value
    schools = [row.school for row in rollup.rows]
    sheet = _sheet(
        book, _("Figures by school"), rollup, [_("Figure"), *[s.name for s in schools]], [36] + [14] * len(schools)
    )
    for key in order:
        cells = [_value(values[s.pk][key]) if key in values.get(s.pk, {}) else None for s in schools]
        sheet.write([label_for(key, norms), *cells])

    if states is not None:
        sheet = _sheet(
            book,
            _("Report status"),
            rollup,
            [_("School"), _("Status"), _("Submitted"), _("Days late"), _("Version")],
            [24, 16, 14, 10, 10],
        )
        for school, state in states:
            submitted = state.submitted
            sheet.write(
                [
                    school.name,
                    state.label,
                    timezone.localtime(submitted.submitted_at).date() if submitted else None,
                    state.days_late,
                    state.latest.version if state.latest else None,
                ]
            )
    book.wb.close()
    return out.getvalue()
