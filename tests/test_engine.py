"""The session engine, one transition at a time, on a fake clock."""

from __future__ import annotations

import pytest

from sciatica_gui.core.clock import NS_PER_S, FakeClock
from sciatica_gui.core.content import Level, Routine
from sciatica_gui.core.engine import TRANSITIONS, SessionEngine
from sciatica_gui.core.events import (
    CountInStarted,
    ExerciseStarted,
    Finished,
    PhaseEnded,
    PhaseStarted,
    SecondChanged,
    State,
    StateChanged,
    Stopped,
    Trigger,
)
from sciatica_gui.core.summary import Outcome
from sciatica_gui.core.timeline import PhaseKind, Timeline, compile_timeline

S = NS_PER_S


@pytest.fixture
def bridge(library) -> Timeline:
    # get ready 0-5, position 5-15, hold 15-20, release 20-25, rest 25-30, hold 30-35, ...
    return compile_timeline(library, library.routine("floor_bridge"), Level.GENTLE)


@pytest.fixture
def stretches(library) -> Timeline:
    return compile_timeline(library, library.routine("stretches"), Level.GENTLE)


def names(events):
    return [type(event).__name__ for event in events]


def started(engine, clock):
    engine.start()
    return clock.now_ns()


def run_until(engine, clock, t_ns):
    """Advance to t_ns, ticking every second as the Qt driver does; all events, in order."""
    events = []
    while clock.now_ns() < t_ns:
        clock.set_ns(min(t_ns, clock.now_ns() + S))
        events += engine.tick()
    return events


def test_a_new_engine_is_idle_at_the_first_phase(bridge, clock):
    engine = SessionEngine(bridge, clock)
    status = engine.status()
    assert engine.state is State.IDLE
    assert (status.phase_index, status.phase_remaining_ns, status.seconds_shown) == (0, 5 * S, 5)
    assert status.remaining_ns == bridge.total_seconds * S
    assert engine.next_wakeup_ns() is None
    assert [t for t in Trigger if engine.can(t)] == [Trigger.START]


@pytest.mark.parametrize(
    "command", ["pause", "resume", "skip", "next_exercise", "back", "stop", "tick"]
)
def test_commands_other_than_start_do_nothing_when_idle(bridge, clock, command):
    engine = SessionEngine(bridge, clock)
    assert getattr(engine, command)() == []
    assert engine.state is State.IDLE


def test_start_reports_the_state_the_exercise_the_phase_and_its_seconds(bridge, clock):
    engine = SessionEngine(bridge, clock)
    t0 = clock.now_ns()
    events = engine.start()
    assert events == [
        StateChanged(State.IDLE, State.RUNNING, Trigger.START, t0),
        ExerciseStarted("floor_bridge", 1, 1, t0),
        PhaseStarted(0, bridge.phases[0], t0),
        SecondChanged(0, 5, False, t0),
    ]
    assert engine.start() == []


def test_each_whole_second_is_reported_once_at_its_moment(bridge, clock):
    engine = SessionEngine(bridge, clock)
    t0 = started(engine, clock)
    assert engine.next_wakeup_ns() == t0 + 1 * S
    clock.advance(0.999)
    assert engine.tick() == []
    clock.advance(0.001)
    assert engine.tick() == [SecondChanged(0, 4, False, t0 + 1 * S)]
    assert engine.tick() == []
    assert engine.next_wakeup_ns() == t0 + 2 * S


def test_a_phase_ends_at_its_deadline_and_the_next_starts_there(bridge, clock):
    engine = SessionEngine(bridge, clock)
    t0 = started(engine, clock)
    clock.set_ns(t0 + 5 * S)
    assert engine.tick() == [
        PhaseEnded(0, bridge.phases[0], Outcome.COMPLETED, t0 + 5 * S),
        PhaseStarted(1, bridge.phases[1], t0 + 5 * S),
        SecondChanged(1, 10, False, t0 + 5 * S),
    ]


