"""The durable session history: every session, written as it happens, in one SQLite file.

A session is written three ways: `begin` (the session and its planned
exercises, in one transaction), `checkpoint` after every exercise (so a
crash loses at most the exercise under way) and `finish`. A session that was
begun and never closed is offered back by `interrupted` so the app can
resume it; after 12 hours without a write it is closed as 'interrupted' and
stays in the history. `opening.py` explains what happens to a file that
cannot be used, `connection.py` the durability settings, and `stats.py` the
calendar rules of the reading methods.

Times going in must be timezone-aware. Times coming out are aware and in
the store's display zone, `tz`: None (the default) means the system's local
zone, applied per moment with its daylight-saving rules, which is how a
person remembers their days.

One store is used from one thread. Disk failures raise `HistoryError`;
wrong arguments (a pain score of 11, an unknown session) raise ValueError.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta, tzinfo
from types import TracebackType
from typing import TYPE_CHECKING, Final, NamedTuple

from sciatica_gui.history import backups
from sciatica_gui.history.connection import connect, guarded, reason, transaction
from sciatica_gui.history.errors import HistoryError, ProblemKind, StoreProblem
from sciatica_gui.history.export import write_csv
from sciatica_gui.history.files import move_aside, remove_stale_temp_files
from sciatica_gui.history.opening import FileState, inspect, open_database
from sciatica_gui.history.reading import Reader
from sciatica_gui.history.records import (
    LEVELS,
    PlannedExercise,
    ResultLike,
    SessionOutcome,
    check_pain,
    check_seconds,
)
from sciatica_gui.history.schema import to_stamp, to_utc, utc_now

if TYPE_CHECKING:
    from pathlib import Path

    from sciatica_gui.history.records import InterruptedSession

FILE_NAME: Final = "history.sqlite3"
#: An open session not written to for this long is not offered for resuming any more.
STALE_AFTER: Final = timedelta(hours=12)


class OpenResult(NamedTuple):
    #: None when the file is left alone (newer version, unreadable): the app runs without history.
    store: HistoryStore | None
    problem: StoreProblem | None


class HistoryStore(Reader):
    """Use `HistoryStore.open`; the constructor takes an already prepared connection."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        path: Path,
        now: Callable[[], datetime] = utc_now,
        tz: tzinfo | None = None,
    ) -> None:
        super().__init__(conn, path, tz)
        self._now = now

    @classmethod
    def open(
        cls, data_dir: Path, now: Callable[[], datetime] = utc_now, tz: tzinfo | None = None
    ) -> OpenResult:
        """Open (creating, migrating or replacing as `opening.py` says) DATA_DIR/history.sqlite3.

        Problems with the file's content come back as `OpenResult.problem`. HistoryError means
        the disk refused: the folder or the file cannot be written (permissions, a full disk),
        or an older file could not be backed up before its upgrade. Either way the app can run
        without history.
        """
        path = data_dir / FILE_NAME
        conn, problem = open_database(path, to_utc(now()))
        if conn is None:
            return OpenResult(None, problem)
        store = cls(conn, path, now, tz)
        try:
            store._close_stale()
        except BaseException:
            store.close()
            raise
        backup_problem = store._daily_backup()
        return OpenResult(store, problem or backup_problem)

    def close(self) -> None:
        with guarded(self.path, "close the history file"):
            self._conn.close()

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # Writing

    @contextmanager
    def _writing(self, doing: str) -> Iterator[sqlite3.Connection]:
        with guarded(self.path, doing), transaction(self._conn) as conn:
            yield conn

    def begin(
        self,
        routine: str,
        routine_name: str,
        level: str,
        started_at: datetime,
        pain_before: int | None,
        planned: Sequence[PlannedExercise],
    ) -> int:
        """Record the start of a session with every exercise it plans; returns its id."""
        if level not in LEVELS:
            raise ValueError(f"level must be one of {sorted(LEVELS)}, not {level!r}")
        check_pain(pain_before)
        started = to_stamp(started_at)
        now = to_stamp(self._now())
        with self._writing("save the start of a session to") as conn:
            cursor = conn.execute(
                "INSERT INTO sessions (started_at, updated_at, routine, routine_name, level,"
                " exercise_count, pain_before) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (started, now, routine, routine_name, str(level), len(planned), pain_before),
            )
            session_id = cursor.lastrowid
            assert session_id is not None
            conn.executemany(
                "INSERT INTO exercises (session_id, position, exercise, name, holds, reps,"
                " hold_seconds) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(session_id, position, *plan) for position, plan in enumerate(planned)],
            )
        return session_id

    def _save_progress(
        self,
        conn: sqlite3.Connection,
        session_id: int,
        results: Sequence[ResultLike],
        active_seconds: float,
    ) -> int:
        """Write the exercises' counts and the active time; returns the planned count.

        Writing to an interrupted session reopens it: the app only does that when the
        person carries on with it, and their exercise should count.
        """
        check_seconds(active_seconds)
        row = conn.execute(
            "SELECT outcome, exercise_count FROM sessions WHERE id = ?", (session_id,)
        ).fetchone()
        if row is None:
            raise ValueError(f"there is no session {session_id}")
        if row[0] in (SessionOutcome.FINISHED, SessionOutcome.STOPPED):
            raise ValueError(f"session {session_id} is already closed ({row[0]})")
        plan = conn.execute(
            "SELECT exercise, holds, reps FROM exercises WHERE session_id = ? ORDER BY position",
            (session_id,),
        ).fetchall()
        if len(results) > len(plan):
            raise ValueError(f"{len(results)} results for {len(plan)} planned exercises")
        for position, (result, (exercise, holds, reps)) in enumerate(
            zip(results, plan, strict=False)
        ):
            if result.exercise != exercise:
                raise ValueError(f"exercise {position} is {exercise!r}, not {result.exercise!r}")
            if not (0 <= result.holds_done <= holds and 0 <= result.reps_done <= reps):
                raise ValueError(f"exercise {position} has {holds} holds and {reps} repetitions")
        conn.executemany(
            "UPDATE exercises SET holds_done = ?, reps_done = ?"
            " WHERE session_id = ? AND position = ?",
            [
                (result.holds_done, result.reps_done, session_id, position)
                for position, result in enumerate(results)
            ],
        )
        conn.execute(
            "UPDATE sessions SET active_seconds = ?, outcome = 'open', ended_at = NULL"
            " WHERE id = ?",
            (active_seconds, session_id),
        )
        return int(row[1])

    def checkpoint(
        self,
        session_id: int,
        results: Sequence[ResultLike],
        active_seconds: float,
        position: int,
    ) -> None:
        """Save progress after an exercise; `position` exercises are fully behind us."""
        now = to_stamp(self._now())
        with self._writing("save progress to") as conn:
            count = self._save_progress(conn, session_id, results, active_seconds)
            if not 0 <= position <= count:
                raise ValueError(f"position {position} is outside 0..{count}")
            conn.execute(
                "UPDATE sessions SET position = ?, updated_at = ? WHERE id = ?",
                (position, now, session_id),
            )

    def finish(
        self,
        session_id: int,
        ended_at: datetime,
        outcome: SessionOutcome | str,
        results: Sequence[ResultLike],
        active_seconds: float,
    ) -> None:
        """Close a session as 'finished' or 'stopped' (early, by the person)."""
        if outcome not in (SessionOutcome.FINISHED, SessionOutcome.STOPPED):
            raise ValueError(f"a session finishes as 'finished' or 'stopped', not {outcome!r}")
        ended = to_stamp(ended_at)
        with self._writing("save the end of a session to") as conn:
            count = self._save_progress(conn, session_id, results, active_seconds)
            conn.execute(
                "UPDATE sessions SET outcome = ?, ended_at = ?, updated_at = ?,"
                " position = CASE WHEN ? = 'finished' THEN ? ELSE position END WHERE id = ?",
                (str(outcome), ended, ended, str(outcome), count, session_id),
            )

    def _update_one(self, doing: str, sql: str, arguments: tuple[object, ...]) -> None:
        """Run an UPDATE of one session (last argument: its id); ValueError if there is none."""
        with self._writing(doing) as conn:
            if (
                conn.execute(sql, arguments).rowcount == 0
                and not conn.execute(
                    "SELECT 1 FROM sessions WHERE id = ?", (arguments[-1],)
                ).fetchone()
            ):
                raise ValueError(f"there is no session {arguments[-1]}")

    def set_pain_after(self, session_id: int, pain: int | None) -> None:
        check_pain(pain)
        self._update_one(
            "save the pain score to",
            "UPDATE sessions SET pain_after = ? WHERE id = ?",
            (pain, session_id),
        )

    def abandon(self, session_id: int) -> None:
        """Close an open session as 'interrupted', ended when it was last seen; else no change."""
        self._update_one(
            "save the end of a session to",
            "UPDATE sessions SET outcome = 'interrupted', ended_at = updated_at"
            " WHERE outcome = 'open' AND id = ?",
            (session_id,),
        )

    def _close_stale(self) -> None:
        cutoff = to_stamp(self._now() - STALE_AFTER)
        with self._writing("tidy up unfinished sessions in") as conn:
            conn.execute(
                "UPDATE sessions SET outcome = 'interrupted', ended_at = updated_at"
                " WHERE outcome = 'open' AND updated_at < ?",
                (cutoff,),
            )

    def interrupted(self) -> InterruptedSession | None:
        """The most recently begun session that was never closed, if it is fresh enough to resume.

        Sessions left open longer than STALE_AFTER are closed as 'interrupted' first.
        """
        self._close_stale()
        return self._newest_open()

    # Files

    def _daily_backup(self) -> StoreProblem | None:
        """Today's backup, unless the history is empty: that protects nothing and would push
        a real backup out of the rotation (after a damaged file was replaced, for one)."""
        folder = backups.folder_of(self.data_dir)
        try:
            if self._conn.execute("SELECT EXISTS (SELECT 1 FROM sessions)").fetchone()[0]:
                today = self._now().astimezone(self.tz).date()
                backups.make_daily_backup(self._conn, self.data_dir, today)
            remove_stale_temp_files(self.data_dir, FILE_NAME)
            if folder.is_dir():
                remove_stale_temp_files(folder, "history-")
        except (sqlite3.Error, OSError) as error:
            message = (
                f"Today's backup of the exercise history {self.path} could not be written to"
                f" {folder} ({reason(error)}); sessions are still being recorded."
            )
            return StoreProblem(
                ProblemKind.BACKUP_FAILED, self.path, None, message, self.latest_backup()
            )
        return None

    def latest_backup(self) -> Path | None:
        return backups.latest_backup(self.data_dir)

    def restore_backup(self, backup: Path) -> Path:
        """Put a copy of `backup` in place of the history; returns where the old file went.

        The backup is checked and copied first; the current file is moved aside, never
        deleted. After a HistoryError past the copy this store is closed: open a new one.
        """
        verdict = inspect(backup)
        if verdict.state not in (FileState.CURRENT, FileState.OLD):
            detail = f" ({verdict.detail})" if verdict.detail else ""
            raise HistoryError(
                f"The backup {backup} cannot be restored: it is not a usable exercise"
                f" history{detail}.",
                backup,
            )
        staging = self.path.with_name(self.path.name + ".restoring")
        with guarded(backup, "copy the backup"):
            source = connect(backup, read_only=True)
            try:
                backups.copy_database(source, staging)
            finally:
                source.close()
        self.close()
        moment = to_utc(self._now())
        with guarded(self.path, "replace the history file"):
            moved = move_aside(self.path, "replaced", moment)
            staging.replace(self.path)
        conn, problem = open_database(self.path, moment)
        if conn is None:  # only if the file changed under us since it was inspected
            raise HistoryError(problem.message if problem else "unusable", self.path)
        self._conn = conn
        return moved

    def export_csv(self, path: Path) -> None:
        """Every session, oldest first, as `export.py` describes; replaced atomically."""
        sessions = self.sessions()
        sessions.reverse()
        with guarded(path, "export the history to"):
            write_csv(path, sessions, self.tz)
