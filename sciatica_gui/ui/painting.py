"""Drawing helpers shared by the timer and mat mode: fitted text, the ring, a check mark."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QWidget

TABULAR = QFont.Tag("tnum")


def paint_now(widget: QWidget) -> None:
    """Paint `widget` at once rather than on the next turn of the event loop: a new
    second or phase is due on screen now, and should not wait behind the rest of the
    window's queued repaints."""
    if widget.isVisible():
        widget.repaint()


def fitted_font(
    base: QFont, text: str, width: float, height: float, *, bold: bool = False
) -> QFont:
    """`base` at the largest pixel size (up to `height`) at which `text` fits in `width`."""
    font = QFont(base)
    font.setBold(bold)
    size = max(1, int(height))
    font.setPixelSize(size)
    advance = QFontMetricsF(font).horizontalAdvance(text) if text else 0.0
    if advance > width > 0:
        size = max(1, int(size * width / advance))
        font.setPixelSize(size)
        # Rounding can still overshoot by a pixel or two; step down until it fits.
        while size > 1 and QFontMetricsF(font).horizontalAdvance(text) > width:
            size -= 1
            font.setPixelSize(size)
    return font


def digits_font(base: QFont, text: str, width: float, height: float) -> QFont:
    """Tabular figures, so a countdown does not shift sideways as its digits change."""
    font = fitted_font(base, "0" * max(2, len(text)), width, height, bold=True)
    font.setFeature(TABULAR, 1)
    return font


def draw_text(
    painter: QPainter,
    rect: QRectF,
    text: str,
    font: QFont,
    color: QColor,
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignCenter,
) -> None:
    if not text:
        return
    painter.setFont(font)
    painter.setPen(color)
    painter.drawText(rect, int(align | Qt.AlignmentFlag.AlignVCenter), text)


def ring_track(size: QSizeF, track: QColor, width: float, ratio: float) -> QPixmap:
    """The ring's full, faint circle, drawn once per size: a thick antialiased circle
    costs over a millisecond, and it is the same every second."""
    pixmap = QPixmap(round(size.width() * ratio), round(size.height() * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    inner = QRectF(0, 0, size.width(), size.height()).adjusted(
        width / 2, width / 2, -width / 2, -width / 2
    )
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(track, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
    painter.drawEllipse(inner)
    painter.end()
    return pixmap


def draw_ring(
    painter: QPainter,
    rect: QRectF,
    fraction: float,
    color: QColor,
    track: QPixmap,
    pattern: Qt.PenStyle,
    width: float,
) -> None:
    """A countdown ring: the part still to go, clockwise from twelve o'clock."""
    inner = rect.adjusted(width / 2, width / 2, -width / 2, -width / 2)
    painter.drawPixmap(rect.topLeft(), track)
    if fraction <= 0:
        return
    pen = QPen(color, width, pattern, Qt.PenCapStyle.RoundCap)
    if pattern is not Qt.PenStyle.SolidLine:
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    painter.setPen(pen)
    span = round(-min(1.0, fraction) * 360 * 16)
    painter.drawArc(inner, 90 * 16, span)


def draw_check(painter: QPainter, rect: QRectF, color: QColor, width: float) -> None:
    path = QPainterPath()
    path.moveTo(QPointF(rect.left() + rect.width() * 0.22, rect.top() + rect.height() * 0.52))
    path.lineTo(QPointF(rect.left() + rect.width() * 0.43, rect.top() + rect.height() * 0.72))
    path.lineTo(QPointF(rect.left() + rect.width() * 0.78, rect.top() + rect.height() * 0.32))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    pen = QPen(color, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.drawPath(path)
