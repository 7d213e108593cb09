"""What the scanner reports: the labels it knows and one `Finding` per span not to publish."""

from __future__ import annotations

from learnlog.records import Finding  # one Finding type for the scanner, the store and the CLI

__all__ = ["LABELS", "Candidate", "Finding"]

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


Candidate = tuple[int, int, str, str]  # start, end, label, reason
