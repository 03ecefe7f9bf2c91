"""Every hold, repetition count and side of every built-in routine, against CONTENT.md.

The expected figures below are copied by hand from ../shared/CONTENT.md, not
from the data files, so a typo in either shows up here.
"""

from __future__ import annotations

import pytest

from sciatica_gui.core.content import Level, Origin, Sides
from sciatica_gui.core.timeline import PhaseKind, Side, compile_timeline
from sciatica_gui.core.timing import DEFAULTS, RepCounting

# id: (name, source, hold seconds (low, high), repetitions (low, high) or None
#      when the source gives none, two-sided)
CONTENT_MD = {
    "back_extension": ("Back extension", "NHS", (5, 10), (8, 10), False),
    "floor_bridge": ("Floor bridge", "NASM", (5, 5), None, False),
    "knee_to_chest": ("Knee-to-chest stretch", "NHS", (20, 30), (3, 3), True),
    "sciatic_mobilising": ("Sciatic mobilising stretch", "NHS", (20, 30), (2, 3), True),
}


def test_exercise_data_matches_content_md(library):
    assert set(library.exercises) == set(CONTENT_MD)
    for exercise_id, (name, source, hold, reps, two_sided) in CONTENT_MD.items():
        exercise = library.exercises[exercise_id]
        assert exercise.name == name
        assert exercise.source == source
        assert (exercise.hold_seconds.low, exercise.hold_seconds.high) == hold
        assert exercise.hold_seconds.origin is Origin.SOURCE
        if reps is None:
            assert exercise.repetitions.origin is Origin.APP
        else:
            assert (exercise.repetitions.low, exercise.repetitions.high) == reps
            assert exercise.repetitions.origin is Origin.SOURCE
        assert (exercise.sides is Sides.ALTERNATING) == two_sided


@pytest.mark.parametrize("level", list(Level))
@pytest.mark.parametrize(
    "routine_id",
    ["full", "stretches", "back_extension", "floor_bridge", "knee_to_chest", "sciatic_mobilising"],
)
def test_every_hold_rep_and_side_of_every_builtin_routine(library, routine_id, level):
    timeline = compile_timeline(library, library.routine(routine_id), level)
    assert [block.exercise.id for block in timeline.blocks] == list(
        library.routine(routine_id).exercises
    )
    low_end = level is Level.GENTLE
    for block in timeline.blocks:
        _, _, hold, reps, two_sided = CONTENT_MD[block.exercise.id]
        expected_hold = hold[0] if low_end else hold[1]
        expected_reps = (
            block.exercise.repetitions.at(level)
            if reps is None
            else (reps[0] if low_end else reps[1])
        )
        phases = timeline.phases[block.first : block.end]
        holds = [p for p in phases if p.kind is PhaseKind.HOLD]
        assert all(p.seconds == expected_hold for p in holds)
        assert all(p.reps == expected_reps for p in holds)
        if two_sided:
            # "alternating legs", read per leg by default: each side gets every repetition.
            assert DEFAULTS.rep_counting is RepCounting.PER_SIDE
            assert [(p.rep, p.side) for p in holds] == [
                (rep, side)
                for rep in range(1, expected_reps + 1)
                for side in (Side.RIGHT, Side.LEFT)
            ]
        else:
            assert [(p.rep, p.side) for p in holds] == [
                (rep, None) for rep in range(1, expected_reps + 1)
            ]
        assert block.reps == expected_reps
        assert block.hold_seconds == expected_hold


def test_bridge_repetitions_are_an_app_default_that_differs_by_level(library):
    reps = library.exercises["floor_bridge"].repetitions
    assert reps.origin is Origin.APP
    assert reps.low < reps.high
