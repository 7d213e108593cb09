"""Suggest which badge criteria a piece of reflective writing gives evidence for.

An explainable lexicon scorer, not a model: every suggestion quotes the sentences it rests on.

1. The text is split into sentences (character spans, so evidence is always quoted verbatim).
2. Each criterion's cue phrases (from the framework TOML, weighted 0–5) are matched per sentence after
   lower-casing and light stemming. "#" in a cue matches any number ("fell by ... #", "# years running"), and
   a name the passage uses for someone ("Kyle wanted…") counts as @person. A criterion without cues falls
   back to the content words of its text.
3. Context rules adjust each sentence's score:
   - "I"/"we" in the sentence (the writer's own practice) raises it; a statement of values with no action
     ("autonomy is central to our values", "managers should…") counts for little;
   - a cue just after a negation ("we did not involve…") counts for little, unless a later sentence shows
     something changed ("since then…", "now…");
   - for criteria marked `about_people`, a sentence only about staff ("staff participation in team
     meetings") hardly counts, and a sentence far from any mention of people counts less ("she"/"his" in a
     sentence that names staff still means the person supported);
   - `exclude` phrases cancel a cue they overlap ("financial outcome" is not an outcome for a person), and
     the titles of the badge's resources are not evidence ("I read the Outcomes Toolbox");
   - describing a resource ("It explains…", a short "I read…") counts for little, like a value statement.
4. Sentence scores combine with diminishing returns into R. A passage with only supporting words and no
   cue that shows the criterion on its own (nor a sentence where several signs meet) is scaled down.
5. The score is R² / (R² + R0²): 0 with no evidence, 0.5 at R = R0, approaching 1 as evidence piles up.
   A suggestion is accepted at THRESHOLD = 0.5.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from learnlog.frameworks import Badge, Criterion

THRESHOLD = 0.5
# R at which the score is 0.5: one phrase that shows a criterion on its own (weight 3) in the writer's
# own practice, or two strong signs, reaches it; a single supporting word does not.
_R0 = 2.8
_MAX_EVIDENCE = 3
# One sentence listing the criterion's own words is not stronger evidence than one describing an action.
_SENTENCE_CAP = 4.5

# Context multipliers, set from what each rule means (a first-person account is stronger evidence than a
# general remark). _R0 and _NO_STRONG_CUE were then taken from the middle of a flat region of a coarse grid,
# scored on tests/data/tagging.jsonl and on passages written separately, rather than fitted to one file.
_FIRST_PERSON_BOOST = 1.2
_GENERAL_REMARK = 0.4
_NEGATED = 0.2
_NEGATED_THEN_CHANGED = 0.7
_STAFF_ONLY = 0.3
_PEOPLE_NEARBY = 0.85
_PEOPLE_IN_PASSAGE = 0.6
_NO_PEOPLE = 0.35
_FUTURE = 0.8
# Supporting words scattered through a passage ("budget", "review", "together") are weak evidence: a
# passage needs one cue that shows the criterion on its own (weight >= _STRONG), or one sentence where
# several signs meet, to score in full.
_STRONG = 2.5
_STRONG_SENTENCE = 3.0
_NO_STRONG_CUE = 0.75

_GAP = 4  # words allowed where a cue says "..."
_NEGATION_WINDOW = 6  # "I didn't get the chance to involve…"

_SENTENCE_END = re.compile(r"[.!?]+[\"')\]’”]*\s+|\n\s*\n|\n(?=\s*(?:[-*+]|\d+[.)])\s)|\n(?=\s*#)")
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "e.g", "i.e", "eg", "ie", "etc", "vs", "no", "st", "prof", "cf"}
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_FIRST_PERSON = _wordset("i we my our me us myself ourselves")
_NEGATIONS = _wordset("not never no without nobody nothing none neither nor hardly rarely unable")
# "not only", "no longer", "no matter" do not deny what follows.
_NOT_NEGATING_NEXT = _wordset("only just longer matter always doubt")
# Negating these words praises the practice ("it was not tokenistic"), so negation does not weaken them.
_NEGATIVE_POLARITY = _wordset("token tokenistic tokenism tick slogan lip add")
# A sentence of values with no described action ("autonomy is central to social work values") is not evidence.
_VALUE_WORDS = _wordset(
    "should must ought important central essential vital believe committed commitment value values principle "
    "principles require requires required passionate"
)
_PAST_IRREGULAR = _wordset(
    "made took got went set met sat spoke told held ran wrote rewrote found gave brought put led chose began "
    "came saw kept felt thought said asked did had built sent left won lost paid taught bought sought spent "
    "stood"
)
# "It explains…", "The guide covers…": describing what was read is not yet practice. So is a short "I read…".
_RESOURCE_NOUNS = _wordset(
    "guide paper report book toolbox resource article chapter video website speaker keynote seminar "
    "conference webinar course lecture podcast presentation presenter"
)
_RESOURCE_VERBS = _wordset(
    "explains describes covers has includes discusses talks outlines offers gives shows argues sets looks "
    "explained described covered included discussed talked outlined argued looked"
)
_IT_HAS_CONTENT = [["has", w] for w in ("a", "lots", "sections", "chapters", "material", "examples", "exercises")]
_READING = (
    "i read", "i've read", "i have read", "i had a look", "i looked at the", "i watched", "i skimmed",
    "i bookmarked", "i came across", "i studied", "i downloaded", "this month i read", "i started reading",
    "i attended a seminar", "i attended a conference", "i attended a webinar", "i attended a talk",
    "i attended a course", "i went to a seminar", "i went to a conference", "i went to a talk",
)  # fmt: skip
_SHORT_SENTENCE = 16
_FUTURE_WORDS = (
    "would like to",
    "want to",
    "plan to",
    "hope to",
    "intend to",
    "aim to",
    "next step",
    "in future",
)
_CHANGE_WORDS = _wordset(
    "now since changed change changes started start began begun introduced instead afterwards learned learnt "
    "realised realized reflected"
)

# Mentions of people who use services, their families and communities (matched on lower-case words).
_PEOPLE_WORDS = _wordset(
    """
    person people individual individuals user users client clients resident residents tenant tenants patient
    patients family families carer carers parent parents child children young youngster youngsters citizen
    citizens community communities public adult adults mr mrs ms miss gentleman lady ladies woman women man
    men boy girl boys girls mum mother dad father son daughter wife husband partner sister brother grandmother
    grandfather gran granny grandparents relatives mothers fathers mums dads sons daughters wives husbands
    sisters brothers relative household households member members attendees
    pupils learners survivors veterans refugee refugees asylum traveller travellers gypsy deaf neighbours
    older elderly guests someone somebody
    """
)
_PRONOUNS = _wordset("he she him her his hers they them their")
# "she"/"his" in these accounts is nearly always the person supported; "they" may be the staff just named.
_SINGULAR_PRONOUNS = _wordset("he she him her his hers himself herself")
_STAFF_WORDS = _wordset(
    """
    staff colleague colleagues team teams worker workers employee employees workforce manager managers
    practitioner practitioners supervisor supervisors supervisee supervisees nurse nurses rota payroll hr
    board directors director union
    """
)
# The fallback for criteria without cues ignores these: they appear in almost every criterion text.
_STOPWORDS = _wordset(
    """
    a an and are as at be by can for from has have if in into is it its may of on or that the their them
    they this those to was were what when where which who whose will with within you your able ensure
    including people use using services service
    """
)


@dataclass(frozen=True)
class Suggestion:
    criterion_id: str
    score: float
    evidence: list[str]
    accepted: bool


# --- text normalisation -----------------------------------------------------------------------------


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


def _words(text: str) -> list[str]:
    """Lower-case words; "didn't" gives "did", "not"; "people's" gives "people"; "we've" gives "we"."""
    return [w for w, _ in _tokens(text)]


def _tokens(text: str) -> list[tuple[str, bool]]:
    """As `_words`, with whether each word may be a name: written "Kyle" (not "KYLE"), on its own (not in a
    run of capitals such as "Easy Read" or "Principles and Standards"), not hyphenated ("Self-directed"),
    and not just after a colon, quote or bracket (where a capital starts a new clause)."""
    out: list[tuple[str, bool]] = []
    matches = list(_TOKEN.finditer(text))
    capitals = [m.group()[0].isupper() for m in matches]
    for k, m in enumerate(matches):
        raw = m.group()
        w = raw.lower().replace("’", "'")
        capital = capitals[k] and len(raw) > 1 and raw[1:].split("'")[0].split("’")[0].islower()
        if capital:
            prev_char = text[: m.start()].rstrip()[-1:]
            capital = (
                not (prev_char and prev_char in ":'‘“\"(-–—")
                and text[m.end() : m.end() + 1] != "-"
                and not _in_capital_run(matches, capitals, k)
            )
        if "'" in w:
            if w.endswith("n't"):
                out.append((w[:-3] or w, capital))
                out.append(("not", False))
                continue
            w = w.split("'", 1)[0]
        out.append((w, capital))
    return out


_TITLE_GLUE = _wordset("of the in for on to a an at with")


def _in_capital_run(matches: list[re.Match], capitals: list[bool], k: int, *, across_and: bool = True) -> bool:
    """Whether word k is part of a title ("Principles and Standards of Citizen Leadership"), not a name.

    "and" joins a run only when the word across it is itself in one: "Graham and Lesley" are two names.
    """
    for step in (-1, 1):
        j = k + step
        while 0 <= j < len(matches) and matches[j].group().lower() in _TITLE_GLUE:
            j += step
        if not (0 <= j < len(matches)):
            continue
        if capitals[j] and (step == 1 or j > 0):
            return True
        k2 = j + step
        if (
            across_and
            and matches[j].group().lower() == "and"
            and 0 <= k2 < len(matches)
            and capitals[k2]
            and _in_capital_run(matches, capitals, k2, across_and=False)
        ):
            return True
    return False


# Capitalised words that are not someone's name.
_NOT_NAMES = _wordset(
    """
    monday tuesday wednesday thursday friday saturday sunday mondays tuesdays wednesdays thursdays fridays
    saturdays sundays january february march april may june july august september october november december
    christmas easter what how why who when where which if it there here this that these those yes no down
    management everyone everybody nobody no-one anyone one each both all most many some few several others
    council government inspectors commissioners panel funding
    """
)


# Words after a sentence's first word that show it is someone's name ("Tom wanted…", "Ann, who…").
_NAME_NEXT = _wordset(
    "who wanted wants told said asked chose decided lives lived loves loved likes liked hated refused agreed insisted"
)


def _names(sentences: list[list[tuple[str, bool]]]) -> frozenset[str]:
    """Words used as a person's name: "I met Kyle", "Kyle, who…"."""
    names, lower = set(), set()
    for tokens in sentences:
        for i, (word, capital) in enumerate(tokens):
            if not capital:
                lower.add(word)
            elif i > 0 or (len(tokens) > 1 and (tokens[1][0] in _NAME_NEXT or tokens[1][0][:1].isdigit())):
                # At the start of a sentence only "Kyle, who…", "Jordan, 17, …" or "Kyle wanted…" marks a name.
                names.add(word)
    return frozenset(
        n
        for n in names - lower
        if n not in _NOT_NAMES
        and n not in _STOPWORDS
        and n not in _FIRST_PERSON
        and n not in _PRONOUNS
        and n not in _PEOPLE_WORDS
        and n not in _STAFF_WORDS
    )


