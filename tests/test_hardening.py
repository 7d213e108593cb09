"""Issue 6 hardening: crashes, concurrent writers, bad input and hostile storage never cost a user their words.

Every failure must be one line on stderr with a non-zero exit and no traceback, and whatever was saved before
must still be there afterwards. Storage conditions root cannot be stopped by (a read-only folder, a full disk)
are made real with a small tmpfs when this machine lets us mount one, and simulated inside SQLite otherwise
(`PRAGMA max_page_count` for a full disk, `PRAGMA query_only` for a read-only file).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from learnlog import entryfile

LEARNLOG = [sys.executable, "-m", "learnlog"]
SSSC_CRITERIA = "c1, c2, c3, c4, c5, c6"

# -- helpers ----------------------------------------------------------------------------------------------------


def env_for(db: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["LEARNLOG_DB"] = str(db)
    env.pop("VISUAL", None)
    env.update(extra)
    return env


def run(
    db: Path,
    *args,
    input: bytes | str | None = None,
    env: dict | None = None,
    timeout: float = 120,
    terminal: bool = False,
):
    """The real CLI in a child process; stdout and stderr as text. `terminal`: stdin is a pseudo-terminal, as
    when a person types the command (learnlog opens an editor only then)."""
    if isinstance(input, str):
        input = input.encode("utf-8")
    tty = None
    if terminal:
        import pty

        tty = pty.openpty()
    try:
        p = subprocess.run(
            [*LEARNLOG, *map(str, args)],
            input=input,
            stdin=tty[1] if tty else None,
            capture_output=True,
            env=env or env_for(db),
            timeout=timeout,
        )
    finally:
        for fd in tty or ():
            os.close(fd)
    return subprocess.CompletedProcess(
        p.args, p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
    )


def words_of(message: str) -> str:
    """The message without its file paths, so a check for "full" is not passed by a folder named test_disk_full."""
    return re.sub(r"/\S+", "<path>", message)


def line_about(stderr: str, name: str) -> str:
    """The one stderr line that names `name`, without its paths (see words_of)."""
    lines = [line for line in stderr.splitlines() if name in line]
    assert len(lines) == 1, (name, stderr)
    return words_of(lines[0])


def one_line_error(stderr: str) -> str:
    """The whole of stderr must be one 'Error: …' line: no traceback, no second thoughts."""
    assert "Traceback" not in stderr, stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert lines[0].startswith("Error: "), stderr
    return lines[0]


def db_bodies(db: Path) -> dict[int, str]:
    conn = sqlite3.connect(db)
    try:
        return dict(conn.execute("SELECT id, body FROM entry ORDER BY id"))
    finally:
        conn.close()


def integrity(db: Path) -> None:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        # the full-text index agrees with the entry table it is built from
        conn.execute("INSERT INTO entry_fts (entry_fts) VALUES ('integrity-check')")
        conn.commit()
    finally:
        conn.close()


def listed(cli) -> list[dict]:
    return json.loads(cli("list", "--json", "--limit", "0").stdout)


def write_script(path: Path, body: str) -> Path:
    path.write_text(f"#!{sys.executable}\n" + textwrap.dedent(body), encoding="utf-8")
    path.chmod(0o755)
    return path


# -- crash safety: an import killed with SIGKILL ------------------------------------------------------------------

N_FILES = 2000
IMPORTED = re.compile(r"^imported (.+) -> entry (\d+)$")


def make_notes(folder: Path, n: int) -> dict[str, str]:
    """n small learnlog-style files; returns {path as the importer names it: exact body}."""
    folder.mkdir(parents=True)
    bodies = {}
    for i in range(n):
        body = f"Reflection {i:04d}: what supervision taught me today.\n\nNext time I will ask first ({i}).\n"
        path = folder / f"{i:04d}-note.md"
        path.write_text(
            f"---\ntitle: Note {i}\ndate: 2026-01-{i % 28 + 1:02d}\ntags: [bulk, n{i % 7}]\nstatus: draft\n---\n"
            + body,
            encoding="utf-8",
        )
        bodies[str(path)] = body
    return bodies


def test_import_killed_midway_keeps_what_it_reported_and_a_rerun_finishes_the_rest(tmp_path):
    db = tmp_path / "data" / "learnlog.db"
    notes = tmp_path / "notes"
    bodies = make_notes(notes, N_FILES)
    err_file = tmp_path / "import-stderr.txt"
    with err_file.open("wb") as err:
        proc = subprocess.Popen(
            [*LEARNLOG, "import", str(notes), "--verbose"], stdout=subprocess.PIPE, stderr=err, env=env_for(db)
        )
        reported: list[tuple[str, int]] = []
        deadline = time.monotonic() + 90
        try:
            for raw in proc.stdout:
                m = IMPORTED.match(raw.decode("utf-8").rstrip("\n"))
                if m:
                    reported.append((m.group(1), int(m.group(2))))
                if len(reported) >= 50 or time.monotonic() > deadline:
                    break
            proc.send_signal(signal.SIGKILL)
            rest = proc.stdout.read()  # lines already in the pipe were reported too
        finally:
            proc.kill()
            proc.wait(timeout=30)
    for line in rest.decode("utf-8").splitlines():
        m = IMPORTED.match(line)
        if m:
            reported.append((m.group(1), int(m.group(2))))
    assert proc.returncode == -signal.SIGKILL, "the import finished before it could be killed"
    assert 0 < len(reported) < N_FILES

    integrity(db)
    stored = db_bodies(db)
    for source, entry_id in reported:
        assert entry_id in stored, f"{source} was reported as entry {entry_id}, which is missing"
        assert stored[entry_id] == bodies[source]
    assert len(set(stored.values())) == len(stored), "the killed import stored a body twice"

    again = run(db, "import", notes, "--json", timeout=300)
    assert again.returncode == 0, again.stderr
    assert "Traceback" not in again.stderr
    report = json.loads(again.stdout)
    assert len(report["added"]) == N_FILES - len(stored)

    integrity(db)
    final = db_bodies(db)
    assert len(final) == N_FILES
    assert sorted(final.values()) == sorted(bodies.values())  # every file once, none twice
    for source, entry_id in reported:
        assert final[entry_id] == bodies[source]


# -- concurrency: four writers at once ------------------------------------------------------------------------------

WORKER = """
import json, os, pathlib, subprocess, sys, time

