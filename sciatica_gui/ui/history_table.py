"""The table of sessions in the history view: newest first, read a page at a time.

Years of daily sessions must not be built up front: the model asks the store
for `PAGE` rows and for more only as the person scrolls (`fetchMore`).
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QWidget,
)

from sciatica_gui.history import HistoryError, HistoryStore, SessionOutcome, SessionRecord

#: Rows the table reads at a time.
PAGE: Final = 200


def tr(text: str) -> str:
    return QCoreApplication.translate("history", text)


def outcome_text(outcome: SessionOutcome) -> str:
    return {
        SessionOutcome.FINISHED: tr("Finished"),
        SessionOutcome.STOPPED: tr("Stopped early"),
        SessionOutcome.INTERRUPTED: tr("Interrupted"),
        SessionOutcome.OPEN: tr("Under way"),
    }[outcome]


def level_text(level: str) -> str:
    return {"gentle": tr("Gentle"), "standard": tr("Standard")}.get(level, level)


class SessionsModel(QAbstractTableModel):
    """Sessions newest first, read from the store a page at a time as the view asks."""

    COLUMNS: Final = (
        "Date",
        "Routine",
        "Level",
        "Minutes",
        "Outcome",
        "Holds done",
        "Pain before",
        "Pain after",
    )
    _NUMERIC: Final = frozenset({3, 5, 6, 7})

    def __init__(self, store: HistoryStore | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._rows: list[SessionRecord] = []
        self._more = store is not None
        #: Why the last page could not be read, or "".
        self.problem = ""
        self._headers = [
            tr("Date"),
            tr("Routine"),
            tr("Level"),
            tr("Minutes"),
            tr("Outcome"),
            tr("Holds done"),
            tr("Pain before"),
            tr("Pain after"),
        ]
        self._fetch()

    def set_store(self, store: HistoryStore | None) -> None:
        self.beginResetModel()
        self._store = store
        self._rows = []
        self._more = store is not None
        self.problem = ""
        self.endResetModel()
        self._fetch()

    def reload(self) -> None:
        self.set_store(self._store)

    def session(self, row: int) -> SessionRecord:
        return self._rows[row]

    def _fetch(self) -> None:
        if self._store is None or not self._more:
            return
        try:
            page = self._store.sessions(limit=PAGE, offset=len(self._rows))
        except HistoryError as error:
            # Stop asking; the view reports it the next time it reads (see HistoryView.reload).
            self._more = False
            self.problem = str(error)
            return
        self._more = len(page) == PAGE
        if page:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> bool:
        return not parent.isValid() and self._more

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> None:
        if not parent.isValid():
            self._fetch()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def cell_text(self, row: int, column: int) -> str:
        record = self._rows[row]
        if column == 0:
            return record.started_at.strftime("%Y-%m-%d %H:%M")
        if column == 1:
            return record.routine_name
        if column == 2:
            return level_text(record.level)
        if column == 3:
            minutes = record.active_minutes
            return "<1" if 0 < minutes < 0.5 else str(round(minutes))
        if column == 4:
            return outcome_text(record.outcome)
        if column == 5:
            return tr("{done} of {planned}").format(done=record.holds_done, planned=record.holds)
        score = record.pain_before if column == 6 else record.pain_after
        return "–" if score is None else str(score)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell_text(row, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            text = self.cell_text(row, column)
            return tr("skipped") if text == "–" else text
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self._NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
