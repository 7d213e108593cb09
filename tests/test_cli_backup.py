"""learnlog backup / restore PATH and the md-dir backup, as a user runs them."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

from tests.test_backup import everything_log


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
