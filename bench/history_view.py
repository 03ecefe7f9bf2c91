"""How long the history view takes to open on five years of daily sessions, offscreen.

Fills a store the way bench/history_speed.py does (about 1,800 sessions),
then, several times over, builds a `HistoryView` on it, shows it at the size
the window gives it, and runs the event loop until the bar chart (the last
thing on the overview to paint) has painted: what a person waits for after
choosing History. The first run is reported apart: it pays for Python
imports, fonts and the style's first use, once per app start. The goal is
200 ms for the whole view.

    python -m bench.history_view
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

_SCREEN = Path(__file__).resolve().parent.parent / "tests" / "offscreen-screen.json"
os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={_SCREEN}")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

from PySide6.QtCore import QEvent, QObject  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from bench._stats import median  # noqa: E402
from bench.history_speed import TODAY, fill  # noqa: E402
from sciatica_gui.history import HistoryStore  # noqa: E402

GOAL_MS = 200.0
RUNS = 9
SIZE = (1100, 760)


class PaintWatch(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.painted = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.painted = True
        return False


def open_once(app: QApplication, store: HistoryStore) -> tuple[float, float, int]:
    """(ms to build, ms from building to the first paint, rows in the table)."""
    from sciatica_gui.ui.history_view import HistoryView

    start = time.perf_counter()
    view = HistoryView(store, today=TODAY)
    built = time.perf_counter()
    watch = PaintWatch()
    view.bars.installEventFilter(watch)
    view.resize(*SIZE)
    view.show()
    while not watch.painted:
        app.processEvents()
    painted = time.perf_counter()
    rows = view.model.rowCount()
    view.bars.removeEventFilter(watch)
    view.close()
    view.deleteLater()
    app.processEvents()
    return (built - start) * 1000, (painted - start) * 1000, rows


def main() -> None:
    app = QApplication([])
    app.setStyle("Fusion")
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder)
        count = fill(data_dir)
        store = HistoryStore.open(data_dir).store
        assert store is not None
        print(f"store: {count} sessions over five years, up to {TODAY}")
        first_build, first_paint, rows = open_once(app, store)
        print(
            f"first opening (imports, fonts, style warm-up included): built in"
            f" {first_build:.1f} ms, painted after {first_paint:.1f} ms; {rows} table rows read"
        )
        runs = [open_once(app, store) for _ in range(RUNS)]
        builds = [build for build, _, _ in runs]
        paints = [paint for _, paint, _ in runs]
        verdict = "within" if median(paints) < GOAL_MS else "OVER"
        print(
            f"later openings, median of {RUNS}: built in {median(builds):.1f} ms, first paint"
            f" after {median(paints):.1f} ms (min {min(paints):.1f}, max {max(paints):.1f})"
        )
        print(
            f"goal {GOAL_MS:.0f} ms: first opening {first_paint:.0f} ms, later"
            f" {median(paints):.0f} ms: {verdict} the goal"
        )
        store.close()


if __name__ == "__main__":
    main()
