"""Test configuration: headless Qt, isolated settings and data, and a fake clock.

Qt is told to render offscreen here, before any test imports it, so nobody
has to set the variable by hand and no test ever opens a real window.
"""

from __future__ import annotations

import os
from pathlib import Path

# A 1920x1080 screen, like the one mat mode is specified for (the default is 800x600).
_SCREEN = Path(__file__).with_name("offscreen-screen.json")
os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_SCREEN}"
# Keep Qt's own logging quiet about the missing session bus etc. on CI machines,
# but let real warnings through: pytest-qt fails a test on any of them.
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

# Qt warns when the runtime directory is missing; give it a private one.
os.environ.setdefault("XDG_RUNTIME_DIR", "/tmp/sciatica-gui-tests-runtime")
Path(os.environ["XDG_RUNTIME_DIR"]).mkdir(mode=0o700, exist_ok=True)

import pytest  # noqa: E402

from sciatica_gui.core.clock import FakeClock  # noqa: E402
from sciatica_gui.core.content import Library, load_library  # noqa: E402


@pytest.fixture(scope="session")
def library() -> Library:
    loaded, problems = load_library()
    assert problems == []
    return loaded


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(start_ns=1_000_000_000_000)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


@pytest.fixture(scope="session")
def resources(qapp):
    """The compiled Qt resources, registered once: every `:/` path the app reads."""
    from sciatica_gui.qt import resources as qt_resources

    qt_resources.register()
    return qt_resources.RCC_FILE
