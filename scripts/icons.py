"""Write static/icons.svg: one SVG sprite of the Bootstrap Icons the pages use, instead of the whole icon font.

python scripts/icons.py          # rewrite static/icons.svg from node_modules/bootstrap-icons/icons/*.svg
python scripts/icons.py check    # fail when the sprite is not what this script would write

Templates draw an icon with `{% icon "plus-lg" %}` (organisation/templatetags/icons.py); Python code hands
templates an icon as "bi-<name>" (child page sections). Both are read here; tests/test_icon_sprite.py fails
when a page uses an icon the sprite lacks, or when the sprite is stale.
"""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "node_modules" / "bootstrap-icons" / "icons"
SPRITE = ROOT / "static" / "icons.svg"
SKIP = {".venv", "node_modules", ".git", "tests", "build", "staticfiles", "scripts"}
TEMPLATE_ICON = re.compile(r"""\{%\s*icon\s+["']([a-z0-9-]+)["']""")
PYTHON_ICON = re.compile(r"""["']bi-([a-z0-9-]+)["']|\bicon\(["']([a-z0-9-]+)["']""")
SVG = re.compile(r'<svg [^>]*viewBox="([^"]+)"[^>]*>(.*)</svg>', re.S)


def _sources(pattern: str):
    return sorted(p for p in ROOT.glob(pattern) if not SKIP.intersection(p.relative_to(ROOT).parts))


def used_icons() -> dict[str, list[str]]:
    """Each icon name the pages use, with the files that use it."""
    used: dict[str, list[str]] = {}
    for paths, pattern in ((_sources("**/templates/**/*.html"), TEMPLATE_ICON), (_sources("**/*.py"), PYTHON_ICON)):
        for path in paths:
            for match in pattern.finditer(path.read_text(encoding="utf-8")):
                name = next(group for group in match.groups() if group)
                used.setdefault(name, []).append(path.relative_to(ROOT).as_posix())
    return dict(sorted(used.items()))


def sprite(names) -> str:
    symbols = []
    for name in sorted(names):
        view_box, body = SVG.search((ICONS / f"{name}.svg").read_text(encoding="utf-8")).groups()
        body = " ".join(line.strip() for line in body.strip().splitlines())
        symbols.append(f'<symbol id="{name}" viewBox="{view_box}">{body}</symbol>')
    return (
        "<!-- Written by scripts/icons.py from Bootstrap Icons (MIT licence); do not edit. -->\n"
        '<svg xmlns="http://www.w3.org/2000/svg">\n' + "\n".join(symbols) + "\n</svg>\n"
    )


def sprite_icons(text: str) -> set[str]:
    return set(re.findall(r'<symbol id="([^"]+)"', text))


def main(argv: list[str]) -> int:
    expected = sprite(used_icons())
    if argv[1:] == ["check"]:
        if not SPRITE.exists() or SPRITE.read_text(encoding="utf-8") != expected:
            print("static/icons.svg is stale: run `.venv/bin/python scripts/icons.py`", file=sys.stderr)
            return 1
        return 0
    SPRITE.write_text(expected, encoding="utf-8")
    print(f"wrote {SPRITE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
