"""Statement assembly and the preflight check end to end: statement new/list/show/edit and check."""

from __future__ import annotations

import json
import sqlite3

import pytest
from evidence import EVIDENCE
from helpers import PREFLIGHT_CHECKS, add, as_json, editor_appends, shown

REPEAT = 5  # six entries of about 110 words: a statement of about 650 words, inside 500-1000
CHECKS = PREFLIGHT_CHECKS


def raw_statement(cli, *args) -> str:
    return cli("statement", "show", "--raw", *args).stdout


def statements(cli) -> list[dict]:
    return as_json(cli("statement", "list", "--json"))


def words_of(cli) -> int:
    return as_json(cli("words", "--json"))["words"]


def prepared_log(cli, *, held: bool = True, confirm: bool = True) -> dict[str, int]:
    """Everything a submission needs: prerequisite held, six criteria tagged, a 500-1000 word statement."""
    ids = {}
    for day, (cid, sentence) in enumerate(EVIDENCE.items(), start=10):
        ids[cid] = add(cli, " ".join([sentence] * REPEAT), "-c", cid, "--date", f"2026-03-{day}")["id"]
    if held:
        cli("badge", "held", "sssc-lcf", "--date", "2026-02-01")
    cli("statement", "new", "--replace", "--all", "--no-edit")
    if confirm:
        cli("check", "--confirm-own-work", code=None)
    return ids


def check(cli, *args, code) -> dict:
    data = as_json(cli("check", "--json", *args, code=code))
    assert [row["check"] for row in data["rows"]] == CHECKS
    return data


def statuses(data: dict) -> dict[str, str]:
    return {row["check"]: row["status"] for row in data["rows"]}


def row(data: dict, name: str) -> dict:
    return next(r for r in data["rows"] if r["check"] == name)


def only(name: str, status: str) -> dict[str, str]:
    """Every check passing except `name`."""
    return {c: (status if c == name else "pass") for c in CHECKS}


def edit_statement(cli, fake_editor, body: str, *, code=0):
    fake_editor(body)
    return cli("statement", "edit", code=code)


# -- statement new --


@pytest.fixture
def tagged(cli) -> dict[str, int]:
    """Five entries written on different days, linked to criteria out of date order, one unlinked."""
    specs = [
        ("2026-03-01", "Planning the summer trip with residents.", ["c3"]),
        ("2026-03-02", "Supported a woman to manage her own budget.", ["c1"]),
        ("2026-03-03", "Wrote up the fire drill; nothing to reflect on.", []),
        ("2026-03-04", "Carers told us what they needed from reviews.", ["c2"]),
        ("2026-03-05", "Moved a review to the person's home at her request.", ["c1", "c3"]),
    ]
    ids = {}
    for day, text, criteria in specs:
        args = [text, "--date", day]
        for c in criteria:
            args += ["-c", c]
        ids[text] = add(cli, *args)["id"]
    return ids


def gap(cli, cid: str) -> str:
    """The placeholder line a criterion without confirmed evidence gets, with the label learnlog shows."""
    label = {c["id"]: c["label"] for c in as_json(cli("criteria", "--json"))["criteria"]}[cid]
    return (
        f"[learnlog: no confirmed evidence for {cid} {label} yet. Write about it here, or confirm a suggested "
        "entry with 'learnlog review', then delete this line]"
    )


def test_statement_new_all_assembles_own_entries_in_criterion_order(cli, tagged):
    r = cli("statement", "new", "--replace", "--all", "--no-edit")
    assert "4 entries" in r.stderr
    body = raw_statement(cli)
    assert body == (
        "Supported a woman to manage her own budget.\n\n"  # c1, 2 March
        "Moved a review to the person's home at her request.\n\n"  # c1 (and c3), 5 March
        "Carers told us what they needed from reviews.\n\n"  # c2
        "Planning the summer trip with residents.\n\n"  # c3
        f"{gap(cli, 'c4')}\n\n{gap(cli, 'c5')}\n\n{gap(cli, 'c6')}\n"  # no invented text, a visible gap
    )
    assert "fire drill" not in body  # linked to no criterion


