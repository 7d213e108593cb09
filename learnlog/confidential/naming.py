"""Names known by how the text introduces or lists them, and names listed only as words.

A note line headed by a name ("- Grace (rm 9): COPD, …"), a name the writer gives ("her name is Isobel",
"everyone calls her Mo"), a name listed beside someone already found ("Tam and Dawn") are people even when the
name is also a word; names listed as names ("rooms named Rose, Heather and Ivy", "anyone called Grace") are not.
"""

from __future__ import annotations

from bisect import bisect_left

from learnlog.confidential.context import _Context
from learnlog.confidential.findings import Candidate
from learnlog.confidential.lexicon import _is_first_name
from learnlog.confidential.patterns import _adjacent, _cues, _gap, _Pattern, _Spans
from learnlog.confidential.vocabulary import _PUBLICATION_NOUNS

_LIST_GAPS = frozenset([",", "and", ", and", "or", ", or", ".", ";"])


def _in_word_list(ctx: _Context, i: int) -> bool:
    """True for "Iona, Skye, Isla, Arran, Lewis and Harris" or "Will, Hope, Grace, Faith and Joy": a
    list whose other items (three each side at most) are mostly places or everyday words is about words,
    not people."""
    toks, text, lex = ctx.toks, ctx.text, ctx.lex
    neighbours = []
    for step in (-1, 1):
        k = i
        for _ in range(3):
            a, b = (k - 1, k) if step < 0 else (k, k + 1)
            if a < 0 or b >= len(toks):
                break
            gap = text[toks[a].fend : toks[b].start]
            if len(gap) > 6 or " ".join(gap.split()) not in _LIST_GAPS:
                break
            k += step
            if not toks[k].cap:
                break
            neighbours.append(toks[k].low)
    if len(neighbours) < 2:
        return False
    wordy = sum(1 for w in neighbours if w in lex.places or w in lex.words or w in lex.stop_caps)
    return wordy >= 2 and wordy * 2 >= len(neighbours)


# A list introduced as names or labels, in the same sentence: it is about the words, not people.
_ABOUT_NAMES = _Pattern(
    r"(?i)(?:\b(?:names|rooms|wards|houses|units|words)\b[^.!?\n]{0,60}?\b(?:like|such\s+as|named|called|include|"
    r"including|are)\b|\bnamed\s+(?:after|for)\b)[^.!?\n]*$"
)
# "anyone called Grace", "someone named Hope": nobody in particular
_ANYONE_CALLED = _Pattern(r"(?i)\b(?:anyone|anybody|someone|somebody|nobody|people|everyone)\s+(?:called|named)\s+$")


def _listed_with_people(ctx: _Context, taken: _Spans, found: list[Candidate], starts: list[int]) -> None:
    """ "supervision with Tam and Dawn", "Thanks to Tariq and Joy": a first name that is also a word (Dawn,
    Joy, Hope) is a person when it is listed with "and" or a comma right beside someone already found."""
    toks, text, lex = ctx.toks, ctx.text, ctx.lex
    have = {(s, e) for s, e, _, _ in found}
    for s, e, label, _ in list(found):
        if label != "PERSON":
            continue
        x = bisect_left(starts, s)
        y = bisect_left(starts, e) - 1  # the person's last token
        for k in _beside(ctx, x, y):
            tok = toks[k]
            if not tok.cap or tok.word.isupper() or tok.low not in lex.first_names or tok.low in lex.places:
                continue
            if k + 1 < len(toks) and toks[k + 1].cap and _adjacent(_gap(text, toks, k + 1)):
                continue  # "Tam and Grace Period …": part of a longer capitalised name
            span = (tok.start, tok.end)
            if span in have or taken.overlaps(*span) or ctx.blocked.overlaps(*span) or ctx.no_person[k]:
                continue
            if any(fs <= tok.start < fe for fs, fe, _, _ in found):
                continue
            found.append((tok.start, tok.end, "PERSON", "A first name listed beside a person found nearby."))
            have.add(span)


_NAMED = _Pattern(
    r"(?i:\b(?:(?:her|his|my|their)\s+name\s+is|calls?\s+(?:her|him|them)(?:self|selves)?|(?:is|was|were|are)\s+called|"
    r"caa['’]?d|ca['’]d|named|goes\s+by|answers\s+to))\s+([A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)?)"
)
_NAMED_THINGS = _cues("named_things")


