"""The cue sounds decode, odd files are refused, and no sound device means a note, not a crash."""

from __future__ import annotations

import json
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QFile, QIODevice

from sciatica_gui.core.announcements import Cue
from sciatica_gui.qt.cue_player import RATE, CuePlayer, read_wav, resource_path

ROOT = Path(__file__).resolve().parent.parent


def wav(channels: int = 1, rate: int = RATE, bits: int = 16, frames: int = 441) -> bytes:
    data = bytes(frames * channels * bits // 8)
    block = channels * bits // 8
    fmt = struct.pack("<HHIIHH", 1, channels, rate, rate * block, block, bits)
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt
    body += b"data" + struct.pack("<I", len(data)) + data
    return b"RIFF" + struct.pack("<I", len(body)) + body


@pytest.mark.parametrize("cue", list(Cue))
def test_every_cue_in_the_resources_decodes_and_is_short(resources, cue):
    file = QFile(resource_path(cue))
    assert file.open(QIODevice.OpenModeFlag.ReadOnly), resource_path(cue)
    pcm = read_wav(bytes(file.readAll().data()))
    assert pcm is not None
    # Short enough to end well before the next second's cue; the last one may linger.
    longest = 2000 if cue is Cue.ROUTINE_DONE else 800
    assert 80 <= pcm.duration_ms <= longest, (cue, pcm.duration_ms)
    assert max(pcm.data) > 0  # not silence


def test_a_plain_wav_is_read_with_its_duration():
    pcm = read_wav(wav(frames=RATE // 10))
    assert pcm is not None
    assert pcm.duration_ms == 100


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"not a wav file at all",
        wav(channels=2),
        wav(rate=8000),
        wav(bits=8),
        wav()[:30],  # cut off inside the format chunk
    ],
    ids=["empty", "text", "stereo", "8kHz", "8-bit", "truncated"],
)
def test_anything_else_is_refused_rather_than_played_as_noise(data):
    assert read_wav(data) is None


def test_playing_before_loading_does_nothing(qtbot):
    player = CuePlayer()
    assert not player.ready
    assert player.play(Cue.HOLD) is False
    assert player.duration_ms(Cue.HOLD) == 0


NO_DEVICE = """
import json, os, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
from sciatica_gui.core.announcements import Cue
from sciatica_gui.qt import resources
from sciatica_gui.qt.cue_player import CuePlayer
app = QApplication([])
resources.register()
player = CuePlayer()
notes = []
player.problemChanged.connect(notes.append)
began = time.perf_counter()
player.load()
played = player.play(Cue.HOLD)
took = time.perf_counter() - began
print(json.dumps({"notes": notes, "played": played, "took": took, "ready": player.ready}))
"""


def test_with_no_sound_server_the_player_says_so_once_and_plays_nothing(tmp_path):
    # Its own process: QtMultimedia connects to PulseAudio once per process.
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "XDG_RUNTIME_DIR": str(tmp_path),
        "PULSE_SERVER": f"unix:{tmp_path / 'no-such-socket'}",
        "PULSE_CLIENTCONFIG": str(tmp_path / "client.conf"),
    }
    (tmp_path / "client.conf").write_text("autospawn = no\n")
    result = subprocess.run(
        [sys.executable, "-c", NO_DEVICE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["played"] is False
    assert answer["ready"] is False
    assert len(answer["notes"]) == 1
    assert "sound" in answer["notes"][0]
    assert answer["took"] < 5  # it gives up promptly; the timer is never held up
