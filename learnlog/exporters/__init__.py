"""Export formats behind one small registry: `render("html", doc)`; adding a format is adding one module.

Formats: md (blog / e-portfolio), txt (application form), html (print-friendly page), json (Open Badges 3.0
Evidence). `backup` holds the per-entry file naming and markdown used for whole-log backups.
"""

from __future__ import annotations

from learnlog.errors import UsageError
from learnlog.exporters import markdown, openbadges, plaintext, webpage
from learnlog.exporters.backup import FoldedNames, entry_filename, entry_markdown, slugify
from learnlog.exporters.base import ExportDoc, Format

FORMATS: dict[str, Format] = {f.name: f for f in (markdown.FORMAT, plaintext.FORMAT, webpage.FORMAT, openbadges.FORMAT)}
_BY_NAME = {name: f for f in FORMATS.values() for name in (f.name, *f.aliases)}


def get_format(name: str) -> Format:
    """The format for a name or alias (`markdown` for `md`); a usage error lists the valid names."""
    try:
        return _BY_NAME[name.strip().lower()]
    except KeyError:
        raise UsageError(f"Unknown export format {name!r}. Use one of: {', '.join(FORMATS)}") from None


def render(fmt: str, doc: ExportDoc, *, fragment: bool = False) -> str:
    """The document in a format; `fragment` asks for the body alone (only formats that have one)."""
    found = get_format(fmt)
    if not fragment:
        return found.render(doc)
    if found.fragment is None:
        have = ", ".join(f.name for f in FORMATS.values() if f.fragment)
        raise UsageError(f"--fragment works with --format {have}, not {found.name}")
    return found.fragment(doc)


__all__ = [
    "FORMATS",
    "ExportDoc",
    "FoldedNames",
    "Format",
    "entry_filename",
    "entry_markdown",
    "get_format",
    "render",
    "slugify",
]
