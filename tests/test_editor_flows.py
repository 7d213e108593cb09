"""$EDITOR round trips with a fake editor: new entries, templates, failures that keep a draft, and edits."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from helpers import add, editor_appends, editor_replaces, one_line, shown, stored_rows

from learnlog import entryfile
from learnlog.editor import TEMPLATES

GIBBS_HEADINGS = ["Description", "Feelings", "Evaluation", "Analysis", "Conclusion", "Action plan"]


def drafts(db_path) -> list[Path]:
    folder = db_path.parent / "recovery"
    return sorted(folder.glob("*.md")) if folder.exists() else []


def draft_named_in(message: str) -> Path:
    m = re.search(r"(/\S+?\.md)\b", message)
    assert m, f"no draft path in: {message!r}"
    return Path(m.group(1))


# -- new entries --


def test_add_in_editor_stores_frontmatter_fields(cli, fake_editor, db_path):
    fake_editor(
        """
        path.write_text(
            "---\\ntitle: Carers forum\\ndate: 2026-02-03\\ntags: [forum, Co-production]\\nhours: 2.5\\n"
            "status: final\\n---\\nWe rewrote the agenda with the carers.\\n",
            encoding="utf-8",
        )
        """
    )
    saved = add(cli)
    e = shown(cli, saved["id"])
    assert e["title"] == "Carers forum"
    assert e["date"] == "2026-02-03"
    assert e["tags"] == ["co-production", "forum"]
    assert e["hours"] == 2.5
    assert e["status"] == "final"
    assert e["body"] == "We rewrote the agenda with the carers.\n"
    assert drafts(db_path) == []  # a saved draft is not left behind


def test_editor_sees_command_line_options_in_the_frontmatter(cli, fake_editor, tmp_path):
    seen = tmp_path / "seen.md"
    fake_editor(editor_appends("Notes from supervision.\n", seen))
    saved = add(cli, "--date", "2026-01-09", "--tag", "supervision", "--hours", "1")
    meta = entryfile.parse(seen.read_text(encoding="utf-8")).meta
    assert meta["date"] == dt.date(2026, 1, 9)
    assert meta["tags"] == ["supervision"]
    assert saved["date"] == "2026-01-09"
    assert saved["tags"] == ["supervision"]
    assert saved["hours"] == 1.0


def test_gibbs_template_shows_the_six_headings(cli, fake_editor, tmp_path):
    seen = tmp_path / "seen.md"
    fake_editor(editor_replaces("## Description\n", "## Description\nA hard conversation about risk.\n", seen))
    saved = add(cli, "--template", "gibbs")
    body = entryfile.parse(seen.read_text(encoding="utf-8")).body
    headings = re.findall(r"^## (.+)$", body, re.M)
    assert headings == GIBBS_HEADINGS
    assert "A hard conversation about risk." in saved["body"]
    assert "## Action plan" in saved["body"]


def test_default_template_is_rolfe(cli, fake_editor, tmp_path):
    seen = tmp_path / "seen.md"
    fake_editor(editor_replaces("## What?\n", "## What?\nA home visit.\n", seen))
    add(cli)
    body = entryfile.parse(seen.read_text(encoding="utf-8")).body
    assert re.findall(r"^## (.+)$", body, re.M) == ["What?", "So what?", "Now what?"]


def test_unknown_template_is_a_usage_error(cli, fake_editor, db_path):
    fake_editor("path.write_text('should never run')")
    r = cli("add", "--template", "kolb", code=2)
    assert "kolb" in one_line(r.stderr)
    assert stored_rows(db_path) == 0


def test_editor_failure_keeps_the_draft_and_names_it(cli, fake_editor, db_path):
    fake_editor(
        "path.write_text(path.read_text(encoding='utf-8') + 'My precious reflection.\\n', encoding='utf-8')",
        exit_code=3,
    )
    r = cli("add", code=1)
    msg = one_line(r.stderr)
    assert "3" in msg
    draft = draft_named_in(msg)
    assert draft.exists()
    assert "My precious reflection." in draft.read_text(encoding="utf-8")
    assert draft.parent == db_path.parent / "recovery"
    assert stored_rows(db_path) == 0


def test_drafts_are_private(cli, fake_editor, db_path):
    fake_editor("path.write_text('Private words.', encoding='utf-8')", exit_code=1)
    draft = draft_named_in(cli("add", code=1).stderr)
    assert draft.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize(
    "frontmatter, field",
    [("date: [", None), ("hours: lots", "hours"), ("date: 2026-02-30", "date"), ("status: done", "status")],
)
def test_broken_frontmatter_keeps_the_draft(cli, fake_editor, db_path, frontmatter, field):
    fake_editor(f"path.write_text('---\\n{frontmatter}\\n---\\nThe words I must not lose.\\n', encoding='utf-8')")
    r = cli("add", code=1)
    msg = one_line(r.stderr)
    if field:
        assert field in msg
    draft = draft_named_in(msg)
    assert "The words I must not lose." in draft.read_text(encoding="utf-8")
    assert stored_rows(db_path) == 0


def test_editor_with_invalid_utf8_keeps_the_draft(cli, fake_editor, db_path):
    fake_editor("path.write_bytes(b'Caf\\xe9 with the team')")
    r = cli("add", code=1)
    draft = draft_named_in(one_line(r.stderr))
    assert draft.read_bytes() == b"Caf\xe9 with the team"
    assert stored_rows(db_path) == 0


@pytest.mark.parametrize("template", ["rolfe", "gibbs", "plain"])
def test_editor_left_only_template_headings_is_refused_as_empty(cli, fake_editor, db_path, template):
    fake_editor("pass")  # saves the file untouched
    r = cli("add", "--template", template, code=1)
    assert "empty" in one_line(r.stderr)
    assert stored_rows(db_path) == 0


def test_template_headings_with_only_blank_lines_changed_is_refused(cli, fake_editor, db_path):
    fake_editor("path.write_text(path.read_text(encoding='utf-8').replace('\\n\\n\\n', '\\n  \\n\\t\\n\\n'))")
    r = cli("add", "--template", "gibbs", code=1)
    assert "empty" in one_line(r.stderr)
    assert stored_rows(db_path) == 0


def test_template_headings_are_the_shipped_ones():
    assert re.findall(r"^## (.+)$", TEMPLATES["gibbs"], re.M) == GIBBS_HEADINGS


# -- editing --


def test_edit_round_trip_keeps_a_revision(cli, fake_editor, db_path):
    e = add(cli, "Original text about the review meeting.", "--tag", "review")
    fake_editor(
        "path.write_text(path.read_text(encoding='utf-8').replace('Original', 'Revised')"
        ".replace('tags: [review]', 'tags: [review, follow-up]'), encoding='utf-8')"
    )
    r = cli("edit", e["id"])
    assert "version 2" in r.stderr
    now = shown(cli, e["id"])
    assert now["body"] == "Revised text about the review meeting."
    assert now["tags"] == ["follow-up", "review"]
    assert now["version"] == 2
    assert "Revised text about the review meeting." in cli("show", e["id"]).stdout
    (rev,) = json.loads(cli("history", e["id"], "--json").stdout)
    assert rev["version"] == 1
    assert rev["words"] == 6
    old = entryfile.parse(cli("history", e["id"], "--revision", rev["revision"]).stdout_bytes.decode("utf-8"))
    assert old.body == "Original text about the review meeting."
    assert old.meta["tags"] == ["review"]
    assert drafts(db_path) == []


def test_edit_shows_the_current_entry_to_the_editor(cli, fake_editor, tmp_path):
    e = add(cli, "Body to edit.", "--title", "My title", "--hours", "0.5", "--criterion", "c3")
    seen = tmp_path / "seen.md"
    fake_editor(f"pathlib.Path({str(seen)!r}).write_text(path.read_text(encoding='utf-8'), encoding='utf-8')")
    cli("edit", e["id"])
    parsed = entryfile.parse(seen.read_text(encoding="utf-8"))
    assert parsed.body == "Body to edit."
    assert parsed.meta["title"] == "My title"
    assert parsed.meta["hours"] == 0.5
    assert parsed.meta["criteria"] == ["c3"]


def test_edit_with_no_changes_saves_nothing(cli, fake_editor, db_path):
    e = add(cli, "Leave me alone.")
    fake_editor("path.write_text(path.read_text(encoding='utf-8'), encoding='utf-8')")
    r = cli("edit", e["id"])
    assert "No changes" in r.stderr
    assert shown(cli, e["id"])["version"] == 1
    assert json.loads(cli("history", e["id"], "--json").stdout) == []
    assert drafts(db_path) == []


def test_edit_to_an_empty_body_is_refused(cli, fake_editor):
    e = add(cli, "Do not blank me.")
    fake_editor("t = path.read_text(encoding='utf-8'); path.write_text(t[: t.rindex('---') + 4], encoding='utf-8')")
    r = cli("edit", e["id"], code=1)
    assert "empty" in one_line(r.stderr)
    assert shown(cli, e["id"])["body"] == "Do not blank me."


def test_edit_with_editor_failure_keeps_entry_and_draft(cli, fake_editor):
    e = add(cli, "Stable text.")
    fake_editor(
        "path.write_text(path.read_text(encoding='utf-8').replace('Stable', 'Half-done'), encoding='utf-8')",
        exit_code=2,
    )
    r = cli("edit", e["id"], code=1)
    draft = draft_named_in(one_line(r.stderr))
    assert "Half-done text." in draft.read_text(encoding="utf-8")
    assert shown(cli, e["id"])["body"] == "Stable text."
    assert shown(cli, e["id"])["version"] == 1


def test_edit_unknown_or_trashed_entry(cli, fake_editor):
    fake_editor("raise SystemExit('editor must not open')")
    assert "no entry 5" in cli("edit", 5, code=1).stderr
    e = add(cli, "Soon in the trash.")
    cli("delete", e["id"])
    assert "trash" in one_line(cli("edit", e["id"], code=1).stderr)


def test_editor_that_removes_its_file_is_one_line_and_changes_nothing(cli, fake_editor):
    # editors that save by delete-and-rename can fail half-way, and `:!rm %` exists
    e = add(cli, "Text that must survive.")
    fake_editor("path.unlink()")
    r = cli("edit", e["id"], code=1)
    assert "Traceback" not in r.stderr
    assert "left no file" in one_line(r.stderr)
    assert shown(cli, e["id"])["body"] == "Text that must survive."
    assert shown(cli, e["id"])["version"] == 1


def test_template_headings_are_not_counted_as_the_writers_words(cli, fake_editor):
    """`add --template sssc` and one 14-word sentence: every count says 14, as the statement built from it does."""
    sentence = "I led the meeting and asked the family what a good week looks like."
    heading = "## Experience: what happened, and what did you do?\n"
    fake_editor(editor_replaces(heading, heading + sentence + "\n"))
    r = cli("add", "--template", "sssc", "-c", "c1")
    assert "(14 words" in one_line(r.stderr + r.stdout)
    [e] = json.loads(cli("list", "--json").stdout)
    assert e["words"] == 14
    assert json.loads(cli("words", e["id"], "--json").stdout)["words"] == 14
    c1 = next(c for c in json.loads(cli("coverage", "--json").stdout)["criteria"] if c["id"] == "c1")
    assert c1["words"] == 14
    cli("statement", "new", "--all", "--no-edit")
    assert json.loads(cli("words", "--json").stdout)["words"] == 14
