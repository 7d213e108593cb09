"""Words that shut readers out: unexplained acronyms and service jargon in a statement.

SCIE's review of participation names "the use of jargon" as a barrier that keeps people who use services out
(Hodge 2005), and a badge statement is public evidence read by people outside the team. So an acronym is
flagged unless it is spelled out at or before its first use ("Self-directed Support (SDS)" or
"SDS (Self-directed Support)"), and a short list of service-speak phrases is flagged with a plainer way to
say it. "Service user" and "people who use services" are not flagged: they are the SSSC's own words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class JargonHit:
    term: str
    start: int
    end: int
    reason: str


# Acronyms most readers in Scotland know without a second thought.
EVERYDAY = frozenset((
    "UK", "NHS", "GP", "TV", "OK", "BBC", "EU", "UN", "USA", "US", "ID", "PIN", "PDF", "CV", "FAQ", "DVD",
    "PC", "IT", "AM", "PM", "MP", "MSP", "COVID", "ASAP", "DIY",
    "II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII",  # numbering, e.g. "Part II"
))  # fmt: skip

# Sector acronyms whose long form we can suggest; the rule does not depend on this list.
KNOWN = {
    "SDS": "Self-directed Support",
    "GIRFEC": "Getting It Right For Every Child",
    "ASP": "Adult Support and Protection",
    "AWI": "Adults with Incapacity",
    "POA": "Power of Attorney",
    "MDT": "multi-disciplinary team",
    "LD": "learning disability",
    "HSCP": "Health and Social Care Partnership",
    "PVG": "Protecting Vulnerable Groups",
    "SVQ": "Scottish Vocational Qualification",
    "SSSC": "Scottish Social Services Council",
    "CLF": "Continuous Learning Framework",
    "SCIE": "Social Care Institute for Excellence",
    "IRISS": "Institute for Research and Innovation in Social Services",
    "LAC": "looked after children",
    "CSO": "Compulsory Supervision Order",
    "DNACPR": "Do Not Attempt Cardiopulmonary Resuscitation",
}

# (pattern, shown term, reason with a plainer alternative). Kept short: each one is plainly defensible.
PHRASES: tuple[tuple[str, str, str], ...] = (
    (r"care[- ]packages?|packages? of care", "care package",
     "service jargon: say what support the person gets, e.g. 'help at home three times a day'"),
    (r"step[- ]down", "step-down",
     "service jargon: say 'moving to less support' or what actually changed for the person"),
    (r"strategy meetings?", "strategy meeting",
     "service jargon: say 'a meeting to plan how to keep someone safe'"),
    (r"throughput", "throughput", "management jargon: say 'the number of people we supported'"),
    (r"placement breakdowns?", "placement breakdown",
     "service jargon: say 'the placement ended before it was meant to' and, if you can, why"),
    (r"bed[- ]block(?:ing|ers?)", "bed blocking",
     "blames the person: say 'a delayed discharge from hospital'"),
    (r"frequent flyers?", "frequent flyer", "labels the person: say 'someone who often needs our help'"),
    (r"non-?complian(?:t|ce)", "non-compliant",
     "labels the person: say what they chose or did not want, e.g. 'decided not to take'"),
    (r"challenging behaviours?", "challenging behaviour",
     "labels the person: describe what happened, or say 'distressed behaviour'"),
    (r"signpost(?:ed|ing|s)?", "signposting",
     "service jargon: say 'told them about' or 'put them in touch with'"),
    (r"respite(?: care)?", "respite", "say 'a short break' (the Carers (Scotland) Act 2016 term)"),
    (r"client group", "client group", "say who you mean, e.g. 'the people we support'"),
    (r"wrap-?around (?:support|care|services?)", "wraparound support",
     "service jargon: say what the support covers"),
    (r"service provision", "service provision", "say 'the support we give'"),
)  # fmt: skip
_PHRASE_RES = tuple((re.compile(rf"\b(?:{pat})\b", re.IGNORECASE), term, why) for pat, term, why in PHRASES)

_ACRONYM = re.compile(r"(?<![\w&-])([A-Z][A-Z&]*[A-Z])(?:s|'s|’s)?(?![\w&-])")
_URL_OR_CODE = re.compile(r"https?://\S+|www\.\S+|\]\([^)]*\)|`[^`\n]*`|\S+@\S+\.\w+")
_STOPWORDS = frozenset(["and", "of", "the", "for", "in", "to", "with", "on", "at", "a", "an", "&", "by"])
_WORD = re.compile(r"[A-Za-z][A-Za-z']*")


# Redaction placeholders ("[PERSON]", "[NHS_NUMBER]") are learnlog's own marks, not the writer's jargon.
_PLACEHOLDER = re.compile(r"\[[A-Z][A-Z_]+\]")


def _masked(text: str) -> str:
    """Blank out URLs, link targets, code, e-mail addresses and redaction placeholders: not prose."""
    text = _URL_OR_CODE.sub(lambda m: " " * len(m.group(0)), text)
    return _PLACEHOLDER.sub(lambda m: " " * len(m.group(0)), text)


def _initials_match(letters: str, words: list[str]) -> bool:
    """True if the words' initials spell the acronym, allowing small joining words ("Power of Attorney")."""
    if not letters:
        return not words or all(w.lower() in _STOPWORDS for w in words)
    if not words:
        return False
    word, rest = words[0], words[1:]
    if word[0].upper() == letters[0] and _initials_match(letters[1:], rest):
        return True
    # A word may give more than its first letter when it has capitals inside ("CoSLA", "NHSScotland").
    caps = "".join(ch for ch in word if ch.isupper())
    if len(caps) > 1 and letters.startswith(caps) and _initials_match(letters[len(caps) :], rest):
        return True
    return word.lower() in _STOPWORDS and _initials_match(letters, rest)


