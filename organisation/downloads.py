"""The one way every download names its file."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from django.http import HttpResponse


def ascii_fallback(filename: str) -> str:
    """The name for a client that reads only ``filename=``: its ASCII letters, digits and ``.-_``
    (`学期工作总结-2026-1.xlsx` → `2026-1.xlsx`), or ``download`` plus the extension when nothing is left."""
    stem, dot, ext = filename.rpartition(".")
    if not dot:
        stem, ext = filename, ""
    stem, ext = _ascii(stem).strip("-_."), _ascii(ext)
    return f"{stem or 'download'}{'.' if ext else ''}{ext}"


def _ascii(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9._-]+", "", plain)


def content_disposition(filename: str, *, inline: bool = False) -> str:
    """``attachment; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded name>`` (RFC 6266 with
    RFC 5987's encoding): every current browser saves the Chinese name; an old one the ASCII one."""
    kind = "inline" if inline else "attachment"
    encoded = quote(filename, safe="")
    return f"{kind}; filename=\"{ascii_fallback(filename)}\"; filename*=UTF-8''{encoded}"


def attach(response: HttpResponse, filename: str, *, inline: bool = False) -> HttpResponse:
    """Name the response's file `filename` (translated, with its extension) for download; returns the response."""
    response["Content-Disposition"] = content_disposition(str(filename), inline=inline)
    return response