role, db, go, out, arg = sys.argv[1:6]
os.environ["LEARNLOG_DB"] = db
results = []

def cli_runner():
    from typer.testing import CliRunner
    from learnlog.cli import app
    runner = CliRunner()
    def invoke(*args):
        r = runner.invoke(app, list(args))
        exc = r.exception if r.exception and not isinstance(r.exception, SystemExit) else None
        return {"args": list(args), "code": r.exit_code, "stdout": r.stdout, "stderr": r.stderr,
                "exception": repr(exc) if exc else None}
    return invoke

# import before the start line, so the four start writing together
if role == "journal-add":
    import datetime as dt
    from learnlog.store.journal import Journal
    from learnlog.records import Entry
else:
    invoke = cli_runner()

while not os.path.exists(go):
    time.sleep(0.002)
started = time.time()

if role == "journal-add":
    for i in range(int(arg)):
        j = Journal(pathlib.Path(db))
        try:
            e = j.add(Entry(id=None, date=dt.date(2026, 3, 1), body=f"journal writer entry {i}", tags=["journal"]))
            results.append({"code": 0, "id": e.id, "body": e.body, "stderr": ""})
        except Exception as exc:
            results.append({"code": 1, "stderr": f"{type(exc).__name__}: {exc}"})
        finally:
            j.close()
elif role == "cli-add":
    for i in range(int(arg)):
        results.append(invoke("add", "--json", "--tag", "cli", f"cli writer entry {i}"))
elif role == "tag":
    for entry_id in json.loads(arg):
        results.append(invoke("tag", str(entry_id), "c1"))
        results.append(invoke("tag", str(entry_id), "c2", "c3"))
elif role == "edit":
    import pty
    _, terminal = pty.openpty()  # edit opens an editor only from a terminal, as a person runs it
    for entry_id in json.loads(arg):
        p = subprocess.run([sys.executable, "-m", "learnlog", "edit", str(entry_id)], stdin=terminal,
                           capture_output=True, text=True, timeout=120)
        results.append({"args": ["edit", entry_id], "code": p.returncode, "stdout": p.stdout, "stderr": p.stderr})
