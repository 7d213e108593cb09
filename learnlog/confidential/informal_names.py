"""Names as tired practitioners write them: lower case, initials, nicknames, a surname for a household."""

from __future__ import annotations

from learnlog.confidential.context import _Context
from learnlog.confidential.findings import Candidate
from learnlog.confidential.lexicon import _is_first_name
from learnlog.confidential.patterns import _adjacent, _cues, _gap, _Pattern, _sentence_start, _Spans
from learnlog.confidential.vocabulary import _AFTER_PERSON, _NAMES_NOT_WORDS, _PERSONAL_NOUNS

_TITLE_GAP = _Pattern(r"\.? {1,2}")


_LOWER_TITLES = _cues("lower_titles")


_NICKNAME_PREFIXES = _cues("nickname_prefixes")


# "known locally as Spider", "nicknamed Tank", "goes by Bean"
_NICKNAMED = _Pattern(
    r"(?i)\b(?:known(?:\s+[a-z]+){0,2}\s+as|nicknamed|goes\s+by|calls\s+(?:himself|herself|themselves))\s+$"
)


_FAMILY_WORDS = _cues("family_words")


# Names that are nearly always names even in lower case ("tam and senga", "jimmy rang"), but not the
# ones that are also common words in lower case ("mark", "miles", "drew").
_LOWER_NAMES_NOT_WORDS = _NAMES_NOT_WORDS - _cues("lower_names_are_words")


# "I'll call her K.", "J.B. came into the office", "K. said she'd knocked": initials standing for someone
_INITIALS = _Pattern(r"(?<![\w.])[A-Z]\.(?:[A-Z]\.){0,2}")


# "K. told me", "J. was awake": a lower-case verb after a sentence's first initial; a list label
# ("A. Aims", "B. Was the plan met?") has a capital after it
_LOWER_VERB = _Pattern(r"\s+[a-z]")
_OWNING = _Pattern(r"['’]s\b|\s*\([a-z]|,\s*(?:aged|age|who|whose)\b")  # a list label is never "A.'s"
_INITIAL_BEFORE = _Pattern(
    r"(?i)\b(?:call(?:ed)?\s+(?:her|him|them)|known\s+as|refer\s+to\s+(?:her|him|them)\s+as|initials?,?|SU|YP|client|resident|service\s+user|young\s+person)\s+$"
)


_AS_LETTER = _Pattern(
    r"(?i:referred\s+to\s+(?:here\s+)?as|known\s+(?:here\s+)?as|call(?:ed|ing)?\s+(?:her|him|them))\s+([A-Z])(?![\w.])"
)
_BARE_LETTER = _Pattern(r"(?<![\w.'’])[A-Z](?![\w.'’])")
_INITIAL_AFTER = _Pattern(
    # "R.M. (initials only)", "Baby (M., 10 months)": a bracket or an age after the initials
    # "J.'s EUPD", "R., who hides", "L., aged 13", "B. wouldnt take": a possessive, a clause about someone, or
    # a verb of what people do (contractions too, typed with or without the apostrophe)
    r"\s*\([a-z]|['’]s\b|\s+(?:DOB|D\.O\.B|CHI|aged)\b|,\s*\d{1,2}\s*(?:months?|years?|yrs?|weeks?)\b|"
    r",\s*(?:aged|age|who|whose)\b|"
    r"\s+(?:said|says|came|come|told|tells|rang|phoned|called|asked|wanted|wants|was|is|had|has|would|could|did|"
    r"agreed|refused|cried|explained|and\s+[A-Z]\.|who|seemed|seems|looked|went|goes|got|gets|needs|needed|"
    r"took|takes|likes|loves|hates|hated|started|stopped|left|arrived|moved|lives|lived|kept|tried|felt|feels|"
    r"hid|hides|stayed|disclosed|shouted|slept|ate|drank|became|will|can|does|"
    r"(?:wouldn|won|didn|doesn|isn|wasn|hasn|hadn|can|couldn|wont|didnt|doesnt|cant|wouldnt|isnt|wasnt)['’]?t?)\b"
)


