"""Named local services: a distinctive name before a word for a kind of place, or described as one."""

from __future__ import annotations

import re

from learnlog.confidential.context import _Context
from learnlog.confidential.findings import Candidate
from learnlog.confidential.informal_names import _writes_in_lower_case
from learnlog.confidential.lexicon import _is_first_name, _Lexicon
from learnlog.confidential.patterns import _adjacent, _alternation, _cues, _gap, _Pattern, _sentence_start, _Spans
from learnlog.confidential.vocabulary import (
    _NOT_MODIFIER,
    _ORG_GENERIC_NAME,
    _ORG_MULTI_BY_FIRST,
    _ORG_NOT_NAME,
    _ORG_PLACE_NAMED,
    _ORG_SINGLE_SUFFIX,
    _ORG_WEAK_SUFFIX,
    _PUBLIC_COURTS,
    _PUBLIC_HOUSES,
    _TITLES,
)

# ---------------------------------------------------------------------------------------------------------
# Local services and health conditions


# Street words that also name services: "Kirkton Gardens, a supported-living project", "staff at Harbour View".
_ORG_STREET_SUFFIX = _cues("org_street_suffix")
# What a service is called in an apposition after its name.
_SERVICE_HEADS = (
    _alternation("appositive_service_heads")
    + r"|(?:sheltered|supported|retirement|extra[\s\-]care)\s+(?:housing\s+)?scheme"
)
# The head ends the description, or a word that goes on to say where, what or who it serves follows.
_SERVICE_APPOSITIVE = _Pattern(
    rf",?\s+(?:a|an|the|our|one\s+of\s+(?:the|our))\s+(?:{_NOT_MODIFIER}[\w'’\-]+\s+){{0,4}}?(?:{_SERVICE_HEADS})"
    rf"(?![\w'’\-])(?=\s*[,.;:)!?—–]|\s*$|\s+{_alternation('appositive_service_followers')}\b)"
)
_SERVICE_CONTEXT = _cues("service_context")
_ADMISSION_WORDS = _cues("admission_words")
_SERVICE_CONTEXT_VERBS = _cues("service_context_verbs")


def _service_context(ctx: _Context, k: int, end: int) -> bool:
    """True for "staff at …", "residents of …", "I worked at …", or a name followed by "a care home"."""
    prev = ctx.prev_words(k, 3)
    prev = prev[1:] if prev[:1] == ["the"] else prev[:2]  # "staff at the Harbour View"
    if len(prev) == 2 and prev[0] in ("at", "of", "in", "from") and prev[1] in _SERVICE_CONTEXT:
        return True
    if len(prev) == 2 and prev[0] == "at" and prev[1] in _SERVICE_CONTEXT_VERBS:
        return True
    if len(prev) == 2 and prev[0] in ("to", "from", "into") and prev[1] in _ADMISSION_WORDS:
        return True  # "admitted to", "several admissions to", "discharged from"
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


# "Ward 12 at the Infirmary", "Ward 4 at the Royal Edinburgh": a hospital ward someone was in
_WARD = _Pattern(
    r"\bWard\s+\d{1,3}[A-Za-z]?\b(?:\s+(?:at|in|of)\s+(?:the\s+)?[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){0,3})?"
)
# "from St Columba's up the road", "St Margaret's church hall", "the stroke unit at St John's": a saint's
# name with a possessive and no capitalised word after it is the church, school, hospice or hospital
_SAINTS = _Pattern(
    r"(?:\b[a-z]+\s+(?:unit|ward|wing)\s+at\s+(?:the\s+)?)?\bSt\.?\s+[A-Z][a-z]+['’]s(?!\s+(?:[A-Z]|Day\b))"
    r"(?:\s+(?:church\s+hall|church|chapel|hall|school|primary|hospice|hospital|parish|nursery))?"
)
# "Taigh Cèilidh Nis", "Ionad Stoodaidh": Gaelic "house of …" and "centre of …" names
_GAELIC_PLACE = _Pattern(r"\b(?:Taigh|Tigh|Ionad|Bothan)\s+[A-ZÀ-Ý][\w'’\-]+(?:\s+[A-ZÀ-Ý][\w'’\-]+){0,2}")
# "an advocacy worker from Speak Up Borders": the organisation a worker comes from
_WORKER_FROM = _cues("worker_from")
# "the carers' centre, Carers Link Dalkeith,": a service described first, then named
_SERVICE_NOUNS = _cues("service_nouns")
# Words that make a capitalised run a public body rather than a local service
_PUBLIC_WORDS = _cues("public_words")


