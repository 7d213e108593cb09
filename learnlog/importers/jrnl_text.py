"""jrnl 4.x journal files (`journal.txt`, a folder journal's `YYYY/MM/DD.txt`) and `jrnl --export txt`.

Both have the same form (jrnl's Entry.__str__): `[<time in the timeformat>] Title`, an optional " *" for a
starred entry, the body on the following lines, entries separated by a blank line. Reading follows jrnl's
`_parse` exactly: an entry starts at "[stamp] " at the start of a line wherever jrnl reads a time there: in the
journal's timeformat, else by jrnl's fuzzy reading (`jrnl_format.fuzzy_stamp`); a folder journal's file path (2026/03/14.txt) gives the day, as in jrnl's Folder.open.
Starred entries get the tag "starred" so the mark survives the move.
"""

from __future__ import annotations

import datetime as dt
import re

from learnlog.importers.base import Importer, Source, local_to_utc
from learnlog.importers.jrnl_format import (
    ENTRY_START,
    best_format,
    jrnl_tags,
    parse_stamp,
    read_start,
    split_starred,
    split_title,
)
from learnlog.records import Entry

STARRED_TAG = "starred"
_SHORT = 6  # jrnl ignores bracketed text this short at a line start: a markdown footnote, not a time


def to_entry(stamp: dt.datetime, raw: str, tagsymbols: str) -> Entry:
    """One jrnl entry (the text after its timestamp) as an Entry; the other jrnl readers share it."""
    text, starred = split_starred(raw)
    title, body = split_title(text)
    tags = jrnl_tags(raw, tagsymbols)
    if starred and STARRED_TAG not in tags:
        tags.append(STARRED_TAG)
    return Entry(id=None, date=stamp.date(), title=title, body=body, tags=tags, created=local_to_utc(stamp))


def _blobs(text: str) -> list[re.Match[str]]:
    return [m for m in ENTRY_START.finditer(text) if len(m.group(1)) > _SHORT]


def _folder_day(source: Source) -> dt.date | None:
    """2026/03/14.txt: jrnl's folder layout is authoritative for the day (jrnl #2006)."""
    parts = source.path.parts[-3:]
    if len(parts) == 3 and re.fullmatch(r"\d{4}", parts[0]) and re.fullmatch(r"\d{2}", parts[1]):
        m = re.fullmatch(r"(\d{2})\.txt", parts[2])
        if m:
            try:
                return dt.date(int(parts[0]), int(parts[1]), int(m.group(1)))
            except ValueError:
                return None
    return None


def _format(source: Source) -> tuple[str | None, list[re.Match[str]]]:
    blobs = _blobs(source.text)
    fmt, n = best_format((m.group(1) for m in blobs), source.jrnl)
    return (fmt if n else None), blobs


def detect(source: Source) -> bool:
    """A jrnl file opens with its first entry's "[stamp] " (blank lines before it aside)."""
    if not source.text.lstrip().startswith("["):
        return False
    fmt, blobs = _format(source)
    if fmt is None:
        return False
    first = blobs[0]
    return not source.text[: first.start(1) - 1].strip() and parse_stamp(first.group(1), fmt) is not None


def parse(source: Source) -> list[Entry]:
    text = source.text
    fmt, _ = _format(source)
    if fmt is None:
        return []
    # Every "[…] " line start jrnl reads as a time opens an entry, in the journal's format or not (jrnl's
    # fallback reading); the short ones left out of format recognition are footnotes to jrnl as well.
    starts = [(m, stamp) for m in ENTRY_START.finditer(text) if (stamp := read_start(m.group(1), fmt)) is not None]
    day = _folder_day(source)
    entries = []
    for i, (m, stamp) in enumerate(starts):
        # The next start's match begins at the line break before its "[", as in jrnl, so an entry's text stops
        # short of it; trailing text (and blank lines) are stripped by jrnl's title rule.
        end = starts[i + 1][0].start() if i + 1 < len(starts) else len(text)
        if day is not None:
            stamp = stamp.replace(year=day.year, month=day.month, day=day.day)
        entries.append(to_entry(stamp, text[m.end() : end], source.jrnl.tagsymbols))
    return entries


IMPORTER = Importer("jrnl", "jrnl 4.x journal file, folder journal or --export txt", detect, parse)
