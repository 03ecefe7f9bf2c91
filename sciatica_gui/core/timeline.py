"""Compile a routine into a flat tuple of timed phases.

`compile_timeline` is a pure function of the routine, the level and the
timing preferences. Everything time-related downstream (the session engine,
totals in the sidebar, the "next" preview, the session summary, the command
line's JSON) reads the phases it returns, so there is one place where a
routine's shape is decided.

The shape of one exercise:

    get ready | next exercise      (the first exercise | every later one)
    move into position
    hold, release                  (repetition 1)
    rest | switch legs             (same side again | the other side)
    hold, release                  (repetition 2) ...

Two-sided exercises alternate legs and give each side the full hold. Phases
that set up something (get ready, position, rest, switch legs, next
exercise) carry the repetition and side that come next, so the screen can
say "next: rep 2 of 3, left leg" without looking ahead.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum
from typing import Final, NamedTuple

from sciatica_gui.core.content import (
    Exercise,
    Level,
    Library,
    Origin,
    Routine,
    Sides,
    StepRole,
)
from sciatica_gui.core.timing import DEFAULTS, RepCounting, TimingPrefs


class PhaseKind(StrEnum):
    GET_READY = "get_ready"
    POSITION = "position"
    HOLD = "hold"
    RELEASE = "release"
    REST = "rest"
    SWITCH_SIDE = "switch_side"
    NEXT_EXERCISE = "next_exercise"


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"


#: The right leg first: the illustrations show the right leg, and are mirrored for the left.
SIDE_ORDER: Final = (Side.RIGHT, Side.LEFT)

PHASE_WORDS: Final = {
    PhaseKind.GET_READY: "Get ready",
    PhaseKind.POSITION: "Move into position",
    PhaseKind.HOLD: "Hold",
    PhaseKind.RELEASE: "Release",
    PhaseKind.REST: "Rest",
    PhaseKind.SWITCH_SIDE: "Switch legs",
    PhaseKind.NEXT_EXERCISE: "Next exercise",
}

_STEP_ROLE: Final = {
    PhaseKind.GET_READY: StepRole.START,
    PhaseKind.POSITION: StepRole.START,
    PhaseKind.HOLD: StepRole.HOLD,
    PhaseKind.RELEASE: StepRole.RELEASE,
    PhaseKind.REST: StepRole.START,
    PhaseKind.SWITCH_SIDE: StepRole.START,
    PhaseKind.NEXT_EXERCISE: StepRole.START,
}


class Preview(NamedTuple):
    """What comes next, for the pause between two exercises."""

    exercise: str
    name: str
    seconds: int


class Phase(NamedTuple):
    kind: PhaseKind
    exercise: str
    exercise_number: int
    step: int
    rep: int | None
    reps: int | None
    side: Side | None
    seconds: int
    start_s: int
    title: str
    instruction: str
    preview: Preview | None = None

    @property
    def end_s(self) -> int:
        return self.start_s + self.seconds


class ExerciseBlock(NamedTuple):
    """One exercise's stretch of the timeline: phases [first, end)."""

    exercise: Exercise
    number: int
    first: int
    end: int
    seconds: int
    hold_seconds: int
    reps: int
    holds: int


class Timeline(NamedTuple):
    routine: Routine
    level: Level
    phases: tuple[Phase, ...]
    blocks: tuple[ExerciseBlock, ...]

    @property
    def total_seconds(self) -> int:
        return self.phases[-1].end_s if self.phases else 0

    def block_at(self, index: int) -> ExerciseBlock:
        """The exercise that phase `index` belongs to."""
        return next(block for block in self.blocks if block.first <= index < block.end)

    def seconds_of(self, exercise_id: str) -> int:
        return sum(block.seconds for block in self.blocks if block.exercise.id == exercise_id)


def repetitions(exercise: Exercise, level: Level, prefs: TimingPrefs) -> int:
    """The repetition count at this level; a user's choice replaces only an app default."""
    override = prefs.override_for(exercise.id)
    if override is not None and exercise.repetitions.origin is Origin.APP:
        return override
    return exercise.repetitions.at(level)


