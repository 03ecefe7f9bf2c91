"""What goes into the history and what comes out: immutable records.

The store reads results and timeline blocks through small protocols instead
of importing the core's types, so the history depends on nothing but the
standard library, and the core's `ExerciseResult` and `ExerciseBlock` (or
the store's own `ExerciseRecord`, when a resumed session is continued) fit
as they are.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import TYPE_CHECKING, Final, NamedTuple, Protocol

if TYPE_CHECKING:
    from datetime import datetime


LEVELS: Final = frozenset({"gentle", "standard"})


def check_pain(pain: int | None) -> None:
    """0 to 10, or None when the person skipped the question."""
    if pain is not None and (type(pain) is not int or not 0 <= pain <= 10):
        raise ValueError(f"a pain score is a whole number from 0 to 10, not {pain!r}")


def check_seconds(seconds: float) -> None:
    if not seconds >= 0:  # also refuses NaN
        raise ValueError(f"active seconds cannot be negative: {seconds!r}")


class SessionOutcome(StrEnum):
    #: Begun and not closed: under way now, or the app died and it may be resumed.
    OPEN = "open"
    FINISHED = "finished"
    #: Stopped early by the person.
    STOPPED = "stopped"
    #: Never closed (the app crashed or was killed) and not resumed.
    INTERRUPTED = "interrupted"


class PlannedExercise(NamedTuple):
    exercise: str
    name: str
    holds: int
    reps: int
    hold_seconds: int


class ExerciseRecord(NamedTuple):
    exercise: str
    name: str
    holds: int
    reps: int
    hold_seconds: int
    holds_done: int
    reps_done: int


class SessionRecord(NamedTuple):
    id: int
    #: Aware datetimes, in the store's display zone (the local one unless told otherwise).
    started_at: datetime
    #: None while the session is open.
    ended_at: datetime | None
    routine: str
    routine_name: str
    level: str
    outcome: SessionOutcome
    active_seconds: float
    #: Exercises fully behind us; a resume restarts at `exercises[position]`.
    position: int
    pain_before: int | None
    pain_after: int | None
    exercises: tuple[ExerciseRecord, ...]

    @property
    def holds(self) -> int:
        return sum(exercise.holds for exercise in self.exercises)

    @property
    def holds_done(self) -> int:
        return sum(exercise.holds_done for exercise in self.exercises)

    @property
    def active_minutes(self) -> float:
        return self.active_seconds / 60


class InterruptedSession(NamedTuple):
    """A session the app can offer to resume: everything needed to start at `position`."""

    id: int
    routine: str
    routine_name: str
    level: str
    started_at: datetime
    #: The last checkpoint (or the start): when the session was last known to be alive.
    last_seen: datetime
    position: int
    active_seconds: float
    pain_before: int | None
    exercises: tuple[ExerciseRecord, ...]


class ResultLike(Protocol):
    """How far one exercise got; the core's `ExerciseResult` is one."""

    @property
    def exercise(self) -> str: ...
    @property
    def holds_done(self) -> int: ...
    @property
    def reps_done(self) -> int: ...


class _NamedExercise(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...


class BlockLike(Protocol):
    """One exercise of a compiled routine; the core's `ExerciseBlock` is one."""

    @property
    def exercise(self) -> _NamedExercise: ...
    @property
    def holds(self) -> int: ...
    @property
    def reps(self) -> int: ...
    @property
    def hold_seconds(self) -> int: ...


def plan_of(blocks: Iterable[BlockLike]) -> tuple[PlannedExercise, ...]:
    """The plan to pass to `HistoryStore.begin`, from `Timeline.blocks`."""
    return tuple(
        PlannedExercise(
            block.exercise.id, block.exercise.name, block.holds, block.reps, block.hold_seconds
        )
        for block in blocks
    )
