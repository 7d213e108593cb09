"""Values that need a cue next to them: dates of birth, case references, street addresses."""

from __future__ import annotations

import re

from learnlog.confidential.patterns import _alternation, _Pattern
from learnlog.confidential.services import _SERVICE_APPOSITIVE

# ---------------------------------------------------------------------------------------------------------
# Dates of birth, case references, addresses: a cue next to the value

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_DATE = (
    r"(?:\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})(?!\d)"
    r"|\d{4}-\d{1,2}-\d{1,2}(?!\d)"
    rf"|(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?)?{_MONTH},?\s+\d{{4}}(?!\d)"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}(?!\d))"
)
_DAY_MONTH = rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?)(?!\d)"
_DOB = _Pattern(
    r"(?:\bborn(?:\s+on)?|\bd\.?o\.?b\b\.?|\bdate\s+of\s+birth\b|\bbirth\s?date\b)"
    r"\s{0,3}(?:[:=\-–—(,]\s{0,3})?"
    r"(?:(?:is|was|on|the|as|of|given|recorded|listed|shown|written|down|reads|read|being|noted|stated)"
    r"\s{1,3}){0,3}"
    rf"(?P<date>{_DATE})"
    rf"|\bborn\s+in\s+(?P<year>(?:{_MONTH}\s+)?(?:19|20)\d\d)\b"
    r"|\bbirthday\s+(?:is|was|falls\s+on|on)\s+(?:on\s+)?(?:the\s+)?"
    rf"(?P<day>{_DATE}|{_DAY_MONTH})",
    re.I,
)

_CASE_CUE = _Pattern(
    # The lookahead on first letters lets the engine skip most positions quickly.
    r"(?=[acefhlmprstu])\b(?:(?:case|client|service\s+user|file|referral|record|person|patient|hospital|"
    r"unit|social\s+work|carefirst|care\s+first|swift|mosaic|eclipse|paris|liquidlogic|crn|council|"
    r"tenancy|account|claim|"
    r"reference|ref)\s*(?:ref(?:erence)?|no|num|number|id|identifier|#)(?![a-z])\.?"
    r"|reference|ref(?![a-z])\.?|carefirst|mosaic|swift|eclipse|(?:logged|held|filed|recorded)\s+(?:as|under))"
    r"\s{0,3}(?:[:#=\-–]|is|was)?\s{0,3}"
    r"(?P<ref>(?=[A-Za-z0-9/\-]{0,24}\d)[A-Z0-9][A-Za-z0-9/\-]{2,24})(?![\w/\-])",
    re.I,
)
_FILED_AS = _Pattern(r"(?:logged|held|filed|recorded)\s", re.I)
_ID_CUE = _Pattern(r"\bID\s?(?:no|number)?\.?\s{0,3}[:#]?\s{0,3}(?P<ref>\d[\d/\-]{3,15})(?![\w/\-])")
_CASE_SHAPE = _Pattern(
    # "SW/2023/0457", "CP-2021-0042", "AP-24-1187" (a two-digit year)
    # "GS-CF-223914", "CAMHS-LN-551902", "AB/CDE/12345", "AB-CD-24-0293": letter groups, then digit groups
    r"(?<![\w/\-])(?:[A-Z]{2,6}(?:/[A-Z]{2,5}){0,2}/\d{2,4}/\d{2,7}|[A-Z]{2,6}(?:-[A-Z]{2,5}){0,2}-(?:\d{4}|\d{2})-\d{3,7}"
    r"|[A-Z]{2,6}(?:[/-][A-Z]{2,5}){1,2}[/-]\d{3,7}"
    r"|[A-Z]{2,4}-(?!(?:19|20)\d\d\b)\d{3,7})(?![\w/\-])"
)

# Training, purchasing and booking numbers share the shape of case references but identify nobody.
_COMMERCIAL_CUE = _Pattern(rf"\b{_alternation('commercial_words')}\b(?=[^.!?\n]{{0,25}}$)", re.I)
_COMMERCIAL_PREFIX = _Pattern(r"(?:INV|PO|ORD|SKU|QUO|QT|SO|PUR|CRS|DEL)[\-/]", re.I)
_CASE_WORD = _Pattern(rf"\b{_alternation('case_words')}\b", re.I)