def _is_general(words: list[str], word_set: set[str]) -> bool:
    """A statement of values, or about a resource ("It explains…", "I read…"), rather than of practice."""
    subject = words[1] if words[0] in ("the", "this") and len(words) > 1 else words[0]
    if subject in _RESOURCE_NOUNS and not _RESOURCE_VERBS.isdisjoint(words[1:4]):
        return True
    # "It explains…", "It has a lot of material on…"; but "It has made a difference to Jean" is practice.
    describes = len(words) > 1 and words[1] != "has" and words[1] in _RESOURCE_VERBS
    if subject == "it" and (describes or words[1:3] in _IT_HAS_CONTENT):
        return True
    if len(words) <= _SHORT_SENTENCE and " ".join(words).startswith(_READING):
        return True
    if _VALUE_WORDS.isdisjoint(word_set):
        return False
    acted = any(w in _PAST_IRREGULAR or (len(w) > 4 and w.endswith("ed")) for w in words)
    return not acted


@dataclass
class _Sentence:
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
    future: bool
    changed: bool


def _sentences(text: str) -> list[_Sentence]:
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        before = text[start : m.start()].rsplit(None, 1)
        if m.group().startswith(".") and before and before[-1].lower().rstrip(".") in _ABBREVIATIONS:
            continue
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    pieces = []
    for a, b in spans:
        chunk = text[a:b]
        stripped = chunk.strip()
        if not stripped:
            continue
        a += len(chunk) - len(chunk.lstrip())
        tokens = _tokens(stripped)
        if tokens:
            pieces.append((a, a + len(stripped), tokens))
    names = _names([tokens for _, _, tokens in pieces])
    sentences = []
    for a, b, tokens in pieces:
        words = [w for w, _ in tokens]
        named = frozenset(i for i, (w, capital) in enumerate(tokens) if capital and w in names)
        lowered = " ".join(words)
        word_set = set(words)
        stems = [stem(w) for w in words]
        sentences.append(
            _Sentence(
                start=a,
                end=b,
                words=words,
                stems=stems,
                stem_set=frozenset(stems),
                first_person=not _FIRST_PERSON.isdisjoint(word_set),
                people=bool(named) or not _PEOPLE_WORDS.isdisjoint(word_set),
                named=named,
                pronoun=not _PRONOUNS.isdisjoint(word_set),
                singular=not _SINGULAR_PRONOUNS.isdisjoint(word_set),
                staff=not _STAFF_WORDS.isdisjoint(word_set),
                general=_is_general(words, word_set),
                future=any(p in lowered for p in _FUTURE_WORDS),
                changed=not _CHANGE_WORDS.isdisjoint(word_set),
            )
        )
    return sentences


