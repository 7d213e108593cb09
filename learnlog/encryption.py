"""Encryption at rest with SQLCipher: telling an encrypted log from a plain one, opening it with a key, and
turning a log into an encrypted one and back without ever leaving the user with neither.

SQLCipher 4 defaults are kept (PBKDF2-HMAC-SHA512, 256,000 iterations, the salt in the file's first 16 bytes),
so the `sqlcipher` shell opens a learnlog log with the passphrase alone. The key is derived once per process
with hashlib and every connection then opens with the raw key: a command opens several connections, and
SQLCipher would otherwise repeat the ~0.1 s derivation for each.

One driver per file within a process: a plain log is opened with the stdlib `sqlite3`, an encrypted one with
`sqlcipher3`. Each bundles its own SQLite, and two SQLite libraries in one process do not know each other's
POSIX locks on the same file (closing one's descriptor drops the other's locks).
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from learnlog.errors import StoreError, UsageError

PLAIN_HEADER = b"SQLite format 3\x00"
KDF_ITERATIONS = 256_000  # SQLCipher 4 default
KDF_DIGEST = "sha512"
KEY_BYTES = 32
WRONG_PASSPHRASE = "wrong passphrase, or this is not a learnlog log"
RAW_KEY = re.compile(r"^x'([0-9a-fA-F]{64}|[0-9a-fA-F]{96})'$")
_TMP_SUFFIX = ".tmp"


class WrongPassphrase(StoreError):
    """The key does not open the file (or the file is not a database at all: SQLCipher cannot tell)."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{WRONG_PASSPHRASE} ({path}) — nothing was changed")


class NeedsEncryptionExtra(StoreError):
    """An encrypted log on an install without sqlcipher3."""


# (st_dev, st_ino) -> (kind, salt). The header is read once per file per process, before SQLite opens it:
# our own open/close of the database file would drop the locks SQLite's connections hold on it.
_kinds: dict[tuple[int, int], tuple[str, bytes]] = {}


def file_kind(path: Path, *, fresh: bool = False) -> str:
    """'missing', 'empty', 'plain', 'encrypted' or 'foreign' (not SQLite, and not what SQLCipher writes).

    `fresh` reads the header again: for commands about to replace the file, which hold no connection to it.
    Otherwise the answer is remembered per inode; an inode number can be reused by a later file, so a
    connection that fails on a remembered answer calls forget() and asks again."""
    if fresh:
        forget(path)
    return _probe(path)[0]


def salt(path: Path) -> bytes:
    return _probe(path)[1]


def _probe(path: Path) -> tuple[str, bytes]:
    try:
        st = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return "missing", b""  # opening it says why (a file in the way of the folder, say)
    except PermissionError:
        raise StoreError(f"cannot read {path}: permission denied") from None
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror or exc}") from None
    if st.st_size == 0:
        return "empty", b""
    ident = (st.st_dev, st.st_ino)
    if ident in _kinds:
        return _kinds[ident]
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except IsADirectoryError:
        raise StoreError(f"{path} is a folder, not a learnlog database file") from None
    except PermissionError:
        raise StoreError(f"cannot read {path}: permission denied") from None
    try:
        head = os.pread(fd, len(PLAIN_HEADER), 0)
    finally:
        os.close(fd)
    if head == PLAIN_HEADER:
        kind = "plain"
    elif st.st_size % 512 == 0 and not _looks_like_text(head):
        kind = "encrypted"  # whole pages of noise: what SQLCipher writes (or noise of another kind)
    else:
        kind = "foreign"
    _kinds[ident] = (kind, head if kind == "encrypted" else b"")
    return _kinds[ident]


def forget(path: Path) -> None:
    """Drop what is known about a file that this process just replaced."""
    try:
        st = os.stat(path)
    except OSError:
        return
    _kinds.pop((st.st_dev, st.st_ino), None)


def forget_all() -> None:
    """Forget every file's kind and key (at the end of a command run in-process, as tests do)."""
    _kinds.clear()
    passphrase = sys.modules.get("learnlog.passphrase")
    if passphrase is not None:
        passphrase._keys.clear()


