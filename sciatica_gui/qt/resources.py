"""Register the compiled Qt resources, so every asset is read by a `:/` path.

`resources.qrc` is compiled into `sciatica_gui/resources.rcc` when the package
is built or installed (see setup.py), and the same file travels inside the
packaged app. Registering maps it into memory; nothing is read until used.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QResource

RCC_FILE = Path(__file__).resolve().parent.parent / "resources.rcc"


class ResourcesMissingError(RuntimeError):
    pass


_registered = False


def register() -> None:
    """Make `:/` paths available; safe to call more than once."""
    global _registered
    if _registered:
        return
    if not RCC_FILE.is_file():
        raise ResourcesMissingError(
            f"{RCC_FILE} is missing: install the package (pip install .) so that "
            "pyside6-rcc compiles resources.qrc"
        )
    if not QResource.registerResource(str(RCC_FILE)):
        raise ResourcesMissingError(f"{RCC_FILE} is not a Qt resource bundle Qt can read")
    _registered = True
