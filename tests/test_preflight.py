"""Preflight: what a practitioner sees before submitting, one row per SSSC requirement."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

from helpers import PREFLIGHT_CHECKS, make_badge

from learnlog.frameworks import WordRule
from learnlog.plain_language import JargonHit
from learnlog.preflight import Preflight, PreflightInputs, Row, gate, open_findings, outgoing, redact_parts, run
from learnlog.statement import notes, placeholder

ALL = [f"c{i}" for i in range(1, 7)]


@dataclasses.dataclass
class FakeFinding:  # the shape of learnlog.confidential.Finding
    start: int
    end: int
    label: str
    text: str
    reason: str


def ready(**overrides) -> PreflightInputs:
    values = dict(
        badge=make_badge(),
        held_badges={"sssc-lcf"},
        covered=set(ALL),
        suggested=set(),
        word_count=742,
        findings=[],
        jargon=[],
        own_work_confirmed=dt.date(2026, 3, 14),
    )
    values.update(overrides)
    return PreflightInputs(**values)


def row(result: Preflight, check: str) -> Row:
    (found,) = [r for r in result.rows if r.check == check]
    return found


def test_everything_in_place_passes():
    result = run(ready())
    assert result.ok
    assert [r.check for r in result.rows] == PREFLIGHT_CHECKS
    assert all(r.status == "pass" for r in result.rows)
    assert "742 words" in row(result, "word count").detail


def test_missing_prerequisite_badge_fails_with_the_command_to_record_it():
    result = run(ready(held_badges=set()))
    r = row(result, "prerequisites")
    assert (r.status, r.fix) == ("fail", "learnlog badge held sssc-lcf")
    assert "sssc-lcf" in r.detail
    assert not result.ok


def test_badge_without_prerequisites_passes():
    assert row(run(ready(badge=make_badge(prerequisites=()), held_badges=set())), "prerequisites").status == "pass"


def test_unevidenced_criteria_fail_listing_ids_and_labels():
    result = run(ready(covered={"c1", "c2", "c4", "c6"}, suggested={"c5"}))
    r = row(result, "criteria")
    assert r.status == "fail"
    assert "c3 Engage diverse communities" in r.detail
    assert "c5 Involve people as partners (suggested, not confirmed)" in r.detail
    assert "c1" not in r.detail
    assert r.fix == "learnlog review"  # c5 has suggestions waiting: confirming them is the fix
    only_gap = row(run(ready(covered={"c1", "c2", "c4", "c5", "c6"})), "criteria")
    assert only_gap.fix == "learnlog add --template sssc -c c3"  # runs as pasted: write about the gap


def test_suggested_criteria_alone_do_not_count_as_evidence():
    assert row(run(ready(covered=set(), suggested=set(ALL))), "criteria").status == "fail"


def test_no_statement_fails_with_the_command_to_write_one():
    result = run(ready(word_count=None))
    r = row(result, "word count")
    assert (r.status, r.fix) == ("fail", "learnlog statement new --all")
    assert row(result, "confidentiality").status == "warn"  # nothing to scan is not a clean scan
    assert row(result, "plain language").status == "warn"


def test_short_statement_fails_and_says_how_many_words_to_add():
    r = row(run(ready(word_count=412)), "word count")
    assert r.status == "fail"
    assert "412 words" in r.detail and "500–1000" in r.detail
    assert "88" in r.fix


def test_long_statement_only_warns():
    result = run(ready(word_count=1240))
    r = row(result, "word count")
    assert r.status == "warn"
    assert "1240 words" in r.detail and "240" in r.fix
    assert result.ok


def test_word_count_at_the_edges_of_the_range_passes():
    assert row(run(ready(word_count=500)), "word count").status == "pass"
    assert row(run(ready(word_count=1000)), "word count").status == "pass"


def test_hard_minimum_is_named_when_it_applies():
    badge = make_badge(words=WordRule(suggested_min=None, suggested_max=None, hard_min=100))
    r = row(run(ready(badge=badge, word_count=40)), "word count")
    assert r.status == "fail" and "at least 100" in r.detail


def test_open_confidentiality_findings_fail():
    findings = [
        FakeFinding(0, 10, "name", "Jean Smith", "a person's name"),
        FakeFinding(20, 30, "chi", "0101011234", "CHI number"),
        FakeFinding(40, 50, "name", "Ann Brown", "a person's name"),
    ]
    result = run(ready(findings=findings, statement_id=3))
    r = row(result, "confidentiality")
    assert r.status == "fail"
    assert "3 possible private details" in r.detail and "name, chi" in r.detail
    assert r.fix == "learnlog scan --statement 3"  # a command that runs as pasted and lists the finding ids
    assert not result.ok


def test_learnlog_notes_left_in_the_statement_fail_until_removed():
    note = placeholder("c3", "Engage diverse communities")
    result = run(ready(notes=notes(f"Some text.\n\n{note}\n"), statement_id=4))
    r = row(result, "draft notes")
    assert r.status == "fail" and "1 note" in r.detail and "c3 Engage diverse communities" in r.detail
    assert r.fix == "learnlog statement edit 4"
    assert not result.ok
    assert row(run(ready(notes=notes("Some text, all mine.\n"))), "draft notes").status == "pass"


def test_word_count_fix_names_the_statement():
    assert row(run(ready(word_count=100, statement_id=2)), "word count").fix.endswith("learnlog statement edit 2")


# -- the privacy gate --


def test_gate_scans_every_part_that_leaves():
    parts = outgoing(
        "Visit to Mrs Jane Smith, phone 07700 900123",
        "## Margaret Ross chose her support\n\nWe talked about choice.\n",
        link="https://example.org/my-statement",
        entry_titles={7: "Review with Kyle Brown", 8: "Team meeting"},
        description="Reflective statement for a badge.",
    )
    found = {(f.where, f.label, f.text) for f in gate(parts)}
    assert found == {
        ("title", "PERSON", "Mrs Jane Smith"),
        ("title", "PHONE", "07700 900123"),
        ("body", "PERSON", "Margaret Ross"),
        ("entry 7 title", "PERSON", "Kyle Brown"),
    }


def test_gate_applies_dismissals_of_the_same_text_and_the_allowlist():
    parts = outgoing("Reflections", "I met Kyle Brown and Ann Murray at the carers forum.\n")
    found = gate(parts, allow=["Ann Murray"], dismissed=[("PERSON", "kyle brown")])
    assert [(f.text, f.dismissed) for f in found] == [("Kyle Brown", True)]
    assert open_findings(found) == []
    assert [f.text for f in open_findings(gate(parts))] == ["Kyle Brown", "Ann Murray"]


def test_redact_parts_replaces_findings_in_every_part():
    parts = outgoing(
        "Visit to Mrs Jane Smith", "Mrs Jane Smith chose the venue.\n", entry_titles={3: "Call 07700 900123"}
    )
    out = redact_parts(parts, gate(parts))
    assert out == {"title": "Visit to [PERSON]", "body": "[PERSON] chose the venue.\n", "entry 3 title": "Call [PHONE]"}


def test_jargon_only_warns_and_lists_each_term_once():
    hits = [
        JargonHit("SDS", 0, 3, "acronym"),
        JargonHit("care package", 10, 22, "jargon"),
        JargonHit("care package", 40, 52, "jargon"),
    ]
    result = run(ready(jargon=hits))
    r = row(result, "plain language")
    assert r.status == "warn"
    assert "2 terms" in r.detail and "SDS, care package" in r.detail
    assert "Self-directed Support (SDS)" in r.fix
    assert result.ok


def test_own_work_not_confirmed_fails_with_the_declaration_and_command():
    r = row(run(ready(own_work_confirmed=None)), "own work")
    assert r.status == "fail"
    assert "all the work provided as evidence will be my own" in r.detail
    assert r.fix == "learnlog check --confirm-own-work"


def test_own_work_confirmation_date_is_shown():
    assert "2026-03-14" in row(run(ready()), "own work").detail


def test_to_dict_is_json_ready():
    data = run(ready(held_badges=set())).to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["ok"] is False and data["badge"] == "sssc-sil-1"
    assert data["rows"][0] == {
        "check": "prerequisites",
        "status": "fail",
        "detail": "You need to hold sssc-lcf before applying for this badge",
        "fix": "learnlog badge held sssc-lcf",
    }
