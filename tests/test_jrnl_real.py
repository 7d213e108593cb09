"""Importing what jrnl 4.6 itself writes: journal files, folder journals and its md / txt / json exports.

tests/data/jrnl/ was written by real jrnl (`python -m tools.jrnl_fixtures tests/data/jrnl`) for three
timeformats — jrnl 4.6's first-run `%F %r`, `%Y-%m-%d %H:%M` and day-first `%d/%m/%Y %H:%M`; the ground
truth for every file is jrnl's own `--export json` of the same journal. The last tests drive the installed jrnl
live, so a jrnl that writes differently from the committed files is noticed.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
import yaml

from learnlog.importers import read_all, read_file
from tests.helpers import as_json
from tools.jrnl_fixtures import ENTRIES, TIMEFORMATS, install, jrnl

DATA = Path(__file__).parent / "data" / "jrnl"
SOURCES = {
    # what the user points learnlog at -> (the json export that is its truth, the format learnlog reports)
    "journal.txt": ("journal-export.json", "jrnl"),
    "folder": ("folder-export.json", "jrnl"),
    "journal-export.txt": ("journal-export.json", "jrnl"),
    "folder-export.txt": ("folder-export.json", "jrnl"),
    "journal-export.md": ("journal-export.json", "jrnl-md"),
    "folder-export.md": ("folder-export.json", "jrnl-md"),
    "journal-export.json": ("journal-export.json", "jrnl-json"),
    "folder-export.json": ("folder-export.json", "jrnl-json"),
    "per-entry-md": ("journal-export.json", "jrnl-md"),
    "per-entry-txt": ("journal-export.json", "jrnl"),
    "per-entry-json": ("journal-export.json", "jrnl-json"),
}


@pytest.fixture(autouse=True)
def _no_jrnl_config(tmp_path, monkeypatch):
    """No jrnl config unless a test installs one: the format must be recognised from the file alone."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home" / ".config"))


def truth(path: Path, with_stars: bool = True) -> list[tuple]:
    """jrnl's own json export as (local time, title, body, tags as learnlog names them), sorted."""
    rows = []
    for e in json.loads(path.read_text(encoding="utf-8"))["entries"]:
        tags = {t.lstrip("#@") for t in e["tags"]} | ({"starred"} if e["starred"] and with_stars else set())
        when = dt.datetime.strptime(f"{e['date']} {e['time']}", "%Y-%m-%d %H:%M")
        rows.append((when, e["title"], e["body"], sorted(tags)))
    return sorted(rows)


def imported(entries) -> list[tuple]:
    return sorted(
        (e.created.astimezone().replace(tzinfo=None, second=0), e.title, e.body, sorted(e.tags)) for e in entries
    )


def test_fixtures_hold_every_entry_in_every_timeformat():
    for name in TIMEFORMATS:
        for export in ("journal-export.json", "folder-export.json"):
            assert len(truth(DATA / name / export)) == len(ENTRIES), (name, export)
    # jrnl 4.6's first-run config, as the issue describes it.
    default = yaml.safe_load((DATA / "default-config.yaml").read_text(encoding="utf-8"))
    assert (default["timeformat"], default["tagsymbols"]) == ("%F %r", "#@")
    assert (DATA / "default" / "journal.txt").read_text(encoding="utf-8").startswith("[2026-01-10 09:00:00 AM] ")


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("timeformat", TIMEFORMATS)
def test_every_jrnl_file_reads_as_jrnl_exported_it(timeformat, source):
    truth_file, fmt = SOURCES[source]
    path = DATA / timeformat / source
    result = read_all([path])
    assert result.skipped == []
    assert {name for _, name, _ in result.sources} == {fmt}
    # jrnl's markdown has no star; everything else keeps it.
    assert imported(result.entries) == truth(DATA / timeformat / truth_file, with_stars=fmt != "jrnl-md")


