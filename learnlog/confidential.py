"""Finds private information in reflective writing before it becomes public badge evidence.

`scan(text)` returns non-overlapping `Finding`s sorted by position; `redact(text, findings)` replaces
them with placeholders or consistent pseudonyms. Everything here is pure: no database, no user files,
no network.

How each kind is found, surest first:
- identifiers with a check digit or a fixed shape (NHS and CHI numbers, NI numbers, postcodes, e-mail
  addresses, phone numbers validated by `phonenumbers`) are trusted on their own;
- dates of birth, case references and street addresses need a cue next to them ("DOB", "case ref", a
  house number before a street word);
- people, local services and health conditions come from the word lists in `learnlog/data/` plus
  context: a title ("Mrs Dunsmore", "Mr K"), a known first name, or a capitalised word in a person cue
  ("Tadeusz told me", "Rotimi Adeyemi, a support worker", "Amira has … She …"), minus the places where
  writers name public figures (citations, "as Carr argues", "Bruce Perry developed the … Model", "read
  Julia Samuel's Grief Works", a quotation's attribution) and the public bodies, places and frameworks
  that are safe to publish. A service is a name before a word for one ("Rowan House") or one the text
  describes as a service ("Kirkton Gardens, a supported-living project"; "staff at Harbour View").
  A health condition counts only when the text ties it to a person ("Kyle's epilepsy", "She has …").

Every regular expression either starts with a lookbehind that admits only the start of a run or has
bounded repeats, and the word-based detectors look a fixed number of words around each word, so a scan
is linear in the length of the text, even on hostile input. Patterns compile and word lists load on first
use, so importing this module stays cheap.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from learnlog.records import Finding  # one Finding type for the scanner, the store and the CLI

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

_MAX_TOKEN = 40  # longer letter runs are not words anyone would be named

Candidate = tuple[int, int, str, str]  # start, end, label, reason


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


class _Pattern:
    """A regular expression compiled on first use, so that importing the module stays cheap."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._args = (pattern, flags)

    def __getattr__(self, name: str):
        # Only called for attributes not yet set: compile once, then keep each bound method found.
        compiled = self.__dict__.get("_compiled") or re.compile(*self._args)
        self._compiled = compiled
        value = getattr(compiled, name)
        setattr(self, name, value)
        return value


class _Spans:
    """Sorted spans answering "does [start, end) overlap any of them?" in logarithmic time."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted((s, e) for s, e in spans if s < e)
        self.spans = ordered
        self.starts = [s for s, _ in ordered]
        self.max_end: list[int] = []
        running = -1
        for _, e in ordered:
            running = max(running, e)
            self.max_end.append(running)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self.starts, end) - 1
        return i >= 0 and self.max_end[i] > start

    def covering(self, start: int, end: int) -> bool:
        """True when one span contains all of [start, end)."""
        i = bisect_right(self.starts, start) - 1
        while i >= 0 and self.max_end[i] >= end:
            if self.spans[i][1] >= end:
                return True
            i -= 1
        return False

    def last_start_before(self, pos: int) -> int:
        i = bisect_left(self.starts, pos) - 1
        return self.starts[i] if i >= 0 else -1


# ---------------------------------------------------------------------------------------------------------
# Word lists, loaded once on first use


@dataclass(frozen=True)
class _Lexicon:
    first_names: frozenset[str]
    words: frozenset[str]
    places: frozenset[str]
    stop_caps: frozenset[str]
    cited_surnames: frozenset[str]
    # first names that are no everyday word, place or calendar word: "kayleigh" written in lower case
    lower_names: frozenset[str]
    # first one or two words (casefolded) -> [(words of the phrase, kind)], longest first
    phrases: dict[tuple[str, ...], list[tuple[tuple[str, ...], str]]]
    # first word -> [(words, match exactly as written)], longest first
    conditions: dict[str, list[tuple[tuple[str, ...], bool]]]


def _read_list(name: str) -> list[str]:
    from importlib import resources

    raw = resources.files("learnlog").joinpath("data", name).read_text(encoding="utf-8")
    return [line.strip() for line in raw.splitlines() if line.strip() and not line.startswith("#")]


def _phrase_words(phrase: str) -> tuple[str, ...]:
    return tuple(t.word for t in _tokens(phrase.replace("’", "'")))


_LISTS = (
    "places.txt",
    "public_bodies.txt",
    "cited_people.txt",
    "health_conditions.txt",
    "first_names.txt",
    "common_words.txt",
    "stop_caps.txt",
)


@cache
def _lexicon() -> _Lexicon:
    """The word lists, built once and then loaded from learnlog's cache (building takes ~90 ms per process)."""
    from importlib import resources

    from learnlog.cache import cached

    folder = Path(str(resources.files("learnlog").joinpath("data")))
    return cached("lexicon", [folder / n for n in _LISTS], _build_lexicon, lambda d: isinstance(d, _Lexicon))


def _build_lexicon() -> _Lexicon:
    phrases: dict[tuple[str, ...], list[tuple[tuple[str, ...], str]]] = {}

    def add_phrase(phrase: str, kind: str) -> None:
        words = tuple(w.casefold() for w in _phrase_words(phrase))
        if words:
            phrases.setdefault(words[:2], []).append((words, kind))

    places = _read_list("places.txt")
    for p in places:
        if " " in p or "-" in p:
            add_phrase(p, "place")
    for p in _read_list("public_bodies.txt"):
        add_phrase(p, "public")
    cited = _read_list("cited_people.txt")
    for p in cited:
        if " " in p:
            add_phrase(p, "cited")
    for entries in phrases.values():
        entries.sort(key=lambda e: -len(e[0]))

    conditions: dict[str, list[tuple[tuple[str, ...], bool]]] = {}
    for term in _read_list("health_conditions.txt"):
        exact = term != term.lower()
        words = _phrase_words(term)
        if words:
            key = words[0] if exact else words[0].casefold()
            conditions.setdefault(key, []).append((words if exact else tuple(w.casefold() for w in words), exact))
    for entries in conditions.values():
        entries.sort(key=lambda e: -len(e[0]))

    first_names = frozenset(n.casefold() for n in _read_list("first_names.txt"))
    words = frozenset(_read_list("common_words.txt"))
    single_places = frozenset(p.casefold() for p in places if " " not in p)
    stop_caps = frozenset(w.casefold() for w in _read_list("stop_caps.txt"))
    return _Lexicon(
        first_names=first_names,
        words=words,
        places=single_places,
        stop_caps=stop_caps,
        lower_names=frozenset(
            n
            for n in first_names
            if len(n) >= 4
            and n not in words
            and n not in single_places
            and n not in stop_caps
            and n not in _PERSONAL_NOUNS
        ),
        cited_surnames=frozenset(p.casefold() for p in cited if " " not in p),
        phrases=phrases,
        conditions=conditions,
    )


# ---------------------------------------------------------------------------------------------------------
# Tokens

# Letters and digits with inner apostrophes or hyphens: O'Neill, Mary-Jane, Kyle's, self-harm.
_TOKEN = _Pattern(r"[^\W_]+(?:['’\-][^\W_]+)*")


class _Tok:
    __slots__ = ("start", "end", "fend", "word", "low", "poss", "cap")

    def __init__(self, start: int, end: int, fend: int, word: str, poss: bool) -> None:
        self.start = start
        self.end = end  # without a possessive 's
        self.fend = fend  # with it
        self.word = word
        low = word.casefold()
        self.low = low.replace("’", "'") if "’" in low else low
        self.poss = poss
        # Capitalised like a name: Kyle, McLeod, O'Neill; not SSSC, not kyle
        self.cap = word[0].isupper() and not word.isupper()


def _tokens(text: str) -> list[_Tok]:
    toks: list[_Tok] = []
    append = toks.append
    size = len(text)
    for m in _TOKEN.finditer(text):
        start, end = m.span()
        if end - start > _MAX_TOKEN:
            continue
        word = m.group()
        if word[-1] in "sS":
            if end - start > 2 and word[-2] in "'’":
                append(_Tok(start, end - 2, end, word[:-2], True))  # Kyle's
                continue
            if end < size and text[end] in "'’" and not text[end + 1 : end + 2].isalnum():
                append(_Tok(start, end, end, word, True))  # James' bag
                continue
        append(_Tok(start, end, end, word, False))
    return toks


def _gap(text: str, toks: list[_Tok], i: int) -> str:
    """The text between token i-1 and token i (a possessive 's belongs to the token before)."""
    return text[toks[i - 1].fend : toks[i].start] if i > 0 else text[max(0, toks[0].start - 20) : toks[0].start]


_BOUNDARY = _Pattern(r"[.!?\n;:•]")
_SENTENCE_BEFORE = _Pattern(r"(?:^|[.!?:;…•*>\-–—\n]|\d[.)])[\s\"'“‘(\[]*$")


def _sentence_start(text: str, start: int) -> bool:
    return _SENTENCE_BEFORE.search(text, max(0, start - 12), start) is not None


def _adjacent(gap: str) -> bool:
    return 0 < len(gap) <= 2 and gap.isspace() and "\n" not in gap


# ---------------------------------------------------------------------------------------------------------
# Identifiers with a check digit or a fixed shape

