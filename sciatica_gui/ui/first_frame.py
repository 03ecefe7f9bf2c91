"""For the start-up benchmark: quit right after the window's first frame is painted."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget


class _FirstFrame(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() is QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # Quit on the next turn of the loop, once the painted frame has been flushed.
            QTimer.singleShot(0, QApplication.quit)
        return False


def quit_after_first_frame(window: QWidget) -> None:
    watcher = _FirstFrame(window)
    window.installEventFilter(watcher)
