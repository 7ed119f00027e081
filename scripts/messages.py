"""Compile and check translations with polib, so no gettext tools are needed on the machine.

python scripts/messages.py compile   # every locale/*/LC_MESSAGES/django.po -> .mo (when newer)
python scripts/messages.py check     # fail on untranslated or fuzzy zh-hans strings
"""

import sys
from pathlib import Path

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
    return 1 if problems else 0


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "compile"
    sys.exit({"compile": compile_all, "check": check}[command]())
