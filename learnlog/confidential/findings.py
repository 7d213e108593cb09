"""What the scanner reports: the labels it knows and one `Finding` per span not to publish."""

from __future__ import annotations

from dataclasses import dataclass

LABELS = (
    "PERSON",
    "EMAIL",
    "PHONE",
    "POSTCODE",
    "ADDRESS",
    "NHS_NUMBER",
    "CHI_NUMBER",
    "NI_NUMBER",
    "DATE_OF_BIRTH",
    "CASE_REF",
    "HEALTH",
    "ORG_LOCAL",
)


@dataclass(frozen=True)
class Finding:
    """One span of `text` that should not be published; `reason` says in a sentence why it was flagged."""

    start: int
    end: int
    label: str
    text: str
    reason: str


Candidate = tuple[int, int, str, str]  # start, end, label, reason
