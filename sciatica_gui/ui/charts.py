"""Two small charts for the history, drawn with QPainter: minutes per week, and pain over time.

QtCharts would cost start-up time and bring a look of its own; these draw
in the palette's colours, at the app's font size, and follow light and dark
at once. Colour is never the only cue: the pain chart's two series differ by
line (solid, dashed) and by marker (filled circle, hollow square), and its
legend shows both. Each chart keeps a one-sentence summary as its
accessible description, since a screen reader cannot see a painting.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, datetime
from typing import Final, NamedTuple

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QLocale, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from sciatica_gui.ui.theme import Hue, readable

#: Lines and bars are graphics, not text: WCAG asks 3:1 of them against the background.
GRAPHIC_CONTRAST: Final = 3.0
BAR_HUE: Final = Hue(170, 0.55)
BEFORE_HUE: Final = Hue(212, 0.65)
AFTER_HUE: Final = Hue(28, 0.85)
_NICE_STEPS: Final = (5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 240, 300, 600)


def tr(text: str) -> str:
    return QCoreApplication.translate("charts", text)


def nice_step(top: float, lines: int = 4) -> int:
    """A round number of minutes so that about `lines` grid lines cover 0..top."""
    for step in _NICE_STEPS:
        if top <= step * lines:
            return step
    return math.ceil(top / lines / 60) * 60


def _short_day(day: date) -> str:
    return QLocale().toString(QDate(day.year, day.month, day.day), "d MMM")


def _month(day: date) -> str:
    return QLocale().toString(QDate(day.year, day.month, day.day), "MMM")


class _Chart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 200)

    def sizeHint(self) -> QSize:
        return QSize(560, 280)

    def _colors(self) -> tuple[QColor, QColor, QColor, QColor]:
        """Background, text, muted text and grid colours from the palette."""
        palette = self.palette()
        background = palette.color(QPalette.ColorRole.Window)
        text = palette.color(QPalette.ColorRole.WindowText)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        grid = QColor(text)
        grid.setAlphaF(0.15)
        return background, text, muted, grid

    def _graphic(self, hue: Hue) -> QColor:
        return readable(hue, self.palette().color(QPalette.ColorRole.Window), GRAPHIC_CONTRAST)


class WeeklyBars(_Chart):
    """Active minutes per ISO week, oldest on the left; the week under way is drawn open."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(tr("Minutes of exercise each week"))
        self.weeks: list[tuple[date, float]] = []
        self._bars: list[QRectF] = []

    def set_weeks(self, weeks: Sequence[tuple[date, float]]) -> None:
        self.weeks = list(weeks)
        if self.weeks:
            values = [minutes for _, minutes in self.weeks]
            active = [minutes for minutes in values if minutes > 0]
            average = sum(values) / len(values)
            self.setAccessibleDescription(
                tr(
                    "{count} weeks: {latest} minutes this week, {average} a week on average, "
                    "{active} weeks with exercise."
                ).format(
                    count=len(values),
                    latest=round(values[-1]),
                    average=round(average),
                    active=len(active),
                )
            )
        else:
            self.setAccessibleDescription("")
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        _, _text, muted, grid = self._colors()
        font = QFont(self.font())
        metrics = QFontMetricsF(font)
        line = metrics.height()
        top_value = max((minutes for _, minutes in self.weeks), default=0.0)
        step = nice_step(max(top_value, 1.0))
        top = step * max(1, math.ceil(top_value / step))
        axis_labels = [tr("{n} min").format(n=value) for value in range(0, top + 1, step)]
        left = max(metrics.horizontalAdvance(t) for t in axis_labels) + 10
        plot = QRectF(left, line * 1.6, self.width() - left - 8, self.height() - line * 3.2)
        painter.setFont(font)
        for value, words in zip(range(0, top + 1, step), axis_labels, strict=True):
            y = plot.bottom() - plot.height() * value / top
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(muted)
            painter.drawText(
                QRectF(0, y - line / 2, left - 8, line),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                words,
            )
        self._bars = []
        count = len(self.weeks)
        if count == 0:
            painter.end()
            return
        slot = plot.width() / count
        gap = max(2.0, slot * 0.25)
        bar_color = self._graphic(BAR_HUE)
        previous_month = None
        month_right = -1.0
        for index, (monday, minutes) in enumerate(self.weeks):
            x = plot.left() + index * slot
            height = plot.height() * minutes / top
            bar = QRectF(x + gap / 2, plot.bottom() - height, slot - gap, height)
            self._bars.append(QRectF(x, plot.top(), slot, plot.height()))
            if minutes > 0 and index == count - 1:
                # The week under way is not over: drawn open, an outline with a light fill.
                light = QColor(bar_color)
                light.setAlphaF(0.3)
                painter.setPen(QPen(bar_color, 2))
                painter.setBrush(light)
                painter.drawRoundedRect(bar.adjusted(1, 1, -1, 0), 3, 3)
            elif minutes > 0:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(bar_color)
                painter.drawRoundedRect(bar.adjusted(0, 0, 0, 3), 3, 3)
            # A month's name under the first week that starts in it, if there is room.
            if monday.month != previous_month:
                previous_month = monday.month
                words = _month(monday)
                width = metrics.horizontalAdvance(words)
                if x >= month_right:
                    painter.setPen(muted)
                    painter.drawText(
                        QRectF(x, plot.bottom() + 4, width + 4, line),
                        int(Qt.AlignmentFlag.AlignLeft),
                        words,
                    )
                    month_right = x + width + 8
        painter.end()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            for (monday, minutes), area in zip(self.weeks, self._bars, strict=False):
                if area.contains(QPointF(event.pos())):
                    QToolTip.showText(
                        event.globalPos(),
                        tr("Week of {day}: {n} min").format(
                            day=_short_day(monday), n=round(minutes)
                        ),
                        self,
                    )
                    return True
            QToolTip.hideText()
            event.ignore()
            return True
        return super().event(event)


