"""F1: every shortcut on one calm page over the window, readable from the mat."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from sciatica_gui.ui.controls import shortcut_text


class HelpOverlay(QWidget):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, False)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(48, 36, 48, 36)
        self.title = QLabel(self.tr("Keyboard shortcuts"))
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.title.setFont(font)
        self._layout.addWidget(self.title)
        self._grid = QGridLayout()
        self._grid.setHorizontalSpacing(32)
        self._grid.setVerticalSpacing(10)
        self._layout.addLayout(self._grid)
        self._layout.addStretch(1)
        closing = QLabel(self.tr("Press F1 or Esc, or click, to close."))
        self._layout.addWidget(closing)
        self.hide()

    def set_actions(self, actions: Sequence[QAction]) -> None:
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for row, action in enumerate(actions):
            keys = QLabel(shortcut_text(action))
            font = keys.font()
            font.setPointSizeF(font.pointSizeF() * 1.3)
            font.setBold(True)
            keys.setFont(font)
            what = QLabel(action.statusTip() or action.text().replace("&", ""))
            font = what.font()
            font.setPointSizeF(font.pointSizeF() * 1.3)
            what.setFont(font)
            what.setWordWrap(True)
            self._grid.addWidget(keys, row, 0, Qt.AlignmentFlag.AlignTop)
            self._grid.addWidget(what, row, 1)
        self._grid.setColumnStretch(1, 1)

    def keys_listed(self) -> list[str]:
        texts = []
        for index in range(self._grid.count()):
            item = self._grid.itemAt(index)
            widget = item.widget() if item is not None else None
            if isinstance(widget, QLabel):
                texts.append(widget.text())
        return texts

    def open_over(self, area: QWidget) -> None:
        self.setGeometry(area.geometry())
        self.raise_()
        self.show()
        self.setFocus()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        background = QColor(self.palette().window().color())
        background.setAlphaF(0.97)
        painter.fillRect(self.rect(), background)
        painter.end()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self.hide()
