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
_PLACE_BEFORE = frozenset({"at", "from", "to", "into", "outside", "near"})
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
    found_ends: set[int] = set()  # token index after each health detail found, for lists of them
    for i, j in matches:
        start, end = toks[i].start, toks[j - 1].end
        if toks[j - 1].poss and j - i == 1:
            end = toks[j - 1].fend  # "Parkinson's"
        if ctx.blocked.overlaps(start, end):
            continue
        owned = i > 0 and (toks[i - 1].low in _POSSESSIVES or (toks[i - 1].poss and is_person(i - 1)))
        kind = ctx.health_kind.get(i, "condition")
        linked = "" if kind == "body" else _listed_after(ctx, i, found_ends) or _on_body(ctx, j, person_near(start))
        if not linked and kind != "body" and _note_about(text, persons, start):
            linked = "A health detail in a note headed by a person's name (“Grace (rm 9): COPD, …”)."
        if not linked and kind in ("owned", "body", "state"):
            # Words that are health details only as someone's: "her sugars", "his chest was tight", "she
            # was breathless"; "sugar in tea", "the chest of drawers", "a breathless run" are not.
            linked = _owned_link(ctx, i, j, kind, is_person, person_near, person_follows)
        if not linked and kind == "owned" and _the_symptom(ctx, i, j, person_near(start, _TREATMENT_REACH)):
            linked = "A symptom of a person named just before (“the falls”, “the shakes”)."
        if (
            not linked
            and kind == "owned"
            and (j - i > 1 or toks[i].low in _SYMPTOMS)
            and _subject_has(ctx, i, j, is_person)
        ):
            linked = "A symptom in a sentence whose subject is a named person (“Kev's been drinking most days”)."
        if linked or kind in ("owned", "body", "state"):
            if linked:
                out.append((start, end, "HEALTH", linked))
                found_ends.add(j)
            continue
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
        if (
            kind == "treatment"
            and i > 1
            and toks[i - 1].low == "the"
            and toks[i - 2].low in _PLACE_BEFORE
            and toks[i].low in ctx.lex.words
        ):
            continue  # "night shift at the depot": an everyday word for a place, not a medicine
        if not linked and kind == "treatment":
            linked = _treatment_link(ctx, i, j, is_person, person_near)
        if not linked and kind == "condition" and not _general_sentence(ctx, i, j):
            # "can", "may", "type" teach only in a sentence that names nobody: "Mr Ali can not swallow since
            # the stroke", "Dod has type 2 diabetes" are about Mr Ali and Dod
            if not _teaching(ctx, i, j, strong=True):
                linked = _sentence_link(ctx, i, j, is_person, person_near, named_only=_teaching(ctx, i, j))
            if (
                not linked
                and person_near(start, _TREATMENT_REACH)
                and not _quoted_title(text, start)
                and not _teaching(ctx, i, j)
            ):
                # "its not just the UTI", "the pneumonia admission", "the falls": a condition just after
                # someone is named, in a sentence about no one in general, is theirs
                linked = "A health condition mentioned just after a person is named."
        if not linked and _terse_item(text, start, end) and person_near(start, _TERSE_REACH):
            linked = "A condition listed in a note about a person named just before."
        if not linked and _DIAGNOSED_AFTER.match(text, toks[j - 1].fend) and person_near(start):
            linked = "A health condition of a person named nearby."  # "pancreatic cancer, diagnosed in the summer"
        if linked:
            out.append((start, end, "HEALTH", linked))
            found_ends.add(j)
    return out


_LIST_GAPS = frozenset({",", "and", ", and", "–", "-", "—", "or", "/", "+", "&"})


# "- Grace (rm 9): COPD, CKD 3, falls x2", "Rowan (tenant) — ASD, epilepsy, on lamotrigine", "Murdo: stoma bag
# leaking": a line that opens with a person's name and a colon or dash is a note about them, to its end
_NOTE_HEAD = _Pattern(r"[ \t]*(?:[-–—•*·]|\d{1,2}[.)]|[a-z][.)])?[ \t]*")
_NOTE_SEPARATOR = _Pattern(r"(?:[ \t]*\([^()\n]{0,30}\))?[ \t]*(?::|[-–—](?=[ \t]))")


