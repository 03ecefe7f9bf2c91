"""Random commands and clock jumps against the engine, with invariants checked after each step."""

from __future__ import annotations

import hypothesis
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
)

from sciatica_gui.core.clock import NS_PER_S, FakeClock
from sciatica_gui.core.content import Level, load_library
from sciatica_gui.core.engine import SessionEngine
from sciatica_gui.core.events import Finished, PhaseEnded, PhaseStarted, State, Stopped
from sciatica_gui.core.summary import Outcome
from sciatica_gui.core.timeline import compile_timeline
from sciatica_gui.core.timing import DEFAULTS

LIBRARY, _ = load_library()
# Short timings keep sessions within reach of a few dozen random steps.
SHORT = DEFAULTS.replace(
    get_ready_s=3, position_s=3, release_s=2, rest_s=1, switch_side_s=2, next_exercise_s=5
)
TIMELINES = [
    compile_timeline(LIBRARY, LIBRARY.routine(routine_id), level, SHORT)
    for routine_id in ("floor_bridge", "stretches", "knee_to_chest")
    for level in Level
]


class FaithfulSession(RuleBasedStateMachine):
    """A person who starts, pauses and resumes, while the loop wakes early, late or not at all."""

    @initialize(timeline=st.sampled_from(TIMELINES), count_in=st.integers(0, 5))
    def setup(self, timeline, count_in):
        self.timeline = timeline
        self.clock = FakeClock(123 * NS_PER_S)
        self.engine = SessionEngine(timeline, self.clock, count_in_s=count_in)
        self.events = []
        self.altered = False  # a command moved the session off its natural course
        self.last_active = 0
        self.current = None  # index of the phase last started
        self.last_boundary = None  # the last PhaseStarted or PhaseEnded
        self.started = []  # indices of every PhaseStarted, in order
        self.ends = 0

    def record(self, events):
        for event in events:
            if self.events:
                assert event.at_ns >= self.events[-1].at_ns, "events reported out of time order"
            if isinstance(event, PhaseStarted):
                previous = self.last_boundary
                if isinstance(previous, PhaseEnded) and previous.outcome is Outcome.COMPLETED:
                    # A deadline passed: the very next phase, at that deadline, none missing.
                    assert event.phase_index == previous.phase_index + 1
                    assert event.at_ns == previous.at_ns
                if self.current is not None:
                    assert isinstance(previous, PhaseEnded)
                    assert previous.phase_index == self.current
                self.current = event.phase_index
                self.started.append(event.phase_index)
            if isinstance(event, PhaseStarted | PhaseEnded):
                self.last_boundary = event
            if isinstance(event, Finished | Stopped):
                self.ends += 1
                event_name = "finished" if isinstance(event, Finished) else "stopped"
                hypothesis.event(f"{event_name}, altered={self.altered}")
            self.events.append(event)

    @rule()
    def start(self):
        self.record(self.engine.start())

    @rule()
    def pause(self):
        self.record(self.engine.pause())

    @rule()
    def resume(self):
        self.record(self.engine.resume())

    @rule()
    def toggle(self):
        self.record(self.engine.toggle())

    @rule(ns=st.integers(0, 3 * NS_PER_S))
    def tick_soon(self, ns):
        self.clock.advance_ns(ns)
        self.record(self.engine.tick())

    @rule(ns=st.integers(3 * NS_PER_S, 80 * NS_PER_S))
    def tick_late(self, ns):
        self.clock.advance_ns(ns)
        self.record(self.engine.tick())

    @rule(ns=st.integers(0, 2 * NS_PER_S))
    def time_passes_without_a_tick(self, ns):
        self.clock.advance_ns(ns)

    @rule(rnd=st.randoms(use_true_random=False))
    def run_on_to_the_end_with_a_jittery_loop(self, rnd):
        """Wake near each wake-up the engine asks for, sometimes early, sometimes seconds late."""
        while self.engine.state is State.RUNNING:
            wake = self.engine.next_wakeup_ns()
            assert wake is not None
            jitter = rnd.choice((0, 0, 0, rnd.randint(-NS_PER_S, 5 * NS_PER_S)))
            self.clock.set_ns(max(self.clock.now_ns(), wake + jitter))
            self.record(self.engine.tick())

    @rule()
    def tick_at_the_phase_deadline(self):
        status = self.engine.status()
        if status.state is State.RUNNING:
            self.clock.advance_ns(status.phase_remaining_ns + status.count_in_remaining_ns)
        self.record(self.engine.tick())

    @rule()
    def tick_at_the_next_wakeup(self):
        wake = self.engine.next_wakeup_ns()
        if wake is not None:
            self.clock.set_ns(max(wake, self.clock.now_ns()))
        self.record(self.engine.tick())

    @invariant()
    def remaining_time_is_never_negative(self):
        status = self.engine.status()
        assert status.phase_remaining_ns >= 0
        assert status.count_in_remaining_ns >= 0
        assert status.remaining_ns >= 0
        assert 0 <= status.phase_index < len(self.timeline.phases)

    @invariant()
    def active_time_never_decreases(self):
        active = self.engine.status().active_ns
        assert active >= self.last_active
        self.last_active = active

    @invariant()
    def the_session_ends_at_most_once(self):
        assert self.ends <= 1
        assert (self.ends == 1) == (self.engine.state in (State.FINISHED, State.STOPPED))

    @invariant()
    def an_unaltered_session_runs_every_phase_in_order_for_exactly_its_length(self):
        if self.altered:
            return
        started = self.started
        assert started == list(range(len(started)))
        if self.engine.state is State.FINISHED:
            assert len(started) == len(self.timeline.phases)
            assert self.engine.status().active_ns == self.timeline.total_seconds * NS_PER_S
            summary = self.engine.summary()
            assert summary.holds_done == summary.holds

    @invariant()
    def the_timer_is_armed_exactly_while_running(self):
        wake = self.engine.next_wakeup_ns()
        assert (wake is not None) == (self.engine.state is State.RUNNING)


class AlteredSession(FaithfulSession):
    """The same, plus skip, next exercise, back and stop."""

    @rule()
    def skip(self):
        self.altered |= self.engine.state in (State.RUNNING, State.PAUSED)
        self.record(self.engine.skip())

    @rule()
    def next_exercise(self):
        self.altered |= self.engine.state in (State.RUNNING, State.PAUSED)
        self.record(self.engine.next_exercise())

    @rule()
    def back(self):
        self.altered |= self.engine.state in (State.RUNNING, State.PAUSED)
        self.record(self.engine.back())

    @rule(chance=st.integers(0, 4))
    def stop(self, chance):
        # One draw in five: stopping ends the session, and most should run on for a while.
        if chance == 0:
            self.altered |= self.engine.state in (State.RUNNING, State.PAUSED)
            self.record(self.engine.stop())


# At least 2,000 examples each, in CI as everywhere.
SETTINGS = settings(max_examples=2000, stateful_step_count=20, deadline=None)
FaithfulSession.TestCase.settings = SETTINGS
AlteredSession.TestCase.settings = SETTINGS
TestFaithfulSession = FaithfulSession.TestCase
TestAlteredSession = AlteredSession.TestCase