def test_statement_new_adds_no_words_of_its_own(cli, tagged):
    cli("statement", "new", "--replace", "--all", "--no-edit")
    paragraphs = [p.strip() for p in raw_statement(cli).split("\n\n") if p.strip()]
    own = set(tagged)
    assert all(p in own or p.startswith("[learnlog:") for p in paragraphs), paragraphs


def test_a_placeholder_fails_check_until_it_is_removed(cli, tagged, fake_editor):
    cli("statement", "new", "--replace", "--all", "--no-edit")
    data = check(cli, code=1)
    assert row(data, "draft notes")["status"] == "fail"
    assert row(data, "draft notes")["fix"] == "learnlog statement edit 1"
    fake_editor(
        """
        text = path.read_text(encoding="utf-8")
        path.write_text("\\n".join(l for l in text.splitlines() if not l.startswith("[learnlog:")) + "\\n")
        """
    )
    cli("statement", "edit")
    assert row(check(cli, code=1), "draft notes")["status"] == "pass"


def test_suggested_links_are_used_only_when_asked_and_then_marked(cli):
    only_suggested = add(cli, EVIDENCE["c1"])["id"]
    confirmed = add(cli, "Carers told us what they needed from reviews.", "-c", "c2")["id"]
    cli("suggest", only_suggested, "--accept")
    assert shown(cli, only_suggested)["criteria"].get("c1") == "suggested"

    r = cli("statement", "new", "--replace", "--all", "--no-edit")
    assert f"({only_suggested})" in r.stderr and "learnlog review" in r.stderr  # said what was left out
    assert EVIDENCE["c1"] not in raw_statement(cli)
    assert statements(cli)[-1]["entries"] == [confirmed]

    cli("statement", "new", "--replace", "--all", "--include-suggested", "--no-edit")
    body = raw_statement(cli)
    assert EVIDENCE["c1"] in body
    assert f"[learnlog: entry {only_suggested} is here because learnlog suggested it for c1." in body


def test_statement_headings_add_only_heading_lines(cli, tagged):
    cli("statement", "new", "--replace", "--all", "--no-edit")
    plain = raw_statement(cli)
    cli("statement", "new", "--replace", "--all", "--headings", "--no-edit")
    with_headings = raw_statement(cli)

    labels = {c["id"]: c["label"] for c in as_json(cli("criteria", "--json"))["criteria"]}
    headings = [line for line in with_headings.splitlines() if line.startswith("#")]
    assert headings == [f"## {labels[c]}" for c in ("c1", "c2", "c3", "c4", "c5", "c6")]  # the framework's order
    rest = [line for line in with_headings.splitlines() if line.strip() and not line.startswith("#")]
    assert rest == [line for line in plain.splitlines() if line.strip()]
    # the headings sit before their group
    lines = with_headings.splitlines()
    assert lines.index(f"## {labels['c2']}") < lines.index("Carers told us what they needed from reviews.")


def test_statement_new_in_the_editor_saves_what_the_user_wrote(cli, tagged, fake_editor, tmp_path):
    seen = tmp_path / "seen.md"
    fake_editor(editor_appends("\nLooking back, I listen first now.\n", seen))
    cli("statement", "new", "--replace", "--all")
    assembled = seen.read_text(encoding="utf-8")
    assert assembled.startswith("Supported a woman to manage her own budget.")
    assert raw_statement(cli) == assembled + "\nLooking back, I listen first now.\n"


def test_statement_new_emptied_in_the_editor_saves_nothing(cli, tagged, fake_editor):
    fake_editor('path.write_text("  \\n", encoding="utf-8")')
    r = cli("statement", "new", "--replace", "--all", code=1)
    assert "empty" in r.stderr
    assert statements(cli) == []


def test_statement_new_with_a_failing_editor_saves_nothing(cli, tagged, fake_editor):
    fake_editor("pass", exit_code=3)
    r = cli("statement", "new", "--replace", "--all", code=1)
    assert "status 3" in r.stderr
    assert statements(cli) == []


