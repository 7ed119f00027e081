"""Every download names its file in Chinese (filename*=UTF-8''…) with an ASCII fallback (filename="…")."""

import re
from urllib.parse import unquote

from django.urls import reverse

from organisation.downloads import ascii_fallback, content_disposition


def _names(header: str) -> tuple[str, str]:
    """(the RFC 5987 name a browser saves, the ASCII fallback)."""
    encoded = re.search(r"filename\*=UTF-8''([^;\s]+)", header)
    plain = re.search(r'filename="([^"]*)"', header)
    assert encoded and plain, header
    return unquote(encoded.group(1)), plain.group(1)


def test_the_header_carries_the_chinese_name_and_an_ascii_fallback():
    header = content_disposition("学期工作总结-2026-1.xlsx")
    assert header.startswith("attachment; ")
    assert "filename*=UTF-8''%E5%AD%A6" in header
    assert 'filename="2026-1.xlsx"' in header
    assert _names(header)[0] == "学期工作总结-2026-1.xlsx"


def test_a_name_with_nothing_ascii_falls_back_to_download():
    assert ascii_fallback("留守儿童名单.xlsx") == "download.xlsx"


def test_the_summary_workbook_saves_under_its_chinese_name(client, world):
    client.force_login(world.principal)
    response = client.get(reverse("reports:summary_workbook", args=[world.semester.pk]))
    assert response.status_code == 200
    name, fallback = _names(response["Content-Disposition"])
    assert name.startswith("学期工作总结-") and name.endswith(".xlsx")
    assert fallback.isascii() and fallback.endswith(".xlsx")
