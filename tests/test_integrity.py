"""The damage checks and salvage on really damaged logs (pages of a real log overwritten on disk)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from damage import overwrite_pages, pages_of, settle
from helpers import add

from learnlog import integrity
from learnlog.entryfile import parse

LONG = "At the review we asked what a good week looks like for her, and planned from there. " * 12


@pytest.fixture
def log(cli, db_path) -> Path:
    for i in range(40):
        add(cli, f"Entry {i}: {LONG}", "-t", f"tag{i % 3}")
    settle(db_path)
    return db_path


def open_plain(db: Path) -> sqlite3.Connection:
    return sqlite3.connect(db)


def test_a_sound_log_passes_and_is_then_not_checked_again_until_it_changes(log, monkeypatch):
    conn = open_plain(log)
    assert integrity.problems(conn) == []
    integrity.ensure_sound(conn, log)
    assert integrity.checked_state(log) == integrity.file_state(log)
    calls = []
    monkeypatch.setattr(integrity, "problems", lambda c, p="quick_check": calls.append(p) or [])
    integrity.ensure_sound(conn, log)
    assert calls == []
    with conn:
        conn.execute("INSERT INTO setting (key, value, updated_at) VALUES ('x', 'y', '2026-01-01T00:00:00+00:00')")
    integrity.ensure_sound(conn, log)
    assert calls == ["quick_check"]
    conn.close()


def test_overwritten_entry_pages_are_found_and_refused(log):
    leaves = pages_of(log, "entry")
    assert len(leaves) >= 6
    overwrite_pages(log, leaves[len(leaves) // 2 : len(leaves) // 2 + 2])
    conn = open_plain(log)
    found = integrity.problems(conn)
    assert found
    with pytest.raises(integrity.Damaged, match="learnlog doctor"):
        integrity.ensure_sound(conn, log)
    conn.close()


def test_a_check_that_passed_before_the_damage_does_not_hide_it(log):
    conn = open_plain(log)
    integrity.ensure_sound(conn, log)
    conn.close()
    leaves = pages_of(log, "entry")
    overwrite_pages(log, [leaves[1]])
    conn = open_plain(log)
    with pytest.raises(integrity.Damaged):
        integrity.ensure_sound(conn, log)
    conn.close()


def test_doctor_names_the_damaged_table_and_salvage_keeps_every_readable_entry(log, tmp_path):
    before = dict(open_plain(log).execute("SELECT id, body FROM entry"))
    all_ids = sorted(before)
    leaves = pages_of(log, "entry")
    hit = leaves[len(leaves) // 2]
    overwrite_pages(log, [hit])
    conn = open_plain(log)
    report = integrity.diagnose(conn, log, encrypted=False)
    assert not report.sound
    assert "entry" in report.damaged
    out = tmp_path / "salvaged"
    out.mkdir()

    def write(path: Path, text: str) -> None:
        path.write_text(text, encoding="utf-8")

    saved = integrity.salvage(conn, out, write)
    conn.close()
    files = sorted(out.iterdir())
    assert len(files) == len(saved.written)
    # every entry is accounted for: written, or named as lost; most of them survive one bad page
    assert len(saved.written) + len(saved.lost) == len(all_ids)
    assert len(saved.written) >= len(all_ids) - 6
    for f in files:  # what was saved is the text as written, under its own id
        saved_entry = parse(f.read_text(encoding="utf-8"))
        assert saved_entry.body == before[saved_entry.meta["id"]]


def test_an_unreadable_row_falls_back_to_its_newest_revision(cli, db_path, fake_editor, tmp_path):
    first = add(cli, "First version of a reflection on the panel meeting " + LONG)
    fake_editor("path.write_text(path.read_text().replace('First version', 'Second version'))")
    cli("edit", first["id"])
    for i in range(30):
        add(cli, f"Filler {i} {LONG}")
    settle(db_path)
    conn = open_plain(db_path)
    page = conn.execute(
        "SELECT pageno FROM dbstat WHERE name = 'entry' AND pagetype = 'leaf' ORDER BY pageno LIMIT 1"
    ).fetchone()[0]
    conn.close()
    overwrite_pages(db_path, [page])
    conn = open_plain(db_path)
    saved = integrity.Salvaged()
    entries = {e.id: e for e in integrity.readable_entries(conn, integrity.known_ids(conn), saved)}
    conn.close()
    # the lowest ids sit on the first leaf: entry 1's row is gone, the revision kept before the edit is not
    assert first["id"] in saved.from_revision
    assert entries[first["id"]].body.startswith("First version")
    assert len(entries) + len(saved.lost) == 31


def test_recover_route_is_offered_only_for_plain_logs_with_the_tool(tmp_path):
    db = tmp_path / "my log.db"
    cmd = integrity.recover_command(db, "/usr/bin/sqlite3")
    assert cmd == f"/usr/bin/sqlite3 '{db}' .recover | /usr/bin/sqlite3 '{tmp_path}/my log-recovered.db'"
    assert integrity.recover_command(db, None) is None