# NHS numbers and CHI numbers share the mod-11 check: weights 10..2 on the first nine digits,
# check = 11 - (sum mod 11); 11 means 0 and 10 means the number cannot be valid.
_TEN_DIGITS = _Pattern(
    r"(?<![\w+])(?<!\d[ -])(?<!\))(?<!\) )"
    r"(?:(\d{3})([ -]?)(\d{3})\2(\d{4})|(\d{6})[ -](\d{4}))(?![ -]?\d)(?!\w)"
)
_NI = _Pattern(r"(?<![A-Za-z0-9])([A-Z])([A-Z]) ?(\d\d) ?(\d\d) ?(\d\d) ?([A-D])(?![A-Za-z0-9])")
_NI_BAD_PAIRS = frozenset({"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})
_POSTCODE = _Pattern(r"(?<![A-Za-z0-9])([A-Z]{1,2})(\d)([A-Z\d]?) ?(\d)([ABD-HJLNP-UW-Z]{2})(?![A-Za-z0-9])")
_POSTCODE_AREAS = _words(
    "AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY E EC EH EN "
    "EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE LL LN LS LU M ME MK "
    "ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA "
    "TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE"
)
_EMAIL = _Pattern(r"(?<![\w.%+\-])[\w.%+\-]{1,64}@[A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63}){1,6}")
# UK writers give a trunk 0 or an international prefix; a bare "7188234455" is an invoice or batch number.
_PHONE = _Pattern(r"(?<![\w+(])(?:\+|00|\(0|0)[\d ()\-.]{7,20}\d(?!\w)(?!\.\d)")
_PHONE_CUE = _Pattern(
    r"\b(?:tel|telephone|phone|phoned|mobile|mob|landline|call|called|ring|rang|text|texted|whatsapp|"
    r"contact\s+(?:number|no))\b[.:]?[^.!?\n]{0,16}$",
    re.I,
)
_CHI_CUE = _Pattern(r"\bCHI\b", re.I)
_NOT_HEALTH_NUMBER = _Pattern(
    r"\b(?:invoice|batch|order|account|acct|serial|lot|tracking|policy|receipt|transaction|barcode|isbn|"
    r"sort\s+code|payroll|employee|staff|purchase|po|cheque|voucher|ticket|booking|parcel|consignment|"
    r"product|part|model|licen[cs]e|registration|reg|vat|company|charity|utr|meter|iban|card)\b"
    r"(?:\s+(?:no|number|num|ref|reference|id|code))?\.?[\s:#]*$",
    re.I,
)
_NHS_CUE = _Pattern(r"\bNHS\b", re.I)


def _mod11_ok(digits: str) -> bool:
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def _valid_ddmmyy(digits: str) -> bool:
    day, month, year = int(digits[0:2]), int(digits[2:4]), int(digits[4:6])
    if not 1 <= month <= 12 or day < 1:
        return False
    days = (31, 29 if year % 4 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
    return day <= days[month - 1]


def _health_numbers(text: str, out: list, lo: int, hi: int) -> None:
    for m in _TEN_DIGITS.finditer(text, lo, hi):
        digits = "".join(g for g in m.groups() if g and g.strip(" -"))
        if len(digits) != 10 or not _mod11_ok(digits):
            continue
        before = text[max(0, m.start() - 80) : m.start()]
        chi_at = max((c.end() for c in _CHI_CUE.finditer(before)), default=-1)
        nhs_at = max((c.end() for c in _NHS_CUE.finditer(before)), default=-1)
        if chi_at < 0 and nhs_at < 0 and _NOT_HEALTH_NUMBER.search(before[-30:]):
            continue  # "invoice 4010232137": one number in eleven passes the check by chance
        if _PHONE_CUE.search(before[-40:]) and chi_at < 0 and nhs_at < 0:
            continue  # a phone number that happens to pass the check; the phone detector decides
        says_chi, says_nhs = chi_at > nhs_at, nhs_at > chi_at  # the nearer cue decides
        if says_chi or (not says_nhs and _valid_ddmmyy(digits)):
            out.append(
                (
                    m.start(),
                    m.end(),
                    "CHI_NUMBER",
                    "A CHI number: a date of birth and a valid mod-11 check digit.",
                )
            )
        else:
            out.append((m.start(), m.end(), "NHS_NUMBER", "An NHS number with a valid mod-11 check digit."))


def _ni_numbers(text: str, out: list, lo: int, hi: int) -> None:
    for m in _NI.finditer(text, lo, hi):
        first, second = m.group(1), m.group(2)
        if first in "DFIQUV" or second in "DFIOQUV" or first + second in _NI_BAD_PAIRS:
            continue
        out.append((m.start(), m.end(), "NI_NUMBER", "A National Insurance number with a valid prefix and suffix."))


def _postcodes(text: str, out: list, lo: int, hi: int) -> None:
    for m in _POSTCODE.finditer(text, lo, hi):
        area, extra = m.group(1), m.group(3)
        if area not in _POSTCODE_AREAS:
            continue
        if extra.isalpha():
            # A9A and AA9A outward codes (central London) take only some letters in the last place.
            allowed = "ABCDEFGHJKPSTUW" if len(area) == 1 else "ABEHMNPRVWXY"
            if extra not in allowed:
                continue
        out.append((m.start(), m.end(), "POSTCODE", "A UK postcode."))


def _emails(text: str, out: list) -> None:
    for m in _EMAIL.finditer(text):
        value = m.group()
        local, _, domain = value.partition("@")
        tld = domain.rsplit(".", 1)[-1]
        if local.strip(".") and tld.isalpha() and len(tld) >= 2:
            out.append((m.start(), m.end(), "EMAIL", "An e-mail address."))


@lru_cache(maxsize=4096)
def _phone_verdict(candidate: str) -> int:
    """2 if `phonenumbers` says valid, 1 if only possible, 0 otherwise (cached: hostile text repeats)."""
    import phonenumbers

    try:
        number = phonenumbers.parse(candidate, "GB")
    except phonenumbers.NumberParseException:
        return 0
    if number.country_code == 44 and str(number.national_number)[:1] in "3589":
        return 0  # 03, 05, 08 and 09 numbers belong to organisations: helplines, switchboards
    if phonenumbers.is_valid_number(number):
        return 2
    return 1 if phonenumbers.is_possible_number(number) else 0


def _phones(text: str, out: list, lo: int, hi: int) -> None:
    for m in _PHONE.finditer(text, lo, hi):
        candidate = m.group().rstrip(" -.(")
        digits = sum(c.isdigit() for c in candidate)
        if not 9 <= digits <= 15 or candidate.count("(") != candidate.count(")"):
            continue
        if re.fullmatch(r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}.*", candidate):
            continue  # a date, perhaps followed by a time
        verdict = _phone_verdict(candidate)
        cue = _PHONE_CUE.search(text, max(0, m.start() - 40), m.start()) is not None
        # "Possible" numbers (the right length, in no allocated range, such as the drama numbers Ofcom
        # keeps for fiction) count with a cue, or at the 11 digits of a UK national number; an NHS or CHI
        # number with a bad check digit has 10 and stays unflagged.
        national = candidate.startswith("0") and not candidate.startswith("00") and digits == 11
        if verdict == 2 or (verdict == 1 and (cue or national)):
            out.append((m.start(), m.start() + len(candidate), "PHONE", "A telephone number."))


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
    r"|reference|ref(?![a-z])\.?|carefirst|mosaic|swift|eclipse)"
    r"\s{0,3}(?:[:#=\-–]|is|was)?\s{0,3}"
    r"(?P<ref>(?=[A-Za-z0-9/\-]{0,24}\d)[A-Z0-9][A-Za-z0-9/\-]{2,24})(?![\w/\-])",
    re.I,
)
_ID_CUE = _Pattern(r"\bID\s?(?:no|number)?\.?\s{0,3}[:#]?\s{0,3}(?P<ref>\d[\d/\-]{3,15})(?![\w/\-])")
_CASE_SHAPE = _Pattern(
    r"(?<![\w/\-])(?:[A-Z]{2,5}/\d{2,4}/\d{2,7}|[A-Z]{2,5}-\d{4}-\d{3,7}"
    r"|[A-Z]{2,4}-(?!(?:19|20)\d\d\b)\d{3,7})(?![\w/\-])"
)

# Training, purchasing and booking numbers share the shape of case references but identify nobody.
_COMMERCIAL_CUE = _Pattern(
    r"\b(?:invoices?|inv|orders?|purchase|po|course|courses|module|booking|receipt|ticket|voucher|product|"
    r"item|quote|quotation|sku|batch|certificate|certification|qualification|svq|sqa|scqf|catalogue|"
    r"delivery|shipment|supplier|licen[cs]e)\b(?=[^.!?\n]{0,25}$)",
    re.I,
)
_COMMERCIAL_PREFIX = _Pattern(r"(?:INV|PO|ORD|SKU|QUO|QT|SO|PUR|CRS|DEL)[\-/]", re.I)
_CASE_WORD = _Pattern(
    r"\b(?:case|client|service\s+user|file|referral|record|person|patient|hospital|social\s+work|carefirst|"
    r"care\s+first|swift|mosaic|eclipse|paris|liquidlogic|crn|tenancy|claim|incident|register|child\s+protection)\b",
    re.I,
)

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


_NUMBER_DETECTORS = (
    _health_numbers,
    _ni_numbers,
    _phones,
    _postcodes,
    _dates_of_birth,
    _case_refs,
    _numbered_addresses,
)
_DIGITS = _Pattern(r"\d+")
# Windows reach further than any number-bearing match: a cue such as "date of birth recorded as" before
# the first digit, a street name after the last.
_BEFORE_DIGITS, _AFTER_DIGITS = 80, 130


def _digit_windows(text: str) -> list[tuple[int, int]]:
    """Merged stretches of text around digits, ending where a word ends."""
    size = len(text)
    windows: list[list[int]] = []
    for m in _DIGITS.finditer(text):
        lo, hi = max(0, m.start() - _BEFORE_DIGITS), min(size, m.end() + _AFTER_DIGITS)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
            continue
        if windows:
            _end_at_word_break(text, windows[-1])
        windows.append([lo, hi])
    if windows:
        _end_at_word_break(text, windows[-1])
    return [(lo, hi) for lo, hi in windows]


def _end_at_word_break(text: str, window: list[int]) -> None:
    """Move a window's end past the rest of a word, so lookaheads at the edge see a real boundary."""
    hi = window[1]
    limit = min(len(text), hi + 40)
    while hi < limit and text[hi].isalnum():
        hi += 1
    window[1] = hi


def _addresses_by_cue(text: str, out: list) -> None:
    for m in _ADDRESS_CUE.finditer(text):
        if _SERVICE_APPOSITIVE.match(text, m.end("street")):
            continue  # "lives at Kirkton Gardens, a supported-living project": a service, not a street
        out.append((m.start("street"), m.end("street"), "ADDRESS", "A street where someone lives."))


# ---------------------------------------------------------------------------------------------------------
# Word sets used by the people, services and health detectors

_TITLES = {
    "mr": "m",
    "mrs": "f",
    "ms": "f",
    "miss": "f",
    "mx": "",
    "dr": "",
    "mister": "m",
    # People in their working lives: "Sister Brown on Ward 7", "PC Reid", "Father Kelly"
    "sister": "f",
    "nurse": "",
    "father": "m",
    "sgt": "",
    "sergeant": "",
    "pc": "",
    "rev": "",
    "reverend": "",
}
_KIN_TITLES = _words("auntie aunty aunt uncle granny gran grandma grandad granda grandpa nana nanna papa nan wee")
_HONORIFICS = _words(
    "queen king prince princess st saint fort port lord lady sir dame mount loch glen ben castle bridge new "
    "north south east west royal upper lower great little holy pope president general professor prof "
    "captain archbishop bishop cardinal baroness baron earl duke duchess prophet pope imam"
)
_DETERMINERS = _words("the a an this these those every each any another such")
# Names that are also dictionary words but are nearly always names when capitalised.
_NAMES_NOT_WORDS = _words(
    "john peter harry mike matt nick tom tony terry victor roger sally josh max miles dean drew lee jay "
    "martin billy bobby jimmy derrick barney hector basil jasper colleen jean ken tam jock meg patsy rick "
    "randy troy noel clement dirk mickey sonny eddy gus mark sandy paddy"
)
_ORG_SUFFIX_WORDS = _words(
    "house lodge manor grange hospice nursery court cottage centre center home unit school academy college "
    "university hospital inquiry report review commission act bill trust foundation institute society "
    "association partnership council board agency fund award prize lecture church parish chapel theatre "
    "museum library gallery bank group ltd limited plc services service project hub charity network alliance "
    "forum federation union club team ward clinic surgery practice street road avenue drive crescent place "
    "terrace gardens lane way close park square wynd brae row grove view walk green hall building estate "
    "prison court tribunal police government parliament ministry department office framework standards "
    "strategy programme guidance model theory scale test syndrome disease award scotland uk"
)
# A service name is a distinctive word or two before a word for the kind of place. With the strong
# words ("Rowan House", "Oakwood Care Home") any capitalised name will do; the weak ones ("Club", "Hub",
# "Unit") also name ordinary things ("Book Club"), so they need a word that is not an everyday word.
_ORG_SINGLE_SUFFIX = _words("house lodge manor grange hospice nursery court cottage hostel")
_ORG_WEAK_SUFFIX = _words("club hub unit project centre center school service services shed cafe café")
_ORG_MULTI_SUFFIX = (
    ("care", "home"),
    ("nursing", "home"),
    ("residential", "home"),
    ("residential", "unit"),
    ("children", "unit"),
    ("children", "home"),
    ("children", "house"),
    ("children", "centre"),
    ("young", "people", "unit"),
    ("day", "care", "centre"),
    ("day", "centre"),
    ("day", "center"),
    ("day", "service"),
    ("day", "services"),
    ("day", "hospital"),
    ("resource", "centre"),
    ("respite", "centre"),
    ("respite", "unit"),
    ("family", "centre"),
    ("care", "centre"),
    ("primary", "school"),
    ("primary",),
    ("high", "school"),
    ("academy",),
    ("supported", "living"),
    ("care", "village"),
    ("sheltered", "housing"),
    ("residential", "school"),
    ("special", "school"),
    ("additional", "support", "needs", "school"),
    ("young", "persons", "unit"),
    ("young", "people", "unit"),
    ("young", "people", "centre"),
    ("recovery", "hub"),
    ("recovery", "café"),
    ("recovery", "cafe"),
    ("lunch", "club"),
    ("drop-in",),
    ("drop", "in"),
    ("housing", "project"),
    ("women", "refuge"),
    ("refuge",),
    ("assessment", "centre"),
    ("secure", "unit"),
    ("care", "and", "resource", "centre"),
)
_ORG_MULTI_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _suffix in sorted(_ORG_MULTI_SUFFIX, key=len, reverse=True):
    _ORG_MULTI_BY_FIRST.setdefault(_suffix[0], []).append(_suffix)
_ORG_GENERIC_NAME = _words(
    "local residential nursing private care day young persons person people children family community "
    "supported recovery lunch specialist secure new old open full special youth women men adult adults "
    "older elderly mental health learning disability housing respite resource assessment additional "
    "support needs primary high social work drop"
)
_PUBLIC_COURTS = _words("sheriff high crown supreme county magistrates justice district appeal session")
_ORG_NOT_NAME = _words(
    "the a an our my your their his her this that council nhs scottish national public each every any "
    "another at in on to from"
)
_PUBLIC_HOUSES = frozenset({"white house", "parliament house", "bute house", "somerset house", "opera house"})

_CUE_VERBS = _words(
    "supported support supporting helped help helping encouraged encourage encouraging visited visit "
    "visiting met meet meeting told tell telling asked ask asking called phoned rang texted emailed reminded "
    "remind reassured reassure accompanied accompany collected drove took assisted assist comforted thanked "
    "introduced prompted prompt showed taught advised informed contacted saw seeing observed shadowed "
    "mentored coached supervised praised greeted hugged bathed dressed fed washed hoisted settled calmed "
    "welcomed invited persuaded allowed enabled empowered involved interviewed assessed referred discharged "
    "admitted named called nicknamed thank congratulated congratulate"
)
_CUE_VERB_PAIRS = frozenset(
    {
        ("spoke", "to"),
        ("spoke", "with"),
        ("speak", "to"),
        ("speak", "with"),
        ("talked", "to"),
        ("talked", "with"),
        ("talk", "to"),
        ("chatted", "to"),
        ("chatted", "with"),
        ("listened", "to"),
        ("worked", "with"),
        ("working", "with"),
        ("work", "with"),
        ("sat", "with"),
        ("walked", "with"),
        ("went", "with"),
        ("cared", "for"),
        ("caring", "for"),
        ("care", "for"),
        ("looked", "after"),
        ("looking", "after"),
        ("look", "after"),
        ("checked", "on"),
        ("worried", "about"),
        ("concerns", "about"),
        ("concerned", "about"),
        ("known", "as"),
        ("support", "for"),
        ("visit", "to"),
        ("visits", "to"),
        ("sessions", "with"),
        ("session", "with"),
        ("meeting", "with"),
        ("meetings", "with"),
        ("conversation", "with"),
        ("time", "with"),
        ("keyworker", "for"),
        ("working", "alongside"),
        ("worked", "alongside"),
        ("work", "alongside"),
        ("works", "alongside"),
    }
)
_ROLE_NOUNS = _words(
    "son daughter mum mam mother dad father wife husband partner brother sister gran granny grandmother "
    "grandfather grandson granddaughter grandad grandpa niece nephew aunt auntie uncle cousin friend "
    "neighbour colleague manager leader supervisor client keyworker worker carer nurse resident tenant "
    "child boy girl baby pupil student learner mentee therapist ot gp psychiatrist psychologist advocate "
    "befriender volunteer peer deputy senior assistant twin stepson stepdaughter stepmum stepdad "
    "fiancé fiance fiancée fiancee boyfriend girlfriend lodger flatmate housemate person user"
)
_PERSONAL_NOUNS = _words(
    "mum mam mother dad father parents parent family son daughter wife husband partner brother sister "
    "siblings sibling gran granny grandmother grandfather grandparents carer carers aunt auntie uncle cousin "
    "friend friends neighbour neighbours keyworker worker plan room bedroom flat house home school class "
    "teacher behaviour behaviours needs wishes views voice medication meds health condition diagnosis "
    "birthday funeral death life story dog cat wheelchair mood feelings confidence progress placement "
    "hospital gp assessment appointment benefits money finances tenancy mobility safety wellbeing goals "
    "goal outcomes choices choice routine care support key social support life-story history partner's "
    "words face eyes hand hands smile trust own cv job college course exam benefit notes records bed "
    "chair hair clothes breakfast lunch dinner meal meals tablets insulin inhaler pain weight sleep diet "
    "fall falls discharge admission move transition journey experience experiences fears worries anger "
    "distress request choice decision consent rights capacity guardian guardianship attorney solicitor "
    "landlord rent debt bills payments budget pension allowance anniversary wedding grave memories "
    "memory photos photographs music faith culture language pet garden car bike phone tablet laptop "
    "review referral case file letter letters"
)
# Each alternative takes its own leading space: a shared "\s*" before them would backtrack quadratically
# over a long run of spaces.
# Roles that follow a name as an apposition: "Rotimi Adeyemi, a support worker on our team", "Lynne (peer
# volunteer)". The words between may not be prepositions, so "Birchwood, a hostel for young men" is no person.
_APPOSITION_ROLES = _ROLE_NOUNS | _words(
    "practitioner officer coordinator co-ordinator teacher mentor chef cook cleaner driver receptionist "
    "administrator apprentice trainee member pensioner veteran widow widower man woman lad lass gentleman "
    "lady grandmother mother father parent mum dad toddler teenager youngster occupant guest visitor "
    "secretary caretaker janitor handyman housekeeper organiser organizer facilitator chaplain"
)
_ROLE_ALTERNATIVES = "|".join(sorted((re.escape(w) for w in _APPOSITION_ROLES), key=len, reverse=True))
_NOT_MODIFIER = r"(?!(?:of|in|for|who|that|which|where|on|at|with|to|from|by|and|or|is|was)\b)"
_AFTER_PERSON = _Pattern(
    r"(?:['’]s?)?(?:"
    r",\s+(?:a|an|the|our|my|his|her|their|one\s+of\s+(?:our|the|my))\s+"
    rf"(?:{_NOT_MODIFIER}[\w'’\-]+\s+){{0,3}}?(?:{_ROLE_ALTERNATIVES})s?(?![\w'’\-])"
    # "Befriend Fife, a volunteer service": the role word only describes the thing named
    r"(?!\s+(?:service|services|project|projects|group|groups|team|teams|charity|organisation|organization|"
    r"scheme|network|programme|role|post|agency|forum|hub|centre|center|home|unit|training|course|pack|"
    r"rota|policy|model|led|run|movement|magazine|app|website|scheme)\b)"
    rf"|\s*\(\s*(?:{_NOT_MODIFIER}[\w'’\-]+\s+){{0,2}}?(?:{_ROLE_ALTERNATIVES})s?\s*\)"
    r"|,?\s+who\b(?!\s+(?:is|are)\s+(?:a|an|the)\s+(?:organisation|charity|service))"
    r"|\s*\(\s*(?:aged?\s+)?\d{1,3}\s*(?:years?(?:\s+old)?|yrs?|yo)?\s*\)"
    r"|,\s*(?:aged\s+)?\d{1,3}\s*,"
    r"|,?\s+aged\s+\d{1,3}\b"
    r"|\s+and\s+I\b"
    r"|\s+(?:on|at)\s+(?:\+\d|0\d|\(0|[\w.+\-]{1,64}@)"
    r"|\s+from\s+(?:the|our|my|his|her)\s+(?:[\w'’\-]+\s+){0,2}?(?:group|team|ward|unit|service|club|"
    r"office|house|home|project|centre|council|school|church|mosque|shop|practice|surgery|flat|floor|hub)\b"
    r"|,?\s+(?:is|was|turned|who\s+is|now)\s+(?:nearly\s+|almost\s+|just\s+)?"
    r"(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|"
    r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s\-](?:years?|months?)|[\s,.;]|$)"
    r"|\s+(?:(?:was|is|had|has|became|got|seemed|looked|felt|appeared|gets)\s+"
    r"(?:very\s+|really\s+|quite\s+|so\s+|a\s+bit\s+|more\s+|less\s+)?"
    r"(?:upset|distressed|anxious|angry|happy|sad|tearful|agitated|calm|settled|unsettled|confused|"
    r"frightened|"
    r"scared|worried|pleased|delighted|proud|excited|nervous|withdrawn|quiet|unwell|tired|poorly|admitted|"
    r"discharged|diagnosed|born|married|widowed|referred|moved|lonely|isolated|bereaved|frustrated|annoyed|"
    r"happier|calmer|brighter|quieter|better|worse|keen|reluctant|determined|adamant|relieved|embarrassed|"
    r"ashamed|overwhelmed|exhausted|hurt|injured|ill|sick|asleep|awake|missing|absent|late|early)"
    r"|said|says|told|tells|asked|asks|explained|shared|cried|smiled|laughed|agreed|refused|decided|wanted|"
    r"wants|likes|liked|loves|loved|enjoys|enjoyed|felt|feels|shouted|screamed|hit|kicked|fell|lives|lived|"
    r"chose|replied|responded|complained|disclosed|struggled|struggles|passed\s+away|died|arrived|nodded|"
    r"whispered|sighed|grinned|yelled|swore|apologised|apologized|celebrated|turned\s+\d+|became|began\s+to|"
    r"started\s+to|thanked|hugged|phoned|rang|texted|would\s+(?:like|love|not)|didn['’]?t|doesn['’]?t|"
    r"wasn['’]?t|isn['’]?t|couldn['’]?t|can['’]?t|won['’]?t|himself|herself|themselves|"
    r"(?:has|had)\s+(?:been\s+)?(?:living|lived|attending|attended)|moved\s+(?:in|into|to)|"
    r"led|leads|designed|suggested|organised|organized|cooked|baked|painted|joined|attended|attends|"
    r"volunteered|volunteers|went|walked|talked|spoke|brought|needs|needed|hates|hated|prefers|preferred|"
    r"misses|missed|worries|worried|wept|panicked|returned|stayed|stays|slept|danced|sang|"
    r"came\s+(?:to|into|in|back|home|round|along|over)|"
    r"(?:is|was)\s+(?:\d{1,3}|(?:a|an)\s+(?:\d{1,3}[\s\-]year[\s\-]old|young|older|elderly|retired)))\b"
    r")"
)
_CITE_AFTER = _Pattern(
    r"(?:['’]s?)?(?:"
    r"\s*\(\s*(?:[^()\n]{0,40}?[,;]\s*)?(?:19|20)\d\d[a-z]?\b"
    r"|,?\s+(?:19|20)\d\d[a-z]?\b"
    r"|\s+et\.?\s+al\b"
    r"|,\s+[A-Z]\.(?:\s?[A-Z]\.)*"
    r"|\s+(?:and|&)\s+[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)?\s*,?\s*\(?(?:19|20)\d\d"
    r"|,?\s+(?:the\s+)?(?:co-?author|author|founder|professor|minister|commissioner|researcher|writer|poet|"
    r"MSP|MP|OBE|MBE|CBE|FRSE|PhD)\b"
    r"|\s+(?:argues|argued|contends|contended|posits|posited|asserts|asserted|theorises|theorised|"
    r"theorizes|defines|defined)\b"
    r")"
)
# After "as" a name is cited only when a writer's verb follows: "as Carr argues", not "had her down as Annie".
_AS_CITED = _Pattern(
    r"(?:['’]s?)?\s+(?:\(\s*(?:19|20)\d\d[a-z]?\s*\)\s+)?(?:argues|argued|notes|noted|suggests|suggested|"
    r"writes|wrote|states|stated|puts\s+it|put\s+it|points\s+out|pointed\s+out|observes|observed|describes|"
    r"described|explains|explained|highlights|highlighted|reminds\s+us|contends|claims|claimed|"
    r"emphasises|emphasised|emphasizes|recognises|recognised|found|concludes|concluded|proposes|proposed|"
    r"defines|defined|identifies|identified|shows|showed|said|says)\b"
)
_THEORY_NOUNS = _Pattern(
    r"['’]s?\s+(?:[\w\-]+\s+){0,2}?(?:model|theory|theories|cycle|framework|hierarchy|stages|ladder|"
    r"triangle|typology|concept|definition|principles|research|book|paper|article|study|commission|"
    r"inquiry|report|"
    r"pyramid|matrix|iceberg|taxonomy|paradigm|quadrant|curve|wheel|grid|method|notion|idea|ideas|work\s+on|"
    r"seminal|classic|books|essay|essays|memoir|poem|poems|podcast|lecture|chapter|critique|"
    r"writings?\s+(?:on|about|around)|(?:TED|Ted|ted)\s+talk|talk\s+(?:on|about)|"
    r"work(?=\s+(?:about|around|into|shows|showed|challenges|challenged|reminds|influenced|inspired|suggests|"
    r"highlights)\b)|"
    r"questions?\s+(?:about|of|on)(?!\s+(?:his|her|their|my|your|our)\b|\s+(?:whether|when|where|if|how|why)\s+"
    r"(?:or\s+not\s+)?(?:he|she|they|his|her|their|I|we)\b)"
    r")\b"
)
_PUBLICATION_NOUNS = _words(
    "book books report reports article articles paper papers guide toolkit video videos talk talks podcast "
    "blog study studies chapter model theory framework publication poem quote quotation speech lecture "
    "webinar keynote film documentary research review work works text essay thesis handbook textbook series "
    "novel song animation resource resources booklet leaflet cartoon comic website"
)
_WROTE_BY = _words(
    "written authored co-authored edited published coined devised proposed narrated illustrated compiled "
    "produced directed presented voiced"
)
_PUBLIC_ROLES = _words(
    "founder author co-author coauthor professor minister secretary commissioner researcher academic "
    "theorist sociologist philosopher economist writer poet novelist journalist broadcaster director "
    "executive chair chairman chairwoman president ceo msp mp lecturer"
)
_LOCATIVES = _words(
    "in at to from near around across through into outside inside within via towards toward of on onto upon "
    "over off "
    "between beyond past"
)
_SUBJECT_PRONOUNS = _words("he she they him her his their")
_POSSESSIVES = _words("her his their")
_GENERIC_SUBJECTS = _words(
    "people person those someone anyone everyone individuals individual adults children residents patients "
    "families carers many others users clients folk men women citizens population pupils learners staff "
    "workers colleagues we you i us"
)
_HEALTH_LINKS = _words(
    "has had have having with diagnosed diagnosis suffers suffering suffered lives living lived developed "
    "developing experiences experiencing experienced affected from of post-diagnosis after through "
    "recovering recovered since is was being been became become"
)
_HEALTH_GENERAL_AFTER = _words(
    "training awareness course courses module strategy strategies service services team teams nurse nurses "
    "specialist specialists ward wards unit clinic clinics charity society friendly champion champions "
    "policy policies guidance research practice practitioner practitioners workshop workshops session "
    "sessions conference support network networks care-home campaign week month day cafe café resources "
    "information materials leaflet leaflets funding app apps website toolkit group groups"
)
_NOT_HEALTH_BEFORE = _words("no without not never")
# "sessions for kidney failure", "treated for cancer": care given for a condition ties it to the person cared for
_TREATMENT_WORDS = _words(
    "treatment treatments treated treating sessions session dialysis chemotherapy chemo radiotherapy "
    "surgery operation medication medicine medicines tablets injections therapy admitted hospitalised "
    "hospitalized tested screened appointments appointment scans scan monitored"
)


