"""Train the tagging model (learnlog/tagging/model.json) and compare it with the lexicon scorer alone.

    .venv/bin/python -m tools.train_tagging            # report the estimates, write model.json
    .venv/bin/python -m tools.train_tagging --dry-run  # report only
    .venv/bin/python -m tools.train_tagging --quick    # skip the nested estimate (minutes)

Run tools/cv_tagging.py first when the lexicon changes: the model reads the lexicon's strengths.

The comparison that matters is on writing the scorer has not seen, so every estimate leaves one labelled set
out at a time (the sets in tools/eval_tagging.SETS were written at different times, by different writers, in
different words) and predicts it with numbers chosen on the others only:
- the lexicon scorer alone, its r0 per criterion and whole-entry multipliers chosen on the other sets
  (tools/cv_tagging's search, the structural numbers as shipped);
- the model, nested: its regularisation and thresholds chosen by leaving out, in turn, each of the other
  sets, its weights trained on all of them.
The shipped model takes the regularisation and thresholds best when each set is left out in turn, with
weights trained on every set. The objective is tools/cv_tagging's: mean over the sets of macro-F1 less a
penalty for label-less passages given a suggestion beyond a fifth of them.

Training is L2-regularised logistic regression per criterion, by full-batch gradient descent with Adagrad
steps, standard library only. A whole entry is judged by its best stretch of STRETCH sentences, and it is
taught that way (multiple-instance learning): every stretch of an entry without the criterion is a negative
example, and the stretch a first model scores highest in an entry with it is the positive one.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
from dataclasses import dataclass
from pathlib import Path

from tools.eval_tagging import SETS, labels
from tools.scoring import load_jsonl, macro_f1, score_multilabel

MODEL_FILE = Path(__file__).resolve().parent.parent / "learnlog" / "tagging" / "model.json"
L2 = (2.0, 4.0, 8.0, 16.0)  # lambda * ||w||^2 / 2 against the summed log-loss, scaled by the passage count
THRESHOLDS = (
    0.15,
    0.2,
    0.25,
    0.3,
    0.35,
    0.4,
    0.45,
    0.5,
    0.55,
    0.6,
)  # probability at which a passage's criterion is accepted
LONG_THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)  # the same for whole entries, judged stretch by stretch
STRETCH = 8  # sentences in one stretch of a whole entry (tagging.chunks)
EPOCHS = 300
MIN_DF = 2  # a word in fewer passages than this carries no weight: it cannot generalise
FP_ALLOWANCE = 0.2  # as tools/cv_tagging: label-less passages flagged beyond a fifth cost F1 points


@dataclass
class Row:
    set: str
    style: str
    gold: set[str]
    features: dict[str, dict[str, float]]  # criterion -> features of the whole passage
    lexicon: set[str]  # what the lexicon scorer alone accepts (shipped r0)
    long: bool
    parts: list[dict[str, dict[str, float]]]  # a whole entry's stretches, each read as a passage


def _rows() -> list[Row]:
    from learnlog import frameworks, tagging

    badge = frameworks.get_badge(frameworks.DEFAULT_BADGE)
    p = tagging.params()
    out = []
    for name, path in SETS.items():
        if not Path(path).exists():
            continue
        for r in load_jsonl(path):
            reading = tagging.read(r["text"], badge, p)
            long = tagging.is_long(r["text"], p)
            feats = tagging.features(reading, badge, p, long)
            accepted = {s.criterion_id for s in tagging.lexicon_suggestions(reading, badge, p, long) if s.accepted}
            parts = (
                [tagging.features(c, badge, p, False) for c in tagging.chunks(reading, p, STRETCH)] if long else [feats]
            )
            out.append(Row(name, r.get("style", ""), set(r["criteria"]), feats, accepted, long, parts))
    return out


def _vocabulary(rows: list[Row]) -> set[str]:
    counts: dict[str, int] = {}
    for row in rows:
        for k in next(iter(row.features.values())):
            if k.startswith("w:"):
                counts[k] = counts.get(k, 0) + 1
    return {k for k, n in counts.items() if n >= MIN_DF}


def _examples(rows: list[Row], criterion: str, previous: dict[str, float] | None) -> list[tuple[dict, float]]:
    """(features, label) to learn from. A whole entry is judged by its best stretch, so with `previous`
    weights it teaches by stretches: every stretch of an entry without the criterion is a negative, and the
    stretch `previous` scores highest in an entry with it is the positive (multiple-instance learning)."""
    from learnlog.tagging.model import CriterionModel

    out = []
    for row in rows:
        y = 1.0 if criterion in row.gold else 0.0
        if not row.long or previous is None:
            out.append((row.features[criterion], y))
        elif y == 0.0:
            out.extend((part[criterion], 0.0) for part in row.parts)
        else:
            model = CriterionModel(previous)
            out.append((max((part[criterion] for part in row.parts), key=model.linear), 1.0))
    return out


def train(examples: list[tuple[dict, float]], l2: float, vocabulary: set[str]) -> dict[str, float]:
    """Weights of an L2-regularised logistic regression (the bias is not regularised)."""
    index: dict[str, int] = {}
    data = []
    for features, y in examples:
        keys, values = [], []
        for k, v in features.items():
            if v and (not k.startswith("w:") or k in vocabulary):
                keys.append(index.setdefault(k, len(index)))
                values.append(v)
        data.append((keys, values, y))
    size = len(index)
    w = [0.0] * size
    g2 = [0.0] * size
    penalty = [0.0 if k == "bias" else l2 for k in index]
    n = len(data)
    rate = 0.5
    for _ in range(EPOCHS):
        grad = [0.0] * size
        for keys, values, y in data:
            z = sum(w[k] * v for k, v in zip(keys, values, strict=True))
            p = 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))
            err = p - y
            for k, v in zip(keys, values, strict=True):
                grad[k] += err * v
        for k in range(size):
            g = (grad[k] + penalty[k] * w[k]) / n
            if g:
                g2[k] += g * g
                w[k] -= rate * g / math.sqrt(g2[k])
    return {name: round(w[k], 4) for name, k in index.items() if abs(w[k]) >= 1e-4}


def fit(rows: list[Row], ids: list[str], l2: float) -> dict[str, dict[str, float]]:
    vocabulary = _vocabulary(rows)
    weights = {}
    for c in ids:
        first = train(_examples(rows, c, None), l2, vocabulary)
        weights[c] = train(_examples(rows, c, first), l2, vocabulary)
    return weights


def probabilities(weights: dict[str, dict[str, float]], row: Row) -> dict[str, float]:
    """Each criterion's probability: for a whole entry, that of its best stretch."""
    from learnlog.tagging.model import CriterionModel

    return {c: max(CriterionModel(w).probability(part[c]) for part in row.parts) for c, w in weights.items()}