def _looks_like_text(head: bytes) -> bool:
    return all(32 <= b < 127 or b in (9, 10, 13) for b in head)


def driver():
    """The sqlcipher3 DB-API module, or a message that says how to get it."""
    try:
        from sqlcipher3 import dbapi2
    except ImportError:
        raise NeedsEncryptionExtra(
            "this log is encrypted, and this learnlog was installed without encryption support: "
            "pip install 'learnlog[encryption]'"
        ) from None
    return dbapi2


def derive_key(passphrase: str, file_salt: bytes) -> str:
    """The raw key SQLCipher 4 derives from a passphrase and the file's salt, as `x'…'` for PRAGMA key.

    A passphrase already in SQLCipher's raw-key notation (x'64 hex digits') is used as it is."""
    if RAW_KEY.match(passphrase):
        return passphrase
    raw = hashlib.pbkdf2_hmac(KDF_DIGEST, passphrase.encode("utf-8"), file_salt, KDF_ITERATIONS, KEY_BYTES)
    return f"x'{raw.hex()}'"


def check_passphrase(passphrase: str) -> str:
    if not passphrase:
        raise UsageError("the passphrase is empty; choose one of at least 8 characters")
    if "\x00" in passphrase:
        raise UsageError("the passphrase contains a NUL character")
    if not RAW_KEY.match(passphrase) and len(passphrase) < 8:
        raise UsageError("the passphrase is too short; choose one of at least 8 characters")
    return passphrase


def key_pragma(key: str) -> str:
    return "PRAGMA key = '" + key.replace("'", "''") + "'"


def open_encrypted(path: Path, key: str, *, timeout: float, uri: bool = False):
    """A sqlcipher3 connection keyed and proven to read page 1 (SQLCipher accepts any key until a page is read)."""
    db = driver()
    conn = db.connect(str(path), timeout=timeout, isolation_level=None, uri=uri, check_same_thread=False)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")  # SQLCipher logs 'hmac check failed' to stderr otherwise
        conn.execute(key_pragma(key))
        # Page 1 only: a wrong key fails its HMAC here, while damage elsewhere is left for the checks to name.
        conn.execute("PRAGMA user_version").fetchone()
    except db.DatabaseError:
        conn.close()
        raise WrongPassphrase(path) from None
    return conn


# -- one face for both drivers -------------------------------------------------------------------------------


def _translate(exc: BaseException) -> BaseException:
    """The stdlib exception of the same name, so `except sqlite3.OperationalError` everywhere (and SQLAlchemy's
    pysqlite dialect) treat an encrypted log's errors exactly like a plain one's."""
    import sqlite3

    kind = getattr(sqlite3, type(exc).__name__, sqlite3.DatabaseError)
    out = kind(*exc.args)
    for attr in ("sqlite_errorcode", "sqlite_errorname"):
        if hasattr(exc, attr):
            setattr(out, attr, getattr(exc, attr))
    return out


def _cipher_error() -> type[BaseException]:
    from sqlcipher3 import dbapi2

    return dbapi2.Error


class _Cursor:
    """A sqlcipher3 cursor that raises stdlib sqlite3 exceptions."""

    __slots__ = ("_inner", "_error")

    def __init__(self, inner, error) -> None:
        object.__setattr__(self, "_inner", inner)
        object.__setattr__(self, "_error", error)

    def _call(self, fn, *args):
        try:
            return fn(*args)
        except self._error as exc:
            raise _translate(exc) from None

    def execute(self, *args):
        self._call(self._inner.execute, *args)
        return self

    def executemany(self, *args):
        self._call(self._inner.executemany, *args)
        return self

    def executescript(self, *args):
        self._call(self._inner.executescript, *args)
        return self

    def fetchone(self):
        return self._call(self._inner.fetchone)

    def fetchmany(self, *args):
        return self._call(self._inner.fetchmany, *args)

    def fetchall(self):
        return self._call(self._inner.fetchall)

    def close(self):
        return self._call(self._inner.close)

    def __iter__(self):
        return self

    def __next__(self):
        return self._call(self._inner.__next__)

    def __getattr__(self, name):
        return getattr(self._inner, name)

    def __setattr__(self, name, value):
        setattr(self._inner, name, _row_type(value))


