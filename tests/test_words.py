"""Word counts should agree with what a word processor shows for the same prose."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from learnlog.frameworks import WordRule
from learnlog.words import assess, strip_markdown, word_count


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", 0),
        ("   \n\n  ", 0),
        ("person-centred well-being", 2),
        ("a self-directed support plan", 4),
        ("didn't people's", 2),
        ("didn’t people’s we’ve", 3),  # curly apostrophes
        ("a budget of £2,400 a year", 6),
        ("3.5 hours, 12% and 2019–2023", 5),
        ("Łukasz and Zoë met at the café", 7),
        ("Tha Gàidhlig aig Màiri", 4),
        ("care — and support", 3),  # a spaced em dash is not a word
        ("care—and support", 3),  # nor is an unspaced one
        ("and/or", 1),
        ("Tom & Jerry", 3),
        ("... !!! ?", 0),
    ],
)
def test_prose(text, expected):
    assert word_count(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# What I learned\n\nSome text here.", 6),
        ("## Heading two", 2),
        ("* first point\n* second point\n- third point\n+ fourth point", 8),
        ("1. first point\n2. second point\n10) tenth point", 6),
        ("> a quoted line\n> > nested quote", 5),
        ("**bold words** and _italic_ and `code`", 6),
        ("Read [the Talking Points guide](https://example.org/tp) today", 6),
        ("Before ![a photo of the garden](garden.png) after", 2),
        ("See [the guide][1].\n\n[1]: https://example.org/guide", 3),
        ("```python\nprint(x)\n```\n", 1),
        ("~~~\ncode line\n~~~", 2),
        ("A footnote[^1] here.", 3),
        ("---\n", 0),
        ("one\n\n---\n\ntwo", 2),
        ("text <br> more <!-- hidden comment -->", 2),
        ("| a | b |\n|---|---|\n| c | d |", 4),
    ],
)
def test_markdown_syntax_is_not_counted(text, expected):
    assert word_count(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("See https://learn.sssc.uk.com/siliv/c3.html for more", 3),
        ("See www.iriss.org.uk, then", 2),
        ("Link <https://example.org/x> here", 2),
        ("Email jo.bloggs@example.scot or ring", 3),
        ("(https://example.org).", 0),
    ],
)
def test_urls_and_emails_are_not_counted(text, expected):
    assert word_count(text) == expected


def test_yaml_frontmatter_at_start_is_not_counted():
    text = "---\ntitle: Supporting Mr A\ntags: [c1, c2]\ndate: 2024-03-01\n---\nI met Mr A today.\n"
    assert word_count(text) == 5


def test_frontmatter_only_counts_when_at_the_very_start():
    # A rule later in the text is a thematic break, and the text between is prose.
    assert word_count("Intro line\n---\ntitle: not frontmatter\n---\n") == 5


def test_unclosed_frontmatter_is_prose():
    assert word_count("---\njust some words") == 3


def test_strip_markdown_keeps_the_readable_text():
    text = "# Title\n\n* Read [the guide](https://x.org) with **care** — see https://x.org."
    assert strip_markdown(text).split() == ["Title", "Read", "the", "guide", "with", "care", "see", "."]


@pytest.mark.parametrize(
    ("count", "rule", "expected"),
    [
        (499, WordRule(500, 1000), "under"),
        (500, WordRule(500, 1000), "in range"),
        (1000, WordRule(500, 1000), "in range"),
        (1001, WordRule(500, 1000), "over"),
        (10, WordRule(), "in range"),
        (99, WordRule(500, 1000, hard_min=100), "below minimum"),
        (100, WordRule(500, 1000, hard_min=100), "under"),
    ],
)
def test_assess(count, rule, expected):
    assert assess(count, rule) == expected


_word = st.text(alphabet=st.characters(categories=("Lu", "Ll", "Nd")), min_size=1, max_size=12)


@given(st.lists(_word, max_size=60))
def test_plain_words_joined_by_spaces_count_one_each(words):
    assert word_count(" ".join(words)) == len(words)


@given(st.lists(_word, max_size=30), st.lists(_word, max_size=30))
def test_counts_add_across_paragraphs(first, second):
    a, b = " ".join(first), " ".join(second)
    assert word_count(a + "\n\n" + b) == word_count(a) + word_count(b)


@given(st.text(max_size=300))
def test_never_fails_and_never_exceeds_whitespace_tokens(text):
    count = word_count(text)
    assert 0 <= count <= len(text.split()) + text.count("\u2014")


@given(st.lists(_word, min_size=1, max_size=20))
def test_emphasis_does_not_change_the_count(words):
    plain = " ".join(words)
    assert word_count(f"**{plain}**") == word_count(f"_{plain}_") == len(words)
