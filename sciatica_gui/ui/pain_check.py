"""The pain question before and after a session (the note that may follow: `pain_advice`).

`PainCheck` is a dialog with eleven large numbered boxes, 0 to 10, that a
person can use from the mat with a keyboard alone: a digit picks a score
("1" then "0" picks 10), the arrow keys move, Enter saves and Esc skips.
Nothing is chosen beforehand, so the answer is never nudged toward a value.
The boxes are painted from the palette rather than styled with a style
sheet, so they follow a light/dark switch at once.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QHBoxLayout,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from sciatica_gui.core.pain import HIGHEST, LOWEST
from sciatica_gui.ui.controls import dialog_button
from sciatica_gui.ui.labels import label
from sciatica_gui.ui.painting import TABULAR
from sciatica_gui.ui.safety_dialogs import FittedDialog

_BOX: Final = 64  # px: a box the size of a fingertip, and a digit readable from the mat
_DIGITS: Final = {getattr(Qt.Key, f"Key_{n}"): n for n in range(10)}


def tr(text: str) -> str:
    return QCoreApplication.translate("pain", text)


class PainMoment(StrEnum):
    BEFORE = "before"
    AFTER = "after"


class _ScoreBox(QAbstractButton):
    """One number of the scale: a rounded box, filled with the highlight colour when chosen."""

    def __init__(self, score: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.score = score
        self.setCheckable(True)
        self.setText(str(score))
        # The scale takes the keyboard focus as a whole; the boxes are for the mouse and touch.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.9)
        font.setBold(True)
        font.setFeature(TABULAR, 1)
        self.setFont(font)
        self.focus_ring = False

    def sizeHint(self) -> QSize:
        return QSize(_BOX, _BOX)

    def minimumSizeHint(self) -> QSize:
        width = self.fontMetrics().horizontalAdvance("10") + 16
        return QSize(max(48, width), _BOX)

    def paintEvent(self, event: QPaintEvent) -> None:
        palette = self.palette()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = QRectF(self.rect()).adjusted(3, 3, -3, -3)
        text = palette.color(QPalette.ColorRole.ButtonText)
        if self.isChecked():
            fill = palette.color(QPalette.ColorRole.Highlight)
            ink = palette.color(QPalette.ColorRole.HighlightedText)
            edge = QColor(fill)
        else:
            fill = palette.color(QPalette.ColorRole.Button)
            if self.underMouse():
                fill = fill.lighter(110) if fill.lightnessF() < 0.5 else fill.darker(106)
            ink = text
            edge = QColor(text)
            edge.setAlphaF(0.35)
        painter.setPen(QPen(edge, 2))
        painter.setBrush(fill)
        painter.drawRoundedRect(box, 10, 10)
        if self.focus_ring:
            ring = QColor(text)
            painter.setPen(QPen(ring, 2, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 12, 12)
        painter.setPen(ink)
        painter.setFont(self.font())
        painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), self.text())
        painter.end()


class PainScale(QWidget):
    """Eleven boxes, 0 to 10, chosen by click, digit or arrow key; Enter confirms."""

    #: The chosen score (int), or None when the choice is cleared.
    valueChanged = Signal(object)
    #: Enter was pressed with a score chosen.
    confirmed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(tr("Pain score from 0 to 10"))
        self._value: int | None = None
        self._last_key: int | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(5, 5, 5, 5)  # room for the focus frame round the boxes
        row.setSpacing(8)
        self.boxes: list[_ScoreBox] = []
        for score in range(LOWEST, HIGHEST + 1):
            box = _ScoreBox(score)
            box.setAccessibleName(self._spoken(score))
            box.clicked.connect(lambda _=False, s=score: self._clicked(s))
            row.addWidget(box)
            self.boxes.append(box)
        self._sync()

    @staticmethod
    def _spoken(score: int) -> str:
        if score == LOWEST:
            return tr("0, no pain")
        if score == HIGHEST:
            return tr("10, the worst pain you can imagine")
        return str(score)

    def value(self) -> int | None:
        return self._value

    def set_value(self, score: int | None) -> None:
        if score is not None:
            score = max(LOWEST, min(HIGHEST, score))
        if score == self._value:
            return
        self._value = score
        self._sync()
        self.valueChanged.emit(score)

    def _clicked(self, score: int) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self._last_key = None
        self.set_value(score)
        self._sync()  # a click on the chosen box unchecks it in Qt; keep it chosen

    def _sync(self) -> None:
        focused = self.hasFocus()
        for box in self.boxes:
            box.setChecked(box.score == self._value)
            box.focus_ring = focused and box.score == self._value
            box.update()
        chosen = (
            tr("No score chosen yet")
            if self._value is None
            else tr("Chosen: {spoken}").format(spoken=self._spoken(self._value))
        )
        self.setAccessibleDescription(chosen)
        self.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if modifiers != Qt.KeyboardModifier.NoModifier:
            super().keyPressEvent(event)
            return
        if key in _DIGITS:
            digit = _DIGITS[key]
            # "1" then "0" is how a person types ten; a second "0" then goes to 0.
            ten = digit == 0 and self._last_key == 1 and self._value == 1
            self.set_value(HIGHEST if ten else digit)
            self._last_key = None if ten else digit
            return
        self._last_key = None
        current = self._value
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Plus):
            self.set_value(LOWEST if current is None else current + 1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Down, Qt.Key.Key_Minus):
            self.set_value(LOWEST if current is None else current - 1)
        elif key == Qt.Key.Key_Home:
            self.set_value(LOWEST)
        elif key == Qt.Key.Key_End:
            self.set_value(HIGHEST)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            if current is not None:
                self.confirmed.emit(current)
        else:
            super().keyPressEvent(event)  # Esc and Tab go on to the dialog

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self._sync()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._sync()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.hasFocus() or self._value is not None:
            return
        # With nothing chosen yet, a dashed frame round the scale shows where the keys go.
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        ring = QColor(self.palette().color(QPalette.ColorRole.WindowText))
        ring.setAlphaF(0.6)
        painter.setPen(QPen(ring, 2, Qt.PenStyle.DashLine))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 14, 14)
        painter.end()


class PainCheck(FittedDialog):
    """Ask for a 0–10 pain score. After `exec()` (or the `answered` signal), `score` holds
    the number, or None when the person skipped the question (Skip, Esc, closing)."""

    #: Emitted once when the dialog closes: the score (int) or None when skipped.
    answered = Signal(object)

    def __init__(
        self,
        moment: PainMoment,
        parent: QWidget | None = None,
        *,
        initial: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.moment = moment
        self._score: int | None = None
        before = moment is PainMoment.BEFORE
        self.setWindowTitle(
            tr("Pain before the session") if before else tr("Pain after the session")
        )
        self.setAccessibleName(self.windowTitle())

        self.question = label(
            tr("How much pain do you have right now?")
            if before
            else tr("How much pain do you have now, after the session?"),
            scale=1.7,
            bold=True,
        )
        self.explanation = label(
            tr("Choose a number from 0 (no pain) to 10 (the worst pain you can imagine)."),
            scale=1.2,
        )
        self.scale = PainScale()
        self.scale.set_value(initial)
        self.low_end = label(tr("No pain"), scale=1.15, wrap=False)
        self.high_end = label(tr("Worst pain you can imagine"), scale=1.15, wrap=False)
        self.high_end.setAlignment(Qt.AlignmentFlag.AlignRight)
        ends = QHBoxLayout()
        ends.setContentsMargins(0, 0, 0, 0)
        ends.addWidget(self.low_end)
        ends.addStretch(1)
        ends.addWidget(self.high_end)
        self.hint = label(
            tr(
                "Keys: a number (1 then 0 for 10) or the arrow keys, then Enter to save. "
                "Esc skips the question; skipping is fine."
            ),
            muted=True,
        )

        self.skip_button = dialog_button(tr("Skip"))
        self.skip_button.setAccessibleName(tr("Skip the pain question"))
        self.skip_button.setToolTip(tr("Skip (Esc)"))
        self.save_button = dialog_button(tr("Save"), primary=True)
        self.save_button.setAccessibleName(tr("Save the pain score"))
        self.save_button.setToolTip(tr("Save (Enter)"))
        self.skip_button.clicked.connect(self.reject)
        self.save_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.skip_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 24)
        layout.setSpacing(14)
        layout.addWidget(self.question)
        layout.addWidget(self.explanation)
        layout.addSpacing(8)
        layout.addWidget(self.scale)
        layout.addLayout(ends)
        layout.addSpacing(4)
        layout.addWidget(self.hint)
        layout.addStretch(1)
        layout.addLayout(buttons)

        self.scale.valueChanged.connect(self._chosen)
        self.scale.confirmed.connect(lambda _score: self.accept())
        self._chosen(self.scale.value())
        self.scale.setFocus(Qt.FocusReason.OtherFocusReason)
        self.setMinimumWidth(11 * _BOX + 10 * 8 + 74)

    @property
    def score(self) -> int | None:
        """The saved score; None until saved, and after a skip."""
        return self._score

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # A digit picks a score even when Tab has moved the focus to a button.
        no_modifier = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.key() in _DIGITS and no_modifier == Qt.KeyboardModifier.NoModifier:
            self.scale.setFocus(Qt.FocusReason.OtherFocusReason)
            self.scale.keyPressEvent(event)
            return
        super().keyPressEvent(event)

    def _chosen(self, value: object) -> None:
        self.save_button.setEnabled(value is not None)

    def accept(self) -> None:
        value = self.scale.value()
        if value is None:
            return  # nothing to save yet; Skip is the way out without a score
        self._score = value
        super().accept()
        self.answered.emit(value)

    def reject(self) -> None:
        self._score = None
        super().reject()
        self.answered.emit(None)