@pytest.mark.parametrize(
    "from_args", [["--from", "4,1"], ["--from", "4", "--from", "1"], ["--from", "4 1"], ["--from", "4,1,4,1,1"]]
)
def test_statement_from_chosen_entries(cli, tagged, from_args):
    ids = list(tagged.values())
    assert (ids[0], ids[3]) == (1, 4)
    cli("statement", "new", "--replace", *from_args, "--no-edit")
    body = raw_statement(cli)
    assert body == (
        f"{gap(cli, 'c1')}\n\nCarers told us what they needed from reviews.\n\n"
        f"Planning the summer trip with residents.\n\n{gap(cli, 'c4')}\n\n{gap(cli, 'c5')}\n\n{gap(cli, 'c6')}\n"
    )
    (st,) = statements(cli)
    assert sorted(st["entries"]) == sorted([ids[3], ids[0]])


def test_statement_from_an_unlinked_entry_is_refused_with_how_to_link_it(cli, tagged):
    fire_drill = tagged["Wrote up the fire drill; nothing to reflect on."]
    r = cli("statement", "new", "--replace", "--from", fire_drill, "--no-edit", code=1)
    assert "learnlog tag" in r.stderr
    assert statements(cli) == []


def test_statement_from_chosen_entries_leaves_out_an_unlinked_one_and_says_so(cli, tagged):
    fire_drill = tagged["Wrote up the fire drill; nothing to reflect on."]
    r = cli("statement", "new", "--replace", "--from", f"{fire_drill},4", "--no-edit")
    assert f"({fire_drill})" in r.stderr
    assert "fire drill" not in raw_statement(cli)


def test_statement_for_one_criterion(cli, tagged):
    cli("statement", "new", "--replace", "--criterion", "c2", "--no-edit")
    assert raw_statement(cli) == "Carers told us what they needed from reviews.\n"
    cli("statement", "new", "--replace", "-c", "c3", "--no-edit")
    assert raw_statement(cli) == (  # both under c3, in date order: c1 is not part of this statement
        "Planning the summer trip with residents.\n\nMoved a review to the person's home at her request.\n"
    )


@pytest.mark.parametrize(
    "args, code, message",
    [
        ([], 2, "--from"),  # nothing chosen
        (["--from", "one,two"], 2, "'one'"),
        (["--from", "99"], 1, "99"),
        (["--criterion", "c9"], 1, "c1, c2, c3, c4, c5, c6"),  # unknown id: exit 1 (issue 13)
        (["--criterion", "c6"], 1, "tag"),  # nothing linked to c6
    ],
)
def test_statement_new_refuses_a_bad_selection(cli, tagged, args, code, message):
    r = cli("statement", "new", "--replace", *args, "--no-edit", code=code)
    assert message in r.stderr
    assert statements(cli) == []


def test_statement_new_all_with_nothing_tagged_says_how_to_tag(cli):
    add(cli, "An entry linked to nothing.")
    r = cli("statement", "new", "--replace", "--all", "--no-edit", code=1)
    assert "learnlog tag" in r.stderr


# -- statement list / show / edit --


def test_statement_list_and_show(cli, tagged):
    cli("statement", "new", "--replace", "--criterion", "c2", "--no-edit", "--title", "My carers statement")
    cli("statement", "new", "--replace", "--all", "--no-edit")
    first, second = statements(cli)
    assert first["title"] == "My carers statement"
    assert first["badge"] == "sssc-sil-1"
    assert first["words"] == 8
    assert first["entries"] == [tagged["Carers told us what they needed from reviews."]]
    assert second["title"]  # defaults to the badge title
    assert second["id"] > first["id"]

    table = cli("statement", "list").stdout
    assert "My carers statement" in table

    assert raw_statement(cli, first["id"]) == "Carers told us what they needed from reviews.\n"
    assert raw_statement(cli) == raw_statement(cli, second["id"])  # default: the latest
    shown = cli("statement", "show", first["id"]).stdout
    assert "My carers statement" in shown
    assert "Carers told us what they needed from reviews." in shown


