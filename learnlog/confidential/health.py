"""Health conditions the text ties to a person, not conditions discussed in general."""

from __future__ import annotations

from bisect import bisect_left

from learnlog.confidential.context import _Context
from learnlog.confidential.findings import Candidate
from learnlog.confidential.patterns import _BOUNDARY, _adjacent, _cues, _gap, _Pattern, _Spans
from learnlog.confidential.vocabulary import (
    _GENERIC_SUBJECTS,
    _HEALTH_GENERAL_AFTER,
    _HEALTH_LINKS,
    _NOT_HEALTH_BEFORE,
    _POSSESSIVES,
    _ROLE_NOUNS,
    _SUBJECT_PRONOUNS,
    _TREATMENT_WORDS,
)

_PRONOUN_REACH = 1500
_TREATMENT_REACH = 300
_CLAUSE_OPENERS = _cues("clause_openers")
_CAUSE_WORDS = _cues("cause_words")
_DIAGNOSED_AFTER = _Pattern(r",?\s+(?:was\s+|were\s+|newly\s+)?(?:diagnosed|confirmed)\b")
# Words just before a medicine that make it someone's: "on clozapine", "takes metformin", "her inhaler".
_TAKE_WORDS = _cues("take_words")
# "drugs such as clozapine", "like methadone", "e.g. insulin": a medicine named as an example
_GENERAL_MARKERS = _cues("general_markers")
_QUOTE_OPEN = _Pattern(r"(?:^|[\s(])‘[^’]*$")


def _quoted(text: str, pos: int) -> bool:
    """True when pos sits inside an open quotation in its sentence: ‘it was all about my stroke’."""
    window = text[max(0, pos - 200) : pos]
    window = window[max(window.rfind("\n"), window.rfind(". ")) + 1 :]
    if "“" in window and "”" not in window.split("“")[-1]:
        return True
    return _QUOTE_OPEN.search(window) is not None


def _health(ctx: _Context, people: list[Candidate], matches: list[tuple[int, int]]) -> list[Candidate]:
    """Conditions the text ties to a person: "Kyle's epilepsy", "Mrs Dunsmore has vascular dementia"."""
    toks, text = ctx.toks, ctx.text
    if not matches or not people:
        return []
    persons = _Spans((s, e) for s, e, _, _ in people)

    def is_person(k: int) -> bool:
        return persons.covering(toks[k].start, toks[k].end)

    def person_near(pos: int, reach: int = _PRONOUN_REACH) -> bool:
        last = persons.last_start_before(pos)
        # A whole entry names someone once and says "she" for a page after: a pronoun reaches back that far.
        return last >= 0 and pos - last <= reach

    def person_follows(pos: int) -> bool:
        """ "After her stroke Mrs Lindsay …": a pronoun before the name it stands for, in one sentence."""
        x = bisect_left(persons.starts, pos)
        if x >= len(persons.starts):
            return False
        nxt = persons.starts[x]
        return nxt - pos <= 60 and not _BOUNDARY.search(text, pos, nxt)

    out: list[Candidate] = []
    for i, j in matches:
        start, end = toks[i].start, toks[j - 1].end
        if toks[j - 1].poss and j - i == 1:
            end = toks[j - 1].fend  # "Parkinson's"
        if ctx.blocked.overlaps(start, end):
            continue
        owned = i > 0 and (toks[i - 1].low in _POSSESSIVES or (toks[i - 1].poss and is_person(i - 1)))
        if j < len(toks) and toks[j].low in _HEALTH_GENERAL_AFTER and _adjacent(_gap(text, toks, j)) and not owned:
            continue  # "dementia training", "autism awareness", "insulin errors"; but "his Parkinson's medication"
        linked = ""
        k, steps = i - 1, 0
        while k >= 0 and steps < 8 and not _BOUNDARY.search(_gap(text, toks, k + 1)):
            t = toks[k]
            near = steps <= 3
            if near and t.poss and is_person(k):
                linked = "A health condition attached to a named person."
            elif near and t.low in ("his", "her", "their") and (person_near(start) or person_follows(end)):
                linked = "A health condition of a person named nearby."
            elif near and t.poss and t.low in _ROLE_NOUNS and person_near(start):
                linked = "A health condition of a named person's relative."
            elif near and t.low == "my" and person_near(start) and _quoted(text, start):
                linked = "A health condition a named person describes in their own words."
            if linked or t.low in _NOT_HEALTH_BEFORE or t.low in _CLAUSE_OPENERS:
                break  # "…their sense of time, and that hallucinations can be…": a link before "that" is another clause's
            if t.poss and t.low in _SUBJECT_PRONOUNS and (person_near(start) or person_follows(end)):
                linked = "A health condition of a person named nearby."  # "he's diabetic": "he is"
                break
            if t.low == "to" and k > 0 and toks[k - 1].low in _CAUSE_WORDS and person_near(start):
                linked = "A health condition of a person named nearby."  # "may be linked to PTSD"
                break
            if t.low in _HEALTH_LINKS or (t.low == "for" and k > 0 and toks[k - 1].low in _TREATMENT_WORDS):
                # "has epilepsy", "lives with dementia", "dialysis sessions for kidney failure"
                linked = _health_subject(ctx, k, start, is_person, person_near, person_follows)
                break
            k -= 1
            steps += 1
        if not linked and i in ctx.treatments:
            linked = _treatment_link(ctx, i, j, is_person, person_near)
        if not linked and _DIAGNOSED_AFTER.match(text, toks[j - 1].fend) and person_near(start):
            linked = "A health condition of a person named nearby."  # "pancreatic cancer, diagnosed in the summer"
        if linked:
            out.append((start, end, "HEALTH", linked))
    return out