def _expansion_words(text: str) -> list[str]:
    # Hyphenated words count per part: "Self-directed Support" -> S, D, S.
    return [w for part in _WORD.findall(text) for w in part.split("-") if w]


def _explained_at(text: str, start: int, end: int, acronym: str) -> bool:
    """Explained here: "Spelled Out Words (ACR)" just before, or "ACR (Spelled Out Words)" just after."""
    after = re.match(r"(?:s|'s|’s)?\s*\(([^()]{3,120})\)", text[end:])
    if after and _initials_match(acronym, _expansion_words(after.group(1))):
        return True
    if start > 0 and text[start - 1] == "(" and re.match(r"(?:s|'s|’s)?\s*\)", text[end:]):
        words = _expansion_words(text[max(0, start - 160) : start - 1])
        # Try the shortest run of words before the bracket that spells the acronym.
        for n in range(1, min(len(words), len(acronym) + 6) + 1):
            if _initials_match(acronym, words[-n:]):
                return True
    return False


def _shouting(text: str, start: int, end: int) -> bool:
    """Part of a run of three or more capitalised words ("I WAS NOT TOLD"): emphasis, not an acronym."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    words = re.findall(r"[A-Za-z]{2,}", line)
    run = best = 0
    for word in words:
        run = run + 1 if word.isupper() else 0
        best = max(best, run)
    return best >= 3


def find_jargon(text: str) -> list[JargonHit]:
    """Unexplained acronyms (first use only) and every service-jargon phrase, in text order."""
    hits: list[JargonHit] = []
    masked = _masked(text)
    seen: set[str] = set()
    explained: set[str] = set()
    for m in _ACRONYM.finditer(masked):
        acronym = m.group(1)
        if acronym in EVERYDAY or "&" in acronym or acronym in seen:
            continue
        if _explained_at(masked, m.start(1), m.end(1), acronym):
            explained.add(acronym)
            seen.add(acronym)
            continue
        if acronym in explained or _shouting(masked, m.start(1), m.end(1)):
            continue
        seen.add(acronym)
        # Explained later is still unexplained for the reader who meets it first.
        hits.append(
            JargonHit(
                acronym,
                m.start(1),
                m.end(1),
                f"acronym not explained on first use: write it out the first time, e.g. "
                f"'{KNOWN.get(acronym, 'the full name')} ({acronym})'",
            )
        )
    for pattern, term, why in _PHRASE_RES:
        for m in pattern.finditer(masked):
            hits.append(JargonHit(term, m.start(), m.end(), why))
    return sorted(hits, key=lambda h: (h.start, h.end))
