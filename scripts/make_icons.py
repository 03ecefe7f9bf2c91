#!/usr/bin/env python3
"""Render the app icon (assets/icons/app.svg) into every format a desktop asks for.

    python scripts/make_icons.py [--svg assets/icons/app.svg] [--out build/icons]

Writes, under OUT:

- hicolor/NxN/apps/sciatica-gui.png for the Linux icon theme sizes, and
  hicolor/scalable/apps/sciatica-gui.svg;
- sciatica-gui.ico for Windows: PNG-compressed entries from 16 to 256 px;
- sciatica-gui.icns for macOS: PNG-compressed entries from 16 to 1024 px.

The icons are build output, made by build.spec on every build, so the SVG is
the only source and nothing binary is committed. Qt's own SVG renderer draws
them (the one the app draws its window icon with), and the ICO and ICNS
containers are written here in a few lines each, so no image tool or
download is needed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import struct
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = "sciatica-gui"
#: The sizes of the freedesktop hicolor theme that desktops look up.
LINUX_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
#: ICNS element types with PNG data, and the pixel size each holds (the @2x ones are doubled).
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),
    (b"ic11", 32),
    (b"ic12", 64),
    (b"ic13", 256),
    (b"ic14", 512),
)


def render_png(svg: Path, size: int) -> bytes:
    """The SVG drawn into a transparent size x size square, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
    from PySide6.QtGui import QImage, QImageWriter, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg} is not an SVG Qt can draw")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QImageWriter(buffer, QByteArray(b"png"))
    if not writer.write(image):
        raise RuntimeError(f"Qt could not encode a {size} px PNG: {writer.errorString()}")
    buffer.close()
    return bytes(data.data())


def ico(pngs: Sequence[tuple[int, bytes]]) -> bytes:
    """A Windows icon holding one PNG per size (Windows Vista and later read PNG entries)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    directory, images = b"", b""
    for size, png in pngs:
        # A width or height of 256 is written as 0.
        side = size if size < 256 else 0
        directory += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        images += png
        offset += len(png)
    return header + directory + images


def icns(elements: Sequence[tuple[bytes, bytes]]) -> bytes:
    body = b"".join(struct.pack(">4sI", kind, len(png) + 8) + png for kind, png in elements)
    return struct.pack(">4sI", b"icns", len(body) + 8) + body


def make_icons(svg: Path, out: Path) -> list[Path]:
    """Write every icon under `out`; returns the files written."""
    cache: dict[int, bytes] = {}

    def png(size: int) -> bytes:
        if size not in cache:
            cache[size] = render_png(svg, size)
        return cache[size]

    written: list[Path] = []
    for size in LINUX_SIZES:
        path = out / "hicolor" / f"{size}x{size}" / "apps" / f"{NAME}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(png(size))
        written.append(path)
    scalable = out / "hicolor" / "scalable" / "apps" / f"{NAME}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(svg, scalable)
    written.append(scalable)
    windows = out / f"{NAME}.ico"
    windows.write_bytes(ico([(size, png(size)) for size in ICO_SIZES]))
    written.append(windows)
    mac = out / f"{NAME}.icns"
    mac.write_bytes(icns([(kind, png(size)) for kind, size in ICNS_TYPES]))
    written.append(mac)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--svg", type=Path, default=ROOT / "assets" / "icons" / "app.svg")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "icons")
    args = parser.parse_args(argv)
    # Qt's SVG renderer wants an application object; no screen is needed.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    written = make_icons(args.svg, args.out)
    print(f"{len(written)} icons written to {args.out}")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
