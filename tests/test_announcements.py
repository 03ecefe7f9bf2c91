"""What is played and said for each moment of a session (core, no Qt)."""

from __future__ import annotations

from collections import Counter

import pytest

from sciatica_gui.core.announcements import (
    Announcement,
    AudioPrefs,
    Cue,
    Urgency,
    announce,
)
from sciatica_gui.core.clock import FakeClock
from sciatica_gui.core.content import Level, Library
from sciatica_gui.core.engine import SessionEngine
from sciatica_gui.core.events import (
    Event,
    Finished,
    PhaseStarted,
    SecondChanged,
    State,
    StateChanged,
    Trigger,
)
from sciatica_gui.core.timeline import PhaseKind, Side, Timeline, compile_timeline

K = PhaseKind


@pytest.fixture
def full(library: Library) -> Timeline:
    return compile_timeline(library, library.routine("full"), Level.GENTLE)


def first(timeline: Timeline, kind: PhaseKind, side: Side | None = None) -> int:
    return next(
        i
        for i, phase in enumerate(timeline.phases)
        if phase.kind is kind and (side is None or phase.side is side)
    )


def started(timeline: Timeline, index: int) -> PhaseStarted:
    return PhaseStarted(index, timeline.phases[index], at_ns=7)


def second(index: int, seconds: int, counting_in: bool = False) -> SecondChanged:
    return SecondChanged(index, seconds, counting_in, at_ns=9)


def test_a_hold_plays_its_cue_says_hold_and_interrupts_words(full):
    said = announce(started(full, first(full, K.HOLD)), full, AudioPrefs())
    assert said == Announcement(Cue.HOLD, "Hold.", Urgency.PHASE, 7)


def test_release_and_switch_name_what_to_do_and_which_leg(full):
    release = announce(started(full, first(full, K.RELEASE)), full, AudioPrefs())
    assert release is not None
    assert (release.cue, release.words) == (Cue.RELEASE, "Release.")
    for side, words in (
        (Side.LEFT, "Switch to your left leg."),
        (Side.RIGHT, "Switch to your right leg."),
    ):
        switch = announce(started(full, first(full, K.SWITCH_SIDE, side)), full, AudioPrefs())
        assert switch == Announcement(Cue.SWITCH_SIDE, words, Urgency.PHASE, 7)


def test_moving_into_position_names_the_exercise_and_reminds_the_position(full):
    index = first(full, K.POSITION)
    exercise = full.blocks[full.phases[index].exercise_number - 1].exercise
    said = announce(started(full, index), full, AudioPrefs())
    assert said == Announcement(None, f"{exercise.name}. {exercise.reminder}", Urgency.INFO, 7)
    assert exercise.reminder.strip()


def test_get_ready_rest_and_next_exercise(full):
    ready = announce(started(full, first(full, K.GET_READY)), full, AudioPrefs())
    assert ready is not None
    assert ready.cue is None
    assert ready.words == f"Get ready. First: {full.blocks[0].exercise.name}."
    rest = announce(started(full, first(full, K.REST)), full, AudioPrefs())
    assert rest == Announcement(None, "Rest.", Urgency.INFO, 7)
    index = first(full, K.NEXT_EXERCISE)
    upcoming = full.blocks[full.phases[index].exercise_number - 1].exercise
    done = announce(started(full, index), full, AudioPrefs())
    assert done == Announcement(
        Cue.EXERCISE_DONE, f"Well done. Next: {upcoming.name}.", Urgency.PHASE, 7
    )


def test_the_last_three_seconds_of_a_hold_tick_softly_unless_turned_off(full):
    hold = first(full, K.HOLD)
    for seconds in (1, 2, 3):
        tick = announce(second(hold, seconds), full, AudioPrefs())
        assert tick == Announcement(Cue.LAST_SECONDS, None, Urgency.TICK, 9)
    assert announce(second(hold, 4), full, AudioPrefs()) is None
    assert announce(second(hold, 2), full, AudioPrefs(last_seconds_ticks=False)) is None


