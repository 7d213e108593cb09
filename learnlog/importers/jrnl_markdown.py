"""Output of `jrnl --export md` (jrnl 4.x, jrnl/plugins/markdown_exporter.py).

The whole-journal export is `# 2026`, `## March`, then per entry `### <time in the timeformat> Title`, a blank
line, the body with every ATX heading pushed down three levels ("# x" -> "#### x"), and a line holding one
space. `--export md --file folder/` writes one file per entry with `# <time> Title` and headings pushed down one
level. Reading undoes the shift; setext headings were rewritten as ATX by jrnl and stay so; stars are not in
jrnl's markdown, so they cannot come back from it (its json export keeps them).
"""

from __future__ import annotations

import datetime as dt
import re

from learnlog.importers.base import Importer, Source, local_to_utc
from learnlog.importers.jrnl_format import best_format, jrnl_tags, parse_stamp
from learnlog.records import Entry

HEADING = re.compile(r"^(#|###) (.+)$")
YEAR_HEADING = re.compile(r"^# \d{4}\s*$")
MONTH_HEADING = re.compile(r"^## \S+\s*$")
_MAX_TOKENS = 8  # the longest candidate time ("Tuesday 01 December 2026 19:17:34 PM") has fewer words


def split_stamp(rest: str, fmt: str) -> tuple[dt.datetime, str] | None:
    """("2026-01-10 09:00:00 AM Title", "%F %r") -> (datetime, "Title"): the shortest run of words that
    reads as a time in `fmt`, and what follows it (the title, possibly empty)."""
    tokens = rest.split(" ")
    for k in range(1, min(len(tokens), _MAX_TOKENS) + 1):
        stamp = parse_stamp(" ".join(tokens[:k]), fmt)
        if stamp is not None:
            return stamp, " ".join(tokens[k:])
    return None


def _headings(lines: list[str], level: int) -> list[str]:
    return [m.group(2) for line in lines if (m := HEADING.match(line)) and len(m.group(1)) == level]


def _layout(source: Source) -> tuple[int, str] | None:
    """(3, fmt) for a whole-journal export, (1, fmt) for a one-entry file, None if this is not jrnl markdown."""
    lines = [line for line in source.text.split("\n") if line.strip()]
    if not lines:
        return None
    if YEAR_HEADING.match(lines[0]) and len(lines) > 1 and MONTH_HEADING.match(lines[1]):
        level = 3
    elif lines[0].startswith("# "):
        level = 1
        lines = lines[:1]
    else:
        return None
    rests = _headings(lines, level)
    fmt = best_format(rests, source.jrnl, split_stamp)[0] if rests else None
    if fmt is None or (level == 1 and split_stamp(rests[0], fmt) is None):
        return None
    return level, fmt


def _unshift(line: str, level: int) -> str:
    m = re.match(r"^(#+) ", line)
    if m and len(m.group(1)) > level:
        return line[level:]
    return line


def _entry(stamp: dt.datetime, title: str, body_lines: list[str], level: int, tagsymbols: str) -> Entry:
    # Undo the exporter's frame: one blank line after the heading, one line holding a space at the end.
    if body_lines and body_lines[-1] == " ":
        body_lines = body_lines[:-1]
    body = "\n".join(_unshift(line, level) for line in body_lines).strip()
    # The heading holds jrnl's title as it was (a starred entry's star already removed), so it is not split again.
    return Entry(
        id=None,
        date=stamp.date(),
        title=title.strip(),
        body=body,
        tags=jrnl_tags(title + "\n" + body, tagsymbols),
        created=local_to_utc(stamp),
    )


def detect(source: Source) -> bool:
    return _layout(source) is not None


def parse(source: Source) -> list[Entry]:
    layout = _layout(source)
    if layout is None:
        return []
    level, fmt = layout
    entries: list[Entry] = []
    current: tuple[dt.datetime, str] | None = None
    body: list[str] = []
    for line in source.text.split("\n"):
        m = HEADING.match(line)
        head = split_stamp(m.group(2), fmt) if m and len(m.group(1)) == level else None
        structure = level == 3 and (YEAR_HEADING.match(line) or MONTH_HEADING.match(line))
        if head or structure:
            if current:
                entries.append(_entry(*current, body, level, source.jrnl.tagsymbols))
            current, body = head, []
        elif current:
            body.append(line)
    if current:
        entries.append(_entry(*current, body, level, source.jrnl.tagsymbols))
    return entries


IMPORTER = Importer("jrnl-md", "jrnl 4.x markdown export (jrnl --export md)", detect, parse)
