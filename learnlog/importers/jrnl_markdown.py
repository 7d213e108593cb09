"""Output of `jrnl --export md` (jrnl 4.x, jrnl/plugins/markdown_exporter.py).

The whole-journal export is `# 2026`, `## March`, then per entry `### 2026-03-14 09:00 Title`, a blank line,
the body with every ATX heading pushed down three levels ("# x" -> "#### x"), and a line holding one space.
`--export md --file folder/` writes one file per entry with `# 2026-03-14 09:00 Title` and headings pushed
down one level. Reading undoes the shift; setext headings were rewritten as ATX by jrnl and stay so.
"""

from __future__ import annotations

import datetime as dt
import re

from learnlog.importers.base import Importer, Source, local_to_utc
from learnlog.importers.jrnl_text import TIMEFORMAT, jrnl_tags
from learnlog.records import Entry

ENTRY_HEADING = re.compile(r"^(#|###) (\d{4}-\d{2}-\d{2} \d{2}:\d{2})(?: (.*))?$")
YEAR_HEADING = re.compile(r"^# \d{4}\s*$")
STRUCTURE = re.compile(r"^#{1,3} ")  # body headings were shifted, so any 1-3 level heading is jrnl's own


def _level(source: Source) -> int | None:
    """3 for a whole-journal export, 1 for a one-entry file, None if this is not jrnl markdown."""
    lines = [line for line in source.text.split("\n") if line.strip()]
    if not lines:
        return None
    first = lines[0]
    if YEAR_HEADING.match(first):
        return 3 if any(_stamp(line, 3) for line in lines[1:]) else None
    return 1 if _stamp(first, 1) else None


def _stamp(line: str, level: int) -> tuple[dt.datetime, str] | None:
    m = ENTRY_HEADING.match(line)
    if not m or len(m.group(1)) != level:
        return None
    try:
        return dt.datetime.strptime(m.group(2), TIMEFORMAT), (m.group(3) or "").strip()
    except ValueError:
        return None


def _unshift(line: str, level: int) -> str:
    m = re.match(r"^(#+) ", line)
    if m and len(m.group(1)) > level:
        return line[level:]
    return line


def _entry(stamp: dt.datetime, title: str, body_lines: list[str], level: int) -> Entry:
    body = "\n".join(_unshift(line, level) for line in body_lines).strip()
    return Entry(
        id=None,
        date=stamp.date(),
        title=title,
        body=body,
        tags=jrnl_tags(title + "\n" + body),
        created=local_to_utc(stamp),
    )


def detect(source: Source) -> bool:
    return _level(source) is not None


def parse(source: Source) -> list[Entry]:
    level = _level(source) or 3
    entries: list[Entry] = []
    current: tuple[dt.datetime, str] | None = None
    body: list[str] = []
    for line in source.text.split("\n"):
        head = _stamp(line, level)
        if head or (level == 3 and STRUCTURE.match(line)):
            if current:
                entries.append(_entry(*current, body, level))
            current, body = head, []
        elif current:
            body.append(line)
    if current:
        entries.append(_entry(*current, body, level))
    return entries


IMPORTER = Importer("jrnl-md", "jrnl 4.x markdown export (jrnl --export md)", detect, parse)
