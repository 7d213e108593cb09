"""Statement export (md, txt, html, json) and whole-log backup / import end to end through the CLI."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from collections import Counter
from pathlib import Path

import pytest
import yaml
from evidence import EVIDENCE
from helpers import add, as_json, listed, one_line
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from learnlog.records import Entry
from learnlog.store.journal import Journal

REPEAT = 5  # six entries of about 110 words: a statement of about 650 words
NAME = "Mrs Jean Robertson"


def raw_statement(cli) -> str:
    return cli("statement", "show", "--raw").stdout


def prepared_log(cli, *, confirm: bool = True, headings: bool = False) -> None:
    """A log that passes every check: prerequisite held, six criteria tagged, a 500-1000 word statement."""
    for day, (cid, sentence) in enumerate(EVIDENCE.items(), start=10):
        add(cli, " ".join([sentence] * REPEAT), "-c", cid, "--date", f"2026-03-{day}")
    cli("badge", "held", "sssc-lcf", "--date", "2026-02-01")
    cli("statement", "new", "--all", "--no-edit", "--title", "Keeping people at the centre",
        *(["--headings"] if headings else []))  # fmt: skip
    if confirm:
        cli("check", "--confirm-own-work", code=None)


def append_to_statement(cli, fake_editor, text: str) -> None:
    fake_editor(
        f"""
        body = path.read_text(encoding="utf-8")
        path.write_text(body + {text!r}, encoding="utf-8")
        """
    )
    cli("statement", "edit")


def split_frontmatter(text: str) -> tuple[dict, str]:
    assert text.startswith("---\n"), text[:80]
    head, rest = text[4:].split("\n---\n", 1)
    return yaml.safe_load(head), rest


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# -- statement export --


def test_export_md_has_frontmatter_with_badge_and_word_count(cli):
    prepared_log(cli)
    out = cli("export", "--format", "md").stdout
    meta, body = split_frontmatter(out)
    assert meta["title"] == "Keeping people at the centre"
    assert meta["badge"]["id"] == "sssc-sil-1"
    assert meta["words"] == as_json(cli("words", "--json"))["words"]
    assert 500 <= meta["words"] <= 1000
    assert [c["id"] for c in meta["criteria"]] == ["c1", "c2", "c3", "c4", "c5", "c6"]
    assert body.strip() == raw_statement(cli).strip()
    assert cli("export").stdout == out  # md is the default


def test_export_txt_has_no_markdown_syntax(cli, fake_editor):
    prepared_log(cli, headings=True)
    append_to_statement(
        cli,
        fake_editor,
        "\nWhat I **learned**: read [Talking Points](https://example.org/talking-points) and *ask first*.\n",
    )
    out = cli("export", "--format", "txt").stdout
    for mark in ("#", "**", "[", "](", "*ask"):
        assert mark not in out, mark
    assert out.startswith("Keeping people at the centre\n")
    assert "Self-determination\n" in out  # the heading's words stay, on their own line
    assert "What I learned: read Talking Points (https://example.org/talking-points) and ask first." in out


def test_export_html_shows_script_in_the_statement_as_text(cli, fake_editor):
    prepared_log(cli)
    append_to_statement(cli, fake_editor, "\nI wrote <script>alert('x')</script> in my notes by mistake.\n")
    out = cli("export", "--format", "html").stdout
    assert out.startswith("<!DOCTYPE html>")
    assert "<script" not in out.lower()
    assert "&lt;script&gt;alert(" in out
    assert "<h1>Keeping people at the centre</h1>" in out


def test_export_json_is_an_open_badges_evidence_object(cli):
    prepared_log(cli)
    data = json.loads(cli("export", "--format", "json").stdout)
    assert "Evidence" in data["type"]
    assert data["narrative"] == raw_statement(cli)
    assert data["name"] == "Keeping people at the centre"
    words = as_json(cli("words", "--json"))["words"]
    assert f"{words} words" in data["description"]


@pytest.mark.parametrize("fmt", ["md", "txt", "html", "json"])
def test_export_to_a_file_writes_what_stdout_would_show(cli, tmp_path, fmt):
    prepared_log(cli)
    target = tmp_path / "out" / f"statement.{fmt}"
    r = cli("export", "--format", fmt, "-o", target)
    assert r.stdout == ""
    assert str(target) in r.stderr
    assert target.read_text(encoding="utf-8") == cli("export", "--format", fmt).stdout
    assert files_in(target.parent) == [target.name]  # no temporary file left behind


def test_export_refuses_when_the_check_fails_and_writes_nothing(cli, tmp_path):
    prepared_log(cli, confirm=False)
    target = tmp_path / "statement.md"
    r = cli("export", "-o", target, code=1)
    assert "own work" in r.stderr
    assert "--force" in r.stderr
    assert not target.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".statement.md")]  # no temporary file
    r = cli("export", "--format", "txt", code=1)
    assert r.stdout == ""


def test_export_refusal_names_every_failing_check(cli):
    add(cli, "A short note.", "-c", "c1")
    cli("statement", "new", "--all", "--no-edit")
    r = cli("export", code=1)
    for name in ("prerequisites", "criteria", "word count", "own work"):
        assert name in r.stderr


def test_export_force_exports_with_a_warning(cli, tmp_path):
    prepared_log(cli, confirm=False)
    target = tmp_path / "statement.txt"
    r = cli("export", "--format", "txt", "-o", target, "--force")
    assert "Warning" in r.stderr
    assert "1 failed check" in r.stderr
    assert target.read_text(encoding="utf-8").startswith("Keeping people at the centre\n")


def test_export_redact_changes_only_the_output(cli, fake_editor):
    prepared_log(cli)
    append_to_statement(cli, fake_editor, f"\nI visited {NAME} and later {NAME} chose her own carer.\n")
    stored = raw_statement(cli)
    assert stored.count(NAME) == 2

    out = cli("export", "--format", "txt", "--redact", "--force").stdout
    assert NAME not in out
    assert "I visited [PERSON] and later [PERSON] chose her own carer." in out

    out = cli("export", "--format", "md", "--pseudonyms", "--force").stdout
    assert NAME not in out
    assert "I visited Person A and later Person A chose her own carer." in out

    assert raw_statement(cli) == stored  # the stored statement is unchanged
    (st,) = as_json(cli("statement", "list", "--json"))
    assert st["words"] == as_json(cli("words", "--json"))["words"]


def test_export_onto_an_existing_file_needs_overwrite(cli, tmp_path):
    prepared_log(cli)
    target = tmp_path / "out" / "statement.md"
    target.parent.mkdir()
    target.write_text("my earlier version\n", encoding="utf-8")
    r = cli("export", "-o", target, code=1)
    assert "--overwrite" in r.stderr
    assert target.read_text(encoding="utf-8") == "my earlier version\n"

    cli("export", "-o", target, "--overwrite")
    assert target.read_text(encoding="utf-8") == cli("export").stdout
    assert files_in(target.parent) == ["statement.md"]


def test_export_without_a_statement_says_how_to_make_one(cli):
    add(cli, "An entry.", "-c", "c1")
    r = cli("export", code=1)
    assert "statement new" in r.stderr


@pytest.mark.parametrize(
    "args, code",
    [
        (["--format", "pdf"], 2),
        (["99"], 1),
        (["latest"], 2),
    ],
)
def test_export_bad_arguments(cli, args, code):
    prepared_log(cli)
    r = cli("export", *args, code=code)
    assert r.stdout == ""


def test_export_named_statement(cli):
    prepared_log(cli)
    cli("statement", "new", "--criterion", "c1", "--no-edit", "--title", "Short one")
    first = as_json(cli("statement", "list", "--json"))[0]["id"]
    meta, _ = split_frontmatter(cli("export", str(first)).stdout)
    assert meta["title"] == "Keeping people at the centre"


# -- whole-log backup --


def backup_log(cli) -> list[dict]:
    add(cli, "Reviewed care plans with the team.\n\nWe agreed to use people's own words.", "--title",
        "Care plans", "--date", "2026-03-14", "-t", "plans", "-t", "Team Work", "-c", "c3", "--hours", "1.5",
        "--final")  # fmt: skip
    add(cli, "A note without a title, citing a guide.", "--date", "2026-03-15", "--resource", "talking-points")
    add(cli, "Carers' forum: we changed the agenda together.", "--date", "2026-03-15", "-c", "c2", "-c", "c5",
        "--hours", "0.25", "-t", "forum")  # fmt: skip
    return as_json(cli("list", "--json", "--limit", "0"))


def comparable(entries: list[dict]) -> list[tuple]:
    keep = ("date", "title", "body", "tags", "criteria", "hours", "status", "resources", "words")
    return sorted(json.dumps({k: e[k] for k in keep}, sort_keys=True) for e in entries)


def test_md_dir_backup_writes_one_file_per_entry_with_frontmatter(cli, tmp_path):
    entries = backup_log(cli)
    folder = tmp_path / "backup"
    r = cli("export", "--all", "--format", "md-dir", folder)
    assert "Backed up 3 entries and 0 statements" in r.stderr
    assert "unredacted" in r.stderr  # the folder is private text, and the user is told so
    files = sorted(folder.glob("*.md"))
    assert len(files) == 3
    # nothing else but the manifest: no temporary files
    assert files_in(folder) == [".learnlog-backup.json", *(f.name for f in files)]
    by_id = {e["id"]: e for e in entries}
    seen = set()
    for f in files:
        meta, body = split_frontmatter("---\n" + f.read_text(encoding="utf-8").split("---\n", 1)[1])
        e = by_id[meta["id"]]
        seen.add(meta["id"])
        assert f.name.startswith(e["date"])
        assert str(meta["date"]) == e["date"]
        assert meta["tags"] == e["tags"]
        assert meta.get("hours") == e["hours"]
        assert sorted(meta.get("criteria", [])) == sorted(e["criteria"])
        assert body == e["body"] + "\n"  # files end with a newline, which the import takes off again
        assert f.name.startswith(f"{e['date']}-{e['id']}")
    assert seen == set(by_id)
    care = next(f for f in files if "care-plans" in f.name)
    meta, _ = split_frontmatter(care.read_text(encoding="utf-8"))
    assert meta["tags"] == ["plans", "team-work"]
    assert meta["criteria"] == ["c3"]
    assert meta["hours"] == 1.5
    assert meta["status"] == "final"


def test_md_dir_backup_rerun_updates_the_folder_in_place_without_overwrite(cli, tmp_path):
    backup_log(cli)
    folder = tmp_path / "backup"
    cli("export", "--all", "--format", "md-dir", folder)
    before = {f.name: f.read_bytes() for f in folder.iterdir()}
    r = cli("export", "--all", "--format", "md-dir", folder)
    assert "0 written, 3 unchanged" in r.stderr
    assert {f.name: f.read_bytes() for f in folder.iterdir() if f.suffix == ".md"} == {
        n: b for n, b in before.items() if n.endswith(".md")
    }
    cli("delete", "2")
    r = cli("export", "--all", "--format", "md-dir", folder)
    assert "1 removed to" in r.stderr
    assert [p.name.split("-")[3] for p in (folder / ".trash").iterdir()] == ["2"]


def test_md_dir_refuses_a_folder_holding_other_files(cli, tmp_path):
    backup_log(cli)
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "letter.docx").write_bytes(b"mine")
    r = cli("export", "--all", "--format", "md-dir", folder, code=1)
    assert "holds other files" in r.stderr
    assert [p.name for p in folder.iterdir()] == ["letter.docx"]


def test_md_dir_needs_all_and_a_folder(cli, tmp_path):
    backup_log(cli)
    cli("export", "--format", "md-dir", tmp_path / "b", code=2)
    cli("export", "--all", "--format", "md-dir", code=2)
    assert not (tmp_path / "b").exists()


def test_import_backup_into_a_fresh_database_reproduces_the_log(cli, tmp_path):
    entries = backup_log(cli)
    folder = tmp_path / "backup"
    cli("export", "--all", "--format", "md-dir", folder)
    other = tmp_path / "other.db"
    report = as_json(cli("--db", other, "import", folder, "--json"))
    assert len(report["added"]) == 3
    assert report["skipped"] == []
    restored = as_json(cli("--db", other, "list", "--json", "--limit", "0"))
    assert comparable(restored) == comparable(entries)
    # the original log is untouched
    assert comparable(as_json(cli("list", "--json", "--limit", "0"))) == comparable(entries)


def test_reimport_adds_nothing_and_says_so(cli, tmp_path):
    backup_log(cli)
    folder = tmp_path / "backup"
    cli("export", "--all", "--format", "md-dir", folder)
    other = tmp_path / "other.db"
    cli("--db", other, "import", folder)
    report = as_json(cli("--db", other, "import", folder, "--json"))
    assert report["added"] == []
    assert len(report["skipped"]) == 3
    assert all(s["reason"] == "already in the log" for s in report["skipped"])
    r = cli("--db", other, "import", folder)
    assert "Imported 0 entries" in r.stderr
    assert "skipped 3" in r.stderr
    assert len(as_json(cli("--db", other, "list", "--json", "--limit", "0"))) == 3
    # importing into the log the backup came from adds nothing either
    assert as_json(cli("import", folder, "--json"))["added"] == []


def test_import_reports_and_skips_a_malformed_and_a_binary_file(cli, tmp_path):
    backup_log(cli)
    folder = tmp_path / "backup"
    cli("export", "--all", "--format", "md-dir", folder)
    (folder / "broken.md").write_text("---\ndate: [2026-03-14\ntags: oops\n---\nText.\n", encoding="utf-8")
    (folder / "scan.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")  # not a note: ignored
    other = tmp_path / "other.db"
    report = as_json(cli("--db", other, "import", folder, "--json", code=None))
    assert len(report["added"]) == 3
    skipped = {Path(s["source"]).name: s["reason"] for s in report["skipped"]}
    assert set(skipped) == {"broken.md", "scan.md"}
    assert "frontmatter" in skipped["broken.md"]
    assert "binary" in skipped["scan.md"]
    assert len(as_json(cli("--db", other, "list", "--json", "--limit", "0"))) == 3

    r = cli("--db", tmp_path / "third.db", "import", folder, code=None)
    assert "broken.md" in r.stderr and "scan.md" in r.stderr
    assert "Imported 3 entries" in r.stderr


def test_import_exit_code_is_0_when_anything_came_in_and_1_when_nothing_could(cli, tmp_path):
    """The rule (README, Safety): partial success is success, with the counts and each skipped file named."""
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "good.md").write_text("# Team day\n\nWe planned the rota together.\n", encoding="utf-8")
    (folder / "scan.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    r = cli("import", folder, code=0)
    assert "Imported 1 entries from 2 file(s); skipped 1." in r.stderr
    assert "skipped" in r.stderr and "scan.md" in r.stderr
    # a re-run (a nightly sync): the good note is already there, so it is not a failure; the bad file is named
    r = cli("import", folder, code=0)
    assert "Imported 0 entries from 2 file(s); skipped 2 (1 already in the log)." in r.stderr
    assert "scan.md" in r.stderr
    assert "good.md" not in r.stderr  # each entry already there is counted, not listed (unless --verbose)
    assert "good.md: already in the log" in cli("import", folder, "--verbose").stderr
    # nothing that can be read at all: nothing could be imported, exit 1 with the reasons on one line
    (folder / "good.md").unlink()
    r = cli("import", folder, code=1)
    assert "nothing was imported" in one_line(r.stderr) and "scan.md" in r.stderr
    assert as_json(cli("import", folder, "--json", code=1))["skipped"][0]["source"].endswith("scan.md")


def test_criteria_the_badge_lacks_are_a_note_on_an_imported_entry_not_a_skip(cli, tmp_path):
    note = tmp_path / "note.md"
    note.write_text("---\ncriteria: [c1, c42]\n---\nAdvocacy at the panel.\n", encoding="utf-8")
    report = as_json(cli("import", note, "--json"))
    assert len(report["added"]) == 1 and report["skipped"] == []
    assert report["notes"] == [{"source": str(note), "note": "criteria not in sssc-sil-1 ignored: c42"}]
    assert listed(cli)[0]["criteria"] == {"c1": "manual"}


def test_importing_a_backup_into_a_log_with_a_current_statement_keeps_it_current(cli, tmp_path):
    backup_log(cli)
    cli("statement", "new", "--all", "--no-edit")
    folder = tmp_path / "backup"
    cli("export", "--all", "--format", "md-dir", folder)
    other = tmp_path / "other.db"
    cli("--db", other, "add", "My own work in the new log.", "-c", "c1")
    cli("--db", other, "statement", "new", "--all", "--no-edit", "--title", "Mine")
    r = cli("--db", other, "import", folder)
    assert "statement 1 is still the current one" in r.stderr
    assert "learnlog statement use 2" in r.stderr
    listed_statements = as_json(cli("--db", other, "statement", "list", "--json"))
    assert [(s["id"], s["title"], s["current"]) for s in listed_statements][0] == (1, "Mine", True)
    assert [s["current"] for s in listed_statements] == [True, False]
    # into an empty log the backup's current statement is the current one, as it was
    fresh = tmp_path / "fresh.db"
    cli("--db", fresh, "import", folder)
    assert [s["current"] for s in as_json(cli("--db", fresh, "statement", "list", "--json"))] == [True]


def test_import_with_a_missing_path_reports_it(cli, tmp_path):
    r = cli("import", tmp_path / "nowhere", "--json", code=None)
    (skipped,) = json.loads(r.stdout)["skipped"]
    assert "nowhere" in skipped["source"]
    assert as_json(cli("list", "--json")) == []


JRNL_JOURNAL = (
    "[2026-03-14 09:00] Title sentence. Body with @sds tag.\n\n"
    "[2026-03-15 17:30] Carers' forum went well. We agreed the agenda with @Carers and @forum.\n\n"
    "[2026-03-16 08:15] Supervision notes.\nTalked about @sds budgets.\n"
)
# jrnl 4.6 itself reads a one-line entry followed by a blank line as all title (its title rule looks for a line
# break first, and the line ends in one); `jrnl --export json` on this file says the same.
JRNL_JOURNAL_READ = {
    "2026-03-14": ("Title sentence. Body with @sds tag.", "", ["sds"]),
    "2026-03-15": ("Carers' forum went well. We agreed the agenda with @Carers and @forum.", "", ["carers", "forum"]),
    "2026-03-16": ("Supervision notes.", "Talked about @sds budgets.", ["sds"]),
}
JRNL_MARKDOWN_EXPORT = (
    "# 2026\n\n## March\n\n"
    "### 2026-03-14 09:00 Title\n\nBody with @forum\n \n"
    "### 2026-03-20 18:45 Reflection on @sds review\n\nWe met the family.\n\n#### What next\n\nAsk first.\n \n"
)
JRNL_MARKDOWN_EXPORT_READ = {
    "2026-03-14": ("Title", "Body with @forum", ["forum"]),
    "2026-03-20": ("Reflection on @sds review", "We met the family.\n\n# What next\n\nAsk first.", ["sds"]),
}


@pytest.mark.parametrize(
    "name, text, expected",
    [
        ("journal.txt", JRNL_JOURNAL, JRNL_JOURNAL_READ),
        ("jrnl-export.md", JRNL_MARKDOWN_EXPORT, JRNL_MARKDOWN_EXPORT_READ),
    ],
)
def test_import_of_jrnl_files_keeps_dates_titles_and_tags(cli, tmp_path, name, text, expected):
    """A jrnl journal and jrnl's markdown export: every entry once, with its date, title, body and tags."""
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    report = as_json(cli("import", source, "--json"))
    assert len(report["added"]) == len(expected)
    got = {e["date"]: (e["title"], e["body"], e["tags"]) for e in as_json(cli("list", "--json", "--limit", "0"))}
    assert got == expected
    assert as_json(cli("import", source, "--json"))["added"] == []


