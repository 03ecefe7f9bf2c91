"""Building blocks for the widget tests: a window on a fake clock, and ways to read it."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from sciatica_gui.core.clock import NS_PER_S, FakeClock
from sciatica_gui.core.content import Library
from sciatica_gui.core.events import State
from sciatica_gui.core.timeline import Phase, Timeline
from sciatica_gui.qt.session_driver import SessionDriver
from sciatica_gui.qt.settings import PAIN_CHECK, Settings
from sciatica_gui.ui.main_window import MainWindow
from sciatica_gui.ui.safety_dialogs import remember_notice
from sciatica_gui.ui.screenshot import settle


def make_window(
    qtbot, library: Library, data_dir, clock: FakeClock, size=(1280, 800), *, first_run=False
):
    """The window on `clock`. Unless `first_run`, the notice was read long ago and the pain
    check is off, so Space starts at once: most tests are about the session itself."""
    settings = Settings(data_dir)
    if not first_run:
        remember_notice(settings.qsettings)
        settings.set(PAIN_CHECK, False)
    window = MainWindow(library, settings, SessionDriver(clock))
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    window.activateWindow()
    settle()
    assert QApplication.activeWindow() is window
    return window


def press(qtbot, window: QWidget, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(window, key, modifier)
    settle(2)


def tick_to(window: MainWindow, clock: FakeClock, t_ns: int) -> None:
    """Let time pass to t_ns, the driver ticking once a second as its timer would."""
    while clock.now_ns() < t_ns and window.driver.state is State.RUNNING:
        clock.set_ns(min(t_ns, clock.now_ns() + NS_PER_S))
        window.driver.tick()
    settle(3)


def phase_at(timeline: Timeline, seconds: float) -> Phase:
    return next(p for p in timeline.phases if p.start_s <= seconds < p.end_s)


def expected_seconds(phase: Phase, seconds: float) -> int:
    return math.ceil(phase.end_s - seconds)


def clipped_labels(root: QWidget) -> list[str]:
    """Every visible label whose text does not fit its size, described for an assertion."""
    problems = []
    for label in root.findChildren(QLabel):
        if not label.isVisibleTo(root) or not label.text():
            continue
        if label.wordWrap():
            needed = label.heightForWidth(label.width())
            if label.height() < needed:
                problems.append(f"{label.text()!r}: {label.height()} px high, needs {needed}")
        else:
            needed = label.fontMetrics().horizontalAdvance(label.text())
            if label.contentsRect().width() < needed:
                problems.append(f"{label.text()!r}: {label.width()} px wide, needs {needed}")
    return problems
