"""Suggest which badge criteria a piece of reflective writing gives evidence for, and abstain when none.

Two stages, both explainable: every suggestion quotes the sentences it rests on. First an explainable
lexicon-and-rules reading of the passage (steps 1-5 below; each number says what it means). Then, for the
badge the labelled sets were written for, a small logistic model per criterion (`model.py`, weights in
`model.json` learnt offline by `tools/train_tagging.py`) weighs the lexicon's verdict together with the words
of the sentences where someone acts. Why: the hand-written cues score 0.65 macro-F1 on new writing against
0.77 on the passages they were written from; the model, compared by leaving one labelled set out at a time,
generalises better (figures in the commit that introduced it and in `make eval`). Other badges, and any badge
if model.json is missing, use the lexicon alone.

1. The text is split into sentences (clauses, for dictation that runs on), each kept as a character span so
   evidence is quoted verbatim. Words are normalised first: the field's shorthand ("SU", "MDT", "r/v", "w/")
   and Scots words ("weans", "didnae", "telt") are expanded (`sentences.py`, `lexicon.toml`).
2. Each criterion's cue phrases (from the framework TOML, weighted 0–5) are matched per sentence after light
   stemming (`cues.py`); a criterion without cues falls back to the content words of its text.
3. What a sentence is worth depends on what it shows. The badge asks for evidence of action, so:
   - a sentence where the writer acts ("I arranged…", "we now start…", a note's "booked interpreter") or
     where people who use services act ("members voted…") counts in full; a sentence next to one counts
     for ``near``; any other for ``far``;
   - a plan or wish ("one day", "I'd like to"), a value ("managers should…"), a reading ("the report says",
     "I read…"), talk of the badge itself, a sentence that reproduces a criterion's own wording, or a
     complaint about workload counts for little;
   - a passage in which the writer does nothing at all (a policy described, another team's work, a summary
     of reading) is scaled by ``no_action``: suggestions there are noise that teaches people to ignore them;
   - the earlier rules stay: a negated cue ("we did not involve…") counts for little unless a later sentence
     says something changed; for `about_people` criteria a staff-only sentence hardly counts; `exclude`
     phrases and the titles of the badge's resources cancel the cues they overlap;
   - for a criterion about groups (`about_people = "group"`: people shaping a service), a sentence about
     one person only counts for ``one_person``: one man choosing his own flat is self-determination.
     People shaping a service is also something they do: where nobody but the writer acts in a sentence
     or its neighbours ("I ran sessions with young people on how interviews work") it counts for
     ``writer_only``; the writer setting up the conditions is the neighbouring criterion.
4. Sentence scores combine with diminishing returns, but only within a window of ``window`` neighbouring
   sentences: the best-evidenced stretch of an entry decides, so a 700-word entry with one relevant
   paragraph gets that criterion and not every criterion whose words appear somewhere. In a whole entry
   (over ``long_words`` words) r0 is multiplied by ``long_r0``, and a criterion far weaker than the entry's
   strongest (below ``long_relative`` of it) is scaled down.
5. The score is R² / (R² + r0²): 0 with no evidence, 0.5 at R = r0. A suggestion is accepted at 0.5. The
   shipped badge has an r0 per criterion (some criteria's words are common in writing that shows nothing);
   other badges use the one ``r0``.
6. With a model, the score is its probability rescaled so that 0.5 is the threshold cross-validation chose,
   so a suggestion is accepted at 0.5 either way. A whole entry is judged stretch by stretch (`chunks`):
   the best stretch for a criterion decides it, and its sentences are quoted.

The numbers in ``params.toml`` were chosen by cross-validation across the labelled sets
(`tools/cv_tagging.py` writes the file; `make eval` reports the result per set and per style).
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING

from learnlog.tagging import model as _model
from learnlog.tagging import sentences as _text
from learnlog.tagging.cues import STRONG, CompiledCriterion, compiled
from learnlog.tagging.sentences import Sentence

if TYPE_CHECKING:
    from learnlog.frameworks import Badge

THRESHOLD = 0.5
_PARAMS = Path(__file__).resolve().parent / "params.toml"
_MAX_EVIDENCE = 3
_QUOTE_SHARE = 0.4  # a sentence is quoted when it scores at least this share of the best one
# One sentence listing the criterion's own words is not stronger evidence than one describing an action.
_SENTENCE_CAP = 4.5
_NEGATION_WINDOW = 6  # "I didn't get the chance to involve…"
# Fraction of a criterion's own content words that marks a sentence as quoting the criterion.
_QUOTES_CRITERION = 0.6
# The trained model gives every criterion some score; below this it is not worth showing as a near miss.
_NEAR_MISS = 0.25


@dataclass(frozen=True)
class Params:
    """The scorer's tunable numbers; defaults are what each rule means, `params.toml` what CV chose."""

    r0: float = 2.8  # R at which the score is 0.5
    near: float = 0.7  # a sentence beside one where someone acts
    far: float = 0.4  # a sentence with no action near it
    plan: float = 0.3  # a plan or wish
    general: float = 0.3  # a value, a reading, talk of the badge
    no_action: float = 0.3  # a passage where the writer does nothing
    window: int = 3  # sentences combined into one stretch of evidence
    first_person: float = 1.2
    negated: float = 0.2
    negated_then_changed: float = 0.7
    staff_only: float = 0.3
    people_nearby: float = 0.85
    people_in_passage: float = 0.6
    no_people: float = 0.35
    one_person: float = 0.5  # for a criterion about groups: a sentence about one person only
    writer_only: float = 0.7  # for a criterion about groups: nobody but the writer acts nearby
    # Supporting words scattered through a passage are weak evidence: without one cue that shows the
    # criterion on its own, or one sentence where several signs meet, the passage scores this much.
    no_strong_cue: float = 0.75
    strong_sentence: float = 3.0
    # A long entry mentions most criteria's words somewhere: its evidence must be this much stronger.
    long_r0: float = 1.0
    long_words: int = 250
    # In a whole entry the relevant paragraph also holds weaker signs of other criteria: a criterion whose
    # strength is below this share of the entry's strongest is scaled down (0 turns the rule off).
    long_relative: float = 0.0
    # r0 per criterion, for the badges the labelled sets were written for: {badge id: {criterion id: r0}}
    r0_by_badge: dict[str, dict[str, float]] = field(default_factory=dict)

    def r0_for(self, badge_id: str, criterion_id: str) -> float:
        return self.r0_by_badge.get(badge_id, {}).get(criterion_id, self.r0)


