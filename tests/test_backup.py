"""Backups that bring the whole log back: md-dir folders (readable, updated in place) and database snapshots."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from pathlib import Path

import pytest

from learnlog.errors import Refused
from learnlog.exporters.backup import MANIFEST, backup_entry_name, write_folder
from learnlog.records import Entry


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(params=[0o000, 0o022], ids=["umask000", "umask022"])
def umask(request):
    old = os.umask(request.param)
    yield request.param
    os.umask(old)


def entry(id: int, title: str, day: str = "2026-03-14") -> Entry:
    return Entry(id=id, date=dt.date.fromisoformat(day), title=title, body="Text.")


def test_backup_folder_and_files_are_owner_only_whatever_the_umask(tmp_path, umask):
    folder = tmp_path / "backup"
    write_folder(folder, {"a.md": "one\n", "statements/s.md": "two\n"}, {})
    assert mode(folder) == 0o700 and mode(folder / "statements") == 0o700
    assert {mode(p) for p in folder.rglob("*") if p.is_file()} == {0o600}
    # A re-run that changes one file and moves another to the trash keeps every mode.
    write_folder(folder, {"a.md": "changed\n"}, {})
    assert mode(folder / ".trash") == 0o700
    assert {mode(p) for p in folder.rglob("*") if p.is_file()} == {0o600}


def test_a_rerun_updates_in_place_and_moves_removed_files_to_the_trash(tmp_path):
    folder = tmp_path / "backup"
    first = write_folder(folder, {"a.md": "A\n", "b.md": "B\n"}, {"x": 1})
    assert (first.written, first.unchanged) == (2, 0)
    again = write_folder(folder, {"a.md": "A\n", "c.md": "C\n"}, {"x": 2})
    assert (again.written, again.unchanged, again.trashed) == (1, 1, [".trash/b.md"])
    assert (folder / ".trash" / "b.md").read_text() == "B\n"
    assert sorted(p.name for p in folder.iterdir()) == [".learnlog-backup.json", ".trash", "a.md", "c.md"]
    manifest = json.loads((folder / MANIFEST).read_text())
    assert manifest["files"] == ["a.md", "c.md"] and manifest["x"] == 2


def test_a_folder_holding_other_files_is_refused_untouched(tmp_path):
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "cv.docx").write_bytes(b"mine")
    with pytest.raises(Refused, match="holds other files"):
        write_folder(folder, {"a.md": "A\n"}, {})
    assert [p.name for p in folder.iterdir()] == ["cv.docx"]


def test_stale_temporaries_of_our_naming_left_by_a_kill_are_cleaned(tmp_path):
    folder = tmp_path / "backup"
    write_folder(folder, {"a.md": "A\n"}, {})
    (folder / ".a.md.1f2e3d4c.tmp").write_text("")  # what a kill during a write leaves
    (folder / ".my-own.tmp").write_text("keep")  # not ours
    report = write_folder(folder, {"a.md": "A\n"}, {})
    assert report.cleaned == [".a.md.1f2e3d4c.tmp"]
    assert (folder / ".my-own.tmp").read_text() == "keep"


def test_file_names_carry_no_names_addresses_or_phone_numbers():
    names = [
        backup_entry_name(entry(7, "Reviewing care plans with the team")),
        backup_entry_name(entry(8, "Visit to Mrs Dunsmore at 14 Kelvin Street")),
        backup_entry_name(entry(9, "Call back on 07700 900123 about the review")),
        backup_entry_name(entry(10, "Supported Jean McAllister's move")),
    ]
    assert names == [
        "2026-03-14-7-reviewing-care-plans-with-the-team.md",
        "2026-03-14-8.md",
        "2026-03-14-9.md",
        "2026-03-14-10.md",
    ]
