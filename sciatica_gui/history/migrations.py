"""Upgrading an older history file to the current layout, one version step at a time.

Layout version 1 (the first release) recorded a session only when it ended,
so it had no open sessions, checkpoints or active time:

    schema_version (version INTEGER NOT NULL)            -- one row, value 1
    sessions  (id INTEGER PRIMARY KEY, started INTEGER, ended INTEGER,  -- Unix seconds
               routine TEXT, routine_name TEXT, level TEXT,
               outcome TEXT)                             -- 'finished' | 'stopped'
    exercises (id INTEGER PRIMARY KEY,                   -- insertion order = routine order
               session_id INTEGER REFERENCES sessions (id), exercise TEXT, name TEXT,
               holds INTEGER, holds_done INTEGER, reps INTEGER, reps_done INTEGER,
               hold_seconds INTEGER)
    pain      (session_id INTEGER REFERENCES sessions (id),
               moment TEXT,                              -- 'before' | 'after'
               score INTEGER, PRIMARY KEY (session_id, moment))

`tests/fixtures/make_history_v1.py` writes such a file.

Each step runs in one transaction, after `backups.py` has copied the file,
so a failure leaves the file exactly as it was. Steps rebuild tables the way
SQLite recommends (rename, create, copy, drop) with foreign keys off and a
`foreign_key_check` before the commit. Values are clamped into the new
CHECK constraints rather than trusted: an old file with one odd row must
not make the whole history unusable.
"""

from __future__ import annotations

import sqlite3
from typing import Final

from sciatica_gui.history.connection import transaction
from sciatica_gui.history.schema import CURRENT_VERSION, V2_TABLES

_V1_TO_V2: Final = (
    "ALTER TABLE schema_version RENAME TO v1_schema_version",
    "ALTER TABLE sessions RENAME TO v1_sessions",
    "ALTER TABLE exercises RENAME TO v1_exercises",
    "ALTER TABLE pain RENAME TO v1_pain",
    *V2_TABLES,
    "INSERT INTO schema_version (id, version) VALUES (1, 2)",
    # Version 1 did not track pauses, so a session's whole length counts as active time.
    """
    INSERT INTO sessions (
        id, started_at, ended_at, updated_at, routine, routine_name, level, outcome,
        exercise_count, position, active_seconds, pain_before, pain_after
    )
    SELECT
        s.id,
        strftime('%Y-%m-%dT%H:%M:%SZ', s.started, 'unixepoch'),
        strftime('%Y-%m-%dT%H:%M:%SZ', s.ended, 'unixepoch'),
        strftime('%Y-%m-%dT%H:%M:%SZ', s.ended, 'unixepoch'),
        s.routine,
        s.routine_name,
        CASE WHEN s.level = 'gentle' THEN 'gentle' ELSE 'standard' END,
        CASE WHEN s.outcome = 'finished' THEN 'finished' ELSE 'stopped' END,
        (SELECT count(*) FROM v1_exercises AS e WHERE e.session_id = s.id),
        -- a closed session has every exercise behind it, done or not
        (SELECT count(*) FROM v1_exercises AS e WHERE e.session_id = s.id),
        max(0, s.ended - s.started),
        (SELECT p.score FROM v1_pain AS p
         WHERE p.session_id = s.id AND p.moment = 'before' AND p.score BETWEEN 0 AND 10),
        (SELECT p.score FROM v1_pain AS p
         WHERE p.session_id = s.id AND p.moment = 'after' AND p.score BETWEEN 0 AND 10)
    FROM v1_sessions AS s
    """,
    """
    INSERT INTO exercises (
        session_id, position, exercise, name, holds, reps, hold_seconds, holds_done, reps_done
    )
    SELECT
        session_id,
        row_number() OVER (PARTITION BY session_id ORDER BY id) - 1,
        exercise,
        name,
        max(0, holds),
        max(0, reps),
        max(0, hold_seconds),
        min(max(0, holds_done), max(0, holds)),
        min(max(0, reps_done), max(0, reps))
    FROM v1_exercises
    WHERE session_id IN (SELECT id FROM v1_sessions)
    """,
    "DROP TABLE v1_pain",
    "DROP TABLE v1_exercises",
    "DROP TABLE v1_sessions",
    "DROP TABLE v1_schema_version",
)

#: From version N to N + 1.
STEPS: Final = {1: _V1_TO_V2}


def migrate(conn: sqlite3.Connection, version: int) -> None:
    """Upgrade from `version` to the current one; each step commits on its own."""
    conn.execute("PRAGMA foreign_keys = OFF")  # cannot change inside a transaction
    conn.execute("PRAGMA legacy_alter_table = OFF")
    try:
        while version < CURRENT_VERSION:
            with transaction(conn):
                for statement in STEPS[version]:
                    conn.execute(statement)
                broken = conn.execute("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise sqlite3.IntegrityError(
                        f"{len(broken)} rows refer to rows that do not exist"
                    )
            version += 1
    finally:
        conn.execute("PRAGMA foreign_keys = ON")
