"""jrnl 4.x journal files (`journal.txt`): entries start `[2026-03-14 09:00] ` at the start of a line.

Rules copied from jrnl (jrnl/journals/Journal.py `_parse`, Entry.py `_parse_text`, `split_title`):
- an entry starts at a line beginning "[<timestamp>] " in the default timeformat "%Y-%m-%d %H:%M";
- a first line ending in "*" marks the entry starred (the star is not part of the title);
- the title is the first line when the entry has several lines, otherwise its first sentence;
- tags are words starting with "@" after white space, compared in lower case.
Journals with a custom `timeformat` are not recognised; they import as one plain note.
Starred entries get the tag "starred" so the mark survives the move.
"""

from __future__ import annotations

import datetime as dt
import re

from learnlog.importers.base import Importer, Source, clean_tags, local_to_utc
from learnlog.records import Entry

TIMEFORMAT = "%Y-%m-%d %H:%M"
ENTRY_START = re.compile(r"^\[(\d{4}-\d{2}-\d{2} \d{2}:\d{2})\] ", re.MULTILINE)
# jrnl's tag pattern with its default tag symbol "@".
TAG = re.compile(r"(?<!\S)(@[-+*#/\w]+)")
# jrnl's sentence splitter (after segtok): a terminal, optional closing quote and bracket, then white space.
SENTENCE_END = re.compile(
    r"""(
    [.!?\u2026\u203C\u203D\u2047\u2048\u2049\u22EF\uFE52\uFE57]
    [\'\u2019\"\u201D]?
    [\]\)]*
    \s+
    )
    |[\uFF01\uFF0E\uFF1F\uFF61\u3002]""",
    re.VERBOSE,
)
STARRED_TAG = "starred"


def split_title(text: str) -> tuple[str, str]:
    """First line if there is a line break, else first sentence (jrnl's rule since 2.4)."""
    text = text.strip()  # jrnl strips the whole entry first, so trailing blank lines never decide the split
    sep = re.search("\n", text) or SENTENCE_END.search(text)
    if not sep:
        return text.strip(), ""
    return text[: sep.end()].strip(), text[sep.end() :].strip()


def jrnl_tags(text: str) -> list[str]:
    return clean_tags(TAG.findall(text), lower=True)


def to_entry(stamp: dt.datetime, raw: str) -> Entry:
    """One jrnl entry (the text after its timestamp) as an Entry; the markdown-export reader shares it."""
    starred = False
    lines = raw.splitlines()
    if lines and lines[0].strip().endswith("*"):
        starred = True
        raw = lines[0].strip("\n *") + "\n" + "\n".join(lines[1:])
    title, body = split_title(raw)
    tags = jrnl_tags(title + "\n" + body)
    if starred and STARRED_TAG not in tags:
        tags.append(STARRED_TAG)
    return Entry(
        id=None,
        date=stamp.date(),
        title=title,
        body=body,
        tags=tags,
        created=local_to_utc(stamp),
    )


def _starts(text: str) -> list[tuple[re.Match[str], dt.datetime]]:
    starts = []
    for m in ENTRY_START.finditer(text):
        try:
            starts.append((m, dt.datetime.strptime(m.group(1), TIMEFORMAT)))
        except ValueError:  # "[2026-13-40 25:00] " is text, as in jrnl's default-format parse
            continue
    return starts


def detect(source: Source) -> bool:
    first = source.text.lstrip("\n")
    starts = _starts(first[:40])
    return bool(starts) and starts[0][0].start() == 0


def parse(source: Source) -> list[Entry]:
    text = source.text
    starts = _starts(text)
    entries = []
    for i, (m, stamp) in enumerate(starts):
        # jrnl's start pattern eats the line break before "[", so an entry's text stops short of it; that
        # matters, because a line break decides whether the title is the first line or the first sentence.
        end = starts[i + 1][0].start() - 1 if i + 1 < len(starts) else len(text)
        entries.append(to_entry(stamp, text[m.end() : end]))
    return entries


IMPORTER = Importer("jrnl", "jrnl 4.x journal file", detect, parse)
