"""The exercise drawings: loaded from `:/illustrations`, recoloured, mirrored, cached.

Every drawing uses the same five colours (`theme.FIGURE_SOURCE`); they are
swapped for the current scheme's by exact text replacement before the SVG is
parsed, so one file serves light and dark. The drawings show the right leg;
the left leg is the same drawing mirrored with a transform, never a second
file. Rendered pixmaps are cached per size, so a repaint every second costs
a blit, not an SVG render.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QFile, QIODevice, QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPainter, QPixmap, QTransform
from PySide6.QtSvg import QSvgRenderer

from sciatica_gui.ui.theme import FIGURE_SOURCE

ASPECT = 480 / 270  # every drawing shares this viewBox


def resource_path(name: str) -> str:
    return f":/illustrations/{name}.svg"


class IllustrationError(RuntimeError):
    pass


class Illustrations:
    def __init__(self) -> None:
        self._sources: dict[str, bytes] = {}
        self._renderers: dict[str, QSvgRenderer] = {}
        self._pixmaps: dict[tuple[str, int, int, bool, float], QPixmap] = {}
        self._colors = dict(FIGURE_SOURCE)

    def set_colors(self, colors: dict[str, str]) -> None:
        if colors != self._colors:
            self._colors = dict(colors)
            self._renderers.clear()
            self._pixmaps.clear()

    def _source(self, name: str) -> bytes:
        if name not in self._sources:
            file = QFile(resource_path(name))
            if not file.open(QIODevice.OpenModeFlag.ReadOnly):
                raise IllustrationError(f"{resource_path(name)} is not in the app's resources")
            self._sources[name] = bytes(file.readAll().data())
            file.close()
        return self._sources[name]

    def renderer(self, name: str) -> QSvgRenderer:
        if name not in self._renderers:
            svg = self._source(name).decode("utf-8")
            for role, source in FIGURE_SOURCE.items():
                svg = svg.replace(source, self._colors[role])
            renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
            if not renderer.isValid():
                raise IllustrationError(f"{resource_path(name)} is not a valid SVG")
            self._renderers[name] = renderer
        return self._renderers[name]

    def pixmap(self, name: str, size: QSize, *, mirrored: bool, ratio: float = 1.0) -> QPixmap:
        """The drawing fitted into `size` (logical pixels), keeping its proportions."""
        width, height = _fit(size)
        key = (name, width, height, mirrored, ratio)
        if key not in self._pixmaps:
            image = QImage(
                round(width * ratio),
                round(height * ratio),
                QImage.Format.Format_ARGB32_Premultiplied,
            )
            image.fill(Qt.GlobalColor.transparent)
            painter = QPainter(image)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            if mirrored:
                painter.setTransform(QTransform(-1, 0, 0, 1, image.width(), 0))
            self.renderer(name).render(painter, QRectF(0, 0, image.width(), image.height()))
            painter.end()
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(ratio)
            self._pixmaps[key] = pixmap
        return self._pixmaps[key]


def _fit(size: QSize) -> tuple[int, int]:
    width, height = max(1, size.width()), max(1, size.height())
    if width / height > ASPECT:
        width = max(1, round(height * ASPECT))
    else:
        height = max(1, round(width / ASPECT))
    return width, height