# --- cue compilation and matching -------------------------------------------------------------------


# A cue token is (value, kind): kind "stem" compares stems, "prefix" the start of the lower-cased word
# ("co-produc*"), "class" membership of a word class ("@people": someone who uses services, or he/she/they;
# "@person": one person, "he", "she", "Mrs", "man"…; a name used in the passage counts as both), "number"
# any number ("#": "9", "nine", "a third").
_Token = tuple[str, str]
_ONE_PERSON = _wordset(
    "he she mr mrs ms miss man woman gentleman lady boy girl son daughter mother father mum dad husband wife"
)
_CLASSES = {"people": _PEOPLE_WORDS | {"they", "he", "she"}, "person": _ONE_PERSON}
# "#" in a cue matches a number, in figures or words ("fell by #" meets "fell by a third", "fell by 30%").
_NUMBER_WORDS = _wordset(
    """
    one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
    seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand
    dozen half third thirds quarter quarters fifth fifths
    """
)
_PREFIX_KEY = 3
_CUE_PIECE = re.compile(r"@([a-z]+)|(#)|([^\W_]+(?:['’][^\W_]+)*)(\*?)")


def _is_number(word: str) -> bool:
    return word in _NUMBER_WORDS or word[:1].isdigit()


@dataclass(frozen=True)
class _Cue:
    parts: tuple[tuple[_Token, ...], ...]  # the phrase split at "..."
    weight: float
    # Stems the cue cannot match without: a sentence lacking one is skipped before any matching.
    needs: frozenset[str] = frozenset()


