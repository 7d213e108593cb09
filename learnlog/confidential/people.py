"""People's names: titles, known first names and capitalised words in person cues, minus cited authors."""

from __future__ import annotations

from bisect import bisect_left

from learnlog.confidential.context import _Context
from learnlog.confidential.findings import Candidate
from learnlog.confidential.informal_names import (
    _BRACKET_INITIALS,
    _LOWER_NAMES_NOT_WORDS,
    _LOWER_TITLES,
    _NICKNAME_PREFIXES,
    _NICKNAMED,
    _PLACEHOLDER,
    _TITLE_GAP,
    _discussed_as_a_word,
    _family_name,
    _initials,
    _lower_name,
    _lower_name_marked,
    _lower_name_starting_sentence,
    _lower_surname,
    _plural_family,
    _writes_in_lower_case,
)
from learnlog.confidential.lexicon import _is_first_name
from learnlog.confidential.naming import (
    _beside,
    _in_word_list,
    _listed_with_people,
    _named_as_words,
    _named_by_the_text,
    _note_headings,
)
from learnlog.confidential.patterns import _adjacent, _cues, _gap, _Pattern, _sentence_start, _Spans
from learnlog.confidential.public_figures import _cited
from learnlog.confidential.vocabulary import (
    _AFTER_PERSON,
    _CUE_VERB_PAIRS,
    _CUE_VERBS,
    _DETERMINERS,
    _HEALTH_GENERAL_AFTER,
    _HONORIFICS,
    _KIN_TITLES,
    _LOCATIVES,
    _NAMES_NOT_WORDS,
    _ORG_SUFFIX_WORDS,
    _OWNER_WORDS,
    _PERSONAL_NOUNS,
    _ROLE_NOUNS,
    _STRONG_PERSON_CUE,
    _TITLES,
)

# ---------------------------------------------------------------------------------------------------------
# People


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


_ADJECTIVE_HINTS = _cues("adjective_hints")
_ROLE_MODIFIERS = _cues("role_modifiers")
_PARTICLES = _cues("particles")
# "Kevin Stewart and later Maree Todd": names listed together are public together
_LIST_JOIN = _Pattern(r"\s*(?:,|and|&|or|,\s*and|,?\s*with)(?:\s+(?:later|then|now|also))?\s*")


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
            # "Anne and Bill Strachan": a first name with a surname after it is a person, not "… Bill"
            named = (
                _is_first_name(ctx.lex, t.low)
                and k + 1 < len(toks)
                and toks[k + 1].cap
                and toks[k + 1].low not in _ORG_SUFFIX_WORDS
                and _adjacent(_gap(text, toks, k + 1))
            )
            return not named
        if toks[k - 1].poss or not (t.cap or t.low in ("of", "and", "for", "&")):
            break
        k += 1
    return False


_NAMED_AFTER = _cues("named_after")


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


