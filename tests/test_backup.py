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


# --- a log that has everything, and what survives each kind of backup --------------------------------------

STATEMENT = (
    "Keeping people at the centre of my practice means asking what matters to them first. "
    "In supervision I learned to start each review with the person's own account of a good week. " * 6
)


def everything_log(db: Path):
    """Entries with tags, hours, criteria (manual and suggested), resources, a revision, one in the trash, one
    purged id; statements with a revision and a current one; badges held, the own-work declaration, the
    allowlist, a dismissed finding with its reason, and settings."""
    from dataclasses import replace

    from learnlog.store.journal import Journal

    j = Journal(db)
    day = dt.date(2026, 3, 1)
    made = []
    for i in range(6):
        made.append(
            j.add(
                Entry(
                    id=None,
                    date=day + dt.timedelta(days=i),
                    title=f"Reflection {i}: reviews that start with the person",
                    body=f"Entry {i}. I asked Jean McAllister what a good week looks like.\r\nThen we planned.",
                    tags=["reviews", f"t{i}"],
                    hours=0.5 * (i + 1),
                    criteria={f"c{i % 6 + 1}": "manual"},
                    resources=["talking-points"] if i == 2 else [],
                )
            )
        )
    first = made[0]
    j.update(replace(first, body=first.body + "\nEdited later."), expected_version=first.version)
    j.link(made[1].id, {"c2": ("suggested", 0.7)})
    extra = j.add(Entry(id=None, date=day, title="Purged", body="Gone for good."))
    j.delete(extra.id)
    j.purge([extra.id])
    j.delete(made[5].id)  # in the trash
    j.hold_badge("sssc-lcf", dt.date(2026, 2, 1))
    j.confirm_own_work(dt.date(2026, 3, 10))
    j.allow("Simon Duffy", "cited author")
    j.refresh_findings()
    finding = next(f for f in j.findings() if "McAllister" in f.text and f.entry_id == made[0].id)
    j.dismiss(finding.id, "she asked to be named")
    old = j.create_statement("sssc-sil-1", "First draft", "Too short.", [made[0].id])
    ids = [e.id for e in made[:5]]
    st = j.create_statement("sssc-sil-1", "My statement", STATEMENT, ids)
    j.update_statement(replace(st, body=STATEMENT + "Thank you."), expected_version=st.version)
    j.set_setting("editor_template", "gibbs")
    j.close()
    return {"entries": ids, "trashed": made[5].id, "statement": st.id, "old_statement": old.id}


def tables(db: Path) -> dict[str, list[tuple]]:
    """Every ordinary table, every row: a table added later is compared too."""
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        names = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            if not (r[1] if len(r) > 1 else "")
        ]
        out = {}
        for name in names:
            sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (name,)).fetchone()[0] or ""
            if sql.upper().startswith("CREATE VIRTUAL"):
                continue
            out[name] = sorted(conn.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)
        return out
    finally:
        conn.close()


def verdict(cli, db: Path) -> list[tuple]:
    data = json.loads(cli("--db", db, "check", "--json", code=None).stdout)
    return sorted((r["check"], r["status"], r["detail"]) for r in data["rows"])


@pytest.fixture
def full_log(tmp_path, cli):
    db = tmp_path / "original" / "learnlog.db"
    made = everything_log(db)
    return db, made, verdict(cli, db)


def test_snapshot_restore_brings_back_every_table_row_for_row(full_log, tmp_path, cli):
    from learnlog import snapshot
    from learnlog.store.schema import connect

    db, _, before = full_log
    conn = connect(db)
    snap = snapshot.backup(conn, db, tmp_path / "snap.db")
    conn.close()
    assert mode(snap.path) == 0o600
    target = tmp_path / "new" / "learnlog.db"
    live = connect(target)
    src = snapshot.check_backup(snap.path)
    assert snapshot.restore(src, snap.path, live, target, replace=False) is None
    live.close()
    assert tables(target) == tables(db)
    assert verdict(cli, target) == before