def _holds(exercise: Exercise, reps: int, prefs: TimingPrefs) -> Iterator[tuple[int, Side | None]]:
    """(repetition number, side) of every hold, in order."""
    if exercise.sides is Sides.NONE:
        for rep in range(1, reps + 1):
            yield rep, None
    elif prefs.rep_counting is RepCounting.PER_SIDE:
        for rep in range(1, reps + 1):
            for side in SIDE_ORDER:
                yield rep, side
    else:
        for rep in range(1, reps + 1):
            yield rep, SIDE_ORDER[(rep - 1) % 2]


class _Writer:
    """Writes one exercise's phases with absolute start times; keeps the compiler readable."""

    def __init__(self, exercise: Exercise, number: int, reps: int, start_s: int) -> None:
        self.exercise = exercise
        self.number = number
        self.reps = reps
        self.steps = {step.role: step for step in exercise.steps}
        self.clock = start_s
        self.phases: list[Phase] = []

    def make(
        self,
        kind: PhaseKind,
        seconds: int,
        instruction: str,
        rep: int | None,
        side: Side | None,
        start_s: int,
        preview: Preview | None = None,
    ) -> Phase:
        return Phase(
            kind=kind,
            exercise=self.exercise.id,
            exercise_number=self.number,
            step=self.steps[_STEP_ROLE[kind]].number,
            rep=rep,
            reps=self.reps,
            side=side,
            seconds=seconds,
            start_s=start_s,
            title=PHASE_WORDS[kind],
            instruction=instruction,
            preview=preview,
        )

    def add(
        self, kind: PhaseKind, seconds: int, instruction: str, rep: int, side: Side | None
    ) -> None:
        if seconds > 0:
            self.phases.append(self.make(kind, seconds, instruction, rep, side, self.clock))
            self.clock += seconds


def _write_exercise(writer: _Writer, level: Level, prefs: TimingPrefs) -> int:
    """Position, then every hold with its release and what separates them; returns the holds."""
    hold_s = writer.exercise.hold_seconds.at(level)
    hold_cue = writer.steps[StepRole.HOLD].cue
    release_cue = writer.steps[StepRole.RELEASE].cue
    holds = list(_holds(writer.exercise, writer.reps, prefs))
    first_rep, previous_side = holds[0]
    writer.add(
        PhaseKind.POSITION,
        prefs.position_s,
        writer.steps[StepRole.START].cue,
        first_rep,
        previous_side,
    )
    for index, (rep, side) in enumerate(holds):
        if index > 0 and side != previous_side:
            writer.add(
                PhaseKind.SWITCH_SIDE, prefs.switch_side_s, f"Switch to your {side} leg", rep, side
            )
        elif index > 0:
            writer.add(PhaseKind.REST, prefs.rest_s, "Rest in the start position", rep, side)
        writer.add(PhaseKind.HOLD, hold_s, hold_cue, rep, side)
        writer.add(PhaseKind.RELEASE, prefs.release_s, release_cue, rep, side)
        previous_side = side
    return len(holds)


def compile_timeline(
    library: Library, routine: Routine, level: Level, prefs: TimingPrefs = DEFAULTS
) -> Timeline:
    phases: list[Phase] = []
    blocks: list[ExerciseBlock] = []
    clock = 0
    for number, exercise in enumerate(library.routine_exercises(routine), start=1):
        lead_kind, lead_s, words = (
            (PhaseKind.GET_READY, prefs.get_ready_s, "First: {}")
            if number == 1
            else (PhaseKind.NEXT_EXERCISE, prefs.next_exercise_s, "Next: {}")
        )
        writer = _Writer(exercise, number, repetitions(exercise, level, prefs), clock + lead_s)
        holds = _write_exercise(writer, level, prefs)
        first = writer.phases[0]
        # The lead-in comes first but is written last: its preview needs the exercise's length.
        preview = Preview(exercise.id, exercise.name, writer.clock - first.start_s)
        lead_in = writer.make(
            lead_kind, lead_s, words.format(exercise.name), first.rep, first.side, clock, preview
        )
        blocks.append(
            ExerciseBlock(
                exercise=exercise,
                number=number,
                first=len(phases),
                end=len(phases) + 1 + len(writer.phases),
                seconds=writer.clock - clock,
                hold_seconds=exercise.hold_seconds.at(level),
                reps=writer.reps,
                holds=holds,
            )
        )
        phases.append(lead_in)
        phases.extend(writer.phases)
        clock = writer.clock
    return Timeline(routine, level, tuple(phases), tuple(blocks))
