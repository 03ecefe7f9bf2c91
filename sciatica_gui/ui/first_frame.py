"""Run something once the window's first frame has been painted.

Start-up shows the window first and loads the rest (sound, speech, history)
on the turn of the event loop after the first paint, so the person sees the
app as early as possible. The start-up benchmark uses the same hook to quit
right after that first frame.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget


class _FirstFrame(QObject):
    def __init__(self, window: QWidget, action: Callable[[], None]) -> None:
        super().__init__(window)
        self._action = action

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() is QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # On the next turn of the loop, once the painted frame has been flushed.
            QTimer.singleShot(0, self._action)
        return False


def after_first_frame(window: QWidget, action: Callable[[], None]) -> None:
    """Call `action` once, soon after `window` first paints; earlier calls run first."""
    window.installEventFilter(_FirstFrame(window, action))


def quit_after_first_frame(window: QWidget) -> None:
    after_first_frame(window, QApplication.quit)
