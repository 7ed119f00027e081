"""Every view of the project, found through the URL resolver, fed hostile values: none may answer 500.

For each URL pattern (its int ids filled from the permission matrix's rows for that URL, else from the
`world` by name, else with an id too large for the database), as a principal, a head teacher and a carer:
GET with each hostile value on every GET parameter the view's module reads, every input of the page and
the common filter names; POST the same values into every field of the page's POST forms (and of any form
in the template context, and every POST parameter the module reads), with a truncated JPEG in every file
field; a page with nothing to post (a plain list) is not posted to. A new view or form is covered without
touching this file.
"""

import inspect
import re
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import BaseForm
from django.forms.formsets import BaseFormSet
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from PIL import Image

from tests.matrix import all_rows

HUGE_ID = 99999999999999999999  # larger than any 64-bit database integer
HOSTILE = [
    str(HUGE_ID),
    "²",  # a digit to str.isdigit(), not to int()
    "1\x00",  # NUL: PostgreSQL refuses it in text
    "x" * 10_000,
    "2026-02-30",
    "1-1",
    "9999-12",
    "-1",
]
# Names lists and pickers commonly read, whether or not the page shows a control for them today.
COMMON_PARAMETERS = [
    "page", "q", "class", "school_class", "semester", "kind", "month", "year", "child", "activity", "carer",
    "status", "grade", "sort", "type", "gender", "poverty", "key_help", "date", "from", "to", "start", "end",
    "left_behind_type", "poverty_status", "is_key_help", "incomplete", "next", "pk", "id",
]  # fmt: skip
ROLES = ["principal", "head_teacher", "carer_user"]
SKIPPED = {"login", "logout"}  # signing in and out is not a form of the project's data
_FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S | re.I)
_INPUT = re.compile(r"<(?:input|select|textarea)\b[^>]*?\bname=\"([^\"]+)\"[^>]*>", re.S)
_FILE_INPUT = re.compile(r"<input\b[^>]*?\btype=\"file\"[^>]*?\bname=\"([^\"]+)\"|"
                         r"<input\b[^>]*?\bname=\"([^\"]+)\"[^>]*?\btype=\"file\"", re.S)  # fmt: skip
_READS = re.compile(r"""\b(GET|POST)(?:\.get|\.getlist)?\(\s*["'](\w+)["']|\b(GET|POST)\[\s*["'](\w+)["']\]""")


def _patterns(resolver: URLResolver | None = None, namespace: str = ""):
    """(URL name, pattern) for every named URL of the project, admin excluded."""
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _patterns(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name and f"{namespace}{entry.name}" not in SKIPPED:
            yield f"{namespace}{entry.name}", entry


PATTERNS = dict(_patterns())


def _kwargs(name: str, pattern: URLPattern, world) -> dict:
    """Ids of objects the principal may use, from the permission matrix; else the world's; else a huge id."""
    rows = [r for r in all_rows() if r.url_name == name]
    rows.sort(key=lambda r: (r.expected["principal"] not in (200, 302), r.method != "get"))
    if rows:
        kwargs = rows[0].kwargs(world)
        if kwargs or not pattern.pattern.converters:
            return kwargs
    return {
        key: getattr(getattr(world, key.removesuffix("_pk"), None), "pk", HUGE_ID) for key in pattern.pattern.converters
    }


def _module_reads(pattern: URLPattern) -> tuple[set[str], set[str]]:
    """The GET and POST parameter names the view's module reads by hand."""
    callback = getattr(pattern.callback, "view_class", pattern.callback)
    try:
        source = inspect.getsource(inspect.getmodule(callback))
    except (OSError, TypeError):
        return set(), set()
    reads = {"GET": set(), "POST": set()}
    for match in _READS.finditer(source):
        method, name = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
        reads[method].add(name)
    return reads["GET"], reads["POST"]


def _form_fields(response) -> set[str]:
    names: set[str] = set()
    for context in response.context or []:
        # A Context, or (a page that rendered a template of its own, e.g. a PDF's) one of its dicts.
        for value in (context.flatten() if hasattr(context, "flatten") else context).values():
            forms = list(value) if isinstance(value, BaseFormSet) else [value]
            if isinstance(value, BaseFormSet):
                forms.append(value.management_form)
            for form in forms:
                if isinstance(form, BaseForm):
                    names.update(form.add_prefix(field) for field in form.fields)
    return names


def truncated_jpeg(name: str = "photo.jpg") -> SimpleUploadedFile:
    out = BytesIO()
    Image.new("RGB", (400, 300), (200, 80, 60)).save(out, "JPEG")
    data = out.getvalue()
    return SimpleUploadedFile(name, data[: len(data) // 2], content_type="image/jpeg")


def _request(client, failures: list[str], method: str, url: str, data: dict, note: str):
    try:
        response = getattr(client, method)(url, data)
    except Exception as error:  # the test client re-raises what would have been a 500
        failures.append(f"{method.upper()} {url} {note}: {type(error).__name__}: {str(error)[:200]}")
        return None
    if response.status_code >= 500:
        failures.append(f"{method.upper()} {url} {note}: status {response.status_code}")
    return response


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_hostile_values_never_cause_a_server_error(world, name):
    pattern = PATTERNS[name]
    url = reverse(name, kwargs=_kwargs(name, pattern, world))
    get_reads, post_reads = _module_reads(pattern)
    failures: list[str] = []
    for role in ROLES:
        client = Client()
        client.force_login(getattr(world, role))
        page = _request(client, failures, "get", url, {}, f"as {role}")
        if page is None or page.status_code in (403, 404):
            continue  # refused before any value is read
        html = page.content.decode(errors="replace") if page.status_code == 200 and not page.streaming else ""
        inputs = set(_INPUT.findall(html)) - {"csrfmiddlewaretoken"}
        files = {a or b for a, b in _FILE_INPUT.findall(html)}
        posted = "".join(body for attrs, body in _FORM.findall(html) if 'method="post"' in attrs.lower())
        fields = (set(_INPUT.findall(posted)) | _form_fields(page) | post_reads) - files - {"csrfmiddlewaretoken"}
        takes_post = bool(fields or files) or page.status_code == 405  # a list without forms is not posted to
        parameters = inputs | get_reads | set(COMMON_PARAMETERS)
        for value in HOSTILE:
            note = f"as {role} with {value[:20]!r}"
            if page.status_code != 405:
                _request(client, failures, "get", url, dict.fromkeys(parameters, value), note)
            if takes_post:
                data = dict.fromkeys(fields, value) | {field: truncated_jpeg() for field in files}
                client.force_login(getattr(world, role))  # a hostile POST may have changed the session
                _request(client, failures, "post", url, data, note)
    assert not failures, "\n".join(failures)
