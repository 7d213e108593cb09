"""Timing one command: a warm-up and N runs as whole processes, wall time and own peak memory, and an
import-time profile; what counts as a failure (a traceback, an unexpected exit code)."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
TRACEBACK = "Traceback (most recent call last)"
MEMORY_TARGET_MIB = 150.0


@dataclass
class Run:
    seconds: float
    code: int
    peak_mib: float
    stdout_bytes: int
    stderr: str


def run_process(argv: list[str], env: dict[str, str], stdin: Path | None, scratch: Path) -> Run:
    """One process: its wall time and its own peak RSS, via the small launcher `spawn.py` (see there why)."""
    out_path, err_path, res_path = scratch / "stdout", scratch / "stderr", scratch / "result"
    res_path.unlink(missing_ok=True)
    launcher = [sys.executable, "-I", "-S", str(HERE / "spawn.py")]
    subprocess.run(
        [*launcher, str(res_path), str(stdin) if stdin else "-", str(out_path), str(err_path), *argv],
        env=env,
        cwd=scratch,
        check=True,
    )
    seconds, code, maxrss_kib = res_path.read_text().split()
    return Run(
        seconds=float(seconds),
        code=int(code),
        peak_mib=int(maxrss_kib) / 1024,
        stdout_bytes=out_path.stat().st_size,
        stderr=err_path.read_text(encoding="utf-8", errors="replace"),
    )


def cpu_busy(interval: float = 0.2) -> float | None:
    """Share of all CPUs busy over `interval` (from /proc/stat), sampled while the harness itself is idle: a
    figure well above 0 means other programs were competing with the benchmark for the machine."""

    def snap() -> tuple[int, int]:
        with open("/proc/stat") as fh:
            values = [int(v) for v in fh.readline().split()[1:]]
        return sum(values), values[3] + values[4]  # total, idle + iowait

    try:
        total1, idle1 = snap()
        time.sleep(interval)
        total2, idle2 = snap()
    except (OSError, ValueError, IndexError):
        return None
    total = total2 - total1
    return max(0.0, 1 - (idle2 - idle1) / total) if total > 0 else 0.0


BUSY = 0.25  # share of the machine in use by others above which a figure is flagged as taken on a busy machine


@dataclass
class Bench:
    """A command to time. `prepare(i)` runs before run i (untimed) and returns (args, env changes)."""

    name: str
    args: list[str]
    target: float | None
    kind: str = "read"  # read | write | bulk | startup | baseline
    ok_codes: tuple[int, ...] = (0,)
    stdin: Path | None = None
    prepare: Callable[[int], tuple[list[str], dict[str, str]]] | None = None
    cleanup: Callable[[int], None] | None = None
    note: str = ""


@dataclass
class Result:
    name: str
    argv: list[str]
    target: float | None
    kind: str
    times: list[float] = field(default_factory=list)
    peaks: list[float] = field(default_factory=list)
    codes: list[int] = field(default_factory=list)
    stdout_bytes: int = 0
    error: str | None = None
    stderr_tail: str = ""
    note: str = ""
    busy: list[float] = field(default_factory=list)

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times else None

    @property
    def peak(self) -> float | None:
        return max(self.peaks) if self.peaks else None

    @property
    def time_ok(self) -> bool | None:
        if self.error or self.median is None:
            return False
        return None if self.target is None else self.median <= self.target

    @property
    def memory_ok(self) -> bool | None:
        if self.error or self.peak is None:
            return False
        return None if self.kind == "baseline" else self.peak < MEMORY_TARGET_MIB

    @property
    def ok(self) -> bool | None:
        if self.error:
            return False
        checks = [c for c in (self.time_ok, self.memory_ok) if c is not None]
        return all(checks) if checks else None

    def to_dict(self) -> dict:
        return {
            "argv": self.argv,
            "kind": self.kind,
            "median_s": rounded(self.median),
            "min_s": rounded(min(self.times)) if self.times else None,
            "max_s": rounded(max(self.times)) if self.times else None,
            "runs": len(self.times),
            "times_s": [rounded(t) for t in self.times],
            "peak_mib": round(self.peak, 1) if self.peak is not None else None,
            "target_s": self.target,
            "memory_target_mib": None if self.kind == "baseline" else MEMORY_TARGET_MIB,
            "time_ok": self.time_ok,
            "memory_ok": self.memory_ok,
            "ok": self.ok,
            "exit_codes": sorted(set(self.codes)),
            "stdout_bytes": self.stdout_bytes,
            "cpu_busy_before_runs": [round(b, 2) for b in self.busy],
            "error": self.error,
            "stderr_tail": self.stderr_tail or None,
            "note": self.note or None,
        }


def rounded(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def wait_idle(limit: float) -> None:
    """Wait up to `limit` seconds for other programs to leave the machine (busy share below BUSY)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        busy = cpu_busy(0.5)
        if busy is None or busy < BUSY:
            return
        time.sleep(2)