def _family_name(ctx: _Context, i: int) -> bool:
    """ "the Hollins case", "the Balog family", "the al-Khatib family": "the", a surname, a household word."""
    toks, lex = ctx.toks, ctx.lex
    tok = toks[i]
    if i == 0 or i + 1 >= len(toks) or toks[i - 1].low != "the" or toks[i + 1].low not in _FAMILY_WORDS:
        return False
    if not _adjacent(_gap(ctx.text, toks, i)) or not _adjacent(_gap(ctx.text, toks, i + 1)) or tok.poss:
        return False
    last = tok.word.rsplit("-", 1)[-1]
    if not last[:1].isupper() or tok.word.isupper():
        return False
    low = tok.low
    return not (low in lex.words or low in lex.places or low in lex.stop_caps or ctx.no_person[i] or len(low) < 3)


def _initials(ctx: _Context, taken: _Spans, found: list[Candidate]) -> None:
    """Initials that stand for someone, and every later use of the same initials."""
    text = ctx.text
    seen: set[str] = set()
    hits = []
    for m in _INITIALS.finditer(text) if "." in text else ():
        value = m.group()
        cued = _INITIAL_AFTER.match(text, m.end()) is not None
        # At the start of a sentence one letter and a stop is as often a list label ("A. Aims"); two
        # initials ("J.B. came in") start a sentence as a name does.
        if (
            value in seen
            or _INITIAL_BEFORE.search(text, max(0, m.start() - 30), m.start())
            or (
                cued
                and (
                    len(value) > 2
                    or not _sentence_start(text, m.start())
                    or _LOWER_VERB.match(text, m.end())
                    or _OWNING.match(text, m.end())
                )
            )
        ):
            seen.add(value)
            hits.append(m.span())
    # "the service user, referred to here as R,": one capital letter standing in for a name
    letters = [m for m in _AS_LETTER.finditer(text)] if " as " in text or "call" in text else []
    hits += [m.span(1) for m in letters]
    bare = {m.group(1) for m in letters} - {"I", "A"}
    if bare:
        named = {m.span(1) for m in letters}
        for m in _BARE_LETTER.finditer(text):
            if m.group() in bare and m.span() not in named and _INITIAL_AFTER.match(text, m.end()):
                hits.append(m.span())  # "R said no": the same letter again, doing what a person does
    for start, end in hits:
        if (
            not taken.overlaps(start, end)
            and not ctx.blocked.overlaps(start, end)
            and not ctx.references.overlaps(start, end)
        ):
            found.append((start, end, "PERSON", "Initials standing for a person."))


def _writes_in_lower_case(ctx: _Context) -> bool:
    """True for notes typed without capitals ("shona phoned in sick … i picked up"): there a first name in
    lower case is as good as a capitalised one. Two lower-case "i"s, or half of the first 200 sentences
    starting in lower case, say so (a bounded sample keeps hostile input cheap). Worked out once per text,
    when a detector first asks (services and people both do)."""
    if ctx.lower_case is None:
        head = ctx.text[:200_000]
        if sum(head.count(i) for i in _LOWER_I) + head.startswith(("i ", "i'", "i’")) >= 2:
            ctx.lower_case = True
        else:
            firsts = _SENTENCE_FIRST.finditer(ctx.text, 0, 20_000)
            starts = [m.group(1) for _, m in zip(range(200), firsts, strict=False)]
            ctx.lower_case = len(starts) >= 3 and sum(c.islower() for c in starts) * 2 >= len(starts)
    return ctx.lower_case


_LOWER_I = (" i ", "\ni ", " i'", " i’", " i,", "\ni'", "\ni’")


_SENTENCE_FIRST = _Pattern(r"(?:^|[.!?]\s+|\n\s*)([^\W\d_])")


def _lower_surname(ctx: _Context, k: int) -> bool:
    tok = ctx.toks[k]
    lex = ctx.lex
    return (
        tok.word.islower()
        and len(tok.word) >= 2
        and tok.low not in lex.words
        and tok.low not in lex.stop_caps
        and not ctx.no_person[k]
        and _TITLE_GAP.fullmatch(ctx.text, ctx.toks[k - 1].fend, tok.start) is not None
    )


# "met with kayleigh and her gran": informal notes drop capitals; only a first name that is no everyday word,
# right after one of these, counts.
_LOWER_CUES = _cues("lower_cues")


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


# "Person A" and "Service A" are the redaction's own pseudonyms, so they are left out here.
_PLACEHOLDER = _Pattern(r"\b(?:Child|Baby|Pupil|Sibling|Infant|Toddler|Young\s+Person)\s+[A-Z](?![\w’]|'[a-rt-z])")


_MARKED_AFTER = _Pattern(
    r"\s*\((?:rm|room|flat|bed|age|aged|\d)|\s+(?:back|home|off|up)\s+(?:from|to|at|in|again|sick)\b"
)


