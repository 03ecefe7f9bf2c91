"""The frozen bundle (scripts/build-app): it runs its self-test, plays its cues, and loads
Qt plugins from itself only.

Skipped when there is no bundle, unless SCIATICA_REQUIRE_FROZEN=1 (scripts/check-packaged
sets it, after building), which turns every skip here into a failure. SCIATICA_FROZEN_APP
names another executable than dist/sciatica-gui/sciatica-gui.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import PySide6
import pytest

from sciatica_gui.core.announcements import Cue
from sciatica_gui.history import HistoryStore
from tests import audio_analysis as audio
from tests import pulse_sink

ROOT = Path(__file__).resolve().parent.parent
EXECUTABLE = Path(
    os.environ.get("SCIATICA_FROZEN_APP", ROOT / "dist" / "sciatica-gui" / "sciatica-gui")
)
REQUIRED = os.environ.get("SCIATICA_REQUIRE_FROZEN") == "1"
WHEEL_PLUGINS = Path(str(PySide6.__file__)).parent / "Qt" / "plugins"


def skip_or_fail(reason: str) -> None:
    if REQUIRED:
        pytest.fail(f"{reason} (SCIATICA_REQUIRE_FROZEN=1)")
    pytest.skip(reason)


@pytest.fixture
def bundle() -> Path:
    if not EXECUTABLE.is_file():
        skip_or_fail(f"no frozen app at {EXECUTABLE}: scripts/build-app makes it")
    return EXECUTABLE


def clean_env(**extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("QT_", "SCIATICA_", "PYTEST"))
    }
    env.update(extra)
    return env


def test_the_frozen_self_test_passes_and_its_sessions_are_readable_by_the_app(bundle, tmp_path):
    data = tmp_path / "data"
    result = subprocess.run(
        [str(bundle), "--self-test", "--data-dir", str(data)],
        env=clean_env(),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    drawings = (ROOT / "resources.qrc").read_text("utf-8").count('alias="illustrations/')
    assert re.fullmatch(
        rf"self-test passed: \d+ modules, {drawings} illustrations, {len(Cue)} sounds,"
        rf" 6 routines x 2 levels, 12 sessions recorded in {re.escape(str(data))}, \d+\.\d s\n",
        result.stdout,
    ), result.stdout
    opened = HistoryStore.open(data)
    assert opened.store is not None
    with opened.store as store:
        assert len(store.sessions()) == 12


def test_the_frozen_self_test_fails_on_a_damaged_history(bundle, tmp_path):
    (tmp_path / "history.sqlite3").write_bytes(b"SQLite format 3\x00" + b"\x01" * 5000)
    result = subprocess.run(
        [str(bundle), "--self-test", "--data-dir", str(tmp_path)],
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert f"self-test: history: The exercise history {tmp_path / 'history.sqlite3'}" in (
        result.stderr
    )


def test_the_bundle_leaves_out_the_ffmpeg_backend_and_keeps_speech(bundle):
    plugins = bundle.parent / "_internal" / "PySide6" / "Qt" / "plugins"
    assert (plugins / "platforms").is_dir()
    assert not list(plugins.glob("multimedia/*ffmpeg*"))
    assert not list(bundle.parent.rglob("libavcodec*"))
    assert {p.name for p in plugins.glob("texttospeech/*")} >= {
        "libqtexttospeech_speechd.so",
        "libqtexttospeech_mock.so",
    }


# -- Qt plugins come from the bundle only ------------------------------------------------

PLUGIN_TYPES = ("platforms", "imageformats", "iconengines", "texttospeech", "platformthemes")


def plant_plugins(folder: Path) -> None:
    """Real Qt plugins, copied from the wheel, in folders Qt would search if allowed to."""
    for kind in PLUGIN_TYPES:
        (folder / kind).mkdir(parents=True, exist_ok=True)
        for plugin in (WHEEL_PLUGINS / kind).glob("*.so"):
            shutil.copy(plugin, folder / kind / plugin.name)


def plugin_paths(debug_output: str) -> set[str]:
    """Every folder or file QT_DEBUG_PLUGINS reports Qt looking at or loading.

    Qt 6 logs these under the qt.core.plugin categories ("checking directory path",
    "Found metadata in lib", "loaded library"); older ones said QFactoryLoader.
    """
    paths = set()
    for line in debug_output.splitlines():
        if line.startswith("qt.core.plugin") or "QFactoryLoader" in line:
            paths.update(re.findall(r'(/[^\s",]+)', line))
    return paths


def run_with_planted_plugins(command: list[str], tmp_path: Path) -> tuple[str, Path]:
    """Run `command` from a folder full of planted plugins, with every variable pointing at
    more of them; returns Qt's plugin debug output and the planted root."""
    planted = tmp_path / "planted"
    cwd = planted / "cwd"
    plant_plugins(cwd)  # the current folder itself looks like a plugin folder
    plant_plugins(planted / "env")
    plant_plugins(planted / "platform-env")
    env = clean_env(
        QT_DEBUG_PLUGINS="1",
        QT_QPA_PLATFORM="offscreen",
        QT_PLUGIN_PATH=os.pathsep.join([str(planted / "env"), "."]),
        QT_QPA_PLATFORM_PLUGIN_PATH=str(planted / "platform-env" / "platforms"),
        PYTHONPATH=str(ROOT),
    )
    result = subprocess.run(
        [*command, "--self-test", "--data-dir", str(tmp_path / "data")],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stderr, planted


def test_the_frozen_app_never_looks_at_plugins_outside_its_bundle(bundle, tmp_path):
    output, planted = run_with_planted_plugins([str(bundle)], tmp_path)

    seen = plugin_paths(output)
    inside = str(bundle.parent.resolve())
    # The debug output does report the bundle's own plugins, so silence is not mistaken
    # for safety.
    assert any(path.startswith(f"{inside}/_internal/PySide6/Qt/plugins/platforms") for path in seen)
    assert any("libqoffscreen.so" in path for path in seen)
    outside = sorted(path for path in seen if not path.startswith(inside + "/") and path != inside)
    assert outside == []
    assert str(planted) not in output


def test_the_same_plants_are_searched_by_an_unconfined_qt(tmp_path):
    """The control: from source, Qt does search the planted folders, so the test above
    would see them if the frozen app's confinement failed."""
    output, planted = run_with_planted_plugins([sys.executable, "-m", "sciatica_gui"], tmp_path)

    seen = plugin_paths(output)
    assert any(path.startswith(str(planted / "env")) for path in seen)
    assert any(path.startswith(str(planted / "platform-env")) for path in seen)
    assert any(path.startswith(str(planted / "cwd")) for path in seen)


# -- sound, through a private PulseAudio ------------------------------------------------


@pytest.mark.sound
def test_the_frozen_app_plays_every_cue_without_the_ffmpeg_backend(bundle, tmp_path):
    if not pulse_sink.available():
        skip_or_fail("pulseaudio is not installed")
    wav = tmp_path / "recording.wav"
    with pulse_sink.PulseSink(tmp_path / "pulse") as sink:
        recorder = sink.record(wav)
        result = subprocess.run(
            [str(bundle), "--self-test", "--data-dir", str(tmp_path / "data")],
            env={**sink.env, "SCIATICA_SELF_TEST_SOUND": "1", "QT_QPA_PLATFORM": "offscreen"},
            capture_output=True,
            text=True,
            timeout=120,
        )
        sink.stop(recorder)

    assert result.returncode == 0, result.stderr[-3000:]
    assert ", 7 cues played," in result.stdout
    recording = audio.read(wav)
    notes = audio.cue_notes()
    heard = [audio.identify(recording, sound.start_s, notes) for sound in audio.sounds(recording)]
    assert heard == [cue.value for cue in Cue]
