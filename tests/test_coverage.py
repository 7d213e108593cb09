"""Coverage: which criteria a practitioner's entries already back, and what is still missing."""

from __future__ import annotations

import datetime as dt
import json

from learnlog import frameworks
from learnlog.coverage import coverage
from learnlog.records import Entry

BADGE = frameworks.get_badge("sssc-sil-1")


def entry(entry_id, day, criteria=None, words=0, resources=()):
    return Entry(
        id=entry_id,
        date=dt.date(2024, 3, day),
        body="…",
        criteria=dict(criteria or {}),
        words=words,
        resources=list(resources),
    )


def test_no_entries_means_every_criterion_is_a_gap_with_prompts():
    result = coverage([], BADGE)
    assert result.gaps == ["c1", "c2", "c3", "c4", "c5", "c6"]
    assert result.covered_count == 0
    assert not result.complete
    assert all(c.prompts for c in result.criteria)


def test_manual_link_covers_and_suggested_link_is_flagged_not_covered():
    entries = [
        entry(1, 1, {"c1": "manual"}, words=300),
        entry(2, 2, {"c2": "suggested"}, words=200),
    ]
    by_id = {c.id: c for c in coverage(entries, BADGE).criteria}
    assert by_id["c1"].covered and not by_id["c1"].suggested_only
    assert by_id["c1"].prompts == []
    assert not by_id["c2"].covered and by_id["c2"].suggested_only
    assert by_id["c2"].prompts == list(BADGE.criteria[1].prompts)  # still a gap, so still prompted
    assert not by_id["c3"].covered and not by_id["c3"].suggested_only


def test_confirmed_suggestion_counts_as_covered():
    result = coverage([entry(1, 1, {"c4": "confirmed"}, words=120)], BADGE)
    assert "c4" not in result.gaps


def test_words_use_stored_counts_of_linked_entries():
    entries = [
        entry(1, 1, {"c6": "manual"}, words=250),
        entry(2, 2, {"c6": "suggested"}, words=100),
        entry(3, 3, {"c1": "manual"}, words=999),
    ]
    c6 = next(c for c in coverage(entries, BADGE).criteria if c.id == "c6")
    assert c6.words == 350
    assert c6.confirmed_words == 250
    assert c6.entries == [(1, "manual"), (2, "suggested")]
    assert [link.entry_id for link in c6.entries] == [1, 2]


def test_entries_listed_in_date_order():
    entries = [entry(7, 20, {"c3": "manual"}), entry(3, 5, {"c3": "manual"})]
    c3 = next(c for c in coverage(entries, BADGE).criteria if c.id == "c3")
    assert [link.entry_id for link in c3.entries] == [3, 7]


def test_all_criteria_covered_is_complete():
    entries = [entry(i, i, {f"c{i}": "manual"}, words=100) for i in range(1, 7)]
    result = coverage(entries, BADGE)
    assert result.complete
    assert result.gaps == []
    assert result.covered_count == 6


def test_links_to_criteria_the_badge_does_not_have_are_ignored():
    result = coverage([entry(1, 1, {"c9": "manual"}, words=50)], BADGE)
    assert result.covered_count == 0
    assert all(c.words == 0 for c in result.criteria)


def test_resources_drawn_on():
    entries = [
        entry(1, 1, resources=["talking-points", "outcomes-toolbox"]),
        entry(2, 2, resources=["talking-points", "talking-points"]),
        entry(3, 3, resources=["my-own-reading"]),
    ]
    result = coverage(entries, BADGE)
    used = {r.id: r.entry_ids for r in result.resources_used}
    assert used == {"talking-points": [1, 2], "outcomes-toolbox": [1], "my-own-reading": [3]}
    assert len(result.resources) == len(BADGE.resources) + 1
    unknown = next(r for r in result.resources if r.id == "my-own-reading")
    assert not unknown.known


def test_to_dict_is_json_ready_and_complete():
    entries = [
        entry(1, 1, {"c1": "manual", "c5": "suggested"}, words=400, resources=["seldom-heard"]),
    ]
    data = coverage(entries, BADGE).to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["badge"] == {"id": "sssc-sil-1", "title": BADGE.title}
    assert (data["covered"], data["total"], data["complete"]) == (1, 6, False)
    assert data["gaps"] == ["c2", "c3", "c4", "c5", "c6"]
    c1, c5 = data["criteria"][0], data["criteria"][4]
    assert set(c1) == {
        "id", "label", "text", "covered", "suggested_only", "words", "confirmed_words", "entries", "prompts",
        "confirmed", "suggested",
    }  # fmt: skip
    assert c1["entries"] == [{"id": 1, "mark": "manual"}]
    assert c1["covered"] and c1["prompts"] == [] and c1["words"] == 400
    assert c5["suggested_only"] and not c5["covered"] and c5["prompts"]
    seldom = next(r for r in data["resources"] if r["id"] == "seldom-heard")
    assert seldom["entries"] == [1] and seldom["known"]


def test_badge_without_criteria_is_trivially_complete():
    result = coverage([entry(1, 1)], frameworks.get_badge("sssc-lcf"))
    assert result.criteria == []
    assert result.complete


def test_suggested_links_are_listed_apart_from_confirmed_ones_with_how_to_confirm():
    entries = [
        entry(1, 1, {"c1": "manual", "c2": "suggested"}),
        entry(2, 2, {"c1": "suggested"}),
        entry(3, 3, {"c1": "confirmed"}),
    ]
    result = coverage(entries, BADGE)
    c1 = next(c for c in result.criteria if c.id == "c1")
    assert c1.confirmed_ids == [1, 3] and c1.suggested_ids == [2]
    assert result.to_confirm == 2
    assert result.confirm_hint.startswith("learnlog review")
    data = result.to_dict()
    assert data["to_confirm"] == 2 and data["confirm"] == "learnlog review"
    assert data["criteria"][0]["confirmed"] == [1, 3] and data["criteria"][0]["suggested"] == [2]
    assert coverage([entry(1, 1, {"c1": "manual"})], BADGE).to_dict()["confirm"] is None