def test_a_late_wake_reports_every_boundary_crossed_in_order_at_its_deadline(bridge, clock):
    engine = SessionEngine(bridge, clock)
    t0 = started(engine, clock)
    clock.set_ns(t0 + 31_500_000_000)  # 31.5 s: through get ready ... rest, into hold 2
    events = engine.tick()
    boundaries = [e for e in events if isinstance(e, PhaseStarted | PhaseEnded)]
    assert [(type(e).__name__, e.phase_index, e.at_ns) for e in boundaries] == [
        ("PhaseEnded", 0, t0 + 5 * S),
        ("PhaseStarted", 1, t0 + 5 * S),
        ("PhaseEnded", 1, t0 + 15 * S),
        ("PhaseStarted", 2, t0 + 15 * S),
        ("PhaseEnded", 2, t0 + 20 * S),
        ("PhaseStarted", 3, t0 + 20 * S),
        ("PhaseEnded", 3, t0 + 25 * S),
        ("PhaseStarted", 4, t0 + 25 * S),
        ("PhaseEnded", 4, t0 + 30 * S),
        ("PhaseStarted", 5, t0 + 30 * S),
    ]
    # Only the number now on screen is reported, with the moment it belonged there.
    assert events[-1] == SecondChanged(5, 4, False, t0 + 31 * S)
    status = engine.status()
    assert status.phase_remaining_ns == 3_500_000_000
    assert status.active_ns == 31_500_000_000


def test_crossing_into_the_next_exercise_reports_it(stretches, clock):
    engine = SessionEngine(stretches, clock)
    t0 = started(engine, clock)
    second = stretches.blocks[1]
    run_until(engine, clock, t0 + (stretches.phases[second.first].start_s - 1) * S)
    clock.advance(1)
    events = engine.tick()
    assert ExerciseStarted("sciatic_mobilising", 2, 2, clock.now_ns()) in events
    assert names(events) == ["PhaseEnded", "ExerciseStarted", "PhaseStarted", "SecondChanged"]


def test_the_session_finishes_once_at_the_last_deadline(bridge, clock):
    engine = SessionEngine(bridge, clock)
    t0 = started(engine, clock)
    run_until(engine, clock, t0 + (bridge.total_seconds - 5) * S)
    clock.advance(7)
    events = engine.tick()
    assert engine.state is State.FINISHED
    assert events[-2] == StateChanged(
        State.RUNNING, State.FINISHED, Trigger.END, t0 + bridge.total_seconds * S
    )
    finished = events[-1]
    assert isinstance(finished, Finished)
    assert finished.summary.finished
    assert finished.summary.holds_done == finished.summary.holds == 6
    assert finished.summary.active_seconds == bridge.total_seconds
    assert engine.tick() == []
    assert engine.next_wakeup_ns() is None
    status = engine.status()
    assert status.phase_remaining_ns == status.remaining_ns == 0
    assert [t for t in Trigger if engine.can(t)] == []


def test_pause_freezes_the_phase_and_resume_counts_in_first(bridge, clock):
    engine = SessionEngine(bridge, clock)
    t0 = started(engine, clock)
    clock.set_ns(t0 + 17_250_000_000)  # hold 1, 2.75 s left
    engine.tick()
    events = engine.pause()
    assert events == [StateChanged(State.RUNNING, State.PAUSED, Trigger.PAUSE, clock.now_ns())]
    assert engine.next_wakeup_ns() is None
    clock.advance(500)
    assert engine.tick() == []
    assert engine.status().phase_remaining_ns == 2_750_000_000
    assert engine.status().remaining_ns == (bridge.total_seconds - 17.25) * S

    resumed_at = clock.now_ns()
    assert engine.resume() == [
        StateChanged(State.PAUSED, State.RUNNING, Trigger.RESUME, resumed_at),
        CountInStarted(3, resumed_at),
        SecondChanged(2, 3, True, resumed_at),
    ]
    status = engine.status()
    assert status.counting_in
    assert status.seconds_shown == 3
    assert status.remaining_ns == 2_750_000_000 + 3 * S + (bridge.total_seconds - 20) * S
    assert engine.next_wakeup_ns() == resumed_at + 1 * S
    clock.advance(1)
    assert engine.tick() == [SecondChanged(2, 2, True, resumed_at + 1 * S)]
    clock.advance(2)
    assert engine.tick() == [SecondChanged(2, 3, False, resumed_at + 3 * S)]
    assert engine.status().phase_remaining_ns == 2_750_000_000
    clock.advance(2.75)
    events = engine.tick()
    assert events[0] == PhaseEnded(2, bridge.phases[2], Outcome.COMPLETED, clock.now_ns())
    # Neither the pause nor the count-in is active time.
    assert engine.status().active_ns == 20 * S


