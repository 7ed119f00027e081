"""Pages load only the Bootstrap CSS they use (PurgeCSS at set-up, purgecss.config.js), and nothing they use
was trimmed away: every Bootstrap class a template writes or a page renders is still in build/bootstrap.min.css.
Pages load it in one stylesheet with ours (build/shouwang.min.css, assets/css/pages.css)."""

import re
from html.parser import HTMLParser
from pathlib import Path

from django.urls import reverse

from tests.matrix import ROLES, all_rows

ROOT = Path(__file__).resolve().parent.parent
FULL = ROOT / "node_modules" / "bootstrap" / "dist" / "css" / "bootstrap.min.css"
TRIMMED = ROOT / "build" / "bootstrap.min.css"
ONE_STYLESHEET = ROOT / "build" / "shouwang.min.css"
OURS = (ROOT / "assets" / "css" / "shouwang.css", ROOT / "assets" / "css" / "dashboard.css")
TEMPLATE_TAG = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.S)
CLASS_ATTRIBUTE = re.compile(r"""\bclass=(?:"([^"]*)"|'([^']*)')""", re.S)
# Bootstrap's JS puts these on elements; no template writes them.
SET_BY_BOOTSTRAP_JS = {"show", "collapsing", "fade"}


def css_classes(css: str) -> set[str]:
    """Every class a stylesheet's selectors name (declarations, where urls and numbers have dots, left out)."""
    return set().union(*(classes for classes, _ in selectors(css).values()))


def selectors(css: str) -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """Each selector of a stylesheet, with the classes and the attributes elements need for it to apply
    (not those inside :not())."""
    found = {}
    for group in re.findall(r"([^{}]+)\{[^{}]*\}", re.sub(r"/\*.*?\*/", "", css, flags=re.S)):
        for selector in group.split(","):
            selector = selector.strip()
            needed = re.sub(r":not\([^)]*\)", "", selector)
            classes = frozenset(re.findall(r"\.(-?[_a-zA-Z][\w-]*)", needed))
            found[selector] = (classes, frozenset(re.findall(r"\[([\w-]+)", needed)))
    return found


FULL_SELECTORS = selectors(FULL.read_text(encoding="utf-8"))
BOOTSTRAP = set().union(*(classes for classes, _ in FULL_SELECTORS.values()))


def trimmed() -> set[str]:
    return css_classes(TRIMMED.read_text(encoding="utf-8"))


def purged_rules(classes: set[str], attributes: set[str]) -> set[str]:
    """Bootstrap's selectors that apply to markup with these classes and attributes but were trimmed away."""
    kept = selectors(TRIMMED.read_text(encoding="utf-8"))
    return {
        selector
        for selector, (needs, needs_attributes) in FULL_SELECTORS.items()
        if needs and needs <= classes and needs_attributes <= attributes and selector not in kept
    }


class ClassCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.classes: set[str] = set()
        self.attributes: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            self.attributes.add(name)
            if name == "class" and value:
                self.classes.update(value.split())


def rendered(html: str) -> tuple[set[str], set[str]]:
    """The classes and the attribute names of a page's elements."""
    collector = ClassCollector()
    collector.feed(html)
    return collector.classes, collector.attributes


def template_classes() -> dict[str, tuple[set[str], set[str]]]:
    """Each template's literal classes, from every class="…" in it (each branch of an {% if %} included),
    and the words of the template (attribute names among them)."""
    found = {}
    for path in sorted((ROOT / "templates").rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        names = set()
        for match in CLASS_ATTRIBUTE.finditer(text):
            names.update(TEMPLATE_TAG.sub(" ", match.group(1) or match.group(2) or "").split())
        found[path.relative_to(ROOT).as_posix()] = (names, set(re.findall(r"[\w-]+", text)))
    return found


def test_the_trimmed_css_is_a_fraction_of_bootstrap():
    assert TRIMMED.stat().st_size < FULL.stat().st_size / 2
    assert len(trimmed()) < len(BOOTSTRAP) / 2


def test_every_bootstrap_rule_for_the_classes_a_template_writes_is_kept():
    missing = {path: rules for path, used in template_classes().items() if (rules := purged_rules(*used))}
    assert not missing, f"purged from build/bootstrap.min.css (run `npm run build:css`): {missing}"


def test_the_classes_bootstrap_js_and_messages_set_are_kept():
    assert SET_BY_BOOTSTRAP_JS | {"alert-info", "alert-success", "alert-warning", "alert-danger"} <= trimmed()
    # The navbar's dropdown menus, positioned statically by dropdown.js, and the phone menu's collapse.
    css = TRIMMED.read_text(encoding="utf-8")
    assert "[data-bs-popper]" in css
    assert ".navbar-expand-lg .navbar-collapse" in css


def test_every_bootstrap_rule_a_page_needs_is_kept(client, world):
    """Each page of the permission matrix, as the first role that may open it, and the login page: every
    Bootstrap selector whose classes the page's elements carry together is in the trimmed CSS."""
    missing: dict[str, set[str]] = {}
    pages = 0
    for row in all_rows():
        role = next((r for r in ROLES if r != "anonymous" and row.expected[r] == 200), None)
        if row.method != "get" or role is None:
            continue
        client.force_login(world.persona(role))
        response = client.get(reverse(row.url_name, kwargs=row.kwargs(world)))
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        pages += 1
        if rules := purged_rules(*rendered(response.content.decode())):
            missing[row.url_name] = rules
    client.logout()
    if rules := purged_rules(*rendered(client.get(reverse("login")).content.decode())):
        missing["login"] = rules
    assert pages > 100
    assert not missing, f"purged from build/bootstrap.min.css although a page uses it: {missing}"


def test_the_check_sees_a_purged_rule():
    assert "carousel-item" in BOOTSTRAP and "carousel-item" not in trimmed()
    assert ".carousel-item" in purged_rules(*rendered('<div class="carousel-item  active">'))
    assert purged_rules({"btn", "btn-success"}, {"class"}) == set()


def test_pages_load_one_stylesheet(client, world):
    """The login page and a head teacher's pages load one stylesheet before they paint (print's and the
    no-JavaScript one aside): Bootstrap's trimmed rules and ours in one file, one round trip."""
    pages = [client.get(reverse("login"))]
    client.force_login(world.head_teacher)
    pages += [client.get(reverse("pairing:my_week")), client.get(reverse("children:list"))]
    for response in pages:
        html = re.sub(r"<noscript>.*?</noscript>", "", response.content.decode(), flags=re.S)
        links = re.findall(r"<link\b[^>]*\brel=\"stylesheet\"[^>]*>", html)
        blocking = [link for link in links if 'media="print"' not in link]
        assert len(blocking) == 1 and "/static/css/shouwang.min.css" in blocking[0], blocking


def test_the_one_stylesheet_holds_the_trimmed_bootstrap_and_ours():
    def rules(css: str) -> set[str]:
        # esbuild writes a pseudo-element with one colon, combinators without spaces, and leaves out empty rules.
        found = {re.sub(r"\s*([>+~])\s*", r"\1", s.replace("::", ":")) for s in selectors(css)}
        return found - {"", ":before", ":after"}

    bundled = rules(ONE_STYLESHEET.read_text(encoding="utf-8"))
    for source in (TRIMMED, *OURS):
        css = re.sub(r"[^{}]+\{\s*\}", "", source.read_text(encoding="utf-8"))
        assert not rules(css) - bundled, f"{source.name} is not all in {ONE_STYLESHEET.name}: `npm run build:css`"