def application(db: Path) -> dict[str, list[tuple]]:
    """What an md-dir backup promises to carry, without the bookkeeping it cannot (row ids of findings and
    links, when a setting was written): live entries with their ids, tags, links with kind, resources,
    statements with their entries and which is current, badges held, settings, allowlist, dismissals."""
    import sqlite3

    conn = sqlite3.connect(db)
    q = lambda sql: sorted(conn.execute(sql).fetchall(), key=repr)  # noqa: E731
    try:
        return {
            "entry": q(
                "SELECT id, entry_date, title, body, hours, status, words, created_at, updated_at FROM entry"
                " WHERE deleted_at IS NULL"
            ),
            "entry_tag": q(
                "SELECT entry_id, tag FROM entry_tag JOIN entry ON entry.id = entry_id WHERE deleted_at IS NULL"
            ),
            "entry_criterion": q(
                "SELECT entry_id, badge_id, criterion_id, source FROM entry_criterion"
                " JOIN entry ON entry.id = entry_id WHERE deleted_at IS NULL"
            ),
            "entry_resource": q(
                "SELECT entry_id, resource_id FROM entry_resource JOIN entry ON entry.id = entry_id"
                " WHERE deleted_at IS NULL"
            ),
            "statement": q("SELECT badge_id, title, body, words FROM statement"),
            "statement_entry": q(
                "SELECT s.title, se.entry_id, se.position FROM statement_entry se JOIN statement s ON s.id = statement_id"
            ),
            "current": q("SELECT title FROM statement ORDER BY updated_at DESC, id DESC LIMIT 1"),
            "held_badge": q("SELECT badge_id, held_on FROM held_badge"),
            "setting": q("SELECT key, value FROM setting"),
            "allowed_phrase": q("SELECT phrase, reason FROM allowed_phrase"),
            "dismissed": q(
                "SELECT entry_id, label, text, dismiss_reason FROM finding WHERE status = 'dismissed'"
                " AND entry_id IS NOT NULL"
            ),
        }
    finally:
        conn.close()


def md_dir_export(db: Path, folder: Path):
    from learnlog import mdbackup
    from learnlog.store.journal import Journal

    j = Journal(db)
    try:
        return mdbackup.export_md_dir(j, folder)
    finally:
        j.close()


def md_dir_import(db: Path, folder: Path):
    from learnlog import transfer
    from learnlog.store.journal import Journal

    j = Journal(db)
    try:
        return transfer.import_paths(j, [folder], valid_criteria={f"c{i}" for i in range(1, 7)})
    finally:
        j.close()


def test_md_dir_backup_imported_into_a_new_log_gives_the_same_application_and_verdict(full_log, tmp_path, cli):
    db, made, before = full_log
    folder = tmp_path / "backup"
    report, n_entries, n_statements = md_dir_export(db, folder)
    assert (n_entries, n_statements) == (5, 2)
    target = tmp_path / "new" / "learnlog.db"
    outcome = md_dir_import(target, folder)
    assert sorted(i for _, i in outcome.added) == made["entries"]  # the same ids
    assert application(target) == application(db)
    assert verdict(cli, target) == before
    # Importing the same folder again adds nothing and changes nothing.
    again = md_dir_import(target, folder)
    assert again.added == []
    assert application(target) == application(db)


def test_md_dir_rerun_after_edits_updates_the_folder_in_place(full_log, tmp_path):
    from dataclasses import replace

    from learnlog.store.journal import Journal

    db, made, _ = full_log
    folder = tmp_path / "backup"
    md_dir_export(db, folder)
    j = Journal(db)
    e = j.get(made["entries"][1])
    j.update(replace(e, body="Rewritten."), expected_version=e.version)
    j.delete(made["entries"][2])
    added = j.add(Entry(id=None, date=dt.date(2026, 4, 1), title="A new one", body="New."))
    j.close()
    report, n, _ = md_dir_export(db, folder)
    assert n == 5 and report.written == 2 and len(report.trashed) == 1
    assert report.trashed[0].startswith(".trash/2026-03-03-") and f"-{made['entries'][2]}" in report.trashed[0]
    names = {p.name for p in folder.glob("*.md")}
    assert any(name.startswith(f"2026-04-01-{added.id}-") for name in names)
    # The folder still restores to the log as it is now.
    target = tmp_path / "new" / "learnlog.db"
    md_dir_import(target, folder)
    assert application(target) == application(db)
