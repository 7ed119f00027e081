"""Content-Security-Policy: every page sends it, it allows nothing inline, and no template needs it to.

The policy (config/settings.py) allows scripts and styles from our own static files only, so an inline
<script>, an onclick="…" or a style="…" in a template would be blocked by the browser: the template scan
below fails on the first one, wherever it is added."""

import re
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.matrix import ROLES, all_rows

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_DIRS = [ROOT / "templates", *sorted(ROOT.glob("*/templates"))]
PERSONAS = [role for role in ROLES if role != "anonymous"]


def parameterless_url_names(resolver: URLResolver | None = None, namespace: str = "") -> list[str]:
    """Every named URL of the project that takes no argument, from the resolver (the admin's aside)."""
    names = []
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin" or pattern.pattern.converters:
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names += parameterless_url_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name and not pattern.pattern.converters:
            names.append(f"{namespace}{pattern.name}")
    return names


def assert_strict_policy(response, what: str) -> None:
    policy = response.get("Content-Security-Policy")
    assert policy, f"{what}: no Content-Security-Policy header"
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'", f"{what}: {policy}"
    assert directives["style-src"] == "'self'", f"{what}: {policy}"
    assert directives["default-src"] == "'self'", f"{what}: {policy}"
    assert directives["object-src"] == "'none'", f"{what}: {policy}"
    assert directives["frame-ancestors"] == "'none'", f"{what}: {policy}"
    assert "unsafe-inline" not in policy, f"{what}: {policy}"
    assert "unsafe-eval" not in policy, f"{what}: {policy}"


def test_the_resolver_yields_the_pages_this_test_relies_on():
    names = parameterless_url_names()
    assert {"home", "login", "children:list", "activities:assistance_list", "pairing:norm_list"} <= set(names)


@pytest.mark.parametrize("role", PERSONAS)
def test_every_page_without_arguments_sends_the_strict_policy(client, world, role):
    client.force_login(world.persona(role))
    for name in parameterless_url_names():
        response = client.get(reverse(name))
        assert_strict_policy(response, f"{role} GET {name} ({response.status_code})")


def test_every_detail_page_of_the_permission_matrix_sends_the_strict_policy(client, world):
    client.force_login(world.principal)
    seen = 0
    for row in all_rows():
        kwargs = row.kwargs(world) if row.method == "get" else None
        if not kwargs:
            continue
        response = client.get(reverse(row.url_name, kwargs=kwargs))
        assert_strict_policy(response, f"principal GET {row.url_name} ({response.status_code})")
        seen += 1
    assert seen >= 10


@pytest.mark.parametrize(
    "url_name", ["children:detail", "guardians:contact_card", "pairing:class_grid", "activities:assistance_list"]
)
def test_pages_whose_handlers_moved_to_the_static_script_send_the_policy_and_load_the_script(client, world, url_name):
    client.force_login(world.head_teacher)
    if url_name in {"children:detail", "guardians:contact_card"}:
        url = reverse(url_name, kwargs={"pk": world.child_1.pk})
    elif url_name == "pairing:class_grid":
        url = reverse(url_name, kwargs={"pk": world.class_1.pk})
    else:
        url = reverse(url_name)
    response = client.get(url)
    assert response.status_code == 200
    assert_strict_policy(response, url_name)
    assert re.search(r'<script src="[^"]*js/shouwang\.js" defer>', response.content.decode())


def test_the_login_page_a_404_and_a_403_send_the_strict_policy(client, world):
    assert_strict_policy(client.get(reverse("login")), "login page")
    client.force_login(world.head_teacher)
    missing = client.get("/children/999999999/")
    assert missing.status_code == 404
    assert_strict_policy(missing, "404 page")
    forbidden = client.get(reverse("organisation:staff_list"))
    assert forbidden.status_code == 403
    assert_strict_policy(forbidden, "403 page")


# --- Templates: nothing the policy would block. ---

INLINE_SCRIPT = re.compile(r"<script\b[^>]*>(?P<body>.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
STYLE_ELEMENT = re.compile(r"<style\b", re.IGNORECASE)
# An attribute inside a tag: `<tag … onclick=` or `<tag … style=`. Template tags inside a tag hold no < or >.
EVENT_HANDLER = re.compile(r"<[a-zA-Z][^<>]*?\s(?P<attr>on[a-z]+)\s*=", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[a-zA-Z][^<>]*?\sstyle\s*=", re.IGNORECASE)


def template_files() -> list[Path]:
    return sorted(path for folder in TEMPLATE_DIRS for path in folder.rglob("*.html"))


def inline_code_in(text: str) -> list[str]:
    """What in a template's text a policy without 'unsafe-inline' would block, one line each."""
    found = []
    for match in INLINE_SCRIPT.finditer(text):
        if match.group("body").strip():
            found.append(f"inline <script>: {match.group(0)[:60]!r}")
    found += [f"<style> element: {m.group(0)!r}" for m in STYLE_ELEMENT.finditer(text)]
    found += [f"event handler {m.group('attr')}=: {m.group(0)[-60:]!r}" for m in EVENT_HANDLER.finditer(text)]
    found += [f"style= attribute: {m.group(0)[-60:]!r}" for m in STYLE_ATTRIBUTE.finditer(text)]
    return found


def test_the_template_scan_finds_each_kind_of_inline_code():
    assert inline_code_in('<button type="button" onclick="window.print()">') != []
    assert inline_code_in('<select name="s"\n        onchange="this.form.submit()">') != []
    assert inline_code_in('<th class="small" style="min-width: 7rem">') != []
    assert inline_code_in("<script>alert(1)</script>") != []
    assert inline_code_in("<style>.card { color: red }</style>") != []
    assert inline_code_in('<script src="/static/js/shouwang.js" defer></script>') == []
    assert inline_code_in('<button data-action="print" data-confirm="{% translate \'Sure?\' %}">') == []
    assert inline_code_in("<p>Carry on = keep going; the style is plain.</p>") == []


def test_no_template_has_inline_scripts_styles_or_event_handlers():
    files = template_files()
    assert any(path.name == "base.html" for path in files)
    offences = [
        f"{path.relative_to(ROOT)}: {finding}" for path in files for finding in inline_code_in(path.read_text())
    ]
    assert offences == []
