"""Opening the database: the one place a connection is made, the checks before anything is written, migrations.

Every sqlite3 connection learnlog makes comes from `open_connection`, and the one SQLAlchemy engine is built on it
(`engine_for`), so a change to how the file is opened (a key for an encrypted log, a pragma) is made once.

Every open checks, before anything is written: the file is SQLite, it is a learnlog database, and it was not
written by a newer learnlog. A new or older database is brought up to date by the named steps in
`store.migrations`, with the stdlib module only; a newer or foreign one is refused untouched.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from learnlog.config import make_private_dirs
from learnlog.errors import StoreError

BUSY_TIMEOUT_MS = 30_000


# -- errors ----------------------------------------------------------------------------------------------------


def _filesystem_state(path: Path) -> str | None:
    """'full' or 'read-only' when the folder's filesystem says so: SQLite often reports only 'disk I/O error'."""
    try:
        st = os.statvfs(path.parent)
    except OSError:
        return None
    if st.f_flag & os.ST_RDONLY:
        return "read-only"
    if st.f_bavail * st.f_frsize < 256 * 1024:
        return "full"
    return None


def store_error(exc: BaseException, path: Path) -> StoreError:
    """One place that turns driver errors into sentences a practitioner can act on."""
    text = str(getattr(exc, "orig", None) or exc)
    low = text.lower()
    fs = _filesystem_state(path)
    if fs == "full" or "disk is full" in low:
        return StoreError(f"cannot write to {path}: the disk is full; free some space — nothing was changed")
    if fs == "read-only" or "readonly" in low or "read-only" in low:
        return StoreError(f"cannot write to {path}: the database file or its folder is read-only")
    if "locked" in low or "busy" in low:
        return StoreError(f"{path} is busy in another learnlog for too long; try again — nothing was changed")
    if "unable to open" in low:
        return StoreError(f"cannot open {path}: check the folder exists and is writable")
    if "not a database" in low:
        return StoreError(f"{path} is not a learnlog database (it is not an SQLite file)")
    if "malformed" in low:
        return StoreError(f"{path} is damaged ({text}); restore it from a backup (learnlog import BACKUP_DIR)")
    return StoreError(f"database error in {path}: {text}")


# -- the file ---------------------------------------------------------------------------------------------------


def _exists(path: Path) -> bool:
    """Whether there is a file to open. Only stat() here: opening and closing our own descriptor on the
    database would drop this process's POSIX locks, which SQLite's other connections rely on (WAL safety)."""
    try:
        if path.is_dir():
            raise StoreError(f"{path} is a folder, not a learnlog database file")
        return path.exists()
    except PermissionError:
        raise StoreError(f"cannot read {path}: permission denied") from None


def create_file(path: Path) -> None:
    """Create an empty, owner-only (0600) file in a 0700 folder before SQLite writes anything into it.

    Two learnlogs may do this at the same moment on a new log: both steps tolerate the other having won."""
    try:
        make_private_dirs(path.parent)
    except FileExistsError:  # exist_ok still refuses a *file* where the folder should be
        raise StoreError(f"cannot create the database at {path}: a file is in the way of its folder") from None
    except OSError as exc:
        if exc.errno in (28, 30):  # ENOSPC, EROFS
            raise store_error(exc, path) from None
        raise StoreError(f"cannot create the database at {path}: {exc.strerror or exc}") from None
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return  # another learnlog created it a moment ago
    except OSError as exc:
        if exc.errno in (28, 30):
            raise store_error(exc, path) from None
        raise StoreError(f"cannot create the database at {path}: {exc.strerror or exc}") from None
    os.close(fd)


# -- the one connection point -----------------------------------------------------------------------------------


def open_connection(path: Path) -> sqlite3.Connection:
    """Every sqlite3 connection learnlog makes, for reads, migrations and the SQLAlchemy engine alike.

    Autocommit mode (isolation_level=None) so transactions are started explicitly (`BEGIN IMMEDIATE`), a busy
    timeout so two terminals wait for each other, and foreign keys on (SQLite's default is off). Plug anything
    that must hold for every connection in here and nowhere else.

    An encrypted log is opened by sqlcipher3 with its key (`_open`), behind the stdlib connection's face:
    callers, and SQLAlchemy's pysqlite dialect, cannot tell the difference."""
    try:
        conn = _open(path, timeout=BUSY_TIMEOUT_MS / 1000)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.DatabaseError as exc:
        raise store_error(exc, path) from None
    return conn


