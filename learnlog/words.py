"""Word counts that agree with a word processor for prose written in markdown.

A word is a whitespace-separated run holding at least one letter or digit, so "well-being", "didn't",
"£2,400" and "3.5" are one word each and a lone "—" or "*" is none. Markdown syntax, YAML frontmatter,
URLs and e-mail addresses are removed first because the reader of a statement never sees them as words.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from learnlog.frameworks import WordRule

_FRONTMATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n.*?^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)
_FENCE_LINE = re.compile(r"^[ \t]*(?:`{3,}|~{3,}).*$", re.M)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_AUTOLINK = re.compile(r"<(?:[a-z][a-z0-9+.-]*:|mailto:)?[^\s<>]+[@:][^\s<>]*>", re.I)
_IMAGE = re.compile(r"!\[[^\]\n]*\](?:\([^)\n]*\)|\[[^\]\n]*\])")
_LINK = re.compile(r"\[([^\]\n]*)\](?:\([^)\n]*\)|\[[^\]\n]*\])")
_REF_DEFINITION = re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*\S.*$", re.M)
_FOOTNOTE_REF = re.compile(r"\[\^[^\]\s]+\]")
_URL = re.compile(r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"’]", re.I)
_EMAIL = re.compile(r"(?:mailto:)?[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", re.I)
_ORDERED_MARKER = re.compile(r"^[ \t]*(?:>[ \t]*)*\d{1,9}[.)](?=[ \t])", re.M)
_BLOCK_MARKERS = re.compile(r"^[ \t]*(?:>[ \t]?)*(?:#{1,6}(?=[ \t]|$)|[-*+](?=[ \t]))?", re.M)
_RULE_LINE = re.compile(r"^[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*$", re.M)
# Emphasis and code marks; an underscore inside a word (snake_case) belongs to the word.
_EMPHASIS = re.compile(r"\*+|~~|`+|(?<![^\W_])_+|_+(?![^\W_])|\|")
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")
# learnlog's own "[learnlog: …]" notes in a statement draft (learnlog.statement): instructions, not the writer's words.
_LEARNLOG_NOTE = re.compile(r"\[learnlog:[^\]\n]*\]?")


def _per_line(text: str, marker: Callable[[str], bool], pattern: re.Pattern[str]) -> str:
    # URL and e-mail patterns are slow to scan; most lines of prose hold neither, so skip those lines.
    return "\n".join(pattern.sub(" ", line) if marker(line) else line for line in text.split("\n"))


def _strip_hidden(text: str) -> str:
    """Remove what holds letters but is not read as words (frontmatter, link targets, URLs, "1." markers).

    Each rule runs only when its marker character appears, which keeps plain prose on the fast path.
    Marks with no letter or digit (#, *, >, -) are left: they never count as words anyway.
    """
    if text.startswith(("---", "\ufeff---")):
        text = _FRONTMATTER.sub("", text, count=1)
    if "```" in text or "~~~" in text:
        text = _FENCE_LINE.sub("", text)
    if "<" in text:
        text = _HTML_COMMENT.sub(" ", text)
        text = _AUTOLINK.sub(" ", text)
        text = _HTML_TAG.sub(" ", text)
    if "[" in text:
        if "[learnlog:" in text:
            text = _LEARNLOG_NOTE.sub(" ", text)
        text = _IMAGE.sub(" ", text)
        text = _LINK.sub(r"\1", text)
        text = _REF_DEFINITION.sub("", text)
        text = _FOOTNOTE_REF.sub("", text)
    if "://" in text or "www." in text:
        text = _per_line(text, lambda line: "://" in line or "www." in line, _URL)
    if "@" in text:
        text = _per_line(text, lambda line: "@" in line, _EMAIL)
    if "." in text or ")" in text:
        text = _ORDERED_MARKER.sub(" ", text)
    # Em dashes separate words ("care—and support" is three); en dashes join like hyphens ("2019–2023").
    if "\u2014" in text:
        text = text.replace("\u2014", " ")
    return text


def strip_markdown(text: str) -> str:
    """Text as a reader sees it: frontmatter, markup, link targets, URLs and e-mail addresses removed."""
    text = _strip_hidden(text)
    if "#" in text or ">" in text or "-" in text or "*" in text or "+" in text:
        text = _RULE_LINE.sub("", text)
        text = _BLOCK_MARKERS.sub("", text)
    return _EMPHASIS.sub("", text)


def word_count(text: str) -> int:
    """Number of words a reader of the rendered text would count."""
    count = 0
    for token in _strip_hidden(text).split():
        # Most tokens start with a letter; only the rest need the slower "holds a letter or digit" test.
        if token[0].isalnum() or _LETTER_OR_DIGIT.search(token) or token == "&":
            count += 1
    return count


# A line that may be a heading (ATX "## …", or a setext underline): only bodies with one need the CommonMark parse.
_MAYBE_HEADING = re.compile(r"^ {0,3}(?:#{1,6}(?:[ \t]|$)|=+[ \t]*$|-+[ \t]*$)", re.M)


def writer_word_count(body: str) -> int:
    """Words the writer wrote in an entry: template headings ("## Experience: what happened…") are scaffolding
    that `add --template` put there, so they are left out exactly as statement assembly leaves them out
    (`statement.without_headings`); add, list, words, coverage and check then agree with the statement."""
    if not _MAYBE_HEADING.search(body):
        return word_count(body)
    from learnlog.statement import without_headings

    return word_count(without_headings(body))


def assess(count: int, rule: WordRule) -> str:
    """Where a count sits against a badge's word guidance: "below minimum", "under", "in range" or "over"."""
    if rule.hard_min is not None and count < rule.hard_min:
        return "below minimum"
    if rule.suggested_min is not None and count < rule.suggested_min:
        return "under"
    if rule.suggested_max is not None and count > rule.suggested_max:
        return "over"
    return "in range"
