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
        # blocked minus multi-word places: "East Kilbride Kinship Carers Group" is a service with a place in it
        self.public_blocked = _Spans(())
        self.public_starts: set[int] = set()
        self.no_person = [False] * len(toks)
        self.lower_case: bool | None = None  # whether the writer leaves out capitals, worked out when first asked
        self.condition_starts: dict[int, int] = {}  # start offset -> index of the token after the condition
        self.health_kind: dict[int, str] = {}  # index of a token starting a health term -> its list's kind
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
# "Reading log. Brigid Daniel on resilience; Sue Bailey on kinship care": a paragraph listing what was read
_READING_HEADING = _Pattern(
    r"(?im)^[ \t#*]*(?:reading\s+(?:log|list|notes|this\s+(?:week|month))|books?\s+(?:i\s+)?read|what\s+i(?:'ve|\s+have)?\s+read)\b"
)
_REF_LINE = _Pattern(
    r"(?m)^[ \t]*(?:(?:[-•*]|\d{1,3}[.)])[ \t]*)?[A-Z][\w'’\-]{1,30},[ \t]+(?:[A-Z]\.[ \t]?){1,3}"
    r"[^\n]{0,400}$"
)


# "Film: Still Alice, with Julianne Moore." "Book: … by Wendy Mitchell.": a line naming a work the writer
# read or watched; everyone named in its first sentence is an author, an actor or a character.
_WORK_LINE = _Pattern(
    r"(?im)^[ \t#*\-•]*(?:book|books|film|films|movie|podcast|tv|documentary|play|article|reading|watched|"
    r"read|listened\s+to|novel|poem|series|video|talk|ted\s+talk|audiobook|radio)[ \t*]*:[^\n]*?(?:[.!?](?=\s)|$)"
)
# "The Father (2020). Directed by Florian Zeller, with Anthony Hopkins." "Iris (2001). Judi Dench and
# Kate Winslet as …": a title and its year head a note on a work; its next sentence names who made it.
_TITLE_YEAR = _Pattern(r"(?m)^[ \t#*\-•]*[A-Z][^\n.!?()]{0,60}\((?:19|20)\d\d\)[.:][^\n]*?(?:[.!?](?=\s)|$)")
# "Elizabeth is Missing, the novel by Emma Healey and the television adaptation with Glenda Jackson."
_TITLE_APPOSITION = _Pattern(
    r"(?m)(?:^|(?<=[.!?]\s))[A-Z][^.,\n]{0,60},\s+(?:the|a|an)\s+(?:[\w\-]+\s+){0,2}?(?:novel|book|film|play|"
    r"memoir|documentary|series|drama|poem|song|album|musical|opera|biography|autobiography)\b[^\n]*?(?:[.!?](?=\s)|$)"
)
_BLANK_LINE = _Pattern(r"\n[ \t]*\n")
_NON_SPACE = _Pattern(r"\S")


def _reference_zones(text: str) -> list[tuple[int, int]]:
    """Reference-list lines ("Carr, S. (2004) …") and everything under a "References" heading."""
    zones = [m.span() for m in _REF_LINE.finditer(text)]
    if ":" in text:
        zones += [m.span() for m in _WORK_LINE.finditer(text)]
    if "(" in text:
        zones += [m.span() for m in _TITLE_YEAR.finditer(text)]
    if ", the " in text or ", a " in text or ", an " in text:
        zones += [m.span() for m in _TITLE_APPOSITION.finditer(text)]
    headings = [m.span() for m in _REF_HEADING.finditer(text)]
    headings += [m.span() for m in _READING_HEADING.finditer(text)]
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
        word, low = toks[i].word, toks[i].low
        for key in (word,) if word == low else (word, low):
            for words, exact, treatment in conds.get(key, ()):
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
                    ctx.health_kind[i] = treatment
                    break
            if hit:
                break
        if hit:
            out.append((i, i + hit))
        i += hit or 1
    return out