def _treatment_link(ctx: _Context, i: int, j: int, is_person, person_near) -> str:
    """A medicine or device is someone's when the sentence is about someone: "he takes furosemide in the
    morning", "she's been on clozapine", "Wullie with the oxygen". Unlike a condition, nobody is "on
    clozapine" in general, so a take-word or a person in the same sentence is enough; "antipsychotics such
    as clozapine" in a sentence about no one stays unflagged."""
    toks, text = ctx.toks, ctx.text
    start = toks[i].start
    if not person_near(start):
        return ""
    # "people on antipsychotics gain weight": said of people in general
    if any(toks[k].low in _GENERIC_SUBJECTS for k in range(max(0, i - 4), i)):
        return ""
    # Unlike a condition, refusing a treatment still says what someone has ("said no to the chemo"), so a
    # "no" before one does not clear it.
    k, steps = i - 1, 0
    while k >= 0 and steps < 3 and not _BOUNDARY.search(_gap(text, toks, k + 1)):
        low = toks[k].low
        if low in _GENERAL_MARKERS:
            return ""
        if low in _TAKE_WORDS:
            return "A medicine or treatment someone named nearby is taking."
        k -= 1
        steps += 1
    # The rest of the sentence, both ways: a person's name or a pronoun for one, and nobody in general.
    lo = i
    while lo > 0 and i - lo < 20 and not _BOUNDARY.search(_gap(text, toks, lo)):
        lo -= 1
    hi = j
    while hi < len(toks) and hi - j < 12 and not _BOUNDARY.search(_gap(text, toks, hi)):
        hi += 1
    around = [k for k in range(lo, hi) if not i <= k < j]
    if any(toks[k].low in _GENERIC_SUBJECTS or toks[k].low in _GENERAL_MARKERS for k in around):
        return ""
    if any(is_person(k) or toks[k].low in _SUBJECT_PRONOUNS for k in around):
        return "A medicine or treatment in a sentence about a person named nearby."
    if person_near(start, _TREATMENT_REACH):
        # "the syringe driver went up this morning": a treatment just after someone is named is theirs
        return "A medicine or treatment mentioned just after a person is named."
    return ""


def _health_subject(ctx: _Context, k: int, start: int, is_person, person_near, person_follows) -> str:
    """Who "has", "lives with" or was "diagnosed with" the condition: a named person or a pronoun for one."""
    toks, text = ctx.toks, ctx.text
    if k > 0 and toks[k - 1].low in _GENERIC_SUBJECTS:
        return ""  # "people living with dementia"
    m = k - 1
    while m >= 0 and k - m <= 12 and not _BOUNDARY.search(_gap(text, toks, m + 1)):
        if is_person(m):
            return "A health condition attached to a named person."
        low = toks[m].low
        if low in _SUBJECT_PRONOUNS and (person_near(start) or (low in _POSSESSIVES and person_follows(start))):
            return "A health condition of a person named nearby."
        if low in _GENERIC_SUBJECTS:
            return ""
        m -= 1
    return ""
