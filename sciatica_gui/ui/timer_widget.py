"""The hold/rep timer: phase word, countdown ring with large digits, rep and side, what is next.

Drawn with QPainter so that every line scales with the widget and nothing is
clipped at any window size. It shows a `Display` it is given and keeps no
time: the ring steps once a second, when the driver reports a new second, so
a hold costs no CPU between seconds (and honours "reduce motion" by nature).
A click anywhere on it asks for pause or resume.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, QSizeF, Qt, Signal
from PySide6.QtGui import QAction, QMouseEvent, QPainter, QPaintEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QToolButton, QWidget

from sciatica_gui.ui.display import Display
from sciatica_gui.ui.painting import (
    digits_font,
    draw_check,
    draw_ring,
    draw_text,
    fitted_font,
    paint_now,
    ring_track,
)
from sciatica_gui.ui.theme import RING_PATTERN, Look, Theme, theme_for


class TimerWidget(QWidget):
    clicked = Signal()

    def __init__(self, parent: QWidget | None = None, *, mute: QAction | None = None) -> None:
        super().__init__(parent)
        self._display: Display | None = None
        self.mute_button: QToolButton | None = None
        if mute is not None:
            # Sound on or off from the timer itself: the control a person reaches for first.
            self.mute_button = QToolButton(self)
            self.mute_button.setDefaultAction(mute)
            self.mute_button.setAutoRaise(True)
            self.mute_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.mute_button.setAccessibleName(self.tr("Sound on or off"))
            mute.changed.connect(self._place_mute_button)
        self._theme: Theme = theme_for(self.palette())
        self._track: tuple[tuple[float, float, float], QPixmap] | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(self.tr("Session timer"))
        self.setToolTip(self.tr("Click to pause or go on (Space)"))

    @property
    def display(self) -> Display | None:
        return self._display

    def set_display(self, display: Display) -> None:
        if display != self._display:
            self._display = display
            self.setAccessibleDescription(display.spoken)
            paint_now(self)

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self._track = None
        self.update()

    def _track_pixmap(self, side: float, thickness: float) -> QPixmap:
        key = (side, thickness, self.devicePixelRatioF())
        if self._track is None or self._track[0] != key:
            track = ring_track(QSizeF(side, side), self._theme.track, thickness, key[2])
            self._track = (key, track)
        return self._track[1]

    def _place_mute_button(self) -> None:
        button = self.mute_button
        if button is not None:
            button.adjustSize()
            button.move(self.width() - button.width() - 4, 4)
            keys = " / ".join(k.toString() for k in button.defaultAction().shortcuts())
            button.setToolTip(f"{button.defaultAction().text()} ({keys})")

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_mute_button()

    def sizeHint(self) -> QSize:
        return QSize(360, 460)

    def minimumSizeHint(self) -> QSize:
        return QSize(260, 340)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() is Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        display = self._display
        if display is None:
            return
        theme = self._theme
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        base = self.font()
        w, h = float(self.width()), float(self.height())
        pad = max(8.0, w * 0.04)
        color = theme.color(display.look)

        # Phase word: the first thing read from the floor.
        # Below the sound button in the corner, which a long word would otherwise touch.
        word_h = h * 0.13
        top = pad * 0.5
        if self.mute_button is not None:
            top = max(top, float(self.mute_button.geometry().bottom()))
        word_rect = QRectF(pad, top, w - 2 * pad, word_h)
        word_font = fitted_font(base, display.word, word_rect.width(), word_h * 0.8, bold=True)
        draw_text(painter, word_rect, display.word, word_font, color)

        # The ring, as large as the rest allows.
        lines_h = h * 0.30
        side = max(40.0, min(w - 2 * pad, h - word_h - lines_h - pad))
        ring = QRectF((w - side) / 2, word_rect.bottom() + pad * 0.3, side, side)
        thickness = max(6.0, side * 0.075)
        draw_ring(
            painter,
            ring,
            display.fraction,
            color,
            self._track_pixmap(side, thickness),
            RING_PATTERN[display.look],
            thickness,
        )
        inside = ring.adjusted(thickness * 1.6, thickness * 1.6, -thickness * 1.6, -thickness * 1.6)
        if display.seconds is not None:
            text = str(display.seconds)
            font = digits_font(base, text, inside.width() * 0.92, inside.height() * 0.62)
            draw_text(painter, inside, text, font, theme.text)
        elif display.look is Look.FINISHED:
            draw_check(painter, inside, color, thickness)
        else:
            font = fitted_font(
                base, display.center, inside.width() * 0.9, inside.height() * 0.22, bold=True
            )
            draw_text(painter, inside, display.center, font, theme.text)

        # Rep and side, large; then the instruction, progress and what comes next.
        top = ring.bottom() + pad * 0.4
        rows = [
            (" · ".join(part for part in (display.rep, display.side) if part), 0.085, True, True),
            (display.instruction, 0.05, False, True),
            (display.progress, 0.042, False, False),
            (display.next, 0.042, False, False),
        ]
        remaining = h - top - pad * 0.3
        total_weight = sum(weight for _, weight, _, _ in rows)
        for text, weight, bold, strong in rows:
            row_h = remaining * weight / total_weight
            rect = QRectF(pad, top, w - 2 * pad, row_h)
            font = fitted_font(base, text, rect.width(), min(row_h * 0.78, h * weight), bold=bold)
            draw_text(painter, rect, text, font, theme.text if strong else theme.muted)
            top += row_h
        painter.end()
