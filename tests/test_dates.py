"""Dates a UK practitioner types: ISO, day-first, words, weekdays, relative; month-first and future refused."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from learnlog import dates
from learnlog.errors import UsageError

WEDNESDAY = dt.date(2026, 3, 18)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: WEDNESDAY)


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("2026-03-14", "2026-03-14"),
        ("2026-03-14T10:30", "2026-03-14"),
        ("today", "2026-03-18"),
        ("Yesterday", "2026-03-17"),
        ("14/03/2026", "2026-03-14"),
        ("14-03-2026", "2026-03-14"),
        ("14.03.26", "2026-03-14"),
        ("4/3/2026", "2026-03-04"),  # day first: 4 March, not 3 April
        ("2026/03/14", "2026-03-14"),
        ("14 March 2026", "2026-03-14"),
        ("14 Mar", "2026-03-14"),
        ("1st March", "2026-03-01"),
        ("Saturday 14 March 2026", "2026-03-14"),
        ("monday", "2026-03-16"),
        ("last monday", "2026-03-16"),
        ("wednesday", "2026-03-18"),
        ("last wednesday", "2026-03-11"),
        ("thu", "2026-03-12"),
        ("3 days ago", "2026-03-15"),
        ("2 weeks ago", "2026-03-04"),
    ],
)
def test_dates_as_typed(typed, day):
    assert dates.parse_date(typed).isoformat() == day


def test_month_first_is_refused_with_the_day_first_spelling():
    with pytest.raises(
        UsageError,
        match="reads month-first; learnlog reads dates day-first, so write 14/03/2026 or, as YYYY-MM-DD, 2026-03-14",
    ):
        dates.parse_date("03/14/2026")


@pytest.mark.parametrize(
    "typed", ["31/02/2026", "sometime", "", "14 Marhc 2026", "2026-02-30", "first of feb", "march", "x" * 500]
)
def test_what_is_not_a_date_is_a_usage_error(typed):
    with pytest.raises(UsageError) as err:
        dates.parse_date(typed)
    assert "\n" not in str(err.value) and len(str(err.value)) < 200


def test_a_future_entry_date_needs_future():
    with pytest.raises(UsageError, match="2026-03-19 is in the future.*--future"):
        dates.entry_date("tomorrow")
    with pytest.raises(UsageError, match="in the future"):
        dates.entry_date("14/03/2062")  # a typo for 2026
    assert dates.entry_date("tomorrow", future=True) == dt.date(2026, 3, 19)
    assert dates.entry_date(None) == WEDNESDAY
    assert dates.entry_date("today") == WEDNESDAY


def test_iso_and_day_first_dates_do_not_import_parsedatetime():
    code = (
        "import sys; from learnlog import dates; dates.parse_date('2026-03-14'); dates.parse_date('14/03/2026');"
        "dates.parse_date('14 March 2026'); dates.parse_date('last monday');"
        "assert 'parsedatetime' not in sys.modules, 'imported'; dates.parse_date('3 days ago');"
        "assert 'parsedatetime' in sys.modules"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
