"""The timeline compiler: shape, timing, totals and the app's adjustable defaults."""

from __future__ import annotations

import pytest

from sciatica_gui.core.content import Level, StepRole
from sciatica_gui.core.timeline import (
    PHASE_WORDS,
    PhaseKind,
    Preview,
    Side,
    compile_timeline,
    repetitions,
)
from sciatica_gui.core.timing import DEFAULTS, RepCounting

K = PhaseKind


def kinds(timeline):
    return [phase.kind for phase in timeline.phases]


def test_one_sided_exercise_shape(library):
    timeline = compile_timeline(library, library.routine("back_extension"), Level.GENTLE)
    reps = 8
    assert kinds(timeline) == [K.GET_READY, K.POSITION] + [K.HOLD, K.RELEASE] + [
        K.REST,
        K.HOLD,
        K.RELEASE,
    ] * (reps - 1)
    holds = [p for p in timeline.phases if p.kind is K.HOLD]
    assert [p.rep for p in holds] == list(range(1, reps + 1))
    assert all(p.side is None and p.reps == reps and p.seconds == 5 for p in holds)


def test_two_sided_exercise_alternates_legs_with_a_switch_between(library):
    timeline = compile_timeline(library, library.routine("sciatic_mobilising"), Level.STANDARD)
    body = [(p.kind, p.rep, p.side) for p in timeline.phases[2:]]
    right, left = Side.RIGHT, Side.LEFT
    expected: list[tuple[PhaseKind, int, Side]] = []
    for rep in (1, 2, 3):
        for side in (right, left):
            if expected:
                expected.append((K.SWITCH_SIDE, rep, side))
            expected += [(K.HOLD, rep, side), (K.RELEASE, rep, side)]
    assert body == expected
    switch = timeline.phases[4]
    assert switch.instruction == "Switch to your left leg"


def test_in_all_reading_alternates_one_hold_per_repetition(library):
    prefs = DEFAULTS.replace(rep_counting=RepCounting.IN_ALL)
    timeline = compile_timeline(library, library.routine("knee_to_chest"), Level.STANDARD, prefs)
    holds = [(p.rep, p.side) for p in timeline.phases if p.kind is K.HOLD]
    assert holds == [(1, Side.RIGHT), (2, Side.LEFT), (3, Side.RIGHT)]


def test_phases_are_contiguous_and_totals_add_up(library):
    for routine in library.routines:
        for level in Level:
            timeline = compile_timeline(library, routine, level)
            clock = 0
            for phase in timeline.phases:
                assert phase.start_s == clock
                assert phase.seconds > 0
                clock = phase.end_s
            assert timeline.total_seconds == clock
            assert sum(block.seconds for block in timeline.blocks) == clock
            assert timeline.blocks[0].first == 0
            assert timeline.blocks[-1].end == len(timeline.phases)
            for before, after in zip(timeline.blocks, timeline.blocks[1:], strict=False):
                assert before.end == after.first


def test_routine_totals_at_the_standard_level(library):
    totals = {
        r.id: compile_timeline(library, r, Level.STANDARD).total_seconds for r in library.routines
    }
    # get ready 5, position 10, release 5, rest 5, switch 5, between exercises 15
    assert totals["back_extension"] == 5 + 10 + 10 * (10 + 5) + 9 * 5
    assert totals["knee_to_chest"] == 5 + 10 + 6 * (30 + 5) + 5 * 5
    assert totals["full"] == sum(
        compile_timeline(library, library.routine(e), Level.STANDARD).total_seconds
        for e in library.exercises
    ) + 3 * (15 - 5)


