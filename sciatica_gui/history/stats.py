"""Calendar arithmetic for the history view: local days, streaks, weekly minutes.

Pure functions over dates, so the awkward cases (week boundaries, a session
that crosses midnight, time zones) are tested without a database.

The rules: a session belongs to the local day, and the ISO week (Monday to
Sunday), on which it *started*. A session from 23:50 to 00:20 counts for the
evening it began, all of its minutes included, rather than being split: a
person thinks of it as that evening's exercise. A day counts as exercised
when at least one hold was completed that day, so opening a routine and
stopping it during "get ready" does not keep a streak alive.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta, tzinfo
from typing import Final

ONE_DAY: Final = timedelta(days=1)
#: UTC offsets reach -12 h and +14 h: a local day lies within one UTC day either side of it.
_SLACK: Final = ONE_DAY


def local_day(moment: datetime, zone: tzinfo | None) -> date:
    """`zone` None means the system's local zone, with its DST rules at that moment."""
    return moment.astimezone(zone).date()


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def utc_text_bounds(first: date, last: date) -> tuple[str, str]:
    """Stamp bounds [low, high) sure to hold every moment of local days first..last, any zone."""
    return (first - _SLACK).isoformat(), (last + 2 * _SLACK).isoformat()


def streak(days_newest_first: Iterable[date], today: date) -> int:
    """Consecutive exercised days ending today, or ending yesterday if today has none yet.

    `days_newest_first` may repeat days and may include days after `today` (a
    clock that was wrong once); it is read only as far as the streak goes.
    """
    count = 0
    expected: date | None = None
    for day in days_newest_first:
        if day > today:
            continue
        if expected is None:
            if day < today - ONE_DAY:
                return 0
            expected = day
        if day == expected:
            count += 1
            expected = day - ONE_DAY
        elif day < expected:
            break
    return count


def weekly_minutes(
    entries: Iterable[tuple[date, float]], weeks: int, today: date
) -> list[tuple[date, float]]:
    """Minutes per ISO week for the `weeks` weeks up to today's, oldest first, zero-filled.

    `entries` are (local start day, active seconds); each week is named by its Monday.
    """
    if weeks < 0:
        raise ValueError(f"weeks must not be negative: {weeks}")
    this_week = week_start(today)
    totals = {this_week - timedelta(weeks=back): 0.0 for back in range(weeks - 1, -1, -1)}
    for day, seconds in entries:
        monday = week_start(day)
        if monday in totals:
            totals[monday] += seconds / 60
    return list(totals.items())