def _lower_name_marked(ctx: _Context, i: int) -> bool:
    """ "kyle's birthday", "kenny (flat 4) seizure 2am", "darius back from Ward 17": a first name that is no
    everyday word, in lower case, owning something, with a room after it or coming back from somewhere."""
    tok = ctx.toks[i]
    if tok.low not in ctx.lex.lower_names or not tok.word.islower() or ctx.no_person[i]:
        return False
    return tok.poss or _MARKED_AFTER.match(ctx.text, tok.fend) is not None


def _lower_name_starting_sentence(ctx: _Context, i: int) -> bool:
    """ "dougie took his insulin late", "fatima says the patch …": a short note typed without capitals starts
    with the person it is about; a first name that is no everyday word, first in its sentence, with a verb
    of what a person does after it, is that person."""
    tok = ctx.toks[i]
    lex = ctx.lex
    if len(tok.low) < 3 or not tok.word.islower() or not _is_first_name(lex, tok.low):
        return False
    if tok.low in lex.words or tok.low in lex.places or tok.low in lex.stop_caps or tok.low in _PERSONAL_NOUNS:
        return False
    if not _sentence_start(ctx.text, tok.start):
        # "uh quick one, shazia rang the office": after a comma, only a verb of what a person does will do
        return ctx.text[max(0, tok.start - 2) : tok.start] == ", " and _SPOKE.match(ctx.text, tok.end) is not None
    return _AFTER_PERSON.match(ctx.text, tok.end) is not None or _DOES.match(ctx.text, tok.end) is not None


_SPOKE = _Pattern(r"\s+(?:rang|phoned|called|texted|emailed|said|says|told|asked|came|arrived|left|cried|shouted)\b")


_DOES = _Pattern(
    r"(?:['’]s)?\s+(?:has|had|is|was|wis|will|would|could|can|does|did|didnt|doesnt|wasnt|isnt|hasnt|gets|got|"
    r"keeps|kept|seems|seemed|started|began|stopped|took|takes|gave|gives|came|comes|went|goes|says|said|told|"
    r"asked|rang|phoned|needs|needed|wants|wanted|tried|tries|looked|looks|refused|agreed|mentioned|reports)\b"
)


_QUOTES_OPEN = frozenset("'‘\"“")
_QUOTES_CLOSE = frozenset("'’\"”")
_NAME_AS_WORD_BEFORE = frozenset({"name", "names", "word", "words", "spelled", "spelt", "spelling", "term"})
_MEANS = _Pattern(r"\s+(?:means|meant|meaning|stands\s+for|is\s+short\s+for|comes\s+from)\b")


def _discussed_as_a_word(ctx: _Context, i: int) -> bool:
    """ "the name 'Mohammed' is often misspelled", "even "Jimmy" is used as a greeting", "Mac means 'son of'":
    a name spoken of as a word, in quotation marks or said to mean something, is nobody's."""
    toks, text = ctx.toks, ctx.text
    tok = toks[i]
    if _MEANS.match(text, tok.fend):
        return True
    before = text[tok.start - 1 : tok.start] if tok.start else ""
    after = text[tok.fend : tok.fend + 1]
    if before in _QUOTES_OPEN and after in _QUOTES_CLOSE:
        return not _NICKNAMED.search(text, max(0, tok.start - 41), tok.start - 1)
    return any(w in _NAME_AS_WORD_BEFORE for w in ctx.prev_words(i, 2))


_BRACKET_INITIALS = _Pattern(r"\s*\(([A-Z]{2,3})\)")


# "The Novaks moved into Flat 3", "my visit to the Gallachers at 7 Lomond View": a surname in the plural for
# a household, known by what a household does next
_HOUSEHOLD_AFTER = _Pattern(
    r"\s+(?:moved|live|lived|arrived|asked|need|needed|agreed|refused|were\s+evicted|at\s+\d|"
    r"in\s+(?:flat|no\.?)\s*\d)\b",
    2,
)


def _plural_family(ctx: _Context, i: int) -> bool:
    toks, lex = ctx.toks, ctx.lex
    tok = toks[i]
    if i == 0 or toks[i - 1].low != "the" or not tok.cap or tok.poss or not tok.low.endswith("s"):
        return False
    stem = tok.low[:-1]
    if len(stem) < 4 or any(w in lex.words or w in lex.places or w in lex.stop_caps for w in (tok.low, stem)):
        return False
    return _HOUSEHOLD_AFTER.match(ctx.text, tok.end) is not None
