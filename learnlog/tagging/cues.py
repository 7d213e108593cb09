"""Cue phrases from a framework's TOML, compiled once per badge and matched per sentence.

A cue is a phrase with a weight (0-5): "..." allows up to four words between parts, a trailing "*" matches
any ending, "@people"/"@person" a word class, "#" a number. Cues are indexed by their first word so each
word of a sentence is looked up once, which keeps `suggest --all` over 10,000 entries to seconds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from learnlog.tagging.sentences import (
    GROUP_WORDS,
    ONE_PERSON,
    PEOPLE_WORDS,
    STOPWORDS,
    Sentence,
    is_number,
    stem,
    words,
)

if TYPE_CHECKING:
    from learnlog.frameworks import Badge, Criterion

_GAP = 4  # words allowed where a cue says "..."
# A passage needs one cue of this weight (or a sentence where several signs meet) to score in full.
STRONG = 2.5

# A cue token is (value, kind): kind "stem" compares stems, "prefix" the start of the lower-cased word
# ("co-produc*"), "class" membership of a word class ("@people": someone who uses services, or he/she/they;
# "@person": one person, "he", "she", "Mrs", "man"…; a name used in the passage counts as both), "number"
# any number ("#": "9", "nine", "a third").
_Token = tuple[str, str]
_CLASSES = {"people": PEOPLE_WORDS | {"they", "he", "she"}, "person": ONE_PERSON, "group": GROUP_WORDS}
_PREFIX_KEY = 3
_CUE_PIECE = re.compile(r"@([a-z]+)|(#)|([^\W_]+(?:['’][^\W_]+)*)(\*?)")


@dataclass(frozen=True)
class _Cue:
    parts: tuple[tuple[_Token, ...], ...]  # the phrase split at "..."
    weight: float
    # Stems the cue cannot match without: a sentence lacking one is skipped before any matching.
    needs: frozenset[str] = frozenset()
    owner: int = 0  # index of the criterion it belongs to, in a CueSet shared by all criteria


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
                tokens.extend((stem(w), "stem") for w in words(word))
        if tokens:
            parts.append(tuple(tokens))
    if not parts:
        return None
    needs = frozenset(value for part in parts for value, kind in part if kind == "stem")
    return _Cue(tuple(parts), weight, needs)


def _token_matches(sentence: Sentence, i: int, token: _Token) -> bool:
    value, kind = token
    if kind == "stem":
        return sentence.stems[i] == value
    if kind == "prefix":
        return sentence.words[i].startswith(value)
    if kind == "number":
        return is_number(sentence.words[i])
    return sentence.words[i] in _CLASSES[value] or (value != "group" and i in sentence.named)


def _match_part(sentence: Sentence, i: int, part: tuple[_Token, ...]) -> bool:
    if i + len(part) > len(sentence.words):
        return False
    return all(_token_matches(sentence, i + k, token) for k, token in enumerate(part))


def _match_at(sentence: Sentence, i: int, cue: _Cue) -> int | None:
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


class CueSet:
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

    def _starts(self, sentence: Sentence) -> Iterator[tuple[int, _Cue]]:
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
                if word in members or (name != "group" and i in sentence.named):
                    for cue in cues:
                        yield i, cue
        if self.numbered:
            for i, word in enumerate(words):
                if is_number(word):
                    for cue in self.numbered:
                        yield i, cue
        for cue in self.other:
            for i in range(len(words)):
                yield i, cue

    def find(self, sentence: Sentence) -> list[tuple[int, int, float]]:
        hits = []
        stems = sentence.stem_set
        for i, cue in self._starts(sentence):
            if cue.needs <= stems:
                end = _match_at(sentence, i, cue)
                if end is not None:
                    hits.append((i, end, cue.weight))
        return hits

    def find_by_owner(self, sentence: Sentence, owners: int) -> list[list[tuple[int, int, float]]]:
        """As `find`, one list per criterion: one pass over the sentence serves every criterion."""
        hits: list[list[tuple[int, int, float]]] = [[] for _ in range(owners)]
        stems, words, named = sentence.stem_set, sentence.words, sentence.named
        by_stem, by_prefix, numbered = self.by_stem, self.by_prefix, self.numbered
        classes = [(_CLASSES[name], name != "group", cues) for name, cues in self.by_class.items()]
        for i, value in enumerate(sentence.stems):
            word = words[i]
            candidates = list(by_stem.get(value, ()))
            if by_prefix:
                candidates.extend(by_prefix.get(word[:_PREFIX_KEY], ()))
            for members, names_count, cues in classes:
                if word in members or (names_count and i in named):
                    candidates.extend(cues)
            if numbered and is_number(word):
                candidates.extend(numbered)
            candidates.extend(self.other)
            for cue in candidates:
                if cue.needs <= stems:
                    end = _match_at(sentence, i, cue)
                    if end is not None:
                        hits[cue.owner].append((i, end, cue.weight))
        return hits

    def __bool__(self) -> bool:
        return bool(self.by_stem or self.by_class or self.by_prefix or self.other or self.numbered)


@dataclass
class CompiledCriterion:
    id: str
    cues: CueSet
    exclude: CueSet
    about_people: str  # "", "sentence" or "passage"
    has_strong: bool  # some cue shows the criterion on its own (weight >= STRONG)
    # Content stems of the criterion's own text: a sentence holding most of them quotes the criterion.
    text_stems: frozenset[str] = frozenset()


@dataclass
class Compiled:
    criteria: list[CompiledCriterion]
    titles: CueSet  # resource titles: naming "Outcomes Toolbox" is not evidence of outcomes
    cues: CueSet  # every criterion's cues, each marked with its criterion's index


def _fallback_cues(criterion: Criterion, all_criteria: tuple[Criterion, ...]) -> list[tuple[str, float]]:
    """Content words of the criterion text, weighted down when other criteria share them."""

    def content(c: Criterion) -> set[str]:
        return {stem(w) for w in words(c.text) if w not in STOPWORDS and len(w) > 2}

    mine = content(criterion)
    others = [content(c) for c in all_criteria if c is not criterion]
    return [(s, 2.0 / (1 + sum(s in o for o in others))) for s in sorted(mine)]


def _title_phrases(badge: Badge) -> list[str]:
    phrases = []
    for resource in badge.resources:
        for piece in [resource.title, *re.split(r"[:(]", resource.title)]:
            if len(words(piece)) >= 2:
                phrases.append(piece)
    return phrases


def _compile(badge: Badge) -> Compiled:
    criteria = []
    everything: list[_Cue] = []
    for k, criterion in enumerate(badge.criteria):
        pairs = criterion.cue_weights() or _fallback_cues(criterion, badge.criteria)
        cues = [replace(c, owner=k) for c in (_compile_phrase(p, w) for p, w in pairs) if c]
        everything.extend(cues)
        exclude = [c for c in (_compile_phrase(p, 1.0) for p in criterion.exclude) if c]
        has_strong = any(c.weight >= STRONG for c in cues)
        # Without cues the criterion's own words are the cues, so using them cannot count as quoting it.
        text_stems = (
            frozenset(stem(w) for w in words(criterion.text) if w not in STOPWORDS and len(w) > 2)
            if criterion.cues
            else frozenset()
        )
        criteria.append(
            CompiledCriterion(
                criterion.id, CueSet(cues), CueSet(exclude), criterion.about_people, has_strong, text_stems
            )
        )
    titles = [c for c in (_compile_phrase(p, 1.0) for p in _title_phrases(badge)) if c]
    return Compiled(criteria, CueSet(titles), CueSet(everything))


_compiled_cache: dict[str, tuple[Badge, Compiled]] = {}


def compiled(badge: Badge) -> Compiled:
    cached = _compiled_cache.get(badge.id)
    if cached is None or (cached[0] is not badge and cached[0] != badge):
        cached = (badge, _compile(badge))
        _compiled_cache[badge.id] = cached
    return cached[1]
