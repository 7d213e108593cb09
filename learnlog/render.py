"""Output: one Rich console for stdout and one for stderr, JSON for scripts. Rich is imported only here, lazily."""

from __future__ import annotations

import json
import re
import sys
from functools import cache
from typing import Any


@cache
def out():
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)


@cache
def err():
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def error(message: str) -> None:
    """One line on stderr; plain text when stderr is not a terminal, so scripts and tests read it verbatim."""
    if sys.stderr.isatty():
        err().print(f"[bold red]Error:[/] {escape(message)}", soft_wrap=True)
    else:
        sys.stderr.write(f"Error: {message}\n")


def note(message: str) -> None:
    """Status lines go to stderr so stdout stays clean for pipes."""
    if sys.stderr.isatty():
        err().print(message, soft_wrap=True)
    else:
        from rich.text import Text

        sys.stderr.write(Text.from_markup(message).plain + "\n")


def escape(text: str) -> str:
    """User text inside Rich markup: brackets escaped, control characters made visible (see `printable`)."""
    from rich.markup import escape as _escape

    return _escape(printable(text))


def markdown(text: str):
    """User markdown rendered for the terminal, never carrying its control characters there.

    Most reflections are plain paragraphs; for those this builds what Rich's Markdown would show (one block
    per paragraph, lines joined by a space) without importing it, which pulls in markdown-it and Pygments:
    about a fifth of `learnlog show`. Anything that could be markup goes through Rich's Markdown itself."""
    text = printable(text)
    if MARKUP.search(text):
        from rich.markdown import Markdown

        return Markdown(text)
    from rich.console import Group
    from rich.text import Text

    paragraphs = [re.sub(r" *\n *", " ", p.strip(" \n")) for p in re.split(r"\n *\n", text) if p.strip(" \n")]
    blocks = []
    for paragraph in paragraphs:
        blocks += [Text("")] if blocks else []
        blocks.append(Text(paragraph, justify="left"))
    return Group(*blocks)


# What CommonMark could read as more than a plain paragraph: inline marks, entities, escapes and HTML; a line
# that could open a heading, quote, list, rule, table or code block; a hard break (two spaces at a line end);
# tabs and carriage returns, which Markdown expands or keeps where a paragraph would not.
MARKUP = re.compile(r"[*_`#<>\[\]!&\\|~=\t\r]|^ *(?:[-+]|\d{1,9}[.)])(?: |$)|^ {4}| {2,}$|^ *-+ *$", re.M)


_CONTROLS = {c: "\ufffd" for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)]}


def printable(text: str) -> str:
    """Text safe to put on a terminal: control characters (ESC, BEL, C1) shown as U+FFFD.

    An imported note or a pasted line can carry escape sequences that retitle the terminal, hide text or
    change colours; `show --raw` and `--json` keep the exact bytes for scripts.
    """
    return text.translate(_CONTROLS)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def table(*columns: str, title: str | None = None, **kw):
    from rich.table import Table

    t = Table(title=title, header_style="bold", **kw)
    for i, col in enumerate(columns):
        t.add_column(col, no_wrap=i == 0)  # ids are what people type next: never fold them
    return t


def bar(value: int, low: int | None, high: int | None, width: int = 30) -> str:
    """A text bar with the suggested range marked, so 'how far to go' is visible at a glance."""
    top = max(value, high or low or 1) or 1
    filled = round(width * min(value, top) / top)
    lo = round(width * (low or 0) / top)
    colour = "red" if low and value < low else "yellow" if high and value > high else "green"
    cells = ["█" if i < filled else ("┊" if i == lo and low else "░") for i in range(width)]
    return f"[{colour}]{''.join(cells)}[/]"


def progress(total: int, description: str):
    """A Rich progress bar on stderr (silent when stderr is not a terminal)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err(),
        transient=True,
        disable=not sys.stderr.isatty(),
    )
