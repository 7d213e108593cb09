"""Opening the database safely, with the stdlib sqlite3 module only (no SQLAlchemy on read paths).

Every open checks, before anything is written: the file is SQLite, it is a learnlog database, and its schema is
not newer than this program. A new or older database is handed to the migrations (which import SQLAlchemy);
a newer one is refused untouched.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from learnlog.errors import StoreError

BUSY_TIMEOUT_MS = 30_000


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
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
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


def configure(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")


def user_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def _check_schema(conn: sqlite3.Connection, path: Path) -> int:
    from learnlog.db.migrations import SCHEMA_VERSION

    try:
        version = user_version(conn)  # raises "file is not a database" for anything that is not SQLite
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if version > 0 and not {"migration", "entry"} <= tables:
            raise StoreError(f"{path} is an SQLite database of another program, not a learnlog database")
        if version == 0:
            foreign = conn.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name != 'migration'"
            ).fetchone()[0]
            if foreign:
                raise StoreError(f"{path} is an SQLite database of another program, not a learnlog database")
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise store_error(exc, path) from None
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path} was written by a newer learnlog (schema {version}, this one knows {SCHEMA_VERSION}); "
            "upgrade learnlog to open it — nothing was changed"
        )
    return version


def connect(path: Path) -> sqlite3.Connection:
    """A configured sqlite3 connection to an up-to-date learnlog database (created or migrated if needed)."""
    from learnlog.db.migrations import SCHEMA_VERSION

    if not _exists(path):
        create_file(path)
    conn = _open(path)
    version = _check_schema(conn, path)
    if version == SCHEMA_VERSION:
        return conn
    conn.close()
    from learnlog.db.engine import migrate

    migrate(path)
    conn = _open(path)
    _check_schema(conn, path)
    return conn


def _open(path: Path) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        configure(conn)
    except sqlite3.DatabaseError as exc:
        raise store_error(exc, path) from None
    conn.row_factory = sqlite3.Row
    return conn