def _open(path: Path, *, timeout: float):
    """The stdlib sqlite3 module for a plain file; sqlcipher3 behind `EncryptedConnection` for an encrypted one,
    keyed from `passphrase` (environment, keyring, prompt)."""
    from learnlog import encryption

    kind = encryption.file_kind(path)
    if kind == "foreign":
        raise StoreError(f"{path} is not a learnlog database (it is not an SQLite file)")
    if kind != "encrypted":
        return sqlite3.connect(path, timeout=timeout, isolation_level=None, check_same_thread=False)
    from learnlog import passphrase

    known = passphrase.has_key(path)
    try:
        raw = encryption.open_encrypted(path, passphrase.key_for(path), timeout=timeout)
    except encryption.WrongPassphrase:
        passphrase.forget(path)
        if not known:
            raise
        # The key this process remembered was for an earlier file on the same inode: look again, once.
        encryption.forget(path)
        return _open(path, timeout=timeout)
    return encryption.EncryptedConnection(raw)


def connect(path: Path) -> sqlite3.Connection:
    """A read connection (rows by name) to an up-to-date learnlog database, created or migrated if needed."""
    from learnlog.store import migrations

    if not _exists(path):
        create_file(path)
    elif path.stat().st_size == 0:
        # an empty file someone made (`: > log.db`) becomes a whole log: owner-only, like one we create
        os.chmod(path, 0o600)
    conn = open_connection(path)
    if len(check(conn, path)) != len(migrations.STEPS):  # every name is known, so a full count is up to date
        conn.close()
        migrate(path)
        conn = open_connection(path)
        check(conn, path)
    conn.row_factory = sqlite3.Row
    return conn


def applied_migrations(conn: sqlite3.Connection) -> list[str]:
    """Names recorded in the `migration` table, oldest first (none for a new, empty file)."""
    try:
        return [r[0] for r in conn.execute("SELECT name FROM migration ORDER BY rowid")]
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return []
        raise


def check(conn: sqlite3.Connection, path: Path) -> tuple[str, ...]:
    """Refuse what is not ours or is newer than this program; returns the migrations already applied.

    Reads only: nothing is written to a file that is refused. Two marks of a newer learnlog are honoured:
    a migration name this program does not know, and `PRAGMA user_version` beyond the number of steps it
    knows (the mark learnlogs before named migrations look at, so they too refuse what this one wrote)."""
    from learnlog.store import migrations

    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]  # "file is not a database" for non-SQLite
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if tables and not {"migration", "entry"} <= tables or version and not tables:
            raise StoreError(f"{path} is an SQLite database of another program, not a learnlog database")
        applied = applied_migrations(conn) if tables else []
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise store_error(exc, path) from None
    unknown = [name for name in applied if name not in migrations.STEPS]
    if unknown or version > len(migrations.STEPS):
        conn.close()
        newer = f"schema step {unknown[0]}" if unknown else f"schema {version}"
        raise StoreError(
            f"{path} was written by a newer learnlog ({newer}; this one knows {len(migrations.STEPS)} steps); "
            "upgrade learnlog to open it — nothing was changed"
        )
    return tuple(applied)


# -- migrations -------------------------------------------------------------------------------------------------