def test_import_minimal_jrnl_markdown_export(cli, tmp_path):
    export = tmp_path / "export.md"
    export.write_text("# 2026\n\n## March\n\n### 2026-03-14 09:00 Title\n\nBody\n", encoding="utf-8")
    cli("import", export)
    (e,) = as_json(cli("list", "--json"))
    assert (e["date"], e["title"], e["body"]) == ("2026-03-14", "Title", "Body")


def test_backup_restores_two_entries_with_the_same_day_and_text(cli, tmp_path):
    """Two supervision sessions on one day, written the same way, are two entries: a restore keeps both."""
    add(cli, "Supervision with my manager.", "--date", "2026-03-14", "--hours", "1", "-t", "morning")
    add(cli, "Supervision with my manager.", "--date", "2026-03-14", "--hours", "0.5", "-t", "afternoon")
    entries = as_json(cli("list", "--json", "--limit", "0"))
    folder = tmp_path / "backup"
    cli("export", "--all", "--format", "md-dir", folder)
    assert len(list(folder.glob("*.md"))) == 2
    other = tmp_path / "other.db"
    cli("--db", other, "import", folder)
    assert comparable(as_json(cli("--db", other, "list", "--json", "--limit", "0"))) == comparable(entries)


def test_backup_keeps_windows_line_endings_in_a_body(cli, tmp_path):
    """Text pasted from Windows keeps its CRLF line breaks in the log, so a restore must keep them too."""
    e = as_json(cli("add", "--json", "--date", "2026-03-14", input=b"First line\r\nSecond line"))
    assert e["body"] == "First line\r\nSecond line"
    folder = tmp_path / "backup"
    cli("export", "--all", "--format", "md-dir", folder)
    other = tmp_path / "other.db"
    cli("--db", other, "import", folder)
    (restored,) = as_json(cli("--db", other, "list", "--json"))
    assert restored["body"] == "First line\r\nSecond line"


