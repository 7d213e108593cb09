"""Backups that bring the whole log back: md-dir folders (readable, updated in place) and database snapshots."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from pathlib import Path

import pytest
from helpers import execute

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


def test_a_snapshot_taken_while_another_process_writes_is_consistent(tmp_path):
    import sqlite3
    import subprocess
    import sys
    import time

    from learnlog import snapshot
    from learnlog.store.schema import connect

    db = tmp_path / "data" / "learnlog.db"
    stop = tmp_path / "stop"
    writer = (
        "import sys, time, datetime as dt; from pathlib import Path; from learnlog.store.journal import Journal;"
        "from learnlog.records import Entry; j = Journal(Path(sys.argv[1])); end = time.monotonic() + 30\n"
        "while not Path(sys.argv[2]).exists() and time.monotonic() < end:\n"
        "    j.add(Entry(id=None, date=dt.date(2026, 3, 1), body='Written during the backup.', tags=['a', 'b']))\n"
    )
    connect(db).close()
    proc = subprocess.Popen([sys.executable, "-c", writer, str(db), str(stop)])
    try:
        conn = connect(db)
        deadline = time.monotonic() + 20
        while conn.execute("SELECT count(*) FROM entry").fetchone()[0] < 5 and time.monotonic() < deadline:
            time.sleep(0.05)
        snaps = [snapshot.backup(conn, db, tmp_path / f"snap{i}.db") for i in range(3)]
        conn.close()
    finally:
        stop.touch()
        proc.wait(timeout=60)
    counts = []
    for snap in snaps:
        c = sqlite3.connect(snap.path)
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert c.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one file, nothing beside it
        # Each entry went in with its two tags in one transaction: a torn copy would show an entry without them.
        assert (
            c.execute(
                "SELECT count(*) FROM entry WHERE (SELECT count(*) FROM entry_tag WHERE entry_id = entry.id) != 2"
            ).fetchone()[0]
            == 0
        )
        counts.append(c.execute("SELECT count(*) FROM entry").fetchone()[0])
        c.close()
    assert counts[0] >= 5 and counts == sorted(counts)
    assert not list(tmp_path.glob(".snap*.tmp"))


def test_restore_over_a_log_needs_replace_and_keeps_a_snapshot_first(full_log, tmp_path):
    import sqlite3

    from learnlog import snapshot
    from learnlog.errors import Refused
    from learnlog.store.journal import Journal
    from learnlog.store.schema import connect

    db, made, _ = full_log
    conn = connect(db)
    snap = snapshot.backup(conn, db, tmp_path)  # a folder: a dated name inside it
    conn.close()
    assert snap.path.parent == tmp_path and snap.path.name.startswith("learnlog-")
    other = tmp_path / "other" / "learnlog.db"
    j = Journal(other)
    j.add(Entry(id=None, date=dt.date(2026, 1, 1), body="Only in the other log."))
    j.close()
    before = tables(other)
    live = connect(other)
    src = snapshot.check_backup(snap.path)
    with pytest.raises(Refused, match="not empty.*--replace"):
        snapshot.restore(src, snap.path, live, other, replace=False)
    assert tables(other) == before
    kept = snapshot.restore(src, snap.path, live, other, replace=True)
    live.close()
    assert tables(other) == tables(db)
    assert kept.parent == other.parent / "snapshots" and mode(kept) == 0o600 and mode(kept.parent) == 0o700
    c = sqlite3.connect(kept)
    assert c.execute("SELECT body FROM entry").fetchall() == [("Only in the other log.",)]
    c.close()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"just text\n", "not an SQLite database file"),
        (b"", "not an SQLite database file"),
    ],
)
def test_restore_refuses_what_is_not_a_backup(tmp_path, content, message):
    from learnlog import snapshot
    from learnlog.errors import InputError

    path = tmp_path / "x.db"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        snapshot.check_backup(path)


def test_restore_refuses_another_programs_database_and_a_newer_learnlogs(tmp_path):
    from learnlog import snapshot
    from learnlog.errors import InputError, StoreError
    from learnlog.store.schema import connect

    foreign = tmp_path / "foreign.db"
    execute(foreign, "CREATE TABLE notes (x)")
    with pytest.raises(InputError, match="not a learnlog"):
        snapshot.check_backup(foreign)
    newer = tmp_path / "newer.db"
    connect(newer).close()
    execute(newer, "INSERT INTO migration (name, applied_at) VALUES ('m999_from_the_future', '2030-01-01')")
    with pytest.raises(StoreError, match="newer learnlog"):
        snapshot.check_backup(newer)


def test_a_damaged_log_is_not_backed_up(tmp_path):
    """Pages overwritten in the middle of a real log: the copy is refused, not made of broken pages."""
    from learnlog import snapshot
    from learnlog.errors import StoreError
    from learnlog.store.journal import Journal
    from learnlog.store.schema import connect

    db = tmp_path / "learnlog.db"
    j = Journal(db)
    for i in range(300):
        j.add(Entry(id=None, date=dt.date(2026, 1, 1), body=f"Entry {i} " + "words " * 60))
    j.close()
    conn = connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    size = db.stat().st_size
    with open(db, "r+b") as f:
        f.seek(size // 2 // 4096 * 4096)
        f.write(b"\xff" * 4096 * 3)
    conn = connect(db)
    with pytest.raises(StoreError, match="damaged"):
        snapshot.backup(conn, db, tmp_path / "copy.db")
    conn.close()
    assert not (tmp_path / "copy.db").exists()


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_text = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029\x85"), max_size=80)
_body = st.lists(
    st.one_of(_text, st.sampled_from(["", "# Heading", "---", "- item", "  indented"])), max_size=6
).flatmap(lambda lines: st.sampled_from(["\n", "\r\n"]).map(lambda nl: nl.join(lines)))
_entries = st.lists(
    st.builds(
        Entry,
        id=st.none(),
        date=st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)),
        body=_body.filter(str.strip),
        title=_text.map(str.strip),
        tags=st.lists(st.sampled_from(["sds", "reviews", "c-one", "team"]), max_size=3, unique=True),
        hours=st.none() | st.floats(0, 100, allow_nan=False).map(lambda h: round(h, 2)),
        status=st.sampled_from(["draft", "final"]),
        criteria=st.dictionaries(
            st.sampled_from(["c1", "c2", "c3"]), st.sampled_from(["manual", "suggested"]), max_size=2
        ),
    ),
    min_size=1,
    max_size=5,
)
_statements = st.lists(st.tuples(_text.map(str.strip), _body), max_size=2)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entries=_entries, statements=_statements)
def test_md_dir_round_trip_of_arbitrary_entries_and_statements(entries, statements):
    import tempfile

    from learnlog.store.journal import Journal

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        db = root / "a" / "learnlog.db"
        j = Journal(db)
        ids = [j.add(e).id for e in entries]
        for title, body in statements:
            j.create_statement("sssc-sil-1", title, body, ids[:2])
        j.close()
        md_dir_export(db, root / "backup")
        target = root / "b" / "learnlog.db"
        md_dir_import(target, root / "backup")
        assert application(target) == application(db)


def test_md_dir_into_a_log_that_has_entries_maps_statements_to_the_new_ids(full_log, tmp_path):
    import sqlite3

    from learnlog.store.journal import Journal

    db, made, _ = full_log
    folder = tmp_path / "backup"
    md_dir_export(db, folder)
    other = tmp_path / "other" / "learnlog.db"
    j = Journal(other)
    j.add(Entry(id=None, date=dt.date(2025, 1, 1), body="Already here, entry 1 of another log."))
    j.close()
    outcome = md_dir_import(other, folder)
    assert len(outcome.added) == 5 and 1 not in [i for _, i in outcome.added]

    def statement_bodies(path):
        c = sqlite3.connect(path)
        rows = c.execute(
            "SELECT s.title, e.body FROM statement_entry se JOIN statement s ON s.id = se.statement_id"
            " JOIN entry e ON e.id = se.entry_id ORDER BY s.title, se.position"
        ).fetchall()
        c.close()
        return rows

    # The statements cite the same texts as in the original log, not whatever has their old numbers here.
    assert statement_bodies(other) == statement_bodies(db)
