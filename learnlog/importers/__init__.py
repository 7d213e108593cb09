"""Read entries from files other tools wrote: learnlog backups, Obsidian / plain markdown notes, jrnl 4.x.

`iter_sources` finds the files, `read_file` reads one (never raising for a bad file: it is reported in
`ImportResult.skipped`), `fingerprint` lets the caller skip entries it already holds, so re-running an import
adds nothing twice. The format is detected per file; each format is one module with an `IMPORTER`.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from learnlog.errors import InputError, UsageError
from learnlog.fingerprint import fingerprint
from learnlog.importers import jrnl_markdown, jrnl_text, markdown_notes
from learnlog.importers.base import Importer, ImportResult, Source, normalise_newlines

SUFFIXES = (".md", ".markdown", ".txt")
# Most specific first; markdown accepts anything, so it comes last.
IMPORTERS: tuple[Importer, ...] = (jrnl_markdown.IMPORTER, jrnl_text.IMPORTER, markdown_notes.IMPORTER)


def _hidden(name: str) -> bool:
    return name.startswith(".")


def iter_sources(paths: Iterable[Path]) -> Iterator[Path]:
    """Files to import, in a stable order: named files as given (whatever their suffix: the user asked for
    them), folders walked recursively for .md/.markdown/.txt in sorted order, skipping hidden files and
    folders (.obsidian, .git, .trash). A path that does not exist is yielded so `read_file` reports it."""
    seen: set[Path] = set()
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found = []
            for folder, dirs, files in os.walk(path):
                dirs[:] = [d for d in dirs if not _hidden(d)]
                found += [Path(folder, f) for f in files if not _hidden(f) and f.lower().endswith(SUFFIXES)]
            candidates = sorted(found, key=lambda p: p.relative_to(path).as_posix())
        else:
            candidates = [path]
        for candidate in candidates:
            key = candidate.resolve()
            if key not in seen:
                seen.add(key)
                yield candidate


def _mtime_date(path: Path) -> dt.date:
    try:
        return dt.date.fromtimestamp(path.stat().st_mtime)
    except OSError:
        return dt.date.today()


def decode(path: Path, data: bytes) -> str:
    """UTF-8 text (a byte-order mark is dropped), line endings as written; InputError says what is wrong."""
    if b"\x00" in data:
        raise InputError("looks like a binary file, not text (it contains NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"is not UTF-8 text (byte {exc.start} cannot be read); save it as UTF-8 and import it again"
        ) from None
    return text


def detect(source: Source) -> Importer:
    return next(imp for imp in IMPORTERS if imp.detect(source))


def read_file(path: Path) -> ImportResult:
    """Entries from one file, or the file in `skipped` with a reason a user can act on."""
    if not isinstance(path, str | os.PathLike):
        raise UsageError(f"read_file needs a path, got {type(path).__name__}")
    path = Path(path)
    result = ImportResult()
    where = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        result.skipped.append((where, f"cannot be read: {exc.strerror or exc}"))
        return result
    try:
        raw = decode(path, data)
    except InputError as exc:
        result.skipped.append((where, str(exc)))
        return result
    if not raw.strip():
        result.skipped.append((where, "is empty"))
        return result
    source = Source(path=path, text=normalise_newlines(raw), modified=lambda: _mtime_date(path), raw=raw)
    importer = detect(source)
    try:
        entries = importer.parse(source)
    except InputError as exc:
        result.skipped.append((where, str(exc).removeprefix(f"{where}: ")))
        return result
    if not entries:
        result.skipped.append((where, "has no entry text"))
        return result
    result.entries.extend(entries)
    result.sources.append((where, importer.name, len(entries)))
    return result


def read_all(paths: Iterable[Path]) -> ImportResult:
    """`read_file` over `iter_sources(paths)`, merged in order."""
    total = ImportResult()
    for path in iter_sources(paths):
        total.extend(read_file(path))
    return total


__all__ = [
    "IMPORTERS",
    "SUFFIXES",
    "ImportResult",
    "Importer",
    "Source",
    "decode",
    "detect",
    "fingerprint",
    "iter_sources",
    "read_all",
    "read_file",
]
