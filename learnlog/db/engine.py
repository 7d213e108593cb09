"""SQLAlchemy/SQLModel side of storage: migrations and write transactions (imported only by write paths)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from learnlog.db.connection import store_error


@cache
def engine_for(path: Path):
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import NullPool

    from learnlog.db.connection import BUSY_TIMEOUT_MS, configure

    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}, poolclass=NullPool)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        # Let SQLAlchemy's "begin" event decide how transactions start (the pysqlite recipe).
        dbapi_conn.isolation_level = None
        configure(dbapi_conn)

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        # IMMEDIATE takes the write lock up front, so a second terminal waits (busy_timeout) instead of
        # failing with SQLITE_BUSY when a deferred read transaction later tries to write.
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _use_wal(path: Path) -> None:
    """Switch to WAL once. SQLite answers 'locked' at once here instead of calling the busy handler, so wait
    for the other writer ourselves, up to the same busy timeout."""
    import time

    from learnlog.db.connection import BUSY_TIMEOUT_MS

    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    raw = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        while True:
            try:
                raw.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
    finally:
        raw.close()


def migrate(path: Path) -> list[str]:
    from sqlalchemy.exc import DBAPIError

    from learnlog.db import migrations

    try:
        _use_wal(path)
        return migrations.apply(engine_for(path))
    except (DBAPIError, sqlite3.Error) as exc:
        raise store_error(exc, path) from None


@contextmanager
def write_session(path: Path) -> Iterator:
    """A SQLModel Session in one IMMEDIATE transaction: committed on success, rolled back on any error."""
    from sqlalchemy.exc import DBAPIError
    from sqlmodel import Session

    from learnlog.db.connection import connect

    connect(path).close()  # create or migrate first, and refuse foreign or newer files
    try:
        with Session(engine_for(path), expire_on_commit=False) as session, session.begin():
            yield session
    except DBAPIError as exc:
        raise store_error(exc, path) from None
