"""The start-up yardstick: a bare PySide6 QMainWindow with one label, quit after its first frame."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from sciatica_gui.ui.first_frame import quit_after_first_frame


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setCentralWidget(QLabel("Hello"))
    # The app's default size, so both back their window with the same pixels.
    window.resize(1280, 800)
    quit_after_first_frame(window)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
