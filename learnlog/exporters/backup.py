"""Whole-log backup: one markdown file per entry, named so it sorts by date and survives any file system.

File names are ASCII, lower case and free of separators and reserved characters, because backups get copied
to USB sticks (FAT), Windows shares and zip files; the date prefix keeps `ls` in diary order. The content is
`entryfile.dump`, the same form `learnlog import` reads back.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

from learnlog.entryfile import derive_title, dump
from learnlog.records import Entry

MAX_NAME = 100  # whole file name; leaves room under the 255-byte limit for the folder path on Windows.
EXTENSION = ".md"
# Letters NFKD does not split into a base letter plus accent.
_FOLD = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "þ": "th",
        "Þ": "th",
        "ð": "d",
        "Ð": "d",
        "&": " and ",
    }
)


def slugify(text: str, limit: int) -> str:
    """ASCII words joined by hyphens, cut at a word boundary within `limit` characters."""
    folded = unicodedata.normalize("NFKD", text.translate(_FOLD)).encode("ascii", "ignore").decode("ascii")
    # Apostrophes join their word ("people's" -> "peoples") rather than splitting it.
    folded = re.sub(r"['’]", "", folded.lower())
    slug = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    if len(slug) > limit:
        cut = slug[: limit + 1]
        slug = cut[: cut.rfind("-")] if "-" in cut[1:] else slug[:limit]
        slug = slug.strip("-")
    return slug


class FoldedNames(set):
    """A set of file names kept case-folded, for `entry_filename`'s uniqueness check."""

    def add(self, name: str) -> None:
        super().add(name.casefold())

    def __contains__(self, name: object) -> bool:
        return super().__contains__(name.casefold() if isinstance(name, str) else name)


def entry_filename(entry: Entry, taken: Collection[str] = ()) -> str:
    """`2026-03-14-reviewing-care-plans.md`, unique against `taken` (compared without case, as on macOS and
    Windows). A clash gets the entry id (stable from one backup to the next), else -2, -3, …

    The caller adds the returned name to `taken`; this function changes nothing. A caller naming thousands of
    files passes a `FoldedNames` set, so each call costs O(1) rather than re-folding every name taken so far.
    """
    taken_folded = taken if isinstance(taken, FoldedNames) else {name.casefold() for name in taken}
    prefix = entry.date.isoformat()
    room = MAX_NAME - len(prefix) - len(EXTENSION) - 1 - 8  # 8: space kept for a "-<id>" or "-<n>" suffix
    slug = slugify(entry.title or derive_title(entry.body), room) or "entry"
    stem = f"{prefix}-{slug}"
    candidates = [stem]
    if entry.id is not None:
        candidates.append(f"{stem}-{entry.id}")
    for stem_try in candidates:
        name = stem_try + EXTENSION
        if name.casefold() not in taken_folded:
            return name
    n = 2
    while f"{stem}-{n}{EXTENSION}".casefold() in taken_folded:
        n += 1
    return f"{stem}-{n}{EXTENSION}"


def entry_markdown(entry: Entry) -> str:
    """The entry as markdown with frontmatter (id, title, date, tags, hours, status, criteria, timestamps)."""
    return dump(entry, with_id=True, with_timestamps=True)
