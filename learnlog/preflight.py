"""Preflight: everything SSSC will look for, checked before the practitioner submits, one row per check.

Pure: the caller gathers the facts (held badges, criteria coverage, the statement's word count, open findings,
jargon hits, the own-work declaration) and gets rows to show. Only missing requirements fail; advice that a
practitioner may reasonably ignore (a long statement, a few acronyms) warns. Each row's fix is a command that
works when pasted as it stands (real ids, no "ID" to fill in) wherever one exists.

The privacy gate lives here too: `outgoing` lists every piece of text an export lets leave the machine — the
statement's title (also the HTML <title> and the JSON `name`), its body with its headings, its link, the titles
of the entries an export lists, the JSON `description` — and `gate` scans each one, applying the allowlist and
dismissals of the same text (in the statement or in the entries it was built from). A finding in any part fails
the check, so nothing can be walked round by putting it in a title instead of the body.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from learnlog.frameworks import Badge

Status = Literal["pass", "warn", "fail"]

# SSSC's own-work statement, which every applicant agrees to on submission.
OWN_WORK = (
    "In studying and completing the activities for this badge, I confirm that all the work provided as "
    "evidence will be my own."
)


@dataclass(frozen=True)
class PreflightInputs:
    badge: Badge
    held_badges: Collection[str] = ()
    covered: Collection[str] = ()  # criterion ids linked by hand or confirmed
    suggested: Collection[str] = ()  # criterion ids only suggested by learnlog, not yet confirmed
    word_count: int | None = None  # None: there is no statement yet
    findings: Sequence[Any] = ()  # open confidentiality findings in the statement (confidential.Finding)
    jargon: Sequence[Any] = ()  # plain_language.JargonHit in the statement
    own_work_confirmed: dt.date | None = None
    statement_id: int | None = None  # so fixes name the statement: "learnlog scan --statement 3"
    notes: Sequence[str] = ()  # `[learnlog: …]` lines left in the statement (statement.notes)
    trashed_sources: Sequence[int] = ()  # entries the statement was assembled from that are now in the trash
    purged_sources: Sequence[int] = ()  # … and those purged for good


@dataclass(frozen=True)
class Row:
    check: str
    status: Status
    detail: str
    fix: str = ""


@dataclass
class Preflight:
    badge_id: str
    rows: list[Row] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Ready to submit: nothing failed (warnings are advice)."""
        return all(row.status != "fail" for row in self.rows)

    def to_dict(self) -> dict:
        return {"badge": self.badge_id, "ok": self.ok, "rows": [asdict(row) for row in self.rows]}


def _plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def _prerequisites(inp: PreflightInputs) -> Row:
    needed = list(inp.badge.prerequisites)
    if not needed:
        return Row("prerequisites", "pass", "This badge has no prerequisite badges")
    held = set(inp.held_badges)
    missing = [b for b in needed if b not in held]
    if not missing:
        return Row("prerequisites", "pass", f"Held: {', '.join(needed)}")
    return Row(
        "prerequisites",
        "fail",
        f"You need to hold {', '.join(missing)} before applying for this badge",
        "; ".join(f"learnlog badge held {b}" for b in missing),
    )


def _criteria(inp: PreflightInputs) -> Row:
    covered = set(inp.covered)
    criteria = inp.badge.criteria
    if not criteria:  # "all 0 criteria have evidence" is true of nothing: a badge without criteria judges nothing
        return Row(
            "criteria",
            "fail",
            f"badge {inp.badge.id} has no criteria, so no evidence can be judged against it",
            "check its framework file (learnlog badges names the files), or: learnlog badge use BADGE_ID",
        )
    missing = [c for c in criteria if c.id not in covered]
    if not missing:
        return Row("criteria", "pass", f"All {len(criteria)} criteria have evidence you linked or confirmed")
    suggested = set(inp.suggested)
    parts = [f"{c.id} {c.label}" + (" (suggested, not confirmed)" if c.id in suggested else "") for c in missing]
    return Row(
        "criteria",
        "fail",
        f"{_plural(len(missing), 'criterion', 'criteria')} without evidence: {'; '.join(parts)}",
        # A command to paste as it is: confirm what learnlog suggested, else write about the first gap.
        "learnlog review"
        if suggested & {c.id for c in missing}
        else f"learnlog add --template sssc -c {missing[0].id}",
    )


