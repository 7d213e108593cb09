"""Damaged logs: a cheap `quick_check` before anything is written or backed up, and what `learnlog doctor`
reports and salvages.

A page overwritten in the middle of a log goes unnoticed by most reads (they touch a handful of pages), and a
write into a damaged table can land on top of an existing row ("Added entry 1" over entry 1). So every write
and backup first runs SQLite's quick_check, unless the file is exactly as it was after the last check passed:
the size and modification time of the database and its WAL are remembered in the cache folder, so a run of
writes from one terminal pays for one check (30 ms plain, 0.4 s encrypted at 10,000 entries), not one each.

Salvage reads entries one id at a time, so a damaged page costs the entries on it, not every entry after it.
The ids come from every structure that holds them (the entry table, its indexes, revisions, tags), and an
entry whose row is unreadable falls back to its newest revision.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from learnlog.errors import StoreError

MAX_PROBLEMS = 20


class Damaged(StoreError):
    """quick_check failed: nothing is written into a damaged log."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(
            f"{path} is damaged ({problem}); nothing was written. Run 'learnlog doctor' to see what is damaged "
            "and save every readable entry"
        )


# -- the check before writing -----------------------------------------------------------------------------------


def problems(conn, pragma: str = "quick_check") -> list[str]:
    """SQLite's own findings (empty when sound). An unreadable page can also surface as an exception."""
    errors = _errors()
    try:
        rows = [r[0] for r in conn.execute(f"PRAGMA {pragma}({MAX_PROBLEMS})")]
    except errors as exc:
        return [str(exc)]
    if rows == ["ok"]:
        return []
    # One finding a line (SQLite packs several into one row), without its "*** in database main ***" banner.
    lines = [line.strip() for row in rows for line in str(row).splitlines()]
    return [line for line in lines if line and not line.startswith("***")]


def _errors() -> tuple[type[BaseException], ...]:
    """Error classes of both drivers (they share no base class); a plain install has only the stdlib's."""
    import sqlite3

    try:
        from sqlcipher3 import dbapi2
    except ImportError:
        return (sqlite3.Error,)
    return (sqlite3.Error, dbapi2.Error)


def file_state(path: Path) -> list[int]:
    """What changes whenever anything is written: the database file and its WAL, size and time."""
    out: list[int] = []
    for p in (path, path.with_name(path.name + "-wal")):
        try:
            st = os.stat(p)
        except FileNotFoundError:
            out += [0, 0, 0]
            continue
        if p is not path and st.st_size == 0:
            out += [0, 0, 0]  # an empty WAL is what opening the log creates: no change to the data
            continue
        out += [st.st_ino, st.st_size, st.st_mtime_ns]
    return out