# ---------------------------------------------------------------------------------------------------------
# Context shared by the word-based detectors


class _Context:
    """The text, its tokens and the spans that word-based detectors must leave alone."""

    def __init__(self, text: str, lex: _Lexicon, toks: list[_Tok]) -> None:
        self.text = text
        self.lex = lex
        self.toks = toks
        self.blocked = _Spans(())
        self.public_starts: set[int] = set()
        self.no_person = [False] * len(toks)
        self.condition_starts: dict[int, int] = {}  # start offset -> index of the token after the condition
        self.references = _Spans(_reference_zones(text))

    def prev_words(self, i: int, n: int) -> list[str]:
        """Up to n lower-cased words before token i in the same sentence, nearest first."""
        out = []
        k = i
        toks, text = self.toks, self.text
        while k > 0 and len(out) < n:
            gap = text[toks[k - 1].fend : toks[k].start]
            if len(gap) > 4 or _BOUNDARY.search(gap):
                break
            k -= 1
            out.append(toks[k].low)
        return out

    def prev_is(self, i: int, words: frozenset[str]) -> bool:
        prev = self.prev_words(i, 1)
        return bool(prev) and prev[0] in words


_REF_HEADING = _Pattern(r"(?im)^[ \t#*]*(?:references|reference list|bibliography|further reading|sources)[ \t:*]*$")
_REF_LINE = _Pattern(
    r"(?m)^[ \t]*(?:(?:[-•*]|\d{1,3}[.)])[ \t]*)?[A-Z][\w'’\-]{1,30},[ \t]+(?:[A-Z]\.[ \t]?){1,3}"
    r"[^\n]{0,400}$"
)


