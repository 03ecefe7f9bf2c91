"""The Qt-free heart of the app: content, timeline and session engine.

Nothing here imports Qt (a test walks the package to prove it), so all of it
runs and is tested without a display, and a whole routine runs on a fake
clock in milliseconds.
"""

from sciatica_gui.core.clock import Clock, FakeClock, SystemClock
from sciatica_gui.core.content import (
    ContentError,
    Exercise,
    Level,
    Library,
    Routine,
    Step,
    load_library,
)
from sciatica_gui.core.engine import SessionEngine, Status
from sciatica_gui.core.events import State, Trigger
from sciatica_gui.core.summary import SessionSummary
from sciatica_gui.core.timeline import Phase, PhaseKind, Side, Timeline, compile_timeline
from sciatica_gui.core.timing import TimingPrefs

__all__ = [
    "Clock",
    "ContentError",
    "Exercise",
    "FakeClock",
    "Level",
    "Library",
    "Phase",
    "PhaseKind",
    "Routine",
    "SessionEngine",
    "SessionSummary",
    "Side",
    "State",
    "Status",
    "Step",
    "SystemClock",
    "Timeline",
    "TimingPrefs",
    "Trigger",
    "compile_timeline",
    "load_library",
]
