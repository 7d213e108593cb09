"""Badge and criteria commands end to end: badges, badge use/held, criteria, resources, tag/untag, suggest,
coverage and words, as a practitioner working towards an SSSC badge would use them."""

from __future__ import annotations

import json
import textwrap

import pytest
from helpers import add, as_json

SHIPPED = ["sssc-sil-1", "sssc-lcf", "topss-lm", "scie-inclusive"]
SIL_CRITERIA = ["c1", "c2", "c3", "c4", "c5", "c6"]

# Evidence for c1 (self-determination) in the writer's own practice: the tagger should accept it.
SELF_DETERMINATION = (
    "I supported a man to use a direct payment so he could choose his own personal assistant and take "
    "control of his daily routine. We talked through his choices together."
)
# Evidence for c5 (participation / co-production).
CO_PRODUCTION = (
    "We co-produced the new service leaflet with carers and people who use services, who chaired the working group."
)
# Nothing a criterion asks for.
UNRELATED = "The printer on the second floor jammed again, so I moved the rota to the shared drive."

USER_FRAMEWORK = """
[framework]
id = "my-team"
title = "Our team's own framework"
issuer = "Riverside Support Service"

[[badges]]
id = "my-listening"
title = "Listening well"

[badges.words]
suggested_min = 100
suggested_max = 300

[[badges.criteria]]
id = "c1"
label = "Listening"
text = "listen to people who use services and their carers"

[[badges.criteria]]
id = "c2"
label = "Acting on it"
text = "change what the team does because of what people said"

[[badges.resources]]
id = "listening-guide"
title = "A guide to listening"
publisher = "Riverside"
description = "Our own short guide."
"""


def entries(cli) -> dict[int, dict]:
    return {e["id"]: e for e in as_json(cli("list", "--json", "--limit", "0"))}


def badges(cli) -> dict[str, dict]:
    return {b["id"]: b for b in as_json(cli("badges", "--json"))}


def coverage(cli) -> dict:
    return as_json(cli("coverage", "--json"))


def by_id(rows: list[dict]) -> dict[str, dict]:
    return {r["id"]: r for r in rows}


def write_user_framework(tmp_path, name: str, text: str):
    folder = tmp_path / "config" / "frameworks"  # $LEARNLOG_CONFIG_DIR/frameworks (conftest isolation)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


# -- badges --


def test_badges_lists_the_shipped_badges_with_the_default_target(cli):
    rows = badges(cli)
    assert list(rows)[: len(SHIPPED)] == SHIPPED
    assert rows["sssc-sil-1"]["target"] is True
    assert [b for b, r in rows.items() if r["target"]] == ["sssc-sil-1"]
    assert rows["sssc-sil-1"]["criteria"] == 6
    assert rows["sssc-sil-1"]["issuer"] == "Scottish Social Services Council"
    assert rows["topss-lm"]["framework"] == "topss-england"
    assert rows["scie-inclusive"]["framework"] == "scie"
    assert all(r["held"] is None for r in rows.values())


def test_badges_table_names_every_badge_and_marks_the_target(cli):
    out = cli("badges").stdout
    for badge_id in SHIPPED:
        assert badge_id in out
    target_line = next(line for line in out.splitlines() if "sssc-sil-1" in line)
    assert "target" in target_line


def test_user_framework_is_listed_and_can_be_targeted(cli, tmp_path):
    write_user_framework(tmp_path, "mine.toml", USER_FRAMEWORK)
    rows = badges(cli)
    assert rows["my-listening"]["framework"] == "my-team"
    assert rows["my-listening"]["issuer"] == "Riverside Support Service"
    assert rows["my-listening"]["criteria"] == 2
    assert set(SHIPPED) <= set(rows)

    r = cli("badge", "use", "my-listening")
    assert "my-listening" in r.stderr
    rows = badges(cli)
    assert rows["my-listening"]["target"] is True
    assert rows["sssc-sil-1"]["target"] is False

    crit = as_json(cli("criteria", "--json"))
    assert crit["badge"]["id"] == "my-listening"
    assert [c["id"] for c in crit["criteria"]] == ["c1", "c2"]
    assert [r["id"] for r in as_json(cli("resources", "--json"))] == ["listening-guide"]

    # criteria of the user's badge are what tag accepts; the shipped badge's c3 is not one of them
    e = add(cli, "I listened to the tenants' group and we changed the visiting times.")
    cli("tag", e["id"], "c2")
    assert entries(cli)[e["id"]]["criteria"] == {"c2": "manual"}
    r = cli("tag", e["id"], "c3", code=1)  # an unknown id is well-formed: exit 1 (issue 13's rule)
    assert "c1, c2" in r.stderr


