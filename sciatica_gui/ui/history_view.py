"""The history: days exercised, the streak, minutes per week, pain over time, every session.

`HistoryView` reads a `HistoryStore` (the reading methods only, plus
`export_csv`) and shows it on three tabs: an overview (streak, this week,
the last 30 days, a calendar with the days exercised, a bar chart of
minutes per week), pain before and after (a line chart), and a table of
sessions with the CSV export.

Opening it must stay fast with years of history (bench/history_view.py):
the calendar asks only for the month on show, the charts for their weeks and
the newest scored sessions, and the table model pages through the sessions
with `fetchMore` as the person scrolls, a page at a time, instead of
building every record up front.

The view writes nothing but the export. Where the export goes is asked
through `choose_path`, a function a test can replace; by default it is a
save dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Final

from PySide6.QtCore import (
    QCoreApplication,
    QRectF,
    QStandardPaths,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sciatica_gui.history import HistoryError, HistoryStore
from sciatica_gui.ui.charts import PainLines, WeeklyBars
from sciatica_gui.ui.controls import dialog_button
from sciatica_gui.ui.history_calendar import ExerciseCalendar, qdate
from sciatica_gui.ui.history_table import SessionsModel
from sciatica_gui.ui.labels import label

#: Weeks in the bar chart: half a year, enough to see a habit form or fade.
WEEKS: Final = 26
#: Scored sessions in the pain chart: beyond this the markers crowd into a smear.
PAIN_POINTS: Final = 60
#: The days the "recent days" figure counts, today included.
RECENT_DAYS: Final = 30

ChoosePath = Callable[[QWidget, Path], "Path | None"]


def tr(text: str) -> str:
    return QCoreApplication.translate("history", text)


def days_text(n: int) -> str:
    return tr("1 day") if n == 1 else tr("{n} days").format(n=n)


def minutes_text(minutes: float) -> str:
    return tr("{n} min").format(n=round(minutes))


def ask_for_path(parent: QWidget, suggested: Path) -> Path | None:
    """A save dialog; None when the person cancels."""
    chosen, _ = QFileDialog.getSaveFileName(
        parent, tr("Export the history"), str(suggested), tr("CSV files (*.csv)")
    )
    return Path(chosen) if chosen else None


class _Tile(QFrame):
    """One figure with its caption, in a softly outlined box."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = label(caption, muted=True, wrap=False)
        self.value = label(scale=2.0, bold=True, wrap=False)
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 10, 16, 12)
        column.setSpacing(2)
        column.addWidget(self.caption)
        column.addWidget(self.value)

    def set_value(self, text: str) -> None:
        self.value.setText(text)
        self.setAccessibleName(f"{self.caption.text()}: {text}")

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        edge = QColor(self.palette().color(QPalette.ColorRole.WindowText))
        edge.setAlphaF(0.18)
        painter.setPen(QPen(edge, 1.5))
        painter.setBrush(self.palette().color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 10, 10)
        painter.end()


# -- the view ------------------------------------------------------------------------------------


