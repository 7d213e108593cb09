"""Reflective templates for new entries, one markdown file each in this folder (`sssc.md`, `gibbs.md` …).

They are data, not code, so a practitioner or trainer can read and adapt them. Each file has frontmatter with a
`title:` line (left empty for the writer to fill in, so the draft shows where the entry's title goes — an entry
must never end up called "What?") and `about:` (one line shown in help). The body is the headings to write under.
Statement assembly and title derivation (`entryfile.derive_title`) skip those headings: they are scaffolding,
not evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from learnlog.errors import UsageError

HERE = Path(__file__).parent
DEFAULT = "rolfe"
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_FRONTMATTER = re.compile(r"\A---\n(.*?)^---\n", re.DOTALL | re.MULTILINE)


@dataclass(frozen=True)
class Template:
    name: str
    about: str
    body: str  # what the editor opens under the frontmatter

    @property
    def headings(self) -> tuple[str, ...]:
        return tuple(m.group(1) for line in self.body.splitlines() if (m := _HEADING.match(line)))


@cache
def names() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in HERE.glob("*.md")))


@cache
def load(name: str) -> Template:
    """The template called `name`; an unknown name is a usage error listing the ones that exist."""
    if name not in names():
        raise UsageError(f"unknown template {name!r}; choose {', '.join(names())}")
    text = (HERE / f"{name}.md").read_text(encoding="utf-8")
    m = _FRONTMATTER.match(text)
    head, body = (m.group(1), text[m.end() :]) if m else ("", text)
    # Flat `key: value` lines (our own files): read without YAML, so titles shown by `list` stay light.
    meta = {k.strip(): v.strip().strip('"') for k, _, v in (line.partition(":") for line in head.splitlines()) if v}
    return Template(name=name, about=str(meta.get("about", "")), body=body)


@cache
def known_headings() -> frozenset[str]:
    """Every heading any template offers, compared without case or trailing punctuation."""
    # A writer who shortens "## Experience: what happened…" to "## Experience" is still using the template.
    keys = {_key(h) for n in names() for h in load(n).headings}
    return frozenset(keys | {_key(k.split(":", 1)[0]) for k in keys})


def _key(heading: str) -> str:
    return heading.strip().rstrip(":?.!").strip().casefold()


def is_template_heading(text: str) -> bool:
    return _key(text) in known_headings()


def draft(name: str, frontmatter: str) -> str:
    """The editor's starting text: the entry's frontmatter with an empty `title:` line, then the template body.

    `frontmatter` is the YAML of the new entry (date, tags …) without fences; a `title:` already in it is kept."""
    tpl = load(name)
    head = frontmatter if frontmatter.endswith("\n") or not frontmatter else frontmatter + "\n"
    if not re.search(r"^title:", head, re.MULTILINE):
        head = 'title: ""\n' + head
    return f"---\n{head}---\n{tpl.body}"
