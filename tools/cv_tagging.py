"""Choose the tagging scorer's numbers by cross-validation across the labelled sets; write params.toml.

    .venv/bin/python -m tools.cv_tagging            # report the CV estimate and write the chosen numbers
    .venv/bin/python -m tools.cv_tagging --dry-run  # report only

Procedure: the passages of the sets in tools/eval_tagging.SETS (tagging.jsonl, tagging_styles.jsonl,
tagging_short2.jsonl, tagging_styles3.jsonl) are pooled and dealt into FOLDS folds, stratified by set and
style (so every fold holds terse notes, whole entries, hard negatives…). For each fold the grid below is
searched on the other folds and the winner scored on the held-out fold: those held-out figures are the
estimate reported. The numbers shipped are the grid's winner on all
passages. The objective is the mean, over the sets, of macro-F1 minus a penalty for label-less passages
given a suggestion beyond a fifth of them, so neither set can be fitted at the other's expense and
abstaining is worth as much as finding.

The score is R²/(R²+r0²) accepted at 0.5, i.e. R ≥ r0, so each structural setting is computed once and every
r0 tried on the same strengths. r0 is chosen per criterion of the shipped badge (coordinate ascent from the
best common value), since some criteria's words are common in writing that shows nothing, and with a
multiplier for whole entries, which mention most criteria's words somewhere.

These numbers shape the lexicon's reading, which the trained model (tools/train_tagging.py) reads in turn:
run that after this.
"""

from __future__ import annotations

import argparse
import itertools
import random
import statistics
from dataclasses import replace
from pathlib import Path

from tools.eval_tagging import SETS, labels
from tools.scoring import load_jsonl, macro_f1, score_multilabel

FOLDS = 5
TOP = 4  # structural settings refined with an r0 per criterion
SEED = 11
FP_ALLOWANCE = 0.2  # a fifth of label-less passages flagged costs nothing; beyond it, one F1 point a percent
GRID = {
    "near": (0.6, 0.8, 1.0),
    "far": (0.2,),
    "plan": (0.2, 0.5),
    "one_person": (0.4,),  # chosen in every fold of the two-set CV; the grid's room went to writer_only
    "writer_only": (0.5, 0.7, 1.0),
    "no_action": (0.2, 0.4),
    "window": (2, 3, 5),
}
R0 = tuple(round(1.2 + 0.1 * k, 2) for k in range(21))  # 1.2 … 3.2
# Whole entries (over Params.long_words words): (r0 multiplier, share of the strongest criterion below
# which a criterion is scaled down)
LONG = tuple(itertools.product((1.0, 1.4, 1.8), (0.0, 0.55, 0.7)))
PARAMS_FILE = Path(__file__).resolve().parent.parent / "learnlog" / "tagging" / "params.toml"


def _rows() -> list[dict]:
    from learnlog import tagging

    rows = []
    for name, path in SETS.items():
        for r in load_jsonl(path):
            stratum = (name, r.get("style", ""), not r["criteria"])
            rows.append({**r, "set": name, "stratum": stratum, "long": tagging.is_long(r["text"], tagging.Params())})
    return rows


def _folds(rows: list[dict]) -> list[int]:
    """Fold number per row, dealt round-robin within each stratum after a seeded shuffle."""
    rng = random.Random(SEED)
    fold = [0] * len(rows)
    strata: dict[tuple, list[int]] = {}
    for i, r in enumerate(rows):
        strata.setdefault(r["stratum"], []).append(i)
    offset = 0
    for key in sorted(strata, key=repr):
        members = strata[key]
        rng.shuffle(members)
        for k, i in enumerate(members):
            fold[i] = (k + offset) % FOLDS
        offset += len(members)
    return fold


def _strengths(rows: list[dict]) -> dict[tuple, list[dict[str, float]]]:
    from learnlog import frameworks, tagging

    badge = frameworks.get_badge(frameworks.DEFAULT_BADGE)
    base = tagging.Params()
    names = list(GRID)
    out = {}
    for values in itertools.product(*(GRID[n] for n in names)):
        p = replace(base, **dict(zip(names, values, strict=True)))
        out[values] = [{c: r for c, r, _ in tagging.strengths(row["text"], badge, p)} for row in rows]
    return out


def _predict(row: dict, strengths: dict[str, float], r0: dict[str, float], long: tuple[float, float]) -> set[str]:
    """Accepted criteria: R (scaled down when dominated, in a whole entry) at least r0 (scaled, ditto)."""
    from learnlog.tagging import dominated

    if not row["long"]:
        return {c for c, r in strengths.items() if r >= r0[c]}
    long_r0, share = long
    top = max(strengths.values(), default=0.0)
    return {c for c, r in strengths.items() if dominated(r, top, share) >= r0[c] * long_r0}