def test_user_framework_criteria_and_resources_can_be_given_to_add(cli, tmp_path):
    """`add -c`/`--resource` must check links against the target badge wherever it was defined."""
    write_user_framework(tmp_path, "mine.toml", USER_FRAMEWORK)
    cli("badge", "use", "my-listening")
    e = add(cli, "I listened to the tenants' group.", "-c", "c1", "--resource", "listening-guide")
    assert e["criteria"] == {"c1": "manual"}
    assert e["resources"] == ["listening-guide"]


def test_broken_user_framework_is_named_with_its_field_and_shipped_badges_still_load(cli, tmp_path):
    write_user_framework(
        tmp_path,
        "broken.toml",
        """
        [framework]
        id = "broken-one"
        title = "Broken"
        issuer = "Someone"

        [[badges]]
        id = "broken-badge"

        [[badges.criteria]]
        id = "c1"
        label = "One"
        text = "the first"
        """,
    )
    write_user_framework(tmp_path, "mine.toml", USER_FRAMEWORK)
    r = cli("badges", "--json")
    rows = by_id(json.loads(r.stdout))
    assert "broken.toml" in r.stderr
    assert "badges[0].title" in r.stderr
    assert "broken-badge" not in rows
    assert set(SHIPPED) | {"my-listening"} == set(rows)
    # the plain listing reports it the same way
    r = cli("badges")
    assert "broken.toml" in r.stderr and "badges[0].title" in r.stderr
    assert "sssc-sil-1" in r.stdout
    # and so do the criteria, in both forms
    for args in (["criteria"], ["criteria", "--json"]):
        r = cli(*args)
        assert "framework file skipped" in r.stderr and "broken.toml" in r.stderr
        assert "badges[0].title" in r.stderr
    assert len(json.loads(r.stdout)["criteria"]) == 6


def test_user_framework_with_bad_toml_syntax_is_reported(cli, tmp_path):
    write_user_framework(tmp_path, "typo.toml", '[framework\nid = "x"\n')
    r = cli("badges", "--json")
    assert "typo.toml" in r.stderr
    assert set(SHIPPED) == set(by_id(json.loads(r.stdout)))


def test_badge_use_unknown_lists_the_valid_ids(cli):
    r = cli("badge", "use", "unknown", code=1)
    assert "unknown" in r.stderr
    for badge_id in SHIPPED:
        assert badge_id in r.stderr
    assert badges(cli)["sssc-sil-1"]["target"] is True


def test_badge_use_switches_criteria_to_the_new_badge(cli):
    cli("badge", "use", "topss-lm")
    crit = as_json(cli("criteria", "--json"))
    assert crit["badge"]["id"] == "topss-lm"
    assert len(crit["criteria"]) == 10
    cli("badge", "use", "sssc-sil-1")
    assert [c["id"] for c in as_json(cli("criteria", "--json"))["criteria"]] == SIL_CRITERIA


def test_badge_held_shows_in_badges_and_passes_the_prerequisite_check(cli):
    def prerequisite_row():
        result = cli("check", "--json", code=1)  # no statement yet, so the check as a whole fails
        return by_check(json.loads(result.stdout))["prerequisites"]

    before = prerequisite_row()
    assert before["status"] == "fail"
    assert "sssc-lcf" in before["detail"]

    r = cli("badge", "held", "sssc-lcf", "--date", "2026-02-01")
    assert "2026-02-01" in r.stderr
    assert badges(cli)["sssc-lcf"]["held"] == "2026-02-01"
    table = cli("badges").stdout
    assert "held since" in table and "2026-02-01" in table

    after = prerequisite_row()
    assert after["status"] == "pass"
    assert "sssc-lcf" in after["detail"]


def by_check(data: dict) -> dict[str, dict]:
    return {row["check"]: row for row in data["rows"]}


def test_badge_held_rejects_unknown_badge_and_bad_date(cli):
    r = cli("badge", "held", "no-such-badge", code=1)
    assert "sssc-lcf" in r.stderr
    r = cli("badge", "held", "sssc-lcf", "--date", "first of feb", code=2)
    assert "YYYY-MM-DD" in r.stderr
    assert badges(cli)["sssc-lcf"]["held"] is None


# -- criteria and resources --


