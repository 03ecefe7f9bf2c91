"""Run-time hook: the frozen app loads Qt plugins from its own bundle and nowhere else.

A Qt plugin is native code run inside the app. Qt looks for plugins in every
folder of QT_PLUGIN_PATH, in QT_QPA_PLATFORM_PLUGIN_PATH (platform plugins),
next to the executable, and under its own prefix. A stale variable left by
another Qt install, or a folder planted where the app is started, would load
foreign code, or a plugin built for another Qt that crashes the app. So
before anything creates the QApplication the library paths are set to the
bundle's plugin folder alone, QT_QPA_PLATFORM_PLUGIN_PATH is removed and
QT_PLUGIN_PATH names the bundle's folder, so no child process inherits a
stray path either.

PyInstaller runs custom run-time hooks before its own; its PySide6 hook then
sets QT_PLUGIN_PATH to the same bundle folder, which agrees with this one.
"""

from __future__ import annotations


def _confine_qt_plugins() -> None:
    import os
    import sys
    from pathlib import Path

    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is None:  # only meaningful inside a frozen app
        return
    # PyInstaller's layout of the wheel: PySide6/plugins on Windows, PySide6/Qt/plugins else.
    qt = (
        Path(bundle, "PySide6") if sys.platform.startswith("win") else Path(bundle, "PySide6", "Qt")
    )
    plugins = str(qt / "plugins")
    for variable in ("QT_PLUGIN_PATH", "QT_QPA_PLATFORM_PLUGIN_PATH"):
        os.environ.pop(variable, None)
    os.environ["QT_PLUGIN_PATH"] = plugins

    from PySide6.QtCore import QCoreApplication

    # Set before the application object exists, this list replaces Qt's own. Creating the
    # application adds back one folder, the executable's, which is the bundle's top folder.
    QCoreApplication.setLibraryPaths([plugins])


_confine_qt_plugins()
del _confine_qt_plugins
