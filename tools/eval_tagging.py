"""Tagging suggestions scored on the labelled sets in tests/data (`make eval`): each set, and each style of
writing in the styles set, with how many label-less passages got any suggestion (false alarms)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tools.scoring import DATA_DIR, Score, load_jsonl, macro_f1, micro, score_multilabel, table

SETS = {
    "short passages": DATA_DIR / "tagging.jsonl",
    "five styles": DATA_DIR / "tagging_styles.jsonl",
    "short passages 2": DATA_DIR / "tagging_short2.jsonl",
    # Five styles, short passages and hard negatives by a helper who never saw the scorer; scored once before
    # any tuning on it (lexicon 0.649, 19 of 53 label-less flagged; see the README's Accuracy section).
    "five styles 3": DATA_DIR / "tagging_styles3.jsonl",
}

Predict = Callable[[str], set[str]]


def default_predict() -> Predict:
    from learnlog import tagging

    return lambda text: {s.criterion_id for s in tagging.suggest(text) if s.accepted}


def labels() -> list[str]:
    from learnlog import frameworks

    return [c.id for c in frameworks.get_badge(frameworks.DEFAULT_BADGE).criteria]


def score_rows(rows: list[dict], predicted: list[set[str]], ids: list[str]) -> tuple[dict[str, Score], int, int]:
    """Per-criterion scores, label-less passages, and how many of those got any suggestion."""
    gold = [set(r["criteria"]) for r in rows]
    scores = score_multilabel(gold, predicted, ids)
    empty = [p for g, p in zip(gold, predicted, strict=True) if not g]
    return scores, len(empty), sum(1 for p in empty if p)


def summary(name: str, rows: list[dict], predicted: list[set[str]], ids: list[str]) -> str:
    scores, empty, flagged = score_rows(rows, predicted, ids)
    if empty == len(rows):  # hard negatives only: F1 is undefined, the false alarms are the figure
        figures = f"{'macro-F1   n/a':<15}  {'micro-F1   n/a':<15}"
    else:
        figures = f"macro-F1 {macro_f1(scores):.3f}  micro-F1 {micro(scores).f1:.3f}"
    return f"{name:<22}{len(rows):>5}  {figures}  label-less flagged {flagged}/{empty}"


def evaluate_tagging(predict: Predict | None = None) -> tuple[dict[str, dict[str, Score]], list[str]]:
    shipped = predict is None
    predict = predict or default_predict()
    ids = labels()
    results: dict[str, dict[str, Score]] = {}
    lines: list[str] = []
    overview = [f"{'set / style':<22}{'n':>5}"]
    for name, path in SETS.items():
        if not Path(path).exists():
            continue
        rows = load_jsonl(path)
        predicted = [predict(r["text"]) for r in rows]
        scores, _, _ = score_rows(rows, predicted, ids)
        results[name] = scores
        lines += table(f"Tagging: {name} ({len(rows)} passages, {Path(path).name})", scores)
        lines.append("")
        overview.append(summary(name, rows, predicted, ids))
        styles = sorted({r["style"] for r in rows if r.get("style")})
        for style in styles if len(styles) > 1 else ():
            pairs = [(r, p) for r, p in zip(rows, predicted, strict=True) if r.get("style") == style]
            overview.append(summary(f"  {style}", [r for r, _ in pairs], [p for _, p in pairs], ids))
    from learnlog.tagging import model

    if shipped and model.shipped():
        overview.append(
            "The shipped model was trained on these sets: the figures above are in-sample. Leaving one set out"
        )
        overview.append("at a time (`python -m tools.train_tagging --dry-run`) gives the estimate for new writing.")
    return results, lines + overview
