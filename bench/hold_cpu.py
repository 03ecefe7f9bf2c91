"""CPU used by the whole app while a hold runs, with the window open, on the real clock.

Opens the main window offscreen, starts the knee-to-chest stretch, skips to
its first 30-second hold, and measures the process's CPU time over the hold
(about 29 s of wall time by default). Goal: at most 1 % of one core.

    .venv/bin/python -m bench.hold_cpu [--seconds 29]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=29.0)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from sciatica_gui.core.content import load_library
    from sciatica_gui.core.timeline import PhaseKind
    from sciatica_gui.qt import resources
    from sciatica_gui.qt.session_driver import SessionDriver
    from sciatica_gui.qt.settings import Settings
    from sciatica_gui.ui.main_window import MainWindow

    app = QApplication([])
    resources.register()
    library, _ = load_library()
    with tempfile.TemporaryDirectory() as data:
        window = MainWindow(library, Settings(Path(data)), SessionDriver())
        window.resize(1280, 800)
        window.show()
        window.select_routine("knee_to_chest")
        window.driver.start()
        while window.driver.status().phase.kind is not PhaseKind.HOLD:
            window.driver.skip()
        app.processEvents()
        measured: dict[str, float] = {}

        def begin() -> None:
            measured["cpu"] = time.process_time()
            measured["wall"] = time.perf_counter()
            QTimer.singleShot(round(args.seconds * 1000), app, end)

        def end() -> None:
            measured["cpu"] = time.process_time() - measured["cpu"]
            measured["wall"] = time.perf_counter() - measured["wall"]
            app.quit()

        QTimer.singleShot(200, begin)  # let the first frame of the hold settle
        app.exec()
        phase = window.driver.status().phase
        window.close()
    share = measured["cpu"] / measured["wall"] * 100
    print(
        f"hold running with the window open: {measured['cpu'] * 1000:.0f} ms CPU"
        f" in {measured['wall']:.1f} s = {share:.2f} % of one core (goal <= 1 %);"
        f" still in a {phase.kind.value} phase: {phase.kind is PhaseKind.HOLD}"
    )


if __name__ == "__main__":
    main()
