"""Django merges every catalog into one, so a msgid two catalogs translate differently shows one of the two
translations everywhere: scripts/messages.py's conflict check must find that, and the real catalogs must have none."""

import importlib.util
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("messages_script", ROOT / "scripts" / "messages.py")
messages_script = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(messages_script)


def _catalog(path: Path, *entries: polib.POEntry) -> Path:
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "zh_Hans"}
    po.extend(entries)
    path.parent.mkdir(parents=True)
    po.save(str(path))
    return path


def test_no_msgid_is_translated_differently_in_two_of_the_real_catalogs():
    catalogs = messages_script.zh_hans_catalogs()
    assert len(catalogs) >= 6  # the project's and the five apps'
    assert messages_script.find_conflicts(catalogs) == []


def test_a_msgid_translated_differently_in_two_catalogs_is_a_conflict_naming_both(tmp_path):
    pairing = _catalog(
        tmp_path / "pairing" / "django.po",
        polib.POEntry(msgid="Missing", msgstr="失踪"),
        polib.POEntry(msgid="Class", msgstr="班级"),
    )
    reports = _catalog(
        tmp_path / "reports" / "django.po",
        polib.POEntry(msgid="Missing", msgstr="未报送"),
        polib.POEntry(msgid="Class", msgstr="班级"),
    )

    conflicts = messages_script.find_conflicts([pairing, reports], root=tmp_path)

    assert conflicts == [
        messages_script.Conflict(None, "Missing", {"pairing/django.po": "失踪", "reports/django.po": "未报送"})
    ]


def test_the_same_msgid_with_a_context_is_not_a_conflict_but_the_same_context_twice_is(tmp_path):
    pairing = _catalog(
        tmp_path / "pairing" / "django.po",
        polib.POEntry(msgctxt="safety event", msgid="Missing", msgstr="失踪"),
        polib.POEntry(msgctxt="number of children", msgid="Children", msgstr="儿童数"),
    )
    reports = _catalog(
        tmp_path / "reports" / "django.po",
        polib.POEntry(msgid="Missing", msgstr="未报送"),
        polib.POEntry(msgctxt="number of children", msgid="Children", msgstr="人数"),
    )

    conflicts = messages_script.find_conflicts([pairing, reports], root=tmp_path)

    assert [(c.msgctxt, c.msgid) for c in conflicts] == [("number of children", "Children")]


def test_the_conflicts_command_fails_and_prints_both_translations(tmp_path, monkeypatch, capsys):
    pairing = _catalog(tmp_path / "pairing" / "django.po", polib.POEntry(msgid="Missing", msgstr="失踪"))
    reports = _catalog(tmp_path / "reports" / "django.po", polib.POEntry(msgid="Missing", msgstr="未报送"))
    monkeypatch.setattr(messages_script, "zh_hans_catalogs", lambda: [pairing, reports])

    assert messages_script.conflicts() == 1
    out = capsys.readouterr().out
    assert "'Missing'" in out and "'失踪'" in out and "'未报送'" in out


def test_the_check_command_runs_the_conflict_check(monkeypatch):
    monkeypatch.setattr(messages_script, "conflicts", lambda: 1)
    assert messages_script.check() == 1
