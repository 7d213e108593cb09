"""Identifiers trusted on their shape or check digit: NHS, CHI and NI numbers, postcodes, e-mail, phones."""

from __future__ import annotations

import re
from functools import lru_cache

from learnlog.confidential.patterns import _alternation, _cues, _Pattern

# ---------------------------------------------------------------------------------------------------------
# Identifiers with a check digit or a fixed shape

# NHS numbers and CHI numbers share the mod-11 check: weights 10..2 on the first nine digits,
# check = 11 - (sum mod 11); 11 means 0 and 10 means the number cannot be valid.
_TEN_DIGITS = _Pattern(
    r"(?<![\w+])(?<!\d[ -])(?<!\))(?<!\) )"
    r"(?:(\d{3})([ -]?)(\d{3})\2(\d{4})|(\d{6})[ -](\d{4}))(?![ -]?\d)(?!\w)"
)
_NI = _Pattern(r"(?<![A-Za-z0-9])([A-Z])([A-Z]) ?(\d\d) ?(\d\d) ?(\d\d) ?([A-D])(?![A-Za-z0-9])")
_NI_GIVEN_AS = _Pattern(r"\b(?:NI|NINO|national\s+insurance)(?:\s+(?:no|number)\b\.?)?[^.\n\d]{0,25}$", re.I)
_NI_BAD_PAIRS = frozenset({"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})
_POSTCODE = _Pattern(r"(?<![A-Za-z0-9])([A-Z]{1,2})(\d)([A-Z\d]?) ?(\d)([ABD-HJLNP-UW-Z]{2})(?![A-Za-z0-9])")
_POSTCODE_AREAS = _cues("postcode_areas")
_EMAIL = _Pattern(r"(?<![\w.%+\-])[\w.%+\-]{1,64}@[A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63}){1,6}")
# UK writers give a trunk 0 or an international prefix; a bare "7188234455" is an invoice or batch number.
# A bracket may open the number, "(01382) 496 311" or "(+44 7700 900777)", but a 0 just after "(" is the
# optional trunk zero in "+44 (0)141 …", where the number started earlier.
_PHONE = _Pattern(r"(?<![\w+])(?:(?<!\()\+|\(\+|(?<!\()00|\(0|(?<!\()0)[\d ()\-.]{7,20}\d(?!\w)(?!\.\d)")
_PHONE_CUE = _Pattern(rf"\b{_alternation('phone_cues')}\b[.:]?[^.!?\n]{{0,32}}$", re.I)
_CHI_CUE = _Pattern(r"\bCHI\b", re.I)
# "invoice 4010232137": numbers of things, not of people, that may pass the mod-11 check by chance
_NOT_HEALTH_NUMBER = _Pattern(
    rf"\b{_alternation('not_health_number_words')}\b(?:\s+(?:no|number|num|ref|reference|id|code))?\.?[\s:#]*$", re.I
)
_NHS_CUE = _Pattern(r"\bNHS\b", re.I)
# The label itself just before the number: "CHI: ", "CHI for baby: ", "NHS no. ", "NHS number is "
_GIVEN_AS = _Pattern(r"\b(CHI|NHS)(?:\s+(?:no|number|num)\b\.?)?(?:\s+(?:is|was|for\s+\w+))?\s*[:=#\-–]?\s*$", re.I)


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
        if len(digits) != 10:
            continue
        before = text[max(0, m.start() - 80) : m.start()]
        if not _mod11_ok(digits):
            # "CHI: 1407494532" with a digit mistyped still identifies the patient: right after its own
            # label the number is one, whatever the check digit says.
            cue = _GIVEN_AS.search(before[-30:])
            if cue:
                label = "CHI_NUMBER" if cue.group(1).upper() == "CHI" else "NHS_NUMBER"
                out.append((m.start(), m.end(), label, f"A ten-digit number given as a {cue.group(1)} number."))
            continue
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
            if _NI_GIVEN_AS.search(text, max(0, m.start() - 40), m.start()):
                # "NI number on the form was QQ 12 34 56 C": a prefix never issued, but given as someone's number
                out.append((m.start(), m.end(), "NI_NUMBER", "A number given as someone's National Insurance number."))
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
    pos = lo
    while True:
        m = _PHONE.search(text, pos, hi)
        if m is None:
            return
        pos = m.end()
        candidate = m.group().rstrip(" -.(")
        begin = m.start()
        length = 0
        if sum(c.isdigit() for c in candidate) > 13:
            # Two numbers in a row, "0141 496 0000 0131 496 0123", read as one: take the first that is
            # a number by itself, and look for the next one just after it.
            for cut in (k for k, c in enumerate(candidate) if c == " "):
                length = _phone_length(text, begin, candidate[:cut].rstrip(" -."))
                if length:
                    pos = begin + length
                    break
            else:
                # "ref 0000 0141 496 0000": no number starts at the first group, so look again from the
                # next group rather than after the whole run (which would start inside the real number).
                space = candidate.find(" ")
                if space > 0:
                    pos = begin + space + 1
        else:
            if candidate.startswith("(") and candidate.count("(") > candidate.count(")"):
                candidate, begin = candidate[1:], begin + 1  # "(07700 900 283)": the bracket closes after it
            length = _phone_length(text, begin, candidate)
        if length:
            out.append((begin, begin + length, "PHONE", "A telephone number."))


def _phone_length(text: str, begin: int, candidate: str) -> int:
    """len(candidate) when it is a telephone number, else 0."""
    digits = sum(c.isdigit() for c in candidate)
    if not 9 <= digits <= 15 or candidate.count("(") != candidate.count(")"):
        return 0
    if re.fullmatch(r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}.*", candidate):
        return 0  # a date, perhaps followed by a time
    verdict = _phone_verdict(candidate)
    cue = _PHONE_CUE.search(text, max(0, begin - 48), begin) is not None
    # "Possible" numbers (the right length, in no allocated range, such as the drama numbers Ofcom
    # keeps for fiction) count with a cue, or at the 11 digits of a UK national number; an NHS or CHI
    # number with a bad check digit has 10 and stays unflagged.
    national = (candidate.startswith("0") and not candidate.startswith("00") and digits == 11) or (
        candidate.lstrip("(").startswith("+44") and digits == 12  # the same number as +44 7700 900558, "(+44) 7700 …"
    )
    if verdict == 2 or (verdict == 1 and (cue or national)):
        return len(candidate)
    # "phoned her on 07700 9004181", "direct line is 0131 496 00123": a digit too many or an area code that
    # does not fit still gives someone's number when the text says it is one; helplines (03, 08, 09) stay out.
    trunk = candidate.lstrip("(").removeprefix("+44").lstrip(" ()0")
    return len(candidate) if cue and 10 <= digits <= 13 and trunk[:1] in "1267" else 0


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
