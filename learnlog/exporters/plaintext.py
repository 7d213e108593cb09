"""`txt`: the statement as plain text for pasting into the badge application form.

Forms show markdown literally, so every mark goes: headings become plain lines, emphasis markers vanish,
links read "text (url)", list items start with "• ". Paragraphs stay one line each (no hard wrapping), so the
form's own text box does the wrapping.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from learnlog.exporters.base import LINK_LABEL, ExportDoc, Format

if TYPE_CHECKING:
    from markdown_it.tree import SyntaxTreeNode

BULLET = "• "


def markdown_to_text(markdown: str) -> str:
    """Plain text with the structure a reader needs and none of the markup."""
    from markdown_it import MarkdownIt
    from markdown_it.tree import SyntaxTreeNode

    md = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
    tree = SyntaxTreeNode(md.parse(markdown))
    text = _join_blocks(tree.children, tight=False)
    return "\n".join(line.rstrip() for line in text.splitlines()).strip("\n")


def _join_blocks(nodes: list[SyntaxTreeNode], tight: bool) -> str:
    parts = [p for p in (_block(n) for n in nodes) if p]
    return ("\n" if tight else "\n\n").join(parts)


def _is_tight(list_node: SyntaxTreeNode) -> bool:
    # markdown-it marks the paragraphs of a tight list as hidden; one visible paragraph makes it loose.
    for item in list_node.children:
        for child in item.children:
            if child.type == "paragraph" and not child.hidden:
                return False
    return True


def _indent(text: str, first: str, rest: str) -> str:
    lines = text.split("\n")
    return "\n".join([first + lines[0]] + [(rest + line) if line else line for line in lines[1:]])


def _block(node: SyntaxTreeNode) -> str:
    kind = node.type
    if kind in ("paragraph", "heading"):
        return _inline(node.children[0]) if node.children else ""
    if kind in ("bullet_list", "ordered_list"):
        tight = _is_tight(node)
        start = int(node.attrs.get("start", 1)) if kind == "ordered_list" else 1
        items = []
        for i, item in enumerate(node.children):
            marker = BULLET if kind == "bullet_list" else f"{start + i}. "
            content = _join_blocks(item.children, tight=tight)
            items.append(_indent(content, marker, " " * len(marker)))
        return ("\n" if tight else "\n\n").join(items)
    if kind == "blockquote":
        inner = _join_blocks(node.children, tight=False)
        return f"“{inner}”" if inner else ""
    if kind in ("fence", "code_block"):
        return node.content.rstrip("\n")
    if kind == "table":
        rows = []
        for section in node.children:
            for row in section.children:
                rows.append("\t".join(_inline(cell.children[0]) if cell.children else "" for cell in row.children))
        return "\n".join(rows)
    if kind == "hr":
        return ""
    if node.children:
        return _join_blocks(node.children, tight=False)
    return node.content


def _inline(node: SyntaxTreeNode) -> str:
    out: list[str] = []
    for child in node.children:
        kind = child.type
        if kind in ("text", "code_inline", "html_inline"):
            out.append(child.content)
        elif kind == "softbreak":
            out.append(" ")
        elif kind == "hardbreak":
            out.append("\n")
        elif kind == "link":
            text = _inline(child)
            href = str(child.attrs.get("href", ""))
            # Autolinks (<https://…>, <name@example.org>) already show the address once.
            out.append(text if href in (text, f"mailto:{text}") or not href else f"{text} ({href})")
        elif kind == "image":
            alt = _inline(child)
            src = str(child.attrs.get("src", ""))
            out.append(f"{alt} ({src})" if alt else src)
        else:  # em, strong, s: keep the words, drop the markers
            out.append(_inline(child))
    return "".join(out)


def render(doc: ExportDoc) -> str:
    body = markdown_to_text(doc.body)
    if doc.link:
        body += f"\n\n{LINK_LABEL} {doc.link}"
    return f"{doc.title}\n\n{body}\n" if doc.title else f"{body}\n"


FORMAT = Format("txt", "txt", "Plain text with no markdown, for the application form", render, ("text",))
