"""Scores tagging and confidentiality detection on the labelled sets in tests/data (`make eval`).

The scoring functions are pure so tests can check them on tiny hand-made cases; `main` prints the report.
"""

from __future__ import annotations

import json
import sys
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


def _table(title: str, scores: dict[str, Score]) -> list[str]:
    lines = [title, f"{'label':<16}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>6}{'FN':>6}"]
    for label, s in sorted(scores.items()):
        lines.append(f"{label:<16}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}{s.tp:>6}{s.fp:>6}{s.fn:>6}")
    return lines


def evaluate_tagging(path: Path = DATA_DIR / "tagging.jsonl") -> tuple[dict[str, Score], list[str]]:
    from learnlog import frameworks, tagging

    rows = load_jsonl(path)
    badge = frameworks.get_badge(frameworks.DEFAULT_BADGE)
    labels = [c.id for c in badge.criteria]
    gold = [set(r["criteria"]) for r in rows]
    predicted = [{s.criterion_id for s in tagging.suggest(r["text"]) if s.accepted} for r in rows]
    scores = score_multilabel(gold, predicted, labels)
    lines = _table(f"Tagging ({len(rows)} passages, badge {badge.id})", scores)
    lines.append(f"macro-F1 {macro_f1(scores):.3f}   micro-F1 {micro(scores).f1:.3f}")
    return scores, lines


def evaluate_confidential(
    path: Path = DATA_DIR / "confidential.jsonl",
) -> tuple[dict[str, Score], list[str]]:
    from learnlog import confidential

    rows = load_jsonl(path)
    gold = [[(s["start"], s["end"], s["label"]) for s in r["spans"]] for r in rows]
    predicted = [[(f.start, f.end, f.label) for f in confidential.scan(r["text"])] for r in rows]
    scores = score_spans(gold, predicted)
    hard = [p for r, p in zip(rows, predicted, strict=True) if r.get("kind") == "hard_negative"]
    hard_fp = sum(len(p) for p in hard)
    lines = _table(f"Confidentiality ({len(rows)} passages)", scores)
    total = micro(scores)
    lines.append(f"micro-P {total.precision:.3f}   micro-R {total.recall:.3f}   micro-F1 {total.f1:.3f}")
    lines.append(f"false positives on {len(hard)} hard negatives: {hard_fp}")
    return scores, lines


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    which = set(argv) or {"tagging", "confidential"}
    for name, fn in (("tagging", evaluate_tagging), ("confidential", evaluate_confidential)):
        if name in which:
            _, lines = fn()
            print("\n".join(lines), end="\n\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
