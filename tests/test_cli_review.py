"""`learnlog review`: suggestions confirmed, rejected and skipped one at a time, or all at once with --yes."""

from __future__ import annotations

from evidence import EVIDENCE
from helpers import add, as_json, shown


def suggested_log(cli) -> list[int]:
    ids = [add(cli, EVIDENCE[c], "--date", f"2026-03-0{n}")["id"] for n, c in enumerate(("c1", "c2", "c5"), start=1)]
    cli("suggest", "--all", "--accept")
    assert all("suggested" in shown(cli, i)["criteria"].values() for i in ids)
    return ids


def open_suggestions(cli) -> list[tuple[int, str]]:
    return [
        (e["id"], c)
        for e in as_json(cli("list", "--json"))
        for c, mark in shown(cli, e["id"])["criteria"].items()
        if mark == "suggested"
    ]


def test_review_asks_one_suggestion_at_a_time_and_does_what_was_answered(cli):
    suggested_log(cli)
    before = open_suggestions(cli)
    first, second, third = sorted(before)[:3]
    r = cli("review", input="maybe\ny\nn\ns\nq\n")
    out = r.stdout
    assert "Please answer y, n, s or q." in out
    assert f"Entry {first[0]}" in out and f"suggested for {first[1]}" in out
    assert f"“{EVIDENCE['c1']}”" in out  # the writer's own sentence, quoted
    assert "Confirmed 1, rejected 1, skipped 1" in r.stderr

    entry = shown(cli, first[0])
    assert entry["criteria"][first[1]] == "manual"  # confirmed: now the writer's own link
    assert second[1] not in shown(cli, second[0])["criteria"]  # rejected: gone
    assert third in open_suggestions(cli)  # skipped: still open

    cli("suggest", "--all", "--accept")  # a rejected suggestion is never stored again for that entry
    assert second[1] not in shown(cli, second[0])["criteria"]
    assert second not in open_suggestions(cli)
    assert len(open_suggestions(cli)) == len(before) - 2


def test_review_yes_confirms_everything_shown_and_reports_json(cli):
    suggested_log(cli)
    before = open_suggestions(cli)
    decided = as_json(cli("review", "--yes", "--json"))
    assert sorted((d["entry_id"], d["criterion_id"]) for d in decided) == sorted(before)
    assert {d["decision"] for d in decided} == {"confirm"}
    assert all(d["entry_title"] and d["criterion_label"] for d in decided)
    assert open_suggestions(cli) == []
    assert as_json(cli("review", "--yes", "--json")) == []


def test_review_json_without_yes_is_a_usage_error(cli):
    suggested_log(cli)
    r = cli("review", "--json", code=2)
    assert "--yes" in r.stderr


def test_tag_lists_confirmed_and_suggested_links_apart(cli):
    (entry,) = [add(cli, EVIDENCE["c1"])["id"]]
    cli("suggest", entry, "--accept")
    r = cli("tag", entry, "c6")
    assert f"Entry {entry} evidences: c6." in r.stderr
    assert "Suggested, not confirmed: c1" in r.stderr and "learnlog review" in r.stderr
    r = cli("untag", entry, "c6")
    assert "nothing confirmed yet" in r.stderr


def test_coverage_shows_suggestions_apart_and_how_to_confirm(cli):
    suggested_log(cli)
    out = cli("coverage").stdout
    assert "suggested" in out and "learnlog review" in out
    data = as_json(cli("coverage", "--json"))
    assert data["confirm"] == "learnlog review" and data["to_confirm"] >= 3
