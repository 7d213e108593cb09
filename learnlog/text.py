"""The one tokeniser and sentence splitter shared by criteria tagging and the confidentiality scanner.

Both analyses quote the writer's own words back, so everything here works in character spans of the
original text: a token or a sentence can always be cut out of the text verbatim. Pure functions over
`str`, no word lists, cheap to import (two small patterns, compiled on first use).
"""

from __future__ import annotations

import re
from functools import cache

# Letters and digits with inner apostrophes: O'Neill, Kyle's, didn't. With `hyphens`, also Mary-Jane and
# self-harm as one token (the scanner wants whole names; tagging wants "self" and "directed" apart).
_WORD = r"[^\W_]+(?:['’][^\W_]+)*"
_WORD_HYPHENATED = r"[^\W_]+(?:['’\-][^\W_]+)*"

# A sentence ends at . ! ? (with any closing quotes or brackets) before a space, at a blank line, and
# before a line that starts a list item or a markdown heading.
_SENTENCE_END = r"[.!?]+[\"')\]’”]*\s+|\n\s*\n|\n(?=\s*(?:[-*+]|\d+[.)])\s)|\n(?=\s*#)"
# A full stop after these is an abbreviation, not the end of a sentence ("Mr. Brown", "e.g. this").
ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "e.g", "i.e", "eg", "ie", "etc", "vs", "no", "st", "prof", "cf"})

# What may stand just before the first word of a sentence, clause or list item, looking back at most a
# dozen characters: a stop, a colon, a bullet, a dash, a numbered item, the start of the text.
_SENTENCE_BEFORE = r"(?:^|[.!?:;…•*>\-–—\n]|\d[.)])[\s\"'“‘(\[]*$"


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


class Token:
    """One word of a text, by position. A possessive 's is kept out of `word` and `end`, and in `fend`."""

    __slots__ = ("start", "end", "fend", "word", "low", "poss", "cap")

    def __init__(self, start: int, end: int, fend: int, word: str, poss: bool) -> None:
        self.start = start
        self.end = end  # without a possessive 's
        self.fend = fend  # with it
        self.word = word
        low = word.casefold()
        self.low = low.replace("’", "'") if "’" in low else low
        self.poss = poss
        # Capitalised like a name: Kyle, McLeod, O'Neill; not SSSC, not kyle
        self.cap = word[0].isupper() and not word.isupper()

    def __repr__(self) -> str:
        return f"Token({self.word!r}, {self.start}, {self.end}{', poss' if self.poss else ''})"


def tokens(text: str, *, hyphens: bool = True, max_len: int | None = None) -> list[Token]:
    """The words of `text` in order. Runs longer than `max_len` characters are skipped: no one is named
    "aaaa…" and no cue is that long, and skipping them keeps hostile input cheap."""
    out: list[Token] = []
    append = out.append
    size = len(text)
    pattern = _compiled(_WORD_HYPHENATED if hyphens else _WORD)
    for m in pattern.finditer(text):
        start, end = m.span()
        if max_len is not None and end - start > max_len:
            continue
        word = m.group()
        if word[-1] in "sS":
            if end - start > 2 and word[-2] in "'’":
                append(Token(start, end - 2, end, word[:-2], True))  # Kyle's
                continue
            if end < size and text[end] in "'’" and not text[end + 1 : end + 2].isalnum():
                append(Token(start, end, end, word, True))  # James' bag
                continue
        append(Token(start, end, end, word, False))
    return out


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, without surrounding white space; empty pieces are left out."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _compiled(_SENTENCE_END).finditer(text):
        before = text[start : m.start()].rsplit(None, 1)
        if m.group().startswith(".") and before and before[-1].lower().rstrip(".") in ABBREVIATIONS:
            continue
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for a, b in spans:
        chunk = text[a:b]
        stripped = chunk.strip()
        if stripped:
            a += len(chunk) - len(chunk.lstrip())
            out.append((a, a + len(stripped)))
    return out


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


def starts_sentence(text: str, pos: int) -> bool:
    """Whether the word at `pos` opens a sentence, clause or list item, where any word is capitalised."""
    return _compiled(_SENTENCE_BEFORE).search(text, max(0, pos - 12), pos) is not None
