"""Sentences of a passage and what each one shows about the writer: the features the scorer weighs.

Each sentence keeps its character span, so evidence is always quoted verbatim, while its words are
normalised for matching: the field's shorthand ("SU", "r/v", "w/") and Scots words ("weans", "didnae") are
expanded first, so one cue written in full meets every way people write it.

The features that matter most are about action: whether the writer (I/we, or a note with the subject left
out: "booked interpreter") did something, whether people who use services did ("members voted"), and
whether the sentence is instead a plan, a value, a reading, a complaint or talk about the badge itself.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from learnlog import text as _shared

_LEXICON = Path(__file__).resolve().parent / "lexicon.toml"


@functools.cache
def lexicon() -> dict:
    with _LEXICON.open("rb") as fh:
        return tomllib.load(fh)


def words_of(name: str) -> frozenset[str]:
    return frozenset(lexicon()["words"][name].split())


FIRST_PERSON = words_of("first_person")
NEGATIONS = words_of("negations")
NOT_NEGATING_NEXT = words_of("not_negating_next")
NEGATIVE_POLARITY = words_of("negative_polarity")
PEOPLE_WORDS = words_of("people")
PRONOUNS = words_of("pronouns")
STAFF_WORDS = words_of("staff")
STOPWORDS = words_of("stopwords")
ONE_PERSON = words_of("one_person")
GROUP_WORDS = words_of("group")
NUMBER_WORDS = words_of("number_words")
_SINGULAR_PRONOUNS = words_of("singular_pronouns")
_VALUE_WORDS = words_of("value_words")
_PAST_IRREGULAR = words_of("past_irregular")
_RESOURCE_NOUNS = words_of("resource_nouns")
_RESOURCE_VERBS = words_of("resource_verbs")
_FRAMEWORK_WORDS = words_of("framework_words")
_CHANGE_WORDS = words_of("change_words")
_TITLE_GLUE = words_of("title_glue")
_NOT_NAMES = words_of("not_names")
_NAME_NEXT = words_of("name_next")
_ADVERBS = words_of("adverbs")
_NOT_ACTION = words_of("not_action")
_INTENTION = words_of("intention")
_SUBJECTS = frozenset({"i", "we"})
_AUXILIARIES = words_of("auxiliaries")
_DETERMINERS = words_of("determiners")
_RELATIVE = words_of("relative")
_EXPAND: dict[str, list[str]] = {k: v.split() for k, v in lexicon()["expand"].items()}
_SHORTHAND = re.compile(
    "|".join(
        (r"(?<![\w/])" if k[0].isalnum() else "") + re.escape(k) + (r"(?![\w/])" if k[-1].isalnum() else "")
        for k in sorted(lexicon()["shorthand"], key=len, reverse=True)
    ),
    re.IGNORECASE,
)
_SHORTHAND_MAP = {k.lower(): v for k, v in lexicon()["shorthand"].items()}
_IT_HAS_CONTENT = [["has", w] for w in ("a", "lots", "sections", "chapters", "material", "examples", "exercises")]
_SHORT_SENTENCE = 16
_RUN_ON = 35  # words: a dictated sentence this long is scored clause by clause

# Where a run-on sentence turns to a new clause: a conjunction or comma before a new subject.
_CLAUSE = re.compile(
    r"(?:,\s*|\s+)(?:and then|and so|so then|but then|and|so|but|then|because|cos)\s+"
    r"(?=(?:I|we|she|he|they|the family|his|her|their)\b)|;\s+|\s+[-–—]\s+",
    re.IGNORECASE,
)
_CONTRACTIONS = {"ll": "will", "ve": "have", "re": "are", "m": "am", "d": "would"}
_OPENS_CLAUSE = re.compile(r"[;:()–—]")
_CONTRACTED = FIRST_PERSON | PRONOUNS | {"you", "it", "that", "there", "who"}


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Light suffix stripping so "advocate", "advocated" and "advocacy" meet; not a full Porter stemmer."""
    w = word
    if len(w) <= 3:
        return w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    for suffix in ("ingly", "edly", "ing", "ed"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            if w.endswith(("at", "bl", "iz", "is")):
                w += "e"  # Porter step 1b: "advocated" -> "advocate", so it meets "advocacy" below
            elif len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz":
                w = w[:-1]
            break
    for _ in range(2):
        for suffix in ("ational", "ation", "ator", "ate", "acy", "ance", "ence", "ment", "ness", "ity", "ive",
                       "ise", "ize", "is", "iz", "al", "ant", "ent", "ful", "ous", "y"):  # fmt: skip
            if w.endswith(suffix) and len(w) - len(suffix) >= 3:
                w = w[: -len(suffix)]
                break
        else:
            break
    if w.endswith("e") and len(w) > 3:
        w = w[:-1]
    return w


def words(text: str) -> list[str]:
    """Lower-case, expanded words; "didn't" gives "did", "not"; "people's" gives "people"; "SU" gives "service",
    "user"."""
    return [w for w, _ in tokens(text)]


def _phrases(name: str) -> re.Pattern[str]:
    """A lexicon phrase list as one pattern over a sentence's words joined by spaces; each phrase goes
    through the same tokeniser, so "e-learning" and "i've read" match as the sentence's words spell them."""
    phrases = {" ".join(words(p)) for p in lexicon()["words"][name]}
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True) if p) + r")\b")


