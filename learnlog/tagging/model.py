"""A small logistic model per criterion over the lexicon scorer's reading of a passage.

Why a model on top of the lexicon: the lexicon's cues were written by hand from a few hundred labelled
passages, and new writing in other words meets them less often than the passages they were written from.
The model weighs the lexicon's own verdict (strength R against r0) together with the words of the sentences
where someone acts, each word counted for what its sentence shows (an action counts in full, a plan, a
value or a reading hardly at all), so evidence told without the usual keywords still counts and keywords
in a passage where nobody acts count for little. The weights are learnt offline by
`tools/train_tagging.py` from tests/data/tagging*.jsonl and shipped in `model.json`: nothing is learnt or
downloaded at run time, and a badge without weights keeps the lexicon scorer alone.

Explainable as the lexicon is: a linear score is a sum over sentences, so the sentences a suggestion rests
on are the ones that add the most to it, and those are quoted.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
import operator
from dataclasses import dataclass
from pathlib import Path

from learnlog.tagging.sentences import STOPWORDS, Sentence

_MODEL = Path(__file__).resolve().parent / "model.json"
LEX_CAP = 3.0  # R/r0 beyond this is no stronger evidence
_MIN_WORD = 3


def content_stems(stems: list[str], words: list[str]) -> set[str]:
    """The stems a sentence contributes as word features: not stopwords, not numbers, not tiny words."""
    return {s for s, w in zip(stems, words, strict=True) if len(w) >= _MIN_WORD and w.isalpha() and w not in STOPWORDS}


def practice(sentences: list[Sentence]) -> list[bool]:
    """Whether each sentence shows practice with people: the writer (or the people themselves) acting, with
    people who use services in the sentence, and not a plan, a value, a reading or a complaint."""
    out = []
    for s in sentences:
        acts = s.writer_acts or s.people_act
        with_people = s.people or (s.pronoun and not s.staff)
        out.append(acts and with_people and not (s.general or s.plan or s.complaint))
    return out


def word_features(sentences: list[Sentence], action: list[float]) -> tuple[dict[str, float], list[set[str]]]:
    """Word features of a passage ("w:" + stem -> the largest action weight of a sentence holding it), and
    each sentence's stems, so a score can be traced back to sentences."""
    features: dict[str, float] = {}
    per_sentence = []
    for sentence, weight in zip(sentences, action, strict=True):
        stems = content_stems(sentence.stems, sentence.words)
        per_sentence.append(stems)
        for s in stems:
            key = "w:" + s
            if weight > features.get(key, 0.0):
                features[key] = weight
    return features, per_sentence


def lexicon_features(r: float, in_practice: float, r0: float, top: float) -> dict[str, float]:
    """The lexicon's verdict for one criterion as features: strength R against r0 and against the passage's
    strongest criterion, and the best sentence score among sentences at or beside practice with people
    (`practice`): keywords far from anything the writer did with people are weak evidence."""
    if r0 <= 0:
        return {}
    ratio = min(r / r0, LEX_CAP)
    return {
        "lex": ratio,
        "lex_on": 1.0 if ratio >= 1.0 else 0.0,
        "lex_rel": r / top if top > 0 else 0.0,
        "lex_practice": min(in_practice / r0, LEX_CAP),
    }


def passage_features(sentences: list[Sentence], long: bool) -> dict[str, float]:
    writer = any(s.writer_acts for s in sentences)
    return {
        "long": 1.0 if long else 0.0,
        "writer_acts": 1.0 if writer else 0.0,
        "bias": 1.0,
    }


@dataclass(frozen=True)
class CriterionModel:
    weights: dict[str, float]

    def linear(self, features: dict[str, float]) -> float:
        # map over the keys is about twice as fast as a generator here, and `suggest --all` runs it 60,000 times
        return sum(map(operator.mul, map(self.weights.get, features, itertools.repeat(0.0)), features.values()))

    def probability(self, features: dict[str, float]) -> float:
        return sigmoid(self.linear(features))


@dataclass(frozen=True)
class Model:
    """One badge's criterion models and the thresholds chosen with them by cross-validation."""

    criteria: dict[str, CriterionModel]
    threshold: float  # probability at which a passage's criterion is accepted
    long_threshold: float  # the same for a whole entry, judged by its best stretch
    stretch: int  # sentences in one stretch of a whole entry

    def score(self, criterion_id: str, features: dict[str, float], long: bool) -> float:
        """The probability rescaled so that 0.5 is the threshold, as for the lexicon scorer: a suggestion
        is accepted at 0.5 whichever scorer made it."""
        t = self.long_threshold if long else self.threshold
        return sigmoid(self.criteria[criterion_id].linear(features) - math.log(t / (1 - t)))


def sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


@functools.cache
def shipped() -> dict[str, Model]:
    """{badge id: model} from model.json; empty when the file is missing or damaged, and the lexicon scorer
    then works alone."""
    try:
        document = json.loads(_MODEL.read_text(encoding="utf-8"))
        models = {
            badge: Model(
                {c: CriterionModel({k: float(v) for k, v in w.items()}) for c, w in criteria.items()},
                float(document["threshold"]),
                float(document["long_threshold"]),
                int(document["stretch"]),
            )
            for badge, criteria in document["badges"].items()
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}
    if not all(0 < m.threshold < 1 and 0 < m.long_threshold < 1 and m.stretch >= 1 for m in models.values()):
        return {}
    return models


def sentence_contributions(
    model: CriterionModel, action: list[float], per_sentence: list[set[str]], scored: dict[int, float]
) -> dict[int, float]:
    """How much each sentence adds to the criterion's score: its words (at its action weight) and its share
    of the lexicon's evidence (`scored`: the lexicon's score per sentence). Sentences that add nothing are
    left out."""
    w = model.weights
    lex_weight = w.get("lex", 0.0) + w.get("lex_on", 0.0)
    top = max(scored.values(), default=0.0)
    out = {}
    for i, stems in enumerate(per_sentence):
        value = action[i] * sum(w.get("w:" + s, 0.0) for s in stems)
        if i in scored and lex_weight > 0:
            value += lex_weight * scored[i] / top
        if value > 0:
            out[i] = value
    return out
