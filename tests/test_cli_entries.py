"""Journal commands end to end through the CLI: add, list, show, search, history, delete, restore, purge."""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3

import pytest
from helpers import add, listed, one_line, shown, stored_rows
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from learnlog import entryfile

# -- add --


def test_add_from_argument_is_stored_and_listed(cli):
    text = "Supported Mr B to choose his own support worker; we met three candidates together."
    saved = add(cli, text)
    assert saved["body"] == text
    assert saved["words"] == 14
    assert saved["status"] == "draft"
    assert saved["date"] == dt.date.today().isoformat()
    assert [e["id"] for e in listed(cli)] == [saved["id"]]
    assert shown(cli, saved["id"])["body"] == text


def test_add_reports_the_new_id_in_plain_output(cli):
    result = cli("add", "A short reflection on supervision.")
    assert re.search(r"Added entry 1\b", result.stderr)
    assert "5 words" in result.stderr


def test_add_from_stdin_keeps_lines_and_drops_the_final_newline(cli):
    saved = add(cli, input="Reflection on today's review\n\nWe agreed a new plan.\n")
    assert saved["body"] == "Reflection on today's review\n\nWe agreed a new plan."
    assert saved["title"] == "Reflection on today's review"


def test_add_with_every_option(cli):
    resources = json.loads(cli("resources", "--json").stdout)
    rid = resources[0]["id"]
    saved = add(
        cli,
        "Co-chaired the carers' forum; we changed the agenda together.",
        "--title",
        "Carers' forum",
        "--date",
        "2026-03-14",
        "--tag",
        "Forum",
        "--tag",
        "#Co production",
        "--hours",
        "1.5",
        "--criterion",
        "c1",
        "--resource",
        rid,
        "--final",
    )
    stored = shown(cli, saved["id"])
    for e in (saved, stored):
        assert e["title"] == "Carers' forum"
        assert e["date"] == "2026-03-14"
        assert e["tags"] == ["co-production", "forum"]
        assert e["hours"] == 1.5
        assert e["criteria"] == {"c1": "manual"}
        assert e["resources"] == [rid]
        assert e["status"] == "final"
    # the resource now shows as cited
    cited = {r["id"]: r["cited"] for r in json.loads(cli("resources", "--json").stdout)}
    assert cited[rid] is True


def test_add_unknown_criterion_or_resource_is_refused(cli, db_path):
    r = cli("add", "Some text", "--criterion", "c99", code=1)  # an unknown id is well-formed: exit 1 (issue 13's rule)
    assert "c99" in r.stderr
    r = cli("add", "Some text", "--resource", "no-such-resource", code=1)
    assert "no-such-resource" in r.stderr
    assert stored_rows(db_path) == 0


def test_add_from_file_with_frontmatter(cli, tmp_path):
    f = tmp_path / "entry.md"
    f.write_text(
        "---\ntitle: Direct payments review\ndate: 2026-01-20\ntags: [money, Review]\nhours: 2\n"
        "status: final\ncriteria: [c2]\n---\nWe went through the budget line by line.\n",
        encoding="utf-8",
    )
    saved = add(cli, "--file", f)
    e = shown(cli, saved["id"])
    assert e["title"] == "Direct payments review"
    assert e["date"] == "2026-01-20"
    assert e["tags"] == ["money", "review"]
    assert e["hours"] == 2.0
    assert e["status"] == "final"
    assert e["criteria"] == {"c2": "manual"}
    assert e["body"] == "We went through the budget line by line.\n"


@pytest.mark.parametrize(
    "frontmatter, field",
    [("hours: lots", "hours"), ("date: 2026-02-30", "date"), ("date: [", "YAML"), ("tags: {a: 1}", "tags")],
)
def test_add_from_file_with_broken_frontmatter_names_the_file(cli, tmp_path, db_path, frontmatter, field):
    f = tmp_path / "entry.md"
    f.write_text(f"---\n{frontmatter}\n---\nbody\n", encoding="utf-8")
    r = cli("add", "--file", f, code=1)
    msg = one_line(r.stderr)
    assert field in msg
    assert str(f) in msg
    assert stored_rows(db_path) == 0


def test_add_from_a_missing_file(cli, tmp_path, db_path):
    r = cli("add", "--file", tmp_path / "nope.md", code=1)
    assert "nope.md" in one_line(r.stderr)
    assert stored_rows(db_path) == 0


