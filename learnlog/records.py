"""Plain data that crosses module boundaries: no database, no CLI, so analysis and export stay pure."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class Entry:
    """One journal entry as every layer above the database sees it."""

    id: int | None
    date: dt.date
    body: str
    title: str = ""
    tags: list[str] = field(default_factory=list)
    hours: float | None = None
    status: str = "draft"  # draft | final
    created: dt.datetime | None = None
    updated: dt.datetime | None = None
    # criterion id -> "manual" | "suggested" (for the target badge)
    criteria: dict[str, str] = field(default_factory=dict)
    resources: list[str] = field(default_factory=list)
    words: int = 0
    version: int = 1


@dataclass
class Statement:
    """A badge statement: the practitioner's own text assembled from entries, kept with revisions."""

    id: int | None
    badge_id: str
    title: str
    body: str
    created: dt.datetime | None = None
    updated: dt.datetime | None = None
    entry_ids: list[int] = field(default_factory=list)
    version: int = 1