@functools.cache
def params() -> Params:
    """The shipped parameters (params.toml), falling back to the defaults for any missing number."""
    try:
        with _PARAMS.open("rb") as fh:
            document = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError):
        document = {}
    known = {f.name: f.type for f in fields(Params)}
    data = document.get("params", {})
    values = {
        k: (int(v) if known[k] == "int" else float(v)) for k, v in data.items() if known.get(k) in ("int", "float")
    }
    by_badge = {
        badge: {c: float(v) for c, v in table.items() if isinstance(v, int | float)}
        for badge, table in document.get("r0", {}).items()
        if isinstance(table, dict)
    }
    return replace(Params(), **values, r0_by_badge=by_badge)


@dataclass(frozen=True)
class Suggestion:
    criterion_id: str
    score: float
    evidence: list[str]
    accepted: bool


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


def _negated(sentence: Sentence, start: int) -> bool:
    if sentence.words[start] in _text.NEGATIVE_POLARITY:
        return False
    for k in range(max(0, start - _NEGATION_WINDOW), start):
        if sentence.words[k] in _text.NEGATIONS:
            following = sentence.words[k + 1] if k + 1 < len(sentence.words) else ""
            if following not in _text.NOT_NEGATING_NEXT:
                return True
    return False


def _combine(values: list[float]) -> float:
    """Diminishing returns: the strongest counts in full, the next half, the third a quarter, the rest 0.1."""
    values = sorted(values, reverse=True)
    factors = (1.0, 0.5, 0.25)
    return sum(v * (factors[i] if i < len(factors) else 0.1) for i, v in enumerate(values))


