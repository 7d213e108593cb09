"""learnlog backup / restore PATH and the md-dir backup, as a user runs them."""

from __future__ import annotations

import json
import sqlite3
import stat
from pathlib import Path

from tests.test_backup import everything_log, tables, verdict


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_backup_into_a_folder_writes_one_owner_only_file(cli, tmp_path, db_path):
    everything_log(db_path)
    folder = tmp_path / "backups"
    folder.mkdir()
    r = cli("backup", folder)
    [snap] = list(folder.iterdir())
    assert snap.name.startswith("learnlog-") and snap.suffix == ".db" and mode(snap) == 0o600
    assert f"Backed up 6 entries (1 in the trash) and 2 statements to {snap}" in r.stderr
    assert "unredacted" in r.stderr
    c = sqlite3.connect(snap)
    assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    c.close()


def test_backup_never_overwrites_and_needs_an_existing_folder(cli, tmp_path, db_path):
    everything_log(db_path)
    target = tmp_path / "snap.db"
    target.write_bytes(b"precious")
    r = cli("backup", target, code=1)
    assert "already exists" in r.stderr and target.read_bytes() == b"precious"
    r = cli("backup", tmp_path / "missing" / "snap.db", code=1)
    assert "does not exist" in r.stderr and not (tmp_path / "missing").exists()


def test_a_folder_written_with_a_slash_is_never_made_a_file(cli, tmp_path, db_path):
    """`learnlog backup ~/backups/` on a machine without that folder: refused, not a file named 'backups'."""
    everything_log(db_path)
    r = cli("backup", f"{tmp_path / 'backups'}/", code=1)
    assert "does not exist" in r.stderr and "mkdir" in r.stderr
    assert not (tmp_path / "backups").exists()
    (tmp_path / "backups").mkdir()
    cli("backup", f"{tmp_path / 'backups'}/")
    assert [p.suffix for p in (tmp_path / "backups").iterdir()] == [".db"]


def test_restore_a_backup_into_a_new_log_then_over_one_with_replace(cli, tmp_path, db_path):
    from tests.test_backup import everything_log, tables

    everything_log(db_path)
    before = verdict(cli, db_path)
    snap = tmp_path / "snap.db"
    cli("backup", snap)
    new = tmp_path / "new" / "learnlog.db"
    r = cli("--db", new, "restore", snap)
    assert "Restored the log" in r.stderr and "5 entries" in r.stderr
    assert tables(new) == tables(db_path)
    assert verdict(cli, new) == before
    # Over a log with entries: refused without --replace, nothing changed …
    other = tmp_path / "other" / "learnlog.db"
    cli("--db", other, "add", "Only here.")
    kept_before = tables(other)
    r = cli("--db", other, "restore", snap, code=1)
    assert "--replace" in r.stderr and tables(other) == kept_before
    # … and with it the old log is kept first, named in the message.
    r = cli("--db", other, "restore", snap, "--replace")
    kept = next((other.parent / "snapshots").iterdir())
    assert str(kept) in r.stderr and tables(kept) == kept_before and mode(kept) == 0o600
    assert tables(other) == tables(db_path)


def test_restore_still_takes_entry_ids_from_the_trash(cli):
    cli("add", "One.")
    cli("delete", "1")
    r = cli("restore", "1")
    assert "Entry 1 restored" in r.stderr
    cli("restore", "1", "--replace", code=2)


def test_restore_of_something_that_is_not_a_backup_changes_nothing(cli, tmp_path, db_path):
    cli("add", "One.")
    before = tables(db_path)
    notes = tmp_path / "notes.txt"
    notes.write_text("hello\n")
    r = cli("restore", notes, code=1)
    assert "not a learnlog backup" in r.stderr
    r = cli("restore", tmp_path / "missing.db", code=1)
    assert "cannot be read" in r.stderr
    assert tables(db_path) == before


def test_add_refuses_a_future_date_without_future(cli, db_path):
    r = cli("add", "Planned visit.", "--date", "14/03/2062", code=2)
    assert "2062-03-14 is in the future" in r.stderr and "--future" in r.stderr
    saved = json.loads(cli("add", "Planned visit.", "--date", "14/03/2062", "--future", "--json").stdout)
    assert saved["date"] == "2062-03-14"
    saved = json.loads(cli("add", "Last week's review.", "--date", "3 days ago", "--json").stdout)
    import datetime as dt

    assert saved["date"] == (dt.date.today() - dt.timedelta(days=3)).isoformat()


def test_md_dir_file_names_follow_the_title_and_the_allowlist(cli, tmp_path):
    folder = tmp_path / "backup"
    cli("add", "Met the team about reviews.", "--title", "Team review day")
    cli("add", "Visit.", "--title", "Visit to Mrs Dunsmore, call 07700 900123")
    cli("add", "Notes.", "--title", "Supervision notes about Tadeusz Nowak")
    cli("export", "--all", "--format", "md-dir", folder)
    names = sorted(p.name.split("-", 3)[3] for p in folder.glob("*.md"))
    assert names == ["1-team-review-day.md", "2.md", "3.md"]
    # The user says he may be named: the next run gives that file its slug, the old name goes to .trash.
    cli("allow", "Tadeusz Nowak", "--reason", "my manager, agreed")
    cli("export", "--all", "--format", "md-dir", folder)
    names = sorted(p.name.split("-", 3)[3] for p in folder.glob("*.md"))
    assert names == ["1-team-review-day.md", "2.md", "3-supervision-notes-about-tadeusz-nowak.md"]
    assert [p.name.split("-", 3)[3] for p in (folder / ".trash").iterdir()] == ["3.md"]


def test_md_dir_of_another_log_is_refused_and_its_files_stay(cli, tmp_path, monkeypatch):
    folder = tmp_path / "backup"
    monkeypatch.setenv("LEARNLOG_DB", str(tmp_path / "work.db"))
    cli("add", "Work log entry about the carers' forum.")
    cli("export", "--all", "--format", "md-dir", folder)
    ours = sorted(p.name for p in folder.glob("*.md"))
    monkeypatch.setenv("LEARNLOG_DB", str(tmp_path / "test.db"))  # --db forgotten, or a second log
    cli("add", "A test entry.")
    before = sqlite3.connect(tmp_path / "test.db").execute("SELECT count(*) FROM setting").fetchone()
    r = cli("export", "--all", "--format", "md-dir", folder, code=1)
    assert "backup of another log" in r.stderr and "--overwrite" in r.stderr
    assert sorted(p.name for p in folder.glob("*.md")) == ours and not (folder / ".trash").exists()
    assert sqlite3.connect(tmp_path / "test.db").execute("SELECT count(*) FROM setting").fetchone() == before
    # the first log still updates its own folder, and a log rebuilt from the folder is the same log
    monkeypatch.setenv("LEARNLOG_DB", str(tmp_path / "work.db"))
    cli("export", "--all", "--format", "md-dir", folder)
    monkeypatch.setenv("LEARNLOG_DB", str(tmp_path / "rebuilt.db"))
    cli("import", folder)
    cli("export", "--all", "--format", "md-dir", folder)
    # asked for, the second log takes the folder over; the first log's files go to .trash/, not away
    monkeypatch.setenv("LEARNLOG_DB", str(tmp_path / "test.db"))
    cli("export", "--all", "--format", "md-dir", folder, "--overwrite")
    assert sorted(p.name for p in (folder / ".trash").iterdir())
