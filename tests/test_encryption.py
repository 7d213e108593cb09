"""Encryption at rest on real logs: the file holds none of the words, opens only with the key, survives kills
while being encrypted, and comes back byte-for-byte equal in content."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from helpers import add

sqlcipher3 = pytest.importorskip("sqlcipher3", reason="the encryption extra is not installed")

from learnlog import encryption, passphrase  # noqa: E402

SECRET = "correct horse battery staple"
WORDS = [
    "Mrs Dunsmore told me her direct payment lets her choose her own carers",
    "Supervision with Aileen: we rehearsed how to advocate at the resource panel",
    "Team meeting about the overnight support review for Mr Quigley",
]


@pytest.fixture
def log(cli, db_path) -> Path:
    for text in WORDS:
        add(cli, text, "-t", "reflection")
    return db_path


def dump(conn) -> list[tuple]:
    """Every row of every ordinary table, as the user's data: what a round trip must keep."""
    names = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name"
        )
    ]
    out = [("user_version", conn.execute("PRAGMA user_version").fetchone()[0])]
    for n in names:
        out.append((n, sorted(map(tuple, conn.execute(f'SELECT * FROM "{n}"')), key=repr)))
    out.append(("schema", sorted(map(tuple, conn.execute("SELECT type, name, sql FROM sqlite_master")), key=repr)))
    return out


def plain_dump(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return dump(conn)
    finally:
        conn.close()


def encrypted_dump(path: Path, secret: str = SECRET) -> list[tuple]:
    conn = sqlcipher3.connect(str(path))
    try:
        conn.execute(encryption.key_pragma(secret))
        return dump(conn)
    finally:
        conn.close()


def all_bytes(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))


def test_encrypted_file_holds_none_of_the_words_and_round_trips(log):
    before = plain_dump(log)
    encryption.encrypt(log, SECRET)
    assert encryption.file_kind(log) == "encrypted"
    raw = all_bytes(log)
    assert not raw.startswith(encryption.PLAIN_HEADER)
    words = {w for text in WORDS for w in text.split() if len(w) >= 6} | {"reflection"}
    assert len(words) > 10
    for word in words:  # six letters or more: shorter ones turn up in 3 MB of noise by chance
        assert word.encode() not in raw, word
    assert oct(log.stat().st_mode & 0o777) == "0o600"
    assert encrypted_dump(log) == before
    encryption.decrypt(log, passphrase.encryption.derive_key(SECRET, encryption.salt(log)))
    assert encryption.file_kind(log) == "plain"
    assert plain_dump(log) == before
    assert not encryption.stale_temporaries(log)


def test_a_copy_without_the_passphrase_opens_nowhere(log, tmp_path):
    encryption.encrypt(log, SECRET)
    copy = tmp_path / "copy.db"
    shutil.copy(log, copy)
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(copy).execute("SELECT count(*) FROM sqlite_master").fetchone()
    for attempt in (None, "wrong passphrase here", SECRET.upper()):
        conn = sqlcipher3.connect(str(copy))
        if attempt:
            conn.execute(encryption.key_pragma(attempt))
        with pytest.raises(sqlcipher3.dbapi2.DatabaseError):
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.close()
    with pytest.raises(encryption.WrongPassphrase):
        encryption.open_encrypted(copy, encryption.derive_key("not it at all", encryption.salt(copy)), timeout=1)


def test_the_sqlcipher_passphrase_and_the_derived_raw_key_open_the_same_file(log):
    encryption.encrypt(log, SECRET)
    raw = encryption.derive_key(SECRET, encryption.salt(log))
    assert encryption.RAW_KEY.match(raw)
    by_raw = encryption.open_encrypted(log, raw, timeout=1)
    by_pass = encryption.open_encrypted(log, SECRET, timeout=1)
    try:
        assert dump(by_raw) == dump(by_pass)
    finally:
        by_raw.close()
        by_pass.close()


def test_encrypting_twice_or_decrypting_a_plain_log_is_refused_unchanged(log):
    before = plain_dump(log)
    with pytest.raises(encryption.StoreError, match="not encrypted"):
        encryption.decrypt(log, SECRET)
    assert plain_dump(log) == before
    encryption.encrypt(log, SECRET)
    data = log.read_bytes()
    with pytest.raises(encryption.StoreError, match="already encrypted"):
        encryption.encrypt(log, SECRET)
    assert log.read_bytes() == data