def _people_factor(p: Params, mode: str, passage: _Passage, index: int) -> float:
    sentences = passage.sentences
    sentence = sentences[index]
    if mode == "group":
        if sentence.one_person_only:
            return p.one_person
        # People shaping a service is something they do: the writer acting on them with nobody in the
        # stretch doing anything themselves ("I ran sessions with young people on how interviews work")
        # is the writer setting up the conditions, a neighbouring criterion.
        if not any(passage.people_act[max(0, index - 1) : index + 2]):
            return p.writer_only * _people_factor(p, "sentence", passage, index)
        mode = "sentence"
    if not mode or sentence.people:
        return 1.0
    nearby = sentences[max(0, index - 2) : index + 3]
    if mode == "passage":
        if sentence.pronoun or any(s.people for s in nearby):
            return 1.0
        return p.people_nearby if passage.has_people else p.no_people
    if sentence.staff and not (sentence.singular or (sentence.pronoun and _pronoun_means_people(sentences, index))):
        return p.staff_only
    if sentence.pronoun or any(s.people for s in nearby):
        return p.people_nearby
    return p.people_in_passage if passage.has_people else p.no_people


def _pronoun_means_people(sentences: list[Sentence], index: int) -> bool:
    """Whether "they"/"their" most likely refers back to people who use services rather than to staff."""
    for previous in reversed(sentences[max(0, index - 2) : index]):
        if previous.people != previous.staff:
            return previous.people
    return False


@dataclass
class _Passage:
    text: str
    sentences: list[Sentence]
    titles: list[list[tuple[int, int, float]]]  # resource-title spans per sentence
    has_people: bool
    changed_after: list[bool]  # whether a later sentence says something changed ("since then", "now")
    action: list[float]  # what each sentence is worth for what it shows (step 3 of the module docstring)
    people_act: list[bool]  # people who use services act in the sentence ("members voted", "they chose")


def _changed_after(sentences: list[Sentence]) -> list[bool]:
    result, seen = [], False
    for sentence in reversed(sentences):
        result.append(seen)
        seen = seen or sentence.changed
    return result[::-1]


def _action_weights(p: Params, sentences: list[Sentence]) -> list[float]:
    writer = [s.writer_acts for s in sentences]
    acting = [s.writer_acts or s.people_act for s in sentences]
    weights = []
    for i, s in enumerate(sentences):
        if acting[i]:
            w = p.first_person if s.first_person else 1.0
        elif any(acting[max(0, i - 2) : i + 3]):
            w = p.near
        else:
            w = p.far
        if s.general:
            w *= p.general
        elif s.plan and not s.writer_acts:
            w *= p.plan
        if s.complaint:
            w *= p.general
        weights.append(w)
    if not any(writer):
        # People acting with no word of what the writer did is often another team's work: half the penalty.
        factor = p.no_action if not any(acting) else (1 + p.no_action) / 2
        weights = [w * factor for w in weights]
    return weights


def _sentence_score(
    p: Params, criterion: CompiledCriterion, passage: _Passage, index: int, hits: list[tuple[int, int, float]]
) -> tuple[float, bool]:
    """Score of one sentence for one criterion, and whether it holds a strong, un-negated cue."""
    sentence = passage.sentences[index]
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
            weight *= p.negated_then_changed if changed_later else p.negated
        else:
            strong = strong or weight >= STRONG
        weights.append(weight)
    score = min(_combine(weights), _SENTENCE_CAP)
    # Several supporting signs together in one sentence show the criterion as well as one strong phrase.
    strong = strong or score >= p.strong_sentence
    action = passage.action[index]
    if len(criterion.text_stems) >= 4:
        shared = len(criterion.text_stems & sentence.stem_set) / len(criterion.text_stems)
        if shared >= _QUOTES_CRITERION:
            action *= p.general
    score *= action
    score *= _people_factor(p, criterion.about_people, passage, index)
    return score, strong and not sentence.general and action >= p.near


def _best_window(scored: dict[int, float], window: int) -> tuple[float, list[int]]:
    """The highest combined score over any `window` consecutive sentences, and those sentences."""
    best, best_indices = 0.0, []
    for start in scored:
        indices = [i for i in range(start, start + window) if i in scored]
        value = _combine([scored[i] for i in indices])
        if value > best:
            best, best_indices = value, indices
    return best, best_indices


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


def suggest_for_badge(text: str, badge: Badge, p: Params | None = None) -> list[Suggestion]:
    """As `suggest`, for a Badge already loaded; `p` overrides the shipped parameters (cross-validation)."""
    p = p or params()
    long = is_long(text, p)
    reading = read(text, badge, p)
    models = _model.shipped().get(badge.id)
    if not models:
        return lexicon_suggestions(reading, badge, p, long)
    return model_suggestions(reading, badge, p, long, models)


