"""Mat mode: the whole screen for the phase word, the seconds, rep and side, and the drawing.

Built for reading from the floor two or three metres away: the digits are
more than a fifth of the screen's height, in the text colour at 7:1 or more;
the phase word and a band along the top carry the phase's colour, and the
word always names the phase, so colour is never the only cue.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QWidget

from sciatica_gui.qt.illustrations import Illustrations
from sciatica_gui.ui.display import Display
from sciatica_gui.ui.painting import digits_font, draw_check, draw_text, fitted_font, paint_now
from sciatica_gui.ui.theme import Look, Theme, theme_for

#: Digit boxes are this share of the screen height; DejaVu's digits are ~0.73 of the box.
DIGITS_SHARE = 0.40


class MatView(QWidget):
    clicked = Signal()

    def __init__(self, illustrations: Illustrations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._illustrations = illustrations
        self._display: Display | None = None
        self._drawing: str | None = None
        self._theme: Theme = theme_for(self.palette())
        self.setAutoFillBackground(True)
        self.setAccessibleName(self.tr("Mat mode"))
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._corner: QWidget | None = None

    def set_corner_widget(self, widget: QWidget) -> None:
        """A control kept in the top-right corner, clear of the painted text."""
        widget.setParent(self)
        widget.setCursor(Qt.CursorShape.ArrowCursor)
        self._corner = widget
        self._place_corner()

    def _place_corner(self) -> None:
        corner = self._corner
        if corner is not None:
            # Sized with the screen, like everything else in mat mode.
            font = corner.font()
            font.setPixelSize(max(14, round(self.height() * 0.024)))
            corner.setFont(font)
            corner.setMinimumHeight(max(40, round(self.height() * 0.065)))
            corner.adjustSize()
            margin = max(8, round(self.height() * 0.03))
            corner.move(self.width() - corner.width() - margin, margin)
            corner.raise_()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_corner()

    @property
    def display(self) -> Display | None:
        return self._display

    def set_display(self, display: Display, drawing: str | None) -> None:
        if (display, drawing) != (self._display, self._drawing):
            self._display = display
            self._drawing = drawing
            self.setAccessibleDescription(display.spoken)
            paint_now(self)

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.update()

    def minimumSizeHint(self) -> QSize:
        return QSize(480, 300)

    def digits_rect(self) -> QRectF:
        """Where the seconds go; tests check it against the screen height."""
        return self._layout()[2]

    def _layout(self) -> tuple[QRectF, QRectF, QRectF, QRectF, QRectF]:
        w, h = float(self.width()), float(self.height())
        band = h * 0.025
        pad = h * 0.04
        landscape = w >= h * 1.2
        if landscape:
            picture = QRectF(pad, band + pad, w * 0.46 - pad, h - band - 2 * pad)
            column = QRectF(w * 0.48, band + pad, w * 0.52 - pad, h - band - 2 * pad)
        else:
            picture = QRectF(pad, h * 0.62, w - 2 * pad, h * 0.38 - pad)
            column = QRectF(pad, band + pad, w - 2 * pad, h * 0.62 - band - pad)
        # The text block is 71 % of the height; centre it in its column.
        top = column.top() + max(0.0, (column.height() - h * 0.71) / 2)
        word = QRectF(column.left(), top, column.width(), h * 0.14)
        digits = QRectF(column.left(), word.bottom(), column.width(), h * DIGITS_SHARE)
        rep = QRectF(column.left(), digits.bottom(), column.width(), h * 0.10)
        instruction = QRectF(column.left(), rep.bottom(), column.width(), h * 0.07)
        return picture, word, digits, rep, instruction

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() is Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        display = self._display
        if display is None:
            return
        theme = self._theme
        color = theme.mat_phase[display.look]
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(QRectF(0, 0, self.width(), self.height() * 0.025), color)
        picture, word, digits, rep, instruction = self._layout()
        base = self.font()

        if self._drawing is not None:
            pixmap = self._illustrations.pixmap(
                self._drawing,
                picture.size().toSize(),
                mirrored=display.mirrored,
                ratio=self.devicePixelRatioF(),
            )
            size = pixmap.deviceIndependentSize()
            painter.drawPixmap(
                QPointF(
                    picture.left() + (picture.width() - size.width()) / 2,
                    picture.top() + (picture.height() - size.height()) / 2,
                ),
                pixmap,
            )

        draw_text(
            painter,
            word,
            display.word,
            fitted_font(base, display.word, word.width(), word.height() * 0.8, bold=True),
            color,
        )
        if display.seconds is not None:
            text = str(display.seconds)
            draw_text(
                painter,
                digits,
                text,
                digits_font(base, text, digits.width(), digits.height()),
                theme.text,
            )
        elif display.look is Look.FINISHED:
            side = min(digits.width(), digits.height()) * 0.8
            box = QRectF(digits.center().x() - side / 2, digits.center().y() - side / 2, side, side)
            draw_check(painter, box, color, side * 0.08)
        else:
            draw_text(
                painter,
                digits,
                display.center,
                fitted_font(
                    base, display.center, digits.width(), digits.height() * 0.35, bold=True
                ),
                theme.text,
            )
        line = " · ".join(part for part in (display.rep, display.side) if part)
        draw_text(
            painter,
            rep,
            line,
            fitted_font(base, line, rep.width(), rep.height() * 0.75, bold=True),
            theme.text,
        )
        draw_text(
            painter,
            instruction,
            display.instruction,
            fitted_font(base, display.instruction, instruction.width(), instruction.height() * 0.7),
            theme.text,
        )
        painter.end()
