"""Shared fixtures: a temporary database per test, a CliRunner bound to it, and a fake $EDITOR."""

from __future__ import annotations

import os
import stat
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from learnlog.cli import app


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    """No test touches the real user data or config folders."""
    monkeypatch.setenv("LEARNLOG_DB", str(tmp_path / "data" / "learnlog.db"))
    monkeypatch.setenv("LEARNLOG_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("LEARNLOG_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "data" / "learnlog.db"


class Cli:
    """Runs learnlog in-process and fails loudly on tracebacks, which users must never see."""

    def __init__(self):
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | bytes | None = None, code: int | None = 0):
        result = self.runner.invoke(app, [str(a) for a in args], input=input, catch_exceptions=True)
        if result.exception and not isinstance(result.exception, SystemExit):
            import traceback

            raise AssertionError(
                "learnlog raised instead of printing an error:\n"
                + "".join(traceback.format_exception(result.exception))
            )
        if code is not None:
            assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
        return result


@pytest.fixture
def cli() -> Cli:
    return Cli()


@pytest.fixture
def fake_editor(tmp_path, monkeypatch):
    """Install a fake editor: `fake_editor(script_body)` where the script gets the file path as $1.

    The body is Python code with `path` bound to the file; exit status comes from `exit_code`.
    """

    def install(body: str, exit_code: int = 0) -> Path:
        script = tmp_path / f"editor-{len(list(tmp_path.glob('editor-*')))}.py"
        script.write_text(
            f"#!{sys.executable}\nimport sys, pathlib\npath = pathlib.Path(sys.argv[1])\n"
            + textwrap.dedent(body)
            + f"\nsys.exit({exit_code})\n",
            encoding="utf-8",
        )
        script.chmod(script.stat().st_mode | stat.S_IXUSR)
        monkeypatch.setenv("EDITOR", str(script))
        return script

    return install


def run_env(db: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["LEARNLOG_DB"] = str(db)
    return env


@pytest.fixture
def file_keyring(tmp_path, monkeypatch):
    """A real keyring backend that writes to a file in tmp_path, so no test touches the user's keyring."""
    keyring = pytest.importorskip("keyring")
    from keyring_file_backend import FileKeyring

    monkeypatch.setenv("LEARNLOG_TEST_KEYRING", str(tmp_path / "keyring.json"))
    previous = keyring.get_keyring()
    keyring.set_keyring(FileKeyring())
    yield tmp_path / "keyring.json"
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def _forget_file_kinds():
    """Each test starts with no remembered file kinds, as each learnlog process does.

    `learnlog.encryption` remembers a file's kind by inode for the life of a process (the CLI clears it after
    each command); tests that ask it directly would otherwise leave answers for inode numbers that a later
    test's new file reuses."""
    yield
    import sys

    encryption = sys.modules.get("learnlog.encryption")
    if encryption is not None:
        encryption.forget_all()
