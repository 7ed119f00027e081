"""The printed 自查报告 (a school's self-inspection) and 督导报告 (with the district's scores): a PDF rendered by
WeasyPrint as the semester summary's (reports.pdf: nothing fetched, the CJK font of the machine), and a
workbook through the project's export writer (organisation.exports). Scores and values only: no child's name
is in either."""

from __future__ import annotations

from datetime import date

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from inspection.models import Index, Inspection
from inspection.selectors import SectionRows, index_sections, live_rows, rows_of
from organisation.exports import NUMBER, TEXT, XLSX_CONTENT_TYPE, Column, Sheet, workbook_bytes
from organisation.models import School
from reports.figures import Period
from reports.pdf import STYLESHEETS, _no_fetch, _weasyprint

XLSX = XLSX_CONTENT_TYPE


def draft_rows(school: School, index: Index, period: Period) -> list[SectionRows]:
    """The rows of a self-inspection not begun yet: the computed values read now, nothing scored by hand."""
    return live_rows(school, index_sections(index), period, {})


def snapshot_period(inspection: Inspection) -> Period:
    start, end = inspection.snapshot["period"]
    return Period(date.fromisoformat(start), date.fromisoformat(end))


def file_name(inspection: Inspection, extension: str) -> str:
    kind = _("inspection-report") if inspection.is_accepted else _("self-inspection-report")
    return f"{kind}-{inspection.school.code}-{inspection.index.school_year}-v{inspection.version}.{extension}"


def report_pdf(inspection: Inspection, request=None) -> bytes:
    CSS, HTML = _weasyprint()
    html = render_to_string(
        "inspection/report_pdf.html",
        {"inspection": inspection, "sections": rows_of(inspection), "period": snapshot_period(inspection)},
        request=request,
    )
    stylesheets = [CSS(filename=finders.find(name), url_fetcher=_no_fetch) for name in STYLESHEETS]
    return HTML(string=html, url_fetcher=_no_fetch).write_pdf(stylesheets=stylesheets)


def report_workbook(inspection: Inspection) -> bytes:
    rows = [(section, row) for section in rows_of(inspection) for row in section.rows]
    reviewed = inspection.district_total is not None
    columns = [
        Column(_("Section"), lambda r: r[0].title, TEXT, 16),
        Column(_("Item"), lambda r: f"{r[1].code} {r[1].title}", TEXT, 40),
        Column(_("Points"), lambda r: r[1].points, NUMBER, 8),
        Column(_("Evidence"), lambda r: r[1].evidence_label, TEXT, 14),
        Column(_("Value"), lambda r: r[1].value_text, TEXT, 16),
        Column(_("Score by the rule"), lambda r: r[1].rule_score, NUMBER, 10),
        Column(_("Self-inspection score"), lambda r: r[1].score, NUMBER, 10),
        Column(_("Note"), lambda r: r[1].note, TEXT, 30),
        Column(_("Files"), lambda r: len(r[1].files), NUMBER, 8),
        Column(_("Inspection score"), lambda r: r[1].inspection_score if reviewed else None, NUMBER, 10),
        Column(_("Finding"), lambda r: r[1].finding, TEXT, 30),
        Column(_("To be corrected by"), lambda r: r[1].finding_due, "date", 12),
    ]
    return workbook_bytes([Sheet(str(inspection.school), columns, rows)])
