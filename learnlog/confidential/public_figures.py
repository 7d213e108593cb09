"""Names the writer cites rather than protects: authors, researchers, actors, ministers, quotation attributions."""

from __future__ import annotations

import re

from learnlog.confidential.context import _Context
from learnlog.confidential.lexicon import _is_first_name
from learnlog.confidential.patterns import _cues, _Pattern, _sentence_start
from learnlog.confidential.vocabulary import (
    _AFTER_PERSON,
    _AS_CITED,
    _CITE_AFTER,
    _OWNER_WORDS,
    _PUBLIC_ROLES,
    _PUBLICATION_NOUNS,
    _STRONG_PERSON_CUE,
    _THEORY_NOUNS,
    _TITLES,
    _WROTE_BY,
)

_WORKS = _cues("author_works")
_NEXT_WORD = _Pattern(r"\s+(?:(?:own|new|first|latest|last|famous|classic|recent)\s+)?([A-Za-z]+)")
_WROTE_ABOUT = _Pattern(
    r"(?:\s+(?:also|has|had|once))?\s+(?:wrote|writes|argues|argued|suggests|suggested|describes|"
    r"described|calls|called\s+it|puts\s+it|observes|observed|notes|noted)\s+(?:about|that|of|on|how|it)\b"
)
_QUOTED_TITLE = _Pattern(r"\s+[\"“‘'*_][A-Z]")
_CLOSING_QUOTES = ("'", "’", "”", '"', ")", "*", "_")


_THINKING = _cues("thinking")


_OF_BODY = _Pattern(r"(?:,\s+(?:[\w\-]+\s+){1,4}?|\s+)(?:of|at)\s+(?:the\s+)?")


_DASH_BEFORE = _Pattern(r"[ \t]*[-–—~][ \t]*")


# "Gloria McLoughlin - Scottish Care": a full name, a dash, then only an organisation's name on the line
_DASH_AFTER = _Pattern(
    r"[ \t]*[-–—][ \t]+(?=[A-Z])(?:[A-Z][\w'’&\-]*|of|and|for|the)"
    r"(?:[ \t]+(?:[A-Z][\w'’&\-]*|of|and|for|the)){0,6}[ \t]*$",
    re.M,
)


