"""Small building blocks shared by the detectors: lazily compiled patterns, span sets, token gaps."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from functools import cache

from learnlog.text import Token, starts_sentence

_MAX_TOKEN = 40  # longer letter runs are not words anyone would be named


@cache
def _cue_sections() -> dict[str, frozenset[str]]:
    """data/cues.txt: the cue words of every rule, one [section] each. Read once, when the scanner is
    first imported (a few kilobytes; the big lists in `lexicon` wait until the first scan)."""
    from importlib import resources

    raw = resources.files("learnlog.confidential").joinpath("data", "cues.txt").read_text(encoding="utf-8")
    sections: dict[str, set[str]] = {}
    current: set[str] | None = None
    for line in raw.splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], set())
        elif line and current is not None:
            current.update(line.split())
    return {name: frozenset(words) for name, words in sections.items()}


def _cues(section: str) -> frozenset[str]:
    """The words of one section of data/cues.txt; a missing section is a bug, so it fails loudly."""
    return _cue_sections()[section]


def _alternation(section: str) -> str:
    """A cues.txt section as a regular-expression alternation, longest first ("care+home" is "care\\s+home"):
    the rules that match a word list inside a longer pattern keep the list in data, not in the pattern."""
    words = sorted(_cues(section), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(r"\s+".join(re.escape(part) for part in w.split("+")) for w in words) + ")"


class _Pattern:
    """A regular expression compiled on first use, so that importing the module stays cheap."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._args = (pattern, flags)

    def __getattr__(self, name: str):
        # Only called for attributes not yet set: compile once, then keep each bound method found.
        compiled = self.__dict__.get("_compiled") or re.compile(*self._args)
        self._compiled = compiled
        value = getattr(compiled, name)
        setattr(self, name, value)
        return value


class _Spans:
    """Sorted spans answering "does [start, end) overlap any of them?" in logarithmic time."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted((s, e) for s, e in spans if s < e)
        self.spans = ordered
        self.starts = [s for s, _ in ordered]
        self.max_end: list[int] = []
        running = -1
        for _, e in ordered:
            running = max(running, e)
            self.max_end.append(running)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self.starts, end) - 1
        return i >= 0 and self.max_end[i] > start

    def covering(self, start: int, end: int) -> bool:
        """True when one span contains all of [start, end)."""
        i = bisect_right(self.starts, start) - 1
        while i >= 0 and self.max_end[i] >= end:
            if self.spans[i][1] >= end:
                return True
            i -= 1
        return False

    def last_start_before(self, pos: int) -> int:
        i = bisect_left(self.starts, pos) - 1
        return self.starts[i] if i >= 0 else -1


def _gap(text: str, toks: list[Token], i: int) -> str:
    """The text between token i-1 and token i (a possessive 's belongs to the token before)."""
    return text[toks[i - 1].fend : toks[i].start] if i > 0 else text[max(0, toks[0].start - 20) : toks[0].start]


_BOUNDARY = _Pattern(r"[.!?\n;:•]")
_sentence_start = starts_sentence


def _adjacent(gap: str) -> bool:
    return 0 < len(gap) <= 2 and gap.isspace() and "\n" not in gap