def _accept(probs: dict[str, float], row: Row, threshold: tuple[float, float]) -> set[str]:
    t = threshold[1] if row.long else threshold[0]
    return {c for c, v in probs.items() if v >= t}


def _figures(rows: list[Row], predicted: list[set[str]], ids: list[str]) -> tuple[float, int, int]:
    gold = [r.gold for r in rows]
    empty = [p for g, p in zip(gold, predicted, strict=True) if not g]
    return macro_f1(score_multilabel(gold, predicted, ids)), len(empty), sum(map(bool, empty))


def _objective(rows: list[Row], predicted: list[set[str]], ids: list[str]) -> float:
    """Mean over the sets of macro-F1 less the penalty for label-less passages flagged beyond a fifth."""
    total, sets = 0.0, list(dict.fromkeys(r.set for r in rows))
    for name in sets:
        idx = [i for i, r in enumerate(rows) if r.set == name]
        f1, empty, flagged = _figures([rows[i] for i in idx], [predicted[i] for i in idx], ids)
        total += f1 - max(0.0, (flagged / empty if empty else 0.0) - FP_ALLOWANCE)
    return total / len(sets)


def _report(title: str, rows: list[Row], predicted: list[set[str]], ids: list[str]) -> None:
    print(title)
    for name in dict.fromkeys(r.set for r in rows):
        styles = sorted({r.style for r in rows if r.set == name} - {""})
        for style in [None, *(styles if len(styles) > 1 else ())]:
            idx = [i for i, r in enumerate(rows) if r.set == name and (style is None or r.style == style)]
            f1, empty, flagged = _figures([rows[i] for i in idx], [predicted[i] for i in idx], ids)
            label = name if style is None else f"  {style}"
            figure = "  n/a" if empty == len(idx) else f"{f1:.3f}"
            print(f"{label:<22}{len(idx):>5}  macro-F1 {figure}  label-less flagged {flagged}/{empty}")


def _held_out_probabilities(rows: list[Row], ids: list[str], l2: float, sets: list[str]) -> dict[int, dict[str, float]]:
    """Probabilities for the passages of `sets`, each set predicted by a model trained on the others."""
    out = {}
    for name in sets:
        weights = fit([r for r in rows if r.set != name], ids, l2)
        for i, r in enumerate(rows):
            if r.set == name:
                out[i] = probabilities(weights, r)
    return out