def _cited(ctx: _Context, i: int, j: int) -> bool:
    """True when the name at tokens [i, j) is a cited author or a public figure, not a private person."""
    text, toks = ctx.text, ctx.toks
    start, end = toks[i].start, toks[j - 1].end
    if ctx.references.overlaps(start, end):
        return True
    if _CITE_AFTER.match(text, end):
        return True
    if _SCREEN_AFTER.match(text, toks[j - 1].fend) and _SCREEN_CONTEXT.search(text, max(0, start - 600), end + 40):
        # "Dave Johns plays a joiner", "Hayley Squires's character": actors, in writing about a film or a play
        # ("Kyle Brown played football" is nobody's film)
        return True
    if _PLAYED_BY.match(text, toks[j - 1].fend):
        return True  # "Jack and Victor, played by Ford Kiernan": characters
    if _BY_NAMES.search(text, max(0, start - 80), start):
        return True  # "played by Ford Kiernan and Greg Hemphill": the second name of the pair too
    prev3 = ctx.prev_words(i, 3)
    played = bool(prev3) and (
        prev3[0] in _PLAYS or (len(prev3) == 3 and prev3[2] in _PLAYS and prev3[1] in ("his", "her", "their", "the"))
    )
    if played and _SCREEN_CONTEXT.search(text, max(0, start - 1500), end + 200):
        return True  # "Dave Johns plays Daniel", "plays his daughter Anne", "the character Katie": who is played
    last = toks[j - 1]
    if last.poss and (j - i >= 2 or not _is_first_name(ctx.lex, last.low)) and _THEORY_NOUNS.match(text, last.end):
        return True  # "Maslow's hierarchy", "Kitwood's model", "Brigid Daniel's work on resilience"
    if last.poss and j - i >= 2 and _NEXT_WORD.match(text, last.fend):
        nxt_word = _NEXT_WORD.match(text, last.fend).group(1).casefold()
        if nxt_word in _WORKS:
            return True  # "based on Lisa Genova's novel", "Bessel van der Kolk's book": an author's work
    if j - i >= 2 and _WROTE_ABOUT.match(text, last.fend):
        return True  # "what Judith Herman wrote about recovery", "Sarah Banks argues that"
    if last.poss and j - i >= 2 and _QUOTED_TITLE.match(text, last.fend):
        return True  # "Christine Bryden's "Dancing with Dementia"": a full name, then the title of a work
    titled = i > 0 and toks[i - 1].low in _TITLES
    if j - i == 1 and toks[i].low in ctx.lex.cited_surnames and not titled and not _STRONG_PERSON_CUE.match(text, end):
        return True  # "Kolb", but not "Mr Ferguson"
    prev = ctx.prev_words(i, 10)
    # Authors go by full name or surname; "a plan written by Priya" is a colleague.
    author_like = j - i >= 2 or not _is_first_name(ctx.lex, toks[i].low)
    if prev:
        if prev[:2] == ["to", "according"] or prev[0] == "cf":
            return True
        if prev[0] == "see" and text[max(0, toks[i - 1].start - 2) : toks[i - 1].start].strip() == "(":
            return True  # "(see Carr)", but not "went back to see Kayden" or "went to see Jimmy Rennie"
        if prev[0] == "as" and _AS_CITED.match(text, end):
            return True  # "as Carr argues", not "had her down as Annie"
    if author_like and _CITE_VERB.match(text, toks[j - 1].fend):
        return True  # "Anita Kerrigan developed the Threshold model", "Lorna Finch coined the term"
    if prev and author_like and prev[0] in _READING:
        # "reading Paulo Freire", "citing Lucy Pratt on …", "read Claire Henshaw's The Listening Service";
        # not "I read Ellie Cairns's care plan with her".
        if not last.poss:
            return True
        nxt = j
        if nxt < len(toks) and (toks[nxt].cap or toks[nxt].low in _PUBLICATION_NOUNS or toks[nxt].low == "the"):
            return True
    if (
        prev
        and author_like
        and (
            (prev[0] in ("with", "starring", "featuring") and any(w in _SCREEN_NOUNS for w in prev[1:4]))
            or (prev[:2] == ["which", "in"] and any(w in _SCREEN_NOUNS for w in prev[2:5]))
        )
    ):
        return True
    if prev and author_like and prev[0] in ("with", "starring") and _watched_title(ctx, i):
        return True  # "I watched Still Alice with Julianne Moore": a title, then who is in it
    if prev and author_like:
        if prev[0] == "of" and len(prev) > 1 and (prev[1] in _PUBLICATION_NOUNS or prev[1] in _THINKING):
            return True  # "the work of Pamela Trevithick", "the ideas of Paulo Freire"
        if prev[0] == "by":
            # "‘A Simpler Way’ by …", "a report by …", "written by …"
            if (len(prev) > 1 and prev[1] in _WROTE_BY) or any(w in _PUBLICATION_NOUNS for w in prev[1:]):
                return True
            if i >= 2 and text[toks[i - 2].fend : toks[i - 1].start].strip(" ,")[-1:] in _CLOSING_QUOTES:
                return True
            if i >= 2 and toks[i - 2].cap and not _sentence_start(text, toks[i - 2].start):
                return True  # "Start with Why by Simon Sinek": a title, then its author
        # "founder of Open Space, Harrison Owen"; "Director of Joint Reviews, Sue Mead"
        for n, w in enumerate(prev[:7]):
            if w in _PUBLIC_ROLES:
                owned = n + 1 < len(prev) and prev[n + 1] in _OWNER_WORDS  # "our Director of Nursing, Jane"
                if not owned and all(t.cap or t.low in _ROLE_GLUE for t in toks[i - n : i]):
                    return True
                break
    # A spokesperson named with a public body: "Gloria McLoughlin of Scottish Care"
    if j - i >= 2:
        m = _OF_BODY.match(text, end)
        if m and m.end() in ctx.public_starts:
            return True
    # A quotation's attribution on its own line: "— Myron Rogers", "Gloria McLoughlin - Scottish Care"
    line_start = text.rfind("\n", max(0, start - 200), start) + 1
    if line_start > 0 or start < 200:
        before = text[line_start:start]
        if _DASH_BEFORE.fullmatch(before) and not _in_list(text, line_start) and not _AFTER_PERSON.match(text, end):
            return True  # "— Myron Rogers", but not the bullet "- Ahmed designed the cards"
        if (not before or before.isspace()) and j - i >= 2 and _DASH_AFTER.match(text, end):
            return True
    return False


