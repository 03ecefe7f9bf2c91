"""`--screenshot`: render the window at a chosen moment of a session into a PNG, offscreen.

The session runs on a fake clock, ticked once a second as the real driver
would be, so the picture shows exactly what a person would see at that
second, and making it takes no real time.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from sciatica_gui import APP_NAME
from sciatica_gui.core.clock import FakeClock
from sciatica_gui.core.events import State

if TYPE_CHECKING:
    from sciatica_gui.app import ScreenshotRequest
    from sciatica_gui.ui.main_window import MainWindow


def settle(rounds: int = 10) -> None:
    """Let posted events run until layouts have settled (a wrapped label may resize twice)."""
    for _ in range(rounds):
        QApplication.processEvents()
        # Widgets replaced by a new routine are deleted later; processEvents() alone never
        # runs those deletions outside the event loop, and grab() would draw them too.
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def run_to(window: MainWindow, clock: FakeClock, seconds: float) -> None:
    """Start the session and let `seconds` of it pass, a second at a time."""
    driver = window.driver
    if driver.state is State.IDLE:
        driver.start()
    target = clock.now_ns() + round(seconds * 1_000_000_000)
    while clock.now_ns() < target and driver.state is State.RUNNING:
        clock.set_ns(min(target, clock.now_ns() + 1_000_000_000))
        driver.tick()


def take_screenshot(window: MainWindow, clock: FakeClock, request: ScreenshotRequest) -> int:
    if request.routine is not None:
        if request.routine not in [routine.id for routine in window.library.routines]:
            known = ", ".join(routine.id for routine in window.library.routines)
            print(
                f"{APP_NAME}: unknown routine {request.routine!r}; choose one of: {known}",
                file=sys.stderr,
            )
            return 2
        window.select_routine(request.routine)
    window.set_level(request.level)
    window.resize(*request.size)
    window.show()
    if request.mat:
        window.enter_mat_mode(full_screen=False)
        window.resize(*request.size)
    if request.at is not None:
        run_to(window, clock, request.at)
    settle()
    request.path.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(request.path), "PNG"):
        print(f"{APP_NAME}: could not write {request.path}", file=sys.stderr)
        return 1
    print(request.path)
    return 0