def test_criteria_json_lists_the_six_criteria_with_their_evidence(cli):
    empty = as_json(cli("criteria", "--json"))
    assert empty["badge"]["id"] == "sssc-sil-1"
    assert [c["id"] for c in empty["criteria"]] == SIL_CRITERIA
    assert all(c["label"] and c["text"] for c in empty["criteria"])
    assert empty["covered"] == 0 and empty["total"] == 6

    e = add(cli, SELF_DETERMINATION, "-c", "c1")
    data = as_json(cli("criteria", "--json"))
    c1 = by_id(data["criteria"])["c1"]
    assert c1["covered"] is True
    assert c1["entries"] == [{"id": e["id"], "mark": "manual"}]
    assert c1["words"] == e["words"]
    assert data["covered"] == 1


def test_criteria_table_counts_entries_per_criterion(cli):
    add(cli, SELF_DETERMINATION, "-c", "c1")
    add(cli, CO_PRODUCTION, "-c", "c1")
    out = cli("criteria").stdout
    c1_line = next(line for line in out.splitlines() if line.startswith("│ c1"))
    assert "self-determination" in c1_line
    cells = [cell.strip() for cell in c1_line.split("│") if cell.strip()]
    assert "2" in cells  # two manual entries


def test_citing_a_resource_marks_it_cited_in_resources_and_coverage(cli):
    rows = as_json(cli("resources", "--json"))
    assert len(rows) >= 2
    assert all(r["cited"] is False for r in rows)
    rid = min((r["id"] for r in rows), key=len)
    other = next(r["id"] for r in rows if r["id"] != rid)

    e = add(cli, "I read this guide and tried its outcome questions with my team.", "--resource", rid)
    cited = {r["id"]: r["cited"] for r in as_json(cli("resources", "--json"))}
    assert cited[rid] is True
    assert cited[other] is False

    used = by_id(coverage(cli)["resources"])
    assert used[rid]["entries"] == [e["id"]]
    assert used[other]["entries"] == []

    table_line = next(line for line in cli("resources").stdout.splitlines() if f"│ {rid} " in line)
    assert "✓" in table_line


def test_resources_table_shows_every_id_in_full(cli):
    """The ids are what 'learnlog add --resource ID' needs, so a narrow terminal must not cut them."""
    ids = [r["id"] for r in as_json(cli("resources", "--json"))]
    out = cli("resources").stdout
    for rid in ids:
        assert rid in out, f"resource id {rid!r} is not shown in full"


def test_add_with_unknown_resource_is_refused_and_stores_nothing(cli):
    r = cli(
        "add", "Read something.", "--resource", "not-a-resource", code=1
    )  # an unknown id is well-formed: exit 1 (issue 13's rule)
    assert "not-a-resource" in r.stderr
    assert entries(cli) == {}


# -- tag / untag --


def test_tag_and_untag_change_the_entry_links(cli):
    e = add(cli, UNRELATED)
    r = cli("tag", e["id"], "c1", "c3")
    assert "c1 c3" in r.stderr
    assert entries(cli)[e["id"]]["criteria"] == {"c1": "manual", "c3": "manual"}

    cli("untag", e["id"], "c3")
    assert entries(cli)[e["id"]]["criteria"] == {"c1": "manual"}
    cov = by_id(coverage(cli)["criteria"])
    assert cov["c1"]["covered"] is True
    assert cov["c3"]["covered"] is False


def test_tag_with_an_invalid_criterion_lists_the_valid_ids_and_changes_nothing(cli):
    e = add(cli, UNRELATED, "-c", "c2")
    r = cli("tag", e["id"], "c1", "c9", code=1)  # an unknown id is well-formed: exit 1 (issue 13's rule)
    assert "c9" in r.stderr
    assert "c1, c2, c3, c4, c5, c6" in r.stderr
    assert entries(cli)[e["id"]]["criteria"] == {"c2": "manual"}
    r = cli("untag", e["id"], "c9", code=1)
    assert "c1, c2, c3, c4, c5, c6" in r.stderr
    assert entries(cli)[e["id"]]["criteria"] == {"c2": "manual"}


@pytest.mark.parametrize("command", ["tag", "untag"])
def test_tag_or_untag_an_unknown_entry_is_not_found(cli, command):
    add(cli, UNRELATED)
    r = cli(command, "99", "c1", code=1)
    assert "99" in r.stderr


def test_tag_of_a_trashed_entry_is_refused(cli):
    e = add(cli, UNRELATED)
    cli("delete", e["id"])
    cli("tag", e["id"], "c1", code=1)
    cli("restore", e["id"])
    assert entries(cli)[e["id"]]["criteria"] == {}


