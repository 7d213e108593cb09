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


# -- each run imports only the command it runs -------------------------------------------------------------------

# One process per run: prints, after learnlog's own output, every module the run had imported.
ONE_RUN = """
import json, sys
from learnlog.cli import main
sys.argv = ["learnlog", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print("\\nMODULES " + json.dumps(sorted(sys.modules)))
"""


def one_run(*args: str, env: dict | None = None) -> tuple[str, set[str]]:
    r = subprocess.run(
        [sys.executable, "-c", ONE_RUN, *args],
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=60,
    )
    out, _, modules = r.stdout.rpartition("\nMODULES ")
    assert modules, r.stderr
    return out, set(json.loads(modules))


def command_modules(modules: set[str]) -> set[str]:
    shared = {"learnlog.cli.app", "learnlog.cli.commands", "learnlog.cli.complete", "learnlog.cli.output"}
    shared.add("learnlog.cli.badge_choice")  # the badge a command works against: shared like output
    return {m for m in modules if m.startswith("learnlog.cli.")} - shared


def heavy(modules: set[str]) -> set[str]:
    return {m.partition(".")[0] for m in modules} & {"rich", "sqlalchemy", "sqlmodel"}


def test_version_and_help_import_no_command_and_nothing_heavy():
    out, modules = one_run("--version")
    assert out.strip() == f"learnlog {__version__}"
    assert command_modules(modules) == set() and heavy(modules) == set()
    for args, loaded in ((["--help"], set()), (["help"], {"learnlog.cli.help"})):
        out, modules = one_run(*args)
        assert "  statement   Assemble and edit your badge statement from your own entries." in out
        assert "  list        List entries, newest first." in out
        assert command_modules(modules) == loaded, args
        assert heavy(modules) == set(), args


def test_a_command_imports_only_the_module_that_defines_it(tmp_path):
    env = {"LEARNLOG_DB": str(existing_db(tmp_path))}
    out, modules = one_run("list", env=env)
    assert "A reflection on supervision." in out
    assert command_modules(modules) == {"learnlog.cli.browse"}
    assert heavy(modules) & {"sqlalchemy", "sqlmodel"} == set()
    out, modules = one_run("show", "1", env=env)
    assert "A reflection on supervision." in out
    assert command_modules(modules) == {"learnlog.cli.entries"}
    assert {"markdown_it", "pygments"} & {m.partition(".")[0] for m in modules} == set()  # plain text: no parser
    out, modules = one_run("add", "--help", env=env)
    assert "--template" in out
    assert command_modules(modules) == {"learnlog.cli.entries"} and heavy(modules) == set()
    out, modules = one_run("statement", "show", "--help", env=env)
    assert "Usage: learnlog statement show" in out
    assert command_modules(modules) == {"learnlog.cli.statements"}


def test_completing_a_command_name_imports_no_command(tmp_path):
    env = {"_LEARNLOG_COMPLETE": "complete_bash", "COMP_WORDS": "learnlog s", "COMP_CWORD": "1"}
    out, modules = one_run(env=env)
    assert set(out.split()) == {"search", "show", "suggest", "scan", "statement"}
    assert command_modules(modules) == set() and heavy(modules) == set()


def test_an_unknown_command_still_suggests_the_near_one():
    r = subprocess.run([sys.executable, "-m", "learnlog", "lsit"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 2
    assert "No such command 'lsit'. Did you mean 'list'?" in r.stderr


def test_the_command_table_matches_the_commands():
    """`--help` lists commands from cli/commands.py without importing them: every command must be there, in the
    module named, with the help line its own docstring gives."""
    import importlib

    from typer.main import get_command

    from learnlog.cli import app
    from learnlog.cli.commands import COMMANDS

    for module in {m for m, _ in COMMANDS.values()}:
        importlib.import_module(f"learnlog.cli.{module}")
    real = get_command(app).commands
    assert set(real) == set(COMMANDS)
    try:
        from typer._click.utils import make_default_short_help
    except ImportError:  # pragma: no cover
        from click.utils import make_default_short_help
    for name, (module, line) in COMMANDS.items():
        command = real[name]
        callback = (
            command.callback if not hasattr(command, "commands") else next(iter(command.commands.values())).callback
        )
        assert callback.__module__ == f"learnlog.cli.{module}", name
        for limit in (45, 60, 200):
            assert make_default_short_help(line, limit) == command.get_short_help_str(limit), (name, limit)