def _use_wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL once. SQLite answers 'locked' at once here instead of calling the busy handler, so wait
    for the other writer ourselves, up to the same busy timeout."""
    import time

    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def migrate(path: Path, upto: str | None = None) -> list[str]:
    """Apply, by name and in order, every step not yet recorded (up to and including `upto`); one transaction.

    Foreign keys are off while the steps run, as SQLite's table-rebuild recipe requires (a rebuilt table would
    otherwise cascade-delete its children), and checked before the commit. Returns the names applied."""
    from learnlog.dates import now
    from learnlog.store import migrations

    if not _exists(path):
        create_file(path)
    elif path.stat().st_size == 0:
        # an empty file someone made (`: > log.db`) becomes a whole log: owner-only, like one we create
        os.chmod(path, 0o600)
    conn = open_connection(path)
    try:
        check(conn, path)
        _use_wal(conn)
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Re-read inside the transaction: another learnlog may have migrated while we waited.
            done = set(check(conn, path))
            applied: list[str] = []
            for name, step in migrations.STEPS.items():
                if name not in done:
                    step(conn)
                    conn.execute("INSERT INTO migration (name, applied_at) VALUES (?, ?)", (name, now().isoformat()))
                    applied.append(name)
                if name == upto:
                    break
            broken = conn.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise StoreError(f"{path}: the schema upgrade would break {len(broken)} links; nothing was changed")
            conn.execute(f"PRAGMA user_version = {len(done) + len(applied)}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        return applied
    except sqlite3.Error as exc:
        raise store_error(exc, path) from None
    finally:
        conn.close()


# -- the SQLAlchemy side (write paths only) ---------------------------------------------------------------------


_creating = threading.local()


def _file_identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _engine_connection(path: Path):
    _creating.file = _file_identity(path)  # before opening: a swap in between is refused, never missed
    return open_connection(path)


@cache
def engine_for(path: Path):
    """The one SQLAlchemy engine for a database file, its connections made by `open_connection`."""
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import NullPool

    engine = create_engine("sqlite://", creator=lambda: _engine_connection(path), poolclass=NullPool)

    @event.listens_for(engine, "connect")
    def _on_connect(_dbapi_conn, record):
        record.info["file"] = getattr(_creating, "file", None)

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        # IMMEDIATE takes the write lock up front, so a second terminal waits (busy_timeout) instead of
        # failing with SQLITE_BUSY when a deferred read transaction later tries to write.
        conn.exec_driver_sql("BEGIN IMMEDIATE")
        # `encrypt`/`decrypt` rename a new file over the log while holding its write lock; a writer that was
        # waiting on the old file would write into a file no longer at `path`, and the entry would be lost.
        opened = conn.connection.info.get("file")
        if opened is not None and opened != _file_identity(path):
            raise StoreError(
                f"{path} was replaced (encrypted or decrypted by another learnlog) while this command waited; "
                "run it again — nothing was changed"
            )

    return engine


@contextmanager
def write_session(path: Path) -> Iterator:
    """A SQLModel Session in one IMMEDIATE transaction: committed on success, rolled back on any error."""
    from sqlalchemy.exc import DBAPIError
    from sqlmodel import Session

    ensure_sound(path)  # create or migrate first, refuse foreign or newer files, and damaged ones
    try:
        with Session(engine_for(path), expire_on_commit=False) as session, session.begin():
            yield session
    except DBAPIError as exc:
        raise store_error(exc, path) from None
    from learnlog.integrity import remember_sound

    remember_sound(path)  # our own commit: the next write need not check again
    _written.add(path)


_written: set[Path] = set()


def settle_written() -> None:
    """Once a command has closed its connections (the last close checkpoints the WAL into the file, which
    changes its size and time), remember the logs it wrote as sound as they now are, so the next write does
    not pay for a quick_check of our own checkpoint (0.4 s on an encrypted 10,000-entry log)."""
    if not _written:  # a read: nothing to remember, and no need to import integrity's checks
        return
    from learnlog.integrity import remember_sound

    while _written:
        remember_sound(_written.pop())


def ensure_sound(path: Path) -> None:
    """Refuse to write into, or back up, a damaged log (SQLite's quick_check; free when the file is as it was
    after the last check passed). Creates or migrates the log first, like `connect`."""
    from learnlog.integrity import ensure_sound as check_sound

    conn = connect(path)
    try:
        check_sound(conn, path)
    finally:
        conn.close()


def snapshot(path: Path, dest: Path) -> None:
    """A consistent copy of the whole log in the new file `dest` (VACUUM INTO), owner-only; an encrypted log's
    copy is encrypted with the same key (SQLCipher keeps the key and salt). A damaged log is refused first:
    a backup of damage would overwrite the last good one."""
    ensure_sound(path)
    try:
        fd = os.open(dest, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)  # VACUUM INTO accepts an empty file
    except FileExistsError:
        raise StoreError(f"{dest} already exists; choose a new file name") from None
    except OSError as exc:
        raise StoreError(f"cannot write {dest}: {exc.strerror or exc}") from None
    os.close(fd)
    conn = open_connection(path)
    try:
        conn.execute("VACUUM INTO ?", (str(dest),))
    except sqlite3.Error as exc:
        dest.unlink(missing_ok=True)
        raise store_error(exc, path) from None
    finally:
        conn.close()
