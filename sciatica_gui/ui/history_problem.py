"""The one-sentence message for a history file that could not be used, and the way on.

`HistoryStore.open` has already decided what to do with the file (moved
aside, or left alone: `history/opening.py`); this dialog only says so and
asks one question: put the newest automatic backup back, or carry on. It
returns the answer and does nothing itself; the window calls
`restore_backup`.

The sentence is built here from the problem's kind and paths rather than
taken from `StoreProblem.message`, so that it can be translated. When the
store's message carries the system's reason (an unreadable file, a backup
that failed), that reason is shown on a line of its own.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from sciatica_gui.history.errors import ProblemKind, StoreProblem
from sciatica_gui.ui.controls import dialog_button
from sciatica_gui.ui.labels import label
from sciatica_gui.ui.safety_dialogs import FittedDialog

if TYPE_CHECKING:
    from pathlib import Path

_DAILY_NAME: Final = re.compile(r"history-(\d{4})-(\d{2})-(\d{2})\.sqlite3")
#: The store's messages give the system's reason in brackets just before ", so" or "; sessions".
_REASON: Final = re.compile(r"\(([^()]+)\)[,;] ")


def tr(text: str) -> str:
    return QCoreApplication.translate("history", text)


class ProblemChoice(StrEnum):
    RESTORE_BACKUP = "restore_backup"
    CONTINUE = "continue"


def backup_date(backup: Path) -> date | None:
    """The local day a daily backup was made, from its name; None for other names."""
    found = _DAILY_NAME.fullmatch(backup.name)
    if found is None:
        return None
    try:
        return date(*(int(part) for part in found.groups()))
    except ValueError:
        return None


def problem_sentence(problem: StoreProblem) -> str:
    """What happened to the file, in one sentence that names it."""
    path = str(problem.path)
    moved = problem.moved_to.name if problem.moved_to is not None else ""
    kind = problem.kind
    if kind is ProblemKind.CORRUPT and moved:
        text = tr(
            "Your exercise history {path} was damaged, so the app set it aside as {moved} "
            "and started a new, empty history."
        )
    elif kind is ProblemKind.NOT_A_DATABASE and moved:
        text = tr(
            "The file {path} is not an exercise history, so the app set it aside as {moved} "
            "and started a new, empty history."
        )
    elif kind is ProblemKind.NEWER_VERSION:
        text = tr(
            "Your exercise history {path} was written by a newer version of this app, so it "
            "was left untouched and sessions will not be recorded until the app is updated."
        )
    elif kind is ProblemKind.BACKUP_FAILED:
        text = tr(
            "Today's automatic backup of your exercise history {path} could not be written; "
            "your sessions are still being recorded."
        )
    else:
        text = tr(
            "Your exercise history {path} could not be read, so it was left untouched and "
            "sessions will not be recorded this time."
        )
    return text.format(path=path, moved=moved)


def problem_reason(problem: StoreProblem) -> str:
    """The system's reason inside the store's message ("permission denied"), or ""."""
    if problem.kind not in (ProblemKind.UNREADABLE, ProblemKind.BACKUP_FAILED):
        return ""
    found = _REASON.findall(problem.message)
    return found[-1] if found else ""


def _day_text(day: date) -> str:
    # Day, month and year without the weekday, which only makes the button longer.
    return QLocale().toString(QDate(day.year, day.month, day.day), "d MMMM yyyy")


class HistoryProblemDialog(FittedDialog):
    """Says what happened to the file; offers the newest backup when there is one.

    After `exec()`, `choice` is RESTORE_BACKUP or CONTINUE (also for Esc and closing).
    `offers_restore` says whether the restore button is there at all.
    """

    def __init__(self, problem: StoreProblem, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.problem = problem
        self.choice = ProblemChoice.CONTINUE
        self.backup = (
            problem.latest_backup if problem.kind is not ProblemKind.BACKUP_FAILED else None
        )
        self.setWindowTitle(tr("Your exercise history"))
        self.setAccessibleName(self.windowTitle())

        self.heading = label(tr("Your exercise history"), scale=1.6, bold=True)
        self.sentence = label(problem_sentence(problem), scale=1.2)
        self.sentence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        reason = problem_reason(problem)
        self.details = label(
            tr("Reason given by the system: {reason}").format(reason=reason), muted=True
        )
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setVisible(bool(reason))
        new_history = problem.kind in (ProblemKind.CORRUPT, ProblemKind.NOT_A_DATABASE)

        self.offer = label(scale=1.1)
        self.restore_button: QPushButton | None = None
        if self.backup is not None:
            day = backup_date(self.backup)
            when = _day_text(day) if day is not None else self.backup.name
            self.offer.setText(
                tr(
                    "The app keeps a copy of your history every day. You can put back the "
                    "newest copy, from {when}; the file it replaces is kept, not deleted."
                ).format(when=when)
            )
            self.restore_button = dialog_button(
                tr("Restore the backup from {when}").format(when=when), primary=True
            )
            self.restore_button.setAccessibleName(
                tr("Restore the latest backup, from {when}").format(when=when)
            )
            self.restore_button.clicked.connect(self.restore)
        elif new_history:
            self.offer.setText(tr("There is no automatic backup to put back yet."))
        self.offer.setVisible(bool(self.offer.text()))

        if problem.kind is ProblemKind.BACKUP_FAILED:
            carry_on = tr("OK")
        elif new_history:
            carry_on = tr("Continue with the new history")
        else:
            carry_on = tr("Continue without history")
        self.continue_button = dialog_button(carry_on, primary=self.restore_button is None)
        self.continue_button.setAccessibleName(carry_on)
        self.continue_button.clicked.connect(self.reject)

        buttons = QHBoxLayout()
        if self.restore_button is not None:
            buttons.addWidget(self.continue_button)
            buttons.addStretch(1)
            buttons.addWidget(self.restore_button)
        else:
            buttons.addStretch(1)  # the one way on sits where the main button always does
            buttons.addWidget(self.continue_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 24)
        layout.setSpacing(14)
        layout.addWidget(self.heading)
        layout.addWidget(self.sentence)
        layout.addWidget(self.details)
        layout.addWidget(self.offer)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.setMinimumWidth(640)
        (self.restore_button or self.continue_button).setFocus()

    @property
    def offers_restore(self) -> bool:
        return self.restore_button is not None

    def restore(self) -> None:
        self.choice = ProblemChoice.RESTORE_BACKUP
        self.accept()

    def reject(self) -> None:
        self.choice = ProblemChoice.CONTINUE
        super().reject()