def lexicon_suggestions(reading: Reading, badge: Badge, p: Params, long: bool) -> list[Suggestion]:
    """The lexicon scorer's suggestions: R² / (R² + r0²), accepted at 0.5."""
    suggestions = []
    top = max((e.r for e in reading.evidence), default=0.0)
    for e in reading.evidence:
        r0 = p.r0_for(badge.id, e.criterion_id) * (p.long_r0 if long else 1.0)
        r = dominated(e.r, top, p.long_relative) if long else e.r
        score = round(r * r / (r * r + r0 * r0), 4)
        if score > 0:
            suggestions.append(Suggestion(e.criterion_id, score, e.quotes(reading), score >= THRESHOLD))
    suggestions.sort(key=lambda s: (-s.score, s.criterion_id))
    return suggestions


def features(
    reading: Reading, badge: Badge, p: Params, long: bool, words: dict[str, float] | None = None
) -> dict[str, dict[str, float]]:
    """The model's features for each criterion of the badge: the passage's words, weighted by what their
    sentences show (`words`, when already computed), and the lexicon's verdict on that criterion."""
    if words is None:
        words, _ = _model.word_features(reading.sentences, reading.action)
    shared = {**words, **_model.passage_features(reading.sentences, long)}
    evidence = {e.criterion_id: e for e in reading.evidence}
    top = max((e.r for e in reading.evidence), default=0.0)
    shown = _model.practice(reading.sentences)
    near = [any(shown[max(0, i - 1) : i + 2]) for i in range(len(shown))]
    out = {}
    for criterion in badge.criteria:
        r0 = p.r0_for(badge.id, criterion.id) * (p.long_r0 if long else 1.0)
        e = evidence.get(criterion.id)
        r = e.r if e else 0.0
        in_practice = max((v for i, v in e.scored.items() if near[i]), default=0.0) if e else 0.0
        out[criterion.id] = {**shared, **_model.lexicon_features(r, in_practice, r0, top)}
    return out


