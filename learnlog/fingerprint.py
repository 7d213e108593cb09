"""The identity of an entry's content, so re-importing a file (or a backup) adds nothing twice.

It lives beside the records rather than in the importers: the store computes it on every write and the importers
compare against it, and neither should depend on the other.
"""

from __future__ import annotations

import hashlib
import unicodedata

from learnlog.records import Entry


def _normal_text(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def fingerprint(entry: Entry) -> str:
    """sha256 of date, title and body, blind to line endings and trailing white space, so importing the same
    file twice (or the same journal saved on Windows) can be recognised and skipped."""
    key = "\x1f".join((entry.date.isoformat(), _normal_text(entry.title).strip(), _normal_text(entry.body)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()
