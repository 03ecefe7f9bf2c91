"""The current layout of the history database (version 2) and how values are stored in it.

Times are ISO 8601 UTC text of one fixed width (`2026-11-28T07:15:00Z`), so
text order is time order and an index on it serves range queries; they are
converted to a local zone only when read. A session row is written together
with one row per planned exercise, in a single transaction, so a session is
never without its exercises; later writes only update those rows.

`schema_version` holds exactly one row. It is the one table every future
version must keep readable: an older app reads it to learn that the file is
newer than it understands, and then leaves the file alone.

Layout version 1, which `migrations.py` upgrades from, is described there.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from typing import Final

from sciatica_gui.history.connection import transaction

CURRENT_VERSION: Final = 2

_STAMP_FORMAT: Final = "%Y-%m-%dT%H:%M:%SZ"

#: Version 2, as created fresh and as the 1 -> 2 migration leaves it.
V2_TABLES: Final = (
    """
    CREATE TABLE schema_version (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        version INTEGER NOT NULL
    )
    """,
    """
    CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        ended_at TEXT,
        -- the last write (begin or checkpoint): how stale an open session is
        updated_at TEXT NOT NULL,
        routine TEXT NOT NULL,
        routine_name TEXT NOT NULL,
        level TEXT NOT NULL CHECK (level IN ('gentle', 'standard')),
        outcome TEXT NOT NULL DEFAULT 'open'
            CHECK (outcome IN ('open', 'finished', 'stopped', 'interrupted')),
        exercise_count INTEGER NOT NULL CHECK (exercise_count >= 0),
        -- exercises fully behind us: a resume restarts at this index
        position INTEGER NOT NULL DEFAULT 0 CHECK (position BETWEEN 0 AND exercise_count),
        active_seconds REAL NOT NULL DEFAULT 0 CHECK (active_seconds >= 0),
        pain_before INTEGER CHECK (pain_before BETWEEN 0 AND 10),
        pain_after INTEGER CHECK (pain_after BETWEEN 0 AND 10),
        CHECK ((outcome = 'open') = (ended_at IS NULL))
    )
    """,
    # Every history query is a range or an order over start times.
    "CREATE INDEX sessions_by_start ON sessions (started_at)",
    # Finding a session to resume reads only the (at most a few) open ones.
    "CREATE INDEX open_sessions ON sessions (updated_at) WHERE outcome = 'open'",
    # Clustered by session, in routine order: a session's exercises are one b-tree range.
    """
    CREATE TABLE exercises (
        session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        position INTEGER NOT NULL CHECK (position >= 0),
        exercise TEXT NOT NULL,
        name TEXT NOT NULL,
        holds INTEGER NOT NULL CHECK (holds >= 0),
        reps INTEGER NOT NULL CHECK (reps >= 0),
        hold_seconds INTEGER NOT NULL CHECK (hold_seconds >= 0),
        holds_done INTEGER NOT NULL DEFAULT 0 CHECK (holds_done BETWEEN 0 AND holds),
        reps_done INTEGER NOT NULL DEFAULT 0 CHECK (reps_done BETWEEN 0 AND reps),
        PRIMARY KEY (session_id, position)
    ) WITHOUT ROWID
    """,
)


def to_stamp(moment: datetime) -> str:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"a time without a time zone cannot be stored: {moment!r}")
    return moment.astimezone(UTC).strftime(_STAMP_FORMAT)


def utc_now() -> datetime:
    return datetime.now(UTC)


def to_utc(moment: datetime) -> datetime:
    """The injected clock's answer in UTC; a naive one is a bug in the caller."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"`now` must return an aware datetime, not {moment!r}")
    return moment.astimezone(UTC)


def from_stamp(text: str) -> datetime:
    return datetime.fromisoformat(text)


def create(conn: sqlite3.Connection) -> None:
    with transaction(conn):
        for statement in V2_TABLES:
            conn.execute(statement)
        conn.execute("INSERT INTO schema_version (id, version) VALUES (1, ?)", (CURRENT_VERSION,))