# -- round trip property --

# "\r" is left out here: its loss on import has its own test (test_backup_keeps_windows_line_endings_in_a_body),
# so this property goes on checking everything else while that bug is open.
BODY = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r"), min_size=1, max_size=200
).filter(lambda s: s.strip())
TITLE = st.one_of(
    st.just(""),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=40)
    .map(str.strip)
    .filter(bool),
)
ENTRY = st.builds(
    lambda date, title, body, tags, criteria, quarters: Entry(
        id=None,
        date=date,
        title=title,
        body=body,
        tags=sorted(tags),
        criteria={c: "manual" for c in sorted(criteria)},
        hours=None if quarters is None else quarters / 4,
    ),
    date=st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)),
    title=TITLE,
    body=BODY,
    tags=st.sets(st.sampled_from(["sds", "forum", "carers", "supervision", "team-work"]), max_size=3),
    criteria=st.sets(st.sampled_from(["c1", "c2", "c3", "c4", "c5", "c6"]), max_size=6),
    quarters=st.one_of(st.none(), st.integers(0, 80)),
)


def key(e: dict | Entry) -> tuple:
    get = e.get if isinstance(e, dict) else lambda k: getattr(e, k)
    date = get("date")
    return (
        date if isinstance(date, str) else date.isoformat(),
        get("title"),
        get("body"),
        tuple(sorted(get("tags"))),
        tuple(sorted(get("criteria").items())),
        get("hours"),
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entries=st.lists(ENTRY, min_size=1, max_size=5, unique_by=lambda e: (e.date, e.title, e.body)))
def test_backup_and_import_round_trip(cli, entries):
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        source = Journal(tmp / "source.db")
        for e in entries:
            source.add(e)
        source.close()
        stored = as_json(cli("--db", tmp / "source.db", "list", "--json", "--limit", "0"))
        # the titles shown for untitled entries are derived from the body; compare what was given
        for s, e in zip(sorted(stored, key=lambda s: s["id"]), entries, strict=True):
            s["title"] = e.title
        cli("--db", tmp / "source.db", "export", "--all", "--format", "md-dir", tmp / "backup")
        report = as_json(cli("--db", tmp / "restored.db", "import", tmp / "backup", "--json"))
        assert report["skipped"] == []
        restored = Journal(tmp / "restored.db").list(limit=None)
        assert Counter(key(e) for e in restored) == Counter(key(e) for e in entries)
        assert Counter(key(e) for e in restored) == Counter(key(s) for s in stored)