def _note_about(text: str, persons: _Spans, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    head = _NOTE_HEAD.match(text, line_start)
    at = head.end() if head else line_start
    x = bisect_left(persons.starts, at)
    if x >= len(persons.starts) or persons.starts[x] != at:
        return False
    sep = _NOTE_SEPARATOR.match(text, persons.spans[x][1])
    return sep is not None and sep.end() <= start and "\n" not in text[sep.end() : start]


_THE_SYMPTOMS = _cues("the_symptoms")
_SYMPTOMS = _THE_SYMPTOMS | _cues("subject_symptoms")
_SUBJECT_GAP = 8  # tokens from the named subject to the symptom, within one clause


def _subject_has(ctx: _Context, i: int, j: int, is_person) -> bool:
    """ "Kev's been drinking most days", "Hamish, he's got a bit of a cough and a wheeze": a named person
    starts the clause and a symptom follows within a few words, in a sentence about no one in general."""
    toks, text = ctx.toks, ctx.text
    k = i - 1
    while k >= 0 and i - k <= _SUBJECT_GAP and not _BOUNDARY.search(_gap(text, toks, k + 1)):
        if is_person(k) or (
            toks[k].low in ("he", "she", "hes", "shes") and k > 0 and "," in _gap(text, toks, k) and is_person(k - 1)
        ):
            first = k - 1 if not is_person(k) else k
            while first > 0 and is_person(first - 1):
                first -= 1
            gap = _gap(text, toks, first)
            at_start = first == 0 or _BOUNDARY.search(gap) or "," in gap or toks[first - 1].low in ("and", "but", "on")
            return bool(at_start) and not _general_sentence(ctx, i, j) and not _teaching(ctx, i, j, strong=True)
        if "," in _gap(text, toks, k + 1) or toks[k].low in _GENERIC_SUBJECTS or toks[k].low in _NOT_HEALTH_BEFORE:
            return False
        k -= 1
    return False


def _the_symptom(ctx: _Context, i: int, j: int, near: bool) -> bool:
    """ "the falls had been getting worse", "the shakes are bad": "the" and a symptom, just after someone is
    named, in a sentence about no one in general; "the falls policy" and "the falls team" are not."""
    toks = ctx.toks
    if not near or j - i != 1 or i == 0 or toks[i - 1].low != "the" or toks[i].low not in _THE_SYMPTOMS:
        return False
    if j < len(toks) and toks[j].low in _NOT_THE_SYMPTOM_AFTER and _adjacent(_gap(ctx.text, toks, j)):
        return False
    return not _general_sentence(ctx, i, j) and not _teaching(ctx, i, j)


# "the falls clinic", "the seizure protocol", "the voices group": a service or paper about the symptom
_NOT_THE_SYMPTOM_AFTER = _HEALTH_GENERAL_AFTER | _cues("symptom_paper_words")


def _listed_after(ctx: _Context, i: int, found_ends: set[int]) -> str:
    """ "side effects – nausea, headaches", "complex PTSD, panic attacks": the next item of a list whose
    item before is someone's health detail is theirs too."""
    if i == 0:
        return ""
    k = i - 1
    gap = " ".join(ctx.text[ctx.toks[k].fend : ctx.toks[i].start].split())
    if gap in _LIST_GAPS and i in found_ends:
        return "A health detail listed with another of the same person's."
    if gap == "" and ctx.toks[k].low in ("and", "or") and k in found_ends:
        joined = " ".join(ctx.text[ctx.toks[k - 1].fend : ctx.toks[k].start].split()) if k > 0 else "x"
        if joined in ("", ","):
            return "A health detail listed with another of the same person's."
    return ""


def _on_body(ctx: _Context, j: int, near: bool) -> str:
    """ "weakness in her left arm", "a sore on his sacrum", "cutting to her forearms": a health word, then
    "in", "on" or "to" and a part of someone's body."""
    toks = ctx.toks
    if not near or j + 2 >= len(toks) or toks[j].low not in ("in", "on", "to", "of"):
        return ""
    if toks[j + 1].low not in _POSSESSIVES:
        return ""
    k = j + 2
    if toks[k].low in _OWNED_ADJECTIVES or toks[k].low in ("upper", "lower"):
        k += 1
    if (
        k < len(toks)
        and ctx.health_kind.get(k) == "body"
        and not _BOUNDARY.search(ctx.text, toks[j - 1].end, toks[k].start)
    ):
        return "A health detail on a part of someone's body."
    return ""


# A case note lists conditions as bare items: "Mr Gordon - transferred. Alcohol-related brain damage, lives
# alone.", "Rent arrears, depression.", "Hx bipolar, on lithium". A condition that is a whole item on its own
# (nothing before it in its clause but a note abbreviation, and a comma or full stop right after) is about
# the person the note has just named; training notes list topics too, so the person must be close and the
# list must not be introduced by a colon ("Topics: dementia, delirium").
_TERSE_REACH = 250
_TERSE_BEFORE = _Pattern(
    r"(?:^\s*|[.;\n]\s*|[^:\s][^:\n]{0,80}?,\s*|[-–—]\s+)(?:(?:hx|pmh|dx|known|reports|query|\?)\s+)?$", 2
)
# "Dementia, the trainer said, is …" is prose about the condition: after a list item's comma comes another
# item ("lives alone", "on lithium"), never an article, a pronoun or a verb of being.
_TERSE_AFTER = _Pattern(
    r"\s*(?:[.;\n]|$|,(?!\s*(?:the|a|an|this|that|these|those|it|which|who|as|is|was|are|like|unlike|for|in|"
    r"according|i|we|they|you|she|he|and|or|but|so)\b))",
    2,
)
_TERSE_GENERAL = _Pattern(r"\b(?:training|topics?|course|module|awareness|session|covered|including|such as)\b", 2)


def _terse_item(text: str, start: int, end: int) -> bool:
    if not _TERSE_AFTER.match(text, end):
        return False
    line_start = max(text.rfind("\n", 0, start), text.rfind(". ", 0, start), text.rfind(":", 0, start)) + 1
    before = text[max(line_start, start - 120) : start]
    if ":" in text[max(0, start - 120) : start].split(".")[-1]:
        return False
    if _TERSE_GENERAL.search(before):
        return False
    return _TERSE_BEFORE.search(before) is not None


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
        if (
            low in _ROLE_NOUNS
            and m == k - 1
            and toks[k].low not in ("of", "from", "after", "through", "since")
            and person_near(start)
        ):
            # "Husband has Alzheimer's", "Mum has vascular dementia": a relative of the person the note is about
            return "A health condition of a named person's relative."
        m -= 1
    return ""


_OWNER_BEFORE = frozenset({"his", "her", "their", "hes", "shes", "my"})
# "his chest was tight", "her knee lets her", "his legs are swelling", "in hospital with her heart": a body part
# is a health detail when something is wrong with it, or when care is for it
_BODY_PREDICATES = _cues("body_predicates")
_BODY_CARE_BEFORE = frozenset({"with", "for", "about", "on", "into", "to"})
_STATE_VERBS = _cues("state_verbs")
_STATE_SOFTENERS = _cues("state_softeners")
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "hes", "shes", "i"})
_OWNED_REACH = 1500
# people in general; "I" and "we" are the writer and the team, who also write about the person supported
_GENERAL_PEOPLE = _GENERIC_SUBJECTS - {"i", "we", "us", "you"}
_PARTICLES = frozenset({"down", "back", "up", "off", "out", "of"})


