"""`md`: the statement as a markdown file with YAML frontmatter, ready for a blog or e-portfolio.

SSSC accepts a link to the applicant's own blog or e-portfolio as evidence; static-site generators (Jekyll,
Hugo, Eleventy) and most e-portfolio importers read `title`/`date` frontmatter, so those keys come first.
"""

from __future__ import annotations

from typing import Any

from learnlog.exporters.base import LINK_LABEL, ExportDoc, Format


def render(doc: ExportDoc) -> str:
    import yaml

    meta: dict[str, Any] = {"title": doc.title}
    changed = doc.last_changed()
    if changed is not None:
        meta["date"] = changed.date()
    meta["badge"] = {"id": doc.badge.id, "title": doc.badge.title}
    meta["issuer"] = doc.badge.issuer
    meta["criteria"] = [{"id": cid, "label": label} for cid, label in doc.covered_criteria()]
    meta["words"] = doc.word_count
    if doc.link:
        meta["link"] = doc.link
    if doc.sources:
        meta["entries"] = [{"title": title, "date": day} for title, day in doc.sources]
    if doc.created is not None:
        meta["created"] = doc.created.isoformat()
    if doc.updated is not None:
        meta["updated"] = doc.updated.isoformat()
    head = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000)
    body = doc.body if doc.body.endswith("\n") else doc.body + "\n"
    if doc.link:
        body += f"\n{LINK_LABEL} <{doc.link}>\n"
    return f"---\n{head}---\n\n{body}"


FORMAT = Format("md", "md", "Markdown with frontmatter, for a blog or e-portfolio", render, ("markdown",))
