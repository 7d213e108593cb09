"""Every `--json`: one serialiser, one shape per record, so scripts read every command the same way.

Timestamps are ISO 8601 with their UTC offset (`2026-03-14T09:00:00+00:00`), days are `YYYY-MM-DD`, paths are
strings. No Rich here: JSON output stays as light as the commands that print it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from learnlog.records import HL_END, HL_START


def _default(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return (value if value.tzinfo else value.replace(tzinfo=dt.UTC)).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, set | frozenset):
        return sorted(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=_default)


def print_json(data: Any) -> None:
    sys.stdout.write(dumps(data) + "\n")


def entry(e) -> dict:
    from learnlog.entryfile import derive_title

    return {
        "id": e.id,
        "date": e.date,
        "title": e.title or derive_title(e.body),
        "body": e.body,
        "tags": e.tags,
        "hours": e.hours,
        "status": e.status,
        "words": e.words,
        "criteria": e.criteria,
        "resources": e.resources,
        "created": e.created,
        "updated": e.updated,
        "version": e.version,
    }


def hit(h) -> dict:
    return {**entry(h.entry), "snippet": h.snippet.replace(HL_START, "[").replace(HL_END, "]"), "rank": h.rank}


def revision(r) -> dict:
    from learnlog.entryfile import derive_title

    return {
        "revision": r.id,
        "version": r.version,
        "saved": r.saved_at,
        "reason": r.reason,
        "words": r.entry.words,
        "title": r.entry.title or derive_title(r.entry.body),
    }


def finding(f) -> dict:
    d = {
        "id": f.id,
        "entry_id": f.entry_id,
        "start": f.start,
        "end": f.end,
        "label": f.label,
        "text": f.text,
        "reason": f.reason,
        "status": f.status,
    }
    if f.statement_id is not None:
        d["statement_id"] = f.statement_id
        d["part"] = f.part  # which outgoing text: title, body, link, "entry 7 title"
    if f.dismiss_reason:
        d["dismiss_reason"] = f.dismiss_reason
    return d


def statement(s, *, body: bool = False) -> dict:
    d = {
        "id": s.id,
        "badge": s.badge_id,
        "title": s.title,
        "words": s.words,
        "created": s.created,
        "updated": s.updated,
        "version": s.version,
        "entries": s.entry_ids,
        "link": s.link,
    }
    if body:
        d["body"] = s.body
    return d


def suggestion(s) -> dict:
    return {"criterion": s.criterion_id, "score": round(s.score, 3), "accepted": s.accepted, "evidence": s.evidence}
