"""The calendar of the history view: the days exercised, marked in the month on show."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QEvent,
    QRect,
    QRectF,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QPainter,
    QPalette,
    QPen,
    QTextCharFormat,
)
from PySide6.QtWidgets import (
    QCalendarWidget,
    QWidget,
)


def tr(text: str) -> str:
    return QCoreApplication.translate("history", text)


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class ExerciseCalendar(QCalendarWidget):
    """A month at a time; a day exercised is a filled circle with its number in bold."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(tr("Calendar of the days you exercised"))
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.setHorizontalHeaderFormat(QCalendarWidget.HorizontalHeaderFormat.ShortDayNames)
        self.setSelectionMode(QCalendarWidget.SelectionMode.NoSelection)
        self.setGridVisible(False)
        self.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.marked: set[date] = set()
        self.today: date | None = None
        names = {
            "qt_calendar_prevmonth": tr("Previous month"),
            "qt_calendar_nextmonth": tr("Next month"),
            "qt_calendar_monthbutton": tr("Choose the month"),
            "qt_calendar_yearbutton": tr("Choose the year"),
            "qt_calendar_yearedit": tr("Year"),
            "qt_calendar_calendarview": tr("Days of the month; a filled circle is a day exercised"),
        }
        for child in self.findChildren(QWidget):
            name = names.get(child.objectName())
            if name:
                child.setAccessibleName(name)
        # Qt paints Saturday and Sunday headers red; here red is kept for the emergency signs.
        self._plain_weekends()

    def _plain_weekends(self) -> None:
        plain = QTextCharFormat()
        plain.setForeground(self.palette().color(QPalette.ColorRole.Text))
        for weekend in (Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday):
            self.setWeekdayTextFormat(weekend, plain)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._plain_weekends()

    def set_marked(self, days: set[date], today: date) -> None:
        self.marked = days
        self.today = today
        self.updateCells()

    def paintCell(self, painter: QPainter, rect: QRect, day: QDate) -> None:
        when = pydate(day)
        in_month = day.month() == self.monthShown()
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(rect, base)
        size = min(rect.width(), rect.height()) - 6
        circle = QRectF(0, 0, size, size)
        circle.moveCenter(QRectF(rect).center())
        font = QFont(self.font())
        text = palette.color(QPalette.ColorRole.Text)
        if when in self.marked:
            fill = palette.color(QPalette.ColorRole.Highlight)
            if not in_month:
                fill.setAlphaF(0.45)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawEllipse(circle)
            text = palette.color(QPalette.ColorRole.HighlightedText)
            font.setBold(True)
        elif not in_month:
            text = palette.color(QPalette.ColorRole.PlaceholderText)
        if when == self.today:
            ring = QColor(palette.color(QPalette.ColorRole.Text))
            painter.setPen(QPen(ring, 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(circle.adjusted(-2, -2, 2, 2))
        painter.setFont(font)
        painter.setPen(text)
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), str(day.day()))
        painter.restore()
