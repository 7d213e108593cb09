"""Reviewing suggestions: what is still open, what each item shows, how answers are read."""

from __future__ import annotations

import datetime as dt

from evidence import EVIDENCE

from learnlog import frameworks
from learnlog.records import Entry
from learnlog.review import open_items, parse_answer

BADGE = frameworks.get_badge("sssc-sil-1")


def entry(id: int, body: str, day: int, title: str = "", **criteria: str) -> Entry:
    return Entry(id=id, date=dt.date(2026, 3, day), body=body, title=title, criteria=criteria)


def test_open_items_are_unconfirmed_unrejected_suggestions_in_date_then_badge_order():
    entries = [
        entry(2, EVIDENCE["c1"], 5, c1="suggested", c6="suggested"),
        entry(1, EVIDENCE["c2"], 1, title="Carers' day", c2="suggested", c4="manual"),
        entry(3, EVIDENCE["c5"], 9, c5="manual"),
    ]
    items = open_items(entries, BADGE, rejected={2: {"c6"}})
    assert [(i.entry_id, i.criterion_id) for i in items] == [(1, "c2"), (2, "c1")]
    first, second = items
    assert first.entry_title == "Carers' day" and first.criterion_label == "Advocacy"
    assert second.entry_title.startswith("I supported a man")  # untitled: its first line, never a template heading
    assert EVIDENCE["c1"] in second.evidence  # the writer's own sentence that prompted the suggestion
    assert second.to_dict()["date"] == "2026-03-05"


def test_template_entries_are_titled_by_their_own_words():
    body = f"## What?\n\n{EVIDENCE['c1']}\n\n## So what?\n\nIt mattered.\n"
    (item,) = open_items([entry(4, body, 2, c1="suggested")], BADGE)
    assert item.entry_title.startswith("I supported a man")


def test_answers():
    assert [parse_answer(a) for a in ("y", "YES", " n ", "no", "s", "skip", "q", "quit")] == [
        "confirm", "confirm", "reject", "reject", "skip", "skip", "quit", "quit",
    ]  # fmt: skip
    assert parse_answer("") is None and parse_answer("maybe") is None and parse_answer("yep") is None
