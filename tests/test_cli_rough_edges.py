"""Rough edges a daily user hit in the newcomer trial (issue 13), each as the user would notice it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

from helpers import add, as_json, listed, one_line

ROOT = Path(__file__).resolve().parent.parent


def run(db: Path, *args: str, stdin: bytes | None = None, **env: str) -> subprocess.CompletedProcess:
    """learnlog as its own process (a real pipe on stdin, a real terminal width), so nothing is simulated."""
    return subprocess.run(
        [sys.executable, "-m", "learnlog", *args],
        input=stdin,
        capture_output=True,
        env={**os.environ, "LEARNLOG_DB": str(db), **env},
        timeout=60,
    )


# -- add and its input --


def test_empty_piped_stdin_is_refused_instead_of_opening_an_editor(tmp_path):
    db = tmp_path / "log.db"
    editor = tmp_path / "editor-opened"
    r = run(db, "add", stdin=b"", EDITOR=f"touch {editor}", VISUAL="")
    assert r.returncode == 1
    assert "nothing came in on standard input" in one_line(r.stderr.decode())
    assert not editor.exists()
    r = run(db, "add", stdin=b"Piped reflection.\n")
    assert r.returncode == 0, r.stderr
    assert [e["body"] for e in json.loads(run(db, "list", "--json").stdout)] == ["Piped reflection."]


def test_edit_and_statement_commands_refuse_to_start_an_editor_without_a_terminal(tmp_path):
    db = tmp_path / "log.db"
    opened = tmp_path / "editor-opened"
    editor = {"EDITOR": f"touch {opened}", "VISUAL": ""}
    assert run(db, "add", "Evidence of advocacy.", "-c", "c1").returncode == 0
    assert run(db, "statement", "new", "--all", "--no-edit").returncode == 0
    for args, hint in (
        (["edit", "1"], "learnlog edit 1 opens your editor"),
        (["statement", "edit"], "learnlog statement edit 1 opens your editor"),
        (["statement", "new", "--all"], "--no-edit"),
    ):
        r = run(db, *args, stdin=b"", **editor)
        assert r.returncode == 1, (args, r.stderr)
        assert hint in one_line(r.stderr.decode())
    assert not opened.exists()
    assert not list((tmp_path / "recovery").glob("*.md"))  # no draft left behind for nothing


def test_a_nul_character_piped_in_is_refused_and_nothing_is_stored(tmp_path):
    db = tmp_path / "log.db"
    r = run(db, "add", stdin=b"Pasted from a PDF \x00 by mistake.\n")
    assert r.returncode == 1
    assert "NUL character (\\0) at character 19" in one_line(r.stderr.decode())
    assert json.loads(run(db, "list", "--json").stdout) == []


def test_an_imported_entry_over_a_limit_is_skipped_by_name_and_the_rest_comes_in(cli, tmp_path):
    export = tmp_path / "journal.json"
    entries = [
        {"title": "Fine", "body": "A real reflection.", "date": "2026-03-01", "time": "09:00", "tags": []},
        {"title": "Bad \u0000 title", "body": "Pasted.", "date": "2026-03-02", "time": "09:00", "tags": []},
        {"title": "T" * 300, "body": "Too long a title.", "date": "2026-03-03", "time": "09:00", "tags": []},
    ]
    export.write_text(json.dumps({"tags": {}, "entries": entries}), encoding="utf-8")
    r = cli("import", export)
    assert "Imported 1 entries" in r.stderr
    assert "an entry of 2026-03-02: the title contains a NUL character" in r.stderr
    assert "an entry of 2026-03-03: the title is 300 characters; the limit is 200" in r.stderr
    assert [e["title"] for e in listed(cli)] == ["Fine"]


def test_commas_separate_tags_and_criteria_as_they_separate_ids(cli):
    e = add(cli, "Panel and advocacy.", "-t", "panel,advocacy", "-t", "sds", "-c", "c1,c2")
    assert e["tags"] == ["advocacy", "panel", "sds"]
    assert e["criteria"] == {"c1": "manual", "c2": "manual"}
    assert [x["id"] for x in listed(cli, "-t", "panel,sds")] == [e["id"]]


def test_tags_lists_each_tag_with_its_count(cli):
    add(cli, "One.", "-t", "panel,sds")
    add(cli, "Two.", "-t", "sds")
    gone = add(cli, "Three.", "-t", "scratch")
    cli("delete", gone["id"])
    assert as_json(cli("tags", "--json")) == [{"tag": "sds", "entries": 2}, {"tag": "panel", "entries": 1}]
    out = cli("tags").stdout
    assert "sds" in out and "panel" in out and "scratch" not in out


# -- list --


def test_a_filter_that_matches_nothing_says_so_and_shows_the_filter(cli):
    for i in range(3):
        add(cli, f"Entry {i}.", "-t", "supervision")
    r = cli("list", "-t", "panel")
    assert "No entries match --tag panel" in r.stderr
    assert "No entries yet" not in r.stderr
    r = cli("list", "--since", "2099-01-01", "-c", "c1")
    assert "--since 2099-01-01" in r.stderr and "--criterion c1" in r.stderr


def _table_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.strip()]


def test_list_keeps_its_frame_whole_at_any_width_and_shares_it_with_the_tags(tmp_path):
    db = tmp_path / "log.db"
    long_title = "A very long title about the resource panel and the carers' forum " * 2
    run(db, "add", long_title, "-t", "panel,advocacy,supervision,direct-payments", "-c", "c1,c2,c3")
    for width in (40, 60, 80, 120):
        r = run(db, "list", COLUMNS=str(width))
        lines = _table_lines(r.stdout.decode())
        assert all(len(line) <= width for line in lines), (width, lines)
        assert lines[0].startswith("┏") and lines[0].endswith("┓"), (width, lines[0])  # the frame is whole
        assert lines[-1].startswith("└") and lines[-1].endswith("┘"), (width, lines[-1])
        assert "│  1 │" in r.stdout.decode()  # the id is never cut
    wide = r.stdout.decode()
    assert "advocacy direct-payments" in wide  # at 120 columns the tags get room, not only the title


# -- purge --


def test_purge_names_what_it_would_delete_and_no_changes_nothing(cli):
    e = add(cli, "Maybe purge this reflection.")
    cli("delete", e["id"])
    r = cli("purge", input="n\n", code=0)
    assert "Maybe purge this reflection." in r.stderr
    assert "Nothing was purged" in r.stderr
    assert [x["id"] for x in listed(cli, "--trash")] == [e["id"]]


def test_purging_an_entry_a_statement_quotes_names_the_statement_and_check_flags_it(cli):
    quoted = add(cli, "Advocated for Mr B at the panel.", "-c", "c1")
    other = add(cli, "Listened to the carers first.", "-c", "c2")
    cli("statement", "new", "--from", f"{quoted['id']},{other['id']}", "--no-edit")
    cli("delete", quoted["id"], other["id"])
    asked = cli("purge", quoted["id"], input="n\n")
    assert f"statement 1 will still hold the words of entry {quoted['id']}" in asked.stderr
    r = cli("purge", quoted["id"], "--yes")
    assert f"statement 1 still holds the words of entry {quoted['id']}" in r.stderr
    assert "learnlog statement edit 1" in r.stderr
    rows = {row["check"]: row for row in as_json(cli("check", "--json", code=1))["rows"]}
    assert rows["source entries"]["status"] == "warn"
    detail = rows["source entries"]["detail"]
    assert f"entry {quoted['id']} purged" in detail and f"entry {other['id']} in the trash" in detail
    cli("restore", other["id"])
    cli("statement", "new", "--from", str(other["id"]), "--no-edit", "--replace")
    rows = {row["check"]: row for row in as_json(cli("check", "--json", code=1))["rows"]}
    assert rows["source entries"]["status"] == "pass"


# -- -o FILE --


def test_output_into_a_missing_folder_creates_it_owner_only_and_says_so(cli, tmp_path):
    add(cli, "Evidence for the badge.", "-c", "c1")
    cli("statement", "new", "--all", "--no-edit")
    out = tmp_path / "new" / "sub" / "statement.txt"
    r = cli("export", "--force", "--format", "txt", "-o", out)
    assert out.read_text(encoding="utf-8").strip()
    assert "Created the folder" in r.stderr and str(out.parent) in r.stderr
    assert out.parent.stat().st_mode & 0o777 == 0o700
    assert out.parent.parent.stat().st_mode & 0o777 == 0o700  # every folder made, not only the last


def test_a_new_log_in_new_folders_and_an_empty_file_made_by_hand_are_owner_only(cli, tmp_path, monkeypatch):
    old = os.umask(0o022)
    try:
        deep = tmp_path / "a" / "b" / "learnlog.db"
        monkeypatch.setenv("LEARNLOG_DB", str(deep))
        add(cli, "First words.")
        for folder in (deep.parent, deep.parent.parent):
            assert folder.stat().st_mode & 0o777 == 0o700, folder
        assert deep.stat().st_mode & 0o777 == 0o600
        empty = tmp_path / "empty.db"
        empty.touch()  # `: > empty.db`: 0644 under this umask
        monkeypatch.setenv("LEARNLOG_DB", str(empty))
        add(cli, "Words in a file made by hand.")
        assert empty.stat().st_mode & 0o777 == 0o600
    finally:
        os.umask(old)


def test_a_dangling_link_at_o_is_replaced_only_with_overwrite(cli, tmp_path):
    add(cli, "Evidence for the badge.", "-c", "c1")
    cli("statement", "new", "--all", "--no-edit")
    link = tmp_path / "out.txt"
    link.symlink_to(tmp_path / "nowhere.txt")
    cli("export", "--force", "--format", "txt", "-o", link, code=1)
    assert link.is_symlink() and not (tmp_path / "nowhere.txt").exists()
    cli("export", "--force", "--format", "txt", "-o", link, "--overwrite")
    assert link.is_file() and not link.is_symlink()


# -- JSON: one serialiser --


def test_every_json_timestamp_is_iso_8601_with_an_offset(cli):
    import datetime as dt

    e = add(cli, "Evidence for the badge.", "-c", "c1")
    cli("statement", "new", "--all", "--no-edit")
    stamps = [e["created"], e["updated"]]
    (st,) = as_json(cli("statement", "list", "--json"))
    stamps += [st["created"], st["updated"]]
    shown = as_json(cli("statement", "show", "--json"))
    stamps += [shown["created"], shown["updated"]]
    assert shown["body"].strip() and shown["id"] == st["id"]
    for stamp in stamps:
        parsed = dt.datetime.fromisoformat(stamp)
        assert "T" in stamp and parsed.utcoffset() is not None, stamp


def test_allow_list_has_json_with_the_reasons(cli):
    cli("allow", "Simon Duffy", "--reason", "author I cite")
    cli("allow", "Jane Doe")
    assert as_json(cli("allow", "--list", "--json")) == [
        {"text": "Jane Doe", "reason": ""},
        {"text": "Simon Duffy", "reason": "author I cite"},
    ]


# -- help and completion --


def test_help_command_shows_the_same_text_as_dash_dash_help(cli):
    assert cli("help", "add").stdout == cli("add", "--help").stdout
    assert cli("help", "statement", "new").stdout == cli("statement", "new", "--help").stdout
    assert "Commands:" in cli("help").stdout


def test_the_man_page_documents_every_command_is_valid_roff_and_is_the_one_installed(cli, tmp_path):
    import shutil

    from learnlog.cli.commands import COMMANDS

    page = cli("help", "--man").stdout
    groups = {"badge": ["use", "held"], "statement": ["new", "use", "link", "list", "show", "edit"]}
    for name in COMMANDS:
        for typed in [f"{name} {sub}" for sub in groups.get(name, [])] or [name]:
            assert f".SS {typed}\n" in page, typed
    for section in ("NAME", "SYNOPSIS", "OPTIONS", "COMMANDS", "EXIT STATUS", "ENVIRONMENT"):
        assert f".SH {section}\n" in page
    assert page == (ROOT / "man" / "learnlog.1").read_text(encoding="utf-8"), "run: python -m tools.manpage"
    assert (
        "data-files]\n" in (ROOT / "pyproject.toml").read_text()
        and '"man/learnlog.1"' in (ROOT / "pyproject.toml").read_text()
    )
    if shutil.which("groff") is None:
        return
    (tmp_path / "learnlog.1").write_text(page, encoding="utf-8")
    checked = subprocess.run(
        ["groff", "-man", "-ww", "-z", str(tmp_path / "learnlog.1")], capture_output=True, text=True, timeout=60
    )
    assert checked.returncode == 0 and checked.stderr == "", checked.stderr  # no roff warning at all
    shown = subprocess.run(
        ["groff", "-man", "-Tutf8", "-P", "-cbou", str(tmp_path / "learnlog.1")],
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    assert "EXIT STATUS" in shown and "learnlog statement new" in shown and "…" in shown


def test_help_and_messages_speak_the_users_words(cli):
    """Issue 13: no library-speak ("<float range> [x>=0]", "'abc' is not a valid int", "stdin"), and the
    precise terms a user needs (frontmatter, md-dir, allowlist) explained where they appear."""
    page = cli("help", "--man").stdout.replace("\\-", "-")
    for jargon in ("float range", "x>=0", "valid int", "stdin", "preflight"):
        assert jargon not in page.lower(), jargon
    assert all("settings block (frontmatter)" in line for line in page.splitlines() if "frontmatter" in line)
    assert "markdown files (md-dir)" in page
    assert "allowlist: words never flagged as confidential" in page
    for args in (["add", "x", "--hours", "abc"], ["list", "-n", "many"], ["show", "abc"]):
        message = one_line(cli(*args, code=2).stderr)
        assert "valid int" not in message and "float" not in message and "range" not in message, message


def test_help_man_with_a_command_is_a_usage_error(cli):
    assert "--man prints the whole manual" in one_line(cli("help", "add", "--man", code=2).stderr)


def _complete(db: Path, words: str, cword: int) -> list[str]:
    r = run(db, _LEARNLOG_COMPLETE="complete_bash", COMP_WORDS=words, COMP_CWORD=str(cword))
    assert r.returncode == 0, r.stderr
    return r.stdout.decode().split()


def test_completion_offers_values_not_only_option_names(tmp_path):
    db = tmp_path / "log.db"
    for text in ("First.", "Second.", "Third."):
        run(db, "add", text)
    assert _complete(db, "learnlog show ", 2) == ["3", "2", "1"]  # newest first, from one cheap query
    assert _complete(db, "learnlog add --template g", 3) == ["gibbs"]
    assert _complete(db, "learnlog export --format ", 3) == ["md", "txt", "html", "json", "md-dir"]
    assert _complete(db, "learnlog tag 1 c", 3) == ["c1", "c2", "c3", "c4", "c5", "c6"]
    assert "sssc-sil-1" in _complete(db, "learnlog badge use ss", 3)


def test_show_completion_prints_the_script_for_the_shell_named(tmp_path):
    zsh = run(tmp_path / "log.db", "--show-completion", "zsh")
    bash = run(tmp_path / "log.db", "--show-completion", "bash")
    assert zsh.returncode == bash.returncode == 0
    assert zsh.stdout.decode().startswith("#compdef learnlog")
    assert "complete -o default -F" in bash.stdout.decode() and "#compdef" not in bash.stdout.decode()
    bad = run(tmp_path / "log.db", "--show-completion", "tcsh")
    assert bad.returncode == 2 and "tcsh" in one_line(bad.stderr.decode())


# -- packaging --


def test_the_licence_is_an_spdx_expression_and_imported_libraries_are_declared():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert meta["license"] == "MIT"
    declared = " ".join(meta["dependencies"]).lower()
    for needed in ("pyyaml", "markdown-it-py", "typer", "rich", "sqlmodel", "platformdirs", "phonenumbers"):
        assert needed in declared, needed
    assert "python-frontmatter" not in declared  # not imported: entry files are split by hand (see README)