def test_nine_entries_with_hash_and_at_tags_nested_tags_and_stars():
    """The reported failure: jrnl 4.6's default config gave one note titled after the file, no #tags."""
    entries = read_file(DATA / "default" / "journal.txt").entries
    assert len(entries) == 9
    first = entries[0]
    assert (first.title, first.body) == (
        "Supervision with @Anna.",
        "We talked about #reviews/annual and #sds budgets.",
    )
    assert sorted(first.tags) == ["anna", "reviews/annual", "sds"]
    forum = entries[1]
    assert forum.title == "Carers' forum" and "starred" in forum.tags and "carers" in forum.tags
    assert forum.created.astimezone().strftime("%H:%M") == "16:45"  # 04:45:00 PM read as afternoon
    cafe = next(e for e in entries if e.title.startswith("Café"))
    assert sorted(cafe.tags) == ["practice/reflective", "team"]  # team@example.org is no tag


def test_the_same_journal_in_every_format_is_recognised_as_the_same_entries(tmp_path):
    """Importing the journal, then its exports, adds nothing twice (the fingerprints agree)."""
    from learnlog.importers import fingerprint

    base = {fingerprint(e) for e in read_file(DATA / "default" / "journal.txt").entries}
    for export in ("journal-export.md", "journal-export.txt", "journal-export.json"):
        assert {fingerprint(e) for e in read_file(DATA / "default" / export).entries} == base, export


def test_one_command_migration_of_a_jrnl_user(cli, tmp_path):
    """`learnlog import ~/.local/share/jrnl/journal.txt`, with jrnl's config where jrnl keeps it."""
    home = tmp_path / "home"
    journal = home / ".local" / "share" / "jrnl" / "journal.txt"
    journal.parent.mkdir(parents=True)
    shutil.copyfile(DATA / "default" / "journal.txt", journal)
    config = yaml.safe_load((DATA / "default-config.yaml").read_text(encoding="utf-8"))
    config["journals"]["default"]["journal"] = str(journal)
    (home / ".config" / "jrnl").mkdir(parents=True)
    (home / ".config" / "jrnl" / "jrnl.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")

    report = as_json(cli("import", journal, "--json"))
    assert len(report["added"]) == 9 and report["skipped"] == []
    listed = as_json(cli("list", "--json", "--limit", "0"))
    want = truth(DATA / "default" / "journal-export.json")
    assert sorted((e["title"], e["body"], sorted(e["tags"])) for e in listed) == sorted(w[1:] for w in want)
    assert sorted(e["date"] for e in listed) == sorted(w[0].date().isoformat() for w in want)
    # Its json export afterwards is the same journal: nothing is added twice.
    again = as_json(cli("import", DATA / "default" / "journal-export.json", "--json"))
    assert again["added"] == []


# --- live: the installed jrnl writes a journal now -------------------------------------------------------

EXOTIC = "%A %d %B %Y, %H.%M"  # a timeformat learnlog cannot guess: only jrnl's config tells it


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    """jrnl's first run, then three entries in a journal with the exotic timeformat, and its json export."""
    root = tmp_path_factory.mktemp("jrnl-live")
    home = root / "home"
    config_path = install(home)
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    journal = root / "exotic.txt"
    config["timeformat"] = EXOTIC
    config["journals"] = {"default": {"journal": str(journal)}}
    exotic_config = root / "exotic.yaml"
    exotic_config.write_text(yaml.safe_dump(config), encoding="utf-8")
    for text in ENTRIES[:3]:
        jrnl(home, stdin=text + "\n", config=exotic_config)
    export = root / "exotic.json"
    export.write_text(jrnl(home, "--export", "json", config=exotic_config), encoding="utf-8")
    two = root / "exotic-two.txt"  # the least that betrays a missed entry: two of jrnl's own stamps
    config["journals"] = {"default": {"journal": str(two)}}
    two_config = root / "exotic-two.yaml"
    two_config.write_text(yaml.safe_dump(config), encoding="utf-8")
    for text in ENTRIES[3:5]:
        jrnl(home, stdin=text + "\n", config=two_config)
    default_journal = home / ".local" / "share" / "jrnl" / "journal.txt"
    jrnl(home, stdin=ENTRIES[4] + "\n")
    return {
        "home": home,
        "journal": journal,
        "two": two,
        "config": exotic_config,
        "json": export,
        "default": default_journal,
    }


