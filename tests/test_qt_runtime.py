"""Guards against defects of the Qt binding itself that the app cannot work around."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    fired = Signal(object)


def test_emitting_signals_keeps_python_reference_counts(qapp):
    # PySide6 6.12.0 on Python 3.11 drops a reference to True on every emit();
    # a session emits thousands of signals, so the process would abort mid-routine.
    emitter = _Emitter()
    emitter.fired.connect(lambda value: None)
    before = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(500):
        emitter.fired.emit(1)
    assert (sys.getrefcount(True), sys.getrefcount(False)) == before
