"""What jrnl 4.x files have in common: its time formats, tag symbols, title rule and configuration.

jrnl writes each entry's time with the user's `timeformat` (jrnl 4.6's first-run config: `%F %r`, i.e.
`2026-01-10 09:00:00 AM`; older configs `%Y-%m-%d %H:%M`) and finds tags with `tagsymbols` (4.6: `#@`). A
journal does not say which it used, so the format is read from jrnl's config when there is one, and otherwise
recognised from the file: every candidate format is tried on the file's timestamps and the one that reads the
most wins (the config's own format wins a tie). Rules are jrnl's own, from jrnl/journals/Journal.py `_parse`,
Entry.py `_parse_text`, `tag_regex`, `split_title`, and jrnl/config.py `scope_config`.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from learnlog.errors import InputError

DEFAULT_TIMEFORMAT = "%F %r"  # what jrnl 4.6 writes into a new config
DEFAULT_TAGSYMBOLS = "#@"
# Formats seen in jrnl configs, most common first. Ties go to the earlier one.
CANDIDATES = (
    "%F %r",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %I:%M %p",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d-%m-%Y %H:%M",
    "%d.%m.%Y %H:%M",
    "%d %b %Y %H:%M",
    "%d %B %Y %H:%M",
    "%a %d %b %Y %H:%M",
    "%A %d %B %Y %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%c",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%Y %H:%M",
    "%Y/%m/%d %H:%M",
)
# strptime does not know the C-library shorthands jrnl users put in configs.
_SHORTHANDS = {"%F": "%Y-%m-%d", "%T": "%H:%M:%S", "%R": "%H:%M", "%r": "%I:%M:%S %p", "%D": "%m/%d/%y"}
_SHORTHAND = re.compile("|".join(re.escape(k) for k in _SHORTHANDS))
# jrnl's entry start: "[<anything but ]>] " at the start of the text or of a line (a line break inside the
# brackets included, as in jrnl's date_blob_re).
ENTRY_START = re.compile(r"(?:^|\n)\[([^\]]+)\] ")
_FAKE_YEAR = 9999  # jrnl's default year: a stamp that leaves it there named no year
# jrnl's sentence splitter (after segtok): a terminal, optional closing quote and bracket, then white space.
SENTENCE_END = re.compile(
    r"""(
    [.!?\u2026\u203C\u203D\u2047\u2048\u2049\u22EF\uFE52\uFE57]
    [\'\u2019\"\u201D]?
    [\]\)]*
    \s+
    )
    |[\uFF01\uFF0E\uFF1F\uFF61\u3002]""",
    re.VERBOSE,
)


def expand(timeformat: str) -> str:
    return _SHORTHAND.sub(lambda m: _SHORTHANDS[m.group(0)], timeformat)


def parse_stamp(text: str, timeformat: str) -> dt.datetime | None:
    try:
        return dt.datetime.strptime(text.strip(), expand(timeformat))
    except ValueError:
        return None


@lru_cache(maxsize=1)
def _calendar():
    import parsedatetime

    consts = parsedatetime.Constants(usePyICU=False)
    consts.DOWParseStyle = -1
    return parsedatetime.Calendar(consts, version=parsedatetime.VERSION_CONTEXT_STYLE)


def fuzzy_stamp(text: str, now: dt.datetime | None = None) -> dt.datetime | None:
    """jrnl's second reading of a "[…] " line start its timeformat does not read (jrnl/time.py `parse`,
    bracketed): jrnl opens a new entry wherever this gives a time, so learnlog must too, or a journal imported
    from journal.txt and again from jrnl's export holds different entries. Rule for rule: six characters or
    fewer are a footnote; dateutil with a 9999-01-01 default, where a year-less result (and any error but "day
    is out of range", which retries a day earlier) passes to parsedatetime; a date alone is midnight; a
    year-less time more than four weeks ahead is last year's."""
    if len(text) <= 6:
        return None
    from dateutil.parser import parse as dateparse

    now = now or dt.datetime.now()
    default = dt.datetime(_FAKE_YEAR, 1, 1)
    year_present = False
    while True:
        try:
            parsed = dateparse(text, default=default)
            if parsed.year == _FAKE_YEAR:
                raise TypeError("no year")  # jrnl's own year-less branch raises here too, and falls through
            year_present, has_time, has_date = True, not (parsed.hour == parsed.minute == 0), True
            fields = parsed.timetuple()
            break
        except Exception as exc:  # jrnl catches everything dateutil raises
            if exc.args and exc.args[0] == "day is out of range for month":
                if default.day == 1:
                    return None  # jrnl itself fails here (day 0); no entry start learnlog can mirror
                default = default.replace(day=default.day - 1)
                continue
            fields, context = _calendar().parse(text)
            has_time, has_date = context.hasTime, context.hasDate
            break
    if not has_date and not has_time:
        try:
            return dt.datetime(int(text), 1, 1)
        except (ValueError, TypeError):
            return None
    when = dt.datetime(*fields[:3] if has_date and not has_time else fields[:6])  # a date alone: midnight
    if (now - when).days < -28 and not year_present:
        when = when.replace(year=when.year - 1)
    return when


def read_start(text: str, timeformat: str) -> dt.datetime | None:
    """The time jrnl reads from a line start's brackets: its timeformat first, else its fuzzy reading."""
    return parse_stamp(text, timeformat) or fuzzy_stamp(text)


@dataclass(frozen=True)
class JrnlSettings:
    """The two settings that decide how a jrnl file reads; `timeformat` None means "recognise it"."""

    timeformat: str | None = None
    tagsymbols: str = DEFAULT_TAGSYMBOLS
    from_config: str | None = None  # the config file they came from, for messages

    def candidates(self) -> tuple[str, ...]:
        if self.timeformat:
            return (self.timeformat, *(c for c in CANDIDATES if c != self.timeformat))
        return CANDIDATES


def best_format(
    stamps: Iterable[str], settings: JrnlSettings, reads: Callable[[str, str], object] | None = None
) -> tuple[str | None, int]:
    """The candidate format that reads the most of `stamps`, and how many it read (0: none fits).

    `reads(text, fmt)` is None when `fmt` does not read `text`: a whole stamp by default (`parse_stamp`), or
    a stamp at the start of a heading for markdown exports."""
    reads = reads or parse_stamp
    stamps = list(stamps)[:200]  # enough to decide; a 10,000-entry journal is not tried 18 times over
    best, best_n = None, 0
    for fmt in settings.candidates():
        n = sum(reads(s, fmt) is not None for s in stamps)
        if n > best_n:
            best, best_n = fmt, n
        if best_n == len(stamps):
            break
    return best, best_n


def tag_pattern(tagsymbols: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\S)([{re.escape(tagsymbols)}][-+*#/\w]+)")


def jrnl_tags(text: str, tagsymbols: str = DEFAULT_TAGSYMBOLS) -> list[str]:
    """jrnl's tags (found in title and body, compared in lower case) without their sigil, in reading order.

    A tag that is all sigils ("##" from a markdown heading, which jrnl does count) names nothing and is left out.
    """
    out: list[str] = []
    for tag in tag_pattern(tagsymbols).findall(text):
        tag = tag.lower().lstrip(tagsymbols)
        if tag and tag not in out:
            out.append(tag)
    return out


def split_title(text: str) -> tuple[str, str]:
    """jrnl's rule: the first line when there is a line break, else the first sentence; both stripped."""
    sep = re.search("\n", text.lstrip()) or SENTENCE_END.search(text)
    if not sep:
        return text, ""
    # jrnl searches the left-stripped text but cuts the original; entry text never starts with white space
    # after "[stamp] ", so the two agree on what jrnl itself writes.
    return text[: sep.end()].strip(), text[sep.end() :].strip()


def split_starred(text: str) -> tuple[str, bool]:
    """A first line ending in "*" marks a starred entry; the star is not part of the title."""
    lines = text.splitlines()
    if lines and lines[0].strip().endswith("*"):
        return lines[0].strip("\n *") + "\n" + "\n".join(lines[1:]), True
    return text, False


# --- jrnl's configuration -----------------------------------------------------------------------------------


def default_config_path() -> Path | None:
    """jrnl 4.x looks in $XDG_CONFIG_HOME/jrnl/jrnl.yaml (else ~/.config/…), older versions in ~/.jrnl_config."""
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    for path in (Path(base, "jrnl", "jrnl.yaml"), Path(os.path.expanduser("~"), ".jrnl_config")):
        if path.is_file():
            return path
    return None


@lru_cache(maxsize=8)
def _load(path: str, mtime_ns: int) -> dict:
    import yaml

    try:
        with open(path, "rb") as f:
            data = yaml.safe_load(f.read(1_000_000))
    except OSError as exc:
        raise InputError(f"jrnl config {path} cannot be read: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark else ""
        raise InputError(f"jrnl config {path} is not valid YAML{where}") from None
    if not isinstance(data, dict):
        raise InputError(f"jrnl config {path} is not a jrnl configuration (no 'journals' section)")
    return data


def load_config(path: Path | None) -> dict:
    if path is None:
        return {}
    try:
        mtime = os.stat(path).st_mtime_ns
    except OSError as exc:
        raise InputError(f"jrnl config {path} cannot be read: {exc.strerror or exc}") from None
    return _load(str(path), mtime)


def _same_or_inside(source: Path, journal: Path) -> bool:
    try:
        source, journal = source.resolve(), journal.resolve()
    except OSError:
        return False
    return source == journal or journal in source.parents


def settings_for(source: Path, config: dict, config_path: Path | None = None) -> JrnlSettings:
    """The settings jrnl itself would use for `source`: a journal's own overrides when `source` is (inside)
    that journal, else the top-level ones (an export file lives outside every journal)."""
    if not config:
        return JrnlSettings()
    scoped = dict(config)
    for spec in (config.get("journals") or {}).values():
        journal = spec.get("journal") if isinstance(spec, dict) else spec
        if isinstance(journal, str) and _same_or_inside(source, Path(os.path.expanduser(journal))):
            if isinstance(spec, dict):
                scoped.update(spec)
            break
    timeformat = scoped.get("timeformat")
    tagsymbols = scoped.get("tagsymbols")
    return JrnlSettings(
        timeformat=timeformat if isinstance(timeformat, str) and timeformat.strip() else None,
        tagsymbols=tagsymbols if isinstance(tagsymbols, str) and tagsymbols else DEFAULT_TAGSYMBOLS,
        from_config=str(config_path) if config_path else None,
    )
