"""Keep the screen awake while a session runs, where the platform offers a way.

On a Linux desktop that is the freedesktop `org.freedesktop.ScreenSaver`
D-Bus service (GNOME, KDE, Xfce and others implement it); on Windows,
`SetThreadExecutionState`. Elsewhere, or without a session bus, this does
nothing: a screen that dims is an inconvenience, never an error. QtDBus is
imported only when a session starts, not at start-up.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from sciatica_gui import APP_DISPLAY_NAME

if TYPE_CHECKING:
    from PySide6.QtDBus import QDBusInterface


class ScreenSaverInhibitor:
    def __init__(self) -> None:
        self._cookie: int | None = None
        self._windows = False

    @property
    def active(self) -> bool:
        return self._cookie is not None or self._windows

    def inhibit(self, reason: str) -> None:
        if self.active:
            return
        if sys.platform == "win32":  # pragma: no cover - Windows only
            import ctypes

            es_continuous, es_display_required = 0x80000000, 0x00000002
            ctypes.windll.kernel32.SetThreadExecutionState(es_continuous | es_display_required)  # type: ignore[attr-defined]
            self._windows = True
            return
        interface = _screen_saver()
        if interface is None:
            return
        reply = interface.call("Inhibit", APP_DISPLAY_NAME, reason)
        arguments = reply.arguments()
        if arguments and isinstance(arguments[0], int):
            self._cookie = arguments[0]

    def release(self) -> None:
        if sys.platform == "win32" and self._windows:  # pragma: no cover - Windows only
            import ctypes

            ctypes.windll.kernel32.SetThreadExecutionState(0x80000000)  # type: ignore[attr-defined]
            self._windows = False
            return
        if self._cookie is None:
            return
        interface = _screen_saver()
        if interface is not None:
            interface.call("UnInhibit", self._cookie)
        self._cookie = None


def _screen_saver() -> QDBusInterface | None:
    """The screen saver's D-Bus interface, or None when there is no desktop session bus."""
    if sys.platform != "linux" or not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return None
    from PySide6.QtDBus import QDBusConnection, QDBusInterface

    bus = QDBusConnection.sessionBus()
    if not bus.isConnected():
        return None
    interface = QDBusInterface(
        "org.freedesktop.ScreenSaver",
        "/org/freedesktop/ScreenSaver",
        "org.freedesktop.ScreenSaver",
        bus,
    )
    return interface if interface.isValid() else None