def _owner(ctx: _Context, i: int, is_person) -> int:
    """Index of the possessive that owns the term starting at token i ("her left arm", "Kyle's new
    tablets", "his blood sugar"), or -1."""
    toks = ctx.toks
    k = i - 1
    if k >= 0 and toks[k].low in _OWNED_ADJECTIVES:
        k -= 1  # one describing word between: "her left arm", "his new tablets", "her last level"
    if k < 0 or not _adjacent(_gap(ctx.text, toks, k + 1)):
        return -1
    if toks[k].low in _OWNER_BEFORE or (toks[k].poss and (is_person(k) or toks[k].low in _PERSON_PRONOUNS)):
        return k
    return -1


_OWNED_ADJECTIVES = _cues("owned_adjectives")


def _owned_link(ctx: _Context, i: int, j: int, kind: str, is_person, person_near, person_follows) -> str:
    toks, text = ctx.toks, ctx.text
    start = toks[i].start
    if not (person_near(start, _OWNED_REACH) or person_follows(toks[j - 1].end)):
        return ""
    if j < len(toks) and toks[j].low in _PARTICLES and _adjacent(_gap(text, toks, j)):
        return ""  # "cutting down her clozapine", "sick of it": a verb, not a symptom
    if kind == "state":
        return _state_link(ctx, i, is_person)
    owner = _owner(ctx, i, is_person)
    if owner < 0:
        return _owned_by_verb(ctx, i, is_person, person_near, person_follows) if kind == "owned" else ""
    if toks[owner].low == "my" and not _quoted(text, start):
        return ""  # the writer's own, unless a named person says it in their own words
    if kind == "owned":
        return "A health detail that is someone's (a possessive before it)."
    # a body part: something wrong with it just after, or care given for it just before
    after = []
    for k in range(j, min(j + 3, len(toks))):
        if _BOUNDARY.search(_gap(text, toks, k)) or "," in _gap(text, toks, k) or toks[k].low in ("and", "but", "or"):
            break  # "in his left ear and they're going to …": what follows is about something else
        after.append(toks[k].low)
    if any(w in _BODY_PREDICATES for w in after):
        return "A part of someone's body with something wrong with it."
    if owner > 0 and toks[owner - 1].low in _BODY_CARE_BEFORE and any(w in _BODY_PREDICATES for w in after[:2]):
        return "A part of someone's body with something wrong with it."
    if owner > 0 and toks[owner - 1].low in _INJURY_VERBS:
        return "A part of someone's body that was hurt."  # "broke her wrist", "cut her head", "hurt his back"
    if owner > 0 and toks[owner - 1].low == "with" and owner > 1 and toks[owner - 2].low in _IN_CARE:
        return "A part of someone's body they are being treated for."  # "in hospital with her heart"
    return ""