# "Iona, Skye and Arran", "Grace. Hope. Joy. Will.": items of a list of words
_MODALS = _cues("modals")


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
_PLACE_PREPS = _cues("place_preps")
_MOTION_WORDS = _cues("motion_words")
_CONTRACTIONS = _cues("contractions")
_VISIT_WORDS = _cues("visit_words")
# "shouted at Adaeze", "confided in Adaeze": a person after "at" or "in" all the same
_AT_PERSON_VERBS = _cues("at_person_verbs")


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
        if low in lex.places or low in lex.stop_caps:
            return ""
        if low in lex.cited_surnames and not _STRONG_PERSON_CUE.match(text, tok.fend):
            return ""  # "Kolb", "Ferguson (2011)"; but "Ferguson was angry", "Ferguson's son"
        if "'" in low and low.rsplit("'", 1)[1] in _CONTRACTIONS:
            return ""  # "We've", "They'd", "Couldn't", unlike "O'Neill"
        if len(low) < 3 and not _short_given_name(ctx, i):
            return ""
        if low in lex.words and _NICKNAMED.search(text, max(0, tok.start - 40), tok.start):
            return "A nickname the text gives someone (“known as”)."
        if low in lex.words:
            # An everyday word is a name only as a named relative or worker: "her mum, Comfort".
            if i == 0 or toks[i - 1].low not in _ROLE_NOUNS and toks[i - 1].low not in _ROLE_MODIFIERS:
                return ""
            if _sentence_start(text, tok.start) or not _role_apposition(ctx, i):
                return ""
            return "A name given to someone's relative or worker."
    # "an" before a consonant is no article but Scots "and": "an Davie looked that relieved"
    scots_and = ctx.prev_is(i, frozenset({"an"})) and tok.word[0] not in "AEIOU"
    if (ctx.prev_is(i, _DETERMINERS) and not scots_and) or _after_honorific(ctx, i) or _org_run(ctx, i):
        return ""
    if _discussed_as_a_word(ctx, i):
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
    if _in_word_list(ctx, i) or _IS_A_PLACE.match(text, tok.fend):
        return ""
    if low in lex.words and ctx.prev_is(i, _MODALS):
        return ""  # "Grace and Hope will Mark the Dawn": a verb written with a capital
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
    # "by Wendy Mitchell. Mitchell was diagnosed …", "Film: Still Alice … Alice's own choices": the author,
    # the actor or the character again
    public_words = {t.low for t in toks if t.cap and ctx.references.covering(t.start, t.end)}

    def add(i: int, j: int, reason: str, first: int | None = None) -> bool:
        nonlocal public_until, covered_until
        first = i if first is None else first
        start, end = toks[first].start, toks[j - 1].end
        if taken.overlaps(start, end) or ctx.blocked.overlaps(start, end):
            return False
        initial = j - i == 1 and len(toks[i].word) == 1  # "Mr K" is nobody's citation
        words = {t.low for t in toks[i:j]}
        if first == i and _named_as_words(ctx, i):
            public_words.update(words)  # "rooms named Rose, Heather and Ivy … Rose has the mats": the room again
            return False
        if (
            (public_until >= 0 and _LIST_JOIN.fullmatch(text, public_until, toks[i].start))
            or (first == i and words <= public_words)
            or (not initial and _cited(ctx, i, j))
        ):
            public_until = end
            public.append((start, end))
            public_words.update(words)
            return False
        found.append((start, end, "PERSON", reason))
        covered_until = end
        confirmed.update(t.low for t in toks[i:j] if t.low not in _TITLES and t.low not in _KIN_TITLES)
        return True

    n = len(toks)
    starts = [t.start for t in toks]
    lower_names = ctx.lex.lower_names
    i = 0
    while i < n:
        tok = toks[i]
        if tok.start < covered_until or ctx.no_person[i]:
            i += 1
            continue
        if not tok.word[0].isupper():
            if tok.low in _LOWER_TITLES and i + 1 < n and _lower_surname(ctx, i + 1):
                # "mrs kerr", "mr mcintyre": a title and a word no dictionary has
                if add(i + 1, i + 2, "A title followed by a name, in lower case.", first=i):
                    i += 2
                    continue
            elif (tok.low in lower_names or (tok.low in _LOWER_NAMES_NOT_WORDS and _writes_in_lower_case(ctx))) and (
                _lower_name(ctx, i) or (_writes_in_lower_case(ctx) and _lower_name_anywhere(ctx, i))
            ):
                add(i, i + 1, "A first name written in lower case.")
            elif "-" in tok.word and _family_name(ctx, i):
                add(i, i + 1, "A surname used for a family or a case.")  # "the al-Khatib family"
            elif _is_first_name(ctx.lex, tok.low) and ctx.prev_is(i, _ROLE_NOUNS) and _writes_in_lower_case(ctx):
                add(i, i + 1, "A first name in lower case after a relative or a role.")  # "his daughter carol"
            elif _lower_name_starting_sentence(ctx, i):
                add(i, i + 1, "A first name in lower case starting a sentence about what someone did.")
            elif (
                tok.low in _NICKNAME_PREFIXES
                and i + 1 < n
                and toks[i + 1].cap
                and _adjacent(_gap(text, toks, i + 1))
                and toks[i + 1].low in ctx.lex.first_names
                and not ctx.no_person[i + 1]
            ):
                # "wee Mo", "big Tam", "auld Wullie": a nickname prefix written small, then a first name
                if add(i + 1, i + 2, "A first name after a nickname such as “wee” or “big”."):
                    i += 2
                    continue
            elif _lower_name_marked(ctx, i):
                add(i, i + 1, "A first name in lower case, owning something or with a room after it.")
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
                and toks[i + 1].low not in _ROLE_NOUNS  # "Dementia Nurse Consultant" is a post
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
        if (
            low in _NICKNAME_PREFIXES
            and i + 1 < n
            and _adjacent(_gap(text, toks, i + 1))
            and toks[i + 1].cap
            and _is_first_name(ctx.lex, toks[i + 1].low)
            and toks[i + 1].low not in ctx.lex.stop_caps
        ):
            # "Big Davie", "Wee Jimmy": a nickname is the whole phrase
            j = _extend_surname(ctx, i + 1, limit=1)
            if add(i, j, "A nickname: a first name with Big, Wee or Auld before it."):
                i = j
                continue
        if _after_honorific(ctx, i):
            i = _extend_surname(ctx, i)  # "Professor Brigid Daniel", "Queen Margaret University"
            continue
        if _family_name(ctx, i) or _plural_family(ctx, i):
            # "the Hollins case", "the Balog family": a surname used for a household
            add(i, i + 1, "A surname used for a family or a case.")
            i += 1
            continue
        verdict = _name_verdict(ctx, i)
        if verdict:
            j = _extend_surname(ctx, i)
            add(i, j, verdict)
            i = max(j, i + 1)
            continue
        i += 1

    _note_headings(ctx, taken, found, confirmed, starts)
    _named_by_the_text(ctx, found, starts, add)
    _listed_with_people(ctx, taken, found, starts)
    _initials(ctx, taken, found)
    initials: set[str] = set()
    for start, end, _, _ in list(found):
        # "Mr Darren Lyle (DL)": the initials the writer will use for him from here on
        m = _BRACKET_INITIALS.match(text, end)
        if m and "".join(w[0] for w in _name_words(text[start:end])).upper() == m.group(1):
            found.append((m.start(1), m.end(1), "PERSON", "Initials given for a person named just before."))
            confirmed.add(m.group(1).casefold())
            initials.add(m.group(1))
    for m in _PLACEHOLDER.finditer(text) if "Child" in text or "Baby" in text or "Pupil" in text else ():
        # "Child X", "Baby L": a letter put in for a name still stands for one person, and is what the
        # writer uses for them throughout
        if not taken.overlaps(*m.span()) and not ctx.blocked.overlaps(*m.span()):
            found.append((m.start(), m.end(), "PERSON", "A letter standing for a child or a person supported."))
    # Later mentions of a name already found: "Mrs Dunsmore" … "Dunsmore"; "Kyle told me" … "Kyle".
    if confirmed:
        covered = _Spans([(s, e) for s, e, _, _ in found] + public)
        for i, tok in enumerate(toks):
            if tok.low not in confirmed or ctx.no_person[i] or tok.low in public_words:
                continue
            if len(tok.word) == 1 and not tok.word.isupper():
                continue  # "Mr A" again is "A", never the article "a"
            if not tok.cap and not (tok.word.islower() and tok.low not in ctx.lex.words) and tok.word not in initials:
                continue  # "jessie" again, in lower case; not "will" the verb after "Will"
            if covered.overlaps(tok.start, tok.end) or taken.overlaps(tok.start, tok.end):
                continue
            if ctx.blocked.overlaps(tok.start, tok.end):
                continue
            if ctx.prev_is(i, _DETERMINERS) or _after_honorific(ctx, i) or _org_run(ctx, i) or _cited(ctx, i, i + 1):
                continue
            found.append((tok.start, tok.end, "PERSON", "The same name as a person found elsewhere in the text."))
    # "Jack and Victor, played by …": a name listed with a public figure or a character is one too
    if public:
        pub = _Spans(public)
        for c in list(found):
            x = bisect_left(starts, c[0])
            y = bisect_left(starts, c[1]) - 1
            if c[2] == "PERSON" and any(pub.covering(toks[k].start, toks[k].end) for k in _beside(ctx, x, y)):
                found.remove(c)
                public_words.update(t.low for t in toks[x : y + 1])
    # "Terry Pratchett: Living with Alzheimer's. A documentary in which Terry Pratchett talked …": once a
    # name is a public figure's, an earlier mention that looked private is the same public figure.
    if public_words:
        found = [
            c
            for c in found
            if not (set(_name_words(text[c[0] : c[1]])) <= public_words and not _TITLED.match(text, c[0]))
        ]
    return found


_IS_A_PLACE = _Pattern(
    r"\s+(?:is|was)\s+(?:a|an|the)\s+(?:[a-z]+\s+)?(?:city|town|village|country|river|island|county|region|"
    r"capital|place|word|name|surname|saint)\b"
)
_TITLED = _Pattern(r"(?i)(?:mr|mrs|ms|miss|mx|dr)\b")


def _name_words(name: str) -> list[str]:
    words = [w.casefold() for w in _WORD_IN_NAME.findall(name)]
    return [w for w in words if w not in _TITLES and w not in _KIN_TITLES]


_WORD_IN_NAME = _Pattern(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")


def _lower_name_anywhere(ctx: _Context, i: int) -> bool:
    """In lower-case writing: a first name that is no everyday word, unless "the" or "a" comes before it."""
    return not ctx.prev_is(i, _DETERMINERS) and not _org_run(ctx, i)


_INITIAL_TITLES = _cues("initial_titles")
_INITIAL = _Pattern(r"[A-Z]")
