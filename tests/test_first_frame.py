"""Sound, speech and the history load after the window's first frame, never before it."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from sciatica_gui.ui.first_frame import after_first_frame
from sciatica_gui.ui.screenshot import settle


def test_the_deferred_work_runs_once_after_the_first_paint_and_not_before(qtbot):
    window = QLabel("first frame")
    qtbot.addWidget(window)
    calls: list[bool] = []
    after_first_frame(window, lambda: calls.append(window.isVisible()))
    settle()
    assert calls == []  # nothing is painted while the window is hidden
    window.show()
    settle()
    assert calls == [True]
    window.repaint()
    settle()
    assert calls == [True]