def _compile_phrase(phrase: str, weight: float) -> _Cue | None:
    parts = []
    for part in phrase.split("..."):
        tokens: list[_Token] = []
        for m in _CUE_PIECE.finditer(part):
            word_class, number, word, star = m.groups()
            if number:
                tokens.append(("#", "number"))
            elif word_class:
                if word_class not in _CLASSES:
                    return None
                tokens.append((word_class, "class"))
            elif star:
                tokens.append((word.lower().replace("’", "'"), "prefix"))
            else:
                tokens.extend((stem(w), "stem") for w in _words(word))
        if tokens:
            parts.append(tuple(tokens))
    if not parts:
        return None
    needs = frozenset(value for part in parts for value, kind in part if kind == "stem")
    return _Cue(tuple(parts), weight, needs)


def _token_matches(sentence: _Sentence, i: int, token: _Token) -> bool:
    value, kind = token
    if kind == "stem":
        return sentence.stems[i] == value
    if kind == "prefix":
        return sentence.words[i].startswith(value)
    if kind == "number":
        return _is_number(sentence.words[i])
    return sentence.words[i] in _CLASSES[value] or i in sentence.named


def _match_part(sentence: _Sentence, i: int, part: tuple[_Token, ...]) -> bool:
    if i + len(part) > len(sentence.words):
        return False
    return all(_token_matches(sentence, i + k, token) for k, token in enumerate(part))


