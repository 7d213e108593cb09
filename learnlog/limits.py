"""How long the short texts may be, how many hours one entry may claim, and the one character text may not hold.

Why caps at all: a title is a line in every table and a heading in every export, a tag a word in a list; a
5,000-character title is a paste gone wrong, and uncapped it is stored, indexed and exported as such. The caps
are far above real use (the longest SSSC badge title is 77 characters) and each refusal names its limit.

Why NUL is refused rather than stripped: SQLite keeps it, but the tools people read a log with (the sqlite3
shell, grep, editors, the exported Word or PDF) cut text there or show garbage; a NUL in a reflection is a
binary file or a bad paste, and silently removing bytes from someone's words is worse than saying so.
"""

from __future__ import annotations

import math

from learnlog.errors import InputError

MAX_TITLE = 200  # characters, an entry's or a statement's title
MAX_TAG = 60  # characters, one tag
MAX_TAGS = 50  # tags on one entry
MAX_PHRASE = 200  # characters, one allowlist phrase
MAX_REASON = 500  # characters, why a phrase is allowed or a finding dismissed
MAX_HOURS = 1000.0  # CPD hours one entry may record: a whole postgraduate module is about 600


def check_text(value: str, what: str, limit: int | None = None) -> str:
    """`value` unchanged when it holds no NUL and is at most `limit` characters; else InputError naming both."""
    at = value.find("\x00")
    if at >= 0:
        raise InputError(
            f"{what} contains a NUL character (\\0) at character {at + 1}, usually a sign of a binary file or a "
            "bad paste; remove it — nothing was saved"
        )
    if limit is not None and len(value) > limit:
        raise InputError(f"{what} is {len(value):,} characters; the limit is {limit:,} — nothing was saved")
    return value


def check_hours(hours: float | None, what: str = "--hours") -> float | None:
    """A finite number of hours from 0 to MAX_HOURS (1e308, inf and nan are typing slips, not records)."""
    if hours is None:
        return None
    if not (math.isfinite(hours) and 0 <= hours <= MAX_HOURS):
        raise InputError(f"{what} must be a number of hours from 0 to {MAX_HOURS:g}, such as 1.5; got {hours:g}")
    return hours


def check_entry(entry) -> None:
    """Everything about an entry's content that no command may store (see the module docstring for why)."""
    check_text(entry.body, "the entry text")
    check_text(entry.title or "", "the title", MAX_TITLE)
    if len(entry.tags) > MAX_TAGS:
        raise InputError(f"the entry has {len(entry.tags)} tags; the limit is {MAX_TAGS} — nothing was saved")
    for tag in entry.tags:
        check_text(tag, f"the tag {tag[:30]!r}{'…' if len(tag) > 30 else ''}", MAX_TAG)
    check_hours(entry.hours, "hours")


def check_statement(title: str, body: str) -> None:
    check_text(title, "the statement title", MAX_TITLE)
    check_text(body, "the statement text")
