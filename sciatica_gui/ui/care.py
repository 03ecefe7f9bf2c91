"""Everything around a session that is about the person rather than the clock.

- Before the first session, the notice of what the app is and is not, once.
- Before and after each session, the 0-10 pain check (skippable, and it can
  be turned off in Preferences), with a calm note when the scores call for it.
- The emergency signs, one key or button away; opening them pauses a session.
- The history: opened after the first frame, written as the session runs
  (`history/recorder.py`), shown and exported from the History menu, and an
  interrupted session offered back when the app starts.

Every dialog here is opened with `open()` or `show()`, never `exec()`: the
session's timer and the window keep running while one is up, and tests can
answer them like a person would. The dialog modules are imported on first
use, so start-up does not pay for them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from sciatica_gui.core.content import Routine
from sciatica_gui.core.events import ExerciseStarted, State
from sciatica_gui.core.summary import SessionSummary
from sciatica_gui.core.timeline import Timeline, compile_timeline
from sciatica_gui.qt import settings as keys

if TYPE_CHECKING:  # the history and the dialogs load after the first frame
    from sciatica_gui.history.recorder import SessionRecorder
    from sciatica_gui.history.records import InterruptedSession
    from sciatica_gui.history.store import HistoryStore, OpenResult
    from sciatica_gui.ui.history_view import ChoosePath, HistoryView
    from sciatica_gui.ui.main_window import MainWindow
    from sciatica_gui.ui.safety_dialogs import EmergencySigns


def tr(text: str) -> str:
    return QCoreApplication.translate("care", text)


class SessionCare(QObject):
    def __init__(self, window: MainWindow, now: Callable[[], datetime] | None = None) -> None:
        super().__init__(window)
        self._window = window
        self._now: Callable[[], datetime] | None = now
        self.store: HistoryStore | None = None
        self.recorder: SessionRecorder | None = None
        #: Why there is no history this run, in one sentence ("" when there is one).
        self.unavailable = ""
        self._resume: InterruptedSession | None = None
        self._pain_asked = False
        self._pain_before: int | None = None
        self._pending: list[Callable[[], None]] = []
        #: The window is closing: record what happens, ask nothing more.
        self.closing = False
        #: The dialog waiting for an answer, if any (tests answer it).
        self.dialog: QDialog | None = None
        self.emergency_dialog: EmergencySigns | None = None
        self.history_window: QDialog | None = None
        self.history_view: HistoryView | None = None
        #: Asks where to save the CSV export; None is the file dialog (tests put a path).
        self.choose_path: ChoosePath | None = None
        driver = window.driver
        driver.exerciseStarted.connect(self._exercise_started)
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
        self._resume = None

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
                self.dialog = None
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
            self.dialog = None
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
        if self.recorder is not None and timeline is not None and driver.state is State.RUNNING:
            self.recorder.begin(timeline, self._pain_before, self._resume)
        self._resume = None

    # -- during and after ------------------------------------------------------------------

    def _exercise_started(self, event: ExerciseStarted) -> None:
        engine, recorder = self._window.driver.engine, self.recorder
        if recorder is None or engine is None:
            return
        # The checkpoint is a synced disk write. This signal comes at a phase boundary,
        # before the phase's cue and repaint, so the write waits for the next turn of the
        # loop: the person hears and sees the boundary first. What it writes is taken now.
        summary = engine.summary()
        self._pending.append(lambda: recorder.exercise_started(event.number, summary))
        QTimer.singleShot(0, self._write_pending)

    def _write_pending(self) -> None:
        while self._pending:
            self._pending.pop(0)()

    def _ended(self, event: object) -> None:
        summary = getattr(event, "summary", None)
        if not isinstance(summary, SessionSummary):
            return
        self._write_pending()  # a checkpoint still waiting goes first
        if self.recorder is not None:
            self.recorder.end(summary)
        if self.history_view is not None:
            self.history_view.reload()
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
            self.dialog = None
            after = score if isinstance(score, int) else None
            if self.recorder is not None:
                self.recorder.pain_after(after)
                if self.history_view is not None:
                    self.history_view.reload()
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

    # -- history ---------------------------------------------------------------------------

    @property
    def data_dir(self) -> Path:
        return self._settings.path.parent

    def attach_history(self) -> None:
        """Open the history (after the first frame); say what happened to a bad file."""
        from sciatica_gui.history.errors import HistoryError
        from sciatica_gui.history.schema import utc_now
        from sciatica_gui.history.store import HistoryStore

        if self._now is None:
            self._now = utc_now
        try:
            result = HistoryStore.open(self.data_dir, self._now)
        except HistoryError as error:
            self._without_history(str(error))
            return
        self._use(result)

    def _use(self, result: OpenResult) -> None:
        from sciatica_gui.history.errors import ProblemKind
        from sciatica_gui.history.recorder import SessionRecorder

        assert self._now is not None
        self.store = result.store
        if result.store is not None:
            self.recorder = SessionRecorder(result.store, self._now, self._history_failed)
        problem = result.problem
        if problem is not None:
            if result.store is None:
                self.unavailable = problem.message
            if problem.kind is ProblemKind.BACKUP_FAILED:
                self._window.note(problem.message)
            else:
                self._offer_backup(result)
                return
        self._offer_resume()

    def _without_history(self, message: str) -> None:
        self.store = None
        self.recorder = None
        self.unavailable = message
        self._window.note(message)

    def _history_failed(self, message: str) -> None:
        self.recorder = None
        self._window.note(message)

    def _offer_backup(self, result: OpenResult) -> None:
        from sciatica_gui.ui.history_problem import HistoryProblemDialog, ProblemChoice

        problem = result.problem
        assert problem is not None
        store = result.store
        if store is None:
            # The file was left alone (newer, or unreadable): putting a backup in its place
            # would hide it, so only the explanation is offered.
            problem = problem._replace(latest_backup=None)
        dialog = HistoryProblemDialog(problem, self._window)

        def chosen() -> None:
            self.dialog = None
            backup = dialog.backup
            if dialog.choice is ProblemChoice.RESTORE_BACKUP and store and backup:
                self._restore(store, backup)
            self._offer_resume()

        self._open(dialog, chosen)

    def _restore(self, store: HistoryStore, backup: Path) -> None:
        from sciatica_gui.history.errors import HistoryError

        try:
            moved = store.restore_backup(backup)
        except HistoryError as error:
            self._without_history(str(error))
            return
        self._window.note(
            tr(
                "Your history was restored from {backup}; the file it replaced is now {moved}."
            ).format(backup=backup.name, moved=moved.name)
        )
        if self.history_view is not None:
            self.history_view.set_store(store)

    def _offer_resume(self) -> None:
        from sciatica_gui.history.errors import HistoryError

        store = self.store
        if store is None or self._window.driver.state is not State.IDLE:
            return
        try:
            interrupted = store.interrupted()
        except HistoryError as error:
            self._without_history(str(error))
            return
        if interrupted is None:
            return
        timeline = self._remaining(interrupted)
        if timeline is None:
            # It cannot be carried on as it was planned; it stays in the history as
            # interrupted, and is not offered again.
            try:
                store.abandon(interrupted.id)
            except HistoryError as error:
                self._history_failed(str(error))
            return
        done, total = interrupted.position, len(interrupted.exercises)
        box = QMessageBox(self._window)
        box.setWindowTitle(tr("Carry on?"))
        box.setIcon(QMessageBox.Icon.Question)
        box.setText(
            tr(
                "Your last session, {routine}, stopped before it was finished: {done} of "
                "{total} exercises were done. Would you like to carry on where it stopped?"
            ).format(routine=interrupted.routine_name, done=done, total=total)
        )
        carry_on = box.addButton(tr("Carry on"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(tr("Start afresh"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(carry_on)

        def chosen() -> None:
            self.dialog = None
            if box.clickedButton() is carry_on:
                self.resume(interrupted)
            else:
                try:
                    store.abandon(interrupted.id)
                except HistoryError as error:
                    self._history_failed(str(error))

        self._open(box, chosen)

    def _remaining(self, interrupted: InterruptedSession) -> Timeline | None:
        """The interrupted session's exercises still to do, or None when it cannot be rebuilt."""
        library = self._window.library
        ids = tuple(record.exercise for record in interrupted.exercises[interrupted.position :])
        if not ids or any(exercise not in library.exercises for exercise in ids):
            return None
        from sciatica_gui.core.content import Level

        try:
            level = Level(interrupted.level)
        except ValueError:
            return None
        routine = Routine(interrupted.routine, interrupted.routine_name, ids, False)
        timeline = compile_timeline(library, routine, level, self._window.timing)
        from sciatica_gui.history.records import plan_of

        planned = [
            (record.exercise, record.holds, record.reps)
            for record in interrupted.exercises[interrupted.position :]
        ]
        rebuilt = [(plan.exercise, plan.holds, plan.reps) for plan in plan_of(timeline.blocks)]
        # Timings or counts changed since (a preference, or the content): carrying on would
        # do a different session under the old one's name, so it is not offered.
        return timeline if rebuilt == planned else None

    def resume(self, interrupted: InterruptedSession) -> None:
        """Load what was left of `interrupted`; Space then carries on with it."""
        timeline = self._remaining(interrupted)
        if timeline is None:
            return
        self._window.load_timeline(timeline)
        self._resume = interrupted
        self._pain_asked = True  # it was asked when the session first began
        self._pain_before = interrupted.pain_before
        self._window.note(
            tr("Ready to carry on with {routine}: press Space.").format(
                routine=interrupted.routine_name
            )
        )

    def show_history(self) -> None:
        from sciatica_gui.ui.history_view import HistoryDialog

        if self.history_window is None:
            window = HistoryDialog(
                self.store,
                self._window,
                choose_path=self.choose_path,
                unavailable=self.unavailable,
            )
            view = window.view
            view.exported.connect(
                lambda path: self._window.note(tr("History saved to {path}").format(path=path))
            )
            view.exportFailed.connect(self._window.note)
            self.reach_emergency_from(window)
            self.history_window, self.history_view = window, view
        else:
            assert self.history_view is not None
            self.history_view.set_store(self.store, self.unavailable)
        self.history_window.show()
        self.history_window.raise_()

    def export_history(self) -> None:
        self.show_history()
        assert self.history_view is not None
        self.history_view.export_csv()

    # -- helpers ---------------------------------------------------------------------------

    def reach_emergency_from(self, dialog: QWidget) -> None:
        """E opens the emergency signs from `dialog` too: a modal dialog blocks the window's
        own shortcut, and the moment someone answers a pain question is when it matters."""
        dialog.addAction(self._window.commands.emergency)

    def _open(self, dialog: QDialog, on_finished: Callable[[], None] | None) -> None:
        self.dialog = dialog
        self.reach_emergency_from(dialog)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if on_finished is not None:
            dialog.finished.connect(lambda _result: on_finished())
        dialog.open()

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None
            self.recorder = None
