"""Every command on an encrypted log behaves as on the plain one; wrong or missing keys change nothing; drafts
never land on disk in plain text; parallel writers lose nothing."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from damage import snapshot
from helpers import add, as_json, one_line, table_dump

pytest.importorskip("sqlcipher3", reason="the encryption extra is not installed")

from learnlog import encryption, passphrase  # noqa: E402

SECRET = "a long passphrase for the tests"
TEXTS = [
    ("Mrs Dunsmore told me her direct payment lets her choose her own carers", "sds"),
    ("Supervision: we rehearsed how to advocate for Mr Quigley at the resource panel", "supervision"),
    ("Team meeting on outcomes-focused reviews and what a good week looks like", "team-meeting"),
]


@pytest.fixture
def two_logs(cli, db_path, tmp_path, monkeypatch):
    """The same log twice: plain, and an encrypted copy (LEARNLOG_PASSPHRASE set for the encrypted one)."""
    for text, tag in TEXTS:
        add(cli, text, "-t", tag)
    cli("tag", "1", "c1")
    plain = tmp_path / "plain" / "learnlog.db"
    plain.parent.mkdir(mode=0o700)
    _copy_log(db_path, plain)
    encryption.encrypt(db_path, SECRET)
    monkeypatch.setenv(passphrase.ENV_PASSPHRASE, SECRET)
    return plain, db_path


def _copy_log(src: Path, dst: Path) -> None:
    import sqlite3

    a, b = sqlite3.connect(src), sqlite3.connect(dst)
    with b:
        a.backup(b)
    a.close()
    b.close()


READS = [
    ["list"],
    ["list", "--json"],
    ["list", "-t", "sds", "--json"],
    ["show", "2", "--json"],
    ["show", "1", "--raw"],
    ["search", "direct payment*"],
    ["history", "1", "--json"],
    ["coverage", "--json"],
    ["criteria"],
    ["words", "1"],
    ["scan", "2"],
]


@pytest.mark.parametrize("args", READS, ids=lambda a: " ".join(a))
def test_reads_on_the_encrypted_log_match_the_plain_one(cli, two_logs, args):
    plain, encrypted = two_logs
    a = cli("--db", str(plain), *args, code=None)
    b = cli("--db", str(encrypted), *args, code=None)
    assert (b.exit_code, b.stdout) == (a.exit_code, a.stdout.replace(str(plain), str(encrypted)))
    assert b.exit_code in (0, 1)


def test_writes_on_the_encrypted_log_stay_encrypted(cli, two_logs, fake_editor):
    _, log = two_logs
    new = add(cli, "Carers' forum: the strongest voices were the quietest ones", "-t", "carers")
    fake_editor("path.write_text(path.read_text().replace('quietest', 'least heard'))")
    cli("edit", new["id"])
    cli("tag", new["id"], "c4")
    cli("delete", "2")
    cli("restore", "2")
    shown = as_json(cli("show", new["id"], "--json"))
    assert "least heard" in shown["body"] and shown["criteria"] == {"c4": "manual"}
    assert encryption.file_kind(log, fresh=True) == "encrypted"
    raw = b"".join(snapshot(log).values())
    for word in (b"strongest", b"quietest", b"Dunsmore", b"Quigley", b"carers"):
        assert word not in raw


def _stderr_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


@pytest.mark.parametrize("args", [["list"], ["add", "one more reflection"], ["search", "panel"], ["tag", "1", "c2"]])
def test_a_wrong_passphrase_is_one_line_exit_1_and_changes_nothing(cli, two_logs, monkeypatch, args):
    _, log = two_logs
    before = snapshot(log)
    monkeypatch.setenv(passphrase.ENV_PASSPHRASE, "this is not the passphrase")
    passphrase.forget(log)
    r = cli(*args, code=1)
    assert one_line(r.stderr).startswith("Error: wrong passphrase, or this is not a learnlog log")
    assert "hmac" not in r.stderr.lower() and "ERROR CORE" not in r.stderr
    assert snapshot(log) == before


def _env(log: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != passphrase.ENV_PASSPHRASE}
    env.update(LEARNLOG_DB=str(log), **extra)
    return env


def test_no_passphrase_and_no_terminal_is_one_line_exit_1_without_sqlcipher_noise(two_logs):
    _, log = two_logs
    before = snapshot(log)
    for args in (["list"], ["add", "text piped in by a script"]):
        r = subprocess.run(
            [sys.executable, "-m", "learnlog", *args],
            env=_env(log),
            capture_output=True,
            text=True,
            timeout=60,
            start_new_session=True,  # no controlling terminal: learnlog must not wait for a prompt
            stdin=subprocess.DEVNULL,
        )
        assert r.returncode == 1, r.stderr
        assert one_line(r.stderr).startswith("Error: ")
        assert "is encrypted: set LEARNLOG_PASSPHRASE" in r.stderr
    assert snapshot(log) == before


def test_wrong_passphrase_in_a_subprocess_prints_nothing_from_sqlcipher(two_logs):
    _, log = two_logs
    r = subprocess.run(
        [sys.executable, "-m", "learnlog", "list"],
        env=_env(log, LEARNLOG_PASSPHRASE="definitely not it"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 1
    assert one_line(r.stderr) == f"Error: wrong passphrase, or this is not a learnlog log ({log}) — nothing was changed"


@pytest.mark.parametrize("words", ["learnlog sh", "learnlog show ", "learnlog tag 1 "])
def test_completion_on_an_encrypted_log_never_prompts(two_logs, words):
    _, log = two_logs
    r = subprocess.run(
        [sys.executable, "-m", "learnlog"],
        env=_env(
            log,
            _LEARNLOG_COMPLETE="complete_bash",
            _TYPER_COMPLETE_ARGS=words,
            COMP_WORDS=words,
            COMP_CWORD=str(len(words.split()) - (0 if words.endswith(" ") else 1)),
        ),
        capture_output=True,
        text=True,
        timeout=30,
        start_new_session=True,
        stdin=subprocess.DEVNULL,
    )
    assert r.returncode == 0, r.stderr
    assert "assphrase" not in r.stdout + r.stderr
    if words == "learnlog sh":
        assert "show" in r.stdout.split()  # completion itself still works


def test_drafts_of_an_encrypted_log_are_never_plain_files_next_to_it(cli, two_logs, fake_editor):
    _, log = two_logs
    fake_editor("path.write_text('---\\ntitle: [unclosed\\n---\\nA draft about Mrs Dunsmore')")
    r = cli("add", code=None)
    assert r.exit_code != 0
    drafts = [p for p in log.parent.rglob("*") if p.is_file() and not p.name.startswith(log.name)]
    assert drafts == []
    kept = [Path(w.rstrip(".,;:)")) for w in r.stderr.split() if w.endswith(".md") or ".md" in w]
    assert kept, r.stderr
    for p in kept:
        assert not str(p).startswith(str(log.parent))
        if p.exists():
            assert "Dunsmore" in p.read_text()
            assert oct(p.parent.stat().st_mode & 0o777) == "0o700"


def test_a_writer_that_waited_while_the_log_was_encrypted_writes_nothing_into_the_old_file(cli, db_path):
    from learnlog.store.schema import connect, engine_for

    add(cli, "first entry, before encryption")
    connect(db_path).close()
    engine = engine_for(db_path)
    with engine.connect() as conn:  # opened on the plain file, as a writer waiting for the lock would be
        encryption.encrypt(db_path, SECRET)
        with pytest.raises(encryption.StoreError, match="was replaced"):
            conn.begin()


PARALLEL = 4
EACH = 8


def test_parallel_writers_on_an_encrypted_log_lose_nothing(cli, two_logs, tmp_path):
    _, log = two_logs
    before = len(as_json(cli("list", "--json")))
    code = (
        "import subprocess, sys\n"
        "for i in range(int(sys.argv[2])):\n"
        "    r = subprocess.run([sys.executable, '-m', 'learnlog', 'add', f'writer {sys.argv[1]} entry {i}'],"
        " capture_output=True, text=True)\n"
        "    assert r.returncode == 0, r.stderr\n"
    )
    env = _env(log, LEARNLOG_PASSPHRASE=SECRET)
    procs = [
        subprocess.Popen([sys.executable, "-c", code, str(w), str(EACH)], env=env, stderr=subprocess.PIPE)
        for w in range(PARALLEL)
    ]
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err.decode()
    listed = as_json(cli("list", "--json", "--limit", "1000"))
    assert len(listed) == before + PARALLEL * EACH
    bodies = {e["body"] for e in listed}
    for w in range(PARALLEL):
        for i in range(EACH):
            assert f"writer {w} entry {i}" in bodies
    assert encryption.file_kind(log, fresh=True) == "encrypted"


def test_an_encrypted_copy_elsewhere_opens_only_with_the_passphrase(cli, two_logs, tmp_path, monkeypatch):
    _, log = two_logs
    copy = tmp_path / "stolen" / "learnlog.db"
    copy.parent.mkdir()
    shutil.copy(log, copy)
    monkeypatch.delenv(passphrase.ENV_PASSPHRASE)
    r = cli("--db", str(copy), "list", code=1)
    assert "is encrypted" in r.stderr or "wrong passphrase" in r.stderr
    monkeypatch.setenv(passphrase.ENV_PASSPHRASE, SECRET)
    assert len(as_json(cli("--db", str(copy), "list", "--json"))) == len(TEXTS)


def test_sigkill_of_a_write_on_an_encrypted_log_keeps_it_openable(two_logs, tmp_path):
    _, log = two_logs
    env = _env(log, LEARNLOG_PASSPHRASE=SECRET)
    proc = subprocess.Popen([sys.executable, "-m", "learnlog", "add", "killed while writing " * 200], env=env)
    try:
        proc.wait(timeout=0.3)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    r = subprocess.run([sys.executable, "-m", "learnlog", "list", "--json"], env=env, capture_output=True, timeout=60)
    assert r.returncode == 0, r.stderr


def test_a_snapshot_of_an_encrypted_log_is_encrypted_and_private(cli, two_logs, tmp_path):
    from learnlog.store.schema import snapshot

    plain, log = two_logs
    dest = tmp_path / "backup.db"
    snapshot(log, dest)
    assert oct(dest.stat().st_mode & 0o777) == "0o600"
    assert encryption.file_kind(dest) == "encrypted"
    assert b"Dunsmore" not in dest.read_bytes()
    listed = as_json(cli("--db", str(dest), "list", "--json"))
    assert [e["body"] for e in listed] == [e["body"] for e in as_json(cli("--db", str(plain), "list", "--json"))]
    plain_copy = tmp_path / "plain-backup.db"
    snapshot(plain, plain_copy)
    assert encryption.file_kind(plain_copy) == "plain"
    with pytest.raises(encryption.StoreError, match="already exists"):
        snapshot(log, dest)


def test_backup_of_an_encrypted_log_is_an_encrypted_file(cli, two_logs, tmp_path):
    plain, log = two_logs
    out = tmp_path / "backups"
    out.mkdir(mode=0o700)
    cli("backup", str(out / "copy.db"))
    copy = out / "copy.db"
    assert oct(copy.stat().st_mode & 0o777) == "0o600"
    assert encryption.file_kind(copy) == "encrypted"
    assert b"Dunsmore" not in copy.read_bytes() and b"Quigley" not in copy.read_bytes()
    got = [e["body"] for e in as_json(cli("--db", str(copy), "list", "--json"))]
    assert got == [e["body"] for e in as_json(cli("--db", str(plain), "list", "--json"))]


def test_an_encrypted_backup_restores_into_a_new_log_that_stays_encrypted(cli, two_logs, tmp_path):
    _, log = two_logs
    copy = tmp_path / "copy.db"
    cli("backup", str(copy))
    new = tmp_path / "restored" / "learnlog.db"
    r = cli("--db", str(new), "restore", str(copy))
    assert one_line(r.stderr).startswith(f"Restored the log in {copy} (3 entries")
    assert encryption.file_kind(new, fresh=True) == "encrypted"
    assert b"Dunsmore" not in new.read_bytes()
    assert table_dump(new, SECRET) == table_dump(log, SECRET)
    cli("--db", str(new), "add", "Written after the restore.")  # a whole log again: it takes writes
    assert [e["id"] for e in as_json(cli("--db", str(new), "list", "--json"))] == [4, 3, 2, 1]


def test_an_encrypted_backup_restores_over_the_encrypted_log(cli, two_logs, tmp_path):
    _, log = two_logs
    copy = tmp_path / "copy.db"
    cli("backup", str(copy))
    before = table_dump(log, SECRET)
    add(cli, "Written after the backup, gone after the restore.")
    cli("delete", "1")
    r = cli("restore", str(copy), "--replace")
    assert "Restored the log" in r.stderr and "is kept at" in r.stderr
    assert table_dump(log, SECRET) == before
    assert encryption.file_kind(log, fresh=True) == "encrypted"
    kept = next((log.parent / "snapshots").glob("before-restore-*.db"))
    assert encryption.file_kind(kept, fresh=True) == "encrypted"  # the log it replaced, kept encrypted too
    assert len(dict(table_dump(kept, SECRET))["entry"]) == 4  # with the entry written after the backup


def test_the_keyring_key_of_the_log_opens_its_backup(cli, two_logs, tmp_path, monkeypatch, file_keyring):
    """No passphrase anywhere and no terminal: restore over the log still opens its backup with the log's key
    from the keyring (a backup keeps its log's salt), instead of stopping to ask for one."""
    _, log = two_logs
    passphrase.remember(log, encryption.derive_key(SECRET, encryption.salt(log)))
    copy = tmp_path / "copy.db"
    cli("backup", str(copy))
    before = table_dump(log, SECRET)
    monkeypatch.delenv(passphrase.ENV_PASSPHRASE)
    add(cli, "Written after the backup, gone after the restore.")
    cli("restore", str(copy), "--replace")
    assert table_dump(log, SECRET) == before


@pytest.mark.parametrize("target", ["new", "current"])
def test_a_wrong_passphrase_for_an_encrypted_backup_changes_nothing(cli, two_logs, tmp_path, monkeypatch, target):
    _, log = two_logs
    copy = tmp_path / "copy.db"
    cli("backup", str(copy))
    add(cli, "Written after the backup.")
    db = tmp_path / "new.db" if target == "new" else log
    before = snapshot(db) if db.exists() else {}
    monkeypatch.setenv(passphrase.ENV_PASSPHRASE, "not the passphrase at all")
    r = cli("--db", str(db), "restore", str(copy), "--replace", code=1)
    opened_first = copy if target == "new" else db  # over the log, its own key is taken first
    assert (
        one_line(r.stderr)
        == f"Error: wrong passphrase, or this is not a learnlog log ({opened_first}) — nothing was changed"
    )
    assert (snapshot(db) if db.exists() else {}) == before
    assert not list(db.parent.glob("snapshots/before-restore-*"))  # not even a snapshot of the current log


def test_backups_are_not_restored_across_plain_and_encrypted_logs(cli, two_logs, tmp_path):
    """An encrypted backup into a plain log would write its text unencrypted; a plain one into an encrypted
    log cannot be copied page by page. Both are refused in one line, and neither log changes."""
    plain, log = two_logs
    encrypted_copy, plain_copy = tmp_path / "encrypted-copy.db", tmp_path / "plain-copy.db"
    cli("backup", str(encrypted_copy))
    cli("--db", str(plain), "backup", str(plain_copy))
    before = snapshot(plain), snapshot(log)
    r = cli("--db", str(plain), "restore", str(encrypted_copy), "--replace", code=1)
    assert "is not encrypted, so restoring it there would write its text unencrypted" in one_line(r.stderr)
    r = cli("--db", str(log), "restore", str(plain_copy), "--replace", code=1)
    assert "is the backup of a plain log and the log at" in one_line(r.stderr)
    assert (snapshot(plain), snapshot(log)) == before