def test_lead_ins_get_ready_first_then_a_preview_of_each_next_exercise(library):
    timeline = compile_timeline(library, library.routine("full"), Level.STANDARD)
    leads = [timeline.phases[block.first] for block in timeline.blocks]
    assert [p.kind for p in leads] == [K.GET_READY] + [K.NEXT_EXERCISE] * 3
    for block, lead in zip(timeline.blocks, leads, strict=True):
        assert lead.preview == Preview(
            block.exercise.id, block.exercise.name, block.seconds - lead.seconds
        )
        assert lead.exercise == block.exercise.id
        assert lead.instruction.endswith(block.exercise.name)
    assert leads[2].side is Side.RIGHT
    assert leads[0].rep == 1


def test_each_phase_illustrates_the_step_of_its_role(library):
    role = {
        K.HOLD: StepRole.HOLD,
        K.RELEASE: StepRole.RELEASE,
    }
    timeline = compile_timeline(library, library.routine("full"), Level.GENTLE)
    for phase in timeline.phases:
        exercise = library.exercises[phase.exercise]
        step = exercise.steps[phase.step - 1]
        assert step.role is role.get(phase.kind, StepRole.START)
        assert phase.title == PHASE_WORDS[phase.kind]
        if phase.kind in (K.HOLD, K.RELEASE, K.POSITION):
            assert phase.instruction == step.cue


def test_rest_of_zero_leaves_rest_phases_out(library):
    prefs = DEFAULTS.replace(rest_s=0)
    timeline = compile_timeline(library, library.routine("floor_bridge"), Level.STANDARD, prefs)
    assert K.REST not in kinds(timeline)
    assert kinds(timeline).count(K.HOLD) == 10


def test_preferences_set_the_app_timings(library):
    prefs = DEFAULTS.replace(
        get_ready_s=7, position_s=12, release_s=3, rest_s=9, switch_side_s=4, next_exercise_s=20
    )
    timeline = compile_timeline(library, library.routine("full"), Level.STANDARD, prefs)
    seconds = {phase.kind: phase.seconds for phase in timeline.phases}
    assert seconds[K.GET_READY] == 7
    assert seconds[K.POSITION] == 12
    assert seconds[K.RELEASE] == 3
    assert seconds[K.REST] == 9
    assert seconds[K.SWITCH_SIDE] == 4
    assert seconds[K.NEXT_EXERCISE] == 20


def test_user_repetitions_replace_only_an_app_default(library):
    prefs = DEFAULTS.replace(rep_overrides=(("floor_bridge", 4), ("back_extension", 2)))
    bridge = library.exercises["floor_bridge"]
    extension = library.exercises["back_extension"]
    assert repetitions(bridge, Level.STANDARD, prefs) == 4
    assert repetitions(extension, Level.STANDARD, prefs) == 10


def test_block_lookup_and_per_exercise_totals(library):
    timeline = compile_timeline(library, library.routine("stretches"), Level.GENTLE)
    first, second = timeline.blocks
    assert timeline.block_at(0) is first
    assert timeline.block_at(first.end - 1) is first
    assert timeline.block_at(first.end) is second
    assert timeline.seconds_of("knee_to_chest") == first.seconds
    assert timeline.seconds_of("floor_bridge") == 0
    assert (first.holds, second.holds) == (6, 4)


def test_a_routine_can_repeat_an_exercise(library):
    from sciatica_gui.core.content import Routine

    routine = Routine("twice", "Twice", ("floor_bridge", "floor_bridge"), builtin=False)
    timeline = compile_timeline(library, routine, Level.GENTLE)
    assert [b.number for b in timeline.blocks] == [1, 2]
    assert timeline.seconds_of("floor_bridge") == timeline.total_seconds


def test_an_empty_timeline_has_no_length(library):
    from sciatica_gui.core.content import Routine
    from sciatica_gui.core.timeline import Timeline

    empty = Timeline(Routine("none", "None", ()), Level.GENTLE, (), ())
    assert empty.total_seconds == 0


@pytest.mark.parametrize("level", list(Level))
def test_compiling_is_pure(library, level):
    routine = library.routine("full")
    assert compile_timeline(library, routine, level) == compile_timeline(library, routine, level)
