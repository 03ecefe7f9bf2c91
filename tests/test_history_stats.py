"""Days, streaks, weekly minutes and pain: local days, ISO weeks, midnight and time zones."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sciatica_gui.history.stats import streak, week_start, weekly_minutes
from tests.test_history_support import CET, FakeNow, open_store, record

TODAY = date(2026, 12, 2)  # a Wednesday
D = timedelta(days=1)


def cet(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=CET)


# Pure rules


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        ([], 0),
        ([TODAY], 1),
        ([TODAY, TODAY - D, TODAY - 2 * D], 3),
        ([TODAY - D, TODAY - 2 * D], 2),  # nothing yet today: the streak still stands
        ([TODAY - 2 * D, TODAY - 3 * D], 0),
        ([TODAY, TODAY - 2 * D], 1),
        ([TODAY, TODAY, TODAY - D, TODAY - D, TODAY - 3 * D], 2),
        ([TODAY + D, TODAY], 1),  # a day in the future (a wrong clock) is ignored
    ],
)
def test_streak(days, expected):
    assert streak(days, TODAY) == expected


@given(st.sets(st.integers(min_value=0, max_value=40)))
def test_streak_matches_counting_back_by_hand(offsets):
    days = sorted((TODAY - timedelta(days=n) for n in offsets), reverse=True)
    start = TODAY if TODAY in days else TODAY - D
    expected = 0
    while start - timedelta(days=expected) in days:
        expected += 1
    assert streak(days, TODAY) == expected


def test_weeks_start_on_monday():
    assert week_start(date(2026, 11, 30)) == date(2026, 11, 30)  # Monday
    assert week_start(date(2026, 12, 6)) == date(2026, 11, 30)  # Sunday
    assert week_start(date(2027, 1, 1)) == date(2026, 12, 28)  # across a year


def test_weekly_minutes_are_zero_filled_oldest_first():
    entries = [(date(2026, 11, 29), 600.0), (date(2026, 11, 30), 120.0), (date(2026, 12, 2), 60.0)]
    assert weekly_minutes(entries, 3, TODAY) == [
        (date(2026, 11, 16), 0.0),
        (date(2026, 11, 23), 10.0),  # Sunday the 29th belongs to the week before
        (date(2026, 11, 30), 3.0),
    ]
    assert weekly_minutes(entries, 0, TODAY) == []
    with pytest.raises(ValueError, match="negative"):
        weekly_minutes(entries, -1, TODAY)


# Through the store


def test_a_session_crossing_midnight_counts_for_the_day_and_week_it_started(data_dir):
    store = open_store(data_dir, FakeNow(), tz=CET)
    record(store, cet(2026, 11, 29, 23, 40), minutes=40)  # Sunday evening into Monday
    assert store.days_exercised(date(2026, 11, 29), date(2026, 11, 30)) == {date(2026, 11, 29)}
    assert store.minutes_per_week(2, date(2026, 11, 30)) == [
        (date(2026, 11, 23), 40.0),
        (date(2026, 11, 30), 0.0),
    ]
    assert store.current_streak(date(2026, 11, 30)) == 1  # yesterday's still counts


def test_days_are_local_not_utc(data_dir):
    store = open_store(data_dir, FakeNow(), tz=CET)
    # 00:10 on Monday in CET is still Sunday 23:10 in UTC.
    record(store, cet(2026, 11, 30, 0, 10), minutes=20)
    assert store.days_exercised(date(2026, 11, 29), date(2026, 11, 30)) == {date(2026, 11, 30)}
    assert store.minutes_per_week(2, date(2026, 11, 30))[-1] == (date(2026, 11, 30), 20.0)
    east = open_store(data_dir, FakeNow(), tz=timezone(timedelta(hours=-10)))
    assert east.days_exercised(date(2026, 11, 29), date(2026, 11, 30)) == {date(2026, 11, 29)}


def test_days_exercised_is_inclusive_and_needs_a_hold(data_dir):
    store = open_store(data_dir, FakeNow(), tz=CET)
    for day in (1, 2, 3, 5):
        record(store, cet(2026, 12, day, 8, 0))
    record(store, cet(2026, 12, 4, 8, 0), holds=False, outcome="stopped")
    assert store.days_exercised(date(2026, 12, 2), date(2026, 12, 5)) == {
        date(2026, 12, 2),
        date(2026, 12, 3),
        date(2026, 12, 5),
    }
    assert store.current_streak(date(2026, 12, 5)) == 1
    assert store.current_streak(date(2026, 12, 3)) == 3
    assert store.current_streak(date(2026, 12, 4)) == 3
    assert store.current_streak(date(2026, 12, 7)) == 0


def test_minutes_per_week_adds_every_outcome_and_spans_a_year_end(data_dir):
    store = open_store(data_dir, FakeNow(), tz=CET)
    record(store, cet(2026, 12, 27, 9, 0), minutes=10)  # Sunday: the week of the 21st
    record(store, cet(2026, 12, 28, 9, 0), minutes=12)  # Monday
    record(store, cet(2027, 1, 1, 9, 0), minutes=8, outcome="stopped")
    record(store, cet(2027, 1, 3, 23, 59), minutes=5)  # the last minute of that week
    record(store, cet(2027, 1, 4, 0, 0), minutes=7)  # the first of the next
    weeks = store.minutes_per_week(3, date(2027, 1, 5))
    assert weeks == [
        (date(2026, 12, 21), 10.0),
        (date(2026, 12, 28), 25.0),
        (date(2027, 1, 4), 7.0),
    ]


def test_pain_series_keeps_sessions_with_a_score_oldest_first(data_dir):
    store = open_store(data_dir, FakeNow(), tz=CET)
    record(store, cet(2026, 12, 3, 8, 0), pain=(None, 2))
    record(store, cet(2026, 12, 1, 8, 0), pain=(6, 4))
    record(store, cet(2026, 12, 2, 8, 0))
    record(store, cet(2026, 12, 4, 8, 0), pain=(5, None))
    series = store.pain_series()
    assert series == [
        (cet(2026, 12, 1, 8, 0), 6, 4),
        (cet(2026, 12, 3, 8, 0), None, 2),
        (cet(2026, 12, 4, 8, 0), 5, None),
    ]
    assert all(moment.utcoffset() == timedelta(hours=1) for moment, _, _ in series)


def test_daylight_saving_time_is_applied_per_moment(data_dir):
    zoneinfo = pytest.importorskip("zoneinfo")
    try:
        london = zoneinfo.ZoneInfo("Europe/London")
    except zoneinfo.ZoneInfoNotFoundError:
        pytest.skip("no time zone database on this machine")
    store = open_store(data_dir, FakeNow(), tz=london)
    record(store, datetime(2026, 6, 1, 23, 30, tzinfo=UTC))  # 00:30 BST on 2 June
    record(store, datetime(2026, 1, 1, 23, 30, tzinfo=UTC))  # 23:30 GMT on 1 January
    assert store.days_exercised(date(2026, 1, 1), date(2026, 6, 30)) == {
        date(2026, 6, 2),
        date(2026, 1, 1),
    }
