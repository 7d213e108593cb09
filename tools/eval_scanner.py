"""Confidentiality scanning scored on the labelled sets in tests/data (`make eval`).

Two sets, reported apart because they fail differently: short passages (`confidential.jsonl`, one or two
sentences each) and whole learning-log entries (`confidential_entries.jsonl`, 300–900 words, written by
someone who had not seen the scanner). For each: per-label precision and recall, micro figures, and how
many passages with nothing private raised any finding at all (what a user sees as a false alarm).

`python -m tools.eval_scanner --errors [FILE]` also lists every missed and spurious span with context.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tools.scoring import DATA_DIR, Score, load_jsonl, micro, score_spans, table

SETS = (
    ("short passages", DATA_DIR / "confidential.jsonl"),
    ("whole entries", DATA_DIR / "confidential_entries.jsonl"),
    ("short passages, second independent set", DATA_DIR / "confidential_short2.jsonl"),
    ("whole entries, third independent set", DATA_DIR / "confidential_entries3.jsonl"),
    ("short passages, third independent set", DATA_DIR / "confidential_short3.jsonl"),
    ("whole entries, fourth independent set", DATA_DIR / "confidential_entries4.jsonl"),
    ("short passages, fourth independent set", DATA_DIR / "confidential_short4.jsonl"),
    ("whole hard-negative entries and short health passages, fifth set", DATA_DIR / "confidential_mixed5.jsonl"),
)
CLEAN_KINDS = ("clean", "hard_negative")


def _predict(rows: list[dict]) -> tuple[list, list]:
    from learnlog import confidential

    gold = [[(s["start"], s["end"], s["label"]) for s in r["spans"]] for r in rows]
    predicted = [[(f.start, f.end, f.label) for f in confidential.scan(r["text"])] for r in rows]
    return gold, predicted


def evaluate_confidential(
    path: Path = DATA_DIR / "confidential.jsonl", title: str = "Confidentiality"
) -> tuple[dict[str, Score], list[str]]:
    rows = load_jsonl(path)
    gold, predicted = _predict(rows)
    scores = score_spans(gold, predicted)
    clean = [p for r, p in zip(rows, predicted, strict=True) if r.get("kind") in CLEAN_KINDS]
    hard = [p for r, p in zip(rows, predicted, strict=True) if r.get("kind") == "hard_negative"]
    lines = table(f"{title} ({len(rows)} passages, {path.name})", scores)
    total = micro(scores)
    lines.append(f"micro-P {total.precision:.3f}   micro-R {total.recall:.3f}   micro-F1 {total.f1:.3f}")
    lines.append(f"clean passages with any finding: {sum(bool(p) for p in clean)} of {len(clean)}")
    lines.append(f"false positives on {len(hard)} hard negatives: {sum(len(p) for p in hard)}")
    return scores, lines


def evaluate_all() -> list[str]:
    """Every scanner set that exists, one block each."""
    lines: list[str] = []
    for title, path in SETS:
        if path.exists():
            lines += evaluate_confidential(path, f"Confidentiality, {title}")[1] + [""]
    return lines[:-1]


def errors(path: Path) -> list[str]:
    """Each missed (FN) and spurious (FP) span with a little context, for tuning."""
    rows = load_jsonl(path)
    gold, predicted = _predict(rows)
    out = []
    for row, g_spans, p_spans in zip(rows, gold, predicted, strict=True):
        text = row["text"]
        for kind, mine, other in (("FN", g_spans, p_spans), ("FP", p_spans, g_spans)):
            for start, end, label in mine:
                if any(label == ol and os < end and start < oe for os, oe, ol in other):
                    continue
                near = [ol for os, oe, ol in other if os < end and start < oe]
                context = text[max(0, start - 60) : end + 40].replace("\n", " ")
                extra = f" (as {near[0]})" if near else ""
                out.append(f"{row['id']} {kind} {label}{extra}: {text[start:end]!r}  …{context}…")
    return out


def main(argv: list[str]) -> int:
    if argv and argv[0] == "--errors":
        paths = [Path(a) for a in argv[1:]] or [p for _, p in SETS if p.exists()]
        for path in paths:
            print("\n".join(errors(path)))
        return 0
    print("\n".join(evaluate_all()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
