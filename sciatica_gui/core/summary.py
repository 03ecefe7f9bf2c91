"""What a session did, derived from the timeline and each phase's outcome.

The engine records only how each phase ended; everything a person reads at
the end (holds and repetitions done, what was skipped, how long it took) is
computed here, so the summary screen, the history and the self-test agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import NamedTuple

from sciatica_gui.core.timeline import PhaseKind, Timeline


class Outcome(StrEnum):
    COMPLETED = "completed"
    SKIPPED = "skipped"
    STOPPED = "stopped"


class ExerciseResult(NamedTuple):
    exercise: str
    name: str
    source: str
    hold_seconds: int
    reps: int
    reps_done: int
    holds: int
    holds_done: int
    holds_skipped: int

    @property
    def complete(self) -> bool:
        return self.holds_done == self.holds


class SessionSummary(NamedTuple):
    routine: str
    routine_name: str
    level: str
    finished: bool
    active_seconds: float
    planned_seconds: int
    exercises: tuple[ExerciseResult, ...]

    @property
    def holds_done(self) -> int:
        return sum(result.holds_done for result in self.exercises)

    @property
    def holds(self) -> int:
        return sum(result.holds for result in self.exercises)

    @property
    def skipped(self) -> tuple[ExerciseResult, ...]:
        """Exercises with at least one hold not done."""
        return tuple(result for result in self.exercises if not result.complete)


def summarise(
    timeline: Timeline,
    outcomes: Sequence[Outcome | None],
    active_ns: int,
    *,
    finished: bool,
) -> SessionSummary:
    results = []
    for block in timeline.blocks:
        holds = [
            (timeline.phases[index], outcomes[index])
            for index in range(block.first, block.end)
            if timeline.phases[index].kind is PhaseKind.HOLD
        ]
        done_by_rep: dict[int | None, list[bool]] = {}
        for phase, outcome in holds:
            done_by_rep.setdefault(phase.rep, []).append(outcome is Outcome.COMPLETED)
        results.append(
            ExerciseResult(
                exercise=block.exercise.id,
                name=block.exercise.name,
                source=block.exercise.source,
                hold_seconds=block.hold_seconds,
                reps=block.reps,
                reps_done=sum(all(done) for done in done_by_rep.values()),
                holds=len(holds),
                holds_done=sum(outcome is Outcome.COMPLETED for _, outcome in holds),
                holds_skipped=sum(outcome is Outcome.SKIPPED for _, outcome in holds),
            )
        )
    return SessionSummary(
        routine=timeline.routine.id,
        routine_name=timeline.routine.name,
        level=timeline.level.value,
        finished=finished,
        active_seconds=active_ns / 1_000_000_000,
        planned_seconds=timeline.total_seconds,
        exercises=tuple(results),
    )
