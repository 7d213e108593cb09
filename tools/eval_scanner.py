"""Confidentiality scanning scored on the labelled sets in tests/data (`make eval`)."""

from __future__ import annotations

from pathlib import Path

from tools.scoring import DATA_DIR, Score, load_jsonl, micro, score_spans, table


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
    lines = table(f"Confidentiality ({len(rows)} passages)", scores)
    total = micro(scores)
    lines.append(f"micro-P {total.precision:.3f}   micro-R {total.recall:.3f}   micro-F1 {total.f1:.3f}")
    lines.append(f"false positives on {len(hard)} hard negatives: {hard_fp}")
    return scores, lines
