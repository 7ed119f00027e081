"""The semester summary as a PDF (WeasyPrint): A4, the school and semester as text, page numbers; the same
readers as the page (a head teacher's is of their classes), no carer."""

import re
import shutil
import subprocess

import pytest
from django.urls import reverse

from reports import pdf
from reports.models import SemesterSummary

PDFTOTEXT = shutil.which("pdftotext")
PDFINFO = shutil.which("pdfinfo")


def _download(client, user, figure_school):
    client.force_login(user)
    response = client.get(reverse("reports:summary_pdf", args=[figure_school.semester.pk]))
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf" and "attachment" in response["Content-Disposition"]
    return response.content


def _text(content: bytes, tmp_path) -> str:
    """The PDF's text as pdftotext reads it (poppler-utils, installed by scripts/system-deps.sh test)."""
    source = tmp_path / "summary.pdf"
    source.write_bytes(content)
    return subprocess.run([PDFTOTEXT, "-layout", str(source), "-"], capture_output=True, check=True, text=True).stdout


@pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (poppler-utils) is not installed: system-deps.sh test")
def test_the_principal_downloads_the_summary_as_a_pdf_with_the_school_name_as_text(client, figure_school, tmp_path):
    SemesterSummary.objects.create(
        school=figure_school.school, semester=figure_school.semester, version=1, achievements="结对帮扶全覆盖。"
    )
    client.force_login(figure_school.principal)
    page = client.get(reverse("reports:summary", args=[figure_school.semester.pk])).content.decode()
    assert reverse("reports:summary_pdf", args=[figure_school.semester.pk]) in page  # the download link
    content = _download(client, figure_school.principal, figure_school)
    assert content.startswith(b"%PDF-")
    text = _text(content, tmp_path)
    assert "石桥小学" in text  # the school's name, in Chinese, as text (the CJK font is embedded)
    assert "结对帮扶全覆盖。" in text  # the narrative
    pages = text.count("\f")
    assert pages >= 1 and re.search(rf"\b1\s*/\s*{pages}\b", text)  # page numbers: "1 / N"
    assert "校长（签字）" in text  # the signature line


@pytest.mark.skipif(PDFINFO is None, reason="pdfinfo (poppler-utils) is not installed: system-deps.sh test")
def test_the_pdf_is_a4_and_fetches_nothing(figure_school, tmp_path):
    from reports.pages import summary_page

    source = tmp_path / "summary.pdf"
    source.write_bytes(pdf.summary_pdf(figure_school.semester, summary_page(figure_school.semester)))
    info = subprocess.run([PDFINFO, str(source)], capture_output=True, check=True, text=True).stdout
    assert "(A4)" in info
    with pytest.raises(pdf.FetchRefused):
        pdf._no_fetch("http://example.com/x.png")


@pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (poppler-utils) is not installed: system-deps.sh test")
def test_a_head_teachers_pdf_is_of_their_classes_and_a_carer_gets_none(client, figure_school, world, tmp_path):
    text = _text(_download(client, figure_school.head_teacher, figure_school), tmp_path)
    assert "石桥小学" in text and "所带班级" in text  # "Figures of your classes only: …"
    assert "校长（签字）" not in text  # no signature line: the principal signs the school's summary
    client.force_login(world.carer_user)
    assert client.get(reverse("reports:summary_pdf", args=[world.semester.pk])).status_code == 403


def test_making_a_pdf_leaves_a_cut_off_photo_refused(figure_school):
    # WeasyPrint's import switches on Pillow's LOAD_TRUNCATED_IMAGES for the whole process; after a PDF was made,
    # a photo cut off in its upload would decode and be accepted as an activity's evidence.
    from io import BytesIO

    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from activities.evidence import inspect_upload
    from reports.pages import summary_page

    assert pdf.summary_pdf(figure_school.semester, summary_page(figure_school.semester)).startswith(b"%PDF-")
    out = BytesIO()
    Image.new("RGB", (400, 300), (200, 80, 60)).save(out, "JPEG")
    cut_off = SimpleUploadedFile("活动.jpg", out.getvalue()[: len(out.getvalue()) // 2], content_type="image/jpeg")

    with pytest.raises(ValidationError) as refused:
        inspect_upload(cut_off)
    assert refused.value.code == "damaged_image"
