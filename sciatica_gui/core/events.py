"""What the session engine reports, for the screen, the sound and the history.

Every event carries `at_ns`: the moment it belongs to on the engine's clock.
For a phase boundary that is the planned deadline, not the moment the event
loop noticed it, so listeners can tell how late they are (a cue that is
already several seconds stale can be dropped rather than played).
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple

from sciatica_gui.core.summary import Outcome, SessionSummary
from sciatica_gui.core.timeline import Phase


class State(StrEnum):
    IDLE = "idle"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"
    STOPPED = "stopped"


class Trigger(StrEnum):
    """Why the state may change: a user's command, or something the engine noticed."""

    START = "start"
    PAUSE = "pause"
    RESUME = "resume"
    SKIP = "skip"
    NEXT_EXERCISE = "next_exercise"
    BACK = "back"
    STOP = "stop"
    TICK = "tick"
    SLEPT = "slept"
    END = "end"


class StateChanged(NamedTuple):
    old: State
    new: State
    trigger: Trigger
    at_ns: int


class PhaseStarted(NamedTuple):
    phase_index: int
    phase: Phase
    at_ns: int


class PhaseEnded(NamedTuple):
    phase_index: int
    phase: Phase
    outcome: Outcome
    at_ns: int


class ExerciseStarted(NamedTuple):
    exercise: str
    number: int
    total: int
    at_ns: int


class CountInStarted(NamedTuple):
    seconds: int
    at_ns: int


class SecondChanged(NamedTuple):
    """The whole seconds shown changed: the phase countdown, or the count-in's."""

    phase_index: int
    seconds: int
    counting_in: bool
    at_ns: int


class Finished(NamedTuple):
    summary: SessionSummary
    at_ns: int


class Stopped(NamedTuple):
    summary: SessionSummary
    at_ns: int


Event = (
    StateChanged
    | PhaseStarted
    | PhaseEnded
    | ExerciseStarted
    | CountInStarted
    | SecondChanged
    | Finished
    | Stopped
)
