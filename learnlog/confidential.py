"""Finds private information in reflective writing before it becomes public badge evidence.

`scan(text)` returns non-overlapping `Finding`s sorted by position; `redact(text, findings)` replaces them with
placeholders or consistent pseudonyms. Everything here is pure: no database, files of the user or network.

How each kind is found, cheapest and surest first:
- identifiers with a check digit or a fixed shape (NHS and CHI numbers, NI numbers, postcodes, e-mail
  addresses, phone numbers validated by `phonenumbers`) are trusted on their own;
- dates of birth, case references and street addresses need a cue next to them ("DOB", "case ref", a
  house number before a street word);
- people, local services and health conditions come from word lists in `learnlog/data/` plus context:
  a title ("Mrs Dunsmore"), a known first name, or a capitalised word in a person cue ("Tadeusz told
  me"), minus the places where writers name public figures (citations, "as Carr argues", a quote's
  attribution) and the public bodies, places and frameworks that are safe to publish.

Every regular expression is either anchored on a lookbehind that admits only the start of a run, or has
bounded repeats, so a scan is linear in the length of the text, even on hostile input.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

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

# ---------------------------------------------------------------------------------------------------------
# Word lists, loaded once on first use


@dataclass(frozen=True)
class _Lexicon:
    first_names: frozenset[str]
    words: frozenset[str]
    places: frozenset[str]
    stop_caps: frozenset[str]
    cited_surnames: frozenset[str]
    # first word (casefolded) -> [(words of the phrase, kind)], longest first
    phrases: dict[str, list[tuple[tuple[str, ...], str]]]
    # first word -> [(words, match exactly as written)], longest first
    conditions: dict[str, list[tuple[tuple[str, ...], bool]]]


def _read_list(name: str) -> list[str]:
    from importlib import resources

    raw = resources.files("learnlog").joinpath("data", name).read_text(encoding="utf-8")
    return [line.strip() for line in raw.splitlines() if line.strip() and not line.startswith("#")]


def _phrase_words(phrase: str) -> tuple[str, ...]:
    return tuple(t.word for t in _tokens(phrase.replace("’", "'")))


@cache
def _lexicon() -> _Lexicon:
    phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}

    def add_phrase(phrase: str, kind: str) -> None:
        words = tuple(w.casefold() for w in _phrase_words(phrase))
        if words:
            phrases.setdefault(words[0], []).append((words, kind))

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

    return _Lexicon(
        first_names=frozenset(n.casefold() for n in _read_list("first_names.txt")),
        words=frozenset(_read_list("common_words.txt")),
        places=frozenset(p.casefold() for p in places if " " not in p),
        stop_caps=frozenset(w.casefold() for w in _read_list("stop_caps.txt")),
        cited_surnames=frozenset(p.casefold() for p in cited if " " not in p),
        phrases=phrases,
        conditions=conditions,
    )


# ---------------------------------------------------------------------------------------------------------
# Tokens

# Letters and digits with inner apostrophes or hyphens: O'Neill, Mary-Jane, Kyle's, self-harm.
_TOKEN = re.compile(r"(?P<w>[^\W_]+(?:['’\-][^\W_]+)*)")


@dataclass
class _Tok:
    start: int
    end: int  # without a possessive 's
    fend: int  # with it
    word: str
    low: str
    poss: bool
    cap: bool  # capitalised like a name: Kyle, McLeod, O'Neill (not SSSC, not kyle)


def _tokens(text: str) -> list[_Tok]:
    toks = []
    for m in _TOKEN.finditer(text):
        word = m.group()
        if len(word) > _MAX_TOKEN:
            continue
        start, end, poss = m.start(), m.end(), False
        if len(word) > 2 and word[-2] in "'’" and word[-1] in "sS":
            word, end, poss = word[:-2], end - 2, True
        elif word[-1] in "sS" and end < len(text) and text[end] in "'’" and not text[end + 1 : end + 2].isalnum():
            poss = True
        cap = word[0].isupper() and len(word) > 1 and any(c.islower() for c in word[1:])
        toks.append(_Tok(start, end, m.end(), word, word.casefold().replace("’", "'"), poss, cap))
    return toks


def _gap(text: str, toks: list[_Tok], i: int) -> str:
    """The text between token i-1 and token i (the possessive 's counts as part of the gap)."""
    return text[toks[i - 1].fend : toks[i].start] if i > 0 else text[max(0, toks[0].start - 20) : toks[0].start]


_BOUNDARY = re.compile(r"[.!?\n;:•]")
_SENTENCE_BEFORE = re.compile(r"(?:^|[.!?:;…•*>\-–—\n]|\d[.)])[\s\"'“‘(\[]*$")


def _sentence_start(text: str, start: int) -> bool:
    return _SENTENCE_BEFORE.search(text, max(0, start - 12), start) is not None


def _adjacent(gap: str) -> bool:
    return 0 < len(gap) <= 2 and gap.strip() == "" and "\n" not in gap


# ---------------------------------------------------------------------------------------------------------
# Identifiers with a check digit or a fixed shape

# NHS numbers and CHI numbers share the mod-11 check: weights 10..2 on the first nine digits,
# check = 11 - (sum mod 11); 11 means 0 and 10 means the number cannot be valid.
_TEN_DIGITS = re.compile(
    r"(?<![\w+])(?<!\d[ -])(?<!\))(?<!\) )(?:(\d{3})([ -]?)(\d{3})\2(\d{4})|(\d{6})[ -](\d{4}))(?![ -]?\d)(?!\w)"
)
_NI = re.compile(r"(?<![A-Za-z0-9])([A-Z])([A-Z]) ?(\d\d) ?(\d\d) ?(\d\d) ?([A-D])(?![A-Za-z0-9])")
_NI_BAD_PAIRS = frozenset({"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})
_POSTCODE = re.compile(
    r"(?<![A-Za-z0-9])([A-Z]{1,2})(\d)([A-Z\d]?) ?(\d)([ABD-HJLNP-UW-Z]{2})(?![A-Za-z0-9])"
)
_POSTCODE_AREAS = frozenset(
    "AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY E EC EH EN "
    "EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE LL LN LS LU M ME MK "
    "ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA "
    "TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE".split()
)
_EMAIL = re.compile(r"(?<![\w.%+\-])[\w.%+\-]{1,64}@[A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63}){1,6}")
# UK writers give a trunk 0 or an international prefix; a bare "7188234455" is an invoice or batch number.
_PHONE = re.compile(r"(?<![\w+(])(?:\+|00|\(0|0)[\d ()\-.]{7,20}\d(?!\w)(?!\.\d)")
_PHONE_CUE = re.compile(
    r"\b(?:tel|telephone|phone|phoned|mobile|mob|landline|call|called|ring|rang|text|texted|whatsapp|"
    r"contact\s+(?:number|no))\b[.:]?[^.!?\n]{0,16}$",
    re.I,
)
_CHI_CUE = re.compile(r"\bCHI\b", re.I)
_NOT_HEALTH_NUMBER = re.compile(
    r"\b(?:invoice|batch|order|account|acct|serial|lot|tracking|policy|receipt|transaction|barcode|isbn|"
    r"sort\s+code|payroll|employee|staff|purchase|po|cheque|voucher|ticket|booking|parcel|consignment|"
    r"product|part|model|licen[cs]e|registration|reg|vat|company|charity|utr|meter|iban|card)\b"
    r"(?:\s+(?:no|number|num|ref|reference|id|code))?\.?[\s:#]*$",
    re.I,
)
_NHS_CUE = re.compile(r"\bNHS\b", re.I)


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


def _health_numbers(text: str, out: list) -> None:
    for m in _TEN_DIGITS.finditer(text):
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
                (m.start(), m.end(), "CHI_NUMBER", "A CHI number: a date of birth and a valid mod-11 check digit.")
            )
        else:
            out.append((m.start(), m.end(), "NHS_NUMBER", "An NHS number with a valid mod-11 check digit."))


def _ni_numbers(text: str, out: list) -> None:
    for m in _NI.finditer(text):
        first, second = m.group(1), m.group(2)
        if first in "DFIQUV" or second in "DFIOQUV" or first + second in _NI_BAD_PAIRS:
            continue
        out.append((m.start(), m.end(), "NI_NUMBER", "A National Insurance number with a valid prefix and suffix."))


def _postcodes(text: str, out: list) -> None:
    for m in _POSTCODE.finditer(text):
        area, district, extra = m.group(1), m.group(2), m.group(3)
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
    if phonenumbers.is_valid_number(number):
        return 2
    return 1 if phonenumbers.is_possible_number(number) else 0


def _phones(text: str, out: list) -> None:
    for m in _PHONE.finditer(text):
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
_DOB = re.compile(
    r"(?:\bborn(?:\s+on)?|\bd\.?o\.?b\b\.?|\bdate\s+of\s+birth\b|\bbirth\s?date\b)"
    r"\s{0,3}(?:[:=\-–—(]\s{0,3})?"
    r"(?:(?:is|was|on|the|as|of|given|recorded|listed|shown|written|down|reads|read|being|noted|stated)\s{1,3}){0,3}"
    rf"(?P<date>{_DATE})"
    rf"|\bborn\s+in\s+(?P<year>(?:{_MONTH}\s+)?(?:19|20)\d\d)\b"
    r"|\bbirthday\s+(?:is|was|falls\s+on|on)\s+(?:on\s+)?(?:the\s+)?"
    rf"(?P<day>{_DATE}|{_DAY_MONTH})",
    re.I,
)

_CASE_CUE = re.compile(
    r"\b(?:(?:case|client|service\s+user|file|referral|record|person|patient|hospital|unit|social\s+work|"
    r"carefirst|care\s+first|swift|mosaic|eclipse|paris|liquidlogic|crn|council|tenancy|account|claim|"
    r"reference|ref)\s*(?:ref(?:erence)?|no|num|number|id|identifier|#)(?![a-z])\.?"
    r"|reference|ref(?![a-z])\.?|carefirst|mosaic|swift|eclipse)"
    r"\s{0,3}(?:[:#=\-–]|is|was)?\s{0,3}"
    r"(?P<ref>(?=[A-Za-z0-9/\-]{0,24}\d)[A-Z0-9][A-Za-z0-9/\-]{2,24})(?![\w/\-])",
    re.I,
)
_ID_CUE = re.compile(r"\bID\s?(?:no|number)?\.?\s{0,3}[:#]?\s{0,3}(?P<ref>\d[\d/\-]{3,15})(?![\w/\-])")
_CASE_SHAPE = re.compile(
    r"(?<![\w/\-])(?:[A-Z]{2,5}/\d{2,4}/\d{2,7}|[A-Z]{2,5}-\d{4}-\d{3,7}|[A-Z]{2,4}-(?!(?:19|20)\d\d\b)\d{3,7})"
    r"(?![\w/\-])"
)

_STREET = (
    r"(?:(?:Road|Street|Avenue|Drive|Crescent|Place|Terrace|Gardens|Lane|Court|Way|Close|Park|Square|Wynd|"
    r"Brae|Loan|Loaning|Row|Grove|View|Walk|Green|Quadrant|Circus|Parade|Mews|Rise|Hill|Vale|Gate|Vennel|"
    r"Bank|Path|Boulevard|Gait|Neuk|Knowe|Haugh|Steading)\b|(?:Rd|St|Ave|Dr|Cres|Pl|Terr|Gdns|Ln|Ct|Sq)\b\.?)"
)
_ADDRESS = re.compile(
    r"(?<![\w/])(?:(?:Flat|Apartment|Apt|Unit)\s+[0-9A-Za-z]{1,4}(?:/[0-9A-Za-z]{1,3})?,?\s+)?"
    r"\d{1,4}[A-Za-z]?(?:/\d{1,3}[A-Za-z]?)?,?\s+"
    rf"(?:[A-Z][A-Za-z'’\-]{{1,25}}\s+){{1,3}}{_STREET}(?:\s+(?:North|South|East|West)\b)?"
)
# Scottish streets often carry their own ending: Gallowgate, Kingsway, Canongate, Causewayside.
_ADDRESS_ONE_WORD = re.compile(
    r"(?<![\w/])(?:(?:Flat|Apartment|Apt|Unit)\s+[0-9A-Za-z]{1,4}(?:/[0-9A-Za-z]{1,3})?,?\s+)?"
    r"\d{1,4}[A-Za-z]?(?:/\d{1,3}[A-Za-z]?)?,?\s+"
    r"[A-Z][a-z]{1,20}(?:gate|way|wynd|brae|loan|side|haugh|vennel|neuk)(?:\s+(?:North|South|East|West))?\b"
)
_ADDRESS_CUE = re.compile(
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


def _dates_of_birth(text: str, out: list) -> None:
    for m in _DOB.finditer(text):
        name = "date" if m.group("date") else "year" if m.group("year") else "day"
        if _valid_date(m.group(name)):
            out.append((m.start(name), m.end(name), "DATE_OF_BIRTH", "A date given as someone's date of birth."))


def _case_refs(text: str, out: list) -> None:
    for pattern in (_CASE_CUE, _ID_CUE):
        for m in pattern.finditer(text):
            ref = m.group("ref").rstrip("/-")
            if re.fullmatch(r"(?:19|20)\d\d", ref):
                continue  # "case in 2019" is a year, not a reference
            out.append(
                (m.start("ref"), m.start("ref") + len(ref), "CASE_REF", "A case or client reference number.")
            )
    for m in _CASE_SHAPE.finditer(text):
        out.append((m.start(), m.end(), "CASE_REF", "Looks like a case reference (letters/year/number)."))


def _addresses(text: str, out: list) -> None:
    for m in _ADDRESS.finditer(text):
        out.append((m.start(), m.end(), "ADDRESS", "A street address (house number and street)."))
    for m in _ADDRESS_ONE_WORD.finditer(text):
        out.append((m.start(), m.end(), "ADDRESS", "A street address (house number and street)."))
    for m in _ADDRESS_CUE.finditer(text):
        out.append((m.start("street"), m.end("street"), "ADDRESS", "A street where someone lives."))


# ---------------------------------------------------------------------------------------------------------
# Word sets used by the people, services and health detectors

_TITLES = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "mx": "", "dr": "", "mister": "m"}
_KIN_TITLES = frozenset(
    "auntie aunty aunt uncle granny gran grandma grandad granda grandpa nana nanna papa nan wee".split()
)
_HONORIFICS = frozenset(
    "queen king prince princess st saint fort port lord lady sir dame mount loch glen ben castle bridge new "
    "north south east west royal upper lower great little holy pope president general professor prof "
    "captain archbishop bishop cardinal baroness baron earl duke duchess".split()
)
_DETERMINERS = frozenset("the a an this these those every each any another such".split())
# Names that are also dictionary words but are nearly always names when capitalised.
_NAMES_NOT_WORDS = frozenset(
    "john peter harry mike matt nick tom tony terry victor roger sally josh max miles dean drew lee jay martin "
    "billy bobby jimmy derrick barney hector basil jasper colleen jean ken tam jock meg patsy rick randy troy "
    "noel clement dirk mickey sonny eddy gus mark sandy paddy".split()
)
_ORG_SUFFIX_WORDS = frozenset(
    "house lodge manor grange hospice nursery court cottage centre center home unit school academy college "
    "university hospital inquiry report review commission act bill trust foundation institute society "
    "association partnership council board agency fund award prize lecture church parish chapel theatre "
    "museum library gallery bank group ltd limited plc services service project hub charity network alliance "
    "forum federation union club team ward clinic surgery practice street road avenue drive crescent place "
    "terrace gardens lane way close park square wynd brae row grove view walk green hall building estate "
    "prison court tribunal police government parliament ministry department office framework standards "
    "strategy programme guidance model theory scale test syndrome disease award scotland uk".split()
)
# A service name is a distinctive word or two before a word for the kind of place. With the strong
# words ("Rowan House", "Oakwood Care Home") any capitalised name will do; the weak ones ("Club", "Hub",
# "Unit") also name ordinary things ("Book Club"), so they need a word that is not an everyday word.
_ORG_SINGLE_SUFFIX = frozenset("house lodge manor grange hospice nursery court cottage hostel".split())
_ORG_WEAK_SUFFIX = frozenset("club hub unit project centre center school service services shed cafe café".split())
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
_ORG_GENERIC_NAME = frozenset(
    "local residential nursing private care day young persons person people children family community "
    "supported recovery lunch specialist secure new old open full special youth women men adult adults "
    "older elderly mental health learning disability housing respite resource assessment additional "
    "support needs primary high social work drop".split()
)
_PUBLIC_COURTS = frozenset("sheriff high crown supreme county magistrates justice district appeal session".split())
_ORG_NOT_NAME = frozenset(
    "the a an our my your their his her this that council nhs scottish national public each every any "
    "another at in on to from".split()
)
_PUBLIC_HOUSES = frozenset({"white house", "parliament house", "bute house", "somerset house", "opera house"})

_CUE_VERBS = frozenset(
    "supported support supporting helped help helping encouraged encourage encouraging visited visit "
    "visiting met meet meeting told tell telling asked ask asking called phoned rang texted emailed reminded "
    "remind reassured reassure accompanied accompany collected drove took assisted assist comforted thanked "
    "introduced prompted prompt showed taught advised informed contacted saw seeing observed shadowed "
    "mentored coached supervised praised greeted hugged bathed dressed fed washed hoisted settled calmed "
    "welcomed invited persuaded allowed enabled empowered involved interviewed assessed referred discharged "
    "admitted named called nicknamed thank congratulated congratulate".split()
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
    }
)
_ROLE_NOUNS = frozenset(
    "son daughter mum mam mother dad father wife husband partner brother sister gran granny grandmother "
    "grandfather grandson granddaughter grandad grandpa niece nephew aunt auntie uncle cousin friend "
    "neighbour colleague manager leader supervisor client keyworker worker carer nurse resident tenant "
    "child boy girl baby pupil student learner mentee therapist ot gp psychiatrist psychologist advocate "
    "befriender volunteer peer deputy senior assistant twin stepson stepdaughter stepmum stepdad "
    "fiancé fiance fiancée fiancee boyfriend girlfriend lodger flatmate housemate person user".split()
)
_PERSONAL_NOUNS = frozenset(
    "mum mam mother dad father parents parent family son daughter wife husband partner brother sister "
    "siblings sibling gran granny grandmother grandfather grandparents carer carers aunt auntie uncle cousin "
    "friend friends neighbour neighbours keyworker worker plan room bedroom flat house home school class "
    "teacher behaviour behaviours needs wishes views voice medication meds health condition diagnosis "
    "birthday funeral death life story dog cat wheelchair mood feelings confidence progress placement "
    "hospital gp assessment appointment benefits money finances tenancy mobility safety wellbeing goals "
    "goal outcomes choices choice routine care support key social support life-story history partner's "
    "words face eyes hand hands smile trust own".split()
)
_AFTER_PERSON = re.compile(
    r"(?:['’]s?)?\s*(?:"
    r",?\s+who\b(?!\s+(?:is|are)\s+(?:a|an|the)\s+(?:organisation|charity|service))"
    r"|\s*\(\s*(?:aged?\s+)?\d{1,3}\s*(?:years?(?:\s+old)?|yrs?|yo)?\s*\)"
    r"|,\s*(?:aged\s+)?\d{1,3}\s*,"
    r"|,?\s+aged\s+\d{1,3}\b"
    r"|\s+and\s+I\b"
    r"|\s+(?:on|at)\s+(?:\+\d|0\d|\(0|[\w.+\-]{1,64}@)"
    r"|\s+from\s+(?:the|our|my|his|her)\s+(?:[\w'’\-]+\s+){0,2}?(?:group|team|ward|unit|service|club|office|"
    r"house|home|project|centre|council|school|church|mosque|shop|practice|surgery|flat|floor|hub)\b"
    r"|,?\s+(?:is|was|turned|who\s+is|now)\s+(?:nearly\s+|almost\s+|just\s+)?(?:\d{1,3}|one|two|three|four|five|six|"
    r"seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
    r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s\-](?:years?|months?)|[\s,.;]|$)"
    r"|\s+(?:(?:was|is|had|has|became|got|seemed|looked|felt|appeared|gets)\s+(?:very\s+|really\s+|quite\s+|so\s+|a\s+bit\s+|more\s+|less\s+)?"
    r"(?:upset|distressed|anxious|angry|happy|sad|tearful|agitated|calm|settled|unsettled|confused|frightened|"
    r"scared|worried|pleased|delighted|proud|excited|nervous|withdrawn|quiet|unwell|tired|poorly|admitted|"
    r"discharged|diagnosed|born|married|widowed|referred|moved|lonely|isolated|bereaved|frustrated|annoyed)"
    r"|said|says|told|tells|asked|asks|explained|shared|cried|smiled|laughed|agreed|refused|decided|wanted|"
    r"wants|likes|liked|loves|loved|enjoys|enjoyed|felt|feels|shouted|screamed|hit|kicked|fell|lives|lived|"
    r"chose|replied|responded|complained|disclosed|struggled|struggles|passed\s+away|died|arrived|nodded|"
    r"whispered|sighed|grinned|yelled|swore|apologised|apologized|celebrated|turned\s+\d+|became|began\s+to|"
    r"started\s+to|thanked|hugged|phoned|rang|texted|would\s+(?:like|love|not)|didn['’]?t|doesn['’]?t|"
    r"wasn['’]?t|isn['’]?t|couldn['’]?t|can['’]?t|won['’]?t|himself|herself|themselves|"
    r"(?:has|had)\s+(?:been\s+)?(?:living|lived|attending|attended)|moved\s+(?:in|into|to)|"
    r"(?:is|was)\s+(?:\d{1,3}|(?:a|an)\s+(?:\d{1,3}[\s\-]year[\s\-]old|young|older|elderly|retired)))\b"
    r")"
)
_CITE_AFTER = re.compile(
    r"(?:['’]s?)?\s*(?:"
    r"\(\s*(?:[^()\n]{0,40}?[,;]\s*)?(?:19|20)\d\d[a-z]?\b"
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
_AS_CITED = re.compile(
    r"(?:['’]s?)?\s+(?:\(\s*(?:19|20)\d\d[a-z]?\s*\)\s+)?(?:argues|argued|notes|noted|suggests|suggested|writes|"
    r"wrote|states|stated|puts\s+it|put\s+it|points\s+out|pointed\s+out|observes|observed|describes|"
    r"described|explains|explained|highlights|highlighted|reminds\s+us|contends|claims|claimed|"
    r"emphasises|emphasised|emphasizes|recognises|recognised|found|concludes|concluded|proposes|proposed|"
    r"defines|defined|identifies|identified|shows|showed|said|says)\b"
)
_THEORY_NOUNS = re.compile(
    r"['’]s?\s+(?:[\w\-]+\s+){0,2}?(?:model|theory|theories|cycle|framework|hierarchy|stages|ladder|triangle|"
    r"typology|concept|definition|principles|research|book|paper|article|study|commission|inquiry|report|"
    r"pyramid|matrix|iceberg|taxonomy|paradigm|quadrant|curve|wheel|grid|method|notion|idea|ideas|work\s+on|"
    r"seminal|classic)\b"
)
_PUBLICATION_NOUNS = frozenset(
    "book books report reports article articles paper papers guide toolkit video videos talk talks podcast "
    "blog study studies chapter model theory framework publication poem quote quotation speech lecture "
    "webinar keynote film documentary research review work works text essay thesis handbook textbook series "
    "novel song animation resource resources booklet leaflet cartoon comic website".split()
)
_WROTE_BY = frozenset(
    "written authored co-authored edited published coined devised proposed narrated illustrated compiled "
    "produced directed presented voiced".split()
)
_PUBLIC_ROLES = frozenset(
    "founder author co-author coauthor professor minister secretary commissioner researcher academic "
    "theorist sociologist philosopher economist writer poet novelist journalist broadcaster director "
    "executive chair chairman chairwoman president ceo msp mp lecturer".split()
)
_LOCATIVES = frozenset(
    "in at to from near around across through into outside inside within via towards toward of on onto upon "
    "over off "
    "between beyond past".split()
)
_SUBJECT_PRONOUNS = frozenset("he she they him her his their".split())
_GENERIC_SUBJECTS = frozenset(
    "people person those someone anyone everyone individuals individual adults children residents patients "
    "families carers many others users clients folk men women citizens population pupils learners staff "
    "workers colleagues we you i us".split()
)
_HEALTH_LINKS = frozenset(
    "has had have having with diagnosed diagnosis suffers suffering suffered lives living lived developed "
    "developing experiences experiencing experienced affected from of post-diagnosis after through "
    "recovering recovered since".split()
)
_HEALTH_GENERAL_AFTER = frozenset(
    "training awareness course courses module strategy strategies service services team teams nurse nurses "
    "specialist specialists ward wards unit clinic clinics charity society friendly champion champions "
    "policy policies guidance research practice practitioner practitioners workshop workshops session "
    "sessions conference support network networks care-home campaign week month day cafe café".split()
)
_NOT_HEALTH_BEFORE = frozenset("no without not never".split())


# ---------------------------------------------------------------------------------------------------------
# People


class _Context:
    """Per-scan state shared by the word-based detectors."""

    def __init__(self, text: str, lex: _Lexicon, blocked: list[tuple[int, int]]):
        self.text = text
        self.lex = lex
        self.toks = _tokens(text)
        self.blocked = sorted(blocked)
        self._blocked_starts = [b[0] for b in self.blocked]
        self._blocked_max_end: list[int] = []
        running = -1
        for _, end in self.blocked:
            running = max(running, end)
            self._blocked_max_end.append(running)
        self.no_person = [False] * len(self.toks)
        self.public_starts: set[int] = set()
        self.ref_zones = _reference_zones(text)

    def is_blocked(self, start: int, end: int) -> bool:
        i = bisect_left(self._blocked_starts, end) - 1
        return i >= 0 and self._blocked_max_end[i] > start

    def in_reference(self, pos: int) -> bool:
        zones = self.ref_zones
        i = bisect_left(zones, (pos + 1, -1)) - 1
        return i >= 0 and zones[i][0] <= pos < zones[i][1]


_REF_HEADING = re.compile(r"(?im)^[ \t#*]*(?:references|reference list|bibliography|further reading|sources)[ \t:*]*$")
_REF_LINE = re.compile(
    r"(?m)^[ \t]*(?:[-•*]|\d{1,3}[.)])?[ \t]*[A-Z][\w'’\-]{1,30},[ \t]+(?:[A-Z]\.[ \t]?){1,3}[^\n]{0,400}$"
)


def _reference_zones(text: str) -> list[tuple[int, int]]:
    zones = [(m.start(), m.end()) for m in _REF_LINE.finditer(text)]
    for m in _REF_HEADING.finditer(text):
        end = text.find("\n\n", m.end() + 1)
        zones.append((m.start(), len(text) if end < 0 else end))
    zones.sort()
    return zones


def _phrase_spans(ctx: _Context) -> list[tuple[int, int, str]]:
    """Public bodies, multi-word places and cited full names, matched on whole words."""
    toks, text, out = ctx.toks, ctx.text, []
    i = 0
    while i < len(toks):
        matched = 0
        for words, kind in ctx.lex.phrases.get(toks[i].low, ()):
            n = len(words)
            if i + n > len(toks):
                continue
            ok = all(toks[i + k].low == words[k] for k in range(1, n)) and all(
                len(_gap(text, toks, i + k)) <= 3 and "\n" not in _gap(text, toks, i + k) for k in range(1, n)
            )
            # Phrases need their capitals in the text: "enable" the verb is not ENABLE Scotland.
            if ok and (toks[i].word[0].isupper() or toks[i].word.isupper()):
                end = toks[i + n - 1].end
                if toks[i + n - 1].poss and text[end : end + 2].lower() in ("'s", "’s"):
                    end += 2
                out.append((toks[i].start, end, kind))
                matched = n
                break
        i += matched or 1
    return out


def _condition_matches(ctx: _Context) -> list[tuple[int, int]]:
    """Token ranges [i, j) naming a health condition, longest first at each position."""
    toks, text, out = ctx.toks, ctx.text, []
    conds = ctx.lex.conditions
    i = 0
    while i < len(toks):
        hit = 0
        for key in (toks[i].word, toks[i].low):
            for words, exact in conds.get(key, ()):
                n = len(words)
                if i + n > len(toks):
                    continue
                if all(
                    (toks[i + k].word if exact else toks[i + k].low) == words[k]
                    and (k == 0 or (_gap(text, toks, i + k).strip(" -") == "" and len(_gap(text, toks, i + k)) <= 2))
                    for k in range(n)
                ):
                    hit = n
                    break
            if hit:
                break
        if hit:
            out.append((i, i + hit))
            i += hit
        else:
            i += 1
    return out


def _prev_words(ctx: _Context, i: int, n: int) -> list[str]:
    """Up to n lower-cased words before token i, stopping at a sentence boundary (nearest first)."""
    out = []
    k = i
    while k > 0 and len(out) < n:
        gap = _gap(ctx.text, ctx.toks, k)
        if _BOUNDARY.search(gap) or len(gap) > 4:
            break
        k -= 1
        out.append(ctx.toks[k].low)
    return out


def _person_cue_before(ctx: _Context, i: int) -> bool:
    prev = _prev_words(ctx, i, 4)
    if not prev:
        return False
    if prev[0] in _CUE_VERBS:
        return True
    if len(prev) >= 2 and (prev[1], prev[0]) in _CUE_VERB_PAIRS:
        return True
    # "her son Kyle", "my colleague, Priya", "the resident Tadeusz", "Kyle's sister Ewa"
    if prev[0] in _ROLE_NOUNS:
        return True
    return False


def _person_cue_after(ctx: _Context, i: int, end: int) -> bool:
    text = ctx.text
    if _AFTER_PERSON.match(text, end):
        return True
    tok = ctx.toks[i]
    if tok.poss:
        # "Tadeusz's mum", "Kyle's care plan", "Mrs D's dementia"
        rest = ctx.toks[i + 1 : i + 3]
        for t in rest:
            if t.low in _PERSONAL_NOUNS:
                return True
            if t.low not in _ADJECTIVE_HINTS:
                break
    return False


_ADJECTIVE_HINTS = frozenset(
    "new old own elderly older younger little late wee eldest youngest twin step adult support care key "
    "social daily weekly current previous first second".split()
)


def _cited(ctx: _Context, i: int, j: int, start: int, end: int) -> bool:
    """True when the name at tokens [i, j) is a cited author or a public figure, not a private person."""
    text, toks = ctx.text, ctx.toks
    if ctx.in_reference(start):
        return True
    if _CITE_AFTER.match(text, end):
        return True
    last = toks[j - 1]
    if last.poss and last.low not in ctx.lex.first_names and _THEORY_NOUNS.match(text, last.end):
        return True
    if j - i == 1 and toks[i].low in ctx.lex.cited_surnames:
        return True
    prev = _prev_words(ctx, i, 10)
    if prev:
        if prev[0] in ("see", "cf") or prev[:2] == ["to", "according"]:
            return True
        if prev[0] == "as" and _AS_CITED.match(text, end):
            return True
        if prev[0] == "by":
            gap = _gap(text, toks, i - 1)
            if (len(prev) > 1 and prev[1] in _WROTE_BY) or any(w in _PUBLICATION_NOUNS for w in prev[1:]):
                return True
            if any(q in gap for q in "'’”\"") or (i >= 2 and any(q in _gap(text, toks, i - 1) for q in ")")):
                return True
            k = i - 2
            if k >= 0 and toks[k].end < len(text) and text[toks[k].end : toks[k].end + 1] in "'’”\"":
                return True
        # "founder of Open Space, Harrison Owen"; "Director of Joint Reviews, Sue Mead"
        for n, w in enumerate(prev):
            if w in _PUBLIC_ROLES:
                between = toks[i - n : i]
                if all(t.cap or t.low in ("of", "for", "at", "the", "and", "&") for t in between):
                    return True
                break
            if n >= 6:
                break
    # A spokesperson named with a public body: "Gloria McLoughlin of Scottish Care", "X, Chief Executive of SSSC"
    if j - i >= 2:
        m = _OF_BODY.match(text, end)
        if m and m.end() in ctx.public_starts:
            return True
    # A quotation's attribution: "— Myron Rogers" or "Gloria McLoughlin - Scottish Care" on its own line.
    line_start = text.rfind("\n", max(0, start - 200), start) + 1
    if line_start > 0 or start < 200:
        before = text[line_start:start]
        if re.fullmatch(r"[ \t]*[-–—~][ \t]*", before):
            return True
        if before.strip() == "" and re.match(r"[ \t]*[-–—][ \t]+[A-Z]", text[end : end + 40]):
            return True
    return False


_OF_BODY = re.compile(r"(?:,\s+(?:[\w\-]+\s+){1,4}?)?\s*(?:of|at)\s+(?:the\s+)?")


def _surname_ok(ctx: _Context, k: int) -> bool:
    tok = ctx.toks[k]
    if not tok.cap or tok.low in ctx.lex.stop_caps or tok.low in _TITLES or tok.low in _ORG_SUFFIX_WORDS:
        return False
    return not ctx.no_person[k]


def _extend_surname(ctx: _Context, i: int, limit: int = 2) -> int:
    """Index after the last token of a name starting at token i: "Priya Natarajan", "Mary-Jane O'Neill"."""
    toks, text = ctx.toks, ctx.text
    j = i + 1
    while j < len(toks) and j - i <= limit and not toks[j - 1].poss:
        gap = _gap(text, toks, j)
        if not _adjacent(gap):
            break
        if toks[j].low in ("van", "von", "de", "da", "del", "der", "di", "le", "la", "bin", "al", "el", "ibn", "ap"):
            if j + 1 < len(toks) and _adjacent(_gap(text, toks, j + 1)) and _surname_ok(ctx, j + 1):
                j += 2
                continue
            break
        if not _surname_ok(ctx, j):
            break
        j += 1
    return j


def _org_run(ctx: _Context, i: int) -> bool:
    """True when token i starts or sits in a run of capitalised words that ends in an organisation word."""
    toks, text = ctx.toks, ctx.text
    k = i + 1
    while k < len(toks) and k - i <= 5 and _adjacent(_gap(text, toks, k)):
        t = toks[k]
        if t.low in _ORG_SUFFIX_WORDS and t.word[0].isupper():
            return True
        if not (t.cap or t.low in ("of", "and", "for", "&")) or toks[k - 1].poss and t.low not in _ORG_SUFFIX_WORDS:
            break
        k += 1
    return False


def _people(ctx: _Context, taken: list[tuple[int, int]]) -> list[tuple[int, int, str, str]]:
    text, toks, lex = ctx.text, ctx.toks, ctx.lex
    found: list[tuple[int, int, str, str]] = []
    taken_starts = sorted(taken)
    starts = [s for s, _ in taken_starts]
    max_end: list[int] = []
    running = -1
    for _, e in taken_starts:
        running = max(running, e)
        max_end.append(running)

    def is_taken(s: int, e: int) -> bool:
        x = bisect_left(starts, e) - 1
        return x >= 0 and max_end[x] > s

    confirmed: set[str] = set()
    public_until = -1  # end of the last name judged a public figure, for "West and Dawson" lists
    covered_until = -1

    def add(i: int, j: int, start: int, reason: str) -> bool:
        nonlocal public_until, covered_until
        end = toks[j - 1].end
        if is_taken(start, end) or ctx.is_blocked(start, end):
            return False
        joined = text[public_until:start] if public_until >= 0 else None
        if joined is not None and re.fullmatch(r"\s*(?:,|and|&|,\s*and)\s*", joined):
            public_until = end
            return False
        if _cited(ctx, i, j, start, end):
            public_until = end
            return False
        found.append((start, end, "PERSON", reason))
        covered_until = end
        for k in range(i, j):
            if toks[k].low not in _TITLES and toks[k].low not in _KIN_TITLES:
                confirmed.add(toks[k].low)
        return True

    n = len(toks)
    i = 0
    while i < n:
        tok = toks[i]
        if tok.start < covered_until or ctx.no_person[i]:
            i += 1
            continue
        low = tok.low
        # Title + surname: "Mrs Dunsmore", "Dr Patel", "Mr John Smith"
        if low in _TITLES and tok.word[0].isupper() and i + 1 < n:
            gap = _gap(text, toks, i + 1)
            if re.fullmatch(r"\.? {1,2}", gap) and _surname_ok(ctx, i + 1) and not tok.poss:
                j = _extend_surname(ctx, i + 1)
                if add(i, j, tok.start, f"A title followed by a name ({tok.word} …)."):
                    i = j
                    continue
            i += 1
            continue
        if not tok.cap or len(tok.word) < 2:
            i += 1
            continue
        # "Auntie Jean", "Granny Rose": the name after a family title
        if low in _KIN_TITLES and i + 1 < n and _adjacent(_gap(text, toks, i + 1)) and _surname_ok(ctx, i + 1):
            j = _extend_surname(ctx, i + 1, limit=1)
            if add(i + 1, j, toks[i + 1].start, "A family title followed by a name."):
                i = j
                continue
        verdict = _name_verdict(ctx, i)
        if verdict:
            j = _extend_surname(ctx, i)
            add(i, j, tok.start, verdict)
            i = max(j, i + 1)
            continue
        i += 1

    # Second pass: later mentions of a name already found ("Mrs Dunsmore" … "Dunsmore"; "Kyle" … "Kyle").
    if confirmed:
        covered = sorted((s, e) for s, e, _, _ in found)
        cstarts = [s for s, _ in covered]
        for i, tok in enumerate(toks):
            if not tok.cap or tok.low not in confirmed or ctx.no_person[i]:
                continue
            x = bisect_left(cstarts, tok.end) - 1
            if x >= 0 and covered[x][1] > tok.start:
                continue
            if _preceded_by(ctx, i, _DETERMINERS) or _preceded_by_cap(ctx, i) or _org_run(ctx, i):
                continue
            if is_taken(tok.start, tok.end) or ctx.is_blocked(tok.start, tok.end):
                continue
            if _cited(ctx, i, i + 1, tok.start, tok.end):
                continue
            found.append((tok.start, tok.end, "PERSON", "The same name as a person found elsewhere in the text."))
    return found


def _preceded_by(ctx: _Context, i: int, words: frozenset[str]) -> bool:
    prev = _prev_words(ctx, i, 1)
    return bool(prev) and prev[0] in words


def _preceded_by_cap(ctx: _Context, i: int) -> bool:
    """True for "Queen Margaret", "Fort William", "St Mary": a name inside a longer proper noun."""
    if i == 0 or not _adjacent(_gap(ctx.text, ctx.toks, i)):
        return False
    prev = ctx.toks[i - 1]
    return prev.low in _HONORIFICS and prev.word[0].isupper()


def _is_first_name(lex: _Lexicon, low: str) -> bool:
    if low in lex.first_names:
        return True
    head, _, tail = low.partition("-")
    return bool(tail) and head in lex.first_names  # Kerry-Ann, Jean-Pierre


_OWNER_WORDS = frozenset("my his her their our your whose".split())
_ROLE_MODIFIERS = frozenset(
    "social support key care line team new old eldest youngest younger older elder late little wee twin "
    "step adult foster birth named".split()
)


def _role_apposition(ctx: _Context, i: int) -> bool:
    """True for "her mum, Comfort", "my colleague Priya", "Kyle's sister Ewa": a role owned by someone."""
    prev = _prev_words(ctx, i, 4)
    if not prev or prev[0] not in _ROLE_NOUNS:
        return False
    k = 1
    while k < len(prev) and prev[k] in _ROLE_MODIFIERS:
        k += 1
    if k < len(prev) and prev[k] in _OWNER_WORDS:
        return True
    owner = i - 1 - k
    return owner >= 0 and ctx.toks[owner].poss


def _in_capitalised_run(ctx: _Context, i: int, start_of_sentence: bool) -> bool:
    """True inside "the Young Carer Grant" or "Open Space Technology", where a name-like word is not a name."""
    if start_of_sentence or i == 0 or not _adjacent(_gap(ctx.text, ctx.toks, i)):
        return False
    prev = ctx.toks[i - 1]
    lex = ctx.lex
    if not prev.cap or prev.poss or _is_first_name(lex, prev.low) or prev.low in _TITLES or prev.low in _KIN_TITLES:
        return False
    if prev.low in lex.stop_caps and prev.low not in _ORG_SUFFIX_WORDS:
        return False  # "Every Friday Effie", "On Thursday Wojciech"
    # "Dear Kyle", "Yesterday Kyle": an ordinary word that only has a capital because it starts the sentence
    return not (_sentence_start(ctx.text, prev.start) and (prev.low in lex.words or prev.low in lex.stop_caps))


def _name_verdict(ctx: _Context, i: int) -> str:
    """Why token i (capitalised) starts a person's name, or "" when it does not."""
    lex, text, toks = ctx.lex, ctx.text, ctx.toks
    tok = toks[i]
    low = tok.low
    if low in lex.cited_surnames and low not in lex.first_names:
        return ""
    if _preceded_by(ctx, i, _DETERMINERS) or _preceded_by_cap(ctx, i) or _org_run(ctx, i):
        return ""
    start_of_sentence = _sentence_start(text, tok.start)
    if _in_capitalised_run(ctx, i, start_of_sentence):
        return ""
    before = _person_cue_before(ctx, i)
    j = _extend_surname(ctx, i)
    has_surname = j > i + 1
    after = _person_cue_after(ctx, i, tok.end) or (has_surname and _person_cue_after(ctx, j - 1, toks[j - 1].end))
    surname_unusual = has_surname and all(
        toks[k].low not in lex.words and toks[k].low not in lex.places for k in range(i + 1, j)
    )
    cue = "A first name with a person cue next to it."
    if _is_first_name(lex, low):
        if low in lex.stop_caps or len(low) <= 2:
            # May, June, Jan, Christian, Ed: only with a person cue or an unusual surname
            return cue if before or after or surname_unusual else ""
        common = low in lex.words and low not in _NAMES_NOT_WORDS
        place = low in lex.places
        if not (common or place):
            return "A common first name."
        if before or after or surname_unusual:
            return cue
        title_case = i + 1 < len(toks) and toks[i + 1].cap and _adjacent(_gap(text, toks, i + 1)) and not has_surname
        if start_of_sentence or title_case:
            return ""
        if place and _preceded_by(ctx, i, _LOCATIVES):
            return ""
        return "" if common and place else "A first name, capitalised mid-sentence."
    # Not a known first name: only with a clear person cue, and only for words that are not ordinary words,
    # places or everyday capitalised words; an ordinary word only as a named relative ("her mum, Comfort").
    if low in lex.places or low in lex.stop_caps or len(low) < 3:
        return ""
    if low in lex.words:
        return "A name given to someone's relative or worker." if _role_apposition(ctx, i) else ""
    if not (before or after):
        return ""
    return "A capitalised name in a person cue (for example \u201ctold me\u201d or \u201cher son\u201d)."


# ---------------------------------------------------------------------------------------------------------
# Local services and health conditions


def _local_services(ctx: _Context) -> list[tuple[int, int, str, str]]:
    toks, text, lex = ctx.toks, ctx.text, ctx.lex
    out = []
    for i, tok in enumerate(toks):
        suffix_len = 0
        weak = False
        if tok.low in _ORG_SINGLE_SUFFIX and tok.word[0].isupper():
            suffix_len = 1
        elif tok.low in _ORG_WEAK_SUFFIX and tok.word[0].isupper():
            suffix_len, weak = 1, True
        else:
            for words in _ORG_MULTI_SUFFIX:
                n = len(words)
                if i + n <= len(toks) and all(toks[i + k].low == words[k] for k in range(n)):
                    if all(_adjacent(_gap(text, toks, i + k)) for k in range(1, n)):
                        if n == 1 and not tok.word[0].isupper():
                            continue
                        suffix_len = n
                        break
        if not suffix_len or i == 0:
            continue
        # Walk back over the capitalised name: "Rowan", "Parkside Young Persons", "St Columba's"
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
        name = " ".join(t.low for t in toks[k : i + suffix_len])
        if name in _PUBLIC_HOUSES or ctx.is_blocked(start, end):
            continue
        if tok.low == "court" and toks[i - 1].low in _PUBLIC_COURTS:
            continue
        if re.search(r"\d[\w/]*,?\s+$", text[max(0, start - 8) : start]):
            continue  # "14 Rowan Court" is an address
        if all(t.low in lex.places or t.low in lex.stop_caps for t in name_toks) and suffix_len == 1:
            continue  # "Glasgow House", "Scotland House": too general to identify anyone
        if weak and all(t.low in lex.words or t.low in lex.places or t.low in lex.stop_caps for t in name_toks):
            continue  # "Book Club", "Rotary Club"
        out.append((start, end, "ORG_LOCAL", "A named local service that could identify the people it serves."))
    return out


def _quoted(text: str, pos: int) -> bool:
    """True when pos sits inside an open quotation in its sentence: 'it was all about my stroke'."""
    window = text[max(0, pos - 200) : pos]
    cut = max(window.rfind("\n"), window.rfind(". "))
    window = window[cut + 1 :]
    return "“" in window and "”" not in window.split("“")[-1] or bool(re.search(r"(?:^|[\s(])‘[^’]*$", window))


def _health(ctx: _Context, people: list[tuple[int, int, str, str]], matches: list[tuple[int, int]]) -> list:
    toks, text = ctx.toks, ctx.text
    if not matches or not people:
        return []
    pstarts = sorted(s for s, _, _, _ in people)
    pspans = sorted((s, e) for s, e, _, _ in people)
    out = []

    def person_token(k: int) -> bool:
        x = bisect_left(pstarts, toks[k].end) - 1
        return x >= 0 and pspans[x][1] >= toks[k].end and pspans[x][0] <= toks[k].start

    def person_near(pos: int) -> bool:
        x = bisect_left(pstarts, pos) - 1
        return x >= 0 and pos - pstarts[x] <= 400

    for i, j in matches:
        start, end = toks[i].start, toks[j - 1].end
        if ctx.is_blocked(start, end):
            continue
        if toks[j - 1].poss and toks[j - 1].low in ("alzheimer", "parkinson", "huntington", "crohn", "down"):
            end += 2 if text[end : end + 2].lower() in ("'s", "’s") else 0
        if j < len(toks) and toks[j].low in _HEALTH_GENERAL_AFTER and _adjacent(_gap(text, toks, j)):
            continue
        linked = ""
        k = i - 1
        steps = 0
        while k >= 0 and steps < 8:
            gap = _gap(text, toks, k + 1)
            if _BOUNDARY.search(gap):
                break
            t = toks[k]
            if person_token(k) and t.poss and steps <= 3:
                linked = "A health condition attached to a named person."
                break
            if t.low in ("his", "her", "their") and steps <= 3 and person_near(start):
                linked = "A health condition of a person named nearby."
                break
            if t.poss and t.low in _ROLE_NOUNS and steps <= 3 and person_near(start):
                linked = "A health condition of a named person's relative."
                break
            if t.low == "my" and steps <= 3 and person_near(start) and _quoted(text, start):
                linked = "A health condition a named person describes in their own words."
                break
            if t.low in _NOT_HEALTH_BEFORE:
                break
            if t.low in _HEALTH_LINKS:
                # Who has it? Look further back in the same sentence for a person or a pronoun.
                before = toks[k - 1].low if k > 0 else ""
                if before in _GENERIC_SUBJECTS:
                    break
                m = k - 1
                while m >= 0 and k - m <= 12:
                    if _BOUNDARY.search(_gap(text, toks, m + 1)):
                        break
                    if person_token(m):
                        linked = "A health condition attached to a named person."
                        break
                    if toks[m].low in _SUBJECT_PRONOUNS and person_near(start):
                        linked = "A health condition of a person named nearby."
                        break
                    if toks[m].low in _GENERIC_SUBJECTS:
                        break
                    m -= 1
                break
            k -= 1
            steps += 1
        if linked:
            out.append((start, end, "HEALTH", linked))
    return out


# ---------------------------------------------------------------------------------------------------------
# Scan and redact


def _allowed_spans(text: str, allow: Iterable[str]) -> list[tuple[int, int]]:
    phrases = sorted({p.strip() for p in allow if p and p.strip()}, key=len, reverse=True)
    if not phrases:
        return []
    body = "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in phrases)
    pattern = re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.I)
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def _resolve(candidates: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """Keep the best of overlapping candidates: higher priority first, then the longer span."""
    ordered = sorted(candidates, key=lambda c: (-_PRIORITY[c[2]], -(c[1] - c[0]), c[0]))
    starts: list[int] = []
    ends: list[int] = []
    kept = []
    for c in ordered:
        s, e = c[0], c[1]
        if s >= e:
            continue
        x = bisect_left(starts, s)
        if x > 0 and ends[x - 1] > s:
            continue
        if x < len(starts) and starts[x] < e:
            continue
        starts.insert(x, s)
        ends.insert(x, e)
        kept.append(c)
    kept.sort()
    return kept


def scan(text: str, allow: Iterable[str] = ()) -> list[Finding]:
    """Private information in `text`, sorted by position and never overlapping.

    `allow` holds phrases the user has said are fine to publish (matched case-insensitively on whole
    words); nothing overlapping one of them is reported.
    """
    if not text:
        return []
    lex = _lexicon()
    allowed = _allowed_spans(text, allow)

    structured: list[tuple[int, int, str, str]] = []
    _emails(text, structured)
    _health_numbers(text, structured)
    _ni_numbers(text, structured)
    _phones(text, structured)
    _postcodes(text, structured)
    _dates_of_birth(text, structured)
    _case_refs(text, structured)
    _addresses(text, structured)

    ctx = _Context(text, lex, allowed)
    phrases = _phrase_spans(ctx)
    ctx = _Context(text, lex, allowed + [(s, e) for s, e, _ in phrases])
    ctx.public_starts = {s for s, _, kind in phrases if kind == "public"}
    conditions = _condition_matches(ctx)
    for i, j in conditions:
        for k in range(i, j):
            ctx.no_person[k] = True
    services = _local_services(ctx)
    taken = [(s, e) for s, e, _, _ in structured] + [(s, e) for s, e, _, _ in services]
    people = _people(ctx, taken)
    health = _health(ctx, people, conditions)

    findings = []
    for start, end, label, reason in _resolve(structured + services + people + health):
        if allowed and _overlaps_any(start, end, allowed):
            continue
        findings.append(Finding(start, end, label, text[start:end], reason))
    return findings


def _overlaps_any(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _letters(n: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: enough letters for any number of people."""
    out = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


class _Pseudonyms:
    """Gives each distinct person or service one letter, reused for every later mention."""

    def __init__(self) -> None:
        self.people: list[tuple[set[str], str, str]] = []  # (name words, gender from title, letter)
        self.services: dict[str, str] = {}

    def person(self, name: str) -> str:
        words = [w.casefold() for w in re.findall(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*", name)]
        gender = ""
        if words and words[0] in _TITLES:
            gender = _TITLES[words[0]]
        words = [w for w in words if w not in _TITLES and w not in _KIN_TITLES] or words
        key = set(words)
        surname = words[-1] if words else ""
        for known, known_gender, letter in self.people:
            if gender and known_gender and gender != known_gender:
                continue
            if key == known or (len(words) == 1 and words[0] in known) or (len(known) == 1 and key & known):
                return f"Person {letter}"
            if len(words) > 1 and surname in known and words[0] in known:
                return f"Person {letter}"
        letter = _letters(len(self.people))
        self.people.append((key, gender, letter))
        return f"Person {letter}"

    def service(self, name: str) -> str:
        key = re.sub(r"^the\s+", "", " ".join(name.casefold().split()))
        if key not in self.services:
            self.services[key] = _letters(len(self.services))
        return f"Service {self.services[key]}"


def redact(text: str, findings: Sequence[Finding], pseudonyms: bool = False) -> str:
    """`text` with each finding replaced: "[PHONE]", or with `pseudonyms` "Person A" and "Service A".

    Text outside the findings is kept byte for byte. A finding that overlaps an earlier one is skipped.
    Raises ValueError for a finding that does not match `text` (the text changed since it was scanned).
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
