"""Tagging suggestions scored on the labelled sets in tests/data (`make eval`)."""

from __future__ import annotations

from pathlib import Path

from tools.scoring import DATA_DIR, Score, load_jsonl, macro_f1, micro, score_multilabel, table


def evaluate_tagging(path: Path = DATA_DIR / "tagging.jsonl") -> tuple[dict[str, Score], list[str]]:
    from learnlog import frameworks, tagging

    rows = load_jsonl(path)
    badge = frameworks.get_badge(frameworks.DEFAULT_BADGE)
    labels = [c.id for c in badge.criteria]
    gold = [set(r["criteria"]) for r in rows]
    predicted = [{s.criterion_id for s in tagging.suggest(r["text"]) if s.accepted} for r in rows]
    scores = score_multilabel(gold, predicted, labels)
    lines = table(f"Tagging ({len(rows)} passages, badge {badge.id})", scores)
    lines.append(f"macro-F1 {macro_f1(scores):.3f}   micro-F1 {micro(scores).f1:.3f}")
    return scores, lines
