"""Test configuration: headless Qt, isolated settings and data, and a fake clock.

Qt is told to render offscreen here, before any test imports it, so nobody
has to set the variable by hand and no test ever opens a real window.
"""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"
# Keep Qt's own logging quiet about the missing session bus etc. on CI machines,
# but let real warnings through: pytest-qt fails a test on any of them.
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

from pathlib import Path

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
