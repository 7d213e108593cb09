"""Really damaged logs for tests: pages of a real learnlog file overwritten on disk, as a failing disk or a stray
program would leave them (no mocks: SQLite itself must find the damage)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path


def settle(db: Path) -> None:
    """Move everything from the WAL into the database file, so the bytes on disk are the whole log."""
    conn = sqlite3.connect(db)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def pages_of(db: Path, table: str, kind: str = "leaf") -> list[int]:
    """Page numbers of a table's b-tree (SQLite's dbstat view), leaves by default."""
    conn = sqlite3.connect(db)
    try:
        return [
            r[0]
            for r in conn.execute(
                "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = ? ORDER BY pageno", (table, kind)
            )
        ]
    finally:
        conn.close()


def overwrite_pages(db: Path, pages: list[int], fill: bytes = b"\xa5") -> None:
    """Overwrite the middle half of each page (1-based numbers) with a repeated byte, in place."""
    conn = sqlite3.connect(db)
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    fd = os.open(db, os.O_RDWR)
    try:
        for p in pages:
            os.pwrite(fd, fill * (size // 2), (p - 1) * size + size // 4)
        os.fsync(fd)
    finally:
        os.close(fd)


def snapshot(db: Path) -> dict[str, bytes]:
    """The log's files byte for byte: a damaged log cannot be dumped, so 'unchanged' means these bytes."""
    return {p.name: p.read_bytes() for p in sorted(db.parent.glob(db.name + "*"))}
