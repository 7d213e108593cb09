"""When candidates overlap, which one is reported; and the user's allowlist."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable

from learnlog.confidential.findings import Candidate

# When two candidates overlap, the more specific kind wins; among equals, the longer span.
_PRIORITY = {
    "EMAIL": 100,
    "NHS_NUMBER": 95,
    "CHI_NUMBER": 95,
    "NI_NUMBER": 95,
    "PHONE": 90,
    "POSTCODE": 85,
    "DATE_OF_BIRTH": 82,
    "CASE_REF": 80,
    "ADDRESS": 70,
    "ORG_LOCAL": 60,
    "HEALTH": 50,
    "PERSON": 40,
}

# ---------------------------------------------------------------------------------------------------------
# Scan and redact


def _allowed_spans(text: str, allow: Iterable[str]) -> list[tuple[int, int]]:
    phrases = sorted({p.strip() for p in allow if p and p.strip()}, key=len, reverse=True)
    if not phrases:
        return []
    body = "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in phrases)
    pattern = re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)
    return [m.span() for m in pattern.finditer(text)]


def _resolve(candidates: list[Candidate]) -> list[Candidate]:
    """Keep the best of overlapping candidates: the higher priority, then the longer span."""
    ordered = sorted(c for c in candidates if c[0] < c[1])
    kept: list[Candidate] = []
    i = 0
    while i < len(ordered):
        j, end = i + 1, ordered[i][1]
        while j < len(ordered) and ordered[j][0] < end:
            end = max(end, ordered[j][1])
            j += 1
        kept.extend(_best_of(ordered[i:j]) if j > i + 1 else ordered[i:j])
        i = j
    return kept


def _best_of(group: list[Candidate]) -> list[Candidate]:
    starts: list[int] = []
    ends: list[int] = []
    chosen: list[Candidate] = []
    for cand in sorted(group, key=lambda c: (-_PRIORITY[c[2]], -(c[1] - c[0]), c[0])):
        x = bisect_left(starts, cand[0])
        if (x > 0 and ends[x - 1] > cand[0]) or (x < len(starts) and starts[x] < cand[1]):
            continue
        starts.insert(x, cand[0])
        ends.insert(x, cand[1])
        chosen.append(cand)
    return sorted(chosen)


_HEALTH_JOIN = re.compile(r"[ \t]{1,2}")


def _join_health(text: str, kept: list[Candidate]) -> list[Candidate]:
    """ "her COPD inhaler": a condition and its treatment written as one phrase are one finding, so a
    redaction reads "[HEALTH]" once. Details joined by "and" or a comma stay apart, one finding each."""
    out: list[Candidate] = []
    for cand in kept:
        if out and cand[2] == "HEALTH" and out[-1][2] == "HEALTH" and _HEALTH_JOIN.fullmatch(text, out[-1][1], cand[0]):
            last = out[-1]
            out[-1] = (last[0], cand[1], "HEALTH", last[3])
        else:
            out.append(cand)
    return out
