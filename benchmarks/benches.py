"""What is timed: every learnlog command with its target, the encrypted-log rows, jrnl's equivalents and the
floors (a bare python process doing the same work), and which learnlog row each jrnl row is compared with."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import floors
from data import ENC_PASSPHRASE, reset_scanned
from measure import Bench

HERE = Path(__file__).resolve().parent
WORK = HERE / "work"
JRNL_VENV = WORK / "jrnl-venv"

# Targets, in seconds (wall time of the whole process); memory is the same for every command.
T_STARTUP, T_READ, T_ADD, T_EXPORT, T_IMPORT, T_BULK = 0.12, 0.15, 0.6, 5.0, 20.0, 10.0


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