class Series(NamedTuple):
    name: str
    color: QColor
    line: Qt.PenStyle


class PainPoint(NamedTuple):
    when: datetime
    before: int | None
    after: int | None


class PainLines(_Chart):
    """Pain before (solid line, filled circles) and after (dashed line, hollow squares), 0–10."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(tr("Pain before and after each session"))
        self.points: list[PainPoint] = []

    def set_points(self, points: Sequence[tuple[datetime, int | None, int | None]]) -> None:
        self.points = [PainPoint(*point) for point in points]
        before = [p.before for p in self.points if p.before is not None]
        after = [p.after for p in self.points if p.after is not None]
        if self.points:
            parts = [tr("{n} sessions with a pain score.").format(n=len(self.points))]
            if before:
                parts.append(
                    tr("Before: latest {latest}, average {average:.1f}.").format(
                        latest=before[-1], average=sum(before) / len(before)
                    )
                )
            if after:
                parts.append(
                    tr("After: latest {latest}, average {average:.1f}.").format(
                        latest=after[-1], average=sum(after) / len(after)
                    )
                )
            self.setAccessibleDescription(" ".join(parts))
        else:
            self.setAccessibleDescription("")
        self.update()

    def series_styles(self) -> tuple[Series, Series]:
        return (
            Series(tr("Before the session"), self._graphic(BEFORE_HUE), Qt.PenStyle.SolidLine),
            Series(tr("After the session"), self._graphic(AFTER_HUE), Qt.PenStyle.DashLine),
        )

    def _marker(self, painter: QPainter, center: QPointF, color: QColor, after: bool) -> None:
        background = self.palette().color(QPalette.ColorRole.Window)
        if after:
            painter.setPen(QPen(color, 2.5))
            painter.setBrush(background)
            painter.drawRect(QRectF(center.x() - 5, center.y() - 5, 10, 10))
        else:
            painter.setPen(QPen(background, 1.5))
            painter.setBrush(color)
            painter.drawEllipse(center, 6, 6)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        _, text, muted, grid = self._colors()
        font = QFont(self.font())
        metrics = QFontMetricsF(font)
        line = metrics.height()
        painter.setFont(font)
        styles = self.series_styles()

        # Legend along the top: a line sample with its marker, then the words.
        x = 0.0
        for index, (words, color, style) in enumerate(styles):
            y = line / 2 + 2
            painter.setPen(QPen(color, 2.5, style))
            painter.drawLine(QPointF(x, y), QPointF(x + 36, y))
            self._marker(painter, QPointF(x + 18, y), color, after=index == 1)
            painter.setPen(text)
            painter.drawText(
                QRectF(x + 44, 2, metrics.horizontalAdvance(words) + 4, line), 0, words
            )
            x += 44 + metrics.horizontalAdvance(words) + 32

        left = metrics.horizontalAdvance("10") + 12
        plot = QRectF(left, line * 2.2, self.width() - left - 14, self.height() - line * 3.8)
        for value in range(0, 11, 2):
            y = plot.bottom() - plot.height() * value / 10
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(muted)
            painter.drawText(
                QRectF(0, y - line / 2, left - 8, line),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                str(value),
            )
        if not self.points:
            painter.end()
            return
        first = self.points[0].when.timestamp()
        span = self.points[-1].when.timestamp() - first

        def at(point: PainPoint, score: int) -> QPointF:
            share = 0.5 if span <= 0 else (point.when.timestamp() - first) / span
            return QPointF(
                plot.left() + 8 + (plot.width() - 16) * share,
                plot.bottom() - plot.height() * score / 10,
            )

        for index, (_, color, style) in enumerate(styles):
            placed = [
                (point, score)
                for point in self.points
                if (score := (point.after if index else point.before)) is not None
            ]
            if len(placed) > 1:
                path = QPainterPath(at(*placed[0]))
                for point, score in placed[1:]:
                    path.lineTo(at(point, score))
                painter.setPen(QPen(color, 2.5, style))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawPath(path)
            for point, score in placed:
                self._marker(painter, at(point, score), color, after=index == 1)

        # Dates under the first, middle and last points.
        painter.setPen(muted)
        chosen = sorted({0, len(self.points) // 2, len(self.points) - 1})
        right_edge = -1.0
        for index in chosen:
            point = self.points[index]
            words = _short_day(point.when.date())
            width = metrics.horizontalAdvance(words)
            center = at(point, 0).x()
            box_left = min(max(0.0, center - width / 2), self.width() - width - 2)
            if box_left < right_edge:
                continue
            painter.drawText(
                QRectF(box_left, plot.bottom() + 6, width + 2, line),
                int(Qt.AlignmentFlag.AlignLeft),
                words,
            )
            right_edge = box_left + width + 12
        painter.end()