def _row_type(value):
    import sqlite3

    if value is sqlite3.Row:
        from sqlcipher3 import dbapi2

        return dbapi2.Row
    return value


class EncryptedConnection:
    """A keyed sqlcipher3 connection behind the stdlib connection's face: same methods, stdlib exceptions,
    `row_factory = sqlite3.Row` honoured. The one connection point returns it for encrypted logs, so nothing
    above the store knows which driver is underneath."""

    __slots__ = ("_inner", "_error")

    def __init__(self, inner) -> None:
        object.__setattr__(self, "_inner", inner)
        object.__setattr__(self, "_error", _cipher_error())

    @property
    def raw(self):
        return self._inner

    def _call(self, fn, *args, **kw):
        try:
            return fn(*args, **kw)
        except self._error as exc:
            raise _translate(exc) from None

    def cursor(self, *args):
        return _Cursor(self._call(self._inner.cursor, *args), self._error)

    def execute(self, *args):
        return _Cursor(self._call(self._inner.execute, *args), self._error)

    def executemany(self, *args):
        return _Cursor(self._call(self._inner.executemany, *args), self._error)

    def executescript(self, *args):
        return _Cursor(self._call(self._inner.executescript, *args), self._error)

    def commit(self):
        return self._call(self._inner.commit)

    def rollback(self):
        return self._call(self._inner.rollback)

    def close(self):
        return self._call(self._inner.close)

    def backup(self, target, **kw):
        return self._call(self._inner.backup, getattr(target, "raw", target), **kw)

    def create_function(self, *args, **kw):
        return self._call(self._inner.create_function, *args, **kw)

    def __enter__(self):
        return self

    def __exit__(self, kind, value, tb):
        return self._call(self._inner.__exit__, kind, value, tb)

    def __getattr__(self, name):
        return getattr(self._inner, name)

    def __setattr__(self, name, value):
        setattr(self._inner, name, _row_type(value))


# -- encrypt / decrypt / change the passphrase --------------------------------------------------------------


def encrypt(path: Path, passphrase: str) -> None:
    """Replace a plain log by an encrypted copy. The plain file disappears only by the rename that puts the
    verified encrypted file in its place, so a kill at any moment leaves one of the two at `path`."""
    if file_kind(path, fresh=True) != "plain":
        raise not_kind(path, "plain")
    _rewrite(path, source_key=None, target_key=check_passphrase(passphrase))


def decrypt(path: Path, key: str) -> None:
    if file_kind(path, fresh=True) != "encrypted":
        raise not_kind(path, "encrypted")
    _rewrite(path, source_key=key, target_key=None)


def change_passphrase(path: Path, key: str, new_passphrase: str) -> None:
    """PRAGMA rekey re-encrypts every page in one transaction: a kill leaves the old key in force."""
    if file_kind(path, fresh=True) != "encrypted":
        raise not_kind(path, "encrypted")
    check_passphrase(new_passphrase)
    conn = open_encrypted(path, key, timeout=30)
    try:
        conn.execute("PRAGMA rekey = '" + new_passphrase.replace("'", "''") + "'")
        ok = conn.execute("PRAGMA quick_check").fetchone()[0]
    finally:
        conn.close()
    if ok != "ok":  # pragma: no cover - rekey either completes or rolls back
        raise StoreError(f"changing the passphrase of {path} left a failed check: {ok}")
    # The salt stays, but a key derived from the old passphrase no longer opens the file.
    forget(path)


def not_kind(path: Path, want: str) -> StoreError:
    kind = file_kind(path)
    if kind == "missing" or kind == "empty":
        return StoreError(f"there is no log at {path} yet")
    if kind == "foreign":
        return StoreError(f"{path} is not a learnlog database (it is not an SQLite file)")
    if want == "plain":
        return StoreError(f"{path} is already encrypted — nothing was changed")
    return StoreError(f"{path} is not encrypted — nothing was changed")