def _unshorthand(text: str) -> str:
    if "/" not in text and "&" not in text and "+" not in text and ">" not in text and "→" not in text:
        return text
    return _SHORTHAND.sub(lambda m: " " + _SHORTHAND_MAP[m.group().lower()] + " ", text)


def tokens(text: str) -> list[tuple[str, bool]]:
    """As `words`, with whether each word may be a name: written "Kyle" (not "KYLE"), on its own (not in a
    run of capitals such as "Easy Read" or "Principles and Standards"), not hyphenated ("Self-directed"),
    and not just after a colon, quote or bracket (where a capital starts a new clause)."""
    return [(w, capital) for w, capital, _ in _tokens(text)]


def _tokens(text: str) -> list[tuple[str, bool, bool]]:
    """As `tokens`, with whether each word opens a clause (the first word, or one after a comma, colon,
    bracket, dash, "and" or "then"), where a note's subject-less verb shows the writer acting."""
    text = _unshorthand(text)
    out: list[tuple[str, bool, bool]] = []
    found = _shared.tokens(text, hyphens=False)
    capitals = [t.word[0].isupper() for t in found]
    previous_end = 0
    for k, t in enumerate(found):
        raw, w = t.word, t.low
        gap = text[previous_end : t.start]
        # Not after "and" or a comma: "The trainer talked…, and gave…" shares its subject.
        opens = k == 0 or (gap != " " and (_OPENS_CLAUSE.search(gap) is not None or " - " in gap))
        previous_end = t.fend
        capital = capitals[k] and len(raw) > 1 and raw[1:].split("'")[0].split("’")[0].islower()
        if capital:
            prev_char = text[: t.start].rstrip()[-1:]
            capital = (
                not (prev_char and prev_char in ":'‘“\"(-–—")
                and text[t.fend : t.fend + 1] != "-"
                and not _in_capital_run(found, capitals, k)
            )
        if "'" in w:
            if w.endswith("n't"):
                out.append((w[:-3] or w, capital, opens))
                out.append(("not", False, False))
                continue
            w, tail = w.split("'", 1)
            if tail in _CONTRACTIONS and w in _CONTRACTED:
                out.append((w, capital, opens))
                out.append((_CONTRACTIONS[tail], False, False))
                continue
        expansion = _EXPAND.get(w)
        if expansion is not None and not capital:
            out.extend((e, False, opens and i == 0) for i, e in enumerate(expansion))
            continue
        out.append((w, capital, opens))
    return out


def _in_capital_run(matches: list[_shared.Token], capitals: list[bool], k: int, *, across_and: bool = True) -> bool:
    """Whether word k is part of a title ("Principles and Standards of Citizen Leadership"), not a name.

    "and" joins a run only when the word across it is itself in one: "Graham and Lesley" are two names.
    """
    for step in (-1, 1):
        j = k + step
        while 0 <= j < len(matches) and matches[j].low in _TITLE_GLUE:
            j += step
        if not (0 <= j < len(matches)):
            continue
        if capitals[j] and (step == 1 or j > 0):
            return True
        k2 = j + step
        if (
            across_and
            and matches[j].low == "and"
            and 0 <= k2 < len(matches)
            and capitals[k2]
            and _in_capital_run(matches, capitals, k2, across_and=False)
        ):
            return True
    return False