def _match_at(sentence: _Sentence, i: int, cue: _Cue) -> int | None:
    """End index (exclusive) of cue matched starting at word i, or None."""
    if not _match_part(sentence, i, cue.parts[0]):
        return None
    end = i + len(cue.parts[0])
    for part in cue.parts[1:]:
        for j in range(end, min(end + _GAP + 1, len(sentence.words))):
            if _match_part(sentence, j, part):
                end = j + len(part)
                break
        else:
            return None
    return end


class _CueSet:
    """Cues indexed by what their first word must be, so each word of a sentence is looked up once."""

    def __init__(self, cues: list[_Cue]):
        self.by_stem: dict[str, list[_Cue]] = {}
        self.by_class: dict[str, list[_Cue]] = {}
        self.by_prefix: dict[str, list[_Cue]] = {}  # keyed by the first _PREFIX_KEY letters
        self.other: list[_Cue] = []  # prefixes too short to key: tried at every word
        self.numbered: list[_Cue] = []  # cues starting with "#": tried at every number
        for cue in cues:
            value, kind = cue.parts[0][0]
            if kind == "stem":
                self.by_stem.setdefault(value, []).append(cue)
            elif kind == "number":
                self.numbered.append(cue)
            elif kind == "class":
                self.by_class.setdefault(value, []).append(cue)
            elif len(value) >= _PREFIX_KEY:
                self.by_prefix.setdefault(value[:_PREFIX_KEY], []).append(cue)
            else:
                self.other.append(cue)

    def _starts(self, sentence: _Sentence) -> Iterator[tuple[int, _Cue]]:
        """(position, cue) for every cue whose first word could start at that position."""
        words = sentence.words
        for i, value in enumerate(sentence.stems):
            for cue in self.by_stem.get(value, ()):
                yield i, cue
        if self.by_prefix:
            for i, word in enumerate(words):
                for cue in self.by_prefix.get(word[:_PREFIX_KEY], ()):
                    yield i, cue
        for name, cues in self.by_class.items():
            members = _CLASSES[name]
            for i, word in enumerate(words):
                if word in members or i in sentence.named:
                    for cue in cues:
                        yield i, cue
        if self.numbered:
            for i, word in enumerate(words):
                if _is_number(word):
                    for cue in self.numbered:
                        yield i, cue
        for cue in self.other:
            for i in range(len(words)):
                yield i, cue

    def find(self, sentence: _Sentence) -> list[tuple[int, int, float]]:
        hits = []
        stems = sentence.stem_set
        for i, cue in self._starts(sentence):
            if cue.needs <= stems:
                end = _match_at(sentence, i, cue)
                if end is not None:
                    hits.append((i, end, cue.weight))
        return hits

    def __bool__(self) -> bool:
        return bool(self.by_stem or self.by_class or self.by_prefix or self.other or self.numbered)


@dataclass
class _CompiledCriterion:
    id: str
    cues: _CueSet
    exclude: _CueSet
    about_people: str  # "", "sentence" or "passage"
    has_strong: bool  # some cue shows the criterion on its own (weight >= _STRONG)


@dataclass
class _Compiled:
    criteria: list[_CompiledCriterion]
    titles: _CueSet  # resource titles: naming "Outcomes Toolbox" is not evidence of outcomes


