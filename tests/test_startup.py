"""Start-up stays light: read commands on an existing log never import SQLAlchemy or SQLModel."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from learnlog import __version__

HEAVY = ("sqlalchemy", "sqlmodel")

# Runs each command in-process, in order, recording which heavy modules are loaded after each one.
PROBE = """
import contextlib, io, json, sys
from typer.main import get_command
from learnlog.cli import app

cmd = get_command(app)
report = {"import": [m for m in HEAVY if m in sys.modules]}
outputs = {}
for args in COMMANDS:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cmd.main(args, prog_name="learnlog", standalone_mode=False)
        except SystemExit as exc:
            code = exc.code
    key = " ".join(args)
    outputs[key] = {"code": code or 0, "stdout": out.getvalue(), "stderr": err.getvalue()}
    report[key] = [m for m in HEAVY if m in sys.modules]
print(json.dumps({"heavy": report, "outputs": outputs}))
"""

COMMANDS = [
    ["--version"],
    ["--help"],
    ["add", "--help"],
    ["list"],
    ["list", "--json"],
    ["show", "1"],
    ["show", "1", "--raw"],
    ["search", "supervision", "--json"],
    ["history", "1"],
    ["where"],
]


def existing_db(tmp_path: Path) -> Path:
    """A log with one entry, made beforehand (creating it may import SQLAlchemy; that is not start-up)."""
    db = tmp_path / "existing" / "learnlog.db"
    subprocess.run(
        [sys.executable, "-m", "learnlog", "add", "A reflection on supervision."],
        env={**os.environ, "LEARNLOG_DB": str(db)},
        check=True,
        capture_output=True,
    )
    return db


def probe(db: Path, commands: list[list[str]]) -> dict:
    src = f"HEAVY = {HEAVY!r}\nCOMMANDS = {commands!r}\n" + PROBE
    r = subprocess.run(
        [sys.executable, "-c", src],
        env={**os.environ, "LEARNLOG_DB": str(db)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout.strip().splitlines()[-1])


def test_read_commands_do_not_import_sqlalchemy(tmp_path):
    db = existing_db(tmp_path)
    result = probe(db, COMMANDS)
    outputs = result["outputs"]
    # the commands really ran
    assert outputs["--version"]["stdout"].strip() == f"learnlog {__version__}"
    assert "Usage" in outputs["--help"]["stdout"]
    assert outputs["list"]["code"] == 0
    assert "A reflection on supervision." in outputs["list"]["stdout"]
    assert [e["id"] for e in json.loads(outputs["list --json"]["stdout"])] == [1]
    assert [h["id"] for h in json.loads(outputs["search supervision --json"]["stdout"])] == [1]
    assert outputs["show 1"]["code"] == 0
    heavy = {k: v for k, v in result["heavy"].items() if v}
    assert heavy == {}, f"heavy modules loaded by: {heavy}"


def test_importing_the_cli_is_light():
    r = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, learnlog.cli\nprint(sorted(m for m in ('sqlalchemy', 'sqlmodel') if m in sys.modules))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert r.stdout.strip() == "[]"


def test_python_dash_m_version():
    r = subprocess.run([sys.executable, "-m", "learnlog", "--version"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == f"learnlog {__version__}"
    assert r.stderr == ""


def test_python_dash_m_error_is_one_line_without_traceback(tmp_path):
    r = subprocess.run(
        [sys.executable, "-m", "learnlog", "show", "7"],
        env={**os.environ, "LEARNLOG_DB": str(tmp_path / "x.db")},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 1
    assert "Traceback" not in r.stderr
    assert r.stderr.strip().startswith("Error:")
    assert len(r.stderr.strip().splitlines()) == 1