def _names(sentences: list[list[tuple[str, bool]]]) -> frozenset[str]:
    """Words used as a person's name: "I met Kyle", "Kyle, who…"."""
    names, lower = set(), set()
    for toks in sentences:
        for i, (word, capital) in enumerate(toks):
            if not capital:
                lower.add(word)
            elif i > 0 or (len(toks) > 1 and (toks[1][0] in _NAME_NEXT or toks[1][0][:1].isdigit())):
                # At the start of a sentence only "Kyle, who…", "Jordan, 17, …" or "Kyle wanted…" marks a name.
                names.add(word)
    return frozenset(
        n
        for n in names - lower
        if n not in _NOT_NAMES
        and n not in STOPWORDS
        and n not in FIRST_PERSON
        and n not in PRONOUNS
        and n not in PEOPLE_WORDS
        and n not in STAFF_WORDS
    )


def _past(word: str) -> bool:
    return word in _PAST_IRREGULAR or (len(word) > 4 and word.endswith("ed"))


_PLAN = _phrases("plan_phrases")
_COMPLAINT = _phrases("complaint_phrases")
_READING = _phrases("reading_phrases")
# Someone else's words reported: "the trainer talked about…", "the strategy, which talks a lot about…".
_DESCRIBED = _phrases("described_phrases")


def _is_general(ws: list[str], word_set: set[str], lowered: str) -> bool:
    """A statement of values, about a resource ("It explains…", "I read…") or about the badge, not practice."""
    subject = ws[1] if ws[0] in ("the", "this") and len(ws) > 1 else ws[0]
    if subject in _RESOURCE_NOUNS and not _RESOURCE_VERBS.isdisjoint(ws[1:4]):
        return True
    # "It explains…", "It has a lot of material on…"; but "It has made a difference to Jean" is practice.
    describes = len(ws) > 1 and ws[1] != "has" and ws[1] in _RESOURCE_VERBS
    if subject == "it" and (describes or ws[1:3] in _IT_HAS_CONTENT):
        return True
    if len(ws) <= _SHORT_SENTENCE and _READING.search(lowered):
        return True
    return bool(_DESCRIBED.search(lowered))


def _badge_talk(word_set: set[str], writer_acts: bool, people: bool) -> bool:
    """Talk of the badge ("this shows criterion 4"); but "I challenged the criteria for her priority" is
    eligibility criteria argued over in practice, which the writer does with or for a person."""
    if _FRAMEWORK_WORDS.isdisjoint(word_set):
        return False
    return not (writer_acts and people and word_set & _FRAMEWORK_WORDS <= {"criteria", "criterion"})


def _is_value(word_set: set[str], writer_acts: bool) -> bool:
    """Values or duties with nothing the writer did: "our organisation is committed to…"."""
    return not writer_acts and not _VALUE_WORDS.isdisjoint(word_set)


def _verb_after(ws: list[str], i: int) -> str:
    """The first word after position i that is not an adverb or auxiliary ("I have now started" -> started)."""
    j = i + 1
    while j < len(ws) and ws[j] in _ADVERBS:
        if ws[j] in _AUXILIARIES and j + 1 < len(ws):
            if ws[j + 1] == "not":
                return "not"
            if ws[j + 1] in _DETERMINERS or ws[j + 1][:1].isdigit():
                return ws[j]  # "I did 2 prep sessions", "we had a meeting": the auxiliary is the verb
        j += 1
    return ws[j] if j < len(ws) else ""


def _acts_after(ws: list[str], i: int) -> bool | None:
    """Whether the subject at i is followed by an action (True), a plan or state (False), or nothing (None)."""
    verb = _verb_after(ws, i)
    if not verb or verb == "not":
        return None if not verb else False
    if verb == "would" and _past(_verb_after(ws, ws.index("would", i))):
        return True  # "I'd booked" is "I had booked"
    if verb == "been":
        # "I have been meeting him weekly" is action; "I have been told", "I've been so busy" are not.
        after = _verb_after(ws, ws.index("been", i))
        return after.endswith("ing") and after not in _NOT_ACTION
    if verb in _INTENTION or verb in _NOT_ACTION:
        return False
    return verb.isalpha() and verb not in STOPWORDS


def _action(ws: list[str], named: frozenset[int], clause_starts: list[int]) -> tuple[bool, bool, bool, bool]:
    """(writer acts, people who use services act, writer states a plan, "they" act) in one sentence; who
    "they" are is decided with the sentences before (`tagging._pronoun_means_people`)."""
    writer = people = plan = they = False
    for i, w in enumerate(ws):
        if w in _SUBJECTS:
            if i > 0 and (ws[i - 1] in PEOPLE_WORDS or ws[i - 1] in _RELATIVE):
                continue  # "the people we support", "families that I work with": a description, not an act
            acts = _acts_after(ws, i)
            if acts:
                writer = True
            elif acts is False and _verb_after(ws, i) in _INTENTION:
                plan = True
        elif w in PEOPLE_WORDS or w in ("she", "he") or i in named:
            # Checked after the writer acts too: "I asked members and members voted" shows both.
            verb = _verb_after(ws, i)
            if _past(verb) and verb not in _NOT_ACTION and verb not in ("wanted", "needed", "said"):
                people = True
        elif w == "they" and not they:
            verb = _verb_after(ws, i)
            they = _past(verb) and verb not in _NOT_ACTION and verb not in ("wanted", "needed", "said")
    # A note with the subject left out: "Booked interpreter", "agreed trial, homecare up to QDS".
    for i in clause_starts:
        if i < len(ws) and _past(ws[i]) and ws[i] not in _NOT_ACTION and i not in named:
            writer = True
            break
    return writer, people, plan, they


