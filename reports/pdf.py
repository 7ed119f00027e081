"""The semester summary as a PDF (WeasyPrint): the print layout of the summary page (A4, school and semester,
the signature line, page numbers) rendered on the server with the CJK font the machine has
(fonts-wqy-microhei, installed by scripts/system-deps.sh with Pango).

Nothing is fetched while rendering: the style sheets are read from the static files, and any URL in the
document (there should be none) is refused, so a narrative can never make the server fetch anything.
"""

from __future__ import annotations

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from organisation.models import Semester
from reports.pages import SummaryPage

STYLESHEETS = ("reports/summary-print.css", "reports/summary-pdf.css")


class FetchRefused(ValueError):
    pass


def _no_fetch(url: str, *args, **kwargs):
    raise FetchRefused(f"The summary's PDF fetches nothing: {url}")


def summary_pdf(semester: Semester, page: SummaryPage, request=None) -> bytes:
    """The PDF of a summary page (the version the page shows, or a head teacher's classes)."""
    from weasyprint import CSS, HTML  # imported here: it loads Pango, which only this view needs

    html = render_to_string("reports/summary_pdf.html", {"semester": semester, "page": page}, request=request)
    stylesheets = [CSS(filename=finders.find(name), url_fetcher=_no_fetch) for name in STYLESHEETS]
    return HTML(string=html, url_fetcher=_no_fetch).write_pdf(stylesheets=stylesheets)