def test_resume_without_a_count_in(bridge, clock):
    engine = SessionEngine(bridge, clock, count_in_s=0)
    started(engine, clock)
    clock.advance(2)
    engine.pause()
    clock.advance(10)
    # 3 s were on screen when it paused, and 3 s are on screen again: no new second.
    assert names(engine.resume()) == ["StateChanged"]
    assert engine.status().phase_remaining_ns == 3 * S
    assert engine.next_wakeup_ns() == clock.now_ns() + 1 * S


def test_pause_during_the_count_in_drops_it(bridge, clock):
    engine = SessionEngine(bridge, clock)
    started(engine, clock)
    clock.advance(1)
    engine.pause()
    engine.resume()
    clock.advance(2)
    engine.tick()
    engine.pause()
    assert engine.status().phase_remaining_ns == 4 * S
    assert not engine.status().counting_in
    engine.resume()
    assert engine.status().count_in_remaining_ns == 3 * S


def test_a_late_wake_through_the_count_in_carries_on_into_the_phase(bridge, clock):
    engine = SessionEngine(bridge, clock)
    t0 = started(engine, clock)
    clock.advance(4)
    engine.pause()
    engine.resume()
    resumed = clock.now_ns()
    clock.advance(3 + 1 + 2.5)  # through the count-in, the 1 s left of get ready, into position
    events = engine.tick()
    assert events[0] == PhaseEnded(0, bridge.phases[0], Outcome.COMPLETED, resumed + 4 * S)
    assert engine.status().phase_index == 1
    assert engine.status().active_ns == (4 + 1 + 2.5) * S
    assert clock.now_ns() - t0 == (4 + 3 + 1 + 2.5) * S


def test_skip_while_running_starts_the_next_phase_now(bridge, clock):
    engine = SessionEngine(bridge, clock)
    started(engine, clock)
    clock.advance(1.5)
    now = clock.now_ns()
    events = engine.skip()
    assert events[:2] == [
        PhaseEnded(0, bridge.phases[0], Outcome.SKIPPED, now),
        PhaseStarted(1, bridge.phases[1], now),
    ]
    assert engine.status().phase_remaining_ns == 10 * S
    assert engine.state is State.RUNNING


def test_skip_while_paused_stays_paused_at_the_start_of_the_next_phase(bridge, clock):
    engine = SessionEngine(bridge, clock)
    started(engine, clock)
    engine.pause()
    engine.skip()
    assert engine.state is State.PAUSED
    status = engine.status()
    assert (status.phase_index, status.phase_remaining_ns) == (1, 10 * S)


def test_skip_during_the_count_in_starts_the_next_phase_without_one(bridge, clock):
    engine = SessionEngine(bridge, clock)
    started(engine, clock)
    engine.pause()
    engine.resume()
    engine.skip()
    status = engine.status()
    assert not status.counting_in
    assert (status.phase_index, status.phase_remaining_ns) == (1, 10 * S)


def test_skipping_the_last_phase_finishes(bridge, clock):
    engine = SessionEngine(bridge, clock)
    t0 = started(engine, clock)
    run_until(engine, clock, t0 + (bridge.total_seconds - 2) * S)
    events = engine.skip()
    assert engine.state is State.FINISHED
    assert isinstance(events[-1], Finished)
    assert events[-1].summary.holds_done == 6  # the last phase is a release


def test_next_exercise_jumps_to_the_next_block_and_counts_the_rest_as_skipped(stretches, clock):
    engine = SessionEngine(stretches, clock)
    started(engine, clock)
    run_until(engine, clock, clock.now_ns() + 20 * S)
    events = engine.next_exercise()
    second = stretches.blocks[1]
    assert names(events) == [
        "PhaseEnded",
        "ExerciseStarted",
        "PhaseStarted",
        "SecondChanged",
    ]
    assert engine.status().phase_index == second.first
    assert stretches.phases[second.first].kind is PhaseKind.NEXT_EXERCISE
    summary = engine.summary()
    assert summary.exercises[0].holds_skipped == summary.exercises[0].holds
    events = engine.next_exercise()
    assert engine.state is State.FINISHED
    assert isinstance(events[-1], Finished)
    assert not engine.summary().exercises[1].complete
    assert [r.exercise for r in engine.summary().skipped] == ["knee_to_chest", "sciatic_mobilising"]