def chunks(reading: Reading, p: Params, size: int) -> list[Reading]:
    """A whole entry as overlapping stretches of `size` sentences, each read as a passage of its own: the
    model was trained on passages, and in a 700-word entry only the stretch that evidences a criterion
    should count for it. The lexicon's strength in a stretch is its best window there."""
    n = len(reading.sentences)
    if n <= size:
        return [reading]
    out = []
    step = max(1, size // 2)
    for a in range(0, n - size + step, step):
        b = min(n, a + size)
        evidence = []
        for e in reading.evidence:
            scored = {i - a: v for i, v in e.scored.items() if a <= i < b}
            if not scored:
                continue
            full, _ = _best_window(e.scored, max(1, p.window))
            r, window = _best_window(scored, max(1, p.window))
            evidence.append(Evidence(e.criterion_id, e.r * r / full if full else 0.0, scored, window))
        out.append(Reading(reading.text, reading.sentences[a:b], reading.action[a:b], evidence))
        if b == n:
            break
    return out


def model_suggestions(reading: Reading, badge: Badge, p: Params, long: bool, model: _model.Model) -> list[Suggestion]:
    """Suggestions from the trained model, each quoting the sentences that add most to its score. A whole
    entry is judged by its best stretch for each criterion, so one relevant paragraph of 700 words counts
    for its criterion and the rest of the entry does not add up to others."""
    if not reading.sentences:
        return []
    parts = chunks(reading, p, model.stretch) if long else [reading]
    best: dict[str, tuple[float, Reading, list[set[str]]]] = {}
    for part in parts:
        words, per_sentence = _model.word_features(part.sentences, part.action)
        # A stretch of a whole entry is read as a passage: that is how the model was taught (train_tagging).
        for criterion_id, f in features(part, badge, p, False, words).items():
            if criterion_id in model.criteria:
                score = model.score(criterion_id, f, long)
                if criterion_id not in best or score > best[criterion_id][0]:
                    best[criterion_id] = (score, part, per_sentence)
    suggestions = []
    for criterion_id, (score, part, per_sentence) in best.items():
        if score < _NEAR_MISS:
            continue
        scored = next((e.scored for e in part.evidence if e.criterion_id == criterion_id), {})
        contributions = _model.sentence_contributions(model.criteria[criterion_id], part.action, per_sentence, scored)
        if not contributions:
            continue
        chosen = _run_of_evidence(contributions)
        quotes = [part.quote(i) for i in chosen[:_MAX_EVIDENCE]]
        rounded = round(score, 4)
        suggestions.append(Suggestion(criterion_id, rounded, quotes, rounded >= THRESHOLD))
    suggestions.sort(key=lambda s: (-s.score, s.criterion_id))
    return suggestions


def _run_of_evidence(contributions: dict[int, float]) -> list[int]:
    """The sentence that adds most, and the unbroken run of neighbours that add nearly as much: one stretch
    of evidence, not a sentence elsewhere in the entry that shares a word. Strongest first."""
    first = max(contributions, key=lambda i: (contributions[i], -i))
    floor = contributions[first] * _QUOTE_SHARE
    run = [first]
    for step in (-1, 1):
        i = first + step
        while contributions.get(i, 0.0) >= floor:
            run.append(i)
            i += step
    return sorted(run, key=lambda i: (-contributions[i], i))


def dominated(r: float, top: float, share: float) -> float:
    """R scaled down, smoothly, when it is below `share` of the passage's strongest criterion."""
    floor = share * top
    return r if r >= floor or floor <= 0 else r * (r / floor) ** 2


def is_long(text: str, p: Params) -> bool:
    """Whether r0 is scaled by `long_r0` for this text (a whole entry rather than a passage)."""
    return len(text.split()) > p.long_words


def strengths(text: str, badge: Badge, p: Params) -> list[tuple[str, float, list[str]]]:
    """(criterion id, strength R, quoted evidence) for each criterion with any evidence, before calibration.

    R does not depend on r0, so cross-validation can try every r0 on one computation.
    """
    reading = read(text, badge, p)
    return [(e.criterion_id, e.r, e.quotes(reading)) for e in reading.evidence]


@dataclass
class Evidence:
    """One criterion's evidence in a passage: strength R, and the score of each sentence holding a cue."""

    criterion_id: str
    r: float
    scored: dict[int, float]  # sentence index -> score, sentences with any cue
    window: list[int]  # the best-evidenced stretch, whose sentences R combines

    def quotes(self, reading: Reading) -> list[str]:
        """Quote what the suggestion rests on, not a neighbour that merely shares a supporting word."""
        top = max(self.scored[i] for i in self.window)
        best = [
            i for i in sorted(self.window, key=lambda i: (-self.scored[i], i)) if self.scored[i] >= top * _QUOTE_SHARE
        ]
        return [reading.quote(i) for i in best[:_MAX_EVIDENCE]]


@dataclass
class Reading:
    """A passage read once: its sentences, what each shows (action weights), and each criterion's evidence."""

    text: str
    sentences: list[Sentence]
    action: list[float]
    evidence: list[Evidence]

    def quote(self, index: int) -> str:
        s = self.sentences[index]
        return self.text[s.start : s.end]


def read(text: str, badge: Badge, p: Params) -> Reading:
    """The lexicon scorer's reading of a passage (steps 1-4 of the module docstring)."""
    sentences = _text.split(text)
    if not sentences:
        return Reading(text, [], [], [])
    comp = compiled(badge)
    passage = _Passage(
        text=text,
        sentences=sentences,
        titles=[comp.titles.find(s) if comp.titles else [] for s in sentences],
        has_people=any(s.people for s in sentences),
        changed_after=_changed_after(sentences),
        action=_action_weights(p, sentences),
        people_act=[
            s.people_act or (s.they_act and (s.people or _pronoun_means_people(sentences, i)))
            for i, s in enumerate(sentences)
        ],
    )
    hits = [comp.cues.find_by_owner(s, len(comp.criteria)) for s in sentences]
    out = []
    for k, criterion in enumerate(comp.criteria):
        scored: dict[int, float] = {}
        strong = False
        for index in range(len(sentences)):
            if not hits[index][k]:
                continue
            value, has_strong = _sentence_score(p, criterion, passage, index, hits[index][k])
            if value > 0:
                scored[index] = value
                strong = strong or has_strong
        if not scored:
            continue
        r, indices = _best_window(scored, max(1, p.window))
        if criterion.has_strong and not strong:
            r *= p.no_strong_cue
        out.append(Evidence(criterion.id, r, scored, indices))
    return Reading(text, sentences, passage.action, out)
