"""Statement assembly: arranges the practitioner's own entries by criterion. It writes no prose of its own —
the only text it may add is a heading per criterion, and only when asked."""

from __future__ import annotations

from collections.abc import Sequence

from learnlog.frameworks import Badge
from learnlog.records import Entry


def order_by_criterion(entries: Sequence[Entry], badge: Badge) -> list[tuple[str | None, list[Entry]]]:
    """Group entries under the first of the badge's criteria each evidences (badge order), unlinked last."""
    order = [c.id for c in badge.criteria]
    groups: dict[str | None, list[Entry]] = {cid: [] for cid in order}
    groups[None] = []
    for e in sorted(entries, key=lambda e: (e.date, e.id or 0)):
        first = next((cid for cid in order if cid in e.criteria), None)
        groups[first].append(e)
    return [(cid, es) for cid, es in groups.items() if es]


def assemble(entries: Sequence[Entry], badge: Badge, *, headings: bool = False) -> str:
    """The bodies of the entries, in criterion order, separated by blank lines; optional criterion headings."""
    labels = {c.id: c.label for c in badge.criteria}
    parts: list[str] = []
    for cid, group in order_by_criterion(entries, badge):
        if headings and cid is not None:
            parts.append(f"## {labels[cid]}")
        parts.extend(e.body.strip() for e in group if e.body.strip())
    return "\n\n".join(parts) + "\n" if parts else ""