def test_next_exercise_while_paused_stays_paused(stretches, clock):
    engine = SessionEngine(stretches, clock)
    started(engine, clock)
    engine.pause()
    engine.next_exercise()
    assert engine.state is State.PAUSED
    assert engine.status().phase_index == stretches.blocks[1].first


def test_back_restarts_the_phase_when_well_into_it(bridge, clock):
    engine = SessionEngine(bridge, clock)
    t0 = started(engine, clock)
    clock.set_ns(t0 + 18 * S)  # 3 s into hold 1
    engine.tick()
    events = engine.back()
    assert events[:2] == [
        PhaseEnded(2, bridge.phases[2], Outcome.SKIPPED, t0 + 18 * S),
        PhaseStarted(2, bridge.phases[2], t0 + 18 * S),
    ]
    assert engine.status().phase_remaining_ns == 5 * S


def test_back_near_the_start_of_a_phase_goes_to_the_previous_one(bridge, clock):
    engine = SessionEngine(bridge, clock)
    t0 = started(engine, clock)
    clock.set_ns(t0 + 17 * S)  # exactly 2 s into hold 1
    engine.tick()
    engine.back()
    status = engine.status()
    assert (status.phase_index, status.phase_remaining_ns) == (1, 10 * S)


def test_back_at_the_first_phase_restarts_it(bridge, clock):
    engine = SessionEngine(bridge, clock)
    started(engine, clock)
    engine.back()
    assert engine.status().phase_index == 0


def test_back_while_paused_stays_paused_and_uses_the_frozen_time(bridge, clock):
    engine = SessionEngine(bridge, clock)
    t0 = started(engine, clock)
    clock.set_ns(t0 + 16 * S)
    engine.tick()
    engine.pause()
    clock.advance(100)
    engine.back()  # 1 s into hold 1 when paused: previous phase
    assert engine.state is State.PAUSED
    assert engine.status().phase_index == 1


def test_back_across_an_exercise_boundary_reports_the_exercise_again(stretches, clock):
    engine = SessionEngine(stretches, clock)
    started(engine, clock)
    engine.next_exercise()
    events = engine.back()
    assert ExerciseStarted("knee_to_chest", 1, 2, clock.now_ns()) in events
    assert engine.status().phase_index == stretches.blocks[0].end - 1


def test_a_completed_phase_stays_completed_when_visited_again(bridge, clock):
    engine = SessionEngine(bridge, clock)
    t0 = started(engine, clock)
    clock.set_ns(t0 + 21 * S)  # hold 1 done; 1 s into release
    engine.tick()
    engine.back()  # back to hold 1
    engine.skip()  # skip it this time
    assert engine.summary().exercises[0].holds_done == 1


@pytest.mark.parametrize("pause_first", [False, True])
def test_stop_keeps_what_was_done(bridge, clock, pause_first):
    engine = SessionEngine(bridge, clock)
    t0 = started(engine, clock)
    clock.set_ns(t0 + 32 * S)
    engine.tick()
    if pause_first:
        engine.pause()
    now = clock.now_ns()
    events = engine.stop()
    assert events[0] == PhaseEnded(5, bridge.phases[5], Outcome.STOPPED, now)
    assert events[1] == StateChanged(
        State.PAUSED if pause_first else State.RUNNING, State.STOPPED, Trigger.STOP, now
    )
    stopped = events[2]
    assert isinstance(stopped, Stopped)
    assert not stopped.summary.finished
    assert stopped.summary.holds_done == 1
    assert stopped.summary.exercises[0].reps_done == 1
    assert stopped.summary.active_seconds == 32
    assert engine.status().phase_remaining_ns == 3 * S
    assert engine.stop() == engine.skip() == engine.tick() == []