def _capitalised_run(ctx: _Context, k: int, limit: int = 5) -> int:
    """Index after a run of capitalised words from token k ("Speak Up Borders", "Carers Link Dalkeith")."""
    toks, text = ctx.toks, ctx.text
    j = k
    while j < len(toks) and j - k < limit and toks[j].word[0].isupper() and (j == k or _adjacent(_gap(text, toks, j))):
        j += 1
        if toks[j - 1].poss:
            break
    return j


def _run_is_local(ctx: _Context, k: int, j: int) -> bool:
    toks, lex = ctx.toks, ctx.lex
    start, end = toks[k].start, toks[j - 1].end
    if j == k or ctx.blocked.overlaps(start, end):
        return False
    run = toks[k:j]
    if any(t.low in _PUBLIC_WORDS or t.low in _TITLES for t in run):
        return False
    if j - k == 1 and (run[0].low in lex.places or run[0].low in lex.words or _is_first_name(lex, run[0].low)):
        return False  # one word that is a place, an ordinary word or somebody's name
    return not all(_is_first_name(lex, t.low) and t.low not in lex.words for t in run)  # "Priya Natarajan"


# "admitted to the Queen Elizabeth", "a mammogram at the Western General": where someone is treated. The
# names are also a monarch's, a university's or a place's, so only after a word that places someone.
_HOSPITAL_PHRASE = _Pattern(
    rf"\b(?:at|to|in|into|from|on|the)\s+(?:the\s+)?({_alternation('hospital_phrases')})(?![\w'’])", re.I
)
# "the Hub at Kirkton", "the Acute Medical Unit at Forth Valley Royal": a service known by its kind and where
_HEAD_AT_PLACE = _Pattern(r"\s+at\s+(?:the\s+)?[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){0,3}")


# "the surgery at Leith Mount", "her day centre at Fernbrae": a kind of service the person uses, then where it
# is by its own name (not a town: "the clinic at Glasgow" is rare, and a town alone identifies no one)
_KIND_AT_NAME = _Pattern(
    r"\b(?i:the|his|her|their|our|my)\s+(?i:gp\s+)?(?i:surgery|practice|health\s+centre|medical\s+centre|clinic|"
    r"care\s+home|day\s+centre|hub|hostel|shed|nursery|hospice|pharmacy|chemist|drop-in|lunch\s+club|group)"
    r"\s+at\s+(?:the\s+)?([A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){0,2})"
)


def _services_by_context(ctx: _Context, out: list[Candidate]) -> None:
    """Services known by what the text says around them, not by a suffix in their name."""
    toks, text = ctx.toks, ctx.text
    for m in _HOSPITAL_PHRASE.finditer(text):
        out.append((m.start(1), m.end(1), "ORG_LOCAL", "A hospital that places a patient."))
    for m in _KIND_AT_NAME.finditer(text) if " at " in text else ():
        name = m.group(1)
        if not name[:1].isupper() or ctx.blocked.overlaps(*m.span(1)):
            continue
        words = name.casefold().split()
        if len(words) == 1 and (words[0] in ctx.lex.places or words[0] in ctx.lex.stop_caps):
            continue
        if any(w in _CALENDAR or w in _PUBLIC_WORDS for w in words):
            continue
        out.append((m.start(1), m.end(1), "ORG_LOCAL", "A service someone uses, named by where it is."))
    for m in _WARD.finditer(text) if "Ward" in text else ():
        if not ctx.blocked.overlaps(*m.span()):
            out.append(
                (m.start(), m.end(), "ORG_LOCAL", "A hospital ward, which with its hospital identifies a patient.")
            )
    for m in _SAINTS.finditer(text) if "St" in text else ():
        if not ctx.blocked.overlaps(*m.span()):
            out.append((m.start(), m.end(), "ORG_LOCAL", "A church, school or hospice named for a saint."))
    for m in _GAELIC_PLACE.finditer(text) if "aigh" in text or "Ionad" in text else ():
        if not ctx.blocked.overlaps(*m.span()):
            out.append((m.start(), m.end(), "ORG_LOCAL", "A local centre with a Gaelic name."))
    for i, tok in enumerate(toks[:-1]):
        low = tok.low
        if low != "from" and low not in _SERVICE_NOUNS:
            continue
        nxt = i + 1
        if low == "from" and i > 0 and toks[i - 1].low in _WORKER_FROM and toks[nxt].word[0].isupper():
            j = _capitalised_run(ctx, nxt)
            if j - nxt >= 2 and _run_is_local(ctx, nxt, j):
                start, end = toks[nxt].start, toks[j - 1].end
                out.append((start, end, "ORG_LOCAL", "The organisation a worker comes from."))
        elif (
            tok.low in _SERVICE_NOUNS
            and not tok.word[0].isupper()
            and text[tok.fend : toks[nxt].start].strip() == ","
            and toks[nxt].word[0].isupper()
            and any(w in ("the", "our", "their", "his", "her", "my", "a", "local") for w in ctx.prev_words(i, 4))
        ):
            j = _capitalised_run(ctx, nxt)
            closed = j >= len(toks) or text[toks[j - 1].fend : toks[j].start].strip()[:1] in (",", ".", ";", ")")
            if closed and _run_is_local(ctx, nxt, j):
                start, end = toks[nxt].start, toks[j - 1].end
                out.append((start, end, "ORG_LOCAL", "A service the text describes, then names."))


