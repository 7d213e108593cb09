"""The database file: where it lives, how it is protected, and what learnlog refuses to touch."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from helpers import editor_replaces, one_line

from learnlog.store import migrations
from learnlog.store.journal import Journal
from learnlog.store.schema import connect, create_file, migrate, write_session


def entries(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [r[0] for r in conn.execute("SELECT body FROM entry ORDER BY id")]


def snapshot(path: Path) -> tuple[bytes, int, list[str]]:
    """Bytes, mtime and the set of sibling files: what 'unchanged' means to the user."""
    return path.read_bytes(), path.stat().st_mtime_ns, sorted(p.name for p in path.parent.iterdir())


def make_learnlog_db(path: Path, *bodies: str) -> None:
    from learnlog.dates import today
    from learnlog.records import Entry

    j = Journal(path)
    for body in bodies:
        j.add(Entry(id=None, date=today(), body=body))
    j.list()
    j.close()


def checkpoint(path: Path) -> None:
    """Fold the WAL into the main file so a byte comparison sees everything."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


# -- where the database is --


def test_db_option_wins_over_environment(cli, tmp_path, monkeypatch):
    env_db = tmp_path / "env" / "log.db"
    opt_db = tmp_path / "opt" / "log.db"
    monkeypatch.setenv("LEARNLOG_DB", str(env_db))
    cli("add", "Written through the environment.")
    cli("--db", opt_db, "add", "Written through --db.")
    assert entries(env_db) == ["Written through the environment."]
    assert entries(opt_db) == ["Written through --db."]
    listed = json.loads(cli("--db", opt_db, "list", "--json").stdout)
    assert [e["body"] for e in listed] == ["Written through --db."]
    where = json.loads(cli("where", "--json").stdout)
    assert where["database"] == str(env_db)
    assert json.loads(cli("--db", opt_db, "where", "--json").stdout)["database"] == str(opt_db)


