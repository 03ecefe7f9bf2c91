"""The one place that knows Qt time: drives a `SessionEngine` from the event loop.

`SessionDriver` owns the engine and a single precise, single-shot `QTimer`.
After every command and every wake-up it re-arms the timer for the engine's
next moment of interest (the next whole second shown, or the next phase
deadline, whichever comes first), so the loop sleeps in between and a hold
costs no CPU. Engine events become Qt signals, in the order they happened.

Widgets, sound and history listen to the signals and send commands; none of
them keeps time of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from PySide6.QtCore import QObject, Qt, QTimer, Signal, SignalInstance, Slot

from sciatica_gui.core.clock import Clock, SystemClock
from sciatica_gui.core.engine import SessionEngine, Status
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
from sciatica_gui.core.timeline import Timeline

_NS_PER_MS: Final = 1_000_000
_WAKE_EARLY_NS: Final = 1_000_000


class SessionDriver(QObject):
    """Qt face of the session engine. Every signal carries the engine's event object."""

    stateChanged = Signal(object)  # StateChanged
    phaseStarted = Signal(object)  # PhaseStarted
    phaseEnded = Signal(object)  # PhaseEnded
    exerciseStarted = Signal(object)  # ExerciseStarted
    countInStarted = Signal(object)  # CountInStarted
    secondChanged = Signal(object)  # SecondChanged
    finished = Signal(object)  # Finished
    stopped = Signal(object)  # Stopped
    #: A new timeline was loaded; the engine is idle at its first phase.
    loaded = Signal(object)  # Timeline
    #: After the events of one command or wake-up: the moment to redraw, once.
    settled = Signal()

    def __init__(self, clock: Clock | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clock: Clock = clock if clock is not None else SystemClock()
        self._engine: SessionEngine | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.tick)
        self._signals: dict[type, SignalInstance] = {
            StateChanged: self.stateChanged,
            PhaseStarted: self.phaseStarted,
            PhaseEnded: self.phaseEnded,
            ExerciseStarted: self.exerciseStarted,
            CountInStarted: self.countInStarted,
            SecondChanged: self.secondChanged,
            Finished: self.finished,
            Stopped: self.stopped,
        }

    # -- reading -----------------------------------------------------------

    @property
    def clock(self) -> Clock:
        return self._clock

    @property
    def engine(self) -> SessionEngine | None:
        return self._engine

    @property
    def timeline(self) -> Timeline | None:
        return self._engine.timeline if self._engine else None

    @property
    def state(self) -> State:
        return self._engine.state if self._engine else State.IDLE

    def status(self) -> Status | None:
        return self._engine.status() if self._engine else None

    def can(self, trigger: Trigger) -> bool:
        return self._engine is not None and self._engine.can(trigger)

    def timer_interval_ms(self) -> int | None:
        """How long the loop will sleep before the next tick; None when not armed."""
        return self._timer.interval() if self._timer.isActive() else None

    # -- commands ----------------------------------------------------------

    def load(self, timeline: Timeline, *, count_in_s: int = 3) -> None:
        """Replace the session with a fresh, idle one on `timeline`."""
        self._timer.stop()
        self._engine = SessionEngine(timeline, self._clock, count_in_s=count_in_s)
        self.loaded.emit(timeline)

    @Slot()
    def start(self) -> None:
        self._run(lambda engine: engine.start())

    @Slot()
    def pause(self) -> None:
        self._run(lambda engine: engine.pause())

    @Slot()
    def resume(self) -> None:
        self._run(lambda engine: engine.resume())

    @Slot()
    def toggle(self) -> None:
        self._run(lambda engine: engine.toggle())

    @Slot()
    def skip(self) -> None:
        self._run(lambda engine: engine.skip())

    @Slot()
    def next_exercise(self) -> None:
        self._run(lambda engine: engine.next_exercise())

    @Slot()
    def back(self) -> None:
        self._run(lambda engine: engine.back())

    @Slot()
    def stop(self) -> None:
        self._run(lambda engine: engine.stop())

    @Slot()
    def tick(self) -> None:
        self._run(lambda engine: engine.tick())

    # -- machinery ---------------------------------------------------------

    def _run(self, command: Callable[[SessionEngine], list[Event]]) -> None:
        engine = self._engine
        if engine is None:
            return
        events = command(engine)
        # Arm before emitting, so a slot that sends a command sees a consistent timer.
        self._arm(engine)
        for event in events:
            self._signals[type(event)].emit(event)
        if events:
            self.settled.emit()

    def _arm(self, engine: SessionEngine) -> None:
        wake = engine.next_wakeup_ns()
        if wake is None:
            self._timer.stop()
            return
        delay_ns = wake - self._clock.now_ns()
        # A "precise" timer on the GLib loop fires one to three milliseconds after its
        # interval. So sleep until a millisecond or so before the moment, then re-arm at
        # zero until it arrives: the displayed second is within a fraction of a
        # millisecond, for at most a couple of milliseconds of polling a second.
        self._timer.start(max(0, (delay_ns - _WAKE_EARLY_NS) // _NS_PER_MS))
