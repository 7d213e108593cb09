"""`json`: the statement as an Open Badges 3.0 `Evidence` object, for platforms that take evidence as data.

Field names follow the 1EdTech OB 3.0 Evidence class: `type` must contain "Evidence"; `narrative` is markdown;
`name`, `description`, `genre` and `audience` are plain strings. `id` is "the URL of a webpage presenting
evidence": the statement's link (`statement link URL`) when it has one, else left out — a made-up one would be
worse than none. Checked against the official 1EdTech OB 3.0 JSON schema in the tests.
"""

from __future__ import annotations

import json

from learnlog.exporters.base import ExportDoc, Format

GENRE = "Reflective statement"


def describe(doc: ExportDoc) -> str:
    """The Evidence `description`: built from the badge and counts, and scanned like every text that leaves."""
    badge = doc.badge
    criteria = "; ".join(f"{cid} {label}".strip() for cid, label in doc.covered_criteria())
    description = f"{GENRE} ({doc.word_count} words) for the Open Badge “{badge.title}” issued by {badge.issuer}."
    if criteria:
        description += f" Criteria addressed: {criteria}."
    return description


def evidence(doc: ExportDoc) -> dict:
    badge = doc.badge
    description = describe(doc)
    out: dict = {"id": doc.link} if doc.link else {}
    return out | {
        "type": ["Evidence"],
        "name": doc.title,
        "description": description,
        "narrative": doc.body,
        "genre": GENRE,
        # SSSC: "the evidence you provide will be viewable by anyone you show your badge to".
        "audience": f"{badge.issuer} and anyone the badge holder shows the badge to",
    }


def render(doc: ExportDoc) -> str:
    return json.dumps(evidence(doc), ensure_ascii=False, indent=2) + "\n"


FORMAT = Format("json", "json", "Open Badges 3.0 Evidence object (JSON)", render, ("ob3",))
