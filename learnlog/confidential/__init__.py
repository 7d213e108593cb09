"""Finds private information in reflective writing before it becomes public badge evidence.

`scan(text)` returns non-overlapping `Finding`s sorted by position; `redact(text, findings)` replaces
them with placeholders or consistent pseudonyms. Everything here is pure: no database, no user files,
no network.

How each kind is found, surest first:
- identifiers with a check digit or a fixed shape (NHS and CHI numbers, NI numbers, postcodes, e-mail
  addresses, phone numbers validated by `phonenumbers`) are trusted on their own;
- dates of birth, case references and street addresses need a cue next to them ("DOB", "case ref", a
  house number before a street word);
- people, local services and health conditions come from the word lists in `data/` plus
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
use, so importing this package stays cheap.

One module per family of detectors: `identifiers` (check digits and fixed shapes), `cued` (values after
a cue), `people` (names), `informal_names` (lower case, initials, nicknames), `public_figures` (authors,
actors and ministers, who are not flagged), `services`, `health`, `overlaps` (which candidate wins, the
allowlist) and `redaction` (placeholders and the `PseudonymMap`); `context`, `lexicon`, `vocabulary` and
`patterns` hold what they share. Word lists live in `data/`: the big ones load on the first scan through
learnlog's cache, the cue words of the rules (`data/cues.txt`) when the package is imported.
"""

from __future__ import annotations

from collections.abc import Iterable

from learnlog.confidential.context import _condition_matches, _Context, _phrase_spans
from learnlog.confidential.cued import _addresses_by_cue, _case_refs, _dates_of_birth, _numbered_addresses
from learnlog.confidential.findings import LABELS, Candidate, Finding
from learnlog.confidential.health import _health
from learnlog.confidential.identifiers import _digit_windows, _emails, _health_numbers, _ni_numbers, _phones, _postcodes
from learnlog.confidential.lexicon import _lexicon
from learnlog.confidential.overlaps import _allowed_spans, _join_health, _resolve
from learnlog.confidential.patterns import _MAX_TOKEN, _Spans
from learnlog.confidential.people import _people
from learnlog.confidential.redaction import PseudonymMap, redact
from learnlog.confidential.services import _local_services
from learnlog.text import tokens

__all__ = ["LABELS", "Finding", "PseudonymMap", "redact", "scan"]

_NUMBER_DETECTORS = (
    _health_numbers,
    _ni_numbers,
    _phones,
    _postcodes,
    _dates_of_birth,
    _case_refs,
    _numbered_addresses,
)


# A scan holds a few dozen bytes per character (tokens, spans, flags): 20 MB of text at once took over a
# gigabyte. Longer texts are scanned in windows this long, each read with a margin of context either side
# wider than any detector looks (a pronoun reaches back 1,500 characters), so memory stays that of one
# window and time stays linear. What a window cannot see is a name confirmed in another window.
_WINDOW = 200_000
_MARGIN = 4_000


def scan(text: str, allow: Iterable[str] = ()) -> list[Finding]:
    """Private information in `text`, sorted by position and never overlapping.

    `allow` holds phrases the user has said are fine to publish (matched case-insensitively on whole
    words); nothing overlapping one of them is reported.
    """
    if len(text) <= _WINDOW + _MARGIN:
        return [Finding(s, e, label, text[s:e], reason) for s, e, label, reason in _scan_window(text, allow)]
    allow = tuple(allow)
    out: list[Finding] = []
    for lo, hi in _windows(text):
        begin, finish = _break_before(text, max(0, lo - _MARGIN)), _break_before(text, min(len(text), hi + _MARGIN))
        for s, e, label, reason in _scan_window(text[begin:finish], allow):
            start = s + begin
            if lo <= start < hi and (not out or out[-1].end <= start):
                out.append(Finding(start, e + begin, label, text[start : e + begin], reason))
    return out


def _break_before(text: str, pos: int) -> int:
    """The start of the line (or else the word) that pos falls in, so no window cuts a word in two."""
    if pos in (0, len(text)):
        return pos
    for sep in ("\n", " "):
        cut = text.rfind(sep, max(0, pos - 2_000), pos)
        if cut >= 0:
            return cut + 1
    return pos


def _windows(text: str) -> list[tuple[int, int]]:
    """[lo, hi) stretches of about _WINDOW characters covering the text, each ending where a line does."""
    bounds = [0]
    while len(text) - bounds[-1] > _WINDOW:
        cut = _break_before(text, bounds[-1] + _WINDOW)
        bounds.append(cut if cut > bounds[-1] else bounds[-1] + _WINDOW)
    bounds.append(len(text))
    return list(zip(bounds, bounds[1:], strict=False))


def _scan_window(text: str, allow: Iterable[str]) -> list[Candidate]:
    """The findings of one stretch of text as (start, end, label, reason): a Finding is made once, by scan."""
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

    ctx = _Context(text, lex, tokens(text, max_len=_MAX_TOKEN))
    phrases = _phrase_spans(ctx)
    ctx.blocked = _Spans(allowed + [(s, e) for s, e, _ in phrases])
    ctx.public_starts = {s for s, _, kind in phrases if kind == "public"}
    ctx.public_blocked = _Spans(allowed + [(s, e) for s, e, kind in phrases if kind != "place"])
    conditions = _condition_matches(ctx)
    for i, j in conditions:
        if ctx.health_kind.get(i) in ("condition", "treatment"):
            ctx.condition_starts[ctx.toks[i].start] = j
        for k in range(i, j):
            ctx.no_person[k] = True  # "Parkinson's", "Down's syndrome" name conditions, not people
    services = _local_services(ctx)
    taken = _Spans([(s, e) for s, e, _, _ in structured] + [(s, e) for s, e, _, _ in services])
    people = _people(ctx, taken)
    health = _health(ctx, people, conditions)

    allowed_spans = _Spans(allowed)
    return [
        c
        for c in _join_health(text, _resolve(structured + services + people + health))
        if not allowed_spans.overlaps(c[0], c[1])
    ]