@pytest.mark.parametrize("how", ["argument", "blank argument", "stdin"])
def test_empty_text_is_refused_and_nothing_stored(cli, db_path, how):
    if how == "argument":
        r = cli("add", "", code=1)
    elif how == "blank argument":
        r = cli("add", "  \n\t ", code=1)
    else:
        r = cli("add", input="   \n\n", code=1)
    assert "empty" in one_line(r.stderr)
    assert stored_rows(db_path) == 0


def test_invalid_utf8_on_stdin_is_refused_and_the_log_is_unchanged(cli, db_path):
    first = add(cli, "An entry that was already there.")
    before = listed(cli)
    r = cli("add", input=b"Caf\xe9 conversation with the team\n", code=1)
    msg = one_line(r.stderr)
    assert "UTF-8" in msg
    assert "nothing was saved" in msg
    assert listed(cli) == before
    assert stored_rows(db_path) == 1
    assert shown(cli, first["id"])["body"] == "An entry that was already there."


def test_five_megabyte_entry_round_trips_intact(cli):
    line = "We reviewed the outcomes plan — line {:06d} — and agreed next steps; café, naïve, 日本語.\n"
    text = "".join(line.format(i) for i in range(5 * 1024 * 1024 // len(line.encode("utf-8")) + 1))
    assert len(text.encode("utf-8")) >= 5 * 1024 * 1024
    saved = add(cli, "--title", "Big entry", input=text + "\n")
    assert shown(cli, saved["id"])["body"] == text
    raw = cli("show", saved["id"], "--raw").stdout_bytes.decode("utf-8")
    assert entryfile.parse(raw).body == text


# -- dates --


@pytest.mark.parametrize(
    "given_date, expected",
    [
        ("2026-03-14", "2026-03-14"),
        ("today", dt.date.today().isoformat()),
        ("yesterday", (dt.date.today() - dt.timedelta(days=1)).isoformat()),
        ("Yesterday", (dt.date.today() - dt.timedelta(days=1)).isoformat()),
    ],
)
def test_add_accepts_iso_today_and_yesterday(cli, given_date, expected):
    saved = add(cli, "A day's reflection", "--date", given_date)
    assert saved["date"] == expected
    assert shown(cli, saved["id"])["date"] == expected


@pytest.mark.parametrize("bad", ["2026-02-30", "03/14/2026", "sometime"])  # day-first 14/03/2026 is a date now
def test_bad_date_is_a_usage_error(cli, db_path, bad):
    r = cli("add", "A day's reflection", "--date", bad, code=2)
    msg = one_line(r.stderr)
    assert bad in msg
    assert "YYYY-MM-DD" in msg
    assert stored_rows(db_path) == 0


@pytest.mark.parametrize("option", ["--since", "--until"])
def test_bad_date_in_list_filters_is_a_usage_error(cli, option):
    r = cli("list", option, "2026-02-30", code=2)
    assert "2026-02-30" in one_line(r.stderr)


# -- list --


@pytest.fixture
def dated(cli) -> dict[str, int]:
    """Four entries on three days, added out of order."""
    ids = {}
    for name, day, tags in [
        ("march", "2026-03-01", ["supervision"]),
        ("january", "2026-01-05", ["forum"]),
        ("february", "2026-02-10", ["supervision", "forum"]),
        ("march-later-id", "2026-03-01", []),
    ]:
        args = [f"Entry for {name}", "--title", name.upper(), "--date", day]
        for t in tags:
            args += ["--tag", t]
        ids[name] = add(cli, *args)["id"]
    return ids


def test_list_is_newest_first(cli, dated):
    got = [e["id"] for e in listed(cli)]
    assert got == [dated["march-later-id"], dated["march"], dated["february"], dated["january"]]


def test_list_table_is_newest_first(cli, dated):
    out = cli("list").stdout
    positions = [out.index(f" {n.upper()} ") for n in ("march-later-id", "march", "february", "january")]
    assert positions == sorted(positions)


def test_list_since_and_until_are_inclusive(cli, dated):
    got = {e["id"] for e in listed(cli, "--since", "2026-02-10", "--until", "2026-03-01")}
    assert got == {dated["february"], dated["march"], dated["march-later-id"]}
    got = {e["id"] for e in listed(cli, "--until", "2026-02-10")}
    assert got == {dated["january"], dated["february"]}
    assert listed(cli, "--since", "2026-03-02") == []


def test_list_by_tag_matches_how_tags_are_written(cli, dated):
    assert {e["id"] for e in listed(cli, "--tag", "#Supervision")} == {dated["march"], dated["february"]}
    # two tags: entries having both
    assert [e["id"] for e in listed(cli, "--tag", "supervision", "--tag", "forum")] == [dated["february"]]


def test_list_limit(cli, dated):
    assert [e["id"] for e in listed(cli, "--limit", "2")] == [dated["march-later-id"], dated["march"]]
    assert len(listed(cli, "--limit", "0")) == 4


def test_a_cut_list_says_so_and_json_gives_the_whole_log_unless_asked_for_fewer(cli):
    for i in range(22):
        add(cli, f"Entry number {i}", "--date", "2026-03-01")
    table = cli("list")
    assert table.stdout.count("Entry number") == 20
    assert "newest 20 shown" in table.stderr and "-n 0" in table.stderr
    assert len(listed(cli)) == 22  # --json: everything
    cut = cli("list", "--json", "-n", "5")
    assert len(json.loads(cut.stdout)) == 5 and "-n 0" in cut.stderr
    assert "newest" not in cli("list", "-n", "0").stderr


def test_list_trash_shows_only_deleted_entries(cli, dated):
    cli("delete", dated["february"])
    assert dated["february"] not in {e["id"] for e in listed(cli)}
    assert [e["id"] for e in listed(cli, "--trash")] == [dated["february"]]


def test_list_on_an_empty_log_says_so(cli):
    r = cli("list")
    assert "No entries yet" in r.stderr
    assert listed(cli) == []


# -- show --


@pytest.fixture
def entry(cli) -> dict:
    return add(
        cli,
        "# Forum\n\nWe **changed** the agenda together.\n",
        "--title",
        "Carers forum",
        "--date",
        "2026-03-14",
        "--tag",
        "forum",
        "--hours",
        "1.5",
        "--criterion",
        "c5",
    )


def test_show_renders_markdown_with_title_and_details(cli, entry):
    out = cli("show", entry["id"]).stdout
    assert "Carers forum" in out
    assert "We changed the agenda together." in out  # markdown rendered: no ** left
    assert "**" not in out
    assert "2026-03-14" in out
    assert "#forum" in out
    assert "1.5 h" in out


def test_show_never_sends_terminal_escape_sequences(cli):
    # an imported note can carry an OSC title-set or colour codes; show puts text on a terminal
    hostile = "Visit notes \x1b]0;pwned\x07 and \x1b[31mred\x1b[0m text\x9b2J."
    e = json.loads(cli("add", hostile, "--title", "Title \x1b[8mhidden", "--json").stdout)
    out = cli("show", e["id"]).stdout
    assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out
    assert "pwned" in out and "red" in out and "hidden" in out  # the words stay, only the controls go
    raw = cli("show", e["id"], "--raw").stdout_bytes.decode("utf-8")
    assert "\x1b]0;pwned\x07" in raw  # --raw is for scripts: the exact text


def test_show_raw_is_markdown_with_frontmatter(cli, entry):
    raw = cli("show", entry["id"], "--raw").stdout_bytes.decode("utf-8")
    assert raw.startswith("---\n")
    parsed = entryfile.parse(raw)
    assert parsed.body == "# Forum\n\nWe **changed** the agenda together.\n"
    assert parsed.meta["id"] == entry["id"]
    assert parsed.meta["title"] == "Carers forum"
    assert parsed.meta["date"] == dt.date(2026, 3, 14)
    assert parsed.meta["tags"] == ["forum"]
    assert parsed.meta["hours"] == 1.5
    assert parsed.meta["criteria"] == ["c5"]


def test_show_json(cli, entry):
    e = shown(cli, entry["id"])
    assert e == entry
    assert e["words"] == 6


def test_show_unknown_id(cli):
    r = cli("show", 42, code=1)
    assert "no entry 42" in one_line(r.stderr)


# -- search --


def test_search_ranks_best_match_first_and_highlights(cli):
    weak = add(cli, "A long day. " * 30 + "Some supervision at the end. " + "More notes. " * 30)["id"]
    strong = add(cli, "Supervision: supervision notes about supervision.")["id"]
    add(cli, "Nothing relevant here at all.")
    hits = json.loads(cli("search", "supervision", "--json").stdout)
    assert [h["id"] for h in hits] == [strong, weak]
    assert hits[0]["rank"] <= hits[1]["rank"]
    assert "[Supervision]" in hits[0]["snippet"]
    assert "[supervision]" in hits[1]["snippet"]
    assert "\x02" not in hits[0]["snippet"] and "\x03" not in hits[0]["snippet"]


def test_search_plain_output_shows_snippet(cli):
    e = add(cli, "We met the carers' forum and changed the agenda together.")
    out = cli("search", "agenda").stdout
    assert f"{e['id']} " in out
    assert "changed the agenda together" in out
    assert "\x02" not in out and "\ufffd" not in out


def test_search_all_words_must_match_and_prefix_star_works(cli):
    both = add(cli, "Direct payments and budgets.")["id"]
    add(cli, "Direct conversation only.")
    assert [h["id"] for h in json.loads(cli("search", "direct payments", "--json").stdout)] == [both]
    assert [h["id"] for h in json.loads(cli("search", "budg*", "--json").stdout)] == [both]


def test_search_ignores_accents_and_case(cli):
    e = add(cli, "Café meeting with Zoë.")["id"]
    assert [h["id"] for h in json.loads(cli("search", "cafe ZOE", "--json").stdout)] == [e]


@pytest.mark.parametrize(
    "query",
    [
        '"direct payments',
        '"direct payments"',
        "direct AND payments",
        "direct OR",
        "NOT direct",
        "-direct",
        "co-production",
        "direct*",
        "*",
        "-",
        '"',
        "NEAR(direct payments)",
        "title:direct",
        "(direct",
        "^direct",
        "direct + payments",
        "'",
    ],
)
def test_search_with_fts_syntax_characters_does_not_crash(cli, query):
    add(cli, "Direct payments and co-production with the forum.")
    r = cli("search", "--json", "--", query, code=None)  # "--": a leading "-" is not an option
    assert r.exit_code in (0, 2), (r.exit_code, r.stderr)
    if r.exit_code == 0:
        assert isinstance(json.loads(r.stdout), list)
    else:
        one_line(r.stderr)


@pytest.mark.parametrize(
    "query",
    [
        '"direct payments',
        "direct AND payments",
        "-direct",
        "co-production",
        "(direct",
        "^direct",
        "direct + payments",
    ],
)
def test_search_with_punctuation_still_finds_the_words(cli, query):
    add(cli, "Direct payments and co-production with the forum.")
    hits = json.loads(cli("search", "--json", "--", query).stdout)
    assert len(hits) == 1


def test_deleted_entries_do_not_show_in_list_or_search(cli):
    gone = add(cli, "Reflection about safeguarding training.")["id"]
    kept = add(cli, "Another reflection about training.")["id"]
    cli("delete", gone)
    assert [e["id"] for e in listed(cli)] == [kept]
    assert [h["id"] for h in json.loads(cli("search", "training", "--json").stdout)] == [kept]
    assert json.loads(cli("search", "safeguarding", "--json").stdout) == []
    cli("restore", gone)
    assert [h["id"] for h in json.loads(cli("search", "safeguarding", "--json").stdout)] == [gone]


def test_search_after_edit_finds_new_words_only(cli, fake_editor):
    e = add(cli, "Original wording about rotas.")["id"]
    fake_editor("path.write_text(path.read_text().replace('rotas', 'timetables'))")
    cli("edit", e)
    assert json.loads(cli("search", "rotas", "--json").stdout) == []
    assert [h["id"] for h in json.loads(cli("search", "timetables", "--json").stdout)] == [e]


def test_search_without_words_is_a_usage_error(cli):
    r = cli("search", "   ", code=2)
    assert "word" in one_line(r.stderr)


# -- delete / restore / purge --


def test_delete_and_restore(cli):
    e = add(cli, "Keep me safe.")["id"]
    r = cli("delete", e)
    assert f"learnlog restore {e}" in r.stderr
    r = cli("show", e, code=1)
    assert "trash" in one_line(r.stderr)
    cli("delete", e, code=1)  # already in the trash
    cli("restore", e)
    assert shown(cli, e)["body"] == "Keep me safe."
    cli("restore", e, code=1)  # not in the trash


def test_delete_unknown_id_fails(cli):
    r = cli("delete", 99, code=1)
    assert "99" in one_line(r.stderr)


def test_purge_removes_trashed_entries_for_good(cli, db_path, fake_editor):
    e = add(cli, "To be purged.")["id"]
    other = add(cli, "Stays.")["id"]
    fake_editor("path.write_text(path.read_text().replace('purged', 'purged soon'))")
    cli("edit", e)
    cli("delete", e)
    r = cli("purge", e, "--yes")
    assert "Purged 1 entry" in r.stderr
    assert listed(cli, "--trash") == []
    assert "no entry" in cli("show", e, code=1).stderr
    assert [x["id"] for x in listed(cli)] == [other]
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM revision WHERE entry_id = ?", (e,)).fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM entry_fts WHERE entry_fts MATCH 'purged'").fetchone()[0] == 0


def test_purge_of_an_entry_not_in_the_trash_is_refused(cli):
    e = add(cli, "Not deleted.")["id"]
    r = cli("purge", e, "--yes", code=1)  # well-formed, but cannot be met (issue 13's exit-code rule)
    msg = one_line(r.stderr)
    assert "not in the trash" in msg
    assert str(e) in msg
    assert shown(cli, e)["body"] == "Not deleted."


def test_purge_asks_first_and_no_keeps_the_trash(cli):
    e = add(cli, "Maybe purge.")["id"]
    cli("delete", e)
    r = cli("purge", input="n\n")  # answering no is not a failure (issue 13)
    assert "Maybe purge." in r.stderr  # it named what it would delete
    assert "Nothing was purged" in r.stderr
    assert [x["id"] for x in listed(cli, "--trash")] == [e]
    cli("purge", input="y\n")
    assert listed(cli, "--trash") == []


# -- history --


def test_history_lists_revisions_with_word_counts(cli, fake_editor):
    e = add(cli, "one two three")["id"]
    r = cli("history", e)
    assert "not been edited" in r.stderr
    fake_editor("path.write_text(path.read_text().replace('one two three', 'one two three four five'))")
    cli("edit", e)
    fake_editor("path.write_text(path.read_text().replace('one two three four five', 'just two'))")
    cli("edit", e)
    revs = json.loads(cli("history", e, "--json").stdout)
    assert [(r["version"], r["words"], r["reason"]) for r in revs] == [(1, 3, "edit"), (2, 5, "edit")]
    table = cli("history", e).stdout
    for r in revs:
        assert re.search(rf"\b{r['revision']}\b.*\b{r['words']}\b", table)
    assert shown(cli, e)["words"] == 2
    assert shown(cli, e)["version"] == 3


def test_history_revision_prints_that_version(cli, fake_editor):
    e = add(cli, "First version of the text.", "--tag", "old", "--date", "2026-01-02")["id"]
    fake_editor("path.write_text(path.read_text().replace('First', 'Second').replace('2026-01-02', '2026-01-03'))")
    cli("edit", e)
    (rev,) = json.loads(cli("history", e, "--json").stdout)
    raw = cli("history", e, "--revision", rev["revision"]).stdout_bytes.decode("utf-8")
    parsed = entryfile.parse(raw)
    assert parsed.body == "First version of the text."
    assert parsed.meta["date"] == dt.date(2026, 1, 2)
    assert parsed.meta["tags"] == ["old"]
    r = cli("history", e, "--revision", 999, code=1)
    assert "no revision 999" in one_line(r.stderr)


# -- property: any text comes back exactly --

TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1).filter(
    lambda s: s.strip()
)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXT)
def test_any_text_round_trips_through_show_raw_and_json(cli, text):
    saved = add(cli, "--", text)  # '--' so text starting with '-' is not read as an option
    raw = cli("show", saved["id"], "--raw").stdout_bytes.decode("utf-8")
    assert entryfile.parse(raw).body == text
    data = json.loads(cli("show", saved["id"], "--json").stdout_bytes.decode("utf-8"))
    assert data["body"] == text
    cli("show", saved["id"])  # and the rendered view does not fall over
