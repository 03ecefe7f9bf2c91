"""Writes the session under way into the history, as it happens.

The window tells the recorder three things: a session began (with the pain
score before it, and, for a resumed session, the interrupted one it carries
on), an exercise began (so every exercise before it is complete and is
checkpointed), and the session ended. The recorder turns the engine's
`SessionSummary` into the store's rows.

A resumed session runs a timeline of the exercises that were still to do;
the recorder keeps the results of the ones done before the interruption and
puts the new ones after them, so the history shows one session.

The history must never stop an exercise: when the disk refuses a write, the
recorder reports it once through `on_problem` and records nothing more
this run.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TypeVar

from sciatica_gui.core.summary import SessionSummary
from sciatica_gui.core.timeline import Timeline
from sciatica_gui.history.errors import HistoryError
from sciatica_gui.history.records import (
    ExerciseRecord,
    InterruptedSession,
    ResultLike,
    SessionOutcome,
    plan_of,
)
from sciatica_gui.history.store import HistoryStore

T = TypeVar("T")


class SessionRecorder:
    def __init__(
        self,
        store: HistoryStore,
        now: Callable[[], datetime],
        on_problem: Callable[[str], None],
    ) -> None:
        self._store: HistoryStore | None = store
        self._now = now
        self._on_problem = on_problem
        self._session: int | None = None
        self._done_before: tuple[ExerciseRecord, ...] = ()
        self._seconds_before = 0.0

    @property
    def session_id(self) -> int | None:
        """The session being written, or the last one ended (for the pain score after it)."""
        return self._session

    def begin(
        self,
        timeline: Timeline,
        pain_before: int | None,
        resumed: InterruptedSession | None = None,
    ) -> None:
        store = self._store
        if store is None:
            return
        if resumed is not None:
            self._session = resumed.id
            self._done_before = resumed.exercises[: resumed.position]
            self._seconds_before = resumed.active_seconds
            return
        self._done_before, self._seconds_before = (), 0.0
        routine = timeline.routine
        self._session = self._write(
            lambda: store.begin(
                routine.id,
                routine.name,
                timeline.level.value,
                self._now(),
                pain_before,
                plan_of(timeline.blocks),
            )
        )

    def exercise_started(self, number: int, summary: SessionSummary) -> None:
        """Exercise `number` (from 1) began: every one before it is behind us."""
        store, session = self._store, self._session
        if store is None or session is None or number <= 1:
            return
        results = self._results(summary, number - 1)
        self._write(
            lambda: store.checkpoint(
                session, results, self._active(summary), len(self._done_before) + number - 1
            )
        )

    def end(self, summary: SessionSummary) -> None:
        store, session = self._store, self._session
        if store is None or session is None:
            return
        # Skipping to the end without a single hold is not a finished session.
        finished = summary.finished and summary.holds_done > 0
        outcome = SessionOutcome.FINISHED if finished else SessionOutcome.STOPPED
        results = self._results(summary, len(summary.exercises))
        self._write(
            lambda: store.finish(session, self._now(), outcome, results, self._active(summary))
        )

    def pain_after(self, pain: int | None) -> None:
        store, session = self._store, self._session
        if store is None or session is None or pain is None:
            return
        self._write(lambda: store.set_pain_after(session, pain))

    def _results(self, summary: SessionSummary, count: int) -> Sequence[ResultLike]:
        return (*self._done_before, *summary.exercises[:count])

    def _active(self, summary: SessionSummary) -> float:
        return self._seconds_before + summary.active_seconds

    def _write(self, write: Callable[[], T]) -> T | None:
        try:
            return write()
        except (HistoryError, ValueError) as error:
            # One note, then silence: the exercise matters more than its record. ValueError
            # means the results no longer fit the plan that was saved; nothing is written.
            self._store = None
            self._on_problem(str(error))
            return None
