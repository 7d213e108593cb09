"""`make bench`: time learnlog commands as whole processes over a synthetic 10,000-entry log, jrnl beside it.

    .venv/bin/python benchmarks/run.py                # 10,000 entries, median of 5 runs after a warm-up
    .venv/bin/python benchmarks/run.py --quick        # 1,000 entries, 3 runs: to try it out
    .venv/bin/python benchmarks/run.py --entries 2000 --runs 7 --only list,show --no-jrnl

Each command runs as its own process, as a user runs it (the venv's `learnlog` console script), with
LEARNLOG_DB pointing at a database built by `Journal.import_entries` from `synth.generate`. Wall time is
measured around `Popen` → `os.wait4`, which also gives the child's own peak resident memory (ru_maxrss); both
are taken in the small launcher `spawn.py`, so the harness's own size does not leak into the child's figure.
Standard library only, plus learnlog itself for building the database. See benchmarks/README.md; the pieces:
`measure` (one command timed), `data` (the logs), `benches` (what is timed, with targets and the jrnl
pairs), `floors` (the bare-sqlite3 equivalents), `report` (the tables), `synth` (the entries).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / "work"
SEED = 20240611

sys.path.insert(0, str(HERE))
sys.path.insert(1, str(ROOT))  # learnlog from this checkout, installed or not

import synth  # noqa: E402
from benches import (  # noqa: E402
    PAIRS,
    T_ADD,
    T_BULK,
    T_EXPORT,
    T_IMPORT,
    T_READ,
    T_STARTUP,
    encrypted_benches,
    ensure_jrnl,
    floor_benches,
    jrnl_benches,
    jrnl_version,
    learnlog_benches,
    learnlog_program,
)
from data import build_encrypted_copy, build_learnlog_db  # noqa: E402
from measure import BUSY, MEMORY_TARGET_MIB, Bench, Result, importtime_profile, measure, rounded  # noqa: E402
from report import floor_ratios, machine_info, print_floors, print_jrnl, print_table  # noqa: E402


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
                        "learnlog_s": rounded(lr.median),
                        "jrnl": jname,
                        "jrnl_s": rounded(jr.median),
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
