"""People's names: titles, known first names and capitalised words in person cues, minus cited authors."""

from __future__ import annotations

import re

from learnlog.confidential.context import _Context
from learnlog.confidential.findings import Candidate
from learnlog.confidential.lexicon import _Lexicon
from learnlog.confidential.patterns import _adjacent, _gap, _Pattern, _sentence_start, _Spans, _words
from learnlog.confidential.vocabulary import (
    _AFTER_PERSON,
    _AS_CITED,
    _CITE_AFTER,
    _CUE_VERB_PAIRS,
    _CUE_VERBS,
    _DETERMINERS,
    _HEALTH_GENERAL_AFTER,
    _HONORIFICS,
    _KIN_TITLES,
    _LOCATIVES,
    _NAMES_NOT_WORDS,
    _ORG_SUFFIX_WORDS,
    _PERSONAL_NOUNS,
    _PUBLIC_ROLES,
    _PUBLICATION_NOUNS,
    _ROLE_NOUNS,
    _THEORY_NOUNS,
    _TITLES,
    _WROTE_BY,
)

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