def _choose(
    rows: list[Row], ids: list[str], table: dict[float, dict[int, dict[str, float]]]
) -> tuple[float, float, tuple]:
    """(objective, l2, thresholds) best on the passages in `table` (held-out probabilities per l2)."""
    best = (-1.0, 0.0, (0.5, 0.5))
    for l2, probs in table.items():
        idx = sorted(probs)
        sub = [rows[i] for i in idx]
        for t in itertools.product(THRESHOLDS, LONG_THRESHOLDS):
            value = _objective(sub, [_accept(probs[i], rows[i], t) for i in idx], ids)
            if value > best[0] + 1e-9:
                best = (value, l2, t)
    return best


def nested_estimate(rows: list[Row], ids: list[str]) -> list[set[str]]:
    """Each set predicted by a model trained without it, with l2 and thresholds chosen without it too (by
    leaving one of the remaining sets out at a time)."""
    sets = list(dict.fromkeys(r.set for r in rows))
    predicted: list[set[str]] = [set() for _ in rows]
    for held in sets:
        inner = [r for r in rows if r.set != held]
        inner_sets = [s for s in sets if s != held]
        table = {l2: _held_out_probabilities(inner, ids, l2, inner_sets) for l2 in L2}
        _, l2, t = _choose(inner, ids, table)
        weights = fit(inner, ids, l2)
        print(f"  {held}: l2={l2}, thresholds {t[0]} (passages), {t[1]} (whole entries), chosen on the other sets")
        for i, r in enumerate(rows):
            if r.set == held:
                predicted[i] = _accept(probabilities(weights, r), r, t)
    return predicted


def lexicon_leave_one_set_out(ids: list[str]) -> list[set[str]]:
    """The lexicon scorer alone, its r0 per criterion and whole-entry multipliers chosen on the other sets
    (tools/cv_tagging's search, with the shipped structural numbers)."""
    from learnlog import frameworks, tagging
    from tools import cv_tagging

    badge = frameworks.get_badge(frameworks.DEFAULT_BADGE)
    rows = cv_tagging._rows()
    p = tagging.params()
    table = {("shipped",): [{c: r for c, r, _ in tagging.strengths(row["text"], badge, p)} for row in rows]}
    predicted: list[set[str]] = [set() for _ in rows]
    for name in dict.fromkeys(r["set"] for r in rows):
        train_idx = [i for i, r in enumerate(rows) if r["set"] != name]
        _, values, r0, long = cv_tagging._search(rows, table, train_idx, ids)
        for i, r in enumerate(rows):
            if r["set"] == name:
                predicted[i] = cv_tagging._predict(r, table[values][i], r0, long)
    return predicted


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dry-run", action="store_true", help="report without writing model.json")
    parser.add_argument("--quick", action="store_true", help="skip the nested estimate and the lexicon's")
    args = parser.parse_args(argv)
    rows = _rows()
    ids = labels()
    _report("Lexicon scorer alone (shipped numbers, tuned on every set):", rows, [r.lexicon for r in rows], ids)
    if not args.quick:
        _report("\nLexicon scorer alone, r0 chosen leaving one set out:", rows, lexicon_leave_one_set_out(ids), ids)
        print("\nModel, nested leave-one-set-out:")
        _report("Model, each set predicted with everything chosen without it:", rows, nested_estimate(rows, ids), ids)
    sets = list(dict.fromkeys(r.set for r in rows))
    table = {l2: _held_out_probabilities(rows, ids, l2, sets) for l2 in L2}
    value, l2, t = _choose(rows, ids, table)
    probs = table[l2]
    _report(
        f"\nModel, leave one set out, l2={l2}, thresholds {t} (chosen on these figures: objective {value:.3f}):",
        rows,
        [_accept(probs[i], rows[i], t) for i in range(len(rows))],
        ids,
    )
    if not args.dry_run:
        from learnlog import frameworks

        weights = fit(rows, ids, l2)
        document = {
            "trained_by": "tools/train_tagging.py on tests/data/tagging*.jsonl; do not edit by hand",
            "l2": l2,
            "threshold": t[0],
            "long_threshold": t[1],
            "stretch": STRETCH,
            "badges": {frameworks.DEFAULT_BADGE: weights},
        }
        MODEL_FILE.write_text(json.dumps(document, indent=0, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {MODEL_FILE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