_LIST_MARK = _Pattern(r"[ \t]*(?:[-–—•*]|\d{1,3}[.)])[ \t]")


def _in_list(text: str, line_start: int) -> bool:
    """True when the line starting at line_start sits among bullet points: the line before or after is one too."""
    if line_start > 0:
        prev_start = text.rfind("\n", max(0, line_start - 400), line_start - 1) + 1
        if _LIST_MARK.match(text, prev_start, line_start):
            return True
    next_nl = text.find("\n", line_start, line_start + 2000)
    return next_nl >= 0 and _LIST_MARK.match(text, next_nl + 1) is not None


_READING = _cues("reading")


# A writer's verb with its object: "developed the PACE model", "coined the term", "founded the hospice movement".
_CITE_VERB = _Pattern(
    r"\s+(?:coined|pioneered)\s+(?:the|a|an)\b"
    r"|\s+(?:developed|devised|created|founded|proposed|formulated|originated|conceived)\s+"
    r"(?:the|a|an|his|her|their)\s+(?:"
    # a named model: "the Neurosequential Model", "the PACE model", "the Threshold model of participation"
    r"(?:[\w'’\-]+\s+){0,3}?[A-Z][\w'’\-]*\s+(?:[\w'’\-]+\s+){0,2}?(?i:model|models|approach|theory|framework|"
    r"method|scale|cycle|ladder|principles|technique|therapy|programme|triangle|pyramid|wheel|curve|matrix)"
    # or an idea rather than a thing: "the concept of personhood", "the hospice movement"
    r"|(?:[\w'’\-]+\s+){0,3}?(?:theory|theories|concept|notion|idea\s+of|term|phrase|paradigm|typology|taxonomy|"
    r"hierarchy|movement|philosophy|school\s+of\s+thought)"
    r")\b"
)


# Words that may stand between a public role and a name: "Director of Joint Reviews, Sue Mead", "Ministers
# including Kevin Stewart"
_ROLE_GLUE = _cues("role_glue")


# An actor in a film or play the writer watched: a screen word nearby, then "plays", "'s character".
_SCREEN_AFTER = _Pattern(
    r"(?:['’]s?)?\s+(?:plays|played|portrays|portrayed|stars|starred|starring|voices|voiced|character|"
    r"won\s+an?\s+(?:oscar|bafta|award|emmy)|as\s+(?:the|a|an)\s+(?:[a-z]+\s+)?(?:novelist|character|"
    r"mother|father|daughter|son|wife|husband|man|woman|narrator|writer|nurse|carer|doctor|lead))\b"
    r"|\s+and\s+[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)?\s+as\s+(?:the|a|an)\b"
)


# "the television adaptation with Glenda Jackson", "a documentary in which Terry Pratchett talked"
_SCREEN_NOUNS = _cues("screen_nouns")


_PLAYED_BY = _Pattern(r"(?:['’]s)?(?:,\s+|\s+\()(?:played|portrayed|voiced)\s+by\s+[A-Z]")
_BY_NAMES = _Pattern(
    r"\b(?:played|portrayed|voiced|directed|written|narrated|presented|starring)\s+by\s+"
    r"(?:[A-Z][\w'’\-]+\s+){1,3}(?:and|&)\s+$"
)
_PLAYS = frozenset({"plays", "played", "portrays", "portrayed", "character", "characters", "protagonist"})
_SCREEN_CONTEXT = _Pattern(
    r"(?i)\b(?:film|films|movie|drama|series|documentary|episode|play|theatre|cinema|actor|actress|cast|"
    r"watched|watching|starring|novel|oscar|"
    r"scene|screenplay|directed|director|netflix|bbc|channel\s+4|itv|iplayer)\b"
)


_WATCH_WORDS = frozenset({"watched", "watching", "watch", "saw", "streamed", "rewatched"})


def _watched_title(ctx: _Context, i: int) -> bool:
    """True when "with" before token i follows "watched" and a title of two or more capitalised words."""
    toks = ctx.toks
    k = i - 2  # the token before "with"
    caps = 0
    while k >= 0 and i - k <= 8 and toks[k].cap and toks[k].low not in _WATCH_WORDS:
        caps += 1
        k -= 1
    return caps >= 2 and k >= 0 and toks[k].low in _WATCH_WORDS