pathlib.Path(out).write_text(json.dumps({"start": started, "end": time.time(), "results": results}))
"""

APPEND_LINE = """#!{python}
import pathlib, sys
path = pathlib.Path(sys.argv[1])
path.write_text(path.read_text(encoding="utf-8") + "\\nAppended by the editor.\\n", encoding="utf-8")
"""


def test_four_processes_writing_at_once_lose_nothing_and_never_report_locked(tmp_path, cli, db_path):
    for i in range(20):
        cli("add", f"Existing entry {i} about team practice.")
    tagged, edited, n_adds = list(range(1, 11)), list(range(11, 21)), 30
    editor = tmp_path / "append-editor.py"
    editor.write_text(APPEND_LINE.format(python=sys.executable), encoding="utf-8")
    editor.chmod(0o755)
    worker = tmp_path / "worker.py"
    worker.write_text(WORKER, encoding="utf-8")
    go = tmp_path / "go"
    roles = {
        "journal-add": str(n_adds),
        "cli-add": str(n_adds),
        "tag": json.dumps(tagged),
        "edit": json.dumps(edited),
    }
    procs = {}
    for role, arg in roles.items():
        out = tmp_path / f"{role}.json"
        procs[role] = (
            subprocess.Popen(
                [sys.executable, str(worker), role, str(db_path), str(go), str(out), arg],
                env=env_for(db_path, EDITOR=str(editor)),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            ),
            out,
        )
    time.sleep(1.0)  # let all four import learnlog and wait at the start line
    go.touch()
    results = {}
    for role, (proc, out) in procs.items():
        _, err = proc.communicate(timeout=240)
        assert proc.returncode == 0, (role, err)
        assert err == "", (role, err)
        results[role] = json.loads(out.read_text())
    windows = [(r["start"], r["end"]) for r in results.values()]
    assert max(s for s, _ in windows) < min(e for _, e in windows), f"the writers did not overlap: {windows}"
    results = {role: r["results"] for role, r in results.items()}

    for role, rows in results.items():
        for r in rows:
            text = (r.get("stderr") or "") + (r.get("exception") or "")
            assert not re.search(r"locked|busy", text, re.IGNORECASE), (role, r)
            assert r["code"] == 0, (role, r)
            assert not r.get("exception"), (role, r)

    integrity(db_path)
    entries = {e["id"]: e for e in listed(cli)}
    assert len(entries) == 20 + 2 * n_adds
    bodies = [e["body"] for e in entries.values()]
    assert len(set(bodies)) == len(bodies)
    journal_ids = [r["id"] for r in results["journal-add"]]
    assert sorted(entries[i]["body"] for i in journal_ids) == sorted(f"journal writer entry {i}" for i in range(n_adds))
    cli_ids = [json.loads(r["stdout"])["id"] for r in results["cli-add"]]
    assert sorted(entries[i]["body"] for i in cli_ids) == sorted(f"cli writer entry {i}" for i in range(n_adds))
    assert len(set(journal_ids) | set(cli_ids)) == 2 * n_adds
    for i in tagged:
        assert entries[i]["criteria"] == {"c1": "manual", "c2": "manual", "c3": "manual"}, entries[i]
    for i in edited:
        assert entries[i]["body"].endswith("Appended by the editor.\n"), entries[i]
        assert entries[i]["version"] == 2


def test_a_criterion_tagged_while_an_entry_is_open_in_the_editor_is_not_lost(tmp_path, cli, db_path):
    """`learnlog tag 1 c1` in another terminal while `learnlog edit 1` is open: the edit must keep c1 (or
    refuse as a conflict), never silently drop it. Tagging does not change the entry's version, and saving the
    edit rewrites every criterion link from the frontmatter the editor was opened with."""
    cli("add", "Chaired the carers' forum and listened first.", "-c", "c2")
    editor = write_script(
        tmp_path / "tag-meanwhile.py",
        f"""
        import pathlib, subprocess, sys
        tagged = subprocess.run({LEARNLOG!r} + ["tag", "1", "c1"], capture_output=True, text=True)
        assert tagged.returncode == 0, tagged.stderr
        path = pathlib.Path(sys.argv[1])
        path.write_text(path.read_text(encoding="utf-8") + "\\nAdded later.\\n", encoding="utf-8")
        """,
    )
    r = run(db_path, "edit", 1, env=env_for(db_path, EDITOR=str(editor)), terminal=True)
    assert "Traceback" not in r.stderr
    now = json.loads(cli("show", 1, "--json").stdout)
    assert "c1" in now["criteria"], f"the link made while editing was lost: {now['criteria']} ({r.stderr})"
    assert "c2" in now["criteria"]
    if r.returncode == 0:
        assert now["body"].endswith("Added later.\n")
    else:
        assert "changed elsewhere" in one_line_error(r.stderr)


# -- bad input: import -------------------------------------------------------------------------------------------


def bad_files(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "photo.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")
    (folder / "latin1.md").write_bytes("Café au lait with the team.\n".encode("latin-1"))


def test_import_reports_binary_and_non_utf8_files_by_name_and_imports_the_rest(cli, tmp_path):
    folder = tmp_path / "mixed"
    bad_files(folder)
    (folder / "good.md").write_text("# Team day\n\nWe planned the rota together.\n", encoding="utf-8")
    r = cli("import", folder, "--json")
    report = json.loads(r.stdout)
    assert [Path(a["source"]).name for a in report["added"]] == ["good.md"]
    reasons = {Path(s["source"]).name: s["reason"] for s in report["skipped"]}
    assert "binary" in reasons["photo.md"]
    assert "UTF-8" in reasons["latin1.md"]
    r = cli("import", folder)  # the human report names each file and why
    assert "binary" in line_about(r.stderr, "photo.md")
    assert "UTF-8" in line_about(r.stderr, "latin1.md")
    assert "Traceback" not in r.stderr
    assert [e["title"] for e in listed(cli)] == ["Team day"]


def test_import_where_no_file_can_be_read_exits_non_zero(cli, tmp_path):
    folder = tmp_path / "all-bad"
    bad_files(folder)
    r = cli("import", folder, code=None)
    assert r.exit_code != 0, r.stderr
    assert "binary" in line_about(r.stderr, "photo.md")
    assert "UTF-8" in line_about(r.stderr, "latin1.md")
    assert "Traceback" not in r.stderr
    assert listed(cli) == []


def test_import_of_a_missing_path_exits_non_zero_naming_it(cli, tmp_path):
    missing = tmp_path / "no-such-folder"
    r = cli("import", missing, code=None)
    assert r.exit_code != 0, r.stderr
    assert str(missing) in r.stderr
    assert listed(cli) == []


def test_import_skips_a_note_whose_frontmatter_would_crash_the_yaml_parser(cli, tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "deep.md").write_text("---\ntags: " + "[" * 3000 + "\n---\nbody\n", encoding="utf-8")
    (folder / "tagged.md").write_text("---\nhours: !!float lots\n---\nbody\n", encoding="utf-8")
    (folder / "good.md").write_text("A good note about the forum.\n", encoding="utf-8")
    r = cli("import", folder, code=None)
    assert r.exit_code == 0, r.stderr
    assert "frontmatter" in line_about(r.stderr, "deep.md")
    assert "frontmatter" in line_about(r.stderr, "tagged.md")
    assert [e["body"] for e in listed(cli)] == ["A good note about the forum."]


# -- bad input: a very large entry ------------------------------------------------------------------------------


def test_a_10_mb_entry_from_stdin_reads_back_intact(tmp_path):
    db = tmp_path / "big" / "learnlog.db"
    para = "Today in supervision we reflected on co-production — “what matters to you?” — and risk. Ünïcødé 😀\n"
    body = (para * (10_000_000 // len(para.encode("utf-8")) + 1)).encode("utf-8")[:10_000_000]
    body = body.decode("utf-8", "ignore").rstrip("\n") + "\nThe last line."
    assert len(body.encode("utf-8")) > 9_900_000
    added = run(db, "add", "--json", input=body.encode("utf-8"), timeout=300)
    assert added.returncode == 0, added.stderr
    assert json.loads(added.stdout)["id"] == 1
    shown = subprocess.run([*LEARNLOG, "show", "1", "--raw"], capture_output=True, env=env_for(db), timeout=120)
    assert shown.returncode == 0, shown.stderr
    assert entryfile.parse(shown.stdout.decode("utf-8")).body == body


# -- bad input: frontmatter through add --file -------------------------------------------------------------------

BAD_FRONTMATTER = {
    "yaml list": ("- a\n- b", "list"),
    "tags: 5": ("tags: 5", "'tags'"),
    "nested tags": ("tags: [[a, b]]", "'tags'"),
    "hours lots": ('hours: "lots"', "'hours'"),
    "negative hours": ("hours: -1", "'hours'"),
    "infinite hours": ("hours: .inf", "'hours'"),
    "nan hours": ("hours: .nan", "'hours'"),
    "tagged float": ("hours: !!float lots", "frontmatter"),
    "30 February": ("date: 2026-02-30", "'date'"),
    "status done": ("status: done", "'status'"),
    "created not a time": ("created: yesterday", "'created'"),
    "title as a list": ("title: [a, b]", "'title'"),
    "criteria source": ("criteria: {c1: bogus}", "'criteria'"),
    "deep nesting": ("tags: " + "[" * 3000, "frontmatter"),
}


@pytest.mark.parametrize(("yaml", "names"), BAD_FRONTMATTER.values(), ids=BAD_FRONTMATTER.keys())
def test_add_file_with_bad_frontmatter_is_one_line_naming_the_field_and_stores_nothing(cli, tmp_path, yaml, names):
    path = tmp_path / "entry.md"
    path.write_text(f"---\n{yaml}\n---\nA reflection that must not be half-saved.\n", encoding="utf-8")
    r = cli("add", "--file", path, code=None)
    assert r.exit_code == 1, (r.exit_code, r.stderr)
    msg = words_of(one_line_error(r.stderr))
    assert names in msg
    assert "database error" not in msg
    assert listed(cli) == []


def test_list_field_errors_give_a_sensible_example(cli, tmp_path):
    path = tmp_path / "entry.md"
    path.write_text("---\ncriteria: 5\n---\nBody.\n", encoding="utf-8")
    msg = one_line_error(cli("add", "--file", path, code=1).stderr)
    assert "'criteria'" in msg
    assert "criteri1" not in msg  # the example was built by chopping the last letter off the key


# -- bad input: options -------------------------------------------------------------------------------------------


def test_an_impossible_date_is_a_usage_error(cli):
    r = cli("add", "--date", "2026-02-30", "Some words.", code=2)
    assert "2026-02-30" in one_line_error(r.stderr)
    assert listed(cli) == []


@pytest.mark.parametrize("hours", ["inf", "nan"])
def test_hours_must_be_finite_on_the_command_line(cli, hours):
    r = cli("add", "--hours", hours, "Some words.", code=None)
    assert r.exit_code == 2, (r.exit_code, r.stdout, r.stderr)
    assert "Traceback" not in r.stderr
    assert listed(cli) == []


@pytest.mark.parametrize("criterion", ["c9", "c7", "c11", "c1;"])
def test_tagging_a_criterion_the_target_badge_lacks_is_refused_listing_valid_ids(cli, criterion):
    cli("add", "Some words.", "-c", "c2")
    r = cli("tag", 1, criterion, code=1)  # an unknown id is well-formed: exit 1 (issue 13's rule)
    msg = words_of(one_line_error(r.stderr))
    assert criterion in msg and SSSC_CRITERIA in msg
    r = cli("tag", 1, "c1", criterion, code=1)  # one bad id spoils the whole command
    assert listed(cli)[0]["criteria"] == {"c2": "manual"}
    r = cli("untag", 1, criterion, code=1)
    assert SSSC_CRITERIA in one_line_error(r.stderr)


def test_valid_ids_follow_the_target_badge(cli):
    cli("add", "Some words.")
    cli("badge", "use", "topss-lm")
    cli("tag", 1, "c9")  # a TOPSS criterion is fine once TOPSS is the target
    msg = one_line_error(cli("tag", 1, "c11", code=1).stderr)
    assert "c11" in msg and "c10" in msg and "topss-lm" in msg


# -- hostile storage: the database path ------------------------------------------------------------------------


def move_db_aside(db: Path, to: Path) -> list[tuple[Path, Path]]:
    to.mkdir()
    moved = []
    for p in sorted(db.parent.glob(db.name + "*")):
        p.rename(to / p.name)
        moved.append((to / p.name, p))
    return moved


@pytest.mark.parametrize("command", [["list"], ["add", "Lost words?"], ["tag", "1", "c1"], ["search", "forum"]])
def test_database_replaced_by_a_folder_is_a_one_line_error_and_the_data_comes_back(tmp_path, db_path, command):
    assert run(db_path, "add", "Chaired the forum.").returncode == 0
    moved = move_db_aside(db_path, tmp_path / "aside")
    db_path.mkdir()
    r = run(db_path, *command)
    assert r.returncode != 0
    assert "folder" in words_of(one_line_error(r.stderr))
    assert list(db_path.iterdir()) == []
    db_path.rmdir()
    for src, dst in moved:
        src.rename(dst)
    integrity(db_path)
    assert db_bodies(db_path) == {1: "Chaired the forum."}


@pytest.mark.parametrize(
    "command", [["list"], ["add", "Some words."], ["import", "NOTES"], ["where"], ["badge", "use", "topss-lm"]]
)
def test_a_database_path_under_a_regular_file_is_a_one_line_error(tmp_path, db_path, command):
    assert run(db_path, "add", "Kept safe elsewhere.").returncode == 0
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "a.md").write_text("A note.\n", encoding="utf-8")
    command = [str(notes) if c == "NOTES" else c for c in command]
    blocker = tmp_path / "notes.txt"
    blocker.write_text("My notes, not a folder.", encoding="utf-8")
    r = run(db_path, "--db", blocker / "learnlog.db", *command)
    if command == ["where"]:
        assert r.returncode == 0, r.stderr  # where only reports paths; it must not crash either
        assert "Traceback" not in r.stderr
    else:
        assert r.returncode != 0
        assert str(blocker / "learnlog.db") in one_line_error(r.stderr)
    assert blocker.read_text(encoding="utf-8") == "My notes, not a folder."
    assert db_bodies(db_path) == {1: "Kept safe elsewhere."}


# -- hostile storage: a full disk, simulated inside SQLite --------------------------------------------------------


@pytest.fixture
def disk_full(monkeypatch):
    """`disk_full(True)` makes every new learnlog connection unable to grow the database file."""
    import learnlog.store.schema as schema

    state = {"full": False}
    open_connection = schema.open_connection

    def limited(path):
        conn = open_connection(path)
        if state["full"]:
            conn.execute("PRAGMA max_page_count = 1")  # SQLite keeps the current size as the floor
        return conn

    monkeypatch.setattr(schema, "open_connection", limited)
    return lambda full: state.__setitem__("full", full)


BIG = "A long reflection on the forum. " * 8000  # ~250 KB: needs new pages


def seed(cli) -> list[dict]:
    cli("add", "Chaired the carers' forum.", "-c", "c1", "-t", "forum")
    cli("add", "Supervision notes, first draft.")
    return listed(cli)


def test_disk_full_on_add_is_one_line_and_keeps_earlier_entries(cli, disk_full, db_path):
    before = seed(cli)
    disk_full(True)
    r = cli("add", BIG, code=1)
    assert "full" in words_of(one_line_error(r.stderr))
    r = cli("add", input=BIG, code=1)  # the same text from a pipe
    assert "full" in words_of(one_line_error(r.stderr))
    disk_full(False)
    assert listed(cli) == before
    integrity(db_path)


def test_disk_full_on_import_is_one_line_and_adds_nothing_half_done(cli, disk_full, db_path, tmp_path):
    before = seed(cli)
    folder = tmp_path / "notes"
    folder.mkdir()
    for i in range(5):
        (folder / f"note-{i}.md").write_text(f"Note {i}. " + BIG, encoding="utf-8")
    disk_full(True)
    r = cli("import", folder, code=1)
    assert "full" in words_of(one_line_error(r.stderr))
    disk_full(False)
    assert listed(cli) == before
    integrity(db_path)
    r = cli("import", folder, "--json")  # and once there is room, the same import simply works
    assert len(json.loads(r.stdout)["added"]) == 5


@pytest.mark.parametrize("command", [["edit", "2"], ["add"]])
def test_disk_full_after_editing_names_the_draft_that_holds_the_text(cli, disk_full, fake_editor, db_path, command):
    before = seed(cli)
    fake_editor(f"path.write_text(path.read_text(encoding='utf-8') + {BIG!r} + 'MARKER\\n', encoding='utf-8')")
    disk_full(True)
    r = cli(*command, code=1)
    msg = one_line_error(r.stderr)
    assert "full" in words_of(msg)
    drafts = list((db_path.parent / "recovery").glob("*.md"))
    assert len(drafts) == 1 and "MARKER" in drafts[0].read_text(encoding="utf-8")
    assert str(drafts[0]) in msg, "the user is not told where their words were kept"
    disk_full(False)
    assert listed(cli) == before
    integrity(db_path)


# -- hostile storage: a real full or read-only filesystem (simulated when mounting is not allowed) ---------------

SIMULATED_CLI = """
import os, sys
import learnlog.store.schema as schema