# "the Bethany hostel", "at Glebe Street flats", "the Pollokshields women's group": practitioners often write
# the kind of place in lower case after its name; after "the", "at", "to", "from" or "in" the capitalised
# words before it are that place's own name. Days and months ("the Thursday lunch club") are not names.
_LOWER_HEADS = _cues("lowercase_service_heads")
_LOWER_PAIRS: dict[str, list[tuple[str, ...]]] = {}  # by first word, so a token pays only for its own pairs
for _pair in (tuple(w.split("+")) for w in _cues("lowercase_service_pairs")):
    _LOWER_PAIRS.setdefault(_pair[0], []).append(_pair)
_PLACING = frozenset({"the", "at", "to", "from", "in", "into", "tae", "fae", "intae"})  # Scots "tae", "fae" too
# Hospitals known by one word ("came back from Ninewells", "at Raigmore"), and "the Royal" standing alone,
# place a patient: where someone is treated is health information about them.
_HOSPITALS = _cues("hospital_names")
# Care homes and supported houses are mostly named like "Fernbank", "Birchwood", "Lochview": one made-up
# compound ending in a landscape word. After "at" or "to" such a word that is neither an ordinary word, a
# known place nor a first name is the home someone lives in.
_HOME_ENDINGS = tuple(_cues("home_name_endings"))


_CALENDAR = _cues("calendar_words")
_NAME_JOINS = frozenset({"and", "of", "&", "for"})


def _low_poss(tok) -> str:
    """ "women's" as written, for matching "women's group" (the tokeniser splits off the possessive)."""
    return tok.low + "'s" if tok.poss else tok.low


def _name_word(ctx: _Context, tok) -> bool:
    """A word that can be part of a service's own name: capitalised, or in writing typed without capitals
    ("the kirkton hub", "at ashgrove shed") a word no dictionary has."""
    if tok.word[0].isupper():
        return True
    if len(tok.low) < 4 or tok.low in ctx.lex.words or tok.low in ctx.lex.stop_caps or not tok.word.isalpha():
        return False
    return _writes_in_lower_case(ctx)


