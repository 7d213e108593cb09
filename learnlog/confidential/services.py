"""Named local services: a distinctive name before a word for a kind of place, or described as one."""

from __future__ import annotations

from learnlog.confidential.context import _Context
from learnlog.confidential.findings import Candidate
from learnlog.confidential.lexicon import _Lexicon
from learnlog.confidential.patterns import _adjacent, _gap, _Pattern, _sentence_start, _words
from learnlog.confidential.people import _is_first_name
from learnlog.confidential.vocabulary import (
    _NOT_MODIFIER,
    _ORG_GENERIC_NAME,
    _ORG_MULTI_BY_FIRST,
    _ORG_NOT_NAME,
    _ORG_SINGLE_SUFFIX,
    _ORG_WEAK_SUFFIX,
    _PUBLIC_COURTS,
    _PUBLIC_HOUSES,
    _TITLES,
)

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
