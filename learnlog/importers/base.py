"""What an import produces and the helpers every importer shares (tags, dates, line endings)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from learnlog.importers.jrnl_format import JrnlSettings
from learnlog.records import Entry


@dataclass
class ImportResult:
    """Entries read, and what was passed over with the reason, so one bad file never stops an import."""

    entries: list[Entry] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (what, why)
    sources: list[tuple[str, str, int]] = field(default_factory=list)  # (file, format name, entries read)

    def extend(self, other: ImportResult) -> None:
        self.entries.extend(other.entries)
        self.skipped.extend(other.skipped)
        self.sources.extend(other.sources)


@dataclass(frozen=True)
class Source:
    """A decoded text file as the format parsers see it (line endings already "\\n")."""

    path: Path
    text: str
    modified: Callable[[], dt.date]  # the file's mtime as a local date; only some formats need it
    raw: str = ""  # the text with its own line endings, for formats that must round-trip byte-exact
    jrnl: JrnlSettings = field(default_factory=JrnlSettings)  # jrnl's timeformat and tag symbols for this file


@dataclass(frozen=True)
class Importer:
    """One input format: `detect` looks at the text, `parse` turns it into entries or raises InputError."""

    name: str
    description: str
    detect: Callable[[Source], bool]
    parse: Callable[[Source], list[Entry]]


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def clean_tags(tags: list[str], lower: bool = False) -> list[str]:
    """Tags without their #/@ sigil, de-duplicated in first-seen order (a tag is not a hashtag)."""
    out: list[str] = []
    for tag in tags:
        tag = tag.strip().lstrip("#@").strip()
        if lower:
            tag = tag.lower()
        if tag and tag not in out:
            out.append(tag)
    return out


def local_to_utc(stamp: dt.datetime) -> dt.datetime:
    """A wall-clock time written by jrnl or a notes app, as UTC (learnlog stores timestamps in UTC)."""
    if stamp.tzinfo is not None:
        return stamp.astimezone(dt.UTC)
    try:
        return stamp.astimezone(dt.UTC)
    except (ValueError, OverflowError, OSError):  # years near 1 or 9999 cannot be shifted
        return stamp.replace(tzinfo=dt.UTC)


_FILE_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})")


def date_from_name(name: str) -> dt.date | None:
    """2026-03-14 at the start of a file name (daily notes, jrnl and learnlog backups all name files so)."""
    m = _FILE_DATE.match(name)
    if not m:
        return None
    try:
        return dt.date.fromisoformat(m.group(1))
    except ValueError:
        return None