def _beside(ctx: _Context, x: int, y: int) -> list[int]:
    """The tokens listed right after token y and right before token x: "Tam and Dawn", "Dawn, Tam", "Iona,
    Skye, and Harris"."""
    toks, text, out = ctx.toks, ctx.text, []
    n = len(toks)

    def gap(a: int, b: int) -> str:
        return text[toks[a].fend : toks[b].start].strip()

    if y + 2 < n and toks[y + 1].low in _JOINS and gap(y, y + 1) in ("", ","):
        out.append(y + 2)
    elif y + 1 < n and gap(y, y + 1) == ",":
        out.append(y + 1)
    if x >= 2 and toks[x - 1].low in _JOINS and gap(x - 1, x) == "":
        out.append(x - 2)
    elif x >= 1 and gap(x - 1, x) == ",":
        out.append(x - 1)
    return out


_JOINS = frozenset({"and", "&", "or"})


_NOTE_NAME = _Pattern(
    r"(?m)^[ \t]*(?:[-–—•*·][ \t]*)?([A-Z][a-z]+)[ \t]*\((?:rm|room|flat|bed|age|aged|\d|tenant|resident|"
    r"new|YP|young|child|mum|dad|son|daughter|husband|wife|carer|client)[^()\n]{0,30}\)[ \t]*(?::|[-–—](?=[ \t])|,)"
)


def _named_as_words(ctx: _Context, i: int) -> bool:
    """ "names that are plants, like Heather, Rowan and Ivy", "rooms named Rose, Heather and Ivy", "anyone
    called Grace": names listed or spoken of as words, and nobody in particular."""
    start = ctx.toks[i].start
    if _ANYONE_CALLED.search(ctx.text, max(0, start - 30), start):
        return True
    prev = ctx.prev_words(i, 3)
    if (
        len(prev) >= 2
        and prev[0] in ("called", "named")
        and (prev[1] in _NAMED_THINGS or prev[1] in _PUBLICATION_NOUNS)
    ):
        return True  # "a group called Hope", "a book called Grace": a thing's name
    return _ABOUT_NAMES.search(ctx.text, max(0, start - 120), start) is not None and _listed(ctx, i)


def _listed(ctx: _Context, i: int) -> bool:
    """True when token i is an item of a list of capitalised words ("Heather, Rowan, Rose and Ivy") or the
    only word after "named"/"called"/"like"."""
    return any(ctx.toks[k].cap for k in _beside(ctx, i, i)) or ctx.prev_is(i, frozenset({"named", "called", "like"}))


def _note_headings(
    ctx: _Context, taken: _Spans, found: list[Candidate], confirmed: set[str], starts: list[int]
) -> None:
    toks, text, n = ctx.toks, ctx.text, len(ctx.toks)
    for m in _NOTE_NAME.finditer(text) if "(" in text else ():
        # "- Grace (rm 9): COPD, …", "Rowan (tenant not staff!) — ASD": a first name heading a note line, with
        # a room, flat, age or role in brackets, is the person the note is about, even when it is also a word
        x = bisect_left(starts, m.start(1))
        if (
            x < n
            and toks[x].start == m.start(1)
            and (_is_first_name(ctx.lex, toks[x].low) or toks[x].low not in ctx.lex.words)
            and not ctx.no_person[x]
            and not any(s <= toks[x].start < e for s, e, _, _ in found)
            and not taken.overlaps(toks[x].start, toks[x].end)
            and not ctx.blocked.overlaps(toks[x].start, toks[x].end)
        ):
            # not through add(): a bullet before a name is no quotation's attribution dash here
            found.append((toks[x].start, toks[x].end, "PERSON", "A first name heading a note, with a room or role."))
            confirmed.add(toks[x].low)


def _named_by_the_text(ctx: _Context, found: list[Candidate], starts: list[int], add) -> None:
    toks, text, n = ctx.toks, ctx.text, len(ctx.toks)
    for m in _NAMED.finditer(text) if "name" in text or "call" in text or "caa" in text else ():
        # "everyone calls her Mo", "her name is Isobel", "an auld mannie caa'd Dod Sim": the text names someone
        x = bisect_left(starts, m.start(1))
        # "a group called Hope", "anyone called Grace": _named_as_words
        if x >= n or toks[x].start != m.start(1) or _named_as_words(ctx, x) or ctx.no_person[x]:
            continue
        if any(fs <= toks[x].start < fe for fs, fe, _, _ in found) or toks[x].low in ctx.lex.places:
            continue
        j = x + 1
        if j < n and toks[j].cap and toks[j].start == m.end(1) - len(toks[j].word) and not toks[x].poss:
            j += 1
        add(x, j, "A name the text gives someone (“her name is”, “everyone calls her”).")