def test_statement_show_unknown_or_none_is_not_found(cli, tagged):
    r = cli("statement", "show", code=1)
    assert "statement new" in r.stderr
    cli("statement", "new", "--replace", "--all", "--no-edit")
    cli("statement", "show", "99", code=1)


def test_statement_edit_saves_and_keeps_the_previous_text_as_a_revision(cli, tagged, fake_editor, db_path):
    cli("statement", "new", "--replace", "--all", "--no-edit")
    before = raw_statement(cli)
    edit_statement(cli, fake_editor, editor_appends("\nI now ask people first.\n"))
    after = raw_statement(cli)
    assert after == before + "\nI now ask people first.\n"
    (st,) = statements(cli)
    assert st["words"] == words_of(cli)
    with sqlite3.connect(db_path) as conn:
        revisions = conn.execute("SELECT version, body FROM statement_revision WHERE statement_id = ?", (st["id"],))
        assert revisions.fetchall() == [(1, before)]


def test_statement_edit_without_changes_saves_nothing(cli, tagged, fake_editor, db_path):
    cli("statement", "new", "--replace", "--all", "--no-edit")
    before = raw_statement(cli)
    r = edit_statement(cli, fake_editor, "pass")
    assert "No changes" in r.stderr
    assert raw_statement(cli) == before
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM statement_revision").fetchone()[0] == 0


def test_statement_edit_to_empty_is_refused(cli, tagged, fake_editor):
    cli("statement", "new", "--replace", "--all", "--no-edit")
    before = raw_statement(cli)
    r = edit_statement(cli, fake_editor, 'path.write_text("\\n\\n", encoding="utf-8")', code=1)
    assert "empty" in r.stderr
    assert raw_statement(cli) == before


def test_two_overlapping_statement_edits_keep_both_texts(cli, tagged, fake_editor, db_path):
    """While the editor is open, another terminal saves the statement: ours must not overwrite it."""
    cli("statement", "new", "--replace", "--all", "--no-edit")
    before = raw_statement(cli)
    r = edit_statement(
        cli,
        fake_editor,
        f"""
        from dataclasses import replace
        from learnlog.store.journal import Journal
        store = Journal(pathlib.Path({str(db_path)!r}))
        st = store.statement()
        store.update_statement(replace(st, body=st.body + "Saved in the other terminal.\\n"), expected_version=st.version)
        path.write_text(path.read_text(encoding="utf-8") + "Typed in this editor.\\n", encoding="utf-8")
        """,
        code=1,
    )
    assert "changed elsewhere" in r.stderr and "statement revision" in r.stderr
    assert raw_statement(cli) == before + "Saved in the other terminal.\n"
    with sqlite3.connect(db_path) as conn:
        kept = [b for (b,) in conn.execute("SELECT body FROM statement_revision WHERE reason = 'conflict'")]
    assert kept == [before + "Typed in this editor.\n"]


def test_statement_edit_with_a_failing_editor_keeps_the_statement(cli, tagged, fake_editor):
    cli("statement", "new", "--replace", "--all", "--no-edit")
    before = raw_statement(cli)
    fake_editor('path.write_text("half-written", encoding="utf-8")', exit_code=1)
    cli("statement", "edit", code=1)
    assert raw_statement(cli) == before


# -- check --


def test_check_passes_every_row_for_a_prepared_log(cli):
    prepared_log(cli)
    data = check(cli, code=0)
    assert data["ok"] is True
    assert data["badge"] == "sssc-sil-1"
    assert data["statement"] == statements(cli)[0]["id"]
    assert statuses(data) == {c: "pass" for c in CHECKS}
    assert 500 <= words_of(cli) <= 1000
    for r in data["rows"]:
        assert set(r) == {"check", "status", "detail", "fix"}
        assert r["detail"]
    table = cli("check").stdout
    for name in CHECKS:
        assert name in table


def test_check_fails_without_the_prerequisite_badge(cli):
    prepared_log(cli, held=False)
    data = check(cli, code=1)
    assert data["ok"] is False
    assert statuses(data) == only("prerequisites", "fail")
    assert "sssc-lcf" in row(data, "prerequisites")["detail"]
    assert row(data, "prerequisites")["fix"] == "learnlog badge held sssc-lcf"
    assert "prerequisites" in cli("check", code=1).stdout


