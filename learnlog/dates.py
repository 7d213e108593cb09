"""Dates as users type them: ISO days plus today/yesterday; everything stored as ISO text."""

from __future__ import annotations

import datetime as dt

from learnlog.errors import UsageError


def today() -> dt.date:
    return dt.date.today()


def parse_date(value: str | dt.date) -> dt.date:
    """Accept 2026-03-14, today, yesterday (and date objects from YAML); anything else is a usage error."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip().lower()
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
    raise UsageError(f"'{value}' is not a date: use YYYY-MM-DD (e.g. 2026-03-14), today or yesterday")


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