def test_encrypt_refuses_while_another_connection_has_the_log_open(log):
    before = plain_dump(log)
    hold = (
        "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('SELECT count(*) FROM entry').fetchone();"
        " print('open', flush=True); sys.stdin.read()"
    )
    other = subprocess.Popen([sys.executable, "-c", hold, str(log)], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert other.stdout.readline() == b"open\n"
        with pytest.raises(encryption.StoreError, match="in use by another learnlog"):
            encryption.encrypt(log, SECRET)
    finally:
        other.communicate(b"", timeout=30)
    assert encryption.file_kind(log) == "plain"
    assert plain_dump(log) == before
    assert sqlite3.connect(log).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_wrong_key_on_decrypt_changes_nothing(log):
    encryption.encrypt(log, SECRET)
    data = log.read_bytes()
    with pytest.raises(encryption.WrongPassphrase, match="wrong passphrase, or this is not a learnlog log"):
        encryption.decrypt(log, encryption.derive_key("something else", encryption.salt(log)))
    assert log.read_bytes() == data
    assert not encryption.stale_temporaries(log)


def test_change_passphrase_old_one_stops_working(log):
    before = plain_dump(log)
    encryption.encrypt(log, SECRET)
    encryption.change_passphrase(log, encryption.derive_key(SECRET, encryption.salt(log)), "a brand new phrase")
    assert encrypted_dump(log, "a brand new phrase") == before
    with pytest.raises(encryption.WrongPassphrase):
        encryption.open_encrypted(log, encryption.derive_key(SECRET, encryption.salt(log)), timeout=1)


@pytest.mark.parametrize("bad", ["", "short", "with\x00nul char"])
def test_unusable_new_passphrases_are_refused(log, bad):
    before = plain_dump(log)
    with pytest.raises(encryption.UsageError):
        encryption.encrypt(log, bad)
    assert plain_dump(log) == before


def test_text_and_noise_files_are_told_apart_from_encrypted_logs(tmp_path):
    text = tmp_path / "notes.db"
    text.write_text("just some notes\n" * 64)
    assert encryption.file_kind(text) == "foreign"
    noise = tmp_path / "noise.db"
    noise.write_bytes(os.urandom(4096))
    assert encryption.file_kind(noise) == "encrypted"  # indistinguishable without a key; opening says so
    assert encryption.file_kind(tmp_path / "absent.db") == "missing"


# -- SIGKILL during encrypt: the old plain log or the new encrypted one, never neither --------------------------

KILLER = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from learnlog import encryption
    point = sys.argv[2]
    real = {"export": None, "verify": encryption._verify, "replace": os.replace, "fsync": encryption._fsync_dir}
    def die(*a, **k):
        os.kill(os.getpid(), signal.SIGKILL)
    if point == "verify":
        encryption._verify = die
    elif point == "replace":
        encryption.os.replace = die
    elif point == "after-replace":
        encryption._fsync_dir = die
    elif point == "export":
        orig = encryption._table_counts
        encryption._table_counts = lambda conn: die()
    encryption.encrypt(Path(sys.argv[1]), sys.argv[3])
    """
)


def _usable(path: Path, before) -> str:
    kind = encryption.file_kind(path)
    if kind == "plain":
        assert plain_dump(path) == before
    else:
        assert kind == "encrypted"
        assert encrypted_dump(path) == before
    return kind


@pytest.mark.parametrize(
    ("point", "expected"),
    [("export", "plain"), ("verify", "plain"), ("replace", "plain"), ("after-replace", "encrypted")],
)
def test_sigkill_at_each_step_of_encrypt_leaves_one_usable_log(log, tmp_path, point, expected):
    before = plain_dump(log)
    script = tmp_path / "killer.py"
    script.write_text(KILLER)
    proc = subprocess.run([sys.executable, str(script), str(log), point, SECRET], capture_output=True, timeout=60)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()
    assert _usable(log, before) == expected
    # the next encrypt clears what the killed one left, and succeeds (or says it is already done)
    if expected == "plain":
        encryption.encrypt(log, SECRET)
    assert not encryption.stale_temporaries(log)
    assert encrypted_dump(log) == before


def test_sigkill_at_random_moments_of_a_real_encrypt_leaves_one_usable_log(cli, db_path, tmp_path):
    for i in range(300):
        add(cli, f"Reflection number {i} about outcomes-focused conversations with families " * 5)
    before = plain_dump(db_path)
    env = dict(os.environ, LEARNLOG_DB=str(db_path))
    code = f"from learnlog import encryption; from pathlib import Path; encryption.encrypt(Path({str(db_path)!r}), {SECRET!r})"
    kinds = set()
    for delay in (0.05, 0.12, 0.2, 0.3, 0.45):
        if encryption.file_kind(db_path) == "encrypted":
            break
        proc = subprocess.Popen([sys.executable, "-c", code], env=env, stderr=subprocess.PIPE)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        kinds.add(_usable(db_path, before))
    assert kinds <= {"plain", "encrypted"}
