"""Two terminals at once, on a plain and on an encrypted log: overlapping edits keep both texts, and parallel
writers lose nothing."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from helpers import add, shown

from learnlog import entryfile

SECRET = "a long passphrase for the concurrency tests"


@pytest.fixture(params=["plain", "encrypted"])
def kind(request, monkeypatch) -> str:
    """Each test on a plain log and on an encrypted one (the passphrase in the environment, as scripts give it:
    every process, in-process or spawned, derives the key itself)."""
    if request.param == "encrypted":
        pytest.importorskip("sqlcipher3", reason="the encryption extra is not installed")
        monkeypatch.setenv("LEARNLOG_PASSPHRASE", SECRET)
    return request.param


def existing_log(db: Path, kind: str) -> Path:
    """A migrated, empty log at `db`, encrypted when `kind` says so."""
    from learnlog.store.journal import Journal

    j = Journal(db)
    j.list()  # creates and migrates
    j.close()
    if kind == "encrypted":
        from learnlog import encryption

        encryption.encrypt(db, SECRET)
        encryption.forget_all()
    return db


def connect(db: Path):
    """A plain sqlite3 connection, or a keyed one for an encrypted log: what another program with the key sees."""
    from learnlog import encryption

    if encryption.file_kind(db, fresh=True) == "encrypted":
        return encryption.EncryptedConnection(encryption.open_encrypted(db, SECRET, timeout=30))
    return sqlite3.connect(db, timeout=30)


def env_for(db: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["LEARNLOG_DB"] = str(db)
    env.update(extra)
    return env


def write_script(path: Path, body: str) -> Path:
    path.write_text(f"#!{sys.executable}\n" + textwrap.dedent(body), encoding="utf-8")
    path.chmod(0o755)
    return path


# -- overlapping edits --

ORIGINAL = "Original reflection on the team meeting."
TEXT_A = "Terminal A rewrote this reflection."
TEXT_B = "Terminal B saved this first."


def assert_both_texts_kept(cli, entry_id: int, result) -> None:
    msg = result.stderr
    assert len(msg.strip().splitlines()) == 1, msg
    assert "changed elsewhere" in msg
    m = re.search(r"revision (\d+)", msg)
    assert m, msg
    rev_id = int(m.group(1))
    # the entry holds B's text, untouched by A's stale save
    now = shown(cli, entry_id)
    assert now["body"] == TEXT_B
    assert now["version"] == 2
    # A's text is a revision
    raw = cli("history", entry_id, "--revision", rev_id).stdout_bytes.decode("utf-8")
    assert entryfile.parse(raw).body == TEXT_A
    revs = json.loads(cli("history", entry_id, "--json").stdout)
    reasons = {r["revision"]: r["reason"] for r in revs}
    assert reasons[rev_id] == "conflict"
    assert "edit" in reasons.values()  # B's edit kept the original as a revision too
    # ...and in the draft file the message names
    d = re.search(r"(/\S+?\.md)\b", msg)
    assert d, msg
    draft = Path(d.group(1))
    assert TEXT_A in draft.read_text(encoding="utf-8")


def b_saves_first(entry_id: int) -> str:
    """The start of a fake editor's script: while the editor is open, another writer saves TEXT_B through the
    store (once: the entry is still at version 1 only the first time)."""
    return textwrap.dedent(
        f"""
        import os
        from dataclasses import replace
        from learnlog.store.journal import Journal

        j = Journal(pathlib.Path(os.environ["LEARNLOG_DB"]))
        other = j.get({entry_id})
        if other.version == 1:
            j.update(replace(other, body={TEXT_B!r}), expected_version=1)
        j.close()
        read = lambda: path.read_text(encoding="utf-8")
        write = lambda text: path.write_text(text, encoding="utf-8")
        """
    )


def test_stale_edit_from_journal_update_keeps_both_texts(cli, fake_editor, db_path, kind):
    existing_log(db_path, kind)
    e = add(cli, ORIGINAL)
    fake_editor(b_saves_first(e["id"]) + f"write(read().replace({ORIGINAL!r}, {TEXT_A!r}))\n")
    r = cli("edit", e["id"], code=1)
    assert_both_texts_kept(cli, e["id"], r)


def test_stale_edit_from_a_second_learnlog_edit_keeps_both_texts(cli, fake_editor, db_path, tmp_path, kind):
    existing_log(db_path, kind)
    e = add(cli, ORIGINAL)
    editor_b = write_script(
        tmp_path / "editor_b.py",
        f"""
        import pathlib, sys
        p = pathlib.Path(sys.argv[1])
        p.write_text(p.read_text(encoding="utf-8").replace({ORIGINAL!r}, {TEXT_B!r}), encoding="utf-8")
        """,
    )
    fake_editor(
        f"""
        import os, pty, subprocess
        env = dict(os.environ, EDITOR={str(editor_b)!r})
        _, terminal = pty.openpty()  # edit opens an editor only from a terminal
        b = subprocess.run([sys.executable, "-m", "learnlog", "edit", "{e["id"]}"], env=env, stdin=terminal,
                           capture_output=True, text=True)
        if b.returncode != 0:
            sys.stderr.write(b.stderr)
            sys.exit(9)
        path.write_text(path.read_text(encoding="utf-8").replace({ORIGINAL!r}, {TEXT_A!r}), encoding="utf-8")
        """
    )
    r = cli("edit", e["id"], code=1)
    assert "status 9" not in r.stderr, r.stderr
    assert_both_texts_kept(cli, e["id"], r)


def test_edit_after_the_conflict_applies_cleanly(cli, fake_editor, db_path, kind):
    """After a conflict the user can re-open the entry (now at B's version) and save normally."""
    existing_log(db_path, kind)
    e = add(cli, ORIGINAL)
    fake_editor(
        b_saves_first(e["id"]) + f"write(read().replace({ORIGINAL!r}, {TEXT_A!r}).replace({TEXT_B!r}, 'Merged.'))\n"
    )
    cli("edit", e["id"], code=1)
    cli("edit", e["id"])
    assert shown(cli, e["id"])["body"] == "Merged."
    assert shown(cli, e["id"])["version"] == 3


# -- parallel writers --

JOURNAL_WRITER = """
import sys
from pathlib import Path
from learnlog.dates import today
from learnlog.store.journal import Journal
from learnlog.records import Entry

name, n = sys.argv[1], int(sys.argv[2])
j = Journal(Path(sys.argv[3]))
for i in range(n):
    j.add(Entry(id=None, date=today(), body=f"Writer {name} entry {i} about supervision.", tags=[name]))
"""

CLI_WRITER = """
import sys
from typer.main import get_command
from learnlog.cli import app

name, n, db = sys.argv[1], int(sys.argv[2]), sys.argv[3]
cmd = get_command(app)
for i in range(n):
    code = cmd.main(["--db", db, "add", f"Writer {name} entry {i} about supervision.", "--tag", name],
                    prog_name="learnlog", standalone_mode=False)
    if code not in (None, 0):
        sys.exit(f"add {i} exited {code}")
"""


def run_writers(tmp_path: Path, db: Path, script: str, n: int) -> list[subprocess.CompletedProcess]:
    src = tmp_path / "writer.py"
    src.write_text(script, encoding="utf-8")
    procs = [
        subprocess.Popen(
            [sys.executable, str(src), name, str(n), str(db)],
            env=env_for(db),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("alpha", "beta")
    ]
    results = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        results.append(subprocess.CompletedProcess(p.args, p.returncode, out, err))
    return results


def bodies(db: Path) -> list[str]:
    conn = connect(db)
    try:
        return [r[0] for r in conn.execute("SELECT body FROM entry WHERE deleted_at IS NULL")]
    finally:
        conn.close()


@pytest.mark.parametrize(
    "fresh, kind", [(True, "plain"), (False, "plain"), (False, "encrypted")], indirect=["kind"], ids=str
)
def test_two_processes_adding_200_each_lose_nothing(tmp_path, fresh, kind):
    db = tmp_path / "shared" / "learnlog.db"
    if not fresh:
        db.parent.mkdir(mode=0o700)
        existing_log(db, kind)
    results = run_writers(tmp_path, db, JOURNAL_WRITER, 200)
    for r in results:
        assert r.returncode == 0, r.stderr
        assert r.stderr == ""
    got = bodies(db)
    assert len(got) == 400
    expected = {f"Writer {w} entry {i} about supervision." for w in ("alpha", "beta") for i in range(200)}
    assert set(got) == expected
    conn = connect(db)
    try:
        assert conn.execute("SELECT count(*) FROM entry_tag").fetchone()[0] == 400
        assert conn.execute("SELECT count(*) FROM entry_fts WHERE entry_fts MATCH 'supervision'").fetchone()[0] == 400
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


def test_two_cli_processes_adding_at_once_lose_nothing(tmp_path, kind):
    db = tmp_path / "shared" / "learnlog.db"
    if kind == "encrypted":
        db.parent.mkdir(mode=0o700)
        existing_log(db, kind)
    results = run_writers(tmp_path, db, CLI_WRITER, 40)
    for r in results:
        assert r.returncode == 0, r.stderr
        assert "Traceback" not in r.stderr and "Error" not in r.stderr, r.stderr
    assert len(bodies(db)) == 80
    out = subprocess.run(
        [sys.executable, "-m", "learnlog", "list", "--json", "--limit", "0"],
        env=env_for(db),
        capture_output=True,
        text=True,
        check=True,
    )
    assert len(json.loads(out.stdout)) == 80


def test_two_terminals_running_learnlog_add_at_once_lose_nothing(tmp_path, kind):
    """The real CLI, one process per entry, text on stdin, two streams of them at the same time."""
    db = tmp_path / "shared" / "learnlog.db"
    if kind == "encrypted":
        db.parent.mkdir(mode=0o700)
        existing_log(db, kind)
    script = tmp_path / "terminal.py"
    script.write_text(
        textwrap.dedent(
            """
            import subprocess, sys
            name, n = sys.argv[1], int(sys.argv[2])
            for i in range(n):
                r = subprocess.run([sys.executable, "-m", "learnlog", "add", "--tag", name],
                                   input=f"Terminal {name} entry {i}.\\n", capture_output=True, text=True)
                if r.returncode != 0 or "Error" in r.stderr:
                    sys.exit(f"add {i}: exit {r.returncode}: {r.stderr}")
            """
        ),
        encoding="utf-8",
    )
    procs = [
        subprocess.Popen([sys.executable, str(script), name, "4"], env=env_for(db), stderr=subprocess.PIPE, text=True)
        for name in ("alpha", "beta")
    ]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        assert err == ""
    assert sorted(bodies(db)) == sorted(f"Terminal {w} entry {i}." for w in ("alpha", "beta") for i in range(4))


# -- waiting for another writer --

HOLD_LOCK = """
import sqlite3, sys, time
if len(sys.argv) > 3:  # an encrypted log: another learnlog holding it has the key
    from sqlcipher3 import dbapi2 as sqlite3
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
if len(sys.argv) > 3:
    conn.execute("PRAGMA key = '" + sys.argv[3] + "'")
conn.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
conn.execute("COMMIT")
"""


def hold_write_lock(db: Path, seconds: float, key: str | None = None) -> subprocess.Popen:
    """Another program holding the write lock for a moment, as a second learnlog mid-save would."""
    args = [sys.executable, "-c", HOLD_LOCK, str(db), str(seconds), *([key] if key else [])]
    p = subprocess.Popen(args, stdout=subprocess.PIPE, text=True)
    assert p.stdout.readline().strip() == "locked"
    return p


def test_add_waits_for_another_writer_instead_of_failing(cli, db_path, kind):
    existing_log(db_path, kind)
    cli("add", "Already here.")
    holder = hold_write_lock(db_path, 1.0, SECRET if kind == "encrypted" else None)
    try:
        cli("add", "Saved once the other writer is done.")
    finally:
        holder.wait(timeout=30)
    assert sorted(bodies(db_path)) == ["Already here.", "Saved once the other writer is done."]


def test_creating_a_new_log_waits_for_another_writer_instead_of_failing(cli, db_path):
    """Two learnlogs starting on a new log at once: the second must wait (busy timeout), not fail at once."""
    from learnlog.store.schema import create_file

    create_file(db_path)
    holder = hold_write_lock(db_path, 1.0)
    try:
        r = cli("add", "First words in a new log.", code=None)
    finally:
        holder.wait(timeout=30)
    assert r.exit_code == 0, r.stderr
    assert bodies(db_path) == ["First words in a new log."]