def _edit(inp: PreflightInputs) -> str:
    return "learnlog statement edit" + (f" {inp.statement_id}" if inp.statement_id is not None else "")


def _sources(inp: PreflightInputs) -> Row:
    """Purging an entry removes it from the log, not its words from a statement assembled from it: someone who
    purged an entry for what it said must hear that the statement still says it."""
    trashed, purged = sorted(inp.trashed_sources), sorted(inp.purged_sources)
    if not trashed and not purged:
        return Row("source entries", "pass", "Every entry the statement was assembled from is in the log")
    gone = []
    if purged:
        gone.append(f"{_plural(len(purged), 'entry', 'entries')} {', '.join(map(str, purged))} purged")
    if trashed:
        gone.append(f"{_plural(len(trashed), 'entry', 'entries')} {', '.join(map(str, trashed))} in the trash")
    return Row(
        "source entries",
        "warn",
        f"The statement still holds the words of {' and '.join(gone)}",
        f"Take them out if they should go: {_edit(inp)}",
    )


def _words(inp: PreflightInputs) -> Row:
    count, rule = inp.word_count, inp.badge.words
    if count is None:
        return Row("word count", "fail", "There is no statement yet", "learnlog statement new --all")
    lo, hi = rule.suggested_min, rule.suggested_max
    suggested = f"{lo}–{hi}" if lo is not None and hi is not None else f"at least {lo}" if lo else f"up to {hi}"
    have = _plural(count, "word")
    if rule.hard_min is not None and count < rule.hard_min:
        return Row(
            "word count",
            "fail",
            f"{have}; this badge needs at least {rule.hard_min}",
            f"Add about {rule.hard_min - count} words: {_edit(inp)}",
        )
    if lo is not None and count < lo:
        return Row(
            "word count",
            "fail",
            f"{have}; the badge suggests {suggested} words to reflect your learning",
            f"Add about {lo - count} words: {_edit(inp)}",
        )
    if hi is not None and count > hi:
        return Row(
            "word count",
            "warn",
            f"{have}; the badge suggests {suggested} (a suggestion, not a limit)",
            f"Consider trimming about {count - hi} words: {_edit(inp)}",
        )
    if lo is None and hi is None:
        return Row("word count", "pass", f"{have}; this badge suggests no length")
    return Row("word count", "pass", f"{have}, within the suggested {suggested}")


def _findings(inp: PreflightInputs) -> Row:
    if inp.word_count is None:
        return Row("confidentiality", "warn", "No statement to check yet", "learnlog statement new --all")
    if not inp.findings:
        return Row("confidentiality", "pass", "No open confidentiality findings in the statement")
    labels: list[str] = []
    for finding in inp.findings:
        label = str(getattr(finding, "label", "detail"))
        if label not in labels:
            labels.append(label)
    return Row(
        "confidentiality",
        "fail",
        f"{_plural(len(inp.findings), 'possible private detail')} in the statement ({', '.join(labels)}); "
        "the evidence is public",
        f"learnlog scan --statement {inp.statement_id}" if inp.statement_id is not None else "learnlog scan --all",
    )


def _notes(inp: PreflightInputs) -> Row:
    if inp.word_count is None:
        return Row("draft notes", "warn", "No statement to check yet", "learnlog statement new --all")
    if not inp.notes:
        return Row("draft notes", "pass", "No [learnlog: …] notes left in the statement")
    first = inp.notes[0] if len(inp.notes[0]) <= 80 else inp.notes[0][:79].rstrip() + "…]"
    return Row(
        "draft notes",
        "fail",
        f"{_plural(len(inp.notes), 'note')} from learnlog still in the statement, e.g. {first}",
        "learnlog statement edit" + (f" {inp.statement_id}" if inp.statement_id is not None else ""),
    )