def test_a_count_in_ticks_into_a_hold_or_a_new_position(full):
    for kind in (K.GET_READY, K.POSITION, K.REST, K.SWITCH_SIDE, K.NEXT_EXERCISE):
        tick = announce(second(first(full, kind), 2), full, AudioPrefs(last_seconds_ticks=False))
        assert tick is not None
        assert tick.cue is Cue.COUNT_IN, kind
    release = first(full, K.RELEASE)
    assert announce(second(release, 2), full, AudioPrefs()) is None
    # The count-in after a pause ticks whatever the phase.
    resumed = announce(second(release, 3, counting_in=True), full, AudioPrefs())
    assert resumed is not None
    assert resumed.cue is Cue.COUNT_IN


def test_a_spoken_countdown_says_the_number_instead_of_the_tick(full):
    said = announce(second(first(full, K.HOLD), 3), full, AudioPrefs(spoken_countdown=True))
    assert said == Announcement(None, "3", Urgency.TICK, 9)


def test_the_end_and_a_pause_are_announced(full, clock: FakeClock):
    engine = SessionEngine(full, clock)
    engine.start()
    clock.advance(1)
    stopped = [e for e in engine.stop() if not isinstance(e, StateChanged)]
    summary = stopped[-1].summary
    end = announce(Finished(summary, 5), full, AudioPrefs())
    assert end == Announcement(Cue.ROUTINE_DONE, "Routine complete.", Urgency.PHASE, 5)
    pause = StateChanged(State.RUNNING, State.PAUSED, Trigger.PAUSE, 6)
    assert announce(pause, full, AudioPrefs()) == Announcement(None, "Paused.", Urgency.PHASE, 6)
    resume = StateChanged(State.PAUSED, State.RUNNING, Trigger.RESUME, 6)
    assert announce(resume, full, AudioPrefs()) is None


def test_a_whole_routine_plays_one_cue_per_phase_change_and_ends_once(full, clock: FakeClock):
    engine = SessionEngine(full, clock)
    events: list[Event] = list(engine.start())
    while engine.state is State.RUNNING:
        wake = engine.next_wakeup_ns()
        assert wake is not None
        clock.set_ns(wake)
        events.extend(engine.tick())
    cues = Counter(
        said.cue
        for said in (announce(event, full, AudioPrefs()) for event in events)
        if said is not None and said.cue is not None
    )
    kinds = Counter(phase.kind for phase in full.phases)
    assert cues[Cue.HOLD] == kinds[K.HOLD]
    assert cues[Cue.RELEASE] == kinds[K.RELEASE]
    assert cues[Cue.SWITCH_SIDE] == kinds[K.SWITCH_SIDE]
    assert cues[Cue.EXERCISE_DONE] == kinds[K.NEXT_EXERCISE]
    assert cues[Cue.ROUTINE_DONE] == 1
    holds_long_enough = sum(min(3, p.seconds) for p in full.phases if p.kind is K.HOLD)
    assert cues[Cue.LAST_SECONDS] == holds_long_enough


def test_with_eyes_closed_the_leg_is_said_at_the_position_and_every_hold(library):
    timeline = compile_timeline(library, library.routine("knee_to_chest"), Level.GENTLE)
    position = first(timeline, K.POSITION)
    said = announce(started(timeline, position), timeline, AudioPrefs())
    assert said is not None
    assert said.words is not None
    assert said.words.endswith("Start with your right leg.")
    for index, phase in enumerate(timeline.phases):
        if phase.kind is K.HOLD:
            hold = announce(started(timeline, index), timeline, AudioPrefs())
            assert hold is not None
            assert hold.words == f"Hold, {phase.side.value} leg."


def test_stopping_is_said(full):
    stop = StateChanged(State.RUNNING, State.STOPPED, Trigger.STOP, 3)
    assert announce(stop, full, AudioPrefs()) == Announcement(None, "Stopped.", Urgency.PHASE, 3)
