"""The start-up yardstick: a bare PySide6 QMainWindow with one label, quit after its first frame.

With `--centred` the label is centred, and that one line is the first touch of
PySide6's `Qt` namespace, which builds its 93 Python enum classes on the spot.
Every real window touches it (alignments, keys, colours); the bare window never
does. The start-up benchmarks time both, to show what that one line costs.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from sciatica_gui.ui.first_frame import quit_after_first_frame


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    label = QLabel("Hello")
    if "--centred" in sys.argv[1:]:
        from PySide6.QtCore import Qt

        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    window.setCentralWidget(label)
    # The app's default size, so both back their window with the same pixels.
    window.resize(1280, 800)
    quit_after_first_frame(window)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
