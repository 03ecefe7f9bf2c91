"""The session engine: a state machine that walks a timeline on an injected clock.

States and the triggers that move between them are one table, `TRANSITIONS`;
a trigger that is not in it for the current state does nothing. Every entry
point first brings the engine up to the clock's present (`_sync`), then acts,
and returns the events that happened, in order.

Time is kept as absolute deadlines in integer nanoseconds. When a phase ends
the next one ends at the old deadline plus its own length, never at "now plus
its length", so however late the event loop wakes the session does not drift,
and every boundary it slept through is reported, in order, with its planned
time.

While running, the driver must tick at least once a minute (it ticks at every
whole second). A gap of more than `sleep_gap_s` between two ticks means the
machine slept: the session pauses where it was at the last tick and the gap
counts for nothing. The count-in inserted by `resume` is not part of any
phase and not active time.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Final, NamedTuple

from sciatica_gui.core.clock import NS_PER_S, Clock
from sciatica_gui.core.events import (
    CountInStarted,
    Event,
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
from sciatica_gui.core.summary import Outcome, SessionSummary, summarise
from sciatica_gui.core.timeline import Phase, Timeline

_IDLE, _RUNNING, _PAUSED = State.IDLE, State.RUNNING, State.PAUSED
_FINISHED, _STOPPED = State.FINISHED, State.STOPPED

TRANSITIONS: Final[Mapping[tuple[State, Trigger], State]] = {
    (_IDLE, Trigger.START): _RUNNING,
    (_RUNNING, Trigger.TICK): _RUNNING,
    (_RUNNING, Trigger.PAUSE): _PAUSED,
    (_RUNNING, Trigger.SLEPT): _PAUSED,
    (_PAUSED, Trigger.RESUME): _RUNNING,
    (_RUNNING, Trigger.SKIP): _RUNNING,
    (_PAUSED, Trigger.SKIP): _PAUSED,
    (_RUNNING, Trigger.NEXT_EXERCISE): _RUNNING,
    (_PAUSED, Trigger.NEXT_EXERCISE): _PAUSED,
    (_RUNNING, Trigger.BACK): _RUNNING,
    (_PAUSED, Trigger.BACK): _PAUSED,
    (_RUNNING, Trigger.END): _FINISHED,
    (_PAUSED, Trigger.END): _FINISHED,
    (_RUNNING, Trigger.STOP): _STOPPED,
    (_PAUSED, Trigger.STOP): _STOPPED,
}

#: Back restarts the current phase when this far into it, else goes to the previous one.
BACK_RESTARTS_AFTER_NS: Final = 2 * NS_PER_S
SLEEP_GAP_S: Final = 60


def _ceil_seconds(ns: int) -> int:
    return -(-ns // NS_PER_S)


class Status(NamedTuple):
    """A snapshot for drawing: what is running and how much is left."""

    state: State
    phase_index: int
    phase: Phase
    phase_remaining_ns: int
    count_in_remaining_ns: int
    active_ns: int
    remaining_ns: int

    @property
    def counting_in(self) -> bool:
        return self.count_in_remaining_ns > 0

    @property
    def seconds_shown(self) -> int:
        """The whole seconds on the big countdown (the count-in's while it runs)."""
        if self.counting_in:
            return _ceil_seconds(self.count_in_remaining_ns)
        return _ceil_seconds(self.phase_remaining_ns)


class SessionEngine:
    def __init__(
        self,
        timeline: Timeline,
        clock: Clock,
        *,
        count_in_s: int = 3,
        sleep_gap_s: float = SLEEP_GAP_S,
    ) -> None:
        if not timeline.phases:
            raise ValueError("a session needs at least one phase")
        self.timeline = timeline
        self._phases = timeline.phases
        self._clock = clock
        self._count_in_ns = count_in_s * NS_PER_S
        self._sleep_gap_ns = round(sleep_gap_s * NS_PER_S)
        self._state = State.IDLE
        self._index = 0
        self._started_block = -1
        # Running: the current phase ends at _deadline_ns. Paused, or counting
        # in: _frozen_ns of it is left. _count_in_end_ns is set while counting in.
        self._deadline_ns = 0
        self._frozen_ns = self._duration(0)
        self._count_in_end_ns: int | None = None
        # When the countdown on screen last began: a phase start, a resume, a count-in's end.
        self._countdown_from_ns = 0
        self._last_ns = clock.now_ns()
        self._active_ns = 0
        self._outcomes: list[Outcome | None] = [None] * len(self._phases)
        self._shown: tuple[int, bool, int] | None = None

    # -- reading -----------------------------------------------------------

    @property
    def state(self) -> State:
        return self._state

    def can(self, trigger: Trigger) -> bool:
        return (self._state, trigger) in TRANSITIONS

    def status(self, now: int | None = None) -> Status:
        """The session at `now` (the clock's present by default), without changing it."""
        if now is None:
            now = self._clock.now_ns()
        count_in = 0
        if self._state is State.RUNNING and self._count_in_end_ns is not None:
            count_in = max(0, self._count_in_end_ns - now)
            remaining = self._frozen_ns
        elif self._state is State.RUNNING:
            remaining = max(0, self._deadline_ns - now)
        elif self._state is State.FINISHED:
            remaining = 0
        else:
            remaining = self._frozen_ns
        later = (self.timeline.total_seconds - self._phases[self._index].end_s) * NS_PER_S
        return Status(
            state=self._state,
            phase_index=self._index,
            phase=self._phases[self._index],
            phase_remaining_ns=remaining,
            count_in_remaining_ns=count_in,
            active_ns=self._active_ns,
            remaining_ns=remaining + count_in + (0 if self._state is State.FINISHED else later),
        )

    def next_wakeup_ns(self) -> int | None:
        """When the shown second or the phase next changes; None unless running.

        Counted from the last second reported, not from the clock: a wake-up a few
        microseconds before a second's edge reports nothing, and if the clock were read
        again here, just past the edge, the second in between would be skipped.
        """
        if self._state is not State.RUNNING:
            return None
        counting_in = self._count_in_end_ns is not None
        end = self._count_in_end_ns if self._count_in_end_ns is not None else self._deadline_ns
        shown = self._shown
        # Every command ends by reporting the second it leaves on screen.
        assert shown is not None
        assert shown[:2] == (self._index, counting_in)
        return end - (shown[2] - 1) * NS_PER_S

    def summary(self) -> SessionSummary:
        return summarise(
            self.timeline, self._outcomes, self._active_ns, finished=self._state is _FINISHED
        )

    # -- commands ----------------------------------------------------------

    def start(self) -> list[Event]:
        return self._command(Trigger.START, self._do_start)

    def pause(self) -> list[Event]:
        return self._command(Trigger.PAUSE, self._do_pause)

    def resume(self) -> list[Event]:
        return self._command(Trigger.RESUME, self._do_resume)

    def toggle(self) -> list[Event]:
        """The one key: start when idle, pause when running, resume when paused."""
        if self._state is State.IDLE:
            return self.start()
        if self._state is State.PAUSED:
            return self.resume()
        return self.pause()

    def skip(self) -> list[Event]:
        """Skip the rest of the current phase."""
        return self._command(
            Trigger.SKIP, lambda now, events: self._jump(self._index + 1, now, events)
        )

    def next_exercise(self) -> list[Event]:
        """Skip the rest of the current exercise."""
        return self._command(Trigger.NEXT_EXERCISE, self._do_next_exercise)

    def back(self) -> list[Event]:
        """Restart the current phase, or go to the previous one near its start."""
        return self._command(Trigger.BACK, self._do_back)

    def stop(self) -> list[Event]:
        return self._command(Trigger.STOP, self._do_stop)

    def tick(self) -> list[Event]:
        """Bring the engine up to the clock's present."""
        return self._command(Trigger.TICK, lambda now, events: None)

    # -- machinery ---------------------------------------------------------

    def _duration(self, index: int) -> int:
        return self._phases[index].seconds * NS_PER_S

    def _command(self, trigger: Trigger, action: Callable[[int, list[Event]], None]) -> list[Event]:
        now = self._clock.now_ns()
        events: list[Event] = []
        self._sync(now, events)
        if self.can(trigger):
            action(now, events)
        self._report_second(now, events)
        return events

    def _go(self, trigger: Trigger, at_ns: int, events: list[Event]) -> None:
        """Change state as the table says; used only for triggers that change it."""
        new = TRANSITIONS[(self._state, trigger)]
        events.append(StateChanged(self._state, new, trigger, at_ns))
        self._state = new

    def _sync(self, now: int, events: list[Event]) -> None:
        """Catch up with the clock: report every boundary crossed since the last call."""
        if self._state is not State.RUNNING:
            self._last_ns = now
            return
        if now - self._last_ns > self._sleep_gap_ns:
            self._freeze(self._last_ns)
            self._go(Trigger.SLEPT, self._last_ns, events)
            self._last_ns = now
            return
        since = self._last_ns
        if self._count_in_end_ns is not None:
            if now < self._count_in_end_ns:
                self._last_ns = now
                return
            since = self._count_in_end_ns
            self._deadline_ns = since + self._frozen_ns
            self._countdown_from_ns = since
            self._count_in_end_ns = None
        while self._deadline_ns <= now:
            self._active_ns += self._deadline_ns - since
            since = self._deadline_ns
            self._end_phase(Outcome.COMPLETED, since, events)
            if self._index + 1 == len(self._phases):
                self._finish(Trigger.END, since, events)
                self._last_ns = now
                return
            self._enter(self._index + 1, since, events)
        self._active_ns += now - since
        self._last_ns = now

    def _freeze(self, at_ns: int) -> None:
        """Keep what is left of the current phase; any count-in is dropped."""
        if self._count_in_end_ns is None:
            self._frozen_ns = self._deadline_ns - at_ns
        self._count_in_end_ns = None

    def _enter(self, index: int, at_ns: int, events: list[Event]) -> None:
        self._index = index
        self._deadline_ns = at_ns + self._duration(index)
        self._frozen_ns = self._duration(index)
        self._count_in_end_ns = None
        self._countdown_from_ns = at_ns
        block = self.timeline.block_at(index)
        if block.number != self._started_block:
            self._started_block = block.number
            events.append(
                ExerciseStarted(block.exercise.id, block.number, len(self.timeline.blocks), at_ns)
            )
        events.append(PhaseStarted(index, self._phases[index], at_ns))

    def _end_phase(self, outcome: Outcome, at_ns: int, events: list[Event]) -> None:
        if self._outcomes[self._index] is not Outcome.COMPLETED:
            self._outcomes[self._index] = outcome
        events.append(PhaseEnded(self._index, self._phases[self._index], outcome, at_ns))

    def _finish(self, trigger: Trigger, at_ns: int, events: list[Event]) -> None:
        self._go(trigger, at_ns, events)
        summary = self.summary()
        events.append(
            Finished(summary, at_ns) if self._state is State.FINISHED else Stopped(summary, at_ns)
        )

    def _jump(self, index: int, now: int, events: list[Event]) -> None:
        """Leave the current phase unfinished and go to phase `index` (or finish)."""
        self._end_phase(Outcome.SKIPPED, now, events)
        for passed in range(self._index + 1, min(index, len(self._phases))):
            self._outcomes[passed] = self._outcomes[passed] or Outcome.SKIPPED
        if index >= len(self._phases):
            self._finish(Trigger.END, now, events)
            return
        self._enter(index, now, events)

    def _do_start(self, now: int, events: list[Event]) -> None:
        self._go(Trigger.START, now, events)
        self._enter(0, now, events)

    def _do_pause(self, now: int, events: list[Event]) -> None:
        self._freeze(now)
        self._go(Trigger.PAUSE, now, events)

    def _do_resume(self, now: int, events: list[Event]) -> None:
        self._go(Trigger.RESUME, now, events)
        self._countdown_from_ns = now
        if self._count_in_ns > 0:
            self._count_in_end_ns = now + self._count_in_ns
            events.append(CountInStarted(self._count_in_ns // NS_PER_S, now))
        else:
            self._deadline_ns = now + self._frozen_ns

    def _do_next_exercise(self, now: int, events: list[Event]) -> None:
        self._jump(self.timeline.block_at(self._index).end, now, events)

    def _do_back(self, now: int, events: list[Event]) -> None:
        elapsed = self._duration(self._index) - self._remaining_at(now)
        target = (
            self._index if elapsed > BACK_RESTARTS_AFTER_NS or self._index == 0 else self._index - 1
        )
        self._end_phase(Outcome.SKIPPED, now, events)
        self._enter(target, now, events)

    def _do_stop(self, now: int, events: list[Event]) -> None:
        if self._state is State.RUNNING:
            self._freeze(now)
        self._end_phase(Outcome.STOPPED, now, events)
        self._finish(Trigger.STOP, now, events)

    def _remaining_at(self, now: int) -> int:
        if self._state is State.RUNNING and self._count_in_end_ns is None:
            return self._deadline_ns - now
        return self._frozen_ns

    def _report_second(self, now: int, events: list[Event]) -> None:
        if self._state not in (State.RUNNING, State.PAUSED):
            return
        status = self.status(now)
        seconds = status.seconds_shown
        shown = (self._index, status.counting_in, seconds)
        if shown == self._shown:
            return
        self._shown = shown
        # The moment this number first belonged on screen, which a late loop may have missed.
        at_ns = now
        if self._state is State.RUNNING:
            end = self._count_in_end_ns if status.counting_in else self._deadline_ns
            at_ns = min(now, max(self._countdown_from_ns, (end or 0) - seconds * NS_PER_S))
        events.append(SecondChanged(self._index, seconds, status.counting_in, at_ns))