def test_check_fails_when_a_criterion_has_no_evidence(cli):
    ids = prepared_log(cli)
    cli("untag", ids["c4"], "c4")
    data = check(cli, code=1)
    assert statuses(data) == only("criteria", "fail")
    assert "c4" in row(data, "criteria")["detail"]
    assert "c1" not in row(data, "criteria")["detail"]


def test_check_counts_only_the_evidence_in_the_statement(cli):
    """All six criteria are tagged in the log, but the statement being checked draws on five of them."""
    ids = prepared_log(cli)
    five = ",".join(str(ids[c]) for c in ("c1", "c2", "c3", "c4", "c5"))
    cli("statement", "new", "--replace", "--from", five, "--no-edit")
    assert words_of(cli) >= 500
    data = check(cli, code=1)
    assert row(data, "criteria")["status"] == "fail"
    assert "c6" in row(data, "criteria")["detail"]


def test_a_statement_is_judged_and_exported_against_its_own_badge_after_badge_use_another(cli):
    prepared_log(cli)
    cli("badge", "use", "topss-lm")  # a new target: the finished sssc-sil-1 statement still answers sssc-sil-1
    data = check(cli, code=0)
    assert data["badge"] == "sssc-sil-1"
    assert statuses(data) == {c: "pass" for c in CHECKS}
    exported = as_json(cli("export", "--format", "json"))
    assert exported["name"] == "#1 Keeping people who use services at the centre"
    assert exported["audience"].startswith("Scottish Social Services Council")


def test_a_badge_with_no_criteria_never_passes_the_criteria_check(cli, tmp_path):
    folder = tmp_path / "config" / "frameworks"
    folder.mkdir(parents=True)
    (folder / "empty.toml").write_text(
        '[framework]\nid = "ours"\ntitle = "Ours"\nissuer = "Us"\n\n[[badges]]\nid = "no-criteria"\ntitle = "None"\n',
        encoding="utf-8",
    )
    cli("badge", "use", "no-criteria")
    data = as_json(cli("check", "--json", code=1))
    criteria = row(data, "criteria")
    assert criteria["status"] == "fail"
    assert "no criteria" in criteria["detail"] and "All 0" not in criteria["detail"]


def test_check_fails_a_statement_under_500_words(cli, fake_editor):
    prepared_log(cli)
    edit_statement(
        cli,
        fake_editor,
        """
        text = path.read_text(encoding="utf-8")
        paragraphs = [p.split(". ")[0] + "." for p in text.split("\\n\\n")]
        path.write_text("\\n\\n".join(paragraphs) + "\\n", encoding="utf-8")
        """,
    )
    count = words_of(cli)
    assert count < 500
    data = check(cli, code=1)
    assert statuses(data) == only("word count", "fail")
    assert str(count) in row(data, "word count")["detail"]
    assert str(500 - count) in row(data, "word count")["fix"]


def test_check_only_warns_about_a_statement_over_1000_words(cli, fake_editor):
    prepared_log(cli)
    edit_statement(
        cli,
        fake_editor,
        """
        text = path.read_text(encoding="utf-8")
        path.write_text(text + "\\n" + text, encoding="utf-8")
        """,
    )
    assert words_of(cli) > 1000
    data = check(cli, code=0)
    assert data["ok"] is True
    assert statuses(data) == only("word count", "warn")


def test_check_fails_on_an_open_finding_in_the_statement(cli, fake_editor):
    prepared_log(cli)
    edit_statement(cli, fake_editor, editor_appends("\nI phoned Mrs Jean Robertson on 07700 900123 to agree it.\n"))
    data = check(cli, code=1)
    assert statuses(data) == only("confidentiality", "fail")
    detail = row(data, "confidentiality")["detail"]
    assert "PERSON" in detail and "PHONE" in detail


def test_check_warns_about_an_unexplained_acronym(cli, fake_editor):
    prepared_log(cli)
    edit_statement(cli, fake_editor, editor_appends("\nThe HSCP agreed to fund the new approach.\n"))
    data = check(cli, code=0)
    assert statuses(data) == only("plain language", "warn")
    assert "HSCP" in row(data, "plain language")["detail"]


