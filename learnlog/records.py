"""Plain data that crosses module boundaries: no database, no CLI, so analysis and export stay pure.

Every layer speaks these types: the store maps rows to them in one place (`store.reads.record`), the analysis
modules take and return them, and `cli.output` serialises them for every `--json`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

# How an entry is linked to a criterion: by the practitioner ("manual") or by accepting a suggestion
# ("suggested"). The database's CHECK constraint allows exactly these (see store.tables.EntryCriterionRow).
MANUAL, SUGGESTED = "manual", "suggested"
LINK_KINDS = (MANUAL, SUGGESTED)
ENTRY_STATUSES = ("draft", "final")


def normalise_tag(tag: str) -> str:
    """Tags compare the way people think of them: no leading #/@, lower case, spaces as hyphens."""
    return "-".join(tag.strip().lstrip("#@").lower().split())


def normalise_tags(tags: Iterable[str]) -> list[str]:
    """The stored form of a set of tags: normalised, without blanks or repeats, sorted."""
    return sorted({t for t in (normalise_tag(x) for x in tags) if t})


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
    # Frontmatter keys learnlog has no field for (Obsidian's aliases, cssclasses…), kept and written back.
    properties: dict = field(default_factory=dict)


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
    words: int = 0
    link: str | None = None  # a published page or recording (`statement link URL`)
    gate_key: str = ""  # digest of what the stored privacy verdict was judged on (store.journal)


@dataclass(frozen=True)
class Finding:
    """One span of text that should not be published; `reason` says in a sentence why it was flagged.

    The scanner returns findings with only the span filled in; the store adds where it was found (`id`,
    `entry_id` or `statement_id`) and what the practitioner decided (`status`, `dismiss_reason`). One type for
    both, so redaction, preflight and `--json` never convert between look-alikes.
    """

    start: int
    end: int
    label: str
    text: str
    reason: str
    id: int | None = None
    entry_id: int | None = None
    statement_id: int | None = None
    status: str = "open"  # open | dismissed
    dismiss_reason: str | None = None
    part: str = "body"  # for a statement: which outgoing text ("title", "body", "entry 7 title", "link")


@dataclass
class Revision:
    """An earlier version of an entry, kept when it was edited (reason 'edit', 'redact' or 'conflict')."""

    id: int
    entry_id: int
    version: int
    saved_at: dt.datetime
    reason: str
    entry: Entry


@dataclass
class Hit:
    """A full-text search match: the entry, a snippet with HL_START/HL_END around matched terms, its rank."""

    entry: Entry
    snippet: str
    rank: float


HL_START, HL_END = "\x02", "\x03"


@dataclass
class ImportReport:
    """What an import stored (source, new entry id) and passed over (source, reason)."""

    added: list[tuple[str, int]]
    skipped: list[tuple[str, str]]
