"""What the frozen app leaves out of PySide6, shared by build.spec and the bare benchmark spec.

PyInstaller's Qt hooks collect every plugin and translation a module *might*
use; for this app that is about 80 MB it never loads. The rules here keep
what the app uses and drop the rest, and both the app's spec and the bare
hello-world spec in bench/ apply the same rules, so their sizes compare.

Three passes over the Analysis' tables of contents:

1. Python modules the app never imports are excluded before analysis
   (`EXCLUDED_MODULES`), so their extension modules and hooks never run.
2. Qt plugins are kept only when a `KEEP_PLUGINS` pattern names them, and Qt's
   translations, QML files and WebEngine resources are dropped: the app ships
   no translations of its own and uses no QML.
3. Shared libraries that nothing kept links to any more (the libraries of the
   dropped plugins, such as Qt Quick and FFmpeg for the multimedia plugin) are
   removed by following the link-time imports from what is left.

This file is imported by spec files (loaded by path, since a `packaging`
package here would shadow the `packaging` library PyInstaller itself uses),
so it imports nothing from PyInstaller at module level.
"""

from __future__ import annotations

import fnmatch
import sys
from collections.abc import Callable, Iterable
from pathlib import PurePosixPath
from typing import Final

#: One entry of a PyInstaller table of contents: (destination name, source path, typecode).
TocEntry = tuple[str, str, str]

#: Never imported by the app. QtNetwork is not here although the app makes no network
#: calls: PySide6.QtMultimedia imports it, and libQt6Multimedia links to libQt6Network
#: (its TLS and network-information plugins are dropped below). QtMultimediaWidgets is
#: pulled in by PyInstaller's QtMultimedia hook, for video widgets.
EXCLUDED_MODULES: Final = (
    "tkinter",
    "_tkinter",
    "PySide6.QtNetworkAuth",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuick3D",
    "PySide6.QtQuickControls2",
    "PySide6.QtQuickWidgets",
    "PySide6.QtQuickTest",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtMultimediaWidgets",
    "PySide6.QtSpatialAudio",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtWebEngineQuick",
    "PySide6.QtWebChannel",
    "PySide6.QtWebSockets",
    "PySide6.QtWebView",
    "PySide6.QtHttpServer",
    "PySide6.Qt3DCore",
    "PySide6.Qt3DRender",
    "PySide6.Qt3DInput",
    "PySide6.Qt3DLogic",
    "PySide6.Qt3DAnimation",
    "PySide6.Qt3DExtras",
    "PySide6.QtCharts",
    "PySide6.QtDataVisualization",
    "PySide6.QtGraphs",
    "PySide6.QtGraphsWidgets",
    "PySide6.QtVirtualKeyboard",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtXml",
    "PySide6.QtDesigner",
    "PySide6.QtUiTools",
    "PySide6.QtHelp",
    "PySide6.QtBluetooth",
    "PySide6.QtNfc",
    "PySide6.QtPositioning",
    "PySide6.QtLocation",
    "PySide6.QtSensors",
    "PySide6.QtSerialPort",
    "PySide6.QtSerialBus",
    "PySide6.QtRemoteObjects",
    "PySide6.QtScxml",
    "PySide6.QtStateMachine",
    "PySide6.QtPrintSupport",
    "PySide6.QtConcurrent",
    "PySide6.QtAxContainer",
)

#: Plugins to keep, as patterns on "<plugin type>/<file name>". Linux, Windows and macOS names.
KEEP_PLUGINS: Final = (
    # Windows: X11 (also what runs under XWayland) and offscreen for the self-test; the
    # native ones on Windows and macOS. Wayland, EGLFS, VNC and the framebuffer are left out.
    "platforms/*qxcb*",
    "platforms/*qoffscreen*",
    "platforms/*qwindows*",
    "platforms/*qcocoa*",
    "xcbglintegrations/*",
    # The native widget style on Windows (modern Windows style) and macOS.
    "styles/*",
    # The portal theme follows the desktop's light or dark scheme in sandboxes; GTK's
    # would drag in GTK itself.
    "platformthemes/*xdgdesktopportal*",
    # Dead keys and input methods in text fields.
    "platforminputcontexts/*compose*",
    "platforminputcontexts/*ibus*",
    # Every image the app shows is SVG, and so is its icon.
    "imageformats/*qsvg*",
    "iconengines/*qsvgicon*",
    # Speech: speech-dispatcher on Linux, SAPI/WinRT on Windows, AVFoundation on macOS;
    # mock for tests.
    "texttospeech/*",
    # Cues go through QAudioSink, which talks to PulseAudio (WASAPI, CoreAudio) without a
    # media backend. FFmpeg's backend (~37 MB with its libraries) is only for QMediaPlayer.
    "multimedia/*windowsmediaplugin*",
    "multimedia/*darwinmediaplugin*",
)

#: Strip debug symbols from every library (a pyenv-built libpython alone carries 15 MB of
#: them). Safe here only because the FFmpeg libraries, which stripping breaks ("ELF load
#: command address/offset not page-aligned"), are no longer collected. Linux only: on macOS
#: stripping would invalidate signatures, and Windows has no such tool.
STRIP: Final = sys.platform.startswith("linux")