def _stamp_file(path: Path) -> Path:
    from learnlog.config import cache_dir

    name = hashlib.sha256(str(path.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:32]
    return cache_dir() / "checked" / name


def checked_state(path: Path) -> list[int] | None:
    try:
        return json.loads(_stamp_file(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def remember_sound(path: Path) -> None:
    """Record the file as it is now as checked (after a check passed, or after our own committed write)."""
    stamp = _stamp_file(path)
    try:
        stamp.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = stamp.with_name(f".{stamp.name}.{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(file_state(path), fh)
        os.replace(tmp, stamp)
    except OSError:
        pass  # a cache: without it the next write checks again


def forget_sound(path: Path) -> None:
    with contextlib.suppress(OSError):
        _stamp_file(path).unlink()


def ensure_sound(conn, path: Path) -> None:
    """Refuse (Damaged) before writing into a log that fails quick_check; free when nothing changed since the
    last check passed."""
    if checked_state(path) == file_state(path):
        return
    found = problems(conn)
    if found:
        forget_sound(path)
        raise Damaged(path, found[0])
    remember_sound(path)


# -- doctor -------------------------------------------------------------------------------------------------


@dataclass
class TableHealth:
    name: str
    rows: int  # rows read before the end or the first error
    error: str = ""  # empty when every row (and its overflow pages) read back


@dataclass
class Diagnosis:
    path: Path
    encrypted: bool
    size: int
    problems: list[str]
    tables: list[TableHealth] = field(default_factory=list)
    damaged_pages: dict[str, list[int]] = field(default_factory=dict)  # table or index -> pages named
    sqlite3_tool: str | None = None

    @property
    def sound(self) -> bool:
        return not self.problems and not any(t.error for t in self.tables)

    @property
    def damaged(self) -> list[str]:
        """Tables and indexes named by integrity_check (through their pages) or that cannot be read through."""
        return sorted({t.name for t in self.tables if t.error} | set(self.damaged_pages))


def diagnose(conn, path: Path, *, encrypted: bool) -> Diagnosis:
    """integrity_check, every table read row by row, and the pages it names mapped to their tables."""
    errors = _errors()
    found = problems(conn, "integrity_check")
    tables: list[TableHealth] = []
    try:
        names = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            if not r[0].startswith("sqlite_")
        ]
    except errors as exc:
        names = []
        found = found or [str(exc)]
    for name in names:
        n = 0
        try:
            for _row in conn.execute(f'SELECT * FROM "{name}"'):
                n += 1
            tables.append(TableHealth(name, n))
        except errors as exc:
            tables.append(TableHealth(name, n, str(exc)))
    return Diagnosis(
        path=path,
        encrypted=encrypted,
        size=_size(path),
        problems=found,
        tables=tables,
        damaged_pages=_owners(conn, _pages_named(found), errors),
        sqlite3_tool=None if encrypted else recover_tool(),
    )


def _pages_named(found: list[str]) -> set[int]:
    import re

    return {int(m) for line in found for m in re.findall(r"\bpage (\d+)", line)}


def _owners(conn, pages: set[int], errors) -> dict[str, list[int]]:
    """Which b-tree each damaged page belongs to, as far as SQLite's dbstat view can still walk them."""
    if not pages:
        return {}
    owners: dict[str, list[int]] = {}
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE rootpage > 0")]
    except errors:
        return {}
    for name in names:
        try:
            for (p,) in conn.execute("SELECT pageno FROM dbstat WHERE name = ?", (name,)):
                if p in pages:
                    owners.setdefault(name, []).append(p)
        except errors:
            continue  # dbstat stops at the damage; the pages it reached are still named
    return owners


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


# -- salvage ------------------------------------------------------------------------------------------------


@dataclass
class Salvaged:
    written: list[Path] = field(default_factory=list)
    from_revision: list[int] = field(default_factory=list)  # ids whose row was unreadable: newest revision used
    lost: list[int] = field(default_factory=list)  # ids known to exist, with no readable text anywhere


def known_ids(conn) -> list[int]:
    """Every entry id any structure still names: the table itself, its indexes, revisions, tags, links.

    A scan of a damaged table page can yield garbage rowids; those above every id the other structures name
    are dropped (the indexes are separate b-trees, so one bad page rarely takes them all)."""
    errors = _errors()
    scanned: set[int] = set()
    named: set[int] = set()
    queries = [
        ("SELECT id FROM entry NOT INDEXED", scanned),
        ("SELECT id FROM entry INDEXED BY entry_by_date", named),
        ("SELECT id FROM entry INDEXED BY entry_summary", named),
        ("SELECT DISTINCT entry_id FROM revision", named),
        ("SELECT DISTINCT entry_id FROM entry_tag", named),
        ("SELECT DISTINCT entry_id FROM entry_criterion", named),
        ("SELECT rowid FROM entry_fts_docsize", named),
    ]
    for sql, into in queries:
        try:
            for (i,) in conn.execute(sql):
                if isinstance(i, int) and i > 0:
                    into.add(i)
        except errors:
            continue  # a damaged structure stops its own scan; the others still answer
    if named:
        top = max(named)
        scanned = {i for i in scanned if i <= top}
    return sorted(scanned | named)


_ENTRY = "SELECT id, entry_date, title, body, hours, status, created_at, updated_at, version FROM entry WHERE id = ?"
_REVISION = (
    "SELECT entry_id, entry_date, title, body, hours, status, NULL, saved_at, version, tags FROM revision "
    "WHERE entry_id = ? ORDER BY id DESC LIMIT 1"
)


def readable_entries(conn, ids: list[int], salvaged: Salvaged) -> Iterator:
    """Entries as records, each read on its own; what cannot be read is noted in `salvaged`."""
    from learnlog.records import Entry

    errors = _errors()
    for i in ids:
        row, tags, from_rev = None, [], False
        try:
            row = conn.execute(_ENTRY, (i,)).fetchone()
        except errors:
            row = None
        if row is None or row[3] is None:
            try:
                row = conn.execute(_REVISION, (i,)).fetchone()
                from_rev = row is not None
                tags = json.loads(row[9]) if row and row[9] else []
            except (*errors, ValueError):
                row = None
        if row is None:
            salvaged.lost.append(i)
            continue
        if not from_rev:
            tags = _safe(conn, "SELECT tag FROM entry_tag WHERE entry_id = ? ORDER BY tag", i, errors)
        criteria = dict(
            _safe(conn, "SELECT criterion_id, source FROM entry_criterion WHERE entry_id = ?", i, errors, pairs=True)
        )
        try:
            entry = Entry(
                id=i,
                date=dt.date.fromisoformat(row[1]),
                title=row[2] or "",
                body=row[3],
                hours=row[4],
                status=row[5] if row[5] in ("draft", "final") else "draft",
                created=_ts(row[6]),
                updated=_ts(row[7]),
                version=row[8] or 1,
                tags=[t for t in tags if isinstance(t, str)],
                criteria=criteria,
            )
        except (TypeError, ValueError):
            salvaged.lost.append(i)
            continue
        if from_rev:
            salvaged.from_revision.append(i)
        yield entry


def _ts(value) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def _safe(conn, sql: str, i: int, errors, *, pairs: bool = False) -> list:
    try:
        rows = conn.execute(sql, (i,)).fetchall()
    except errors:
        return []
    return [(r[0], r[1]) for r in rows] if pairs else [r[0] for r in rows]


def salvage(conn, folder: Path, write: Callable[[Path, str], None]) -> Salvaged:
    """Every readable entry as a markdown file in `folder` (the md-dir form `learnlog import` reads back)."""
    from learnlog.exporters import FoldedNames, entry_filename, entry_markdown

    out = Salvaged()
    taken = FoldedNames()
    for entry in readable_entries(conn, known_ids(conn), out):
        name = entry_filename(entry, taken)
        taken.add(name)
        write(folder / name, entry_markdown(entry))
        out.written.append(folder / name)
    return out


def recover_tool() -> str | None:
    """The sqlite3 shell, if it is installed and its .recover works: some builds lack the sqlite_dbpage table
    it needs and fail with 'SQL logic error' (Debian 12's 3.40.1 among them)."""
    import subprocess

    tool = shutil.which("sqlite3")
    if tool is None:
        return None
    try:
        probe = subprocess.run([tool, ":memory:", ".recover"], capture_output=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return tool if probe.returncode == 0 and b"error" not in probe.stderr.lower() else None


def recover_command(path: Path, tool: str | None) -> str | None:
    """SQLite's own salvage of every readable page into a new file (plain logs only: the sqlite3 tool has no
    key), as a command the user can run."""
    if tool is None:
        return None
    new = path.with_name(path.stem + "-recovered" + path.suffix)
    return f"{tool} {_q(path)} .recover | {tool} {_q(new)}"


def _q(p: Path) -> str:
    import shlex

    return shlex.quote(str(p))