def test_new_database_is_private_and_its_folder_is_created(cli, tmp_path):
    db = tmp_path / "a" / "b" / "c" / "learnlog.db"
    cli("--db", db, "add", "Confidential reflection.")
    assert db.parent.is_dir()
    assert db.stat().st_mode & 0o777 == 0o600
    for side in (db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        if side.exists():
            assert side.stat().st_mode & 0o077 == 0, f"{side.name} is readable by others"


def test_reading_an_absent_database_creates_an_empty_log(cli, db_path):
    r = cli("list")
    assert "No entries yet" in r.stderr
    assert db_path.exists()


# -- connection settings --


def test_learnlog_connections_use_wal_and_foreign_keys(db_path):
    make_learnlog_db(db_path, "One entry.")
    conn = connect(db_path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("INSERT INTO entry_tag (entry_id, tag) VALUES (999, 'orphan')")
    finally:
        conn.close()
    from sqlalchemy import text

    with write_session(db_path) as s:
        assert s.exec(text("PRAGMA foreign_keys")).scalar() == 1
        assert s.exec(text("PRAGMA journal_mode")).scalar() == "wal"
    # and the mode is recorded in the file itself, so other tools see it too
    plain = sqlite3.connect(db_path)
    assert plain.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    plain.close()


def test_purge_cascades_to_tags_revisions_and_links(cli, db_path, fake_editor):
    e = json.loads(cli("add", "Linked entry.", "--tag", "x", "-c", "c1", "--json").stdout)["id"]
    fake_editor("path.write_text(path.read_text().replace('Linked', 'Linked, edited'))")
    cli("edit", e)
    cli("delete", e)
    cli("purge", "--yes")
    with sqlite3.connect(db_path) as conn:
        for table in ("entry_tag", "revision", "entry_criterion", "entry"):
            assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table


# -- files learnlog must refuse --


@pytest.mark.parametrize("command", [["list"], ["add", "Some words."]])
def test_a_text_file_is_refused_and_left_alone(cli, tmp_path, command):
    f = tmp_path / "notes.txt"
    f.write_text("My own notes, not a database.\n" * 20, encoding="utf-8")
    before = snapshot(f)
    r = cli("--db", f, *command, code=1)
    assert "not a learnlog database" in one_line(r.stderr)
    assert str(f) in r.stderr
    assert snapshot(f) == before


def make_foreign_db(path: Path, user_version: int = 0) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE foo (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO foo (name) VALUES ('bar')")
    if user_version:
        conn.execute(f"PRAGMA user_version = {user_version}")
    conn.commit()
    conn.close()


@pytest.mark.parametrize("command", [["list"], ["add", "Some words."]])
def test_another_programs_sqlite_database_is_refused_and_left_alone(cli, tmp_path, command):
    db = tmp_path / "other.sqlite"
    make_foreign_db(db)
    before = snapshot(db)
    r = cli("--db", db, *command, code=1)
    assert "another program" in one_line(r.stderr)
    assert snapshot(db) == before


@pytest.mark.parametrize("user_version", [1, len(migrations.STEPS)])
def test_another_programs_database_with_a_user_version_is_refused_and_left_alone(cli, tmp_path, user_version):
    """Many programs set PRAGMA user_version; a number in learnlog's range must not make it 'ours'."""
    db = tmp_path / "other.sqlite"
    make_foreign_db(db, user_version)
    before = snapshot(db)
    r = cli("--db", db, "list", code=1)
    assert "not a learnlog database" in one_line(r.stderr) or "another program" in r.stderr
    assert snapshot(db) == before


def test_a_newer_schema_is_refused_untouched(cli, db_path):
    make_learnlog_db(db_path, "Written by a future learnlog.")
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {len(migrations.STEPS) + 1}")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    for side in (db_path.with_name(db_path.name + "-wal"), db_path.with_name(db_path.name + "-shm")):
        side.unlink(missing_ok=True)
    before = snapshot(db_path)
    for command in (["list"], ["add", "New words."], ["show", "1"]):
        r = cli(*command, code=1)
        msg = one_line(r.stderr)
        assert "newer" in msg
        assert "nothing was changed" in msg
        assert snapshot(db_path)[:2] == before[:2]
    checkpoint(db_path)
    assert entries(db_path) == ["Written by a future learnlog."]


def test_an_older_schema_is_migrated_forward_and_keeps_entries(cli, db_path):
    create_file(db_path)
    assert migrate(db_path, upto="m001_entries") == ["m001_entries"]
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.execute(
        "INSERT INTO entry (entry_date, created_at, updated_at, title, body, words) "
        "VALUES ('2025-06-01', '2025-06-01T10:00:00+00:00', '2025-06-01T10:00:00+00:00', 'Old', "
        "'Written before criteria existed.', 4)"
    )
    conn.execute("INSERT INTO entry_tag (entry_id, tag) VALUES (1, 'legacy')")
    conn.commit()
    conn.close()

    listed = json.loads(cli("list", "--json").stdout)
    assert [(e["id"], e["title"], e["body"], e["tags"]) for e in listed] == [
        (1, "Old", "Written before criteria existed.", ["legacy"])
    ]
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(migrations.STEPS)
    names = [r[0] for r in conn.execute("SELECT name FROM migration ORDER BY rowid")]
    conn.close()
    assert names == list(migrations.STEPS)
    # the migrated log is fully usable: search, link criteria, edit-free add
    assert [h["id"] for h in json.loads(cli("search", "criteria", "--json").stdout)] == [1]
    cli("tag", 1, "c1")
    assert json.loads(cli("show", 1, "--json").stdout)["criteria"] == {"c1": "manual"}
    cli("add", "A new entry after the upgrade.")
    assert len(json.loads(cli("list", "--json").stdout)) == 2


def test_opening_twice_does_not_migrate_twice(db_path):
    make_learnlog_db(db_path, "x")
    assert migrate(db_path) == []
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT count(*) FROM migration").fetchone()[0] == len(migrations.STEPS)
    conn.close()


# -- locations learnlog cannot use --


@pytest.mark.parametrize("command", [["list"], ["add", "Some words."]])
def test_a_path_under_a_file_is_a_one_line_error(cli, tmp_path, command):
    blocker = tmp_path / "afile"
    blocker.write_text("I am a file, not a folder.", encoding="utf-8")
    r = cli("--db", blocker / "x.db", *command, code=1)
    msg = one_line(r.stderr)
    # a read never tries to make a log; a write tries and says why it cannot
    assert ("cannot create" if command[0] == "add" else "no learnlog database at") in msg
    assert str(blocker / "x.db") in msg
    assert blocker.read_text(encoding="utf-8") == "I am a file, not a folder."


@pytest.mark.parametrize(
    "command",
    [
        ["list"],
        ["show", "1"],
        ["search", "x"],
        ["words"],
        ["coverage"],
        ["scan", "--all"],
        ["export"],
        ["backup", "."],
        ["allow", "--list"],
    ],
)
def test_a_mistyped_db_for_a_command_that_only_reads_creates_nothing(cli, tmp_path, command, monkeypatch):
    monkeypatch.chdir(tmp_path)
    typo = tmp_path / "lerninglog.db"
    r = cli("--db", typo, *command, code=1)
    assert one_line(r.stderr) == (
        f"Error: no learnlog database at {typo} (check the --db path); nothing was created — "
        "'learnlog add' or 'learnlog import' starts a log there"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # no log, no WAL, no backup file


def test_a_new_db_path_is_started_by_add_and_then_read(cli, tmp_path):
    fresh = tmp_path / "new.db"
    cli("--db", fresh, "add", "First words in a new log.")
    assert fresh.exists()
    assert "First words" in cli("--db", fresh, "list").stdout


def test_proc_path_is_a_one_line_error(cli):
    r = cli("--db", "/proc/nope/x.db", "add", "Some words.", code=1)
    assert "/proc/nope/x.db" in one_line(r.stderr)


@pytest.mark.parametrize("command", [["list"], ["add", "Some words."]])
def test_database_path_that_is_a_folder_is_a_one_line_error(cli, tmp_path, command):
    folder = tmp_path / "log.db"
    folder.mkdir()
    r = cli("--db", folder, *command, code=1)
    assert "folder" in one_line(r.stderr)
    assert list(folder.iterdir()) == []


def test_database_replaced_by_a_folder_after_use(cli, db_path):
    cli("add", "Before the accident.")
    for p in db_path.parent.glob("learnlog.db*"):
        p.unlink()
    db_path.mkdir()
    r = cli("list", code=1)
    assert "folder" in one_line(r.stderr)


# -- the SQLModel classes agree with the migrations --


def _migrated_schema(path: Path) -> dict[str, tuple[list[str], list[str]]]:
    """Each table's columns (sorted) and primary key, as the migrations make them."""
    make_learnlog_db(path)
    conn = sqlite3.connect(path)
    schema = {t: (sorted(v["columns"]), v["primary_key"]) for t, v in _database_schema(conn).items()}
    conn.close()
    return schema


def test_table_classes_match_the_migrated_schema(tmp_path):
    from sqlmodel import SQLModel

    import learnlog.store.tables  # noqa: F401  (registers the tables)

    migrated = _migrated_schema(tmp_path / "schema.db")
    models = {
        name: (sorted(c.name for c in table.columns), [c.name for c in table.primary_key.columns])
        for name, table in SQLModel.metadata.tables.items()
    }
    assert sorted(models) == sorted(migrated)
    for name in migrated:
        assert models[name][0] == migrated[name][0], f"columns of {name}"
        assert models[name][1] == migrated[name][1], f"primary key of {name}"


def test_migrated_foreign_keys_are_declared_on_the_classes(tmp_path):
    from sqlmodel import SQLModel

    import learnlog.store.tables  # noqa: F401

    path = tmp_path / "fk.db"
    make_learnlog_db(path)
    conn = sqlite3.connect(path)
    for name, table in SQLModel.metadata.tables.items():
        migrated = {(r[3], r[2], r[4]) for r in conn.execute(f'PRAGMA foreign_key_list("{name}")')}
        declared = {(fk.parent.name, fk.column.table.name, fk.column.name) for fk in table.foreign_keys}
        assert declared == migrated, name
    conn.close()


def test_many_learnlogs_creating_a_new_log_folder_at_once_all_succeed(tmp_path):
    """Regression: two first runs racing to create the data folder made one fail ('a file is in the way')."""
    import threading

    for round_ in range(20):
        path = tmp_path / f"round{round_}" / "nested" / "learnlog.db"
        errors: list[BaseException] = []
        start = threading.Barrier(8)

        def create(path=path, errors=errors, start=start):
            start.wait()
            try:
                create_file(path)
            except BaseException as exc:  # noqa: BLE001
                errors.append(exc)

        threads = [threading.Thread(target=create) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        assert path.is_file() and (path.stat().st_mode & 0o777) == 0o600


# -- the SQLModel classes are the schema: a migrated log matches them in every detail --


def _affinity(declared: str) -> str:
    """SQLite's type affinity rules (https://sqlite.org/datatype3.html, 3.1), so VARCHAR and TEXT compare equal."""
    t = declared.upper()
    if "INT" in t:
        return "INTEGER"
    if any(k in t for k in ("CHAR", "CLOB", "TEXT")):
        return "TEXT"
    if any(k in t for k in ("REAL", "FLOA", "DOUB")):
        return "REAL"
    return "NUMERIC" if t else "BLOB"


def _default(value) -> str | None:
    """A column default as SQLite reports it, unquoted: '0' and 0 and "0" are the same default."""
    if value is None:
        return None
    return str(value).strip().strip("'\"")


def _checks(sql: str) -> list[str]:
    """The CHECK clauses of a CREATE TABLE statement, white space folded."""
    import re

    return sorted(" ".join(m.split()) for m in re.findall(r"CHECK\s*\(((?:[^()]|\([^()]*\))*)\)", sql))


def _database_schema(conn: sqlite3.Connection) -> dict:
    # ordinary tables only: not FTS virtual tables, their shadow tables, or sqlite_ internals
    tables = [
        r[1]
        for r in conn.execute("PRAGMA table_list")
        if r[0] == "main" and r[2] == "table" and not r[1].startswith("sqlite_")
    ]
    out = {}
    for t in tables:
        sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (t,)).fetchone()[0]
        info = conn.execute(f'PRAGMA table_info("{t}")').fetchall()
        pk = [r[1] for r in sorted(info, key=lambda r: r[5]) if r[5]]
        columns = {
            r[1]: (_affinity(r[2]), bool(r[3]) or r[1] in pk, _default(r[4]))  # a primary key is never NULL here
            for r in info
        }
        fks = sorted((r[3], r[2], r[4], r[6]) for r in conn.execute(f'PRAGMA foreign_key_list("{t}")'))
        indexes = {}
        for ix in conn.execute(f'PRAGMA index_list("{t}")'):
            if ix[3] != "c":  # created by CREATE INDEX, not a primary key's or UNIQUE's automatic index
                continue
            cols = [(r[2], bool(r[3])) for r in conn.execute(f'PRAGMA index_xinfo("{ix[1]}")') if r[5]]
            indexes[ix[1]] = (cols, bool(ix[2]))
        collations = {
            r[2]: r[4]
            for ix in conn.execute(f'PRAGMA index_list("{t}")')
            if ix[3] == "pk"
            for r in conn.execute(f'PRAGMA index_xinfo("{ix[1]}")')
            if r[5] and r[4] != "BINARY"
        }
        out[t] = {
            "columns": columns,
            "primary_key": pk,
            "foreign_keys": fks,
            "indexes": indexes,
            "checks": _checks(sql),
            "autoincrement": "AUTOINCREMENT" in sql.upper(),
            "collations": collations,
        }
    return out


def _metadata_schema() -> dict:
    from sqlalchemy.dialects import sqlite as dialect
    from sqlmodel import SQLModel

    import learnlog.store.tables  # noqa: F401  (registers the tables)

    d = dialect.dialect()
    out = {}
    for name, table in SQLModel.metadata.tables.items():
        pk = [c.name for c in table.primary_key.columns]
        columns = {
            c.name: (
                _affinity(c.type.compile(dialect=d)),
                not c.nullable or c.name in pk,
                _default(c.server_default.arg if c.server_default is not None else None),
            )
            for c in table.columns
        }
        fks = sorted(
            (fk.parent.name, fk.column.table.name, fk.column.name, (fk.ondelete or "NO ACTION").upper())
            for fk in table.foreign_keys
        )
        indexes = {}
        for ix in table.indexes:
            cols = []
            for expr in ix.expressions:
                desc = getattr(expr, "modifier", None) is not None and "desc" in str(expr.modifier)
                cols.append((getattr(expr, "element", expr).name, desc))
            indexes[ix.name] = (cols, bool(ix.unique))
        from sqlalchemy import CheckConstraint

        checks = sorted(" ".join(str(c.sqltext).split()) for c in table.constraints if isinstance(c, CheckConstraint))
        collations = {c.name: c.type.collation for c in table.columns if getattr(c.type, "collation", None)}
        out[name] = {
            "columns": columns,
            "primary_key": pk,
            "foreign_keys": fks,
            "indexes": indexes,
            "checks": checks,
            "autoincrement": bool(table.dialect_options["sqlite"]["autoincrement"]),
            "collations": collations,
        }
    return out


def test_a_migrated_database_matches_the_table_classes_in_every_detail(tmp_path):
    path = tmp_path / "schema.db"
    make_learnlog_db(path)
    conn = sqlite3.connect(path)
    migrated = _database_schema(conn)
    conn.close()
    declared = _metadata_schema()
    assert sorted(declared) == sorted(migrated)
    for name in migrated:
        for aspect in migrated[name]:
            assert declared[name][aspect] == migrated[name][aspect], f"{aspect} of {name}"
    # the comparison itself can see a difference: the entry table has each kind of detail
    assert migrated["entry"]["checks"] and migrated["entry"]["indexes"] and migrated["entry"]["autoincrement"]
    assert migrated["allowed_phrase"]["collations"] == {"phrase": "NOCASE"}
    assert ("entry_id", "entry", "id", "CASCADE") in migrated["revision"]["foreign_keys"]


# -- migrations are applied by name --


def test_a_log_from_before_named_migrations_upgrades_with_everything_kept(cli, tmp_path):
    """tests/data/logs/schema5-676e780.db was written by learnlog at commit 676e780 (PRAGMA user_version = 5,
    entries 1, 2 and 4 with 3 purged and 4 in the trash, an edit, a suggested link, a dismissed finding, an
    allowlist entry, a held badge, the own-work declaration and a statement with one revision)."""
    import shutil

    db = tmp_path / "old.db"
    shutil.copyfile(Path(__file__).parent / "data" / "logs" / "schema5-676e780.db", db)
    db.chmod(0o600)
    listed = json.loads(cli("--db", db, "list", "--json").stdout)
    assert [(e["id"], e["body"], e["tags"]) for e in listed] == [
        (2, "At the panel I argued for Mrs Jean Murray's overnight support; call 07700 900123.", ["panel"]),
        (
            1,
            "Reviewed support plans with the team: we now ask what a good week looks like. Edited once.",
            ["reviews", "team"],
        ),
    ]
    assert listed[1]["title"] == "Support plan reviews"
    assert json.loads(cli("--db", db, "show", 1, "--json").stdout)["criteria"] == {"c1": "manual", "c6": "suggested"}
    assert [e["id"] for e in json.loads(cli("--db", db, "list", "--trash", "--json").stdout)] == [4]
    history = json.loads(cli("--db", db, "history", 1, "--json").stdout)
    assert [h["reason"] for h in history] == ["edit"]
    assert [h["id"] for h in json.loads(cli("--db", db, "search", "agenda", "--json").stdout)] == []  # trashed
    assert [h["id"] for h in json.loads(cli("--db", db, "search", "good week", "--json").stdout)] == [1]
    found = json.loads(cli("--db", db, "scan", 2, "--dismissed", "--json", code=1).stdout)
    assert {(f["label"], f["status"]) for f in found} == {("PERSON", "dismissed"), ("PHONE", "open")}
    assert "Second draft." in cli("--db", db, "statement", "show", "--raw").stdout
    conn = sqlite3.connect(db)
    assert [r[0] for r in conn.execute("SELECT name FROM migration ORDER BY rowid")] == list(migrations.STEPS)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(migrations.STEPS)
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    # ids are never reused: 3 was purged before the upgrade, 4 is purged after it
    cli("--db", db, "purge", 4, "--yes")
    assert json.loads(cli("--db", db, "add", "After the upgrade.", "--json").stdout)["id"] == 5


def test_entry_ids_are_never_reused_after_a_purge(cli):
    ids = [json.loads(cli("add", f"Entry {i}.", "--json").stdout)["id"] for i in range(3)]
    cli("delete", ids[-1])
    cli("purge", "--yes")
    assert json.loads(cli("add", "The next one.", "--json").stdout)["id"] == ids[-1] + 1


def test_a_log_that_ran_a_step_this_learnlog_does_not_know_is_refused_untouched(cli, db_path):
    make_learnlog_db(db_path, "From a future learnlog.")
    conn = sqlite3.connect(db_path)
    conn.execute("INSERT INTO migration (name, applied_at) VALUES ('m999_from_the_future', '2030-01-01')")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = snapshot(db_path)
    for command in (["list"], ["add", "New words."]):
        msg = one_line(cli(*command, code=1).stderr)
        assert "newer learnlog" in msg and "m999_from_the_future" in msg
    assert snapshot(db_path)[:2] == before[:2]


def test_steps_already_recorded_are_not_run_again_whatever_their_order(db_path):
    """By name, not by position: a log whose table lists the same steps in another order is up to date."""
    make_learnlog_db(db_path, "x")
    conn = sqlite3.connect(db_path)
    names = [r[0] for r in conn.execute("SELECT name FROM migration ORDER BY rowid")]
    conn.execute("DELETE FROM migration")
    conn.executemany(
        "INSERT INTO migration (name, applied_at) VALUES (?, '2026-01-01')", [(n,) for n in reversed(names)]
    )
    conn.commit()
    conn.close()
    assert migrate(db_path) == []
    assert entries(db_path) == ["x"]


def test_a_log_that_counted_template_headings_counts_the_writers_words_after_upgrade(cli, fake_editor, db_path):
    """Logs from before m009 stored "54 words" for a 14-word entry under the sssc template's headings."""
    heading = "## Experience: what happened, and what did you do?\n"
    fake_editor(
        editor_replaces(heading, heading + "I led the meeting and asked the family what a good week looks like.\n")
    )
    cli("add", "--template", "sssc")
    conn = sqlite3.connect(db_path)
    with conn:  # the log as the release before m009 left it
        conn.execute("UPDATE entry SET words = 54")
        conn.execute("DELETE FROM migration WHERE name = 'm009_entry_words_are_the_writers'")
        conn.execute(f"PRAGMA user_version = {len(migrations.STEPS) - 1}")
    conn.close()
    assert [e["words"] for e in json.loads(cli("list", "--json").stdout)] == [14]