def test_add_with_criterion_option_and_with_frontmatter_criteria(cli, tmp_path):
    e = add(cli, UNRELATED, "-c", "c2")
    assert entries(cli)[e["id"]]["criteria"] == {"c2": "manual"}

    f = tmp_path / "entry.md"
    f.write_text("---\ndate: 2026-03-14\ncriteria: [c4, c6]\n---\n" + CO_PRODUCTION + "\n", encoding="utf-8")
    e2 = add(cli, "--file", f)
    assert entries(cli)[e2["id"]]["criteria"] == {"c4": "manual", "c6": "manual"}
    cov = by_id(coverage(cli)["criteria"])
    assert [c for c in SIL_CRITERIA if cov[c]["covered"]] == ["c2", "c4", "c6"]


def test_frontmatter_with_unknown_criterion_is_refused(cli, tmp_path):
    f = tmp_path / "entry.md"
    f.write_text("---\ncriteria: [c1, c12]\n---\nSome text.\n", encoding="utf-8")
    r = cli("add", "--file", f, code=1)  # an unknown id is well-formed: exit 1 (issue 13's rule)
    assert "c12" in r.stderr
    assert entries(cli) == {}


# -- suggest --


def check_suggestions(suggestions: list[dict], text: str) -> None:
    for s in suggestions:
        assert 0.0 <= s["score"] <= 1.0
        assert s["criterion"] in SIL_CRITERIA
        assert s["evidence"], s
        for phrase in s["evidence"]:
            assert phrase in text, (phrase, text)


def test_suggest_one_entry_quotes_its_own_sentences(cli):
    e = add(cli, SELF_DETERMINATION)
    (result,) = as_json(cli("suggest", e["id"], "--json"))
    assert result["entry"] == e["id"]
    check_suggestions(result["suggestions"], SELF_DETERMINATION)
    accepted = [s["criterion"] for s in result["suggestions"] if s["accepted"]]
    assert "c1" in accepted
    # suggesting stores nothing
    assert entries(cli)[e["id"]]["criteria"] == {}


def test_suggest_plain_output_shows_the_evidence(cli):
    e = add(cli, SELF_DETERMINATION)
    out = cli("suggest", e["id"]).stdout
    assert f"Entry {e['id']}" in out
    assert "c1" in out and "Self-determination" in out
    assert "direct payment" in out


def test_suggest_all_covers_every_entry(cli):
    ids = [add(cli, text)["id"] for text in (SELF_DETERMINATION, CO_PRODUCTION, UNRELATED)]
    results = {r["entry"]: r["suggestions"] for r in as_json(cli("suggest", "--all", "--json"))}
    assert set(results) == set(ids)
    bodies = {i: entries(cli)[i]["body"] for i in ids}
    for i, suggestions in results.items():
        check_suggestions(suggestions, bodies[i])
    assert "c5" in [s["criterion"] for s in results[ids[1]] if s["accepted"]]
    assert not [s for s in results[ids[2]] if s["accepted"]]


def test_suggest_text_file_reads_a_draft_without_storing_it(cli, tmp_path):
    draft = tmp_path / "draft.md"
    text = SELF_DETERMINATION + "\n\n" + CO_PRODUCTION + "\n"
    draft.write_text(text, encoding="utf-8")
    (result,) = as_json(cli("suggest", "--text-file", draft, "--json"))
    assert result["entry"] is None
    check_suggestions(result["suggestions"], text)
    assert {"c1", "c5"} <= {s["criterion"] for s in result["suggestions"] if s["accepted"]}
    assert entries(cli) == {}


@pytest.mark.parametrize(
    "args",
    [
        [],  # nothing to suggest for
        ["1", "--all"],  # two things at once
        ["--text-file", "draft.md", "--accept"],  # nowhere to store links
    ],
)
def test_suggest_needs_exactly_one_source(cli, tmp_path, monkeypatch, args):
    add(cli, SELF_DETERMINATION)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "draft.md").write_text(SELF_DETERMINATION, encoding="utf-8")
    cli("suggest", *args, code=2)
    assert entries(cli)[1]["criteria"] == {}


def test_suggest_unknown_entry_is_not_found(cli):
    cli("suggest", "42", code=1)