def _figures(rows: list[dict], predicted: list[set[str]], ids) -> tuple[float, int, int]:
    """macro-F1, label-less passages, and how many of those got a suggestion."""
    gold = [set(r["criteria"]) for r in rows]
    empty = [p for g, p in zip(gold, predicted, strict=True) if not g]
    return macro_f1(score_multilabel(gold, predicted, ids)), len(empty), sum(map(bool, empty))


def _objective(rows, strengths, r0: dict[str, float], long: tuple[float, float], idx: list[int], ids) -> float:
    by_set: dict[str, list[int]] = {}
    for i in idx:
        by_set.setdefault(rows[i]["set"], []).append(i)
    total = 0.0
    for members in by_set.values():
        predicted = [_predict(rows[i], strengths[i], r0, long) for i in members]
        f1, empty, flagged = _figures([rows[i] for i in members], predicted, ids)
        total += f1 - max(0.0, (flagged / empty if empty else 0.0) - FP_ALLOWANCE)
    return total / len(by_set)


def _search(rows, table, idx, ids) -> tuple[float, tuple, dict[str, float], tuple[float, float]]:
    """Best structural setting, r0 per criterion and long-entry multiplier on rows `idx`: one r0 for all
    criteria first, then, for the TOP settings, each criterion's r0 moved in turn while the objective improves
    (two sweeps)."""
    ranked = []
    for values, strengths in table.items():
        best = max(
            (_objective(rows, strengths, dict.fromkeys(ids, r0), long, idx, ids), r0, long)
            for r0 in R0
            for long in LONG
        )
        ranked.append((best[0], values, best[1], best[2]))
    ranked.sort(key=lambda t: -t[0])
    winner: tuple[float, tuple, dict[str, float], tuple[float, float]] = (-1.0, (), {}, (1.0, 0.0))
    for value, values, r0, long in ranked[:TOP]:
        chosen = dict.fromkeys(ids, r0)
        for _ in range(2):
            for c in ids:
                for candidate in R0:
                    trial = {**chosen, c: candidate}
                    v = _objective(rows, table[values], trial, long, idx, ids)
                    if v > value + 1e-9:
                        value, chosen = v, trial
        if value > winner[0] + 1e-9:
            winner = (value, values, chosen, long)
    return winner


def _describe(values: tuple, r0: dict[str, float], long: tuple[float, float]) -> str:
    chosen = ", ".join(f"{n}={v}" for n, v in zip(GRID, values, strict=True))
    return f"{chosen}, long_r0={long[0]}, long_relative={long[1]}  r0 " + " ".join(f"{c}:{v}" for c, v in r0.items())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dry-run", action="store_true", help="report without writing params.toml")
    args = parser.parse_args(argv)
    rows = _rows()
    ids = labels()
    fold = _folds(rows)
    table = _strengths(rows)
    print(
        f"{len(rows)} passages, {FOLDS} folds, {len(table)} settings x {len(R0)} values of r0 x {len(LONG)} for whole entries"
    )
    held_out: list[set[str]] = [set() for _ in rows]
    for k in range(FOLDS):
        train = [i for i in range(len(rows)) if fold[i] != k]
        value, values, r0, long = _search(rows, table, train, ids)
        for i in range(len(rows)):
            if fold[i] == k:
                held_out[i] = _predict(rows[i], table[values][i], r0, long)
        print(f"fold {k}: train objective {value:.3f}  {_describe(values, r0, long)}")
    print("\nCross-validated estimate (each passage predicted by numbers chosen without it):")
    for name in SETS:
        styles = sorted({r.get("style", "") for r in rows if r["set"] == name} - {""})
        for style in [None, *(styles if len(styles) > 1 else ())]:
            members = [i for i, r in enumerate(rows) if r["set"] == name and (style is None or r.get("style") == style)]
            f1, empty, flagged = _figures([rows[i] for i in members], [held_out[i] for i in members], ids)
            label = name if style is None else f"  {style}"
            figure = "  n/a" if empty == len(members) else f"{f1:.3f}"
            print(f"{label:<22}{len(members):>5}  macro-F1 {figure}  label-less flagged {flagged}/{empty}")
    value, values, r0, long = _search(rows, table, list(range(len(rows))), ids)
    print(f"\nOn all passages: objective {value:.3f} with {_describe(values, r0, long)}")
    if not args.dry_run:
        from learnlog import frameworks

        lines = [
            "# Written by tools/cv_tagging.py (cross-validation across tests/data/tagging*.jsonl); do not edit by hand.",
            "[params]",
            *(f"{n} = {v}" for n, v in zip(GRID, values, strict=True)),
            f"long_r0 = {long[0]}",
            f"long_relative = {long[1]}",
            f"r0 = {round(statistics.median(r0.values()), 2)}  # other badges: the median of the criteria below",
            "",
            f'[r0."{frameworks.DEFAULT_BADGE}"]',
            *(f"{c} = {v}" for c, v in r0.items()),
        ]
        PARAMS_FILE.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"wrote {PARAMS_FILE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
