"""Start the window: the application object, resources, data folder, and the screenshot mode.

Start-up does only what the first frame needs: the content, the timelines
for the sidebar's totals, and the widgets. Sound, speech and history are
loaded after the first frame is on screen.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from sciatica_gui import APP_DISPLAY_NAME, APP_NAME, __version__
from sciatica_gui.core.content import Level


class ScreenshotRequest:
    def __init__(self, args: argparse.Namespace, level: Level) -> None:
        self.path = Path(args.screenshot)
        self.routine: str | None = args.routine
        self.level = level
        self.at: float | None = args.at
        self.mat: bool = args.mat
        width, _, height = str(args.size).partition("x")
        self.size = (int(width), int(height))


def _application(args: argparse.Namespace) -> object:
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    QGuiApplication.setDesktopFileName(APP_NAME)
    app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_DISPLAY_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("")
    if args.theme != "system":
        from sciatica_gui.ui.theme import dark_palette

        app.setStyle("Fusion")
        if args.theme == "dark":
            app.setPalette(dark_palette())
        else:
            app.setPalette(app.style().standardPalette())
    return app


def run_app(args: argparse.Namespace, level: Level) -> int:
    if args.screenshot is not None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = _application(args)

    from PySide6.QtWidgets import QApplication

    from sciatica_gui.cli import data_dir_from, load_user_library
    from sciatica_gui.core.clock import FakeClock
    from sciatica_gui.qt import resources
    from sciatica_gui.qt.session_driver import SessionDriver
    from sciatica_gui.qt.settings import LEVEL, Settings
    from sciatica_gui.ui.main_window import MainWindow

    assert isinstance(app, QApplication)
    resources.register()
    data_dir = data_dir_from(args)
    data_dir.mkdir(parents=True, exist_ok=True)
    library, problems = load_user_library(data_dir, sys.stderr)
    settings = Settings(data_dir)
    if args.level is not None:
        settings.set(LEVEL, level.value)
    clock = FakeClock() if args.screenshot is not None else None
    driver = SessionDriver(clock)
    window = MainWindow(library, settings, driver, problems=problems)

    if args.screenshot is not None:
        from sciatica_gui.ui.screenshot import take_screenshot

        assert isinstance(clock, FakeClock)
        return take_screenshot(window, clock, ScreenshotRequest(args, level))
    from sciatica_gui.ui.first_frame import after_first_frame, quit_after_first_frame

    if args.quit_after_first_frame:
        quit_after_first_frame(window)  # the start-up benchmark stops at the first frame
    else:
        after_first_frame(window, lambda: _after_first_frame(app, window))
    window.show()
    code = app.exec()
    # Everything worth keeping is written by closeEvent: the session's record, the history
    # closed, the settings synced. Closing again is harmless if the person already did.
    window.close()
    sys.stdout.flush()
    sys.stderr.flush()
    # Then leave at once: tearing down Qt and every Python object one by one took about
    # 100 ms here, time a person waits for nothing when the window has already gone.
    os._exit(code)


def _after_first_frame(app: object, window: object) -> None:
    """What the first frame does not need: the icon (the SVG icon engine), the session's
    pages, sound, speech, and the history (which may have a question for the person: a
    bad file, a session to carry on)."""
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from sciatica_gui.qt.cue_player import CuePlayer
    from sciatica_gui.qt.speech import Speech
    from sciatica_gui.ui.main_window import MainWindow

    assert isinstance(app, QApplication)
    assert isinstance(window, MainWindow)
    app.setWindowIcon(QIcon(":/icons/app.svg"))
    window.panel.build_pages()
    window.attach_audio(CuePlayer(window), Speech(window))
    window.care.history.attach()
