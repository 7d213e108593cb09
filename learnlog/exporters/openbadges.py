"""`json`: the statement as an Open Badges 3.0 `Evidence` object, for platforms that take evidence as data.

Field names follow the 1EdTech OB 3.0 Evidence class: `type` must contain "Evidence"; `narrative` is markdown;
`name`, `description`, `genre` and `audience` are plain strings. No `id` is given: the statement has no public
URL until the practitioner publishes it, and a made-up one would be worse than none.
"""

from __future__ import annotations

import json

from learnlog.exporters.base import ExportDoc, Format

GENRE = "Reflective statement"


def evidence(doc: ExportDoc) -> dict:
    badge = doc.badge
    criteria = "; ".join(f"{cid} {label}".strip() for cid, label in doc.covered_criteria())
    description = f"{GENRE} ({doc.word_count} words) for the Open Badge “{badge.title}” issued by {badge.issuer}."
    if criteria:
        description += f" Criteria addressed: {criteria}."
    return {
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
