"""Scoring shared by the evaluation scripts: per-label precision/recall for labels and for spans.

Pure functions so a test can check them on tiny hand-made cases. Lives outside the package: evaluation
reads tests/data/, which is not shipped in the wheel.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "tests" / "data"


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def score_multilabel(gold: Iterable[set[str]], predicted: Iterable[set[str]], labels: list[str]) -> dict:
    """Per-label scores for multi-label classification (one set of labels per passage)."""
    scores = {label: Score() for label in labels}
    for g, p in zip(gold, predicted, strict=True):
        for label in labels:
            if label in p and label in g:
                scores[label].tp += 1
            elif label in p:
                scores[label].fp += 1
            elif label in g:
                scores[label].fn += 1
    return scores


def score_spans(gold: list[list[tuple[int, int, str]]], predicted: list[list[tuple[int, int, str]]]) -> dict:
    """Per-label span scores: a prediction is right when it overlaps a gold span with the same label.

    Precision counts predictions that overlap a gold span; recall counts gold spans that some prediction
    overlaps. Both use the same overlap rule, so splitting one name into two predictions is not punished twice.
    """
    scores: dict[str, Score] = {}
    for g_spans, p_spans in zip(gold, predicted, strict=True):
        for start, end, label in p_spans:
            hit = any(label == gl and start < ge and gs < end for gs, ge, gl in g_spans)
            s = scores.setdefault(label, Score())
            s.tp += hit
            s.fp += not hit
        for start, end, label in g_spans:
            hit = any(label == pl and ps < end and start < pe for ps, pe, pl in p_spans)
            if not hit:
                scores.setdefault(label, Score()).fn += 1
    return scores


def micro(scores: dict[str, Score]) -> Score:
    total = Score()
    for s in scores.values():
        total.tp += s.tp
        total.fp += s.fp
        total.fn += s.fn
    return total


def macro_f1(scores: dict[str, Score]) -> float:
    return sum(s.f1 for s in scores.values()) / len(scores) if scores else 0.0


def table(title: str, scores: dict[str, Score]) -> list[str]:
    lines = [title, f"{'label':<16}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>6}{'FN':>6}"]
    for label, s in sorted(scores.items()):
        lines.append(f"{label:<16}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}{s.tp:>6}{s.fp:>6}{s.fn:>6}")
    return lines