def test_accepted_suggestions_are_stored_as_suggested_until_confirmed_with_tag(cli):
    e = add(cli, SELF_DETERMINATION)
    (result,) = as_json(cli("suggest", e["id"], "--accept", "--json"))
    accepted = {s["criterion"] for s in result["suggestions"] if s["accepted"]}
    rejected = {s["criterion"] for s in result["suggestions"] if not s["accepted"]}
    assert "c1" in accepted

    stored = entries(cli)[e["id"]]["criteria"]
    assert stored == {c: "suggested" for c in accepted}
    assert not rejected & set(stored)

    # a suggestion is listed but does not cover the criterion
    c1 = by_id(coverage(cli)["criteria"])["c1"]
    assert c1["entries"] == [{"id": e["id"], "mark": "suggested"}]
    assert c1["covered"] is False and c1["suggested_only"] is True

    cli("tag", e["id"], "c1")
    assert entries(cli)[e["id"]]["criteria"]["c1"] == "manual"
    c1 = by_id(coverage(cli)["criteria"])["c1"]
    assert c1["covered"] is True and c1["suggested_only"] is False


def test_accepting_suggestions_never_downgrades_a_manual_link(cli):
    e = add(cli, SELF_DETERMINATION, "-c", "c1")
    cli("suggest", "--all", "--accept", "--json")
    assert entries(cli)[e["id"]]["criteria"]["c1"] == "manual"


def test_accepted_suggestions_can_be_removed_with_untag(cli):
    e = add(cli, CO_PRODUCTION)
    cli("suggest", e["id"], "--accept")
    assert entries(cli)[e["id"]]["criteria"].get("c5") == "suggested"
    cli("untag", e["id"], "c5")
    assert "c5" not in entries(cli)[e["id"]]["criteria"]


# -- coverage --


def test_coverage_json_counts_words_per_criterion_and_prompts_for_gaps(cli):
    a = add(cli, SELF_DETERMINATION, "-c", "c1", "-c", "c3")
    b = add(cli, CO_PRODUCTION, "-c", "c1")
    add(cli, UNRELATED)  # linked to nothing: counts nowhere
    cov = coverage(cli)
    rows = by_id(cov["criteria"])
    stored = entries(cli)

    assert rows["c1"]["words"] == stored[a["id"]]["words"] + stored[b["id"]]["words"]
    assert rows["c3"]["words"] == stored[a["id"]]["words"]
    assert {link["id"] for link in rows["c1"]["entries"]} == {a["id"], b["id"]}
    for cid in SIL_CRITERIA:
        linked = [e for e in stored.values() if cid in e["criteria"]]
        assert rows[cid]["words"] == sum(e["words"] for e in linked)
        assert rows[cid]["covered"] is bool(linked)
        if linked:
            assert rows[cid]["prompts"] == []
        else:
            assert rows[cid]["prompts"], f"gap {cid} offers no prompts"
            assert all(p.strip().endswith("?") for p in rows[cid]["prompts"])
    assert cov["gaps"] == ["c2", "c4", "c5", "c6"]
    assert cov["covered"] == 2 and cov["complete"] is False


def test_coverage_table_marks_links_and_names_the_gaps(cli):
    e = add(cli, SELF_DETERMINATION, "-c", "c1")
    out = cli("coverage").stdout
    entry_line = next(line for line in out.splitlines() if line.startswith(f"│ {e['id']} "))
    assert "✓" in entry_line
    for gap in ("c2", "c3", "c4", "c5", "c6"):
        assert f"Gap {gap}" in out
    assert "Gap c1" not in out


def test_coverage_ignores_trashed_entries(cli):
    e = add(cli, SELF_DETERMINATION, "-c", "c1")
    cli("delete", e["id"])
    c1 = by_id(coverage(cli)["criteria"])["c1"]
    assert c1["covered"] is False and c1["words"] == 0


# -- words --


def test_words_for_an_entry(cli):
    e = add(cli, SELF_DETERMINATION)
    data = as_json(cli("words", e["id"], "--json"))
    assert data["what"] == f"entry {e['id']}"
    assert data["words"] == e["words"] == 30
    assert (data["min"], data["max"]) == (500, 1000)
    assert data["assessment"] == "under"
    assert "30" in cli("words", e["id"]).stdout


def test_words_defaults_to_the_statement(cli):
    add(cli, SELF_DETERMINATION, "-c", "c1")
    add(cli, CO_PRODUCTION, "-c", "c5")
    cli("statement", "new", "--all", "--no-edit")
    (st,) = as_json(cli("statement", "list", "--json"))
    data = as_json(cli("words", "--json"))
    assert data["what"] == f"statement {st['id']}"
    assert data["words"] == st["words"] == 30 + 18
    assert data["assessment"] == "under"


def test_words_without_a_statement_says_what_to_do(cli):
    add(cli, SELF_DETERMINATION)
    r = cli("words", code=1)
    assert "statement" in r.stderr
    assert "learnlog words ID" in r.stderr or "statement new" in r.stderr


def test_words_for_an_unknown_entry_is_not_found(cli):
    cli("words", "7", code=1)