def test_a_gap_of_over_a_minute_between_ticks_pauses_where_it_was(bridge, clock):
    engine = SessionEngine(bridge, clock)
    t0 = started(engine, clock)
    clock.set_ns(t0 + 3 * S)
    engine.tick()
    clock.advance(3600)  # the machine slept
    events = engine.tick()
    assert events == [StateChanged(State.RUNNING, State.PAUSED, Trigger.SLEPT, t0 + 3 * S)]
    status = engine.status()
    assert (status.phase_index, status.phase_remaining_ns, status.active_ns) == (0, 2 * S, 3 * S)


def test_a_gap_of_exactly_a_minute_is_not_a_sleep(bridge, clock):
    engine = SessionEngine(bridge, clock)
    t0 = started(engine, clock)
    clock.advance(60)
    engine.tick()
    assert engine.state is State.RUNNING
    assert engine.status().active_ns == clock.now_ns() - t0


def test_a_sleep_during_the_count_in_keeps_the_phase_and_drops_the_count_in(bridge, clock):
    engine = SessionEngine(bridge, clock)
    started(engine, clock)
    clock.advance(1)
    engine.pause()
    engine.resume()
    clock.advance(61)
    events = engine.pause()  # the command notices the sleep first
    assert [e.trigger for e in events if isinstance(e, StateChanged)] == [Trigger.SLEPT]
    assert engine.state is State.PAUSED
    assert engine.status().phase_remaining_ns == 4 * S
    assert not engine.status().counting_in


def test_toggle_starts_pauses_and_resumes(bridge, clock):
    engine = SessionEngine(bridge, clock)
    states = []
    for _ in range(3):
        engine.toggle()
        states.append(engine.state)
    assert states == [State.RUNNING, State.PAUSED, State.RUNNING]


def test_the_wakeup_of_an_overdue_engine_is_the_first_moment_it_has_not_reported(bridge, clock):
    engine = SessionEngine(bridge, clock)
    t0 = started(engine, clock)
    clock.advance(7)
    assert engine.next_wakeup_ns() == t0 + 1 * S  # already past: the driver wakes at once


class SteppingClock:
    """A clock that moves on by `step_ns` every time it is read, like a real one."""

    def __init__(self, start_ns: int, step_ns: int) -> None:
        self.now = start_ns
        self.step_ns = step_ns

    def now_ns(self) -> int:
        self.now += self.step_ns
        return self.now


def test_a_wake_just_before_a_second_edge_never_skips_the_second():
    """The clock moves while the engine works: reading it twice must not lose a number."""
    from sciatica_gui.core.content import load_library

    library, _ = load_library()
    timeline = compile_timeline(library, library.routine("floor_bridge"), Level.GENTLE)
    clock = SteppingClock(0, 7_000)  # 7 µs per read
    engine = SessionEngine(timeline, clock)
    shown = []
    for event in engine.start():
        if isinstance(event, SecondChanged):
            shown.append((event.phase_index, event.seconds))
    while engine.state is State.RUNNING:
        wake = engine.next_wakeup_ns()
        assert wake is not None
        clock.now = max(clock.now, wake - 10_000)  # wake 10 µs early, as a timer may
        for event in engine.tick():
            if isinstance(event, SecondChanged):
                shown.append((event.phase_index, event.seconds))
    expected = [
        (i, n) for i, phase in enumerate(timeline.phases) for n in range(phase.seconds, 0, -1)
    ]
    assert shown == expected


def test_an_empty_timeline_is_refused(bridge, clock):
    empty = Timeline(Routine("none", "None", ()), Level.GENTLE, (), ())
    with pytest.raises(ValueError, match="at least one phase"):
        SessionEngine(empty, clock)


def test_every_transition_in_the_table_leaves_a_state_that_has_one():
    states = {state for state, _ in TRANSITIONS} | set(TRANSITIONS.values())
    assert states == set(State)
    terminal = {State.FINISHED, State.STOPPED}
    assert not any(state in terminal for state, _ in TRANSITIONS)


def test_fake_clock_refuses_to_go_back():
    clock = FakeClock(10)
    with pytest.raises(ValueError, match="cannot go back"):
        clock.advance_ns(-1)
    with pytest.raises(ValueError, match="cannot go back"):
        clock.set_ns(5)
