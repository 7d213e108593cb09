"""Dates as a UK practitioner types them; everything is stored as ISO text.

Accepted: ISO (2026-03-14, also with a time), today, yesterday, day-first numbers (14/03/2026, 14-03-2026,
14.03.26), day and month in words (14 March 2026, 14 Mar, 1st March), weekdays (monday, last monday: the most
recent one, never a future one) and relative dates (3 days ago, last week) through parsedatetime — the parser
jrnl uses — which is imported only when such a date is given, so ISO dates and start-up stay cheap.
Numbers that only read month-first (03/14/2026) are refused with the day-first spelling, never guessed.
"""

from __future__ import annotations

import datetime as dt
import re

from learnlog.errors import UsageError

HINT = "use YYYY-MM-DD or day-first 14/03/2026, 14 March 2026, today, yesterday, last monday, 3 days ago"
_NUMERIC = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$")
_YEAR_FIRST = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$")
_ORDINAL = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b")
_WORDS = ("%d %B %Y", "%d %b %Y", "%d %B", "%d %b", "%A %d %B %Y", "%a %d %b %Y", "%B %d %Y", "%b %d %Y")
_RELATIVE = re.compile(r"\b(ago|last|next|this|tomorrow|fortnight|weeks?|months?|years?|days?)\b")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def today() -> dt.date:
    return dt.date.today()


def _fail(value: object, why: str = "") -> UsageError:
    return UsageError(f"'{value}' is not a date{': ' + why if why else ''} ({HINT})")


def _day(year: int, month: int, day: int, value: object) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise _fail(value, f"there is no day {day:02d}/{month:02d}/{year}") from None


def _numeric(text: str, value: object) -> dt.date | None:
    m = _NUMERIC.match(text)
    if m:
        first, second, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if len(m.group(3)) == 2:
            year += 2000
        if second > 12 and first <= 12:
            raise UsageError(
                f"'{value}' reads month-first; learnlog reads dates day-first, so write {second:02d}/{first:02d}/{year} or, as YYYY-MM-DD, {year}-{first:02d}-{second:02d}"
            )
        return _day(year, second, first, value)
    m = _YEAR_FIRST.match(text)
    if m:
        return _day(int(m.group(1)), int(m.group(2)), int(m.group(3)), value)
    return None


def _in_words(text: str, value: object) -> dt.date | None:
    text = _ORDINAL.sub(r"\1", text.replace(",", " "))
    text = " ".join(text.split())
    for fmt in _WORDS:
        try:
            # A year is put in before parsing, so 29 Feb reads in a leap year rather than failing in 1900.
            if "%Y" in fmt:
                parsed = dt.datetime.strptime(text, fmt)
            else:
                parsed = dt.datetime.strptime(f"{text} {today().year}", f"{fmt} %Y")
        except ValueError:
            continue
        return parsed.date()
    return None


def _weekday(text: str) -> dt.date | None:
    words = text.split()
    if len(words) == 2 and words[0] in ("last", "on") or len(words) == 1:
        name = words[-1]
        for n, day in enumerate(WEEKDAYS):
            if name in (day, day[:3]):
                back = (today().weekday() - n) % 7
                if back == 0 and words[0] == "last":
                    back = 7
                return today() - dt.timedelta(days=back)
    return None


def _relative(text: str) -> dt.date | None:
    """parsedatetime for "3 days ago", "a fortnight ago", "last week"; imported here, only when needed."""
    if not _RELATIVE.search(text):  # "march" alone or "first of feb" would come back as next year's
        return None
    import parsedatetime

    calendar = parsedatetime.Calendar(version=parsedatetime.VERSION_CONTEXT_STYLE)
    noon = dt.datetime.combine(today(), dt.time(12))
    parsed, context = calendar.parseDT(text, sourceTime=noon)
    if not context.hasDate:
        return None
    return parsed.date()


def parse_date(value: str | dt.date) -> dt.date:
    """The day `value` names (date objects from YAML pass through); anything else is a usage error."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip().lower()
    if not text:
        raise UsageError(f"an empty date is not a date ({HINT})")
    if text == "today":
        return today()
    if text == "yesterday":
        return today() - dt.timedelta(days=1)
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        # Note apps write a time too (2026-03-14T10:00); the day is what a learning log keeps.
        if len(text) > 10 and text[10] in "t ":
            return dt.datetime.fromisoformat(text).date()
    except ValueError:
        pass
    if len(text) > 60:
        raise _fail(str(value)[:60] + "…")
    for reader in (_numeric, _in_words):
        day = reader(text, value)
        if day is not None:
            return day
    day = _weekday(text) or _relative(text)
    if day is None:
        raise _fail(value)
    return day


def entry_date(value: str | dt.date | None, future: bool = False) -> dt.date:
    """The day of a new or edited entry: `parse_date`, and a day after today only when `future` says so, since
    a reflective log records what happened (a typo like 2062 for 2026 is caught here)."""
    day = today() if value is None else parse_date(value)
    if day > today() and not future:
        raise UsageError(f"{day.isoformat()} is in the future; entries record what happened (use --future to keep it)")
    return day


def now() -> dt.datetime:
    """Timestamps are stored in UTC, to the second, so two machines' logs sort together."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def parse_timestamp(value: str | dt.datetime | None) -> dt.datetime | None:
    if value is None or isinstance(value, dt.datetime):
        return value
    try:
        return dt.datetime.fromisoformat(str(value))
    except ValueError:
        raise UsageError(f"'{value}' is not a timestamp (expected ISO 8601)") from None
