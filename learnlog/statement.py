"""Statement assembly: arranges the practitioner's own entries by criterion. It writes no prose of its own.

The only text it adds is a heading per criterion (when asked) and visible `[learnlog: …]` note lines: one where
a criterion has no confirmed evidence, one above an entry included only because learnlog suggested it. Notes
are instructions to the writer, never evidence, so `check` fails while any is left in the statement.

One section per criterion, in the framework's order. Only confirmed links count unless the writer opts in to
suggestions; an entry linked to several criteria appears once: under the first, or under one that has no other
evidence, whose label then joins that section's heading. The entries' own headings are
dropped (template scaffolding such as "## What?") or turned into plain lines (the writer's own words), so a
pasted statement has a single level of headings: the criteria's.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from learnlog.frameworks import Badge
from learnlog.records import Entry

CONFIRMED = frozenset({"manual", "confirmed"})
NOTE_START = "[learnlog:"
_NOTE = re.compile(r"\[learnlog:[^\]\n]*\]?")


@dataclass
class Section:
    criterion_id: str
    label: str
    entries: list[Entry] = field(default_factory=list)
    suggested: list[int] = field(default_factory=list)  # ids of entries here only by suggestion


@dataclass
class Assembly:
    text: str
    sections: list[Section]
    left_out: list[Entry]  # entries with no (confirmed) link to a criterion in scope

    @property
    def entry_ids(self) -> list[int]:
        return [e.id for s in self.sections for e in s.entries if e.id is not None]

    @property
    def missing(self) -> list[str]:
        """Criteria no entry in the statement has a confirmed link to (each has a placeholder note)."""
        placed = [e for s in self.sections for e in s.entries]
        return [
            s.criterion_id
            for s in self.sections
            if not s.entries and not any(e.criteria.get(s.criterion_id) in CONFIRMED for e in placed)
        ]


def placeholder(criterion_id: str, label: str) -> str:
    return (
        f"{NOTE_START} no confirmed evidence for {criterion_id} {label} yet. Write about it here, or confirm a "
        f"suggested entry with 'learnlog review', then delete this line]"
    )


def suggestion_note(entry_id: int | None, criterion_id: str) -> str:
    return (
        f"{NOTE_START} entry {entry_id} is here because learnlog suggested it for {criterion_id}. Confirm with "
        f"'learnlog tag {entry_id} {criterion_id}' or take it out, then delete this line]"
    )


def notes(text: str) -> list[str]:
    """The `[learnlog: …]` lines still in a statement: each one means it is not finished."""
    return _NOTE.findall(text)


def plan(
    entries: Sequence[Entry],
    badge: Badge,
    *,
    criteria: Collection[str] | None = None,
    include_suggested: bool = False,
) -> tuple[list[Section], list[Entry]]:
    """Sections in the badge's order (only `criteria` when given) and the entries no section takes."""
    scope = [c for c in badge.criteria if criteria is None or c.id in criteria]
    sections = {c.id: Section(c.id, c.label) for c in scope}
    left_out: list[Entry] = []
    for e in sorted(entries, key=lambda e: (e.date, e.id or 0)):
        confirmed = next((c.id for c in scope if e.criteria.get(c.id) in CONFIRMED), None)
        suggested = next((c.id for c in scope if e.criteria.get(c.id) == "suggested"), None)
        if confirmed is not None:
            sections[confirmed].entries.append(e)
        elif include_suggested and suggested is not None:
            sections[suggested].entries.append(e)
            sections[suggested].suggested.append(e.id)
        else:
            left_out.append(e)
    _spread(list(sections.values()))
    return list(sections.values()), left_out


def _spread(sections: list[Section]) -> None:
    """An entry confirmed for several criteria moves from a section that has other evidence to one that would
    otherwise have none, so more criteria get their own heading and evidence."""
    for empty in sections:
        if empty.entries:
            continue
        for donor in sections:
            movable = [
                e
                for e in donor.entries
                if len(donor.entries) > 1
                and e.id not in donor.suggested
                and e.criteria.get(empty.criterion_id) in CONFIRMED
            ]
            if movable:
                donor.entries.remove(movable[0])
                empty.entries.append(movable[0])
                break


def _joined(labels: list[str]) -> str:
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def assemble(
    entries: Sequence[Entry],
    badge: Badge,
    *,
    headings: bool = False,
    include_suggested: bool = False,
    criteria: Collection[str] | None = None,
) -> Assembly:
    sections, left_out = plan(entries, badge, criteria=criteria, include_suggested=include_suggested)
    # A criterion evidenced only by an entry shown under another criterion is named in that section's
    # heading (SSSC asks for each criterion as a heading), rather than getting an empty section of its own.
    also: dict[str, list[str]] = {s.criterion_id: [] for s in sections}
    covered: set[str] = set()
    for section in sections:
        if section.entries:
            continue
        host = next((h for h in sections for e in h.entries if e.criteria.get(section.criterion_id) in CONFIRMED), None)
        if host is not None:
            also[host.criterion_id].append(section.label)
            covered.add(section.criterion_id)
    parts: list[str] = []
    for section in sections:
        if section.criterion_id in covered:
            continue
        if headings:
            parts.append(f"## {_joined([section.label, *also[section.criterion_id]])}")
        if not section.entries:
            parts.append(placeholder(section.criterion_id, section.label))
        for e in section.entries:
            if e.id in section.suggested:
                parts.append(suggestion_note(e.id, section.criterion_id))
            body = without_headings(e.body).strip()
            if body:
                parts.append(body)
    text = "\n\n".join(parts) + "\n" if parts else ""
    return Assembly(text, sections, left_out)


def without_headings(body: str) -> str:
    """The body with template headings removed and the writer's own headings kept as plain lines.

    Headings are found by a CommonMark parser, so a `#` line inside a code block or a list is left alone."""
    from markdown_it import MarkdownIt

    from learnlog.templates import is_template_heading

    lines = body.splitlines(keepends=True)
    tokens = MarkdownIt("commonmark").parse(body)
    replace: dict[int, tuple[int, str | None]] = {}
    for i, tok in enumerate(tokens):
        if tok.type != "heading_open" or tok.map is None:
            continue
        text = tokens[i + 1].content.strip()
        start, end = tok.map
        replace[start] = (end, None if is_template_heading(text) or not text else text + "\n")
    out: list[str] = []
    n = 0
    while n < len(lines):
        if n in replace:
            end, text = replace[n]
            if text is not None:
                out.append(text)
            n = end
            continue
        out.append(lines[n])
        n += 1
    return re.sub(r"\n{3,}", "\n\n", "".join(out))


def source_title(entry: Entry) -> str:
    """How an export names an entry it drew on: its title, else its own first line (never a template heading)."""
    from learnlog.entryfile import derive_title

    return entry.title or derive_title(entry.body)


def check_link(url: str) -> str:
    """A statement's link must be a web address a reader can open: http(s), a host, no spaces."""
    from urllib.parse import urlsplit

    from learnlog.errors import UsageError

    value = url.strip()
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(c.isspace() for c in value):
        raise UsageError(f"{url!r} is not a web address; give one like https://my-blog.example.org/statement")
    return value