def measure(
    b: Bench, program: list[str], env: dict[str, str], runs: int, scratch: Path, label: str, idle: float = 0
) -> Result:
    """One warm-up, then `runs` timed runs; stops at the first failure (a traceback or an unexpected exit)."""
    res = Result(b.name, [*program, *b.args], b.target, b.kind, note=b.note)
    if idle:
        wait_idle(idle)
    print(f"  {label:<12} {b.name:<34}", end="", flush=True)
    for i in range(runs + 1):
        args, extra = b.prepare(i) if b.prepare else (b.args, {})
        busy = cpu_busy() if i else None
        argv = [*program, *args]
        res.argv = argv
        run = run_process(argv, {**env, **extra}, b.stdin, scratch)
        if b.cleanup:
            b.cleanup(i)
        if TRACEBACK in run.stderr or run.code not in b.ok_codes:
            res.error = f"exit {run.code}" + (" with a traceback" if TRACEBACK in run.stderr else "")
            tail = "\n".join(run.stderr.rstrip().splitlines()[-25:])
            print(f" FAILED ({res.error}) on {'warm-up' if i == 0 else f'run {i}'}")
            print("    $ " + " ".join(argv))
            print("    " + tail.replace("\n", "\n    "))
            res.stderr_tail = tail
            return res
        if i == 0:
            continue  # warm-up: bytecode caches, page cache, SQLite file cache
        if busy is not None:
            res.busy.append(busy)
        res.times.append(run.seconds)
        res.peaks.append(run.peak_mib)
        res.codes.append(run.code)
        res.stdout_bytes = run.stdout_bytes
        print(".", end="", flush=True)
    worst = max(res.busy, default=0)
    flag = f"  (machine busy: up to {worst:.0%} in use by others)" if worst > BUSY else ""
    print(f" {res.median:8.3f} s  {res.peak:6.1f} MiB{flag}")
    return res


def importtime_profile(args: list[str], env: dict[str, str], scratch: Path, top: int = 25) -> dict:
    """`python -X importtime -m learnlog ARGS`: the modules with the largest cumulative import time."""
    p = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "learnlog", *args],
        env=env,
        cwd=scratch,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    rows = []
    for line in p.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        try:
            self_us, cum_us, name = line.removeprefix("import time:").split("|", 2)
            self_us, cum_us = int(self_us), int(cum_us)
        except ValueError:
            continue
        rows.append((cum_us, self_us, name.rstrip()))
    rows.sort()
    total = sum(s for _, s, _ in rows)
    learnlog_cli = next((c for c, _, n in rows if n.strip() == "learnlog.cli"), None)
    return {
        "total_import_s": round(total / 1e6, 4),
        "learnlog_cli_cumulative_s": round(learnlog_cli / 1e6, 4) if learnlog_cli else None,
        "top": [{"cumulative_us": c, "self_us": s, "module": n} for c, s, n in rows[-top:]],
    }