_INJURY_VERBS = _cues("injury_verbs")
_IN_CARE = frozenset({"hospital", "admitted", "in", "bed", "off", "unwell", "seen", "struggling", "trouble"})


def _state_link(ctx: _Context, i: int, is_person) -> str:
    """ "she was breathless", "he's been dizzy", "makes her itchy", "Ms Wang is pregnant": a person, a verb
    of being or feeling, then the state (softeners such as "very" or "a bit" may stand between)."""
    toks, text = ctx.toks, ctx.text
    k, steps = i - 1, 0
    while k >= 0 and steps < 4 and not _BOUNDARY.search(_gap(text, toks, k + 1)):
        low = toks[k].low
        if low in ("and", "or") and k > 0 and ctx.health_kind.get(k - 1) == "state":
            return _state_link(ctx, k - 1, is_person)  # "makes her itchy and confused"
        if low in _STATE_SOFTENERS or low.isdigit() or low in ("weeks", "months"):  # "28 weeks pregnant"
            k -= 1
            steps += 1
            continue
        if low in ("him", "her", "them") and k > 0 and toks[k - 1].low in ("makes", "made", "make", "making", "left"):
            return "A state of health someone is in."  # "they make him dizzy"
        if toks[k].poss and (toks[k].low in _PERSON_PRONOUNS or is_person(k)):
            return "A state of health someone is in."  # "he's breathless", "Tam's poorly"
        if low in _STATE_VERBS:
            m = k - 1
            while m >= 0 and k - m <= 6 and not _BOUNDARY.search(_gap(text, toks, m + 1)):
                if is_person(m) or (toks[m].low in _PERSON_PRONOUNS and toks[m].low != "i"):
                    return "A state of health someone is in."  # but not the writer's own "I felt sick"
                if toks[m].low in _GENERIC_SUBJECTS:
                    return ""
                m -= 1
            return ""
        return ""
    return ""


def _general_sentence(ctx: _Context, i: int, j: int) -> bool:
    """True when the sentence around tokens [i, j) speaks of people in general or of training ("people with
    dementia", "the course covered epilepsy", "such as", "including")."""
    lo, hi = _sentence_bounds(ctx, i, j)
    toks = ctx.toks
    if any(toks[k].low in _GENERAL_PEOPLE or toks[k].low in _GENERAL_MARKERS for k in range(lo, hi) if not i <= k < j):
        return True
    sentence = ctx.text[toks[lo].start : toks[hi - 1].end]
    return _TERSE_GENERAL.search(sentence) is not None


