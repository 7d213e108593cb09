"""Rendering user text: plain paragraphs skip Rich's Markdown (and its imports) but look exactly as it shows them."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from rich.markdown import Markdown
from rich.panel import Panel

from learnlog import render

PLAIN = [
    "One line.",
    "Two lines\nin one paragraph, joined by a space.",
    "Para one.\n\nPara two.\n\n\nPara three, after two blank lines.",
    "  Leading spaces\n   and more on the next line.",
    "A blank line with a space\n \nstill ends a paragraph.",
    "Two  spaces inside and a\u00a0no-break space.",
    "Café — “quotes”, ellipsis… and 😀 in 3 pm supervision; x - y is not a list.",
    "In 2026. A number and a dot inside a line open no list.",
    "Supervision with my team leader about the carers' forum and what I took from it. " * 6,
    "Nothing at all after this\n\n\n",
    "",
]


def shown(renderable, width: int) -> str:
    console = Console(width=width, file=io.StringIO(), record=True, color_system=None, highlight=False)
    console.print(Panel(renderable, title="1. A title", subtitle="2026-03-14"))
    return console.export_text()


@pytest.mark.parametrize("text", PLAIN)
def test_plain_paragraphs_look_as_rich_markdown_shows_them(text):
    assert not isinstance(render.markdown(text), Markdown)  # the fast path was taken
    for width in (40, 80, 132):
        assert shown(render.markdown(text), width) == shown(Markdown(text), width)


@pytest.mark.parametrize(
    "text, seen",
    [
        ("- first\n- second", "• first"),
        ("1. first\n2. second", "1 first"),
        ("# Heading\n\nbody", "Heading"),
        ("Some **bold** words", "Some bold words"),
        ("> a quote", "▌ a quote"),
        ("    indented code", "indented code"),
        ("a hard  \nbreak", "a hard"),
        ("Tom &amp; Jerry", "Tom & Jerry"),
    ],
)
def test_markup_still_goes_through_rich_markdown(text, seen):
    assert isinstance(render.markdown(text), Markdown)
    assert seen in shown(render.markdown(text), 80)


def test_control_characters_never_reach_the_terminal_on_either_path():
    for text in ("plain \x1b]0;retitled\x07 text", "- list \x1b[2J item"):
        assert "\x1b" not in shown(render.markdown(text), 80)