def test_check_fails_until_own_work_is_confirmed(cli):
    prepared_log(cli, confirm=False)
    data = check(cli, code=1)
    assert statuses(data) == only("own work", "fail")
    assert "--confirm-own-work" in row(data, "own work")["fix"]
    r = cli("check", "--confirm-own-work", "--json", code=0)
    assert "your own" in r.stderr
    assert statuses(json.loads(r.stdout)) == {c: "pass" for c in CHECKS}
    check(cli, code=0)  # the confirmation is remembered


def test_check_without_a_statement_fails_and_says_how_to_write_one(cli):
    cli("badge", "held", "sssc-lcf")
    data = check(cli, "--confirm-own-work", code=1)
    assert data["statement"] is None
    assert row(data, "word count")["status"] == "fail"
    assert "statement new" in row(data, "word count")["fix"]


def test_check_a_named_statement(cli):
    prepared_log(cli)
    first = statements(cli)[0]["id"]
    cli("statement", "new", "--replace", "--criterion", "c1", "--no-edit")  # a short second statement
    assert row(check(cli, code=1), "word count")["status"] == "fail"  # the latest
    data = check(cli, str(first), code=0)
    assert data["statement"] == first
    cli("check", "99", code=1)


# -- current statement, use, link --


def test_a_new_statement_does_not_silently_replace_the_current_one(cli, tagged):
    cli("statement", "new", "--criterion", "c2", "--no-edit", "--title", "First")
    r = cli("statement", "new", "--all", "--no-edit", "--title", "Second")
    assert "Statement 1 is still the current one" in r.stderr and "learnlog statement use 2" in r.stderr
    assert [s["current"] for s in statements(cli)] == [True, False]
    assert check(cli, code=1)["statement"] == 1
    assert raw_statement(cli) == "Carers told us what they needed from reviews.\n"

    cli("statement", "use", "2")
    assert [s["current"] for s in statements(cli)] == [False, True]
    assert check(cli, code=1)["statement"] == 2

    r = cli("statement", "new", "--criterion", "c3", "--no-edit", "--title", "Third", "--replace")
    assert "Statement 3 is the current one" in r.stderr
    assert [s["current"] for s in statements(cli)] == [False, False, True]
    assert [s["title"] for s in statements(cli)] == ["First", "Second", "Third"]  # nothing was replaced away
    cli("statement", "use", "9", code=1)


def test_statement_link_is_checked_stored_and_removed(cli, tagged):
    cli("statement", "new", "--all", "--no-edit")
    r = cli("statement", "link", "not a url", code=2)
    assert "web address" in r.stderr and "Traceback" not in r.stderr
    cli("statement", "link", "javascript:alert(1)", code=2)
    cli("statement", "link", code=2)
    assert statements(cli)[0]["link"] is None
    cli("statement", "link", "https://mairi.example.org/statement")
    assert statements(cli)[0]["link"] == "https://mairi.example.org/statement"
    assert "https://mairi.example.org/statement" in cli("export", "--format", "txt", "--force").stdout
    cli("statement", "link", "--remove")
    assert statements(cli)[0]["link"] is None


def test_fragment_with_a_format_that_has_none_is_a_usage_error(cli, tagged):
    cli("statement", "new", "--all", "--no-edit")
    r = cli("export", "--format", "txt", "--fragment", code=2)
    assert "--fragment works with --format html" in r.stderr
    assert "docx" in cli("export", "--format", "docx", "--fragment", code=2).stderr


def test_statement_show_never_sends_terminal_escape_sequences(cli):
    add(cli, "I argued at panel \x1b]0;pwned\x07 for his \x1b[31movernight\x1b[0m support.", "-c", "c2")
    cli("statement", "new", "--all", "--no-edit", "--title", "Panel \x1b[8mnotes")
    out = cli("statement", "show").stdout
    assert "\x1b" not in out and "\x07" not in out
    assert "pwned" in out and "overnight" in out and "notes" in out