@dataclass
class Sentence:
    start: int
    end: int
    words: list[str]
    stems: list[str]
    stem_set: frozenset[str]
    first_person: bool
    people: bool
    pronoun: bool
    singular: bool
    named: frozenset[int]  # positions of people's names ("Kyle"), which count as @person and @people
    staff: bool
    general: bool
    plan: bool
    changed: bool
    writer_acts: bool
    people_act: bool
    they_act: bool  # "they decided…": people acting if "they" refers back to them
    complaint: bool
    one_person_only: bool  # people mentioned are one person ("he", "Mrs D", "her mum"), no group


def _spans(text: str) -> list[tuple[int, int]]:
    out = []
    for a, b in _shared.sentence_spans(text):
        if len(text[a:b].split()) <= _RUN_ON:
            out.append((a, b))
            continue
        # Dictated speech runs on for a hundred words; score it clause by clause so evidence stays quotable.
        piece_start = a
        for m in _CLAUSE.finditer(text, a, b):
            if len(text[piece_start : m.start()].split()) >= 6:
                out.append((piece_start, m.start()))
                piece_start = m.start()
        out.append((piece_start, b))
    return out


def _strip_span(text: str, a: int, b: int) -> tuple[int, int]:
    chunk = text[a:b]
    a += len(chunk) - len(chunk.lstrip(" \t\n\r,;-–—"))
    b = a + len(text[a:b].rstrip(" \t\n\r,;-–—"))
    return a, b


def split(text: str) -> list[Sentence]:
    """The passage's sentences (clauses, for run-on dictation), with their features."""
    pieces = []
    for a, b in _spans(text):
        a, b = _strip_span(text, a, b)
        if a >= b:
            continue
        toks = _tokens(text[a:b])
        if toks:
            pieces.append((a, b, toks))
    names = _names([[(w, c) for w, c, _ in toks] for _, _, toks in pieces])
    sentences = []
    for a, b, toks in pieces:
        ws = [w for w, _, _ in toks]
        named = frozenset(i for i, (w, capital, _) in enumerate(toks) if capital and w in names)
        lowered = " ".join(ws)
        word_set = set(ws)
        stems = [stem(w) for w in ws]
        starts = [i for i, (_, _, opens) in enumerate(toks) if opens]
        writer, people_act, plan_verb, they_act = _action(ws, named, starts)
        sentences.append(
            Sentence(
                start=a,
                end=b,
                words=ws,
                stems=stems,
                stem_set=frozenset(stems),
                first_person=not FIRST_PERSON.isdisjoint(word_set),
                people=bool(named) or not PEOPLE_WORDS.isdisjoint(word_set),
                named=named,
                pronoun=not PRONOUNS.isdisjoint(word_set),
                singular=not _SINGULAR_PRONOUNS.isdisjoint(word_set),
                staff=not STAFF_WORDS.isdisjoint(word_set),
                general=_is_general(ws, word_set, lowered)
                or _badge_talk(
                    word_set,
                    writer,
                    bool(named) or not PEOPLE_WORDS.isdisjoint(word_set) or not PRONOUNS.isdisjoint(word_set),
                )
                or _is_value(word_set, writer),
                plan=(plan_verb and not writer) or bool(_PLAN.search(lowered)),
                changed=not _CHANGE_WORDS.isdisjoint(word_set),
                writer_acts=writer,
                people_act=people_act,
                they_act=they_act,
                complaint=bool(_COMPLAINT.search(lowered)),
                one_person_only=GROUP_WORDS.isdisjoint(word_set)
                and (bool(named) or not _SINGULAR_PRONOUNS.isdisjoint(word_set) or not ONE_PERSON.isdisjoint(word_set)),
            )
        )
    return sentences


def is_number(word: str) -> bool:
    return word in NUMBER_WORDS or word[:1].isdigit()
