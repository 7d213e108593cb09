"""`html`: one self-contained, print-friendly page (no external files), for a portfolio or a PDF via "Print".

The statement is converted by markdown-it-py with raw HTML switched off, so anything that looks like a tag in
the practitioner's text (`<script>`, `<b>`) is shown as text, never run. Body headings start at <h2>, so the page
title is the only <h1> (screen readers use it to name the page), and never skip a level (h2 then h4 becomes h2
then h3): the Nu HTML checker and screen-reader users both read a skipped level as a missing section.

`--fragment` gives the body alone — no <html>, no styles, headings from <h2> — for a blog editor's HTML view
(WordPress, Blogger), where the post title is the page's <h1>.
"""

from __future__ import annotations

from html import escape

from learnlog.exporters.base import LINK_LABEL, ExportDoc, Format, long_date

CSS = """
:root { color-scheme: light; }
body { font: 1.05rem/1.6 Georgia, "Times New Roman", serif; color: #1a1a1a; background: #fff;
       max-width: 42rem; margin: 2rem auto; padding: 0 1rem; }
h1, h2, h3, h4, h5, h6 { font-family: system-ui, -apple-system, "Segoe UI", Arial, sans-serif;
       line-height: 1.25; }
h1 { font-size: 1.7rem; margin-bottom: .25rem; }
.meta { color: #444; font-size: .95rem; margin-top: 0; }
a { color: #0b4f8a; }
blockquote { margin: 1rem 0; padding-left: 1rem; border-left: 3px solid #999; color: #333; }
pre { white-space: pre-wrap; background: #f4f4f4; padding: .5rem; }
table { border-collapse: collapse; }
th, td { border: 1px solid #bbb; padding: .25rem .5rem; text-align: left; }
footer { border-top: 1px solid #ccc; margin-top: 2.5rem; font-size: .95rem; }
@media print {
  @page { margin: 2cm; }
  body { max-width: none; margin: 0; padding: 0; font-size: 11pt; }
  a { color: inherit; text-decoration: none; }
  main a[href^="http"]::after { content: " (" attr(href) ")"; font-size: .9em; }
  h1, h2, h3, h4 { break-after: avoid; }
  p, li, blockquote { orphans: 3; widows: 3; }
  pre, blockquote, table { break-inside: avoid; }
}
""".strip()


def markdown_to_html(markdown: str, top: int = 2) -> str:
    """HTML for the body, headings renumbered from `top` without skipping a level."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
    tokens = md.parse(markdown)
    opening = [t for t in tokens if t.type == "heading_open"]
    rank = {level: i for i, level in enumerate(sorted({int(t.tag[1]) for t in opening}))}
    previous = top - 1
    stack: list[str] = []
    for token in tokens:
        if token.type == "heading_open":
            level = min(top + rank[int(token.tag[1])], previous + 1, 6)
            token.tag = f"h{level}"
            stack.append(token.tag)
            previous = level
        elif token.type == "heading_close":
            token.tag = stack.pop()
    return md.renderer.render(tokens, md.options, {})


def _link(url: str) -> str:
    """A link shown as its address; only web addresses become clickable (never javascript: or data:)."""
    if url.lower().startswith(("https://", "http://")):
        return f'<a href="{escape(url)}">{escape(url)}</a>'
    return escape(url)


def fragment(doc: ExportDoc) -> str:
    body = markdown_to_html(doc.body)
    if doc.link:
        body += f"<p>{LINK_LABEL} {_link(doc.link)}</p>\n"
    return body


def render(doc: ExportDoc) -> str:
    badge = doc.badge
    meta = [f"Evidence for the Open Badge “{escape(badge.title)}”, issued by {escape(badge.issuer)}"]
    meta.append(f"{doc.word_count:,} words")
    changed = doc.last_changed()
    if changed is not None:
        meta.append(f"last updated {long_date(changed)}")
    criteria = doc.covered_criteria()
    items = "\n".join(
        f"<li><strong>{escape(cid)}</strong>{' — ' + escape(label) if label else ''}</li>" for cid, label in criteria
    )
    footer = ""
    if criteria:
        footer += f'<h2>Criteria this statement addresses</h2>\n<ul class="criteria">\n{items}\n</ul>\n'
    if doc.sources:
        listed = "\n".join(f"<li>{escape(title)} ({long_date(day)})</li>" for title, day in doc.sources)
        footer += f'<h2>Drawn from my learning log</h2>\n<ul class="sources">\n{listed}\n</ul>\n'
    if footer:
        footer = f"<footer>\n{footer}</footer>\n"
    link = f'<p class="meta">{LINK_LABEL} {_link(doc.link)}</p>\n' if doc.link else ""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(doc.title)}</title>\n<style>\n{CSS}\n</style>\n</head>\n<body>\n"
        f'<header>\n<h1>{escape(doc.title)}</h1>\n<p class="meta">{" · ".join(meta)}</p>\n{link}</header>\n'
        f"<main>\n{markdown_to_html(doc.body)}</main>\n{footer}</body>\n</html>\n"
    )


FORMAT = Format(
    "html", "html", "One print-friendly web page (print to PDF from a browser)", render, ("web",), fragment=fragment
)