def _fallback_cues(criterion: Criterion, all_criteria: tuple[Criterion, ...]) -> list[tuple[str, float]]:
    """Content words of the criterion text, weighted down when other criteria share them."""

    def content(c: Criterion) -> set[str]:
        return {stem(w) for w in _words(c.text) if w not in _STOPWORDS and len(w) > 2}

    mine = content(criterion)
    others = [content(c) for c in all_criteria if c is not criterion]
    return [(s, 2.0 / (1 + sum(s in o for o in others))) for s in sorted(mine)]


def _title_phrases(badge: Badge) -> list[str]:
    phrases = []
    for resource in badge.resources:
        for piece in [resource.title, *re.split(r"[:(]", resource.title)]:
            if len(_words(piece)) >= 2:
                phrases.append(piece)
    return phrases


def _compile(badge: Badge) -> _Compiled:
    criteria = []
    for criterion in badge.criteria:
        pairs = criterion.cue_weights() or _fallback_cues(criterion, badge.criteria)
        cues = [c for c in (_compile_phrase(p, w) for p, w in pairs) if c]
        exclude = [c for c in (_compile_phrase(p, 1.0) for p in criterion.exclude) if c]
        has_strong = any(c.weight >= _STRONG for c in cues)
        criteria.append(
            _CompiledCriterion(criterion.id, _CueSet(cues), _CueSet(exclude), criterion.about_people, has_strong)
        )
    titles = [c for c in (_compile_phrase(p, 1.0) for p in _title_phrases(badge)) if c]
    return _Compiled(criteria, _CueSet(titles))


_compiled_cache: dict[str, tuple[Badge, _Compiled]] = {}


def _compiled(badge: Badge) -> _Compiled:
    cached = _compiled_cache.get(badge.id)
    if cached is None or (cached[0] is not badge and cached[0] != badge):
        cached = (badge, _compile(badge))
        _compiled_cache[badge.id] = cached
    return cached[1]


# --- scoring ----------------------------------------------------------------------------------------


