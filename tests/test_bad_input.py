"""Every command against bad input: one line on stderr, the exit-code rule, and the database exactly as it was.

The rule (README, "How it keeps your words safe"): 2 for malformed input (not a number, a number too large for
an id, a bad date, an unknown option value, a missing choice); 1 for a well-formed request that cannot be met
(an id that names nothing, a file that cannot be read, a file that must not be replaced).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from helpers import one_line

BIG = str(2**63)  # one past SQLite's largest integer
HUGE = "9" * 40


def dump(db: Path) -> list[str]:
    """The whole database as SQL, the way `sqlite3 .dump` shows it: what 'data unchanged' means."""
    conn = sqlite3.connect(db)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Path:
    """A log with two entries (one trashed), a finding, a statement: built once, copied for every case."""
    from typer.testing import CliRunner

    from learnlog.cli import app

    db = tmp_path_factory.mktemp("seed") / "learnlog.db"
    env = {"LEARNLOG_DB": str(db)}
    runner = CliRunner()
    for args in (
        ["add", "Supervision with Jean Murray about the carers' forum.", "-t", "forum", "-c", "c1"],
        ["add", "A second reflection, soon in the trash.", "-t", "scratch"],
        ["delete", "2"],
        ["statement", "new", "--from", "1", "--no-edit"],
    ):
        r = runner.invoke(app, args, env=env)
        assert r.exit_code == 0, (args, r.output)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return db


@pytest.fixture
def files(tmp_path) -> dict[str, str]:
    """Paths the cases name: missing, a folder, a device, a file over 20 MB (sparse), existing outputs."""
    big = tmp_path / "big.md"
    with big.open("wb") as fh:
        fh.truncate(21 * 1024 * 1024)
    folder = tmp_path / "folder"
    folder.mkdir()
    existing = tmp_path / "existing.txt"
    existing.write_text("keep me\n", encoding="utf-8")
    dangling = tmp_path / "dangling.txt"
    dangling.symlink_to(tmp_path / "nowhere.txt")
    text = tmp_path / "text.md"
    text.write_text("Some words.\n", encoding="utf-8")
    nul = tmp_path / "nul.md"
    nul.write_bytes(b"Words, then a NUL \x00 from a bad paste.\n")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    return {
        "FIFO": str(fifo),
        "MISSING": str(tmp_path / "missing.md"),
        "FOLDER": str(folder),
        "BIG": str(big),
        "EXISTING": str(existing),
        "DANGLING": str(dangling),
        "TEXT": str(text),
        "NUL": str(nul),
    }


# (command, exit code, a fragment of the one-line message)
CASES = [
    # ids, -n and --limit too large for SQLite: a usage error, never an OverflowError
    (["show", BIG], 2, "too large"),
    (["show", HUGE, "--json"], 2, "too large"),
    (["edit", BIG], 2, "too large"),
    (["delete", BIG], 2, "too large"),
    (["delete", "1", BIG], 2, "too large"),
    (["restore", BIG], 2, "not an entry id"),
    (["purge", BIG, "--yes"], 2, "too large"),
    (["history", BIG], 2, "too large"),
    (["history", "1", "--revision", BIG], 2, "too large"),
    (["tag", BIG, "c1"], 2, "too large"),
    (["untag", BIG, "c1"], 2, "too large"),
    (["redact", BIG], 2, "too large"),
    (["words", BIG], 2, "too large"),
    (["scan", BIG], 2, "too large"),
    (["suggest", BIG], 2, "too large"),
    (["dismiss", BIG, "--reason", "x"], 2, "too large"),
    (["statement", "show", BIG], 2, "too large"),
    (["statement", "edit", BIG], 2, "too large"),
    (["check", BIG], 2, "too large"),
    (["export", BIG], 2, "not a statement id"),
    (["statement", "new", "--from", BIG, "--no-edit"], 2, "not an entry id"),
    (["list", "-n", BIG], 2, "too large"),
    (["list", "--limit", HUGE], 2, "too large"),
    (["search", "forum", "-n", BIG], 2, "too large"),
    (["coverage", "--limit", BIG], 2, "too large"),
    # not numbers at all, or not positive
    (["show", "abc"], 2, "not an entry id"),
    (["delete", "1", "two"], 2, "not an entry id"),
    (["show", "0"], 2, "1 or more"),
    (["tag", "1.5", "c1"], 2, "not an entry id"),
    (["list", "-n", "many"], 2, "not a count"),
    (["statement", "new", "--from", "1,abc", "--no-edit"], 2, "'abc' is not an entry id"),
    # well-formed ids that name nothing: exit 1, and nothing else changes
    (["show", "999"], 1, "no entry 999"),
    (["delete", "1", "999"], 1, "no entry 999"),
    (["restore", "1"], 1, "not in the trash"),
    (["restore", "2", "999"], 1, "no entry 999"),
    (["purge", "1", "--yes"], 1, "not in the trash"),
    (["purge", "2", "999", "--yes"], 1, "no entry 999"),
    (["edit", "999"], 1, "no entry 999"),
    (["history", "999"], 1, "no entry 999"),
    (["history", "1", "--revision", "999"], 1, "no revision 999"),
    (["tag", "999", "c1"], 1, "no entry 999"),
    (["tag", "2", "c1"], 1, "in the trash"),
    (["untag", "2", "c1"], 1, "in the trash"),
    (["redact", "2"], 1, "in the trash"),
    (["scan", "2"], 1, "in the trash"),
    (["words", "999"], 1, "no entry 999"),
    (["dismiss", "999", "--reason", "x"], 1, "no finding 999"),
    (["statement", "show", "999"], 1, "no statement 999"),
    (["statement", "use", "999"], 1, "no statement 999"),
    (["statement", "use", BIG], 2, "too large"),
    (["statement", "link", "not a web address"], 2, "is not a web address"),
    (["statement", "link", "https://example.org/s", "--statement", "999"], 1, "no statement 999"),
    (["review", "--entry", "999"], 1, "999"),
    (["review", "--json"], 2, "--json needs --yes"),
    (["statement", "edit", "999"], 1, "no statement 999"),
    (["check", "999"], 1, "no statement 999"),
    (["badge", "use", "no-such-badge"], 1, "no-such-badge"),
    (["tag", "1", "c99"], 1, "c99"),
    (["add", "Words.", "-c", "c99"], 1, "c99"),
    (["add", "Words.", "--resource", "no-such-resource"], 1, "no-such-resource"),
    # dates: empty is refused, never read as today or ignored
    (["add", "Words.", "--date", ""], 2, "needs a date"),
    (["list", "--until", ""], 2, "needs a date"),
    (["list", "--since", " "], 2, "needs a date"),
    (["badge", "held", "sssc-lcf", "--date", ""], 2, "needs a date"),
    (["badge", "held", "sssc-lcf", "--date", "2099-01-01"], 2, "in the future"),
    (["tag", "1", ""], 2, "at least one criterion"),
    (["untag", "1", " , "], 2, "at least one criterion"),
    (["add", "Words.", "--date", "2026-02-30"], 2, "2026-02-30"),
    (["list", "--since", "the other day"], 2, "the other day"),
    # files: only regular files up to 20 MB are read; only regular files are replaced
    (["add", "--file", "/dev/zero"], 1, "not a regular file"),
    (["add", "--file", "MISSING"], 1, "cannot read"),
    (["add", "--file", "FOLDER"], 1, "folder"),
    (["add", "--file", "BIG"], 1, "20 MB"),
    (["scan", "--text-file", "/dev/urandom"], 1, "not a regular file"),
    (["suggest", "--text-file", "/dev/zero"], 1, "not a regular file"),
    (["export", "--force", "--format", "txt", "-o", "/dev/null", "--overwrite"], 1, "regular files"),
    (["export", "--force", "--format", "txt", "-o", "FOLDER", "--overwrite"], 1, "regular files"),
    (["export", "--force", "--format", "txt", "-o", "EXISTING"], 1, "already exists"),
    (["export", "--force", "--format", "txt", "-o", "DANGLING"], 1, "already exists"),
    (["import", "MISSING"], 1, "missing.md"),
    (["import", "/dev/zero"], 1, "a device, not a regular file"),
    (["import", "FIFO"], 1, "a named pipe"),  # would wait for a writer forever if opened
    (["decrypt"], 1, "not encrypted"),
    (["passphrase"], 1, "not encrypted"),
    (["encrypt", "now"], 2, "now"),
    (["doctor", "--salvage", "EXISTING"], 1, "not a folder"),
    (["doctor", "--salvage", "DANGLING"], 1, "not a folder"),
    (["backup", "/dev/null"], 1, "already exists"),
    (["backup", "EXISTING"], 1, "already exists"),
    (["restore", "MISSING"], 1, "cannot be read"),
    (["restore", "FIFO"], 1, "not a regular file"),  # opening a FIFO to read would wait for a writer forever
    # an empty path (an unset shell variable) is not the current folder
    (["import", ""], 2, "PATH is empty"),
    (["backup", ""], 2, "PATH is empty"),
    (["restore", ""], 2, "PATH is empty"),
    # choices and combinations
    (["scan"], 2, "give one of"),
    (["scan", "1", "--all"], 2, "give one of"),
    (["suggest", "--all", "--text-file", "TEXT"], 2, "give one of"),
    (["add", "Words.", "--template", "kolb"], 2, "kolb"),
    (["add", "Words.", "--hours", "-1"], 2, "--hours"),
    (["add", "Words.", "--hours", "nan"], 2, "--hours"),
    (["add", "Words.", "--hours", "abc"], 2, "not a number of hours"),
    (["add", "Words.", "--hours", "1e308"], 2, "0 to 1000"),
    (["add", "Words.", "--hours", "inf"], 2, "0 to 1000"),
    (["add", "Words.", "--hours", "1000.5"], 2, "0 to 1000"),
    # caps on the short texts, and no NUL character anywhere (issue 13's second pass)
    (["add", "Words.", "--title", "T" * 201], 1, "the limit is 200"),
    (["add", "Words.", "-t", "t" * 61], 1, "the limit is 60"),
    (["add", "Words.", "-t", ",".join(f"t{i}" for i in range(51))], 1, "the limit is 50"),
    (["add", "--file", "NUL"], 1, "NUL character"),
    (["allow", "p" * 201], 1, "the limit is 200"),
    (["allow", "Jean Murray", "--reason", "r" * 501], 1, "the limit is 500"),
    (["dismiss", "1", "--reason", "r" * 501], 1, "the limit is 500"),
    (["statement", "new", "--from", "1", "--no-edit", "--title", "T" * 201], 1, "the limit is 200"),
    (["search", '""'], 2, "at least one word"),
    (["export", "--format", "docx"], 2, "docx"),
    (["statement", "new", "--no-edit"], 2, "choose entries"),
    (["allow", "   "], 2, "give the text"),
    (["dismiss", "1"], 2, "--reason"),
    (["help", "nope"], 2, "nope"),
    (["frobnicate"], 2, "frobnicate"),
    (["list", "--colour"], 2, "--colour"),
]


@pytest.mark.parametrize(("args", "code", "fragment"), CASES, ids=[" ".join(c[0])[:60] for c in CASES])
def test_bad_input_is_one_line_the_right_exit_code_and_changes_nothing(
    cli, db_path, seeded, files, args, code, fragment
):
    db_path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(seeded, db_path)
    os.chmod(db_path, 0o600)
    before = dump(db_path)
    existing = Path(files["EXISTING"]).read_text(encoding="utf-8")
    r = cli(*[files.get(a, a) for a in args], code=code)
    msg = one_line(r.stderr)
    assert "Traceback" not in r.stderr and msg.startswith("Error: "), r.stderr
    assert fragment in msg, msg
    assert dump(db_path) == before
    assert Path(files["EXISTING"]).read_text(encoding="utf-8") == existing
    assert Path(files["DANGLING"]).is_symlink()
    assert Path("/dev/null").is_char_device()


def test_the_matrix_covers_every_command():
    from typer.main import get_command

    from learnlog.cli import app

    root = get_command(app)
    names = set()
    for name in root.list_commands(None):  # the root imports a command's module when it is first asked for
        cmd = root.get_command(None, name)
        names |= {f"{name} {sub}" for sub in getattr(cmd, "commands", {})} or {name}
    covered = {" ".join(a[:2]) if a[0] in ("badge", "statement") else a[0] for a, _, _ in CASES}
    missing = names - covered - {"where", "tags", "criteria", "resources", "badges", "statement list"}
    assert missing == set()  # the commands left out take no input that can be malformed
    assert len(CASES) >= 60
