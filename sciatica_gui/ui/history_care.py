"""The record of each session, and what the person sees of it.

The history opens after the first frame. A file that cannot be used is
explained in one sentence, with the newest backup on offer, and a session
that was interrupted is offered back. Each session is written as it runs:
begun at the start (`history/recorder.py`), checkpointed after every exercise,
closed at the end. The History window and the CSV export read it.

Questions go through `ask`, the same way as every other dialog of the
window (`ui/care.py`), so the emergency signs stay one key away from them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from sciatica_gui.core.content import Routine
from sciatica_gui.core.events import ExerciseStarted, State
from sciatica_gui.core.summary import SessionSummary
from sciatica_gui.core.timeline import Timeline, compile_timeline

if TYPE_CHECKING:  # the history loads after the first frame
    from sciatica_gui.history.recorder import SessionRecorder
    from sciatica_gui.history.records import InterruptedSession
    from sciatica_gui.history.store import HistoryStore, OpenResult
    from sciatica_gui.ui.history_view import ChoosePath, HistoryView
    from sciatica_gui.ui.main_window import MainWindow

Ask = Callable[[QDialog, Callable[[], None] | None], None]


def tr(text: str) -> str:
    return QCoreApplication.translate("care", text)


class HistoryCare(QObject):
    #: The person chose to carry on an interrupted session; what was left is loaded.
    carriedOn = Signal(object)  # InterruptedSession

    def __init__(
        self,
        window: MainWindow,
        ask: Ask,
        reach_emergency_from: Callable[[QWidget], None],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._ask = ask
        self._reach_emergency_from = reach_emergency_from
        #: The clock for the record's timestamps; tests put a fixed one before `attach`.
        self.now: Callable[[], datetime] | None = None
        self.store: HistoryStore | None = None
        self.recorder: SessionRecorder | None = None
        #: Why there is no history this run, in one sentence ("" when there is one).
        self.unavailable = ""
        self.history_window: QDialog | None = None
        self.history_view: HistoryView | None = None
        #: Asks where to save the CSV export; None is the file dialog (tests put a path).
        self.choose_path: ChoosePath | None = None
        self._resume: InterruptedSession | None = None
        self._pending: list[Callable[[], None]] = []
        window.driver.exerciseStarted.connect(self._exercise_started)

    @property
    def data_dir(self) -> Path:
        return self._window.settings.path.parent

    # -- the session under way -------------------------------------------------------------

    def routine_loaded(self) -> None:
        self._resume = None

    def began(self, timeline: Timeline, pain_before: int | None) -> None:
        if self.recorder is not None:
            self.recorder.begin(timeline, pain_before, self._resume)
        self._resume = None

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

    def ended(self, summary: SessionSummary) -> None:
        self._write_pending()  # a checkpoint still waiting goes first
        if self.recorder is not None:
            self.recorder.end(summary)
        if self.history_view is not None:
            self.history_view.reload()

    def pain_after(self, score: int | None) -> None:
        if self.recorder is not None:
            self.recorder.pain_after(score)
            if self.history_view is not None:
                self.history_view.reload()

    # -- opening the history -------------------------------------------------------------

    def attach(self) -> None:
        """Open the history (after the first frame); say what happened to a bad file."""
        from sciatica_gui.history.errors import HistoryError
        from sciatica_gui.history.schema import utc_now
        from sciatica_gui.history.store import HistoryStore

        if self.now is None:
            self.now = utc_now
        try:
            result = HistoryStore.open(self.data_dir, self.now)
        except HistoryError as error:
            self._without_history(str(error))
            return
        self._use(result)

    def _use(self, result: OpenResult) -> None:
        from sciatica_gui.history.errors import ProblemKind
        from sciatica_gui.history.recorder import SessionRecorder

        assert self.now is not None
        self.store = result.store
        if result.store is not None:
            self.recorder = SessionRecorder(result.store, self.now, self._history_failed)
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
            backup = dialog.backup
            if dialog.choice is ProblemChoice.RESTORE_BACKUP and store and backup:
                self._restore(store, backup)
            self._offer_resume()

        self._ask(dialog, chosen)

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
            if box.clickedButton() is carry_on:
                self.resume(interrupted)
            else:
                try:
                    store.abandon(interrupted.id)
                except HistoryError as error:
                    self._history_failed(str(error))

        self._ask(box, chosen)

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
        self._window.load_timeline(timeline)  # clears any earlier carry-on
        self._resume = interrupted
        self.carriedOn.emit(interrupted)
        self._window.note(
            tr("Ready to carry on with {routine}: press Space.").format(
                routine=interrupted.routine_name
            )
        )

    def show(self) -> None:
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
            self._reach_emergency_from(window)
            self.history_window, self.history_view = window, view
        else:
            assert self.history_view is not None
            self.history_view.set_store(self.store, self.unavailable)
        self.history_window.show()
        self.history_window.raise_()

    def export(self) -> None:
        self.show()
        assert self.history_view is not None
        self.history_view.export_csv()

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None
            self.recorder = None