def _select(hits: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """Non-overlapping hits, strongest and longest first, so "personal outcomes" is not also "outcomes"."""
    chosen: list[tuple[int, int, float]] = []
    for a, b, w in sorted(hits, key=lambda h: (-h[2], -(h[1] - h[0]), h[0])):
        if all(b <= ca or cb <= a for ca, cb, _ in chosen):
            chosen.append((a, b, w))
    return chosen


def _outside(hits: list[tuple[int, int, float]], blocked: list[tuple[int, int, float]]) -> list:
    return [h for h in hits if all(h[1] <= a or b <= h[0] for a, b, _ in blocked)]


def _negated(sentence: _Sentence, start: int) -> bool:
    if sentence.words[start] in _NEGATIVE_POLARITY:
        return False
    for k in range(max(0, start - _NEGATION_WINDOW), start):
        if sentence.words[k] in _NEGATIONS:
            following = sentence.words[k + 1] if k + 1 < len(sentence.words) else ""
            if following not in _NOT_NEGATING_NEXT:
                return True
    return False


def _combine(values: list[float]) -> float:
    """Diminishing returns: the strongest counts in full, the next half, the third a quarter, the rest 0.1."""
    values = sorted(values, reverse=True)
    factors = (1.0, 0.5, 0.25)
    return sum(v * (factors[i] if i < len(factors) else 0.1) for i, v in enumerate(values))


def _people_factor(mode: str, sentences: list[_Sentence], index: int, passage_has_people: bool) -> float:
    sentence = sentences[index]
    if not mode or sentence.people:
        return 1.0
    nearby = sentences[max(0, index - 2) : index + 3]
    if mode == "passage":
        if sentence.pronoun or any(s.people for s in nearby):
            return 1.0
        return _PEOPLE_NEARBY if passage_has_people else _NO_PEOPLE
    if sentence.staff and not (sentence.singular or (sentence.pronoun and _pronoun_means_people(sentences, index))):
        return _STAFF_ONLY
    if sentence.pronoun or any(s.people for s in nearby):
        return _PEOPLE_NEARBY
    return _PEOPLE_IN_PASSAGE if passage_has_people else _NO_PEOPLE


def _pronoun_means_people(sentences: list[_Sentence], index: int) -> bool:
    """Whether "they"/"their" most likely refers back to people who use services rather than to staff."""
    for previous in reversed(sentences[max(0, index - 2) : index]):
        if previous.people != previous.staff:
            return previous.people
    return False


@dataclass
class _Passage:
    text: str
    sentences: list[_Sentence]
    titles: list[list[tuple[int, int, float]]]  # resource-title spans per sentence
    has_people: bool
    changed_after: list[bool]  # whether a later sentence says something changed ("since then", "now")


def _changed_after(sentences: list[_Sentence]) -> list[bool]:
    result, seen = [], False
    for sentence in reversed(sentences):
        result.append(seen)
        seen = seen or sentence.changed
    return result[::-1]


def _sentence_score(criterion: _CompiledCriterion, passage: _Passage, index: int) -> tuple[float, bool]:
    """Score of one sentence for one criterion, and whether it holds a strong, un-negated cue."""
    sentence = passage.sentences[index]
    hits = criterion.cues.find(sentence)
    if not hits:
        return 0.0, False
    if passage.titles[index]:
        hits = _outside(hits, passage.titles[index])
    if criterion.exclude and hits:
        hits = _outside(hits, criterion.exclude.find(sentence))
    weights = []
    strong = False
    changed_later = passage.changed_after[index]
    for start, _end, weight in _select(hits):
        if _negated(sentence, start):
            weight *= _NEGATED_THEN_CHANGED if changed_later else _NEGATED
        else:
            strong = strong or weight >= _STRONG
        weights.append(weight)
    score = min(_combine(weights), _SENTENCE_CAP)
    # Several supporting signs together in one sentence show the criterion as well as one strong phrase.
    strong = strong or score >= _STRONG_SENTENCE
    if sentence.general:
        score *= _GENERAL_REMARK
    elif sentence.first_person:
        score *= _FIRST_PERSON_BOOST
    if sentence.future:
        score *= _FUTURE
    score *= _people_factor(criterion.about_people, passage.sentences, index, passage.has_people)
    return score, strong and not sentence.general


def _calibrate(r: float) -> float:
    return r * r / (r * r + _R0 * _R0)


def suggest(text: str, badge_id: str | None = None, *, user_dir: Path | None = None) -> list[Suggestion]:
    """One Suggestion per criterion with any evidence, highest score first.

    Pure: no database, no network; reads only framework definitions. A badge that is not shipped is looked
    up in user_dir, or, when none is given, in the user's frameworks directory.
    """
    from learnlog import frameworks
    from learnlog.errors import NotFound

    badge_id = badge_id or frameworks.DEFAULT_BADGE
    try:
        badge = frameworks.get_badge(badge_id, user_dir)
    except NotFound:
        if user_dir is not None:
            raise
        from learnlog.config import frameworks_dir

        badge = frameworks.get_badge(badge_id, frameworks_dir())
    return suggest_for_badge(text, badge)


def suggest_for_badge(text: str, badge: Badge) -> list[Suggestion]:
    """As `suggest`, for a Badge already loaded (avoids looking it up again when tagging many entries)."""
    sentences = _sentences(text)
    if not sentences:
        return []
    compiled = _compiled(badge)
    passage = _Passage(
        text=text,
        sentences=sentences,
        titles=[compiled.titles.find(s) if compiled.titles else [] for s in sentences],
        has_people=any(s.people for s in sentences),
        changed_after=_changed_after(sentences),
    )
    suggestions = []
    for criterion in compiled.criteria:
        scored = []
        strong = False
        for index in range(len(sentences)):
            value, has_strong = _sentence_score(criterion, passage, index)
            if value > 0:
                scored.append((value, index))
                strong = strong or has_strong
        if not scored:
            continue
        r = _combine([v for v, _ in scored])
        if criterion.has_strong and not strong:
            r *= _NO_STRONG_CUE
        score = round(_calibrate(r), 4)
        if score <= 0:
            continue
        best = sorted(scored, key=lambda p: (-p[0], p[1]))[:_MAX_EVIDENCE]
        evidence = [text[sentences[i].start : sentences[i].end] for _, i in best]
        suggestions.append(Suggestion(criterion.id, score, evidence, score >= THRESHOLD))
    suggestions.sort(key=lambda s: (-s.score, s.criterion_id))
    return suggestions
