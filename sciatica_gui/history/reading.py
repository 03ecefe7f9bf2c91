"""The reading half of the store: what the history view, the resume offer and the export need.

Each method is one or two indexed queries; the calendar rules live in
`stats.py`. Stamps are compared as text (fixed-width ISO UTC) and turned
into local dates only in Python, because SQLite's 'localtime' would use the
process's zone rather than the store's.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta, tzinfo
from itertools import groupby
from operator import itemgetter
from typing import TYPE_CHECKING, Any, Final

from sciatica_gui.history.connection import guarded, snapshot
from sciatica_gui.history.records import (
    ExerciseRecord,
    InterruptedSession,
    SessionOutcome,
    SessionRecord,
)
from sciatica_gui.history.schema import from_stamp
from sciatica_gui.history.stats import (
    local_day,
    streak,
    utc_text_bounds,
    week_start,
    weekly_minutes,
)

if TYPE_CHECKING:
    from pathlib import Path

_SESSION_COLUMNS: Final = (
    "id, started_at, ended_at, updated_at, routine, routine_name, level, outcome,"
    " active_seconds, position, pain_before, pain_after"
)
_EXERCISE_COLUMNS: Final = (
    "session_id, exercise, name, holds, reps, hold_seconds, holds_done, reps_done"
)
_NEWEST_FIRST: Final = "ORDER BY started_at DESC, id DESC"
#: A day counts when at least one hold was completed on it (see stats.py).
_DID_A_HOLD: Final = (
    "EXISTS (SELECT 1 FROM exercises AS e WHERE e.session_id = s.id AND e.holds_done > 0)"
)


_OUTCOMES: Final = {outcome.value: outcome for outcome in SessionOutcome}


def _group(rows: list[Any]) -> dict[int, tuple[ExerciseRecord, ...]]:
    """Exercise rows ordered by session, as records per session id."""
    make = ExerciseRecord._make
    return {
        session_id: tuple(make(row[1:]) for row in group)
        for session_id, group in groupby(rows, itemgetter(0))
    }


class Reader:
    def __init__(self, conn: sqlite3.Connection, path: Path, tz: tzinfo | None) -> None:
        self._conn = conn
        self.path = path
        #: The display zone: None is the system's local zone.
        self.tz = tz

    @property
    def data_dir(self) -> Path:
        return self.path.parent

    def _local(self, stamp: str) -> datetime:
        return from_stamp(stamp).astimezone(self.tz)

    def _record(self, row: Any, exercises: tuple[ExerciseRecord, ...]) -> SessionRecord:
        # Positional, in SessionRecord's field order: a five-year table builds 1,800 of these.
        (id_, started, ended, _updated, routine, name, level, outcome, active, position,
         before, after) = row  # fmt: skip
        return SessionRecord(
            id_,
            self._local(started),
            None if ended is None else self._local(ended),
            routine,
            name,
            level,
            _OUTCOMES[outcome],
            active,
            position,
            before,
            after,
            exercises,
        )

    def sessions(self, limit: int | None = None, offset: int = 0) -> list[SessionRecord]:
        """Newest first, each with its exercises in routine order; open sessions included.

        `limit` and `offset` page through the history (a table model's fetchMore): five
        years of daily sessions take tens of milliseconds to build, a page of 50 about one.
        """
        if (limit is not None and limit < 0) or offset < 0:
            raise ValueError(f"limit and offset cannot be negative: {limit}, {offset}")
        page = (-1 if limit is None else limit, offset)
        with guarded(self.path, "read the history from"), snapshot(self._conn) as conn:
            rows = conn.execute(
                f"SELECT {_SESSION_COLUMNS} FROM sessions {_NEWEST_FIRST} LIMIT ? OFFSET ?", page
            ).fetchall()
            if limit is None and offset == 0:
                exercise_rows = conn.execute(
                    f"SELECT {_EXERCISE_COLUMNS} FROM exercises ORDER BY session_id, position"
                ).fetchall()
            else:
                exercise_rows = conn.execute(
                    f"SELECT {_EXERCISE_COLUMNS} FROM exercises WHERE session_id IN"
                    f" (SELECT id FROM sessions {_NEWEST_FIRST} LIMIT ? OFFSET ?)"
                    " ORDER BY session_id, position",
                    page,
                ).fetchall()
        grouped = _group(exercise_rows)
        return [self._record(row, grouped.get(row[0], ())) for row in rows]

    def _newest_open(self) -> InterruptedSession | None:
        with guarded(self.path, "read the history from"), snapshot(self._conn) as conn:
            row = conn.execute(
                f"SELECT {_SESSION_COLUMNS} FROM sessions WHERE outcome = 'open'"
                f" {_NEWEST_FIRST} LIMIT 1"
            ).fetchone()
            if row is None:
                return None
            exercise_rows = conn.execute(
                f"SELECT {_EXERCISE_COLUMNS} FROM exercises WHERE session_id = ? ORDER BY position",
                (row[0],),
            ).fetchall()
        record = self._record(row, _group(exercise_rows).get(row[0], ()))
        return InterruptedSession(
            id=record.id,
            routine=record.routine,
            routine_name=record.routine_name,
            level=record.level,
            started_at=record.started_at,
            last_seen=self._local(row[3]),
            position=record.position,
            active_seconds=record.active_seconds,
            pain_before=record.pain_before,
            exercises=record.exercises,
        )

    def days_exercised(self, first: date, last: date) -> set[date]:
        """Local dates from `first` to `last` (inclusive) with at least one hold done."""
        low, high = utc_text_bounds(first, last)
        with guarded(self.path, "read the history from"):
            rows = self._conn.execute(
                "SELECT started_at FROM sessions AS s"
                f" WHERE started_at >= ? AND started_at < ? AND {_DID_A_HOLD}",
                (low, high),
            ).fetchall()
        days = {local_day(from_stamp(stamp), self.tz) for (stamp,) in rows}
        return {day for day in days if first <= day <= last}

    def current_streak(self, today: date) -> int:
        """Consecutive exercised days up to today, or up to yesterday if none yet today."""
        _, high = utc_text_bounds(today, today)
        with guarded(self.path, "read the history from"):
            cursor = self._conn.execute(
                f"SELECT started_at FROM sessions AS s WHERE started_at < ? AND {_DID_A_HOLD}"
                " ORDER BY started_at DESC",
                (high,),
            )
            try:
                return streak((local_day(from_stamp(s), self.tz) for (s,) in cursor), today)
            finally:
                cursor.close()

    def minutes_per_week(self, weeks: int, today: date) -> list[tuple[date, float]]:
        """Active minutes per ISO week (named by its Monday), oldest first, zero-filled."""
        if weeks <= 0:
            return weekly_minutes((), weeks, today)
        first = week_start(today) - timedelta(weeks=weeks - 1)
        low, high = utc_text_bounds(first, week_start(today) + timedelta(days=6))
        with guarded(self.path, "read the history from"):
            rows = self._conn.execute(
                "SELECT started_at, active_seconds FROM sessions"
                " WHERE started_at >= ? AND started_at < ?",
                (low, high),
            ).fetchall()
        entries = ((local_day(from_stamp(stamp), self.tz), secs) for stamp, secs in rows)
        return weekly_minutes(entries, weeks, today)

    def pain_series(self) -> list[tuple[datetime, int | None, int | None]]:
        """(start, pain before, pain after) of every session with a score, oldest first."""
        with guarded(self.path, "read the history from"):
            rows = self._conn.execute(
                "SELECT started_at, pain_before, pain_after FROM sessions"
                " WHERE pain_before IS NOT NULL OR pain_after IS NOT NULL"
                " ORDER BY started_at, id"
            ).fetchall()
        return [(self._local(stamp), before, after) for stamp, before, after in rows]