_BLANK_LINE = _Pattern(r"\n[ \t]*\n")
_NON_SPACE = _Pattern(r"\S")


def _reference_zones(text: str) -> list[tuple[int, int]]:
    """Reference-list lines ("Carr, S. (2004) …") and everything under a "References" heading."""
    zones = [m.span() for m in _REF_LINE.finditer(text)]
    headings = [m.span() for m in _REF_HEADING.finditer(text)]
    if headings:
        blanks = [m.start() for m in _BLANK_LINE.finditer(text)]
        for start, end in headings:
            first = _NON_SPACE.search(text, end)  # the list may start after a blank line
            x = bisect_right(blanks, first.start() if first else end)
            zones.append((start, blanks[x] if x < len(blanks) else len(text)))
    return zones


def _phrase_spans(ctx: _Context) -> list[tuple[int, int, str]]:
    """Public bodies, multi-word places and cited full names, matched on whole words."""
    toks, text, phrases = ctx.toks, ctx.text, ctx.lex.phrases
    out = []
    i, n_toks = 0, len(toks)
    while i < n_toks:
        matched = 0
        # Phrases need their capital in the text: "enable" the verb is not ENABLE Scotland.
        if toks[i].word[0].isupper():
            pair = phrases.get((toks[i].low, toks[i + 1].low), ()) if i + 1 < n_toks else ()
            for words, kind in [*pair, *phrases.get((toks[i].low,), ())]:
                n = len(words)
                if i + n > n_toks:
                    continue
                if all(
                    toks[i + k].low == words[k]
                    and len(_gap(text, toks, i + k)) <= 3
                    and "\n" not in _gap(text, toks, i + k)
                    for k in range(1, n)
                ):
                    last = toks[i + n - 1]
                    out.append((toks[i].start, last.fend, kind))
                    matched = n
                    break
        i += matched or 1
    return out


