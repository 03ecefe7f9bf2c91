"""A widget that shows one exercise drawing, fitted to its size and mirrored for the left leg."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSize
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from sciatica_gui.qt.illustrations import Illustrations


class IllustrationView(QWidget):
    def __init__(
        self,
        illustrations: Illustrations,
        parent: QWidget | None = None,
        *,
        minimum: QSize | None = None,
    ) -> None:
        super().__init__(parent)
        self._illustrations = illustrations
        self._name: str | None = None
        self._mirrored = False
        self._minimum = minimum or QSize(240, 135)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    @property
    def name(self) -> str | None:
        return self._name

    @property
    def mirrored(self) -> bool:
        return self._mirrored

    def show_drawing(
        self, name: str | None, *, mirrored: bool = False, description: str = ""
    ) -> None:
        if (name, mirrored) != (self._name, self._mirrored):
            self._name = name
            self._mirrored = mirrored
            self.update()
        self.setAccessibleName(description or self.tr("Illustration"))

    def sizeHint(self) -> QSize:
        return QSize(480, 270)

    def minimumSizeHint(self) -> QSize:
        return self._minimum

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return round(width * 270 / 480)

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._name is None:
            return
        pixmap = self._illustrations.pixmap(
            self._name, self.size(), mirrored=self._mirrored, ratio=self.devicePixelRatioF()
        )
        size = pixmap.deviceIndependentSize()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        origin = QPointF((self.width() - size.width()) / 2, (self.height() - size.height()) / 2)
        painter.drawPixmap(origin, pixmap)
        painter.end()
