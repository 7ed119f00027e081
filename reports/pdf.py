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


def _weasyprint():
    """WeasyPrint, imported on first use (it loads Pango, which only this view needs).

    Importing it sets Pillow's process-wide LOAD_TRUNCATED_IMAGES, after which a photo cut off in its upload
    would decode without error and be accepted as evidence (activities.evidence). The summary's PDF holds no
    image, so the setting is put back as it was."""
    from PIL import ImageFile

    truncated = ImageFile.LOAD_TRUNCATED_IMAGES
    from weasyprint import CSS, HTML

    ImageFile.LOAD_TRUNCATED_IMAGES = truncated
    return CSS, HTML


def summary_pdf(semester: Semester, page: SummaryPage, request=None) -> bytes:
    """The PDF of a summary page (the version the page shows, or a head teacher's classes)."""
    CSS, HTML = _weasyprint()

    html = render_to_string("reports/summary_pdf.html", {"semester": semester, "page": page}, request=request)
    stylesheets = [CSS(filename=finders.find(name), url_fetcher=_no_fetch) for name in STYLESHEETS]
    return HTML(string=html, url_fetcher=_no_fetch).write_pdf(stylesheets=stylesheets)
