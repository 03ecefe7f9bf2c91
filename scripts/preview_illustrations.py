"""Render the exercise illustrations and the app icon to PNG files for review.

Why this exists: the illustrations are hand-written SVG that the app draws with
QtSvg, which understands only SVG Tiny 1.2 and quietly drops much of the rest,
so looking at the files in a browser proves little.  This script renders every
SVG under ``assets/illustrations`` and ``assets/icons`` with the same machinery
as the app (QSvgRenderer + QPainter onto a QImage), at full size and at
thumbnail size, on a light and a dark background, and puts everything on one
contact sheet per background, so that a person can judge whether the drawings
read from a mat a few metres away.  With ``--mirror`` it also renders the
two-sided exercises flipped horizontally, as the app shows them for the left
leg.  The drawings keep their source colours here: the app's swap to palette
colours is not applied, so the dark sheet shows shapes, not the final contrast.

It exits with status 1 if an SVG fails to load, or if Qt warns or QtSvg reports
anything (such as an element it skipped) while rendering, so it doubles as a
quick validity check.

Usage::

    python scripts/preview_illustrations.py [OUT_DIR] [--mirror]
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path

# The preview never needs a screen; keep working on headless machines and CI.
# (This has to happen before the Qt imports below.)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import (
    QLoggingCategory,
    QMessageLogContext,
    QRectF,
    QSize,
    Qt,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QPainter,
    QTransform,
)
from PySide6.QtSvg import QSvgRenderer

REPO_ROOT = Path(__file__).resolve().parent.parent
ILLUSTRATIONS_DIR = REPO_ROOT / "assets" / "illustrations"
ICONS_DIR = REPO_ROOT / "assets" / "icons"
DEFAULT_OUT_DIR = Path("/tmp/illustration-preview")

BACKGROUNDS: dict[str, str] = {"light": "#f6f7f9", "dark": "#1f2328"}
ILLUSTRATION_SIZES: tuple[QSize, ...] = (QSize(720, 405), QSize(160, 90))
ICON_SIZES: tuple[QSize, ...] = (QSize(256, 256), QSize(32, 32))

# Exercises done once per leg: the app shows the drawing mirrored for the left leg.
TWO_SIDED_EXERCISES: frozenset[str] = frozenset({"knee_to_chest", "sciatic_mobilising"})
PHASE_ORDER: tuple[str, ...] = ("start", "hold", "release")

SHEET_CELL = QSize(320, 180)
SHEET_THUMB = QSize(160, 90)
SHEET_ICON_SIZES: tuple[int, ...] = (128, 32, 16)
SHEET_MARGIN = 16
SHEET_LABEL_HEIGHT = 22

_qt_warnings: list[str] = []
_rendering: list[Path] = []  # the SVG being rendered, to name it in Qt's messages


def _collect_qt_messages(msg_type: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Record Qt warnings, and every note from QtSvg, so that a broken SVG fails the run.

    QtSvg reports an element it does not support (``<style>``, ``<mask>``, ...) only
    as a debug message and then draws without it, so those count as problems too.
    """
    if msg_type != QtMsgType.QtDebugMsg or (context.category or "").startswith("qt.svg"):
        where = f" ({_rendering[-1]})" if _rendering else ""
        _qt_warnings.append(message + where)
        print(f"Qt: {message}{where}", file=sys.stderr)


@dataclass(frozen=True)
class Drawing:
    """One SVG file and how it is to be shown."""

    path: Path
    label: str
    is_icon: bool
    mirrored: bool = False

    @property
    def stem(self) -> str:
        """File-name stem for the rendered PNGs."""
        if self.is_icon:
            base = f"icon_{self.path.stem}"
        else:
            base = f"{self.path.parent.name}_{self.path.stem}"
        return f"{base}_mirrored" if self.mirrored else base


def _phase_key(path: Path) -> tuple[str, int, str]:
    phase = path.stem
    rank = PHASE_ORDER.index(phase) if phase in PHASE_ORDER else len(PHASE_ORDER)
    return (path.parent.name, rank, phase)


def find_drawings(mirror: bool) -> list[Drawing]:
    """All illustrations (ordered by exercise and phase), then the icons."""
    drawings: list[Drawing] = []
    for path in sorted(ILLUSTRATIONS_DIR.glob("*/*.svg"), key=_phase_key):
        exercise = path.parent.name
        drawings.append(Drawing(path, f"{exercise}/{path.stem}", is_icon=False))
        if mirror and exercise in TWO_SIDED_EXERCISES:
            drawings.append(Drawing(path, f"{exercise}/{path.stem} (left)", False, mirrored=True))
    drawings.extend(
        Drawing(path, f"icons/{path.stem}", is_icon=True)
        for path in sorted(ICONS_DIR.glob("*.svg"))
    )
    return drawings