_open_connection = schema.open_connection

def open_connection(path):
    conn = _open_connection(path)
    mode = os.environ.get("LEARNLOG_TEST_STORAGE")
    if mode == "full":
        conn.execute("PRAGMA max_page_count = 1")
    elif mode == "readonly":
        conn.execute("PRAGMA query_only = ON")
    return conn

schema.open_connection = open_connection
from learnlog.cli import main
sys.argv[0] = "learnlog"
main()
"""


class Storage:
    """A folder for a database that can be made full or read-only: a 2 MB tmpfs if mount works (root in a
    privileged sandbox), else an ordinary folder with the condition simulated inside SQLite."""

    def __init__(self, root: Path):
        self.dir = root / "fs"
        self.dir.mkdir()
        self.script = root / "simulated_cli.py"
        self.script.write_text(SIMULATED_CLI, encoding="utf-8")
        self.mode = ""
        try:
            mounted = subprocess.run(
                ["mount", "-t", "tmpfs", "-o", "size=2m,mode=0700", "tmpfs", str(self.dir)], capture_output=True
            )
            self.real = mounted.returncode == 0
        except OSError:  # no mount program
            self.real = False
        self.db = self.dir / "learnlog.db"

    def run(self, *args, input: str | None = None):
        env = env_for(self.db, LEARNLOG_TEST_STORAGE=self.mode)
        p = subprocess.run(
            [sys.executable, str(self.script), *map(str, args)],
            input=input.encode("utf-8") if input is not None else None,
            capture_output=True,
            env=env,
            timeout=120,
        )
        return subprocess.CompletedProcess(p.args, p.returncode, p.stdout.decode(), p.stderr.decode())

    def fill(self) -> None:
        if not self.real:
            self.mode = "full"
            return
        with contextlib.suppress(OSError), (self.dir / "filler").open("wb", buffering=0) as fh:
            while True:
                fh.write(b"\0" * 4096)

    def make_read_only(self) -> None:
        if not self.real:
            self.mode = "readonly"
            return
        subprocess.run(["mount", "-o", "remount,ro", str(self.dir)], check=True)

    def restore(self) -> None:
        self.mode = ""
        if self.real:
            subprocess.run(["mount", "-o", "remount,rw", str(self.dir)], check=True)
            (self.dir / "filler").unlink(missing_ok=True)

    def close(self) -> None:
        if self.real:
            subprocess.run(["umount", "-l", str(self.dir)], capture_output=True)


@pytest.fixture
def storage(tmp_path):
    s = Storage(tmp_path)
    try:
        yield s
    finally:
        s.close()


def seed_storage(storage: Storage) -> dict[int, str]:
    for text in ("Chaired the carers' forum.", "Supervision notes, first draft."):
        r = storage.run("add", text)
        assert r.returncode == 0, r.stderr
    return db_bodies(storage.db)


@pytest.mark.parametrize("command", [["add", "BIG"], ["add"], ["import", "NOTES"]], ids=["add", "stdin", "import"])
def test_a_full_filesystem_is_a_one_line_error_that_says_so(storage, tmp_path, command):
    # Only writes that need new pages: a simulated full disk (max_page_count) still fits small ones in free space.
    before = seed_storage(storage)
    notes = tmp_path / "notes"
    notes.mkdir()
    for i in range(3):
        (notes / f"note-{i}.md").write_text(f"Note {i}. " + BIG, encoding="utf-8")
    args = [{"BIG": BIG[:100_000], "NOTES": str(notes)}.get(c, c) for c in command]
    storage.fill()
    r = storage.run(*args, input=BIG if command == ["add"] else None)
    assert r.returncode != 0, r.stderr
    msg = one_line_error(r.stderr)
    assert re.search(r"full|no space", words_of(msg), re.IGNORECASE), (
        f"the message does not say the disk is full: {msg}"
    )
    storage.restore()
    integrity(storage.db)
    assert db_bodies(storage.db) == before


@pytest.mark.parametrize("command", [["add", "New words."], ["tag", "1", "c1"], ["badge", "use", "topss-lm"]])
def test_a_read_only_filesystem_is_a_one_line_error_that_says_so(storage, command):
    before = seed_storage(storage)
    storage.make_read_only()
    r = storage.run(*command)
    assert r.returncode != 0, r.stderr
    msg = one_line_error(r.stderr)
    assert re.search(r"read-only|readonly", words_of(msg)), f"the message does not say the database is read-only: {msg}"
    storage.restore()
    integrity(storage.db)
    assert db_bodies(storage.db) == before