def test_obsidian_properties_survive_import_show_and_a_backup(cli, tmp_path):
    vault = tmp_path / "vault"
    (vault / ".obsidian").mkdir(parents=True)
    note = vault / "Carers group.md"
    note.write_text(
        "---\naliases: [carers forum, forum]\ncssclasses: wide\nmood: hopeful\ntags: [forum]\n---\n"
        "They asked for evening meetings.\n",
        encoding="utf-8",
    )
    cli("import", vault)
    meta, body = split_frontmatter(cli("show", "1", "--raw").stdout)
    assert meta["title"] == "Carers group"  # Obsidian's title: the file name
    assert (meta["aliases"], meta["cssclasses"], meta["mood"]) == (["carers forum", "forum"], "wide", "hopeful")
    assert meta["tags"] == ["forum"]
    folder = tmp_path / "backup"
    cli("export", "--all", "--format", "md-dir", folder)
    [saved] = folder.glob("*.md")
    text = saved.read_text(encoding="utf-8")
    assert text.endswith("They asked for evening meetings.\n") and "aliases:" in text
    other = tmp_path / "other.db"
    cli("--db", other, "import", folder)
    again, _ = split_frontmatter(cli("--db", other, "show", "1", "--raw").stdout)
    assert again["aliases"] == ["carers forum", "forum"] and again["mood"] == "hopeful"
