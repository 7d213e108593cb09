"""Suggest which badge criteria a piece of reflective writing gives evidence for.

An explainable lexicon scorer, not a model: every suggestion quotes the sentences it rests on.

1. The text is split into sentences (character spans, so evidence is always quoted verbatim).
2. Each criterion's cue phrases (from the framework TOML, weighted 0–5) are matched per sentence after
   lower-casing and light stemming. A criterion without cues falls back to the content words of its text.
3. Context rules adjust each sentence's score:
   - "I"/"we" in the sentence (the writer's own practice) raises it; a statement of values with no action
     ("autonomy is central to our values", "managers should…") counts for little;
   - a cue just after a negation ("we did not involve…") counts for little, unless a later sentence shows
     something changed ("since then…", "now…");
   - for criteria marked `about_people`, a sentence only about staff ("staff participation in team
     meetings") hardly counts, and a sentence far from any mention of people counts less;
   - `exclude` phrases cancel a cue they overlap ("financial outcome" is not an outcome for a person).
4. Sentence scores combine with diminishing returns into R, and the score is R² / (R² + R0²): 0 with no
   evidence, 0.5 at R = R0, approaching 1 as evidence piles up. THRESHOLD sits at 0.5.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from learnlog.frameworks import Badge, Criterion

THRESHOLD = 0.5
# R at which the score is 0.5: one phrase that shows a criterion on its own (weight 3) in the writer's
# own practice, or two strong signs, reaches it; a single supporting word does not.
_R0 = 3.2
_MAX_EVIDENCE = 3
# One sentence listing the criterion's own words is not stronger evidence than one describing an action.
_SENTENCE_CAP = 4.5

# Context multipliers. Chosen from what the rules mean (a first-person account is stronger evidence than a
# general remark), then checked against tests/data/tagging.jsonl; they are not fitted to it.
_FIRST_PERSON_BOOST = 1.2
_GENERAL_REMARK = 0.4
_NEGATED = 0.2
_NEGATED_THEN_CHANGED = 0.7
_STAFF_ONLY = 0.3
_PEOPLE_NEARBY = 0.85
_PEOPLE_IN_PASSAGE = 0.6
_NO_PEOPLE = 0.35
_FUTURE = 0.8

_GAP = 4  # words allowed where a cue says "..."
_NEGATION_WINDOW = 4

_SENTENCE_END = re.compile(r"[.!?]+[\"')\]’”]*\s+|\n\s*\n|\n(?=\s*(?:[-*+]|\d+[.)])\s)|\n(?=\s*#)")
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "e.g", "i.e", "eg", "ie", "etc", "vs", "no", "st", "prof", "cf"}
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")

_FIRST_PERSON = frozenset("i we my our me us myself ourselves".split())
_NEGATIONS = frozenset("not never no without nobody nothing none neither nor hardly rarely unable".split())
# "not only", "no longer", "no matter" do not deny what follows.
_NOT_NEGATING_NEXT = frozenset("only just longer matter always doubt".split())
# A sentence of values with no described action ("autonomy is central to social work values") is not evidence.
_VALUE_WORDS = frozenset(
    "should must ought important central essential vital believe committed commitment value values principle "
    "principles require requires required passionate".split()
)
_PAST_IRREGULAR = frozenset(
    """
    made took got went set met sat spoke told held ran wrote rewrote found gave brought put led chose began came
    saw kept felt thought said asked did had built sent left won lost paid taught bought sought spent stood
    """.split()
)
# Negating these words praises the practice ("it was not tokenistic"), so negation does not weaken them.
_NEGATIVE_POLARITY = frozenset("token tokenistic tokenism tick slogan lip add".split())
_FUTURE_WORDS = ("would like to", "want to", "plan to", "hope to", "intend to", "aim to", "next step", "in future")
_CHANGE_WORDS = frozenset(
    "now since changed change changes started start began begun introduced instead afterwards learned learnt "
    "realised realized reflected".split()
)

# Mentions of people who use services, their families and communities (matched on lower-case words).
_PEOPLE_WORDS = frozenset(
    """
    person people individual individuals user users client clients resident residents tenant tenants patient
    patients family families carer carers parent parents child children young youngster youngsters citizen
    citizens community communities public adult adults mr mrs ms miss gentleman lady ladies woman women man men
    boy girl boys girls mum mother dad father son daughter wife husband partner sister brother grandmother
    grandfather gran granny grandparents relatives relative household households member members attendees
    pupils learners survivors veterans refugee refugees asylum traveller travellers gypsy deaf neighbours
    older elderly guests service-user
    """.split()
)
_PRONOUNS = frozenset("he she him her his hers they them their".split())
_STAFF_WORDS = frozenset(
    """
    staff colleague colleagues team teams worker workers employee employees workforce manager managers
    practitioner practitioners supervisor supervisors supervisee supervisees nurse nurses rota payroll hr
    board directors director union
    """.split()
)
# The fallback for criteria without cues ignores these: they appear in almost every criterion text.
_STOPWORDS = frozenset(
    """
    a an and are as at be by can for from has have if in into is it its may of on or that the their them
    they this those to was were what when where which who whose will with within you your able ensure
    including people use using services service
    """.split()
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
    out: list[str] = []
    for raw in _TOKEN.findall(text):
        w = raw.lower().replace("’", "'")
        if "'" in w:
            if w.endswith("n't"):
                out.append(w[:-3] or w)
                out.append("not")
                continue
            w = w.split("'", 1)[0]
        out.append(w)
    return out


def _is_general(words: list[str], word_set: set[str]) -> bool:
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
    first_person: bool
    people: bool
    pronoun: bool
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
    sentences = []
    for a, b in spans:
        chunk = text[a:b]
        stripped = chunk.strip()
        if not stripped:
            continue
        a += len(chunk) - len(chunk.lstrip())
        b = a + len(stripped)
        words = _words(stripped)
        if not words:
            continue
        lowered = " ".join(words)
        word_set = set(words)
        sentences.append(
            _Sentence(
                start=a,
                end=b,
                words=words,
                stems=[stem(w) for w in words],
                first_person=not _FIRST_PERSON.isdisjoint(word_set),
                people=not _PEOPLE_WORDS.isdisjoint(word_set),
                pronoun=not _PRONOUNS.isdisjoint(word_set),
                staff=not _STAFF_WORDS.isdisjoint(word_set),
                general=_is_general(words, word_set),
                future=any(p in lowered for p in _FUTURE_WORDS),
                changed=not _CHANGE_WORDS.isdisjoint(word_set),
            )
        )
    return sentences


# --- cue compilation and matching -------------------------------------------------------------------


# A cue token is (value, kind): kind "stem" compares stems, "prefix" the start of the lower-cased word
# ("co-produc*"), "class" membership of a word class ("@people": someone who uses services, or he/she/they).
_Token = tuple[str, str]
_CLASSES = {"people": _PEOPLE_WORDS | {"they", "he", "she"}}
_CUE_PIECE = re.compile(r"@([a-z]+)|([^\W_]+(?:['’][^\W_]+)*)(\*?)")


@dataclass(frozen=True)
class _Cue:
    parts: tuple[tuple[_Token, ...], ...]  # the phrase split at "..."
    weight: float

    @property
    def key(self) -> str | None:
        value, kind = self.parts[0][0]
        return value if kind == "stem" else None


def _compile_phrase(phrase: str, weight: float) -> _Cue | None:
    parts = []
    for part in phrase.split("..."):
        tokens: list[_Token] = []
        for m in _CUE_PIECE.finditer(part):
            word_class, word, star = m.groups()
            if word_class:
                if word_class not in _CLASSES:
                    return None
                tokens.append((word_class, "class"))
            elif star:
                tokens.append((word.lower().replace("’", "'"), "prefix"))
            else:
                tokens.extend((stem(w), "stem") for w in _words(word))
        if tokens:
            parts.append(tuple(tokens))
    return _Cue(tuple(parts), weight) if parts else None


def _token_matches(sentence: _Sentence, i: int, token: _Token) -> bool:
    value, kind = token
    if kind == "stem":
        return sentence.stems[i] == value
    if kind == "prefix":
        return sentence.words[i].startswith(value)
    return sentence.words[i] in _CLASSES[value]


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
    """Cues indexed by their first stem so a sentence is scanned once, not once per cue."""

    def __init__(self, cues: list[_Cue]):
        self.by_key: dict[str, list[_Cue]] = {}
        self.prefixed: list[_Cue] = []
        for cue in cues:
            if cue.key is None:
                self.prefixed.append(cue)
            else:
                self.by_key.setdefault(cue.key, []).append(cue)

    def find(self, sentence: _Sentence) -> list[tuple[int, int, float]]:
        hits = []
        for i, s in enumerate(sentence.stems):
            for cue in self.by_key.get(s, ()):
                end = _match_at(sentence, i, cue)
                if end is not None:
                    hits.append((i, end, cue.weight))
            for cue in self.prefixed:
                end = _match_at(sentence, i, cue)
                if end is not None:
                    hits.append((i, end, cue.weight))
        return hits

    def __bool__(self) -> bool:
        return bool(self.by_key or self.prefixed)


@dataclass
class _CompiledCriterion:
    id: str
    cues: _CueSet
    exclude: _CueSet
    about_people: bool


def _fallback_cues(criterion: Criterion, all_criteria: tuple[Criterion, ...]) -> list[tuple[str, float]]:
    """Content words of the criterion text, weighted down when other criteria share them."""

    def content(c: Criterion) -> set[str]:
        return {stem(w) for w in _words(c.text) if w not in _STOPWORDS and len(w) > 2}

    mine = content(criterion)
    others = [content(c) for c in all_criteria if c is not criterion]
    return [(s, 2.0 / (1 + sum(s in o for o in others))) for s in sorted(mine)]


def _compile(badge: Badge) -> list[_CompiledCriterion]:
    compiled = []
    for criterion in badge.criteria:
        pairs = criterion.cue_weights() or _fallback_cues(criterion, badge.criteria)
        cues = [c for c in (_compile_phrase(p, w) for p, w in pairs) if c]
        exclude = [c for c in (_compile_phrase(p, 1.0) for p in criterion.exclude) if c]
        compiled.append(_CompiledCriterion(criterion.id, _CueSet(cues), _CueSet(exclude), criterion.about_people))
    return compiled


_compiled_cache: dict[str, tuple[Badge, list[_CompiledCriterion]]] = {}


def _compiled(badge: Badge) -> list[_CompiledCriterion]:
    cached = _compiled_cache.get(badge.id)
    if cached is None or cached[0] != badge:
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


def _negated(sentence: _Sentence, start: int) -> bool:
    for k in range(max(0, start - _NEGATION_WINDOW), start):
        if sentence.words[k] in _NEGATIONS:
            following = sentence.words[k + 1] if k + 1 < len(sentence.words) else ""
            if following not in _NOT_NEGATING_NEXT:
                return True
    return False


def _combine(values: list[float]) -> float:
    """Diminishing returns: the strongest counts fully, the next half, the third a quarter, the rest a tenth."""
    values = sorted(values, reverse=True)
    factors = (1.0, 0.5, 0.25)
    return sum(v * (factors[i] if i < len(factors) else 0.1) for i, v in enumerate(values))


def _people_factor(sentences: list[_Sentence], index: int, passage_has_people: bool) -> float:
    sentence = sentences[index]
    if sentence.people:
        return 1.0
    if sentence.staff and not sentence.pronoun:
        return _STAFF_ONLY
    nearby = sentences[max(0, index - 2) : index + 3]
    if sentence.pronoun or any(s.people for s in nearby):
        return _PEOPLE_NEARBY
    return _PEOPLE_IN_PASSAGE if passage_has_people else _NO_PEOPLE


def _sentence_score(
    criterion: _CompiledCriterion, sentences: list[_Sentence], index: int, passage_has_people: bool
) -> float:
    sentence = sentences[index]
    hits = criterion.cues.find(sentence)
    if not hits:
        return 0.0
    if criterion.exclude:
        blocked = criterion.exclude.find(sentence)
        hits = [h for h in hits if all(h[1] <= a or b <= h[0] for a, b, _ in blocked)]
    weights = []
    for start, _end, weight in _select(hits):
        if sentence.words[start] not in _NEGATIVE_POLARITY and _negated(sentence, start):
            changed_later = any(s.changed for s in sentences[index + 1 :])
            weight *= _NEGATED_THEN_CHANGED if changed_later else _NEGATED
        weights.append(weight)
    score = min(_combine(weights), _SENTENCE_CAP)
    if sentence.general:
        score *= _GENERAL_REMARK
    elif sentence.first_person:
        score *= _FIRST_PERSON_BOOST
    if sentence.future:
        score *= _FUTURE
    if criterion.about_people:
        score *= _people_factor(sentences, index, passage_has_people)
    return score


def _calibrate(r: float) -> float:
    return r * r / (r * r + _R0 * _R0)


def suggest(text: str, badge_id: str | None = None, *, user_dir: Path | None = None) -> list[Suggestion]:
    """One Suggestion per criterion with any evidence, highest score first.

    Pure: reads only the framework definitions (shipped, plus user_dir if given).
    """
    from learnlog import frameworks

    badge = frameworks.get_badge(badge_id or frameworks.DEFAULT_BADGE, user_dir)
    return suggest_for_badge(text, badge)


def suggest_for_badge(text: str, badge: Badge) -> list[Suggestion]:
    """As `suggest`, for a Badge already loaded (avoids looking it up again when tagging many entries)."""
    sentences = _sentences(text)
    if not sentences:
        return []
    passage_has_people = any(s.people for s in sentences)
    suggestions = []
    for criterion in _compiled(badge):
        scored = []
        for index in range(len(sentences)):
            value = _sentence_score(criterion, sentences, index, passage_has_people)
            if value > 0:
                scored.append((value, index))
        if not scored:
            continue
        score = round(_calibrate(_combine([v for v, _ in scored])), 4)
        if score <= 0:
            continue
        best = sorted(scored, key=lambda p: (-p[0], p[1]))[:_MAX_EVIDENCE]
        evidence = [text[sentences[i].start : sentences[i].end] for _, i in best]
        suggestions.append(Suggestion(criterion.id, score, evidence, score >= THRESHOLD))
    suggestions.sort(key=lambda s: (-s.score, s.criterion_id))
    return suggestions