def render(drawing: Drawing, size: QSize, background: QColor) -> QImage:
    """Render one SVG onto a filled background, mirrored if asked."""
    _rendering.append(drawing.path)
    try:
        return _render(drawing, size, background)
    finally:
        _rendering.pop()


def _render(drawing: Drawing, size: QSize, background: QColor) -> QImage:
    renderer = QSvgRenderer(str(drawing.path))
    if not renderer.isValid():
        raise ValueError(f"{drawing.path} is not a valid SVG for QtSvg")
    renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(background)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    if drawing.mirrored:
        painter.setTransform(QTransform().translate(size.width(), 0).scale(-1, 1))
    renderer.render(painter, QRectF(0, 0, size.width(), size.height()))
    painter.end()
    return image


def _text_colour(background: QColor) -> QColor:
    return QColor("#1f2328") if background.lightness() > 128 else QColor("#f6f7f9")


def contact_sheet(drawings: list[Drawing], background: QColor) -> QImage:
    """Everything side by side: one row per exercise, icons in the last row."""
    rows: dict[str, list[Drawing]] = {}
    for drawing in drawings:
        if drawing.is_icon:
            continue
        key = drawing.path.parent.name + (" (left)" if drawing.mirrored else "")
        rows.setdefault(key, []).append(drawing)
    icons = [d for d in drawings if d.is_icon]

    cell_w = SHEET_CELL.width() + SHEET_THUMB.width() + SHEET_MARGIN
    cell_h = SHEET_CELL.height() + SHEET_LABEL_HEIGHT
    columns = max((len(r) for r in rows.values()), default=1)
    icon_row_h = max(SHEET_ICON_SIZES) + SHEET_LABEL_HEIGHT if icons else 0
    width = SHEET_MARGIN + columns * (cell_w + SHEET_MARGIN)
    height = SHEET_MARGIN + len(rows) * (cell_h + SHEET_MARGIN) + icon_row_h + SHEET_MARGIN

    sheet = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    sheet.fill(background)
    painter = QPainter(sheet)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(_text_colour(background))
    font = QFont()
    font.setPixelSize(14)
    painter.setFont(font)

    y = SHEET_MARGIN
    for row in rows.values():
        x = SHEET_MARGIN
        for drawing in row:
            painter.drawText(x, y + 15, drawing.label)
            top = y + SHEET_LABEL_HEIGHT
            painter.drawImage(x, top, render(drawing, SHEET_CELL, background))
            painter.drawImage(
                x + SHEET_CELL.width() + SHEET_MARGIN // 2,
                top + SHEET_CELL.height() - SHEET_THUMB.height(),
                render(drawing, SHEET_THUMB, background),
            )
            x += cell_w + SHEET_MARGIN
        y += cell_h + SHEET_MARGIN

    x = SHEET_MARGIN
    for drawing in icons:
        painter.drawText(x, y + 15, drawing.label)
        for side in SHEET_ICON_SIZES:
            top = y + SHEET_LABEL_HEIGHT + max(SHEET_ICON_SIZES) - side
            painter.drawImage(x, top, render(drawing, QSize(side, side), background))
            x += side + SHEET_MARGIN
    painter.end()
    return sheet


def main(argv: list[str] | None = None) -> int:
    """Render all previews; return a process exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "out_dir",
        nargs="?",
        type=Path,
        default=DEFAULT_OUT_DIR,
        help=f"folder for the PNG files (default: {DEFAULT_OUT_DIR})",
    )
    parser.add_argument(
        "--mirror",
        action="store_true",
        help="also render the two-sided exercises mirrored, as shown for the left leg",
    )
    args = parser.parse_args(argv)

    qInstallMessageHandler(_collect_qt_messages)
    QLoggingCategory.setFilterRules("qt.svg*=true")
    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    out_dir: Path = args.out_dir
    out_dir.mkdir(parents=True, exist_ok=True)

    drawings = find_drawings(args.mirror)
    if not drawings:
        print("no SVG files found", file=sys.stderr)
        return 1

    written = 0
    try:
        for bg_name, bg_hex in BACKGROUNDS.items():
            background = QColor(bg_hex)
            for drawing in drawings:
                sizes = ICON_SIZES if drawing.is_icon else ILLUSTRATION_SIZES
                for size in sizes:
                    name = f"{drawing.stem}_{size.width()}x{size.height()}_{bg_name}.png"
                    if not render(drawing, size, background).save(str(out_dir / name)):
                        raise OSError(f"could not write {out_dir / name}")
                    written += 1
            sheet_path = out_dir / f"contact_sheet_{bg_name}.png"
            if not contact_sheet(drawings, background).save(str(sheet_path)):
                raise OSError(f"could not write {sheet_path}")
            written += 1
    except (ValueError, OSError) as error:
        print(error, file=sys.stderr)
        return 1

    print(f"wrote {written} PNG files to {out_dir}")
    if _qt_warnings:
        print(f"{len(_qt_warnings)} Qt warning(s) while rendering", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