def _lowercase_heads(ctx: _Context, out: list[Candidate]) -> None:
    toks, text, lex = ctx.toks, ctx.text, ctx.lex
    n = len(toks)
    for i, tok in enumerate(toks):
        low = tok.low
        prev_low = toks[i - 1].low if i > 0 else ""
        if (
            (tok.word[0].isupper() or (low in _HOSPITALS and _name_word(ctx, tok)))
            and i > 0
            and prev_low in _PLACING | {"at", "to"}
            and not tok.poss
            and not ctx.blocked.overlaps(tok.start, tok.end)
        ):
            nxt_cap = i + 1 < n and toks[i + 1].word[0].isupper() and _adjacent(_gap(text, toks, i + 1))
            if low in _HOSPITALS or (
                low == "royal" and prev_low == "the" and i > 1 and toks[i - 2].low in _PLACING and not nxt_cap
            ):
                out.append((tok.start, tok.end, "ORG_LOCAL", "A hospital that places a patient."))
                continue
            if (
                prev_low in ("at", "to")
                and not nxt_cap
                and len(low) > 6
                and low.endswith(_HOME_ENDINGS)
                and low not in lex.words
                and low not in lex.places
                and low not in lex.stop_caps
                and not _is_first_name(lex, low)
            ):
                out.append((tok.start, tok.end, "ORG_LOCAL", "A care home or house known by its own name."))
                continue
            on = _LOCATED.match(text, tok.end) if prev_low == "at" and not nxt_cap else None
            if on and not _is_first_name(lex, low) and low not in lex.places:
                # "the pharmacist at Boots on Dumbarton Road": a shop or branch placed on its street
                out.append((tok.start, on.end(), "ORG_LOCAL", "A named shop or branch on a named street."))
                continue
        if tok.word[0].isupper() or i == 0:
            continue
        size = 1 if low in _LOWER_HEADS else 0
        for pair in _LOWER_PAIRS.get(_low_poss(tok), ()):
            if i + len(pair) <= n and all(_low_poss(toks[i + k]) == pair[k] for k in range(len(pair))):
                size = len(pair)
                break
        if not size:
            continue
        k = i
        while k > 0 and i - k < 3 and _adjacent(_gap(text, toks, k)) and _name_word(ctx, toks[k - 1]):
            if toks[k - 1].poss or toks[k - 1].low in _TITLES:
                break
            k -= 1
        if k == i or k == 0 or toks[k - 1].low not in _PLACING:
            continue
        name = toks[k:i]
        if any(t.low in _CALENDAR or t.low in _PUBLIC_WORDS for t in name):
            continue
        if all(t.low in lex.stop_caps for t in name):
            continue  # "the Street flats" at a sentence's start, "the North unit"
        if toks[k - 1].low != "the" and len(name) == 1 and _is_first_name(lex, name[0].low):
            continue  # "took Craig unit by unit": a person; but nobody is "the Bethany"
        start, end = name[0].start, toks[i + size - 1].end
        if not ctx.blocked.overlaps(start, end):
            out.append((start, end, "ORG_LOCAL", "A named local place, its kind written in lower case after it."))


def _later_mentions(ctx: _Context, out: list[Candidate]) -> None:
    """ "We arranged for him to visit his old housemates at Lomond View": a service named once, named again,
    even where the words around the second mention would not have been enough on their own."""
    if not out:
        return
    text = ctx.text
    names = sorted(
        {text[s:e] for s, e, _, _ in out if " " in text[s:e] and len(text[s:e]) <= 60}, key=len, reverse=True
    )
    if not names:
        return
    seen = _Spans((s, e) for s, e, _, _ in out)
    pattern = re.compile("|".join(rf"(?<![\w'’]){re.escape(n)}(?![\w'’])" for n in names))
    for m in pattern.finditer(text):
        if not seen.overlaps(*m.span()) and not ctx.blocked.overlaps(*m.span()):
            out.append((m.start(), m.end(), "ORG_LOCAL", "The same service as one named elsewhere in the text."))


