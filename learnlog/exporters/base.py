"""What every export format receives and how a format is described; kept apart so format modules stay tiny."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from learnlog.frameworks import Badge

# How every format introduces the statement's link (a published page, or an audio or video recording).
LINK_LABEL = "Also online at"


@dataclass(frozen=True)
class ExportDoc:
    """A finished statement ready to leave learnlog: the practitioner's own markdown plus badge context."""

    title: str
    body: str
    badge: Badge
    criteria_covered: list[str] = field(default_factory=list)
    word_count: int = 0
    created: dt.datetime | None = None
    updated: dt.datetime | None = None
    entry_ids: list[int] = field(default_factory=list)
    # A published page or an audio/video recording of the statement (`statement link URL`).
    link: str | None = None
    # (title, date) of the entries the statement draws on, as the formats that list them show them.
    sources: list[tuple[str, dt.date]] = field(default_factory=list)

    def covered_criteria(self) -> list[tuple[str, str]]:
        """(id, label) in the badge's own order, so every format lists criteria the same way."""
        covered = set(self.criteria_covered)
        known = [(c.id, c.label) for c in self.badge.criteria if c.id in covered]
        badge_ids = {c.id for c in self.badge.criteria}
        # An id the badge no longer defines is still the user's claim: keep it rather than drop it silently.
        extra = [(cid, "") for cid in sorted(covered - badge_ids)]
        return known + extra

    def last_changed(self) -> dt.datetime | None:
        return self.updated or self.created


@dataclass(frozen=True)
class Format:
    """One export format; adding one is a module defining `FORMAT` (like jrnl's exporter plugins)."""

    name: str
    extension: str
    description: str
    render: Callable[[ExportDoc], str]
    aliases: tuple[str, ...] = ()
    fragment: Callable[[ExportDoc], str] | None = None  # the body alone, for pasting into a blog editor


def long_date(value: dt.date | dt.datetime) -> str:
    """14 March 2026: the en-GB form readers of an SSSC application expect, with no locale dependence."""
    months = (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    )  # fmt: skip
    return f"{value.day} {months[value.month - 1]} {value.year}"
