"""The report: the learnlog table, the ratios to jrnl and to the floors, and the machine the figures are for."""

from __future__ import annotations

import datetime as dt
import os
import platform
import sqlite3
import subprocess
from pathlib import Path

from measure import BUSY, MEMORY_TARGET_MIB, Result, rounded

ROOT = Path(__file__).resolve().parent.parent


def floor_ratios(results: list[Result], floor_results: list[Result], baseline: Result | None) -> list[dict]:
    """learnlog median / floor median, for every learnlog figure that has a floor."""
    by_name = {r.name: r for r in floor_results}
    if baseline is not None:
        by_name["--version"] = by_name["--help"] = baseline
    out = []
    for r in results:
        f = by_name.get(r.name) or by_name.get(r.name.split()[0] if r.name.startswith("show") else "")
        if f is None or not r.median or not f.median:
            continue
        out.append(
            {
                "learnlog": r.name,
                "learnlog_s": rounded(r.median),
                "floor_s": rounded(f.median),
                "ratio": round(r.median / f.median, 2),
            }
        )
    return out


def print_floors(rows: list[dict]) -> None:
    print()
    print("learnlog vs the floor: a bare python process running the equivalent sqlite3 query (see floors.py)")
    head = f"{'learnlog':<34} {'s':>7} {'floor s':>8} {'ratio':>6}"
    print(head)
    print("-" * len(head))
    for row in rows:
        print(f"{row['learnlog']:<34} {_fmt(row['learnlog_s'])} {_fmt(row['floor_s'], 8)} {row['ratio']:6.2f}")


def _fmt(x: float | None, width: int = 7, digits: int = 3) -> str:
    return f"{x:{width}.{digits}f}" if x is not None else " " * (width - 1) + "–"


def _mark(ok: bool | None) -> str:
    return "✓" if ok else ("–" if ok is None else "✗")


def print_table(results: list[Result], n: int, runs: int) -> None:
    print()
    print(f"learnlog, {n:,} entries, median of {runs} runs after one warm-up (wall time of the whole process)")
    cols = f"{'median':>7} {'min':>7} {'max':>7} {'target':>7} {'':1} {'peak MiB':>8} {'':1}"
    cols += f" {'exit':>4} {'busy':>5}"
    head = f"{'command':<34} {cols}"
    print(head)
    print("-" * len(head))
    for r in results:
        target = f"≤{r.target:g}" if r.target is not None else "–"
        if r.error:
            print(f"{r.name:<34} {'FAILED':>7}  {r.error}")
            continue
        mem = f"{r.peak:8.1f}" if r.peak is not None else "       –"
        print(
            f"{r.name:<34} {_fmt(r.median)} {_fmt(min(r.times))} {_fmt(max(r.times))} {target:>7} "
            f"{_mark(r.time_ok)} {mem} {_mark(r.memory_ok)} {','.join(map(str, sorted(set(r.codes)))):>4} "
            f"{_busy(r)}"
        )
    print(
        f"(targets: seconds; memory < {MEMORY_TARGET_MIB:g} MiB for every command; ✓ met, ✗ missed, – none;"
        " busy: the largest share of the CPUs other programs used just before a timed run)"
    )
    busy = [r.name for r in results if r.busy and max(r.busy) > BUSY]
    if busy:
        print(
            f"Note: other programs used more than {BUSY:.0%} of the machine just before some runs of: "
            f"{', '.join(busy)}. Those medians are inflated; min is the better estimate of the command's own "
            "cost. Re-run on a quiet machine, or with --wait-idle SECONDS."
        )


def _busy(r: Result) -> str:
    if not r.busy:
        return "    – "
    worst = max(r.busy)
    return f"{worst:>4.0%}" + ("!" if worst > BUSY else " ")


def print_jrnl(pairs: list[dict], version: str, note: str) -> None:
    print()
    if note:
        print(f"jrnl comparison skipped: {note}")
        return
    print(f"learnlog vs {version} over the same entries (ratio > 1: learnlog is slower)")
    head = f"{'learnlog':<30} {'s':>7}   {'jrnl':<34} {'s':>7} {'ratio':>6}"
    print(head)
    print("-" * len(head))
    for p in pairs:
        ratio = f"{p['ratio']:6.2f}" if p["ratio"] is not None else "     –"
        print(f"{p['learnlog']:<30} {_fmt(p['learnlog_s'])}   {p['jrnl']:<34} {_fmt(p['jrnl_s'])} {ratio}")


def machine_info() -> dict:
    def git(*args: str) -> str | None:
        try:
            return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=10).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return None

    try:
        from learnlog import __version__ as version
    except ImportError:
        version = None
    return {
        "date": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpu_count": os.cpu_count(),
        "sqlite": sqlite3.sqlite_version,
        "learnlog": version,
        "git_commit": git("rev-parse", "--short", "HEAD"),
        "git_dirty": bool(git("status", "--porcelain", "--", "learnlog")),
    }