def _plain_language(inp: PreflightInputs) -> Row:
    if inp.word_count is None:
        return Row("plain language", "warn", "No statement to check yet", "learnlog statement new --all")
    terms: list[str] = []
    for hit in inp.jargon:
        term = str(getattr(hit, "term", hit))
        if term not in terms:
            terms.append(term)
    if not terms:
        return Row("plain language", "pass", "No unexplained acronyms or service jargon found")
    return Row(
        "plain language",
        "warn",
        f"{_plural(len(terms), 'term')} a reader may not know: {', '.join(terms)}",
        "Spell out acronyms the first time, e.g. 'Self-directed Support (SDS)', and use everyday words",
    )


def _own_work(inp: PreflightInputs) -> Row:
    when = inp.own_work_confirmed
    if when is None:
        return Row(
            "own work",
            "fail",
            f'Not confirmed yet. Applicants agree: "{OWN_WORK}"',
            "learnlog check --confirm-own-work",
        )
    day = when.date() if isinstance(when, dt.datetime) else when
    return Row("own work", "pass", f"You confirmed the statement is your own work on {day.isoformat()}")


CHECKS = (_prerequisites, _criteria, _sources, _words, _notes, _findings, _plain_language, _own_work)


def run(inputs: PreflightInputs) -> Preflight:
    return Preflight(badge_id=inputs.badge.id, rows=[check(inputs) for check in CHECKS])


# -- the privacy gate --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    """One piece of text that leaves with an export; `where` names it for the user ("title", "entry 7 title")."""

    where: str
    text: str


@dataclass(frozen=True)
class GateFinding:
    where: str
    start: int
    end: int
    label: str
    text: str
    reason: str
    dismissed: bool = False


def outgoing(
    title: str,
    body: str,
    *,
    link: str | None = None,
    entry_titles: Mapping[int, str] | None = None,
    description: str = "",
) -> list[Part]:
    """Every free text an export writes. The HTML <title> and JSON `name` are the title; headings are in the body."""
    parts = [Part("title", title), Part("body", body)]
    if link:
        parts.append(Part("link", link))
    parts.extend(Part(f"entry {eid} title", t) for eid, t in (entry_titles or {}).items() if t)
    if description:
        parts.append(Part("description", description))
    return parts


def gate(
    parts: Iterable[Part], *, allow: Iterable[str] = (), dismissed: Collection[tuple[str, str]] = ()
) -> list[GateFinding]:
    """Scan every part; a finding whose (label, text) was dismissed anywhere it came from stays dismissed.

    `dismissed` holds (label, text) pairs, compared without case, from the statement's own dismissals and those
    of its source entries: a judgement the practitioner made once ("Simon Duffy is the author I cite") holds
    wherever the same words travel."""
    from learnlog.confidential import scan

    allow = tuple(allow)
    keys = {(label, text.casefold()) for label, text in dismissed}
    out: list[GateFinding] = []
    for part in parts:
        for f in scan(part.text, allow=allow):
            gone = (f.label, f.text.casefold()) in keys
            out.append(GateFinding(part.where, f.start, f.end, f.label, f.text, f.reason, gone))
    return out


def open_findings(findings: Iterable[GateFinding]) -> list[GateFinding]:
    return [f for f in findings if not f.dismissed]


def redact_parts(parts: Iterable[Part], findings: Iterable[Any], *, pseudonyms: object = False) -> dict[str, str]:
    """Each part's text with its open findings replaced; `pseudonyms` is False, True or a shared pseudonym map.

    `findings` are GateFindings (`where`, `dismissed`) or stored findings (`part`, `status`)."""
    from learnlog.confidential import Finding, PseudonymMap, redact

    if pseudonyms is True:  # one map across the parts, so the title and the body agree on who is Person A
        pseudonyms = PseudonymMap()
    by_part: dict[str, list[Finding]] = {}
    for f in findings:
        closed = getattr(f, "dismissed", False) or getattr(f, "status", "open") == "dismissed"
        if not closed:
            where = getattr(f, "where", None) or getattr(f, "part", "body")
            by_part.setdefault(where, []).append(Finding(f.start, f.end, f.label, f.text, f.reason))
    return {p.where: redact(p.text, by_part.get(p.where, []), pseudonyms=pseudonyms) for p in parts}
