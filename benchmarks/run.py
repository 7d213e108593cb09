"""`make bench`: time learnlog commands as whole processes over a synthetic 10,000-entry log, jrnl beside it.

    .venv/bin/python benchmarks/run.py                # 10,000 entries, median of 5 runs after a warm-up
    .venv/bin/python benchmarks/run.py --quick        # 1,000 entries, 3 runs: to try it out
    .venv/bin/python benchmarks/run.py --entries 2000 --runs 7 --only list,show --no-jrnl

Each command runs as its own process, as a user runs it (the venv's `learnlog` console script), with
LEARNLOG_DB pointing at a database built by `Journal.import_entries` from `synth.generate`. Wall time is
measured around `Popen` → `os.wait4`, which also gives the child's own peak resident memory (ru_maxrss); both
are taken in the small launcher `spawn.py`, so the harness's own size does not leak into the child's figure.
Standard library only, plus learnlog itself for building the database. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / "work"
JRNL_VENV = WORK / "jrnl-venv"
SEED = 20240611
BADGE = "sssc-sil-1"
TRACEBACK = "Traceback (most recent call last)"

sys.path.insert(0, str(HERE))
sys.path.insert(1, str(ROOT))  # learnlog from this checkout, installed or not

import floors  # noqa: E402
import synth  # noqa: E402

# Targets, in seconds (wall time of the whole process); memory is the same for every command.
T_STARTUP, T_READ, T_ADD, T_EXPORT, T_IMPORT, T_BULK = 0.12, 0.15, 0.6, 5.0, 20.0, 10.0
MEMORY_TARGET_MIB = 150.0


# -- running one process -------------------------------------------------------------------------------------


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
            "median_s": _r(self.median),
            "min_s": _r(min(self.times)) if self.times else None,
            "max_s": _r(max(self.times)) if self.times else None,
            "runs": len(self.times),
            "times_s": [_r(t) for t in self.times],
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


def _r(x: float | None) -> float | None:
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


# -- building the data ---------------------------------------------------------------------------------------


def build_learnlog_db(db: Path, stress_db: Path, entries: list[synth.SynthEntry]) -> dict:
    """The synthetic log in a new database: entries with tags, links and resources, a held prerequisite, the
    own-work declaration, and a statement of one hand-linked entry per criterion (what `check` reads).

    `stress_db` is a copy with a second, latest statement assembled from every linked entry, as
    `learnlog statement new --all` would make it; it is kept apart so its megabytes of text do not weigh on
    the ordinary commands."""
    from learnlog.store.journal import Journal

    timings = {}
    j = Journal(db)
    t = time.perf_counter()
    report = j.import_entries((f"synth:{i}", synth.to_entry(e)) for i, e in enumerate(entries))
    timings["import_entries_s"] = round(time.perf_counter() - t, 2)
    if len(report.added) != len(entries):
        raise SystemExit(f"import_entries added {len(report.added)} of {len(entries)} entries: {report.skipped[:3]}")
    j.hold_badge("sssc-lcf", dt.date(2021, 11, 1))
    j.confirm_own_work(dt.date.today())

    from learnlog.frameworks import get_badge
    from learnlog.statement import assemble

    badge = get_badge(BADGE)
    live = j.list(limit=None)
    linked = [e for e in live if e.criteria]
    by_id = {i + 1: s for i, s in enumerate(entries)}  # ids follow import order on a fresh database
    sample = []
    for c in badge.criteria:  # the latest entry linked by hand to each criterion, with no private detail
        pick = next(
            (e for e in live if e.criteria.get(c.id) == "manual" and not by_id[e.id].confidential and e not in sample),
            None,
        )
        if pick:
            sample.append(pick)
    statements = [(j, "sample", badge.title, sample)]
    j.close()
    src, dst = sqlite3.connect(db), sqlite3.connect(stress_db)
    with dst:
        src.backup(dst)
    src.close()
    dst.close()
    stress = Journal(stress_db)
    statements.append((stress, "all", f"{badge.title} (every linked entry)", linked))
    for journal, key, title, chosen in statements:
        body = assemble(chosen, badge).text
        t = time.perf_counter()
        try:
            st = journal.create_statement(badge.id, title, body, [e.id for e in chosen])
            sid, how = st.id, "Journal.create_statement"
        except ImportError as exc:  # a module learnlog needs is not written yet: store it unscanned
            ids = [e.id for e in chosen]
            sid, how = _insert_statement(journal.path, badge.id, title, body, ids), f"SQL ({exc})"
        timings[f"statement_{key}_s"] = round(time.perf_counter() - t, 2)
        timings[f"statement_{key}"] = {
            "id": sid,
            "entries": len(chosen),
            "words": len(body.split()),
            "via": how,
        }
        journal.close()
    return timings


def _insert_statement(db: Path, badge: str, title: str, body: str, ids: list[int]) -> int:
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    with sqlite3.connect(db) as c:
        cur = c.execute(
            "INSERT INTO statement (badge_id, title, body, words, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
            (badge, title, body, len(body.split()), stamp, stamp),
        )
        sid = cur.lastrowid
        c.executemany(
            "INSERT INTO statement_entry (statement_id, entry_id, position) VALUES (?, ?, ?)",
            [(sid, eid, pos) for pos, eid in enumerate(ids)],
        )
    return sid


def reset_scanned(db: Path) -> None:
    with sqlite3.connect(db) as c:
        c.execute("UPDATE entry SET scanned_version = 0")


# -- learnlog commands ---------------------------------------------------------------------------------------


def learnlog_program() -> list[str]:
    script = Path(sys.executable).parent / "learnlog"
    return [str(script)] if script.exists() else [sys.executable, "-m", "learnlog"]


def learnlog_benches(tmp: Path, db: Path, stress_db: Path, n: int, add_file: Path, stats: dict) -> list[Bench]:
    exports = tmp / "exports"
    exports.mkdir()
    import_src = tmp / "import-src"  # the warm-up export, kept as what `import` reads

    def export_prepare(i: int):
        return ["export", "--all", "--format", "md-dir", str(exports / f"run-{i}")], {}

    def export_cleanup(i: int):
        out = exports / f"run-{i}"
        if i == 0 and not import_src.exists():
            files = sum(1 for _ in out.iterdir()) if out.exists() else 0
            stats["export_files"] = files
            if out.exists():
                out.rename(import_src)
            return
        shutil.rmtree(out, ignore_errors=True)

    def import_prepare(i: int):
        fresh = tmp / f"import-{i}.db"
        return ["import", str(import_src)], {"LEARNLOG_DB": str(fresh)}

    def import_cleanup(i: int):
        fresh = tmp / f"import-{i}.db"
        if i == 0 and fresh.exists():
            with sqlite3.connect(fresh) as c:
                stats["import_entries_in_fresh_db"] = c.execute("SELECT count(*) FROM entry").fetchone()[0]
            c.close()
        for p in tmp.glob(f"import-{i}.db*"):
            p.unlink()
        shutil.rmtree(tmp / "recovery", ignore_errors=True)

    def scan_prepare(i: int):
        reset_scanned(db)
        return ["scan", "--all"], {}

    show_id = str(max(1, n // 2))
    return [
        Bench("--version", ["--version"], T_STARTUP, "startup"),
        Bench("--help", ["--help"], T_STARTUP, "startup"),
        Bench("list --limit 20", ["list", "--limit", "20"], T_READ),
        Bench("list --tag sds --limit 20", ["list", "--tag", "sds", "--limit", "20"], T_READ),
        Bench(f"show {show_id}", ["show", show_id], T_READ),
        Bench('search "direct payments"', ["search", "direct payments"], T_READ),
        Bench("coverage", ["coverage"], T_READ),
        Bench("check", ["check"], T_READ, ok_codes=(0, 1), note="the latest statement: one entry per criterion"),
        Bench(
            "check (statement --all, stress)",
            ["check"],
            None,
            ok_codes=(0, 1),
            prepare=lambda i: (["check"], {"LEARNLOG_DB": str(stress_db)}),
            note="no target: a copy of the log whose latest statement holds every linked entry",
        ),
        Bench(
            "add (stdin)",
            ["add", "--tag", "supervision", "-c", "c1"],
            T_ADD,
            "write",
            stdin=add_file,
            note="each run adds one entry",
        ),
        Bench(
            "scan --all",
            ["scan", "--all"],
            T_BULK,
            "bulk",
            ok_codes=(0, 1),
            prepare=scan_prepare,
            note="scanned_version reset to 0 before each run (untimed)",
        ),
        Bench("suggest --all", ["suggest", "--all"], T_BULK, "bulk"),
        Bench(
            "export --all --format md-dir",
            ["export", "--all", "--format", "md-dir", "DIR"],
            T_EXPORT,
            "bulk",
            prepare=export_prepare,
            cleanup=export_cleanup,
            note="a new empty folder each run",
        ),
        Bench(
            "import DIR (fresh db)",
            ["import", "DIR"],
            T_IMPORT,
            "bulk",
            prepare=import_prepare,
            cleanup=import_cleanup,
            note="the md-dir export, into a new database each run",
        ),
    ]


# -- encrypted log ------------------------------------------------------------------------------------------

ENC_PASSPHRASE = "benchmark passphrase, not a secret"


def build_encrypted_copy(tmp: Path, db: Path) -> tuple[Path, str, dict]:
    """An encrypted copy of the fresh log (before any timed write), the raw key that opens it, and the costs
    measured in-process: the encrypt itself, key derivation, opening with a raw key or with the passphrase,
    and quick_check on both logs (what the first write after a change pays)."""
    import statistics

    from learnlog import encryption

    enc = tmp / "encrypted.db"
    src, dst = sqlite3.connect(db), sqlite3.connect(enc)
    with dst:
        src.backup(dst)
    src.close()
    dst.close()
    stats: dict = {}
    t = time.perf_counter()
    encryption.encrypt(enc, ENC_PASSPHRASE)
    stats["encrypt_s"] = round(time.perf_counter() - t, 2)
    salt = encryption.salt(enc)

    def timed(fn, runs: int = 5) -> float:
        out = []
        for _ in range(runs):
            t = time.perf_counter()
            fn()
            out.append(time.perf_counter() - t)
        return statistics.median(out)

    stats["key_derivation_hashlib_s"] = round(timed(lambda: encryption.derive_key(ENC_PASSPHRASE, salt)), 3)
    raw = encryption.derive_key(ENC_PASSPHRASE, salt)
    stats["open_raw_key_ms"] = round(1000 * timed(lambda: encryption.open_encrypted(enc, raw, timeout=5).close()), 2)
    stats["open_passphrase_sqlcipher_kdf_s"] = round(
        timed(lambda: encryption.open_encrypted(enc, ENC_PASSPHRASE, timeout=5).close()), 3
    )
    plain = sqlite3.connect(db)
    stats["quick_check_plain_s"] = round(timed(lambda: plain.execute("PRAGMA quick_check").fetchall(), 3), 3)
    plain.close()
    keyed = encryption.open_encrypted(enc, raw, timeout=5)
    stats["quick_check_encrypted_s"] = round(timed(lambda: keyed.execute("PRAGMA quick_check").fetchall(), 3), 3)
    keyed.close()
    return enc, raw, stats


def encrypted_benches(enc: Path, raw_key: str, add_file: Path) -> list[Bench]:
    """`list` and `add` on the encrypted copy: passphrase from the environment (one key derivation per
    process), and the raw key (what a key remembered in the OS keyring costs, without the keyring's own)."""
    by_pass = {"LEARNLOG_DB": str(enc), "LEARNLOG_PASSPHRASE": ENC_PASSPHRASE}
    by_key = {"LEARNLOG_DB": str(enc), "LEARNLOG_PASSPHRASE": raw_key}
    rows = []
    for how, env in (("passphrase env", by_pass), ("raw key", by_key)):
        rows.append(
            Bench(
                f"list --limit 20 (encrypted, {how})",
                ["list", "--limit", "20"],
                2 * T_READ,
                prepare=lambda i, env=env: (["list", "--limit", "20"], env),
                note="target: twice the plain log's read target",
            )
        )
        rows.append(
            Bench(
                f"add (stdin, encrypted, {how})",
                ["add", "--tag", "supervision", "-c", "c1"],
                None,
                "write",
                stdin=add_file,
                prepare=lambda i, env=env: (["add", "--tag", "supervision", "-c", "c1"], env),
                note="each run adds one entry to the encrypted copy",
            )
        )
    return rows


# -- jrnl ----------------------------------------------------------------------------------------------------


def ensure_jrnl() -> tuple[Path | None, str]:
    """The cached jrnl venv's `jrnl`, installing it from PyPI the first time; (None, why) when that fails."""
    beside = Path(sys.executable).parent / "jrnl"  # the dev extra installs jrnl next to learnlog
    if beside.exists():
        return beside, ""
    jrnl = JRNL_VENV / "bin" / "jrnl"
    if jrnl.exists():
        return jrnl, ""
    WORK.mkdir(exist_ok=True)
    print(f"Installing jrnl into {JRNL_VENV} (once) …", flush=True)
    base = getattr(sys, "_base_executable", sys.executable)
    try:
        subprocess.run([base, "-m", "venv", str(JRNL_VENV)], check=True, capture_output=True, timeout=300)
        subprocess.run(
            [str(JRNL_VENV / "bin" / "pip"), "install", "-q", "jrnl"],
            check=True,
            capture_output=True,
            timeout=600,
        )
    except (subprocess.SubprocessError, OSError) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        shutil.rmtree(JRNL_VENV, ignore_errors=True)
        return None, f"pip install jrnl failed: {exc} {detail.decode(errors='replace')[-300:]}".strip()
    return (jrnl, "") if jrnl.exists() else (None, "pip install jrnl left no jrnl script")


def jrnl_version(jrnl: Path, env: dict[str, str], cfg: Path) -> str:
    try:
        p = subprocess.run([str(jrnl), "--config-file", str(cfg), "--version"], capture_output=True, text=True, env=env)
        return p.stdout.splitlines()[0].strip() if p.stdout else "?"
    except OSError:
        return "?"


def jrnl_benches(tmp: Path, cfg: Path, add_text: str) -> list[Bench]:
    exports = tmp / "jrnl-exports"
    exports.mkdir()

    def export_prepare(i: int):
        out = exports / f"run-{i}"
        out.mkdir()  # jrnl writes one file per entry only when --file names an existing folder
        return [*c, "--export", "md", "--file", str(out) + os.sep], {}

    def export_cleanup(i: int):
        shutil.rmtree(exports / f"run-{i}", ignore_errors=True)

    c = ["--config-file", str(cfg)]
    one_line = " ".join(add_text.split())
    return [
        Bench("--version", [*c, "--version"], None, "startup"),
        Bench("-n 20", [*c, "-n", "20"], None),
        Bench("-n 20 @sds", [*c, "-n", "20", "@sds"], None),
        Bench('-n 20 -contains "direct payments"', [*c, "-n", "20", "-contains", "direct payments"], None),
        Bench(
            "--export md --file DIR/",
            [*c, "--export", "md"],
            None,
            "bulk",
            prepare=export_prepare,
            cleanup=export_cleanup,
        ),
        Bench("add (TEXT args)", [*c, one_line], None, "write", note="each run adds one entry"),
    ]


# learnlog row -> jrnl row, for the ratio table.
PAIRS = [
    ("--version", "--version"),
    ("list --limit 20", "-n 20"),
    ("list --tag sds --limit 20", "-n 20 @sds"),
    ('search "direct payments"', '-n 20 -contains "direct payments"'),
    ("export --all --format md-dir", "--export md --file DIR/"),
    ("add (stdin)", "add (TEXT args)"),
    ("import DIR (fresh db)", "--export md --file DIR/"),  # jrnl has no import: its full export is the yardstick
]


def floor_benches(tmp: Path, n: int, add_file: Path) -> list[Bench]:
    """The same work as a learnlog command, as a bare `python -c` over the same database (see floors.py)."""
    runs = tmp / "floors"
    runs.mkdir(exist_ok=True)

    def folder(i: int):
        return ["-c", floors.EXPORT], {"FLOOR_DIR": str(runs / f"export-{i}")}

    def fresh(i: int):
        return ["-c", floors.IMPORT], {"FLOOR_DIR": str(tmp / "import-src"), "FLOOR_DB": str(runs / f"import-{i}.db")}

    def clean(i: int):
        shutil.rmtree(runs / f"export-{i}", ignore_errors=True)
        (runs / f"import-{i}.db").unlink(missing_ok=True)

    out = []
    for name, script in floors.FLOORS.items():
        args = ["-c", script] + ([str(max(1, n // 2))] if name == "show" else [])
        prepare = folder if "export" in name else fresh if "import" in name else None
        stdin = add_file if name.startswith("add") else None
        out.append(Bench(name, args, None, "baseline", stdin=stdin, prepare=prepare, cleanup=clean))
    return out


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
                "learnlog_s": _r(r.median),
                "floor_s": _r(f.median),
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


# -- import-time profiles ------------------------------------------------------------------------------------


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


# -- report --------------------------------------------------------------------------------------------------


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


# -- main ----------------------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--entries", type=int, default=None, help="synthetic entries (default 10000; 1000 with --quick)")
    ap.add_argument("--runs", type=int, default=None, help="timed runs per command (default 5; 3 with --quick)")
    ap.add_argument("--quick", action="store_true", help="1,000 entries and 3 runs, to try the harness out")
    ap.add_argument("--seed", type=int, default=SEED, help="seed for the synthetic log")
    ap.add_argument("--only", default="", help="comma-separated substrings of command names to run")
    ap.add_argument("--no-jrnl", action="store_true", help="skip the jrnl comparison")
    ap.add_argument("--profile", action="store_true", help="import-time profile of every read command")
    ap.add_argument(
        "--output",
        type=Path,
        default=None,
        help="results file (default benchmarks/results.json; benchmarks/work/results-quick.json with --quick)",
    )
    ap.add_argument("--keep", action="store_true", help="keep the scratch folder (databases, journal) for a look")
    ap.add_argument(
        "--wait-idle",
        type=float,
        default=0,
        metavar="SECONDS",
        help="before each command, wait up to SECONDS for other programs to leave the CPUs",
    )
    ap.add_argument("--strict", action="store_true", help="exit 1 when a target is missed, not only on failures")
    a = ap.parse_args(argv)
    a.entries = a.entries or (1000 if a.quick else 10000)
    a.runs = a.runs or (3 if a.quick else 5)
    if a.output is None:
        a.output = WORK / "results-quick.json" if a.quick else HERE / "results.json"
    return a


def main(argv: list[str] | None = None) -> int:
    a = parse_args(argv)
    WORK.mkdir(exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="bench-", dir=WORK))
    try:
        return _main(a, tmp)
    finally:
        if a.keep:
            print(f"\nScratch kept in {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def _main(a: argparse.Namespace, tmp: Path) -> int:
    scratch = tmp / "cwd"
    home = tmp / "home"
    for d in (
        scratch,
        home,
        home / ".config",
        home / ".local" / "share",
        home / ".cache",
        home / ".local" / "state",
    ):
        d.mkdir(parents=True, exist_ok=True)
    db = tmp / "learnlog.db"
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("LEARNLOG_", "XDG_", "PYTHON")) and k != "VIRTUAL_ENV"
    }
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_STATE_HOME=str(home / ".local" / "state"),
        LEARNLOG_DB=str(db),
        LEARNLOG_CONFIG_DIR=str(home / ".config" / "learnlog"),
        EDITOR="true",
        VISUAL="true",
        NO_COLOR="1",
    )
    only = [s.strip() for s in a.only.split(",") if s.strip()]

    print(f"Generating {a.entries:,} synthetic entries (seed {a.seed}) …", flush=True)
    t = time.perf_counter()
    entries = synth.generate(a.entries, a.seed)
    setup: dict = {"generate_s": round(time.perf_counter() - t, 2)}
    print("Building the learnlog database with Journal.import_entries …", flush=True)
    stress_db = tmp / "stress.db"
    setup.update(build_learnlog_db(db, stress_db, entries))
    setup["db_mib"] = round(sum(p.stat().st_size for p in tmp.glob("learnlog.db*")) / 2**20, 1)
    print("  " + ", ".join(f"{k} {v}" for k, v in setup.items() if not isinstance(v, dict)))
    for key in ("statement_sample", "statement_all"):
        s = setup.get(key)
        if s:
            where = "stress copy" if key == "statement_all" else "log"
            print(f"  {where} statement {s['id']}: {s['entries']} entries, {s['words']:,} words via {s['via']}")
    add_file = tmp / "add.txt"
    add_text = synth.add_text()
    add_file.write_text(add_text + "\n", encoding="utf-8")

    from learnlog.errors import LearnlogError

    benches = learnlog_benches(tmp, db, stress_db, a.entries, add_file, setup)
    if not only or any("encrypted" in s for s in only):
        try:
            enc_db, raw_key, enc_stats = build_encrypted_copy(tmp, db)
        except LearnlogError as exc:  # learnlog installed without the encryption extra
            print(f"  no encrypted rows: {exc}")
        else:
            setup["encryption"] = enc_stats
            print("  encryption: " + ", ".join(f"{k} {v}" for k, v in enc_stats.items()))
            benches += encrypted_benches(enc_db, raw_key, add_file)

    program = learnlog_program()
    print(f"\nTiming learnlog ({' '.join(program)}) …")
    results: list[Result] = []
    baseline = Bench("baseline: python -c pass", ["-c", "pass"], None, "baseline")
    results.append(measure(baseline, [sys.executable], env, a.runs, scratch, "python", a.wait_idle))
    for b in benches:
        if only and not any(s in b.name for s in only):
            continue
        results.append(measure(b, program, env, a.runs, scratch, "learnlog", a.wait_idle))

    print("\nTiming the floors (bare python + sqlite3 doing the same work) …")
    floor_results = []
    names = {r.name for r in results}
    for b in floor_benches(tmp, a.entries, add_file):
        if any(n == b.name or n.startswith(b.name + " ") for n in names):
            floor_results.append(measure(b, [sys.executable], env, a.runs, scratch, "floor", a.wait_idle))
    base = next((r for r in results if r.kind == "baseline"), None)
    floor_rows = floor_ratios(results, floor_results, base)

    with sqlite3.connect(db) as c:
        setup["entries_after_runs"] = c.execute("SELECT count(*) FROM entry").fetchone()[0]
    c.close()
    for key in ("export_files", "import_entries_in_fresh_db", "entries_after_runs"):
        if key in setup:
            print(f"  check: {key} = {setup[key]:,}")

    # Import-time profiles for read commands over their target (or all of them with --profile).
    profiles = {}
    for r in results:
        if r.kind in ("read", "startup", "write") and not r.error and (a.profile or r.time_ok is False):
            profiles[r.name] = importtime_profile(r.argv[len(program) :], env, scratch)

    jrnl_info: dict = {"skipped": None}
    pairs: list[dict] = []
    jrnl_results: list[Result] = []
    if a.no_jrnl:
        jrnl_info["skipped"] = "--no-jrnl"
    else:
        jrnl, why = ensure_jrnl()
        if jrnl is None:
            jrnl_info["skipped"] = why
            print(f"\njrnl comparison skipped: {why}")
        else:
            journal = tmp / "jrnl" / "journal.txt"
            journal.parent.mkdir()
            cfg = tmp / "jrnl" / "jrnl.yaml"
            synth.write_jrnl(entries, journal)
            synth.write_jrnl_config(cfg, journal)
            version = jrnl_version(jrnl, env, cfg)
            synth.write_jrnl_config(cfg, journal, version.split()[-1] if version.startswith("jrnl") else "v4.6")
            jrnl_info.update(version=version, journal_mib=round(journal.stat().st_size / 2**20, 1))
            print(f"\nTiming {version} ({jrnl}) over the same {a.entries:,} entries …")
            paired = {jname: lname for lname, jname in PAIRS}
            for b in jrnl_benches(tmp, cfg, add_text):
                if only and not any(s in paired.get(b.name, b.name) for s in only):
                    continue
                jrnl_results.append(measure(b, [str(jrnl)], env, a.runs, scratch, "jrnl", a.wait_idle))
            text = journal.read_text(encoding="utf-8")
            jrnl_info["entries_after_runs"] = sum(1 for line in text.splitlines() if line.startswith("[20"))
            print(f"  check: jrnl entries_after_runs = {jrnl_info['entries_after_runs']:,}")
            by_l = {r.name: r for r in results}
            by_j = {r.name: r for r in jrnl_results}
            for lname, jname in PAIRS:
                lr, jr = by_l.get(lname), by_j.get(jname)
                if not lr or not jr:
                    continue
                ratio = lr.median / jr.median if lr.median and jr.median else None
                pairs.append(
                    {
                        "learnlog": lname,
                        "learnlog_s": _r(lr.median),
                        "jrnl": jname,
                        "jrnl_s": _r(jr.median),
                        "ratio": round(ratio, 2) if ratio else None,
                    }
                )

    print_table(results, a.entries, a.runs)
    if jrnl_results or jrnl_info["skipped"]:
        print_jrnl(pairs, jrnl_info.get("version", "jrnl"), jrnl_info["skipped"] or "")
    print_floors(floor_rows)
    for name, prof in profiles.items():
        print(f"\nImport-time profile of `learnlog {name}` (python -X importtime; cumulative µs, top 25):")
        print(
            f"  total imports {prof['total_import_s']:.3f} s; learnlog.cli cumulative "
            f"{prof['learnlog_cli_cumulative_s'] or 0:.3f} s"
        )
        for row in prof["top"]:
            print(f"  {row['cumulative_us']:>9} {row['self_us']:>8} |{row['module']}")

    out = {
        "machine": machine_info(),
        "config": {
            "entries": a.entries,
            "runs": a.runs,
            "warmup_runs": 1,
            "seed": a.seed,
            "quick": a.quick,
            "wait_idle_s": a.wait_idle,
            "busy_threshold": BUSY,
            "program": program,
            "only": only or None,
        },
        "setup": setup,
        "targets": {
            "startup_s": T_STARTUP,
            "read_s": T_READ,
            "add_s": T_ADD,
            "export_s": T_EXPORT,
            "import_s": T_IMPORT,
            "bulk_s": T_BULK,
            "memory_mib": MEMORY_TARGET_MIB,
        },
        "commands": {r.name: r.to_dict() for r in results},
        "jrnl": {**jrnl_info, "commands": {r.name: r.to_dict() for r in jrnl_results}, "ratios": pairs},
        "importtime": profiles,
        "floors": {"commands": {r.name: r.to_dict() for r in floor_results}, "ratios": floor_rows},
    }
    a.output.parent.mkdir(parents=True, exist_ok=True)
    a.output.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nWrote {a.output.relative_to(ROOT) if a.output.is_relative_to(ROOT) else a.output}")

    failed = [r.name for r in results + jrnl_results if r.error]
    missed = [r.name for r in results if r.ok is False and not r.error]
    if failed:
        print(f"FAILED: {', '.join(failed)}")
    if missed:
        print(f"Targets missed: {', '.join(missed)}")
    return 1 if failed or (a.strict and missed) else 0


if __name__ == "__main__":
    sys.exit(main())