def _condition_matches(ctx: _Context) -> list[tuple[int, int]]:
    """Token ranges [i, j) naming a health condition; the longest term wins at each position."""
    toks, text, conds = ctx.toks, ctx.text, ctx.lex.conditions
    out = []
    i, n_toks = 0, len(toks)
    while i < n_toks:
        hit = 0
        for key in (toks[i].word, toks[i].low):
            for words, exact in conds.get(key, ()):
                n = len(words)
                if (exact or words[0] == toks[i].low) and (
                    i + n <= n_toks
                    and all(
                        (toks[i + k].word if exact else toks[i + k].low) == words[k]
                        and len(_gap(text, toks, i + k)) <= 2
                        and _gap(text, toks, i + k).strip(" -") == ""
                        for k in range(1, n)
                    )
                ):
                    hit = n
                    break
            if hit:
                break
        if hit:
            out.append((i, i + hit))
        i += hit or 1
    return out


# ---------------------------------------------------------------------------------------------------------
# People


def _is_first_name(lex: _Lexicon, low: str) -> bool:
    if low in lex.first_names:
        return True
    head, _, tail = low.partition("-")
    return bool(tail) and head in lex.first_names  # Kerry-Ann, Jean-Pierre


def _person_cue_before(ctx: _Context, i: int) -> bool:
    """ "supported Tadeusz", "spoke to Tadeusz", "her son Tadeusz", "my colleague, Priya"."""
    prev = ctx.prev_words(i, 2)
    if not prev:
        return False
    if prev[0] in _CUE_VERBS or prev[0] in _ROLE_NOUNS:
        return True
    return len(prev) == 2 and (prev[1], prev[0]) in _CUE_VERB_PAIRS


def _person_cue_after(ctx: _Context, i: int) -> bool:
    """ "Tadeusz told me", "Tadeusz, who …", "Tadeusz (aged 84)", "Tadeusz's mum"."""
    tok = ctx.toks[i]
    if _AFTER_PERSON.match(ctx.text, tok.end):
        return True
    if tok.poss:
        for k in range(i + 1, min(i + 3, len(ctx.toks))):
            t = ctx.toks[k]
            if t.low in _PERSONAL_NOUNS or ctx.no_person[k]:  # "Jack's mum", "Jack's autism"
                return True
            if t.low not in _ADJECTIVE_HINTS:
                break
    return False


_ADJECTIVE_HINTS = _words(
    "new old own elderly older younger little late wee eldest youngest twin step adult support care key "
    "social daily weekly current previous first second"
)
_OWNER_WORDS = _words("my his her their our your whose")
_ROLE_MODIFIERS = _words(
    "social support key care line team new old eldest youngest younger older elder late little wee twin "
    "step adult foster birth named"
)
_CLOSING_QUOTES = ("'", "’", "”", '"', ")", "*", "_")
_THINKING = _words("ideas writing writings insights thinking teachings words legacy philosophy")
_PARTICLES = _words("van von de da del der di le la bin al el ibn ap")
_OF_BODY = _Pattern(r"(?:,\s+(?:[\w\-]+\s+){1,4}?|\s+)(?:of|at)\s+(?:the\s+)?")
_LIST_JOIN = _Pattern(r"\s*(?:,|and|&|,\s*and)\s*")
_DASH_BEFORE = _Pattern(r"[ \t]*[-–—~][ \t]*")
# "Gloria McLoughlin - Scottish Care": a full name, a dash, then only an organisation's name on the line
_DASH_AFTER = _Pattern(
    r"[ \t]*[-–—][ \t]+(?=[A-Z])(?:[A-Z][\w'’&\-]*|of|and|for|the)"
    r"(?:[ \t]+(?:[A-Z][\w'’&\-]*|of|and|for|the)){0,6}[ \t]*$",
    re.M,
)


def _role_apposition(ctx: _Context, i: int) -> bool:
    """True for "her mum, Comfort", "Kyle's sister Ewa": a role someone owns, then the name."""
    prev = ctx.prev_words(i, 4)
    if not prev or prev[0] not in _ROLE_NOUNS:
        return False
    k = 1
    while k < len(prev) and prev[k] in _ROLE_MODIFIERS:
        k += 1
    if k < len(prev) and prev[k] in _OWNER_WORDS:
        return True
    owner = i - 1 - k
    return owner >= 0 and ctx.toks[owner].poss


def _cited(ctx: _Context, i: int, j: int) -> bool:
    """True when the name at tokens [i, j) is a cited author or a public figure, not a private person."""
    text, toks = ctx.text, ctx.toks
    start, end = toks[i].start, toks[j - 1].end
    if ctx.references.overlaps(start, end):
        return True
    if _CITE_AFTER.match(text, end):
        return True
    last = toks[j - 1]
    if last.poss and (j - i >= 2 or not _is_first_name(ctx.lex, last.low)) and _THEORY_NOUNS.match(text, last.end):
        return True  # "Maslow's hierarchy", "Kitwood's model", "Brigid Daniel's work on resilience"
    titled = i > 0 and toks[i - 1].low in _TITLES
    if j - i == 1 and toks[i].low in ctx.lex.cited_surnames and not titled:
        return True  # "Kolb", but not "Mr Ferguson"
    prev = ctx.prev_words(i, 10)
    # Authors go by full name or surname; "a plan written by Priya" is a colleague.
    author_like = j - i >= 2 or not _is_first_name(ctx.lex, toks[i].low)
    if prev:
        if prev[0] in ("see", "cf") or prev[:2] == ["to", "according"]:
            return True
        if prev[0] == "as" and _AS_CITED.match(text, end):
            return True  # "as Carr argues", not "had her down as Annie"
    if author_like and _CITE_VERB.match(text, toks[j - 1].fend):
        return True  # "Anita Kerrigan developed the Threshold model", "Lorna Finch coined the term"
    if prev and author_like and prev[0] in _READING:
        # "reading Paulo Freire", "citing Lucy Pratt on …", "read Claire Henshaw's The Listening Service";
        # not "I read Ellie Cairns's care plan with her".
        if not last.poss:
            return True
        nxt = j
        if nxt < len(toks) and (toks[nxt].cap or toks[nxt].low in _PUBLICATION_NOUNS or toks[nxt].low == "the"):
            return True
    if prev and author_like:
        if prev[0] == "of" and len(prev) > 1 and (prev[1] in _PUBLICATION_NOUNS or prev[1] in _THINKING):
            return True  # "the work of Pamela Trevithick", "the ideas of Paulo Freire"
        if prev[0] == "by":
            # "‘A Simpler Way’ by …", "a report by …", "written by …"
            if (len(prev) > 1 and prev[1] in _WROTE_BY) or any(w in _PUBLICATION_NOUNS for w in prev[1:]):
                return True
            if i >= 2 and text[toks[i - 2].fend : toks[i - 1].start].strip(" ,")[-1:] in _CLOSING_QUOTES:
                return True
            if i >= 2 and toks[i - 2].cap and not _sentence_start(text, toks[i - 2].start):
                return True  # "Start with Why by Simon Sinek": a title, then its author
        # "founder of Open Space, Harrison Owen"; "Director of Joint Reviews, Sue Mead"
        for n, w in enumerate(prev[:7]):
            if w in _PUBLIC_ROLES:
                owned = n + 1 < len(prev) and prev[n + 1] in _OWNER_WORDS  # "our Director of Nursing, Jane"
                if not owned and all(t.cap or t.low in ("of", "for", "at", "the", "and", "&") for t in toks[i - n : i]):
                    return True
                break
    # A spokesperson named with a public body: "Gloria McLoughlin of Scottish Care"
    if j - i >= 2:
        m = _OF_BODY.match(text, end)
        if m and m.end() in ctx.public_starts:
            return True
    # A quotation's attribution on its own line: "— Myron Rogers", "Gloria McLoughlin - Scottish Care"
    line_start = text.rfind("\n", max(0, start - 200), start) + 1
    if line_start > 0 or start < 200:
        before = text[line_start:start]
        if _DASH_BEFORE.fullmatch(before) and not _in_list(text, line_start) and not _AFTER_PERSON.match(text, end):
            return True  # "— Myron Rogers", but not the bullet "- Ahmed designed the cards"
        if (not before or before.isspace()) and j - i >= 2 and _DASH_AFTER.match(text, end):
            return True
    return False


def _surname_ok(ctx: _Context, k: int) -> bool:
    tok = ctx.toks[k]
    low = tok.low
    return (
        tok.cap
        and low not in ctx.lex.stop_caps
        and low not in _TITLES
        and low not in _ORG_SUFFIX_WORDS
        and not ctx.no_person[k]
    )


def _extend_surname(ctx: _Context, i: int, limit: int = 2) -> int:
    """Index after the last token of a name starting at token i: "Priya Natarajan", "Ahmed bin Said"."""
    toks, text = ctx.toks, ctx.text
    j = i + 1
    while j < len(toks) and j - i <= limit and not toks[j - 1].poss and _adjacent(_gap(text, toks, j)):
        if toks[j].low in _PARTICLES:
            if j + 1 < len(toks) and _adjacent(_gap(text, toks, j + 1)) and _surname_ok(ctx, j + 1):
                j += 2
                continue
            break
        if not _surname_ok(ctx, j):
            break
        j += 1
    return j


def _org_run(ctx: _Context, i: int) -> bool:
    """True when token i starts capitalised words ending in an organisation word: "Mary Erskine School"."""
    toks, text = ctx.toks, ctx.text
    k = i + 1
    if toks[i].poss:
        # "Anne's Law", "St Columba's Hospice", "Barnardo's Trust"
        return k < len(toks) and _adjacent(_gap(text, toks, k)) and toks[k].cap and toks[k].low in _NAMED_AFTER
    while k < len(toks) and k - i <= 5 and _adjacent(_gap(text, toks, k)):
        t = toks[k]
        if t.low in _ORG_SUFFIX_WORDS and t.word[0].isupper():
            return True
        if toks[k - 1].poss or not (t.cap or t.low in ("of", "and", "for", "&")):
            break
        k += 1
    return False


_LIST_MARK = _Pattern(r"[ \t]*(?:[-–—•*]|\d{1,3}[.)])[ \t]")


def _in_list(text: str, line_start: int) -> bool:
    """True when the line starting at line_start sits among bullet points: the line before or after is one too."""
    if line_start > 0:
        prev_start = text.rfind("\n", max(0, line_start - 400), line_start - 1) + 1
        if _LIST_MARK.match(text, prev_start, line_start):
            return True
    next_nl = text.find("\n", line_start, line_start + 2000)
    return next_nl >= 0 and _LIST_MARK.match(text, next_nl + 1) is not None