def _local_services(ctx: _Context) -> list[Candidate]:
    toks, text, lex = ctx.toks, ctx.text, ctx.lex
    out: list[Candidate] = []
    _service_appositives(ctx, out)
    _services_by_context(ctx, out)
    _lowercase_heads(ctx, out)
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
        # Walk back over the name: "Rowan", "Parkside Young Persons", "St Columba's", and names of several
        # words joined by "and", "of" or "&" ("Gorbals Health and Care Centre", "Dundee Enablement and
        # Response Team"), where a capitalised word stands on each side of the joining word.
        k = i
        while k > 0 and i - k < 7 and _adjacent(_gap(text, toks, k)):
            prev = toks[k - 1]
            if (
                prev.low in _NAME_JOINS
                and k - 1 > 0
                and toks[k].cap
                and toks[k - 2].cap
                and not toks[k - 2].poss
                and _adjacent(_gap(text, toks, k - 1))
                and toks[k - 2].low not in _ORG_NOT_NAME
            ):
                k -= 1
                continue
            # an acronym is part of a name too: "VSA Carers Centre", "Kirkcaldy CAB Money Advice"
            acronym = prev.word.isupper() and 2 <= len(prev.word) <= 5 and prev.word.isalpha()
            if not (prev.cap or acronym or prev.low == "st") or prev.low in _ORG_NOT_NAME or prev.low in _TITLES:
                break
            if prev.poss and k != i:
                break
            k -= 1
        before = toks[k - 1] if k > 0 else None
        if before and before.low in _PUBLIC_WORDS and before.word[0].isupper() and _adjacent(_gap(text, toks, k)):
            continue  # "the National Wellbeing Hub", "NHS Lothian Recovery Hub": a public body's
        if any(t.low in _PUBLIC_WORDS for t in toks[k:i]):
            continue  # "the UK Carers Centre network"
        name_toks = [t for t in toks[k:i] if t.low not in _ORG_GENERIC_NAME and t.low not in _NAME_JOINS]
        if not name_toks:
            at = _HEAD_AT_PLACE.match(text, toks[i + suffix_len - 1].fend)
            if at and k > 0 and toks[k - 1].low == "the" and tok.word[0].isupper():
                out.append((toks[k].start, at.end(), "ORG_LOCAL", "A service named by its kind and where it is."))
            continue
        # "Kirkcaldy Family Centre", "Fife Perinatal Mental Health Team": a place with a word for whom or
        # what a service is for names one local service, unlike "Glasgow Science Centre"
        described = any(t.low in _ORG_GENERIC_NAME for t in toks[k:i])
        if all(t.low in _CALENDAR for t in name_toks) and not text.startswith(" at ", toks[i + suffix_len - 1].fend):
            continue  # "the Thursday lunch club" says when, not which; "… lunch club at Pilton Church" says which
        while toks[k].low in _ORG_GENERIC_NAME:
            k += 1
        start, end = toks[k].start, toks[i + suffix_len - 1].end
        if " ".join(t.low for t in toks[k : i + suffix_len]) in _PUBLIC_HOUSES:
            continue
        if ctx.public_blocked.overlaps(start, end) or (
            ctx.blocked.overlaps(start, end) and not (described or low in _ORG_PLACE_NAMED)
        ):
            continue
        if low == "court" and toks[i - 1].low in _PUBLIC_COURTS:
            continue  # "Kilmarnock Sheriff Court"
        if _NUMBER_BEFORE.search(text, max(0, start - 8), start):
            continue  # "14 Rowan Court" is an address
        place_named = low in _ORG_PLACE_NAMED
        # "Hawthorn Lodge" is a care home even though Hawthorn is also a village; "Glasgow House" is not
        places_only = all((t.low in lex.places and t.low not in lex.words) or t.low in lex.stop_caps for t in name_toks)
        # "the Polish Club on Lothian Road", "admissions to the Orchard Clinic": the text says which one
        placed = _LOCATED.match(text, toks[i + suffix_len - 1].fend) or _service_context(ctx, k, i + suffix_len)
        if places_only and suffix_len == 1 and not place_named and not placed and not described:
            continue  # "Glasgow House", "Scotland House": too general, unless "staff at Ferryhill House"
        if (
            weak
            and not placed
            and all(_everyday(lex, t.low, places=not place_named) for t in name_toks)
            # a word of a multi-word place counts as a place here; two name words and a word for whom it is
            # for ("the Elm Row Women's Hub") are a name too
            and not (
                described
                and (
                    len(name_toks) >= 2
                    or any(t.low in lex.places or ctx.blocked.overlaps(t.start, t.end) for t in name_toks)
                )
            )
        ):
            continue  # "Book Club", "Glasgow Science Centre", "Co-production Project"
        after = i + suffix_len
        if weak and after < len(toks) and toks[after].cap and _adjacent(_gap(text, toks, after)):
            continue  # "the Co-production Project Planner" is the title of a resource
        out.append((start, end, "ORG_LOCAL", "A named local service that could identify the people it serves."))
    _later_mentions(ctx, out)
    return out


def _everyday(lex: _Lexicon, low: str, places: bool = True) -> bool:
    """An ordinary word, place or calendar word, hyphenated parts included ("co-production")."""
    return all(part in lex.words or (places and part in lex.places) or part in lex.stop_caps for part in low.split("-"))


# "… Club on Lothian Road", "… Church in Dalkeith": a service placed on a named street or in a town
_LOCATED = _Pattern(
    r"\s+(?:on|in|off)\s+(?:[A-Z][\w'’\-]+\s+){1,3}?"
    r"(?:Road|Street|Avenue|Drive|Crescent|Place|Terrace|Lane|Way|Square|Wynd|Brae|Row|Walk|Green|Parade)\b"
)


_NUMBER_BEFORE = _Pattern(r"\d[\w/]*\s+$")  # "14 Rowan Court", "3/2 Rowan Court"; not "on 14/06, Kirkcaldy …"
