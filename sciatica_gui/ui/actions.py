"""Every command of the window as a QAction with its keys, and the menus that list them.

Keys are written in portable text ("Space", "Ctrl+1"); building them from
`Qt.Key` would create PySide's 471-member Python enum at start-up for
nothing. The same actions drive the menus, the big buttons, the help page
and the tooltips, so a shortcut is declared once.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow


def tr(text: str) -> str:
    return QCoreApplication.translate("actions", text)


class WindowActions(QObject):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.start = self._make(tr("Start"), tr("Start, pause or go on with the session"), "Space")
        self.back = self._make(
            tr("Back"), tr("Restart this phase, or go to the one before"), "Left", "B"
        )
        self.skip = self._make(tr("Skip"), tr("Skip the rest of this phase"), "Right", "N")
        self.next_exercise = self._make(
            tr("Next exercise"), tr("Skip the rest of this exercise"), "Shift+Right"
        )
        self.stop = self._make(tr("Stop"), tr("Stop the session; what you did is kept"))
        # Esc is always live: it closes help, stops a session, or leaves mat mode, in that order.
        self.escape = self._make(
            tr("Stop"),
            tr("Stop the session (what you did is kept), close help, or leave mat mode"),
            "Esc",
        )
        self.mat = self._make(
            tr("Mat mode"), tr("Full screen, large enough to follow from the floor"), "F11"
        )
        self.mute = self._make(tr("Sound on"), tr("Turn all sound and speech off or on"), "M")
        self.mute.setCheckable(True)
        self.preferences = self._make(
            tr("Preferences…"), tr("Sound, voice and the timings the app chooses"), "Ctrl+,"
        )
        self.help = self._make(tr("Keyboard shortcuts"), tr("Show every shortcut"), "F1")
        # One key away at any moment, session running or not; opening it pauses a session.
        self.emergency = self._make(
            tr("Emergency signs"),
            tr("When to stop and call for help; pauses a running session"),
            "E",
        )
        self.history = self._make(
            tr("History…"), tr("Days exercised, minutes per week, pain over time"), "Ctrl+H"
        )
        self.export_history = self._make(
            tr("Export history as CSV…"), tr("Save every session to a file a spreadsheet can open")
        )
        self.notice = self._make(
            tr("What this app is and is not…"), tr("The notice shown before the first session")
        )
        self.about = self._make(
            tr("About and sources…"), tr("The app and where its exercises come from")
        )
        self.quit = self._make(tr("Quit"), tr("Close the app"), "Ctrl+Q")
        self.routines = [
            self._make(
                tr("Routine {n}").format(n=number),
                tr("Pick routine {n} in the list").format(n=number),
                f"Ctrl+{number}",
            )
            for number in range(1, 10)
        ]
        self.pick_routine = QAction(tr("Pick a routine by its place in the list"), self)
        self.pick_routine.setShortcuts([QKeySequence("Ctrl+1"), QKeySequence("Ctrl+9")])
        self.pick_routine.setStatusTip(tr("Pick a routine by its place in the list"))

    def _make(self, text: str, tip: str, *keys: str) -> QAction:
        action = QAction(text, self._window)
        action.setShortcuts([QKeySequence(key) for key in keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setStatusTip(tip)
        self._window.addAction(action)
        return action

    def for_help(self) -> list[QAction]:
        """What the F1 page lists, in reading order (Ctrl+1…9 as one line)."""
        return [
            self.start,
            self.back,
            self.skip,
            self.next_exercise,
            self.escape,
            self.mat,
            self.mute,
            self.preferences,
            self.emergency,
            self.history,
            self.help,
            self.pick_routine,
        ]

    def fill_menus(self) -> None:
        bar = self._window.menuBar()
        session = bar.addMenu(tr("&Session"))
        for action in (self.start, self.back, self.skip, self.next_exercise, self.stop):
            session.addAction(action)
        session.addSeparator()
        session.addAction(self.preferences)
        session.addSeparator()
        session.addAction(self.quit)
        view = bar.addMenu(tr("&View"))
        view.addAction(self.mat)
        view.addAction(self.mute)
        routines = bar.addMenu(tr("&Routines"))
        for action in self.routines:
            routines.addAction(action)
        history = bar.addMenu(tr("H&istory"))
        history.addAction(self.history)
        history.addAction(self.export_history)
        help_menu = bar.addMenu(tr("&Help"))
        help_menu.addAction(self.emergency)
        help_menu.addSeparator()
        help_menu.addAction(self.help)
        help_menu.addAction(self.notice)
        help_menu.addAction(self.about)
