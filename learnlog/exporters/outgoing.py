"""From a stored statement to the document that leaves: the one place redaction and pseudonyms are applied.

Every part an export writes (title, body, link, the titles of the entries it lists) is redacted with that
part's own findings, and one pseudonym map serves them all, so "Person A" in the title is "Person A" in the
body and in every other export of the log. The Evidence description is generated from the badge; it is scanned
here too (`generated_findings`), because a user's own framework file can hold any text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from learnlog.exporters.base import ExportDoc
from learnlog.frameworks import Badge
from learnlog.records import Entry, Statement

CONFIRMED = frozenset({"manual", "confirmed"})


def prepare(
    st: Statement,
    sources: Sequence[Entry],
    badge: Badge,
    findings: Sequence[Any] = (),
    *,
    redact: bool = False,
    pseudonyms: object = None,
) -> ExportDoc:
    """The ExportDoc for a statement; with `redact` or a pseudonym map, open findings are replaced in every part."""
    from learnlog.preflight import outgoing, redact_parts
    from learnlog.statement import source_title
    from learnlog.words import word_count

    by_id = {e.id: e for e in sources}
    ordered = [by_id[i] for i in st.entry_ids if i in by_id]
    parts = outgoing(st.title, st.body, link=st.link, entry_titles={e.id: source_title(e) for e in ordered})
    texts = {p.where: p.text for p in parts}
    if redact or pseudonyms is not None:
        texts = redact_parts(parts, findings, pseudonyms=pseudonyms if pseudonyms is not None else False)
    covered = sorted({c for e in ordered for c, mark in e.criteria.items() if mark in CONFIRMED})
    return ExportDoc(
        title=texts["title"],
        body=texts["body"],
        badge=badge,
        criteria_covered=covered,
        word_count=word_count(texts["body"]),
        created=st.created,
        updated=st.updated,
        entry_ids=list(st.entry_ids),
        link=texts.get("link"),
        sources=[(texts.get(f"entry {e.id} title", ""), e.date) for e in ordered if texts.get(f"entry {e.id} title")],
    )


def generated_findings(doc: ExportDoc, allow: Sequence[str] = ()) -> list:
    """Findings in the text learnlog itself writes into an export (the Evidence description)."""
    from learnlog.exporters.openbadges import describe
    from learnlog.preflight import Part, gate, open_findings

    return open_findings(gate([Part("description", describe(doc))], allow=allow))