def test_live_jrnl_first_run_journal_reads_back(live):
    entry = read_file(live["default"]).entries
    assert [(e.title, sorted(e.tags)) for e in entry] == [
        ("Café de l'équipe: reflective practice. #practice/reflective @team", ["practice/reflective", "team"])
    ]


def test_live_unknown_timeformat_is_suspicious_not_one_note(live):
    result = read_file(live["journal"])
    assert result.entries == []
    [(where, why)] = result.skipped
    assert "3 lines starting with a date and time" in why and "--jrnl-config" in why


def test_live_two_entries_in_an_unknown_timeformat_are_suspicious_too(live):
    """Two entries are where a missed timeformat first swallows one entry into another."""
    result = read_file(live["two"])
    assert result.entries == []
    [(where, why)] = result.skipped
    assert "2 lines starting with a date and time" in why and "--jrnl-config" in why


def test_live_unknown_timeformat_reads_with_jrnls_config(live, monkeypatch):
    want = truth(live["json"])
    assert imported(read_file(live["journal"], jrnl_config=live["config"]).entries) == want
    # …and from jrnl's own config folder, as jrnl finds it.
    config_dir = live["home"] / ".config" / "jrnl"
    shutil.copyfile(live["config"], config_dir / "jrnl.yaml")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(live["home"] / ".config"))
    assert imported(read_file(live["journal"]).entries) == want


def test_live_bracketed_time_in_a_body_opens_an_entry_as_in_jrnl(cli, tmp_path):
    """A line "[2025-01-01 09:00 AM] …" typed into journal.txt (an editor, a sync tool) is not in jrnl 4.6's
    `%F %r`, but jrnl reads it as a new entry (its fuzzy second reading); learnlog reads journal.txt the same,
    so importing jrnl's json export after the journal adds nothing twice."""
    home = tmp_path / "jrnl-home"
    install(home)
    for text in ENTRIES[:3]:
        jrnl(home, stdin=text + "\n")
    journal = home / ".local" / "share" / "jrnl" / "journal.txt"
    text = journal.read_text(encoding="utf-8")
    assert text.count("\n[") == 2  # jrnl wrote three entries
    text = text.replace("\nThe forum asked", "\n[2025-01-01 09:00 AM] and a separator.\nThe forum asked")
    journal.write_text(text, encoding="utf-8")
    export = tmp_path / "export.json"
    export.write_text(jrnl(home, "--export", "json"), encoding="utf-8")  # jrnl's own reading of the file
    want = truth(export)
    assert len(want) == 4
    assert imported(read_file(journal).entries) == want
    assert len(as_json(cli("import", journal, "--json"))["added"]) == 4
    assert as_json(cli("import", export, "--json"))["added"] == []


@pytest.mark.parametrize(
    "blob",
    [
        "2025-01-01 09:00 AM",
        "10/01/2026 09:00",
        "Saturday 10 January 2026, 09.00",
        "31 February 2026",
        "see note",
        "Monday",
        "yesterday at 5pm",
        "   2025",
        "1",
        "x] [y",
        "TODO: call",
        "2026-01-10T09:00",
        "March 3",
    ],
)
def test_line_starts_read_as_jrnls_own_fuzzy_reading(blob):
    """Whatever jrnl's fallback makes of a "[…] " that is not in the timeformat, learnlog makes the same."""
    from jrnl import time as jrnl_time

    from learnlog.importers.jrnl_format import fuzzy_stamp

    assert fuzzy_stamp(blob) == jrnl_time.parse(blob, bracketed=True)
