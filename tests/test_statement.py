"""Statement assembly as the practitioner pastes it: one section per criterion, their words only, one heading level."""

from __future__ import annotations

import datetime as dt

from helpers import LABELS, make_badge

from learnlog import templates
from learnlog.entryfile import derive_title
from learnlog.records import Entry
from learnlog.statement import assemble, notes, without_headings
from learnlog.words import word_count

BADGE = make_badge()


def entry(id: int, body: str, day: int, **criteria: str) -> Entry:
    return Entry(id=id, date=dt.date(2026, 3, day), body=body, criteria=criteria)


def headings_of(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("#")]


def test_one_section_per_criterion_in_the_framework_order_with_a_placeholder_for_each_gap():
    entries = [
        entry(1, "Outcomes at the panel.", 1, c6="manual"),
        entry(2, "Budget of her own.", 2, c1="manual"),
        entry(3, "Carers spoke first.", 3, c2="confirmed"),
    ]
    out = assemble(entries, BADGE, headings=True)
    assert headings_of(out.text) == [f"## {label}" for label in LABELS]
    assert out.missing == ["c3", "c4", "c5"]
    lines = [line for line in out.text.splitlines() if line]
    assert lines[:4] == [
        "## Promote self-determination",
        "Budget of her own.",
        "## Advocate for people",
        "Carers spoke first.",
    ]
    assert lines[-2:] == ["## Improve outcomes", "Outcomes at the panel."]
    gaps = notes(out.text)
    assert len(gaps) == 3 and all("no confirmed evidence" in n for n in gaps)
    assert "c3 Engage diverse communities" in gaps[0]


def test_only_confirmed_links_place_an_entry_and_each_entry_appears_once_under_its_first():
    entries = [
        entry(1, "Both c2 and c5, confirmed.", 1, c5="manual", c2="manual"),
        entry(2, "Only suggested for c1.", 2, c1="suggested"),
        entry(3, "Suggested c1, confirmed c4.", 3, c1="suggested", c4="manual"),
    ]
    out = assemble(entries, BADGE, headings=True)
    assert out.text.count("Both c2 and c5, confirmed.") == 1
    assert [e.id for e in out.sections[1].entries] == [1]  # c2, the first of its criteria
    assert out.sections[4].entries == []
    assert [e.id for e in out.sections[3].entries] == [3]  # c4, not the merely suggested c1
    assert "Only suggested for c1." not in out.text
    assert [e.id for e in out.left_out] == [2]
    assert out.entry_ids == [1, 3]


def test_include_suggested_opts_in_and_marks_what_came_from_a_suggestion():
    entries = [entry(2, "Only suggested for c1.", 2, c1="suggested")]
    out = assemble(entries, BADGE, include_suggested=True, criteria={"c1"})
    assert out.text.splitlines()[0] == (
        "[learnlog: entry 2 is here because learnlog suggested it for c1. Confirm with 'learnlog tag 2 c1' or "
        "take it out, then delete this line]"
    )
    assert "Only suggested for c1." in out.text
    assert len(notes(out.text)) == 1


def test_criteria_scope_limits_the_sections():
    entries = [entry(1, "Budget.", 1, c1="manual"), entry(2, "Outcomes.", 2, c6="manual")]
    out = assemble(entries, BADGE, headings=True, criteria={"c6"})
    assert headings_of(out.text) == ["## Improve outcomes"]
    assert "Budget." not in out.text and notes(out.text) == []


def test_template_headings_are_dropped_and_their_text_kept():
    gibbs = "## Description\n\nWe met at the café she chose.\n\n## Feelings\nNervous, then glad.\n"
    sssc = templates.load("sssc").body.replace("\n\n\n", "\n\nMy words.\n\n", 1)
    out = assemble([entry(1, gibbs, 1, c1="manual"), entry(2, sssc, 2, c1="manual")], BADGE, headings=True)
    assert headings_of(out.text)[0] == "## Promote self-determination"
    assert "Description" not in out.text and "Feelings" not in out.text and "Experience" not in out.text
    assert "We met at the café she chose." in out.text and "Nervous, then glad." in out.text
    assert "My words." in out.text


def test_the_writers_own_headings_become_plain_lines_so_there_is_one_heading_level():
    body = "# Why the review moved\n\nShe asked for it at home.\n\nNext steps\n----------\n\nAsk first.\n"
    assert without_headings(body) == "Why the review moved\n\nShe asked for it at home.\n\nNext steps\n\nAsk first.\n"


def test_hash_lines_in_code_blocks_are_not_headings():
    body = "Our checklist:\n\n```\n## not a heading\n```\n"
    assert without_headings(body) == body


def test_no_words_are_invented():
    entries = [entry(1, "Budget of her own.", 1, c1="manual")]
    out = assemble(entries, BADGE)
    text_lines = [line for line in out.text.splitlines() if line and not line.startswith("[learnlog:")]
    assert text_lines == ["Budget of her own."]


def test_every_template_has_an_empty_title_line_and_sssc_asks_the_five_questions():
    assert set(templates.names()) >= {"plain", "rolfe", "gibbs", "sssc"}
    for name in templates.names():
        text = (templates.HERE / f"{name}.md").read_text(encoding="utf-8")
        assert text.startswith('---\ntitle: ""\n'), name
    heads = [h.split(":")[0] for h in templates.load("sssc").headings]
    assert heads == ["Experience", "Knowledge", "Skills", "Reflections", "Application"]


def test_entry_titles_skip_template_headings():
    assert derive_title("## What?\n\nChaired my first panel.\n") == "Chaired my first panel."
    assert derive_title("## Experience\nThe carers' forum.\n") == "The carers' forum."
    assert derive_title("## My own heading\n\nText\n") == "My own heading"


def test_learnlog_notes_are_not_counted_as_the_writers_words():
    out = assemble([entry(1, "Budget of her own.", 1, c1="manual")], BADGE, headings=True)
    assert len(notes(out.text)) == 5
    assert word_count(out.text) == word_count("Budget of her own.") + sum(len(label.split()) for label in LABELS)


def test_a_criterion_evidenced_only_by_an_entry_placed_earlier_is_not_a_gap():
    entries = [entry(1, "Own words, and outcomes.", 1, c3="manual", c6="manual")]
    out = assemble(entries, BADGE, headings=True, criteria={"c3", "c6"})
    # No empty "Improve outcomes" section: the criterion is named in the heading of the section holding it.
    assert headings_of(out.text) == ["## Engage diverse communities and Improve outcomes"]
    assert notes(out.text) == [] and out.missing == []
    assert out.text.count("Own words, and outcomes.") == 1


def test_an_entry_for_two_criteria_moves_to_the_one_that_has_no_other_evidence():
    entries = [
        entry(1, "Her own budget.", 1, c1="manual"),
        entry(2, "Her own budget, and outcomes kept.", 2, c1="manual", c6="manual"),
    ]
    out = assemble(entries, BADGE, headings=True, criteria={"c1", "c6"})
    assert headings_of(out.text) == ["## Promote self-determination", "## Improve outcomes"]
    sections = out.text.split("## Improve outcomes")
    assert "Her own budget." in sections[0] and "outcomes kept." in sections[1]
    assert out.missing == [] and notes(out.text) == []