#: Data that no Qt module the app uses reads.
DROPPED_DATA_DIRS: Final = ("translations", "qml", "resources")


def _qt_relative(dest: str) -> PurePosixPath | None:
    """The path inside Qt's prefix (".../Qt/plugins/x/y" -> "plugins/x/y"), or None."""
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    if not parts or parts[0] != "PySide6":
        return None
    rest = parts[2:] if len(parts) > 1 and parts[1] == "Qt" else parts[1:]
    return PurePosixPath(*rest) if rest else None


def is_wanted_plugin(dest: str) -> bool | None:
    """True/False for a Qt plugin file, None when `dest` is not a plugin."""
    relative = _qt_relative(dest)
    if relative is None or len(relative.parts) < 3 or relative.parts[0] != "plugins":
        return None
    name = "/".join(relative.parts[1:])
    return any(fnmatch.fnmatch(name, pattern) for pattern in KEEP_PLUGINS)


def is_dropped_data(dest: str) -> bool:
    relative = _qt_relative(dest)
    return relative is not None and relative.parts[0] in DROPPED_DATA_DIRS


def _basename(dest: str) -> str:
    return PurePosixPath(dest.replace("\\", "/")).name


def reachable_libraries(
    roots: Iterable[str], imports_of: Callable[[str], Iterable[str]]
) -> set[str]:
    """Base names of every library that `roots` (source paths) link to, directly or not."""
    seen: set[str] = set()
    queue = list(roots)
    while queue:
        for path in imports_of(queue.pop()):
            name = _basename(path)
            if name not in seen:
                seen.add(name)
                queue.append(path)
    return seen


def _pyinstaller_imports(path: str) -> list[str]:
    from PyInstaller.depend import bindepend  # type: ignore[import-untyped]

    return [full for _, full in bindepend.get_imports(path) if full]


def _is_library(dest: str) -> bool:
    name = _basename(dest).lower()
    return name.endswith((".dll", ".dylib")) or ".so" in name or "." not in name


def trim(
    binaries: list[TocEntry],
    datas: list[TocEntry],
    imports_of: Callable[[str], Iterable[str]] = _pyinstaller_imports,
) -> tuple[list[TocEntry], list[TocEntry], list[str]]:
    """The binaries and datas to collect, and a report of what was dropped."""
    report: list[str] = []
    kept: list[TocEntry] = []
    for entry in binaries:
        wanted = is_wanted_plugin(entry[0])
        if wanted is False:
            report.append(f"plugin {entry[0]}")
        else:
            kept.append(entry)
    datas_kept = []
    for entry in datas:
        if is_dropped_data(entry[0]) or is_wanted_plugin(entry[0]) is False:
            report.append(f"data {entry[0]}")
        else:
            datas_kept.append(entry)

    # Extension modules and kept plugins are loaded by Python and Qt by path; whatever else
    # is a library stays only if one of them links to it. The bootloader loads Python's own
    # library by name, so it is a root too.
    roots = [
        src
        for dest, src, typecode in kept
        if typecode == "EXTENSION" or is_wanted_plugin(dest) or "python" in _basename(dest)
    ]
    reachable = reachable_libraries(roots, imports_of)
    final: list[TocEntry] = []
    for entry in kept:
        dest, src, typecode = entry
        name = _basename(dest)
        is_root = src in roots
        if (
            typecode in ("BINARY", "SYMLINK")
            and not is_root
            and _is_library(dest)
            and name not in reachable
            and _basename(src) not in reachable
        ):
            report.append(f"unlinked {dest}")
            continue
        final.append(entry)
    # PyInstaller adds top-level symlinks to libraries in subfolders (in either table); one
    # whose target went would dangle.
    names = {dest for dest, _, typecode in (*final, *datas_kept) if typecode != "SYMLINK"}

    def resolves(entry: TocEntry) -> bool:
        dest, src, typecode = entry
        if typecode != "SYMLINK" or _symlink_target(dest, src) in names:
            return True
        report.append(f"dangling {dest}")
        return False

    return (
        [entry for entry in final if resolves(entry)],
        [entry for entry in datas_kept if resolves(entry)],
        report,
    )


def _symlink_target(dest: str, src: str) -> str:
    # For SYMLINK entries PyInstaller stores the link's target, relative to the link, as src.
    parts: list[str] = []
    for part in (PurePosixPath(dest.replace("\\", "/")).parent / src.replace("\\", "/")).parts:
        if part == "..":
            if parts:
                parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts)


def apply(analysis: object, log: Callable[[str], None] = print) -> None:
    """Trim a PyInstaller Analysis in place (its `binaries` and `datas`)."""
    binaries = list(analysis.binaries)  # type: ignore[attr-defined]
    datas = list(analysis.datas)  # type: ignore[attr-defined]
    kept_binaries, kept_datas, report = trim(binaries, datas)
    analysis.binaries = kept_binaries  # type: ignore[attr-defined]
    analysis.datas = kept_datas  # type: ignore[attr-defined]
    log(f"trim: dropped {len(report)} files the app does not use ({sys.platform})")
    for line in sorted(report):
        log(f"trim:   {line}")