def _sentence_bounds(ctx: _Context, i: int, j: int, back: int = 20, ahead: int = 12) -> tuple[int, int]:
    toks, text = ctx.toks, ctx.text
    lo = i
    while lo > 0 and i - lo < back and not _BOUNDARY.search(_gap(text, toks, lo)):
        lo -= 1
    hi = j
    while hi < len(toks) and hi - j < ahead and not _BOUNDARY.search(_gap(text, toks, hi)):
        hi += 1
    return lo, hi


def _sentence_link(ctx: _Context, i: int, j: int, is_person, person_near, named_only: bool = False) -> str:
    """ "Jodie disclosed low mood", "its not just the UTI, his memory is going", "Mr Ogilvie (92, delirium now
    resolving)": a condition in a sentence that names a person, or says "he" or "she" for one named just
    before, is that person's, when nothing in it speaks of people in general."""
    if not person_near(ctx.toks[i].start):
        return ""
    lo, hi = _sentence_bounds(ctx, i, j)
    toks = ctx.toks
    around = [k for k in range(lo, hi) if not i <= k < j]
    if any(is_person(k) for k in around):
        return "A health condition in a sentence about a named person."
    if named_only:
        return ""
    if any(toks[k].low in _PERSON_PRONOUNS and toks[k].low != "i" for k in around):
        return "A health condition in a sentence about a person named nearby."
    return ""


_TITLE_QUOTES = ('"', "“", "‘", "'")


def _quoted_title(text: str, pos: int) -> bool:
    """True inside a quoted title that starts in capitals: "Dancing with Dementia"."""
    window = text[max(0, pos - 60) : pos]
    for q in _TITLE_QUOTES:
        at = window.rfind(q)
        if at >= 0 and window[at + 1 : at + 2].isupper() and q not in window[at + 1 :]:
            return True
    return False


# "she's had two falls", "he has a sore back", "reports side effects", "at home with high temperature": a
# symptom someone has, said with a verb of having rather than a possessive
_HAVING = _cues("having_words")
_HAVING_SKIP = _cues("having_skip")


def _owned_by_verb(ctx: _Context, i: int, is_person, person_near, person_follows) -> str:
    toks, text = ctx.toks, ctx.text
    k, skipped = i - 1, 0
    while k >= 0 and skipped < 3 and toks[k].low in _HAVING_SKIP and not _BOUNDARY.search(_gap(text, toks, k + 1)):
        k -= 1
        skipped += 1
    if k < 0 or toks[k].low not in _HAVING or _BOUNDARY.search(_gap(text, toks, k + 1)):
        return ""
    if toks[k].low in (
        "with",
        "reports",
        "reported",
        "complains",
        "complained",
        "complaining",
        "describes",
        "described",
    ):
        lo, hi = _sentence_bounds(ctx, i, i + 1)
        if any(is_person(m) or toks[m].low in _PERSON_PRONOUNS for m in range(lo, i)) or lo == k:
            return "A symptom someone has."  # "Child Y is at home with high temperature", "Reports side effects"
        return ""
    return _health_subject(ctx, k, toks[i].start, is_person, person_near, person_follows)


# "the trainer said", "we learned that hallucinations can be …": a sentence that teaches or generalises
_TEACHING = _Pattern(
    r"\b(?:learn(?:ed|t|ing)?|taught|teach(?:es|ing)?|trainer|lecturer|facilitator|speaker|explained\s+that|"
    r"can|may|might|often|usually|sometimes|typically|generally|common|commonly|type(?!\s*[12]\b)|types|such)\b",
    2,
)


# Words that make a sentence teaching whoever is in it: "Aisha and I learned that hallucinations can be …"
_STRONG_TEACHING = _Pattern(
    r"\b(?:learn(?:ed|t|ing)?|taught|teach(?:es|ing)?|trainer|lecturer|facilitator|speaker|explained\s+that|"
    r"(?:can|may|might)\s+(?:be|cause|lead|make|affect|happen|mean|include|trigger))\b",
    2,
)


def _teaching(ctx: _Context, i: int, j: int, strong: bool = False) -> bool:
    lo, hi = _sentence_bounds(ctx, i, j)
    pattern = _STRONG_TEACHING if strong else _TEACHING
    return pattern.search(ctx.text, ctx.toks[lo].start, ctx.toks[hi - 1].end) is not None