_READING = _words("read reading reread rereading re-read re-reading quoting quoted citing cited cite quote")
# A writer's verb with its object: "developed the PACE model", "coined the term", "founded the hospice movement".
_CITE_VERB = _Pattern(
    r"\s+(?:coined|pioneered)\s+(?:the|a|an)\b"
    r"|\s+(?:developed|devised|created|founded|proposed|formulated|originated|conceived)\s+"
    r"(?:the|a|an|his|her|their)\s+(?:"
    # a named model: "the Neurosequential Model", "the PACE model", "the Threshold model of participation"
    r"(?:[\w'’\-]+\s+){0,3}?[A-Z][\w'’\-]*\s+(?:[\w'’\-]+\s+){0,2}?(?i:model|models|approach|theory|framework|"
    r"method|scale|cycle|ladder|principles|technique|therapy|programme|triangle|pyramid|wheel|curve|matrix)"
    # or an idea rather than a thing: "the concept of personhood", "the hospice movement"
    r"|(?:[\w'’\-]+\s+){0,3}?(?:theory|theories|concept|notion|idea\s+of|term|phrase|paradigm|typology|taxonomy|"
    r"hierarchy|movement|philosophy|school\s+of\s+thought)"
    r")\b"
)

_NAMED_AFTER = _words(
    "law act bill trust foundation fund award appeal campaign charity hospice hospital church cathedral "
    "college school university syndrome disease prize lecture"
)


def _after_honorific(ctx: _Context, i: int) -> bool:
    """True for "Queen Margaret", "Fort William", "St Mary": a name inside a longer proper noun."""
    if i == 0 or not _adjacent(_gap(ctx.text, ctx.toks, i)):
        return False
    prev = ctx.toks[i - 1]
    return prev.low in _HONORIFICS and prev.word[0].isupper()


def _in_capitalised_run(ctx: _Context, i: int, start_of_sentence: bool) -> bool:
    """True inside "the Young Carer Grant" or "Open Space Technology": a name-like word that is not a name."""
    if start_of_sentence or i == 0 or not _adjacent(_gap(ctx.text, ctx.toks, i)):
        return False
    prev = ctx.toks[i - 1]
    lex = ctx.lex
    if not prev.cap or prev.poss or _is_first_name(lex, prev.low) or prev.low in _TITLES or prev.low in _KIN_TITLES:
        return False
    if prev.low in lex.stop_caps and prev.low not in _ORG_SUFFIX_WORDS:
        return False  # "Every Friday Effie", "On Thursday Wojciech"
    # "Dear Kyle", "Yesterday Kyle": an ordinary word with a capital only because it starts the sentence
    return not (_sentence_start(ctx.text, prev.start) and (prev.low in lex.words or prev.low in lex.stop_caps))


def _listed_with_place(ctx: _Context, i: int) -> bool:
    """True for "Skye and Lewis" or "Lewis and Harris": a place-name in a list of places."""
    lex, toks = ctx.lex, ctx.toks
    prev = ctx.prev_words(i, 2)
    if len(prev) == 2 and prev[0] in ("and", "or", "&") and prev[1] in lex.places:
        return True
    k = i + 2
    return k < len(toks) and toks[i + 1].low in ("and", "or") and toks[k].cap and toks[k].low in lex.places


def _short_given_name(ctx: _Context, i: int) -> bool:
    """True for the two-letter family name in "Li Wei" or "Xu Ming": a surname first, then a given name."""
    toks, lex = ctx.toks, ctx.lex
    tok = toks[i]
    if len(tok.word) != 2 or not tok.word[1].islower() or tok.low in lex.words or tok.poss or i + 1 >= len(toks):
        return False
    nxt = toks[i + 1]
    return (
        _adjacent(_gap(ctx.text, toks, i + 1))
        and nxt.cap
        and nxt.low not in lex.words
        and nxt.low not in lex.places
        and nxt.low not in lex.stop_caps
    )


# Words after which a capitalised word is a place, not a person: "in Leyton", "moved to Kraków".
_PLACE_PREPS = _words("in near via across around outside inside within towards toward through at")
_MOTION_WORDS = _words(
    "moved move moving went go goes going gone travelled traveled travelling flew fly flying returned return "
    "returning emigrated relocated fled deported trip holiday holidays journey way came come comes coming "
    "phoned rang called texted arrived arriving is was are were originally family relatives "
    "flight flights drove drive bus train"
)
_CONTRACTIONS = _words("ve re ll d m t s")
_VISIT_WORDS = _words("visit visits visited visiting")
# "shouted at Adaeze", "confided in Adaeze": a person after "at" or "in" all the same
_AT_PERSON_VERBS = _words(
    "shouted smiled looked laughed swore waved lashed stared yelled screamed snapped pointed threw glared "
    "spat lunged grinned winked confided confide confiding believed believe believes interest interested"
)


def _after_place_word(ctx: _Context, i: int) -> bool:
    prev = ctx.prev_words(i, 2)
    if not prev:
        return False
    if prev[0] in _PLACE_PREPS:
        return not (len(prev) == 2 and prev[1] in _AT_PERSON_VERBS)
    return prev[0] in ("from", "to") and len(prev) == 2 and prev[1] in _MOTION_WORDS


_WEAK_VERB = _Pattern(
    r"(?:['’]s)?\s+(?:has|had|is|was|will|would|could|can|does|did|gets|got|keeps|kept|seems|seemed|started|"
    r"began|stopped|continues|remains|remained|used|uses|tries|tried|took|takes|gave|gives|loves|likes|finds|"
    r"made|makes|hopes|hoped|feels|knows|knew|thinks|thought|sees|saw|goes|went)\b"
    # "Balgonie was a mining village", "Duolingo was her idea": a description, not a person
    r"(?!\s+(?:a|an|the|her|his|their|my|our|your|its|where|what|how|why|when|one|also\s+(?:a|an|the))\b)"
)
# "Amira has postnatal depression": only a person has a condition.
_HAS_CONDITION = _Pattern(
    r"(?:['’]s)?\s+(?:(?:has|had|have)(?:\s+been)?(?:\s+(?:diagnosed|living|lived)\s+with)?|"
    r"(?:lives|lived|living|is\s+living)\s+with|(?:is|was|has\s+been)\s+diagnosed\s+with|"
    r"suffers\s+from|developed)\s+(?:(?:a|an|severe|mild|chronic|early|late|advanced|terminal)\s+){0,2}"
)
_SUBJECT_HE_SHE = _Pattern(r"\b(?:[Ss]he|[Hh]e)\b")
_SENTENCE_END = _Pattern(r"[.!?\n]")


def _verb_then_pronoun(ctx: _Context, k: int) -> str:
    """ "Amira has been coming … She rarely speaks": an unknown word is a person when "he" or "she" follows,
    or when it has a health condition.

    Products and services take the same verbs ("Makaton has transformed mealtimes") but are never "she".
    """
    text = ctx.text
    pos = ctx.toks[k].fend if ctx.toks[k].poss else ctx.toks[k].end
    has = _HAS_CONDITION.match(text, pos)
    after = ctx.condition_starts.get(has.end(), -1) if has else -1
    if after >= 0 and (after >= len(ctx.toks) or ctx.toks[after].low not in _HEALTH_GENERAL_AFTER):
        return "A capitalised name that has a health condition."  # but not "Kooth has dementia resources"
    m = _WEAK_VERB.match(text, pos)
    if not m:
        return ""
    limit = min(len(text), m.end() + 200)
    first_end = _SENTENCE_END.search(text, m.end(), limit)
    if first_end:
        second_end = _SENTENCE_END.search(text, first_end.end() + 1, limit)
        limit = second_end.start() if second_end else limit
    if _SUBJECT_HE_SHE.search(text, m.end(), limit):
        return "A capitalised name followed by a verb and a \u201che\u201d or \u201cshe\u201d for it."
    return ""


def _name_verdict(ctx: _Context, i: int) -> str:
    """Why capitalised token i starts a person's name, or "" when it does not."""
    lex, text, toks = ctx.lex, ctx.text, ctx.toks
    tok = toks[i]
    low = tok.low
    first = _is_first_name(lex, low)
    if not first:
        # Cheap refusals first: most capitalised words are sentence starts, places or everyday words.
        if low in lex.places or low in lex.stop_caps or low in lex.cited_surnames:
            return ""
        if "'" in low and low.rsplit("'", 1)[1] in _CONTRACTIONS:
            return ""  # "We've", "They'd", "Couldn't", unlike "O'Neill"
        if len(low) < 3 and not _short_given_name(ctx, i):
            return ""
        if low in lex.words:
            # An everyday word is a name only as a named relative or worker: "her mum, Comfort".
            if i == 0 or toks[i - 1].low not in _ROLE_NOUNS and toks[i - 1].low not in _ROLE_MODIFIERS:
                return ""
            if _sentence_start(text, tok.start) or not _role_apposition(ctx, i):
                return ""
            return "A name given to someone's relative or worker."
    if ctx.prev_is(i, _DETERMINERS) or _after_honorific(ctx, i) or _org_run(ctx, i):
        return ""
    start_of_sentence = _sentence_start(text, tok.start)
    if _in_capitalised_run(ctx, i, start_of_sentence):
        return ""
    j = _extend_surname(ctx, i)
    has_surname = j > i + 1
    cue = _person_cue_before(ctx, i) or _person_cue_after(ctx, i) or (has_surname and _person_cue_after(ctx, j - 1))
    if not first:
        if not tok.poss and _after_place_word(ctx, i) and not _person_cue_before(ctx, i):
            return ""  # "phoned from Kraków on +48 …", "a flat in Leyton": a place the lists do not know
        if ctx.prev_is(i, _VISIT_WORDS) and not _person_cue_after(ctx, j - 1):
            return ""  # "visiting Zakopane", but "visiting Adaeze, who …"
        if cue:
            return "A capitalised name in a person cue (such as \u201ctold me\u201d or \u201cher son\u201d)."
        return _verb_then_pronoun(ctx, j - 1)
    if cue:
        return "A first name with a person cue next to it."
    unusual_surname = has_surname and all(
        toks[k].low not in lex.words and toks[k].low not in lex.places for k in range(i + 1, j)
    )
    if low in lex.stop_caps or len(low) <= 2:
        # May, June, Christian, Ed: a name only with a cue or an unusual surname
        return "A first name followed by a surname." if unusual_surname else ""
    common = low in lex.words and low not in _NAMES_NOT_WORDS
    place = low in lex.places
    if not (common or place):
        return "A common first name."
    if unusual_surname:
        return "A first name followed by a surname."
    # Will, Grace, Douglas, Hamilton: a name when capitalised mid-sentence and not after "in", "to", "on".
    title_case = i + 1 < len(toks) and toks[i + 1].cap and _adjacent(_gap(text, toks, i + 1)) and not has_surname
    if start_of_sentence or title_case or (common and place):
        return ""
    if place and (ctx.prev_is(i, _LOCATIVES) or _listed_with_place(ctx, i)):
        return ""
    return "A first name, capitalised mid-sentence."


