"""The printed 自查报告 / 督导报告: a PDF and a workbook of the frozen version, with scores and no child's name."""

import io
import shutil
import subprocess
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from inspection import services
from inspection.models import Item

pytestmark = pytest.mark.django_db
PDFTOTEXT = shutil.which("pdftotext")


def _text(content: bytes, tmp_path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    return subprocess.run([PDFTOTEXT, "-layout", str(path), "-"], capture_output=True, check=True, text=True).stdout


@pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (poppler-utils) is not installed: system-deps.sh test")
def test_the_accepted_inspection_prints_as_a_督导报告_with_both_scores(client, world, submitted, index, tmp_path):
    item = Item.objects.get(section__index=index, section__order=1, order=2)
    services.review_save(
        inspection=submitted, user=world.district_officer, scores={item.pk: (Decimal("0.2"), "会议记录不全", None)}
    )
    services.inspection_accept(inspection=submitted, user=world.district_officer)
    client.force_login(world.district_officer)
    response = client.get(reverse("inspection:report_pdf", args=[submitted.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = _text(response.content, tmp_path)
    assert "督导报告" in text and world.school.name in text and "会议记录不全" in text
    assert world.child_1.name not in text


def test_the_workbook_has_a_row_per_item_with_the_schools_and_the_districts_score(client, world, submitted, index):
    item = Item.objects.get(section__index=index, section__order=1, order=2)
    services.review_save(
        inspection=submitted, user=world.district_officer, scores={item.pk: (Decimal("0.2"), "", None)}
    )
    client.force_login(world.principal)
    response = client.get(reverse("inspection:report_workbook", args=[submitted.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 1 + Item.objects.filter(section__index=index).count()
    meetings = next(r for r in rows if r[1] and item.title in r[1])
    assert (meetings[2], meetings[6], meetings[9]) == (0.5, 0.5, 0.2)
