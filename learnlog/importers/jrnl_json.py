"""Output of `jrnl --export json` (jrnl/plugins/json_exporter.py): the lossless way out of jrnl.

The whole journal is `{"tags": {...}, "entries": [{"title", "body", "date": "2026-01-10", "time": "09:00",
"tags": ["#sds", "@anna"], "starred": false}, ...]}`; `--export json --file folder/` writes one such entry
object per file. Title, body, tags and stars are taken as jrnl wrote them, so nothing depends on the
journal's timeformat or on re-parsing the text.
"""

from __future__ import annotations

import datetime as dt
import json

from learnlog.errors import InputError
from learnlog.importers.base import Importer, Source, clean_tags, local_to_utc
from learnlog.importers.jrnl_text import STARRED_TAG
from learnlog.records import Entry

ENTRY_KEYS = {"title", "body", "date", "time"}


def _load(source: Source) -> object:
    try:
        return json.loads(source.text)
    except (ValueError, RecursionError):
        return None


def _entries(data: object) -> list | None:
    if isinstance(data, dict) and isinstance(data.get("entries"), list):
        return data["entries"]
    if isinstance(data, dict) and data.keys() >= ENTRY_KEYS:
        return [data]
    return None


def detect(source: Source) -> bool:
    return source.text.lstrip().startswith("{") and _entries(_load(source)) is not None


def _entry(item: object, n: int, tagsymbols: str) -> Entry:
    if not isinstance(item, dict) or not item.keys() >= ENTRY_KEYS:
        raise InputError(f"entry {n} of the jrnl export has no title, body, date and time")
    title, body, tags = item["title"], item["body"], item.get("tags", [])
    if not isinstance(title, str) or not isinstance(body, str):
        raise InputError(f"entry {n} of the jrnl export: title and body must be text")
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise InputError(f"entry {n} of the jrnl export: tags must be a list of words")
    try:
        stamp = dt.datetime.strptime(f"{item['date']} {item['time']}", "%Y-%m-%d %H:%M")
    except (TypeError, ValueError):
        raise InputError(
            f"entry {n} of the jrnl export: date and time must read like 2026-01-10 and 09:00, "
            f"got {item['date']!r} {item['time']!r}"
        ) from None
    names = clean_tags([t.lower().lstrip(tagsymbols) for t in tags])
    if item.get("starred") is True and STARRED_TAG not in names:
        names.append(STARRED_TAG)
    return Entry(id=None, date=stamp.date(), title=title, body=body, tags=names, created=local_to_utc(stamp))


def parse(source: Source) -> list[Entry]:
    items = _entries(_load(source)) or []
    symbols = source.jrnl.tagsymbols + "#@"
    return [_entry(item, n, symbols) for n, item in enumerate(items, 1)]


IMPORTER = Importer("jrnl-json", "jrnl 4.x JSON export (jrnl --export json)", detect, parse)