def _people(ctx: _Context, taken: _Spans) -> list[Candidate]:
    text, toks = ctx.text, ctx.toks
    found: list[Candidate] = []
    public: list[tuple[int, int]] = []  # names judged to be cited authors or public figures
    confirmed: set[str] = set()
    public_until = -1  # end of the last name judged public, so "Michael West and Jeremy Dawson" stay together
    covered_until = -1

    def add(i: int, j: int, reason: str, first: int | None = None) -> bool:
        nonlocal public_until, covered_until
        first = i if first is None else first
        start, end = toks[first].start, toks[j - 1].end
        if taken.overlaps(start, end) or ctx.blocked.overlaps(start, end):
            return False
        initial = j - i == 1 and len(toks[i].word) == 1  # "Mr K" is nobody's citation
        if (public_until >= 0 and _LIST_JOIN.fullmatch(text, public_until, toks[i].start)) or (
            not initial and _cited(ctx, i, j)
        ):
            public_until = end
            public.append((start, end))
            return False
        found.append((start, end, "PERSON", reason))
        covered_until = end
        confirmed.update(t.low for t in toks[i:j] if t.low not in _TITLES and t.low not in _KIN_TITLES)
        return True

    n = len(toks)
    lower_names = ctx.lex.lower_names
    i = 0
    while i < n:
        tok = toks[i]
        if tok.start < covered_until or ctx.no_person[i]:
            i += 1
            continue
        if not tok.word[0].isupper():
            if tok.low in lower_names and _lower_name(ctx, i):
                add(i, i + 1, "A first name written in lower case after a person cue.")
            i += 1
            continue
        low = tok.low
        if low in _TITLES:
            # "Mrs Dunsmore", "Dr Patel", "Mr John Smith"
            if (
                i + 1 < n
                and not tok.poss
                and _surname_ok(ctx, i + 1)
                and _TITLE_GAP.fullmatch(text, tok.fend, toks[i + 1].start)
            ):
                j = _extend_surname(ctx, i + 1)
                if add(i + 1, j, f"A title followed by a name ({tok.word} …).", first=i):
                    i = j
                    continue
            elif (
                low in _INITIAL_TITLES
                and i + 1 < n
                and not tok.poss
                and _INITIAL.fullmatch(toks[i + 1].word)
                and _TITLE_GAP.fullmatch(text, tok.fend, toks[i + 1].start)
                and add(i + 1, i + 2, f"A title followed by an initial ({tok.word} …).", first=i)
            ):
                i += 2  # "Mr K", "Mrs B."
                continue
            i += 1
            continue
        if not tok.cap:
            i += 1
            continue
        if low in _KIN_TITLES and i + 1 < n and _adjacent(_gap(text, toks, i + 1)) and _surname_ok(ctx, i + 1):
            # "Auntie Jean", "Granny Rose"
            j = _extend_surname(ctx, i + 1, limit=1)
            if add(i + 1, j, "A family title followed by a name."):
                i = j
                continue
        if _after_honorific(ctx, i):
            i = _extend_surname(ctx, i)  # "Professor Brigid Daniel", "Queen Margaret University"
            continue
        verdict = _name_verdict(ctx, i)
        if verdict:
            j = _extend_surname(ctx, i)
            add(i, j, verdict)
            i = max(j, i + 1)
            continue
        i += 1

    # Later mentions of a name already found: "Mrs Dunsmore" … "Dunsmore"; "Kyle told me" … "Kyle".
    if confirmed:
        covered = _Spans([(s, e) for s, e, _, _ in found] + public)
        for i, tok in enumerate(toks):
            if not tok.cap or tok.low not in confirmed or ctx.no_person[i]:
                continue
            if covered.overlaps(tok.start, tok.end) or taken.overlaps(tok.start, tok.end):
                continue
            if ctx.blocked.overlaps(tok.start, tok.end):
                continue
            if ctx.prev_is(i, _DETERMINERS) or _after_honorific(ctx, i) or _org_run(ctx, i) or _cited(ctx, i, i + 1):
                continue
            found.append((tok.start, tok.end, "PERSON", "The same name as a person found elsewhere in the text."))
    return found


_TITLE_GAP = _Pattern(r"\.? {1,2}")
_INITIAL_TITLES = _words("mr mrs ms miss mx dr mister")
_INITIAL = _Pattern(r"[A-Z]")
# "met with kayleigh and her gran": informal notes drop capitals; only a first name that is no everyday word,
# right after one of these, counts.
_LOWER_CUES = _words("with met meet meeting visited visit saw supported phoned rang called told asked and")


def _lower_name(ctx: _Context, i: int) -> bool:
    tok = ctx.toks[i]
    lex = ctx.lex
    if tok.low not in lex.lower_names or not tok.word.islower():
        return False
    prev = ctx.prev_words(i, 2)
    if not prev or prev[0] not in _LOWER_CUES:
        return False
    # "and" only joins two people: "met with jordan and kayleigh"
    return prev[0] != "and" or (len(prev) == 2 and prev[1] in lex.first_names and prev[1] not in lex.words)


# ---------------------------------------------------------------------------------------------------------
# Local services and health conditions


# Street words that also name services: "Kirkton Gardens, a supported-living project", "staff at Harbour View".
_ORG_STREET_SUFFIX = _words("gardens view park place grove green mews heights rise terrace square brae bank")
# What a service is called in an apposition after its name.
_SERVICE_HEADS = (
    r"home|homes|house|unit|project|hostel|service|centre|center|nursery|hospice|refuge|flats|residence|"
    r"facility|hub|cafe|café|school|lodge|shelter|village|respite|provision|placement|complex|development|"
    r"(?:sheltered|supported|retirement|extra[\s\-]care)\s+(?:housing\s+)?scheme"
)
_SERVICE_APPOSITIVE = _Pattern(
    r",?\s+(?:a|an|the|our|one\s+of\s+(?:the|our))\s+"
    rf"(?:{_NOT_MODIFIER}[\w'’\-]+\s+){{0,4}}?(?:{_SERVICE_HEADS})(?![\w'’\-])"
    r"(?=\s*[,.;:)!?—–]|\s*$|\s+(?:of|for|in|on|at|where|which|that|run|near|with|and|offering|providing|"
    r"supporting|who|we|I|close|just|outside|beside|by)\b)"
)
_SERVICE_CONTEXT = _words(
    "staff residents resident tenants tenant manager managers team nurses carers workers colleagues "
    "volunteers visitors placement shift shifts job post deputy keyworkers"
)
_SERVICE_CONTEXT_VERBS = _words(
    "worked work works working based volunteered volunteer volunteering placed employed started shadowed"
)


def _service_context(ctx: _Context, k: int, end: int) -> bool:
    """True for "staff at …", "residents of …", "I worked at …", or a name followed by "a care home"."""
    prev = ctx.prev_words(k, 2)
    if len(prev) == 2 and prev[0] in ("at", "of", "in", "from") and prev[1] in _SERVICE_CONTEXT:
        return True
    if len(prev) == 2 and prev[0] == "at" and prev[1] in _SERVICE_CONTEXT_VERBS:
        return True
    return _SERVICE_APPOSITIVE.match(ctx.text, ctx.toks[end - 1].fend) is not None


def _service_appositives(ctx: _Context, out: list[Candidate]) -> None:
    """ "At Harbour View, the small children's house where …", "Birchwood, a hostel for young men"."""
    toks, text, lex = ctx.toks, ctx.text, ctx.lex
    size = len(text)
    for e, tok in enumerate(toks):
        if tok.fend >= size or text[tok.fend] != "," or not tok.cap or tok.poss:
            continue
        if not _SERVICE_APPOSITIVE.match(text, tok.fend):
            continue
        k = e
        while k > 0 and e - k < 2 and _adjacent(_gap(text, toks, k)):
            prev = toks[k - 1]
            if not (prev.cap or prev.low == "st") or prev.poss or prev.low in _ORG_NOT_NAME or prev.low in _TITLES:
                break
            if _sentence_start(text, prev.start) and prev.low in lex.words and prev.low not in lex.places:
                break  # "Yesterday Birchwood, …"
            k -= 1
        name = toks[k : e + 1]
        start, end = name[0].start, name[-1].end
        if ctx.blocked.overlaps(start, end) or _NUMBER_BEFORE.search(text, max(0, start - 8), start):
            continue
        if all(t.low in lex.places or t.low in lex.stop_caps for t in name):
            continue  # "Oban, a small town"; "Glasgow, the home of …"
        if len(name) == 1 and (_is_first_name(lex, tok.low) or tok.low in lex.words):
            continue  # "Kyle, the house's youngest"; "However, the unit …"
        if len(name) == 1 and tok.low in lex.cited_surnames:
            continue
        out.append((start, end, "ORG_LOCAL", "A named local service, described as one by the words after it."))


def _local_services(ctx: _Context) -> list[Candidate]:
    toks, text, lex = ctx.toks, ctx.text, ctx.lex
    out: list[Candidate] = []
    _service_appositives(ctx, out)
    for i, tok in enumerate(toks):
        low = tok.low
        suffix_len, weak = 0, False
        if low in _ORG_SINGLE_SUFFIX and tok.word[0].isupper():
            suffix_len = 1
        elif low in _ORG_STREET_SUFFIX and tok.cap and i > 0 and toks[i - 1].cap and not toks[i - 1].poss:
            # "Meadowbank Gardens", "Harbour View": a street unless the text says it is a service
            k = i - 1
            while k > 0 and i - k < 3 and _adjacent(_gap(text, toks, k)) and toks[k - 1].cap:
                if toks[k - 1].low in _ORG_NOT_NAME or toks[k - 1].poss:
                    break
                k -= 1
            if _service_context(ctx, k, i + 1):
                suffix_len = 1
        elif low in _ORG_WEAK_SUFFIX and tok.word[0].isupper():
            suffix_len, weak = 1, True
        elif low in _ORG_MULTI_BY_FIRST:
            for words in _ORG_MULTI_BY_FIRST[low]:
                n = len(words)
                if n == 1 and not tok.word[0].isupper():
                    continue
                if i + n <= len(toks) and all(
                    toks[i + k].low == words[k] and _adjacent(_gap(text, toks, i + k)) for k in range(1, n)
                ):
                    suffix_len = n
                    break
        if not suffix_len or i == 0:
            continue
        # Walk back over the name: "Rowan", "Parkside Young Persons", "St Columba's"
        k = i
        while k > 0 and i - k < 4 and _adjacent(_gap(text, toks, k)):
            prev = toks[k - 1]
            if not (prev.cap or prev.low == "st") or prev.low in _ORG_NOT_NAME or prev.low in _TITLES:
                break
            if prev.poss and k != i:
                break
            k -= 1
        name_toks = [t for t in toks[k:i] if t.low not in _ORG_GENERIC_NAME]
        if not name_toks:
            continue
        while toks[k].low in _ORG_GENERIC_NAME:
            k += 1
        start, end = toks[k].start, toks[i + suffix_len - 1].end
        if " ".join(t.low for t in toks[k : i + suffix_len]) in _PUBLIC_HOUSES or ctx.blocked.overlaps(start, end):
            continue
        if low == "court" and toks[i - 1].low in _PUBLIC_COURTS:
            continue  # "Kilmarnock Sheriff Court"
        if _NUMBER_BEFORE.search(text, max(0, start - 8), start):
            continue  # "14 Rowan Court" is an address
        places_only = all(t.low in lex.places or t.low in lex.stop_caps for t in name_toks)
        if places_only and suffix_len == 1 and not _service_context(ctx, k, i + 1):
            continue  # "Glasgow House", "Scotland House": too general, unless "staff at Ferryhill House"
        if weak and all(_everyday(lex, t.low) for t in name_toks):
            continue  # "Book Club", "Glasgow Science Centre", "Co-production Project"
        after = i + suffix_len
        if weak and after < len(toks) and toks[after].cap and _adjacent(_gap(text, toks, after)):
            continue  # "the Co-production Project Planner" is the title of a resource
        out.append((start, end, "ORG_LOCAL", "A named local service that could identify the people it serves."))
    return out


