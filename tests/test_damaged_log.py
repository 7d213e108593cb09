"""Writes into a really damaged log are refused before anything is written; foreign databases are refused
before anything is changed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from damage import overwrite_pages, pages_of, settle, snapshot
from helpers import add, one_line

LONG = "We began the review by asking what a good week looks like, and planned the support from there. " * 10


@pytest.fixture
def damaged(cli, db_path) -> Path:
    for i in range(30):
        add(cli, f"Reflection {i}: {LONG}", "-t", "reviews")
    settle(db_path)
    leaves = pages_of(db_path, "entry")
    overwrite_pages(db_path, leaves[: len(leaves) // 3])  # the lowest ids, entry 1 among them
    return db_path


WRITES = [
    ["add", "A new reflection that must not land on top of entry 1"],
    ["tag", "29", "c1"],  # entries on sound pages: the write itself is what is refused
    ["delete", "30"],
    ["badge", "held", "sssc-lcf"],
    ["allow", "Simon Duffy"],
]


@pytest.mark.parametrize("args", WRITES, ids=lambda a: a[0])
def test_writes_into_a_damaged_log_are_refused_and_change_no_byte(cli, damaged, args):
    before = snapshot(damaged)
    r = cli(*args, code=None)
    assert r.exit_code == 1, (r.stdout, r.stderr)
    line = one_line(r.stderr)
    assert "is damaged" in line and "learnlog doctor" in line
    assert "Added entry" not in r.stdout + r.stderr
    assert snapshot(damaged) == before


@pytest.mark.parametrize("args", [["show", "2"], ["tag", "2", "c1"], ["delete", "1", "2"], ["history", "3"]])
def test_an_id_on_a_damaged_page_is_reported_as_damage_not_as_missing(cli, damaged, args):
    before = snapshot(damaged)
    r = cli(*args, code=1)
    line = one_line(r.stderr)
    assert "is damaged" in line and "no entry" not in line
    assert snapshot(damaged) == before


def test_a_damaged_log_is_refused_even_right_after_a_passing_check(cli, db_path):
    for i in range(30):
        add(cli, f"Reflection {i}: {LONG}")
    settle(db_path)  # the last add passed its check and remembered the file as sound
    overwrite_pages(db_path, pages_of(db_path, "entry")[2:4])
    before = snapshot(db_path)
    r = cli("add", "one more", code=1)
    assert "is damaged" in r.stderr
    assert snapshot(db_path) == before


def test_a_sound_log_accepts_writes_after_the_check(cli, db_path):
    first = add(cli, "first")
    second = add(cli, "second")
    assert (first["id"], second["id"]) == (1, 2)


def test_a_foreign_database_with_a_migration_table_is_refused_before_anything_changes(cli, tmp_path):
    db = tmp_path / "other.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE migration (id INTEGER PRIMARY KEY, version TEXT)")
    conn.execute("INSERT INTO migration (version) VALUES ('2019_01_01_000000')")
    conn.commit()
    conn.close()
    before = snapshot(db)
    for args in (["list"], ["add", "text"]):
        r = cli("--db", str(db), *args, code=1)
        assert "another program" in one_line(r.stderr)
    assert snapshot(db) == before  # no -wal or -shm appeared: the file was not switched to WAL
    assert sqlite3.connect(db).execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_a_damaged_log_is_not_backed_up(damaged, tmp_path):
    from learnlog.integrity import Damaged
    from learnlog.store.schema import snapshot

    with pytest.raises(Damaged):
        snapshot(damaged, tmp_path / "backup.db")
    assert not (tmp_path / "backup.db").exists()


def test_a_run_of_writes_checks_once_not_every_time(cli, db_path, monkeypatch):
    from learnlog import integrity

    add(cli, "first")
    assert integrity.checked_state(db_path) == integrity.file_state(db_path)  # as the command left the file
    calls = []
    real = integrity.problems
    monkeypatch.setattr(integrity, "problems", lambda conn, pragma="quick_check": calls.append(pragma) or real(conn))
    add(cli, "second")
    add(cli, "third")
    assert calls == []
    conn = sqlite3.connect(db_path)  # another program writes: the next learnlog write checks again
    with conn:
        conn.execute("UPDATE entry SET title = 'changed elsewhere' WHERE id = 1")
    conn.close()
    add(cli, "fourth")
    assert calls == ["quick_check"]