_STREET = (
    r"(?:(?:Road|Street|Avenue|Drive|Crescent|Place|Terrace|Gardens|Lane|Court|Way|Close|Park|Square|Wynd|"
    r"Brae|Loan|Loaning|Row|Grove|View|Walk|Green|Quadrant|Circus|Parade|Mews|Rise|Hill|Vale|Gate|Vennel|"
    r"Bank|Path|Boulevard|Gait|Neuk|Knowe|Haugh|Steading)\b|(?:Rd|St|Ave|Dr|Cres|Pl|Terr|Gdns|Ln|Ct|Sq)\b\.?)"
)
_ADDRESS = _Pattern(
    r"(?<![\w/])(?:(?:Flat|Apartment|Apt|Unit)\s+[0-9A-Za-z]{1,4}(?:/[0-9A-Za-z]{1,3})?,?\s+)?"
    r"\d{1,4}[A-Za-z]?(?:/\d{1,3}[A-Za-z]?)?,?\s+"
    rf"(?:[A-Z][A-Za-z'’\-]{{1,25}}\s+){{1,3}}{_STREET}(?:\s+(?:North|South|East|West)\b)?"
)
# Scottish streets often carry their own ending: Gallowgate, Kingsway, Canongate, Causewayside.
_ADDRESS_ONE_WORD = _Pattern(
    r"(?<![\w/])(?:(?:Flat|Apartment|Apt|Unit)\s+[0-9A-Za-z]{1,4}(?:/[0-9A-Za-z]{1,3})?,?\s+)?"
    r"\d{1,4}[A-Za-z]?(?:/\d{1,3}[A-Za-z]?)?,?\s+"
    r"[A-Z][a-z]{1,20}(?:gate|way|wynd|brae|loan|side|haugh|vennel|neuk)(?:\s+(?:North|South|East|West))?\b"
)
_ADDRESS_CUE = _Pattern(
    r"\b(?:lives|lived|living|live|moved|moving|stays|stayed|staying|resides|resided|home|flat|house|address)"
    r"\s+(?:(?:back|now|still|just|round|down|up|over)\s+)?(?:on|in|at|to|off)\s+(?:the\s+)?"
    rf"(?P<street>(?:[A-Z][A-Za-z'’\-]{{1,25}}\s+){{1,3}}{_STREET})"
)


def _valid_date(value: str) -> bool:
    m = re.fullmatch(r"(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})", value)
    if not m:
        return True
    a, b, c = (int(g) for g in m.groups())
    day, month = (c, b) if len(m.group(1)) == 4 else (a, b)
    return 1 <= month <= 12 and 1 <= day <= 31


def _dates_of_birth(text: str, out: list, lo: int, hi: int) -> None:
    for m in _DOB.finditer(text, lo, hi):
        name = "date" if m.group("date") else "year" if m.group("year") else "day"
        if _valid_date(m.group(name)):
            out.append((m.start(name), m.end(name), "DATE_OF_BIRTH", "A date given as someone's date of birth."))


def _commercial(text: str, start: int, ref: str, window: int) -> bool:
    """True for an invoice, order or course number: "the training invoice (INV-2024-00317)", "PO-77812"."""
    if _COMMERCIAL_PREFIX.match(ref):
        return True
    before = text[max(0, start - window) : start]
    cue = _COMMERCIAL_CUE.search(before)
    # A case cue nearer the number than the commercial word still makes it a case reference.
    return cue is not None and not _CASE_WORD.search(before, cue.end())


def _case_refs(text: str, out: list, lo: int, hi: int) -> None:
    for pattern in (_CASE_CUE, _ID_CUE):
        for m in pattern.finditer(text, lo, hi):
            ref = m.group("ref").rstrip("/-")
            if re.fullmatch(r"(?:19|20)\d\d", ref):
                continue  # "case in 2019" is a year, not a reference
            if ref.isdigit() and m.group()[:1].lower() in "hflr" and _FILED_AS.match(m.group()):
                continue  # "held under 300 people": after a filing verb only a shaped reference counts
            if not _CASE_WORD.match(m.group()) and _commercial(text, m.start(), ref, 16):
                continue  # "order ref 55123", "booking reference BK-2231"
            out.append((m.start("ref"), m.start("ref") + len(ref), "CASE_REF", "A case or client reference number."))
    for m in _CASE_SHAPE.finditer(text, lo, hi):
        if _commercial(text, m.start(), m.group(), 40):
            continue
        out.append((m.start(), m.end(), "CASE_REF", "Looks like a case reference (letters/year/number)."))


def _numbered_addresses(text: str, out: list, lo: int, hi: int) -> None:
    for m in _ADDRESS.finditer(text, lo, hi):
        out.append((m.start(), m.end(), "ADDRESS", "A street address (house number and street)."))
    for m in _ADDRESS_ONE_WORD.finditer(text, lo, hi):
        out.append((m.start(), m.end(), "ADDRESS", "A street address (house number and street)."))


def _addresses_by_cue(text: str, out: list) -> None:
    for m in _ADDRESS_CUE.finditer(text):
        if _SERVICE_APPOSITIVE.match(text, m.end("street")):
            continue  # "lives at Kirkton Gardens, a supported-living project": a service, not a street
        out.append((m.start("street"), m.end("street"), "ADDRESS", "A street where someone lives."))