def _everyday(lex: _Lexicon, low: str) -> bool:
    """An ordinary word, place or calendar word, hyphenated parts included ("co-production")."""
    return all(part in lex.words or part in lex.places or part in lex.stop_caps for part in low.split("-"))


_NUMBER_BEFORE = _Pattern(r"\d[\w/]*,?\s+$")
_QUOTE_OPEN = _Pattern(r"(?:^|[\s(])‘[^’]*$")


def _quoted(text: str, pos: int) -> bool:
    """True when pos sits inside an open quotation in its sentence: ‘it was all about my stroke’."""
    window = text[max(0, pos - 200) : pos]
    window = window[max(window.rfind("\n"), window.rfind(". ")) + 1 :]
    if "“" in window and "”" not in window.split("“")[-1]:
        return True
    return _QUOTE_OPEN.search(window) is not None


def _health(ctx: _Context, people: list[Candidate], matches: list[tuple[int, int]]) -> list[Candidate]:
    """Conditions the text ties to a person: "Kyle's epilepsy", "Mrs Dunsmore has vascular dementia"."""
    toks, text = ctx.toks, ctx.text
    if not matches or not people:
        return []
    persons = _Spans((s, e) for s, e, _, _ in people)

    def is_person(k: int) -> bool:
        return persons.covering(toks[k].start, toks[k].end)

    def person_near(pos: int) -> bool:
        last = persons.last_start_before(pos)
        return last >= 0 and pos - last <= 400

    def person_follows(pos: int) -> bool:
        """ "After her stroke Mrs Lindsay …": a pronoun before the name it stands for, in one sentence."""
        x = bisect_left(persons.starts, pos)
        if x >= len(persons.starts):
            return False
        nxt = persons.starts[x]
        return nxt - pos <= 60 and not _BOUNDARY.search(text, pos, nxt)

    out: list[Candidate] = []
    for i, j in matches:
        start, end = toks[i].start, toks[j - 1].end
        if toks[j - 1].poss and j - i == 1:
            end = toks[j - 1].fend  # "Parkinson's"
        if ctx.blocked.overlaps(start, end):
            continue
        if j < len(toks) and toks[j].low in _HEALTH_GENERAL_AFTER and _adjacent(_gap(text, toks, j)):
            continue  # "dementia training", "autism awareness"
        linked = ""
        k, steps = i - 1, 0
        while k >= 0 and steps < 8 and not _BOUNDARY.search(_gap(text, toks, k + 1)):
            t = toks[k]
            near = steps <= 3
            if near and t.poss and is_person(k):
                linked = "A health condition attached to a named person."
            elif near and t.low in ("his", "her", "their") and (person_near(start) or person_follows(end)):
                linked = "A health condition of a person named nearby."
            elif near and t.poss and t.low in _ROLE_NOUNS and person_near(start):
                linked = "A health condition of a named person's relative."
            elif near and t.low == "my" and person_near(start) and _quoted(text, start):
                linked = "A health condition a named person describes in their own words."
            if linked or t.low in _NOT_HEALTH_BEFORE:
                break
            if t.low in _HEALTH_LINKS or (t.low == "for" and k > 0 and toks[k - 1].low in _TREATMENT_WORDS):
                # "has epilepsy", "lives with dementia", "dialysis sessions for kidney failure"
                linked = _health_subject(ctx, k, start, is_person, person_near, person_follows)
                break
            k -= 1
            steps += 1
        if linked:
            out.append((start, end, "HEALTH", linked))
    return out


def _health_subject(ctx: _Context, k: int, start: int, is_person, person_near, person_follows) -> str:
    """Who "has", "lives with" or was "diagnosed with" the condition: a named person or a pronoun for one."""
    toks, text = ctx.toks, ctx.text
    if k > 0 and toks[k - 1].low in _GENERIC_SUBJECTS:
        return ""  # "people living with dementia"
    m = k - 1
    while m >= 0 and k - m <= 12 and not _BOUNDARY.search(_gap(text, toks, m + 1)):
        if is_person(m):
            return "A health condition attached to a named person."
        low = toks[m].low
        if low in _SUBJECT_PRONOUNS and (person_near(start) or (low in _POSSESSIVES and person_follows(start))):
            return "A health condition of a person named nearby."
        if low in _GENERIC_SUBJECTS:
            return ""
        m -= 1
    return ""


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


def scan(text: str, allow: Iterable[str] = ()) -> list[Finding]:
    """Private information in `text`, sorted by position and never overlapping.

    `allow` holds phrases the user has said are fine to publish (matched case-insensitively on whole
    words); nothing overlapping one of them is reported.
    """
    if not text:
        return []
    lex = _lexicon()
    allowed = _allowed_spans(text, allow)

    structured: list[Candidate] = []
    if "@" in text:
        _emails(text, structured)
    # Every detector below needs a digit, and reflective writing has few: look only around them.
    for lo, hi in _digit_windows(text):
        for detect in _NUMBER_DETECTORS:
            detect(text, structured, lo, hi)
    _addresses_by_cue(text, structured)

    ctx = _Context(text, lex, _tokens(text))
    phrases = _phrase_spans(ctx)
    ctx.blocked = _Spans(allowed + [(s, e) for s, e, _ in phrases])
    ctx.public_starts = {s for s, _, kind in phrases if kind == "public"}
    conditions = _condition_matches(ctx)
    for i, j in conditions:
        ctx.condition_starts[ctx.toks[i].start] = j
        for k in range(i, j):
            ctx.no_person[k] = True  # "Parkinson's", "Down's syndrome" name conditions, not people
    services = _local_services(ctx)
    taken = _Spans([(s, e) for s, e, _, _ in structured] + [(s, e) for s, e, _, _ in services])
    people = _people(ctx, taken)
    health = _health(ctx, people, conditions)

    allowed_spans = _Spans(allowed)
    return [
        Finding(start, end, label, text[start:end], reason)
        for start, end, label, reason in _resolve(structured + services + people + health)
        if not allowed_spans.overlaps(start, end)
    ]


def _letters(n: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: enough letters for any number of people."""
    out = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


_NAME_WORD = _Pattern(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")


class _Pseudonyms:
    """Gives each distinct person or service one letter and reuses it for every later mention.

    "Mrs Dunsmore" and "Dunsmore", "Kyle" and "Kyle Brown" are one person: a single word matches any
    name containing it, and two longer names match when they share first name and surname. Different
    titles keep "Mr Dunsmore" and "Mrs Dunsmore" apart.
    """

    def __init__(self) -> None:
        self.sexes: list[str] = []
        self.exact: dict[frozenset[str], list[int]] = {}
        self.containing: dict[str, list[int]] = {}  # word -> people whose name has it
        self.single: dict[str, list[int]] = {}  # word -> people known by that word alone
        self.ends: dict[tuple[str, str], list[int]] = {}  # (first, last) -> people
        self.services: dict[str, str] = {}

    def person(self, name: str) -> str:
        words = [w.casefold().replace("’", "'") for w in _NAME_WORD.findall(name)]
        words = [w[:-2] if w.endswith("'s") else w for w in words] or [name.casefold()]
        sex = _TITLES.get(words[0], "")
        words = [w for w in words if w not in _TITLES and w not in _KIN_TITLES] or words
        key = frozenset(words)
        if len(key) == 1:
            candidates = [self.exact.get(key, []), self.containing.get(words[0], [])]
        else:
            candidates = [self.exact.get(key, []), self.ends.get((words[0], words[-1]), [])]
            candidates += [self.single.get(w, []) for w in words]
        for group in candidates:
            for index in group:
                if not (sex and self.sexes[index] and sex != self.sexes[index]):
                    return f"Person {_letters(index)}"
        index = len(self.sexes)
        self.sexes.append(sex)
        self.exact.setdefault(key, []).append(index)
        self.ends.setdefault((words[0], words[-1]), []).append(index)
        for w in key:
            self.containing.setdefault(w, []).append(index)
        if len(key) == 1:
            self.single.setdefault(words[0], []).append(index)
        return f"Person {_letters(index)}"

    def service(self, name: str) -> str:
        key = " ".join(name.casefold().split())
        key = key[4:] if key.startswith("the ") else key
        if key not in self.services:
            self.services[key] = _letters(len(self.services))
        return f"Service {self.services[key]}"


def redact(text: str, findings: Sequence[Finding], pseudonyms: bool = False) -> str:
    """`text` with each finding replaced by "[LABEL]", or with `pseudonyms` by "Person A" and "Service A".

    The same person or service gets the same letter throughout. Text outside the findings is kept byte
    for byte; a finding that overlaps an earlier one is skipped. Raises ValueError for a finding that does
    not match `text` (the text changed after it was scanned).
    """
    names = _Pseudonyms()
    out = []
    pos = 0
    for f in sorted(findings, key=lambda f: (f.start, -f.end)):
        if not (0 <= f.start < f.end <= len(text)) or text[f.start : f.end] != f.text:
            raise ValueError(f"finding {f.text!r} at {f.start}-{f.end} does not match the text; scan it again")
        if f.start < pos:
            continue
        out.append(text[pos : f.start])
        if pseudonyms and f.label == "PERSON":
            out.append(names.person(f.text))
        elif pseudonyms and f.label == "ORG_LOCAL":
            out.append(names.service(f.text))
        else:
            out.append(f"[{f.label}]")
        pos = f.end
    out.append(text[pos:])
    return "".join(out)
