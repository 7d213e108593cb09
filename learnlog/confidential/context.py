"""What the word-based detectors share: the tokens, reference lists, public phrases, condition terms."""

from __future__ import annotations

from bisect import bisect_right

from learnlog.confidential.lexicon import _Lexicon
from learnlog.confidential.patterns import _BOUNDARY, _gap, _Pattern, _Spans
from learnlog.text import Token

# ---------------------------------------------------------------------------------------------------------
# Context shared by the word-based detectors


class _Context:
    """The text, its tokens and the spans that word-based detectors must leave alone."""

    def __init__(self, text: str, lex: _Lexicon, toks: list[Token]) -> None:
        self.text = text
        self.lex = lex
        self.toks = toks
        self.blocked = _Spans(())
        self.public_starts: set[int] = set()
        self.no_person = [False] * len(toks)
        self.condition_starts: dict[int, int] = {}  # start offset -> index of the token after the condition
        self.references = _Spans(_reference_zones(text))

    def prev_words(self, i: int, n: int) -> list[str]:
        """Up to n lower-cased words before token i in the same sentence, nearest first."""
        out = []
        k = i
        toks, text = self.toks, self.text
        while k > 0 and len(out) < n:
            gap = text[toks[k - 1].fend : toks[k].start]
            if len(gap) > 4 or _BOUNDARY.search(gap):
                break
            k -= 1
            out.append(toks[k].low)
        return out

    def prev_is(self, i: int, words: frozenset[str]) -> bool:
        prev = self.prev_words(i, 1)
        return bool(prev) and prev[0] in words


_REF_HEADING = _Pattern(r"(?im)^[ \t#*]*(?:references|reference list|bibliography|further reading|sources)[ \t:*]*$")
_REF_LINE = _Pattern(
    r"(?m)^[ \t]*(?:(?:[-•*]|\d{1,3}[.)])[ \t]*)?[A-Z][\w'’\-]{1,30},[ \t]+(?:[A-Z]\.[ \t]?){1,3}"
    r"[^\n]{0,400}$"
)


_BLANK_LINE = _Pattern(r"\n[ \t]*\n")
_NON_SPACE = _Pattern(r"\S")


def _reference_zones(text: str) -> list[tuple[int, int]]:
    """Reference-list lines ("Carr, S. (2004) …") and everything under a "References" heading."""
    zones = [m.span() for m in _REF_LINE.finditer(text)]
    headings = [m.span() for m in _REF_HEADING.finditer(text)]
    if headings:
        blanks = [m.start() for m in _BLANK_LINE.finditer(text)]
        for start, end in headings:
            first = _NON_SPACE.search(text, end)  # the list may start after a blank line
            x = bisect_right(blanks, first.start() if first else end)
            zones.append((start, blanks[x] if x < len(blanks) else len(text)))
    return zones


def _phrase_spans(ctx: _Context) -> list[tuple[int, int, str]]:
    """Public bodies, multi-word places and cited full names, matched on whole words."""
    toks, text, phrases = ctx.toks, ctx.text, ctx.lex.phrases
    out = []
    i, n_toks = 0, len(toks)
    while i < n_toks:
        matched = 0
        # Phrases need their capital in the text: "enable" the verb is not ENABLE Scotland.
        if toks[i].word[0].isupper():
            pair = phrases.get((toks[i].low, toks[i + 1].low), ()) if i + 1 < n_toks else ()
            for words, kind in [*pair, *phrases.get((toks[i].low,), ())]:
                n = len(words)
                if i + n > n_toks:
                    continue
                if all(
                    toks[i + k].low == words[k]
                    and len(_gap(text, toks, i + k)) <= 3
                    and "\n" not in _gap(text, toks, i + k)
                    for k in range(1, n)
                ):
                    last = toks[i + n - 1]
                    out.append((toks[i].start, last.fend, kind))
                    matched = n
                    break
        i += matched or 1
    return out


def _condition_matches(ctx: _Context) -> list[tuple[int, int]]:
    """Token ranges [i, j) naming a health condition; the longest term wins at each position."""
    toks, text, conds = ctx.toks, ctx.text, ctx.lex.conditions
    out = []
    i, n_toks = 0, len(toks)
    while i < n_toks:
        hit = 0
        for key in (toks[i].word, toks[i].low):
            for words, exact in conds.get(key, ()):
                n = len(words)
                if (exact or words[0] == toks[i].low) and (
                    i + n <= n_toks
                    and all(
                        (toks[i + k].word if exact else toks[i + k].low) == words[k]
                        and len(_gap(text, toks, i + k)) <= 2
                        and _gap(text, toks, i + k).strip(" -") == ""
                        for k in range(1, n)
                    )
                ):
                    hit = n
                    break
            if hit:
                break
        if hit:
            out.append((i, i + hit))
        i += hit or 1
    return out
