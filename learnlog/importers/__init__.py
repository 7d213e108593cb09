"""Read entries from files other tools wrote: learnlog backups, Obsidian / plain markdown notes, jrnl 4.x.

`iter_sources` finds the files, `read_file` reads one (never raising for a bad file: it is reported in
`ImportResult.skipped`), `fingerprint` lets the caller skip entries it already holds, so re-running an import
adds nothing twice. The format is detected per file; each format is one module with an `IMPORTER`.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from learnlog.errors import InputError, UsageError
from learnlog.fingerprint import fingerprint
from learnlog.importers import jrnl_format, jrnl_json, jrnl_markdown, jrnl_text, markdown_notes
from learnlog.importers.base import Importer, ImportResult, Source, normalise_newlines
from learnlog.importers.jrnl_format import JrnlSettings

SUFFIXES = (".md", ".markdown", ".txt", ".json")
# Most specific first; markdown accepts anything, so it comes last.
IMPORTERS: tuple[Importer, ...] = (
    jrnl_json.IMPORTER,
    jrnl_markdown.IMPORTER,
    jrnl_text.IMPORTER,
    markdown_notes.IMPORTER,
)


MAX_BYTES = 20 * 1024 * 1024  # a learning-log file is kilobytes; 20 MB is a whole jrnl journal of years
# A line that starts like a timestamped entry: jrnl's "[...] " holding a year or a time, a heading or a bare
# line opening with a date and a time ("2026-01-10 09:00", "10/01/2026 9.00").
_TIME = r"\d{1,2}[:.h]\d{2}"
_STAMPED_LINE = re.compile(
    rf"^(?:\[[^\]\n]*(?:\d{{4}}|{_TIME})[^\]\n]*\] |(?:#{{1,3}} )?\d{{1,4}}[-/.]\d{{1,2}}[-/.]\d{{1,4}}[ T,]+{_TIME})",
    re.MULTILINE,
)
# How many stamped lines make a file that reads as one note look like a journal whose time format was missed.
# A file that opens with a stamp is shaped like a journal (jrnl's first line is its first entry's stamp), and
# two stamps there already mean a second entry would be swallowed into the first; a note that opens with a
# heading or prose ("# Meeting log", then "2026-03-01 10:00 first call" lines) needs three.
SUSPICIOUS_LINES = 2
SUSPICIOUS_LINES_IN_A_NOTE = 3


def _hidden(name: str) -> bool:
    return name.startswith(".")


def iter_sources(paths: Iterable[Path]) -> Iterator[Path]:
    """Files to import, in a stable order: named files as given (whatever their suffix: the user asked for
    them), folders walked recursively for .md/.markdown/.txt/.json in sorted order, skipping hidden files and
    folders (.obsidian, .git, .trash). A path that does not exist, and a folder that cannot be listed, is
    yielded too, so `read_file` reports it and the rest is imported."""
    seen: set[Path] = set()
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found = []
            unreadable: list[Path] = []

            def _unreadable(exc: OSError, unreadable=unreadable) -> None:
                unreadable.append(Path(exc.filename))

            for folder, dirs, files in os.walk(path, onerror=_unreadable):
                dirs[:] = [d for d in dirs if not _hidden(d)]
                found += [Path(folder, f) for f in files if not _hidden(f) and f.lower().endswith(SUFFIXES)]
            candidates = sorted(found + unreadable, key=lambda p: p.relative_to(path).as_posix())
        else:
            candidates = [path]
        for candidate in candidates:
            try:
                key = candidate.resolve()
            except (OSError, RuntimeError):  # a symlink loop: read_file says so
                key = candidate
            if key not in seen:
                seen.add(key)
                yield candidate


def display_name(path: Path) -> str:
    """The path as text that can be printed and stored: bytes that are not UTF-8 shown as \\xNN escapes."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _mtime_date(path: Path) -> dt.date:
    try:
        return dt.date.fromtimestamp(path.stat().st_mtime)
    except OSError:
        return dt.date.today()


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n >= 1024 * 1024 else f"{n} bytes"


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The file's bytes, refusing what is not a regular file (a FIFO would hang, /dev/zero never ends) and what
    is over `limit` (named with its size), without reading more than `limit` + 1 bytes whatever the file does."""
    try:
        info = os.stat(path)
    except OSError as exc:
        raise InputError(f"cannot be read: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        try:
            os.listdir(path)
        except OSError as exc:
            raise InputError(
                f"is a folder that cannot be read ({exc.strerror or exc}); skipped with its contents"
            ) from None
        raise InputError("is a folder; name the folder itself to import what is in it")
    if not stat.S_ISREG(info.st_mode):
        kind = (
            "a named pipe"
            if stat.S_ISFIFO(info.st_mode)
            else "a device"
            if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode)
            else "a socket"
        )
        raise InputError(f"is {kind}, not a regular file; only files are imported")
    if info.st_size > limit:
        raise InputError(f"is {_size(info.st_size)}; learnlog reads files up to {_size(limit)}")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise InputError(f"cannot be read: {exc.strerror or exc}") from None
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):  # swapped for something else since the stat
            raise InputError("is not a regular file; only files are imported")
        try:
            data = f.read(limit + 1)
        except OSError as exc:
            raise InputError(f"cannot be read: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise InputError(
            f"is over {_size(limit)} (it grew while being read); learnlog reads files up to {_size(limit)}"
        )
    return data


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


def _jrnl_settings(path: Path, text: str, jrnl_config: Path | None) -> JrnlSettings:
    """jrnl's settings for this file, from `jrnl_config` or jrnl's own config when one is installed. Only
    files that could be jrnl's ("[stamp]", "# heading", "{json") look; an unreadable default config is
    passed over (the file format is then recognised from the file), an unreadable named one is an error."""
    if text.lstrip()[:1] not in ("[", "#", "{"):
        return JrnlSettings()
    if jrnl_config is not None:
        return jrnl_format.settings_for(path, jrnl_format.load_config(jrnl_config), jrnl_config)
    found = jrnl_format.default_config_path()
    try:
        return jrnl_format.settings_for(path, jrnl_format.load_config(found), found)
    except InputError:
        return JrnlSettings()


def _suspicious(text: str) -> int:
    return len(_STAMPED_LINE.findall(text))


def read_file(path: Path, jrnl_config: Path | None = None) -> ImportResult:
    """Entries from one file, or the file in `skipped` with a reason a user can act on."""
    if not isinstance(path, str | os.PathLike):
        raise UsageError(f"read_file needs a path, got {type(path).__name__}")
    path = Path(path)
    result = ImportResult()
    where = display_name(path)
    if where != str(path):
        result.skipped.append((where, "has a file name that is not valid UTF-8; rename it and import it again"))
        return result
    try:
        raw = decode(path, read_bytes(path))
    except InputError as exc:
        result.skipped.append((where, str(exc)))
        return result
    if not raw.strip():
        result.skipped.append((where, "is empty"))
        return result
    text = normalise_newlines(raw)
    settings = _jrnl_settings(path, text, jrnl_config)
    source = Source(path=path, text=text, modified=lambda: _mtime_date(path), raw=raw, jrnl=settings)
    importer = detect(source)
    if importer is markdown_notes.IMPORTER and path.suffix.lower() == ".json":
        result.skipped.append((where, "is JSON but not a jrnl export (jrnl --export json)"))
        return result
    try:
        entries = importer.parse(source)
    except InputError as exc:
        result.skipped.append((where, str(exc).removeprefix(f"{where}: ")))
        return result
    if not entries:
        result.skipped.append((where, "has no entry text"))
        return result
    stamped = _suspicious(text) if importer is markdown_notes.IMPORTER and not text.startswith("---") else 0
    opens_stamped = _STAMPED_LINE.match(text.lstrip()) is not None
    if len(entries) == 1 and stamped >= (SUSPICIOUS_LINES if opens_stamped else SUSPICIOUS_LINES_IN_A_NOTE):
        hint = "pass jrnl's config with --jrnl-config FILE, or export it with: jrnl --export json"
        result.skipped.append(
            (
                where,
                f"reads as one note but has {stamped} lines starting with a date and time (a journal in a time format learnlog does not know?); {hint}",
            )
        )
        return result
    result.entries.extend(entries)
    result.sources.append((where, importer.name, len(entries)))
    return result


def read_all(paths: Iterable[Path], jrnl_config: Path | None = None) -> ImportResult:
    """`read_file` over `iter_sources(paths)`, merged in order."""
    total = ImportResult()
    for path in iter_sources(paths):
        total.extend(read_file(path, jrnl_config))
    return total


__all__ = [
    "IMPORTERS",
    "SUFFIXES",
    "ImportResult",
    "Importer",
    "Source",
    "decode",
    "detect",
    "display_name",
    "fingerprint",
    "iter_sources",
    "read_all",
    "read_bytes",
    "read_file",
]
