"""Everything around a session that is about the person rather than the clock.

- Before the first session, the notice of what the app is and is not, once.
- Before and after each session, the 0-10 pain check (skippable, and it can
  be turned off in Preferences), with a calm note when the scores call for it.
- The emergency signs, one key or button away; opening them pauses a session.
- The history (`ui/history_care.py`), told when a session begins and ends.

Every dialog here is opened with `open()` or `show()`, never `exec()`: the
session's timer and the window keep running while one is up, and tests can
answer them like a person would. The dialog modules are imported on first
use, so start-up does not pay for them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from sciatica_gui.core.events import State
from sciatica_gui.core.summary import SessionSummary
from sciatica_gui.qt import settings as keys
from sciatica_gui.ui.history_care import HistoryCare

if TYPE_CHECKING:  # the history and the dialogs load after the first frame
    from sciatica_gui.history.records import InterruptedSession
    from sciatica_gui.ui.main_window import MainWindow
    from sciatica_gui.ui.safety_dialogs import EmergencySigns


def tr(text: str) -> str:
    return QCoreApplication.translate("care", text)


class SessionCare(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._pain_asked = False
        self._pain_before: int | None = None
        #: The window is closing: record what happens, ask nothing more.
        self.closing = False
        #: The dialog waiting for an answer, if any (tests answer it).
        self.dialog: QDialog | None = None
        self.emergency_dialog: EmergencySigns | None = None
        self.history = HistoryCare(window, self._open, self.reach_emergency_from)
        self.history.carriedOn.connect(self._carried_on)
        driver = window.driver
        driver.stateChanged.connect(self._state_changed)
        driver.finished.connect(self._ended)
        driver.stopped.connect(self._ended)

    @property
    def _settings(self) -> keys.Settings:
        return self._window.settings

    @property
    def pain_check_on(self) -> bool:
        return self._settings.get(keys.PAIN_CHECK)

    # -- before a session ----------------------------------------------------------------

    def routine_loaded(self) -> None:
        """A fresh routine is ready: its pain check has not been asked yet."""
        self._pain_asked = False
        self._pain_before = None
        self.history.routine_loaded()

    def _carried_on(self, interrupted: InterruptedSession) -> None:
        self._pain_asked = True  # it was asked when the session first began
        self._pain_before = interrupted.pain_before

    def request_start(self) -> None:
        """Space on a session not yet begun: the notice, the pain check, then the start."""
        from sciatica_gui.ui.safety_dialogs import FirstRunNotice, notice_needed, remember_notice

        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            return
        qsettings = self._settings.qsettings
        if notice_needed(qsettings):
            notice = FirstRunNotice(self._window)

            def after_notice() -> None:
                if notice.acknowledged:
                    remember_notice(qsettings)
                    self.request_start()

            self._open(notice, after_notice)
            return
        if self.pain_check_on and not self._pain_asked:
            self._ask_pain_before()
            return
        self._begin()

    def _ask_pain_before(self) -> None:
        from sciatica_gui.ui.pain_advice import offer_pain_advice
        from sciatica_gui.ui.pain_check import PainCheck, PainMoment

        check = PainCheck(PainMoment.BEFORE, self._window)

        def answered(score: object) -> None:
            self._pain_asked = True
            self._pain_before = score if isinstance(score, int) else None
            advice = offer_pain_advice(self._pain_before, None, self._window)
            if advice is not None:
                # The note suggests not exercising today; the person decides, with Space.
                advice.emergencyRequested.connect(self.show_emergency)
                self._window.note(tr("The session is ready when you are: press Space to begin."))
                return
            self._begin()

        check.answered.connect(answered)
        self._open(check, None)

    def _begin(self) -> None:
        driver = self._window.driver
        driver.start()
        timeline = driver.timeline
        if timeline is not None and driver.state is State.RUNNING:
            self.history.began(timeline, self._pain_before)

    # -- during and after ------------------------------------------------------------------

    def _ended(self, event: object) -> None:
        summary = getattr(event, "summary", None)
        if not isinstance(summary, SessionSummary):
            return
        self.history.ended(summary)
        # Stopped before any hold, there is no "after" to ask about.
        if self.pain_check_on and not self.closing and summary.holds_done > 0:
            self._ask_pain_after()

    def _ask_pain_after(self) -> None:
        from sciatica_gui.core.pain import after_session
        from sciatica_gui.ui.pain_advice import show_pain_advice
        from sciatica_gui.ui.pain_check import PainCheck, PainMoment

        check = PainCheck(PainMoment.AFTER, self._window)
        before = self._pain_before

        def answered(score: object) -> None:
            after = score if isinstance(score, int) else None
            self.history.pain_after(after)
            advice = show_pain_advice(after_session(before, after), self._window)
            if advice is not None:
                advice.emergencyRequested.connect(self.show_emergency)

        check.answered.connect(answered)
        self._open(check, None)

    # -- help and safety -------------------------------------------------------------------

    def _state_changed(self, _event: object) -> None:
        dialog = self.emergency_dialog
        if dialog is not None:
            # "Your session is paused" only while it is.
            dialog.set_session_paused(self._window.driver.state is State.PAUSED)

    def show_emergency(self) -> None:
        from sciatica_gui.ui.safety_dialogs import EmergencySigns

        driver = self._window.driver
        paused = driver.state is State.RUNNING
        if paused:
            driver.pause()
        dialog = self.emergency_dialog
        # Over whatever is asking a question, so it can be read and closed at once.
        owner = QApplication.activeModalWidget() or self._window
        if dialog is None or dialog.parentWidget() is not owner:
            if dialog is not None:
                dialog.deleteLater()
            dialog = EmergencySigns(owner, session_paused=paused)
            self.emergency_dialog = dialog
        dialog.set_session_paused(paused or driver.state is State.PAUSED)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def show_notice(self) -> None:
        from sciatica_gui.ui.safety_dialogs import FirstRunNotice

        notice = FirstRunNotice(self._window, again=True)
        notice.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.reach_emergency_from(notice)
        notice.show()

    def show_about(self) -> None:
        from sciatica_gui.ui.safety_dialogs import AboutDialog

        about = AboutDialog(self._window.library.exercises.values(), self._window)
        about.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.reach_emergency_from(about)
        about.show()

    # -- helpers ---------------------------------------------------------------------------

    def reach_emergency_from(self, dialog: QWidget) -> None:
        """E opens the emergency signs from `dialog` too: a modal dialog blocks the window's
        own shortcut, and the moment someone answers a pain question is when it matters."""
        dialog.addAction(self._window.commands.emergency)

    def _open(self, dialog: QDialog, on_finished: Callable[[], None] | None) -> None:
        """Ask `dialog` (window-modal, not blocking the loop); `on_finished` once answered."""
        self.dialog = dialog
        self.reach_emergency_from(dialog)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def finished(_result: int) -> None:
            if self.dialog is dialog:
                self.dialog = None  # before on_finished, which may ask the next question
            if on_finished is not None:
                on_finished()

        dialog.finished.connect(finished)
        dialog.open()

    def close(self) -> None:
        self.history.close()
