"""How far a set of entries covers a badge's criteria: which entries back each one, how many words, and gaps.

Pure: takes entries and a badge, returns plain data. Only links a practitioner made or confirmed ("manual",
"confirmed") cover a criterion; a link the tagger suggested is listed but flagged, because a statement
should never rest on evidence its author has not looked at.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from learnlog.frameworks import Badge
from learnlog.records import Entry

COVERING_MARKS = frozenset({"manual", "confirmed"})


class EntryLink(NamedTuple):
    """One entry linked to a criterion; unpacks as (entry_id, mark)."""

    entry_id: int | None
    mark: str  # "manual" | "confirmed" | "suggested"


@dataclass
class CriterionCoverage:
    criterion_id: str
    label: str
    text: str
    entries: list[EntryLink] = field(default_factory=list)
    words: int = 0  # words of every linked entry, suggested links included
    confirmed_words: int = 0  # words of entries whose link covers the criterion
    covered: bool = False
    prompts: list[str] = field(default_factory=list)  # offered only while the criterion is not covered
    counts: dict[str, int] = field(default_factory=dict)  # links by mark, over the whole log

    @property
    def id(self) -> str:
        return self.criterion_id

    @property
    def confirmed_ids(self) -> list[int | None]:
        return [link.entry_id for link in self.entries if link.mark in COVERING_MARKS]

    @property
    def suggested_ids(self) -> list[int | None]:
        """Entries learnlog suggested for this criterion that nobody has confirmed (or rejected) yet."""
        return [link.entry_id for link in self.entries if link.mark not in COVERING_MARKS]

    @property
    def suggested_only(self) -> bool:
        """Evidence exists but only as suggestions nobody has confirmed yet."""
        return bool(self.entries) and not self.covered


@dataclass
class ResourceUse:
    id: str
    title: str
    entry_ids: list[int | None] = field(default_factory=list)
    known: bool = True  # False for resource ids entries mention that the badge does not list


@dataclass
class Coverage:
    badge_id: str
    badge_title: str
    criteria: list[CriterionCoverage]
    resources: list[ResourceUse]

    @property
    def covered_count(self) -> int:
        return sum(c.covered for c in self.criteria)

    @property
    def gaps(self) -> list[str]:
        return [c.criterion_id for c in self.criteria if not c.covered]

    @property
    def complete(self) -> bool:
        return not self.gaps

    @property
    def to_confirm(self) -> int:
        """Suggested links waiting for their author's yes or no (in the entries this coverage was given)."""
        return sum(len(c.suggested_ids) for c in self.criteria)

    @property
    def confirm_hint(self) -> str:
        """How to turn suggestions into evidence, or "" when none is waiting."""
        if not self.to_confirm:
            return ""
        return "learnlog review  (one suggestion at a time; y confirms, n rejects)"

    @property
    def resources_used(self) -> list[ResourceUse]:
        return [r for r in self.resources if r.entry_ids]

    def to_dict(self) -> dict:
        return {
            "badge": {"id": self.badge_id, "title": self.badge_title},
            "covered": self.covered_count,
            "total": len(self.criteria),
            "complete": self.complete,
            "gaps": self.gaps,
            "to_confirm": self.to_confirm,
            "confirm": self.confirm_hint.split("  ")[0] if self.confirm_hint else None,
            "criteria": [
                {
                    "id": c.criterion_id,
                    "label": c.label,
                    "text": c.text,
                    "covered": c.covered,
                    "suggested_only": c.suggested_only,
                    "words": c.words,
                    "confirmed_words": c.confirmed_words,
                    "entries": [{"id": link.entry_id, "mark": link.mark} for link in c.entries],
                    "confirmed": c.confirmed_ids,
                    "suggested": c.suggested_ids,
                    "prompts": list(c.prompts),
                }
                for c in self.criteria
            ],
            "resources": [
                {"id": r.id, "title": r.title, "known": r.known, "entries": list(r.entry_ids)} for r in self.resources
            ],
        }


def coverage(
    entries: list[Entry], badge: Badge, totals: Mapping[tuple[str, str], tuple[int, int]] | None = None
) -> Coverage:
    """Coverage of badge's criteria and resources by entries (in date order, then id).

    One pass over the entries (not one per criterion). `totals` — links and words per (criterion, mark) over
    the whole log, counted by the database — lets a caller pass only the entries it will show (the newest
    few of 10,000) while counts, words and covered flags still describe the whole log.
    """
    ordered = sorted(entries, key=lambda e: (e.date, e.id if e.id is not None else -1))
    items = {c.id: CriterionCoverage(c.id, c.label, c.text) for c in badge.criteria}
    resources = [ResourceUse(r.id, r.title) for r in badge.resources]
    by_id = {r.id: r for r in resources}
    counted = _counts(ordered) if totals is None else totals
    for (criterion_id, mark), (links, words) in counted.items():
        item = items.get(criterion_id)
        if item is None:
            continue
        item.counts[mark] = item.counts.get(mark, 0) + links
        item.words += words
        if mark in COVERING_MARKS:
            item.covered = True
            item.confirmed_words += words
    for entry in ordered:
        for criterion_id, mark in entry.criteria.items():
            if criterion_id in items:
                items[criterion_id].entries.append(EntryLink(entry.id, mark))
        for resource_id in dict.fromkeys(entry.resources):  # an entry citing a resource twice counts once
            use = by_id.get(resource_id)
            if use is None:
                use = by_id[resource_id] = ResourceUse(resource_id, resource_id, known=False)
                resources.append(use)
            use.entry_ids.append(entry.id)
    for criterion in badge.criteria:
        if not items[criterion.id].covered:
            items[criterion.id].prompts = list(criterion.prompts)
    return Coverage(badge.id, badge.title, list(items.values()), resources)


def _counts(entries: list[Entry]) -> dict[tuple[str, str], tuple[int, int]]:
    totals: dict[tuple[str, str], tuple[int, int]] = {}
    for entry in entries:
        for criterion_id, mark in entry.criteria.items():
            links, words = totals.get((criterion_id, mark), (0, 0))
            totals[(criterion_id, mark)] = (links + 1, words + entry.words)
    return totals
