"""Compile and check translations with polib, so no gettext tools are needed on the machine.

python scripts/messages.py compile   # every locale/*/LC_MESSAGES/django.po -> .mo (when newer)
python scripts/messages.py check     # fail on untranslated or fuzzy zh-hans strings, or on conflicts
python scripts/messages.py conflicts # fail when two catalogs translate one msgid (no msgctxt) differently
"""

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

import polib

ROOT = Path(__file__).resolve().parent.parent
SKIP = {".venv", "node_modules", ".git"}


def catalogs() -> list[Path]:
    return sorted(
        p for p in ROOT.glob("**/locale/*/LC_MESSAGES/django.po") if not SKIP.intersection(p.relative_to(ROOT).parts)
    )


def compile_all() -> int:
    for po_path in catalogs():
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
            print(f"compiled {mo_path.relative_to(ROOT)}")
    return 0


class Conflict(NamedTuple):
    msgctxt: str | None
    msgid: str
    translations: dict[str, str]  # catalog (relative path) -> msgstr


def find_conflicts(po_paths: Iterable[Path], root: Path = ROOT) -> list[Conflict]:
    """One msgid (in one msgctxt, or in none) must mean one thing: Django merges every app's catalog into one, so
    when two catalogs translate it differently, one of them silently wins on every page (the project's locale/,
    then the app listed first in INSTALLED_APPS). A msgid with a context is a different entry from the same msgid
    without one. Plural entries compare all their forms; untranslated entries are left to `check`."""
    seen: dict[tuple[str | None, str], dict[str, str]] = {}
    for po_path in po_paths:
        for entry in polib.pofile(str(po_path)):
            if entry.obsolete or not entry.translated():
                continue
            if entry.msgid_plural:
                msgstr = " | ".join(entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural))
            else:
                msgstr = entry.msgstr
            seen.setdefault((entry.msgctxt, entry.msgid), {})[_relative(po_path, root)] = msgstr
    return [
        Conflict(msgctxt, msgid, translations)
        for (msgctxt, msgid), translations in sorted(seen.items(), key=lambda item: (item[0][1], item[0][0] or ""))
        if len(set(translations.values())) > 1
    ]


def _relative(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def zh_hans_catalogs() -> list[Path]:
    return [p for p in catalogs() if "zh_Hans" in p.parts]


def conflicts() -> int:
    found = find_conflicts(zh_hans_catalogs())
    for conflict in found:
        where = f" in context {conflict.msgctxt!r}" if conflict.msgctxt is not None else ""
        print(f"conflict: {conflict.msgid!r}{where} is translated differently (give each meaning its own context)")
        for catalog, msgstr in conflict.translations.items():
            print(f"    {catalog}: {msgstr!r}")
    print(f"{len(found)} msgid(s) translated differently in two zh-hans catalogs")
    return 1 if found else 0


def check() -> int:
    problems = 0
    for po_path in catalogs():
        if "zh_Hans" not in po_path.parts:
            continue
        po = polib.pofile(str(po_path))
        for entry in po:
            if entry.obsolete:
                continue
            missing = not entry.translated()
            if missing or "fuzzy" in entry.flags:
                problems += 1
                kind = "fuzzy" if "fuzzy" in entry.flags else "untranslated"
                print(f"{po_path.relative_to(ROOT)}: {kind}: {entry.msgid!r}")
    print(f"{problems} untranslated or fuzzy zh-hans string(s) in {len(catalogs())} catalog(s)")
    return 1 if conflicts() or problems else 0


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "compile"
    sys.exit({"compile": compile_all, "check": check, "conflicts": conflicts}[command]())