class HistoryView(QWidget):
    """The history of `store` as of `today` (the store's local today when None).

    `store` None shows why there is no history (`unavailable`, one sentence).
    Call `reload()` after a session is recorded and `set_store()` after a restore.
    `export_action` belongs in a menu; it and the Export button call `export_csv()`.
    """

    #: Where the CSV was written.
    exported = Signal(object)
    #: The export failed; the sentence that says why.
    exportFailed = Signal(str)

    def __init__(
        self,
        store: HistoryStore | None,
        *,
        today: date | None = None,
        choose_path: ChoosePath | None = None,
        unavailable: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(tr("Exercise history"))
        self._store = store
        self._fixed_today = today
        self._choose_path: ChoosePath = choose_path or ask_for_path
        self._unavailable = unavailable
        self.today = today or date.today()

        self.export_action = QAction(tr("Export history as CSV…"), self)
        self.export_action.setStatusTip(tr("Save every session to a file a spreadsheet can open"))
        self.export_action.triggered.connect(self._export_triggered)

        self.heading = label(tr("Your history"), scale=1.6, bold=True, wrap=False)
        self.export_button = QPushButton(tr("Export CSV…"))
        self.export_button.setAccessibleName(tr("Export the history as a CSV file"))
        self.export_button.setToolTip(self.export_action.statusTip())
        self.export_button.setMinimumHeight(44)
        self.export_button.clicked.connect(self.export_action.trigger)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.export_button)

        self.streak = _Tile(tr("Current streak"))
        self.this_week = _Tile(tr("This week"))
        self.recent = _Tile(tr("Days in the last 30"))
        tiles = QHBoxLayout()
        tiles.setSpacing(12)
        for tile in (self.streak, self.this_week, self.recent):
            tiles.addWidget(tile, 1)

        self.calendar = ExerciseCalendar()
        self.calendar.setMinimumSize(300, 250)
        self.calendar.currentPageChanged.connect(self._month_shown)
        self.bars = WeeklyBars()
        self.bars_title = label(tr("Minutes each week, last 26 weeks"), bold=True)
        charts = QVBoxLayout()
        charts.setSpacing(6)
        charts.addWidget(self.bars_title)
        charts.addWidget(self.bars, 1)
        calendar_column = QVBoxLayout()
        calendar_column.setSpacing(6)
        self.calendar_title = label(tr("Days you exercised"), bold=True)
        calendar_column.addWidget(self.calendar_title)
        calendar_column.addWidget(self.calendar, 1)
        middle = QHBoxLayout()
        middle.setSpacing(20)
        middle.addLayout(calendar_column, 2)
        middle.addLayout(charts, 3)
        overview = QWidget()
        overview_layout = QVBoxLayout(overview)
        overview_layout.setContentsMargins(12, 12, 12, 12)
        overview_layout.setSpacing(14)
        overview_layout.addLayout(tiles)
        overview_layout.addLayout(middle, 1)

        self.pain = PainLines()
        self.pain_note = label(muted=True)
        pain_page = QWidget()
        pain_layout = QVBoxLayout(pain_page)
        pain_layout.setContentsMargins(12, 12, 12, 12)
        pain_layout.setSpacing(8)
        pain_layout.addWidget(self.pain_note)
        pain_layout.addWidget(self.pain, 1)

        self.model = SessionsModel(None, self)
        self.table = QTableView()
        self.table.setAccessibleName(tr("Sessions, newest first"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        # Room round each cell's text; colours stay the palette's.
        self.table.setStyleSheet("QTableView::item { padding: 0px 10px; }")
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setMinimumSectionSize(40)
        # Widths from sample text, not ResizeToContents, which would measure every row
        # again each time a page of sessions arrives.
        metrics = self.table.fontMetrics()
        samples = ("2026-12-31 23:59", "", "Standard", "999", "Stopped early", "999 of 999")
        for column, sample in enumerate(samples):
            title = self.model.headerData(column, Qt.Orientation.Horizontal) or ""
            width = max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(str(title)))
            header.resizeSection(column, width + 32)
        for column in (6, 7):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            header.resizeSection(column, metrics.horizontalAdvance(title) + 32)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 12)
        table_page = QWidget()
        table_layout = QVBoxLayout(table_page)
        table_layout.setContentsMargins(12, 12, 12, 12)
        table_layout.addWidget(self.table)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(overview, tr("Overview"))
        self.tabs.addTab(pain_page, tr("Pain"))
        self.tabs.addTab(table_page, tr("Sessions"))

        self.empty_title = label(scale=1.6, bold=True)
        self.empty = label(scale=1.2)
        message = QWidget()
        message.setMaximumWidth(640)  # a comfortable line length, even in a wide window
        message_layout = QVBoxLayout(message)
        message_layout.setContentsMargins(0, 0, 0, 0)
        message_layout.setSpacing(12)
        for line in (self.empty_title, self.empty):
            line.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            message_layout.addWidget(line)
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(message, 100)
        centred.addStretch(1)
        empty_page = QWidget()
        empty_layout = QVBoxLayout(empty_page)
        empty_layout.setContentsMargins(48, 24, 48, 24)
        empty_layout.addStretch(1)
        empty_layout.addLayout(centred)
        empty_layout.addStretch(2)

        self.pages = QStackedWidget()
        self.pages.addWidget(self.tabs)
        self.pages.addWidget(empty_page)

        self.status = label(muted=True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 12)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.status)
        self.reload()

    # -- data ----------------------------------------------------------------------------------

    @property
    def store(self) -> HistoryStore | None:
        return self._store

    def set_store(self, store: HistoryStore | None, unavailable: str = "") -> None:
        self._store = store
        self._unavailable = unavailable
        self.reload()

    def _local_today(self) -> date:
        if self._fixed_today is not None:
            return self._fixed_today
        store = self._store
        return datetime.now(store.tz if store is not None else None).date()

    def reload(self, today: date | None = None) -> None:
        """Read everything on show again (after a session, a restore, or at midnight).

        A disk failure while reading (HistoryError) shows its sentence instead of the
        history; the next reload tries again.
        """
        if today is not None:
            self._fixed_today = today
        self.today = self._local_today()
        store = self._store
        self.model.set_store(store)
        has_sessions = self.model.rowCount() > 0
        self.export_action.setEnabled(store is not None)
        self.export_button.setEnabled(store is not None and has_sessions)
        if self.model.problem:
            self._show_empty(tr("The history could not be read"), self.model.problem)
        elif store is None:
            self._show_empty(
                tr("No history this time"),
                self._unavailable or tr("Your exercise history is not available right now."),
            )
        elif not has_sessions:
            self._show_empty(
                tr("No sessions yet"),
                tr(
                    "After your first session you will see here the days you exercised, "
                    "your minutes each week, and how your pain changed."
                ),
            )
        else:
            try:
                self._show(store)
            except HistoryError as error:
                self._show_empty(tr("The history could not be read"), str(error))

    def _show_empty(self, title: str, text: str) -> None:
        self.empty_title.setText(title)
        self.empty.setText(text)
        self.empty.setAccessibleName(f"{title}. {text}")
        self.pages.setCurrentIndex(1)

    def _show(self, store: HistoryStore) -> None:
        today = self.today
        streak = store.current_streak(today)
        weeks = store.minutes_per_week(WEEKS, today)
        recent = store.days_exercised(today - timedelta(days=RECENT_DAYS - 1), today)
        points = store.pain_series()[-PAIN_POINTS:]
        self.streak.set_value(days_text(streak))
        self.this_week.set_value(minutes_text(weeks[-1][1] if weeks else 0.0))
        self.recent.set_value(days_text(len(recent)))
        self.bars.set_weeks(weeks)
        self.calendar.setMaximumDate(qdate(today))
        self.calendar.setCurrentPage(today.year, today.month)
        self._month_shown(today.year, today.month)
        self.pain.set_points(points)
        self.pain_note.setText(
            tr(
                "The last {n} sessions with a pain score, from 0 (no pain) to 10 (the worst "
                "you can imagine). A skipped question leaves no mark."
            ).format(n=len(points))
            if points
            else tr("No pain scores yet. The app asks before and after each session.")
        )
        self.pages.setCurrentIndex(0)

    def _month_shown(self, year: int, month: int) -> None:
        store = self._store
        if store is None:
            return
        first = date(year, month, 1)
        # The grid shows up to six weeks, with days of the months either side.
        try:
            shown = store.days_exercised(first - timedelta(days=7), first + timedelta(days=44))
        except HistoryError as error:
            self._say(str(error))
            shown = set()
        self.calendar.set_marked(shown, self.today)

    # -- export --------------------------------------------------------------------------------

    def suggested_path(self) -> Path:
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        ) or str(Path.home())
        return Path(folder) / f"sciatica-history-{self.today.isoformat()}.csv"

    def _export_triggered(self) -> None:
        self.export_csv()

    def export_csv(self, path: Path | None = None) -> Path | None:
        """Write the CSV to `path`, or where the person chooses; returns where, or None."""
        store = self._store
        if store is None:
            return None
        if path is None:
            path = self._choose_path(self, self.suggested_path())
            if path is None:
                return None
        if path.suffix.lower() != ".csv":
            path = path.with_name(path.name + ".csv")
        try:
            store.export_csv(path)
        except HistoryError as error:
            message = tr("The history could not be exported: {reason}").format(reason=error)
            self._say(message)
            self.exportFailed.emit(message)
            return None
        self._say(tr("The history was saved to {path}.").format(path=path))
        self.exported.emit(path)
        return path

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))


class HistoryDialog(QDialog):
    """The view in a window of its own, with a Close button (Esc closes too)."""

    def __init__(
        self,
        store: HistoryStore | None,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
        choose_path: ChoosePath | None = None,
        unavailable: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("History"))
        self.view = HistoryView(
            store, today=today, choose_path=choose_path, unavailable=unavailable
        )
        self.close_button = dialog_button(tr("Close"), tr("Close the history"))
        self.close_button.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.setContentsMargins(16, 0, 16, 14)
        row.addStretch(1)
        row.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        self.setMinimumSize(760, 560)
        self.resize(980, 660)
