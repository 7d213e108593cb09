"""Reviewing learnlog's suggestions one at a time: which are open, what to show for each, what an answer does.

Pure: takes entries (with their links) and the rejections remembered per entry, returns plain items. A
suggestion is only a hint until its author confirms it — the statement and `check` count confirmed links
only — so review shows the entry's title, the criterion and the writer's own words that prompted the hint,
and a "no" is remembered so the same hint is not offered again for that entry.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import asdict, dataclass, field

from learnlog.frameworks import Badge
from learnlog.records import Entry

ANSWERS = {
    word: action
    for action, words in {
        "confirm": ("y", "yes"),
        "reject": ("n", "no"),
        "skip": ("s", "skip"),
        "quit": ("q", "quit"),
    }.items()
    for word in words
}


@dataclass(frozen=True)
class Item:
    entry_id: int
    entry_title: str
    date: str
    criterion_id: str
    criterion_label: str
    evidence: list[str] = field(default_factory=list)  # the writer's phrases that prompted the suggestion

    def to_dict(self) -> dict:
        return asdict(self)


def open_items(
    entries: Iterable[Entry],
    badge: Badge,
    rejected: Mapping[int, Collection[str]] | None = None,
    *,
    evidence: bool = True,
) -> list[Item]:
    """Every stored suggested link not yet confirmed or rejected, oldest entry first, criteria in badge order."""
    from learnlog.entryfile import derive_title as entry_title

    rejected = rejected or {}
    labels = {c.id: c.label for c in badge.criteria}
    order = [c.id for c in badge.criteria]
    items: list[Item] = []
    for e in sorted(entries, key=lambda e: (e.date, e.id or 0)):
        if e.id is None:
            continue
        wanted = [cid for cid in order if e.criteria.get(cid) == "suggested" and cid not in rejected.get(e.id, ())]
        if not wanted:
            continue
        quotes = _evidence(e.body, badge) if evidence else {}
        title = e.title or entry_title(e.body)
        for cid in wanted:
            items.append(Item(e.id, title, e.date.isoformat(), cid, labels[cid], quotes.get(cid, [])))
    return items


def _evidence(body: str, badge: Badge) -> dict[str, list[str]]:
    from learnlog.tagging import suggest_for_badge

    return {s.criterion_id: list(s.evidence) for s in suggest_for_badge(body, badge)}


def parse_answer(text: str) -> str | None:
    """'y', 'yes', 'N', ' s ' … → confirm / reject / skip / quit; anything else → None (ask again)."""
    return ANSWERS.get(text.strip().lower())