def stale_temporaries(path: Path) -> list[Path]:
    """Copies left by an encrypt/decrypt that was killed before its rename; ours only, by name."""
    return sorted(path.parent.glob(f".{path.name}.*crypt-*{_TMP_SUFFIX}"))


def _rewrite(path: Path, *, source_key: str | None, target_key: str | None) -> None:
    db = driver()
    verb = "encrypt" if target_key else "decrypt"
    tmp = path.with_name(f".{path.name}.{verb}-{os.getpid()}{_TMP_SUFFIX}")
    src = open_encrypted(path, source_key, timeout=5) if source_key else db.connect(str(path), isolation_level=None)
    swapped = False
    try:
        from learnlog.integrity import Damaged, problems

        found = problems(src)
        if found:  # a copy of damage would pass for the log, and the original would be gone
            raise Damaged(path, found[0])
        try:
            mode = src.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        except db.OperationalError:
            mode = None
        if mode != "delete":
            # Another connection holds the WAL open; its -wal file would be read as the new file's.
            raise StoreError(f"{path} is in use by another learnlog; close it and try again — nothing was changed")
        with _write_lock(db, path, source_key):
            for old in stale_temporaries(path):
                old.unlink(missing_ok=True)
            fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            os.close(fd)
            src.execute("ATTACH DATABASE ? AS target KEY ?", (str(tmp), target_key or ""))
            src.execute("SELECT sqlcipher_export('target')")
            version = int(src.execute("PRAGMA main.user_version").fetchone()[0])
            src.execute(f"PRAGMA target.user_version = {version}")
            src.execute("DETACH DATABASE target")
            counts = _table_counts(src)
            _verify(path, tmp, target_key, version, counts)
            # The kinds are remembered by inode: drop the old file's before its inode number is freed (a file
            # made later in this process may get it), and the copy's, which now answers to `path`.
            forget(path)
            os.replace(tmp, path)
            swapped = True
            _fsync_dir(path.parent)
            forget(path)
    except BaseException:
        if not swapped:
            forget(tmp)
            tmp.unlink(missing_ok=True)
            _restore_wal(src, db)
        raise
    finally:
        src.close()


@contextmanager
def _write_lock(db, path: Path, key: str | None) -> Iterator[object]:
    """A RESERVED lock on the old file for the whole copy: readers carry on, writers wait (and after the swap
    find the log replaced, which the store checks before writing)."""
    conn = open_encrypted(path, key, timeout=5) if key else db.connect(str(path), timeout=5, isolation_level=None)
    try:
        try:
            conn.execute("BEGIN IMMEDIATE")
        except db.OperationalError:
            raise StoreError(f"{path} is being written by another learnlog; try again — nothing was changed") from None
        yield conn
        conn.execute("ROLLBACK")
    finally:
        conn.close()


def _table_counts(conn) -> dict[str, int]:
    names = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM main.sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
        )
    ]
    return {n: conn.execute(f'SELECT count(*) FROM main."{n}"').fetchone()[0] for n in names}


def _verify(path: Path, tmp: Path, key: str | None, version: int, counts: dict[str, int]) -> None:
    """The new file opens with the new key, passes integrity_check and holds as many rows as the old one."""
    db = driver()
    conn = open_encrypted(tmp, key, timeout=5) if key else db.connect(str(tmp), isolation_level=None)
    try:
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        if problems != ["ok"]:
            raise StoreError(f"the new copy of {path} failed its check ({problems[0]}); the old log is unchanged")
        if int(conn.execute("PRAGMA user_version").fetchone()[0]) != version or _table_counts(conn) != counts:
            raise StoreError(f"the new copy of {path} does not hold every row; the old log is unchanged")
        conn.execute("PRAGMA journal_mode = WAL")
    finally:
        conn.close()
    fd = os.open(tmp, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _restore_wal(conn, db) -> None:
    with suppress(db.Error):
        conn.execute("PRAGMA journal_mode = WAL")


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
