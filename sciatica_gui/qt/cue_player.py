"""The sound cues, played through one long-lived QAudioSink, every one decoded ahead of time.

Why not QSoundEffect, the obvious choice: here it hung the whole event loop
in about half of all runs. When an effect plays within a few seconds of
being loaded, QtMultimedia's PulseAudio thread toggles a QSocketNotifier
that belongs to the GUI thread, and the loop then spins on "QSocketNotifier:
Invalid socket" forever (seen with PySide6 6.10.3, 6.11.3 and 6.12.0; see
tests/test_real_sound.py). One QAudioSink opened once and fed in push mode
never did, in the same runs. It takes the same QtMultimedia-to-PulseAudio
path (no FFmpeg involved) and costs a few lines of buffering:

- the cues are read from `:/sounds` and decoded to PCM when the app starts;
  a phase boundary only copies bytes into the sink;
- the sink is opened with a little silence, because the first write to a
  new stream lost its first few hundred milliseconds;
- each cue ends with silence longer than the sink's buffer, so even a short
  tick reaches PulseAudio's pre-buffer and starts at once;
- a new cue replaces whatever was still queued: cues never overlap.

Without a sound device, or if the device fails, the player reports one plain
sentence and stays silent; it never raises and never blocks the session.
"""

from __future__ import annotations

import struct
from typing import TYPE_CHECKING, Final, NamedTuple

from PySide6.QtCore import QFile, QIODevice, QObject, QTimer, Signal

from sciatica_gui.core.announcements import Cue

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QAudioSink

RATE: Final = 44100
BYTES_PER_FRAME: Final = 2  # mono, 16-bit
BUFFER_MS: Final = 50
_BUFFER_BYTES: Final = RATE * BYTES_PER_FRAME * BUFFER_MS // 1000
_TAIL: Final = bytes(_BUFFER_BYTES * 2)  # silence after every cue
_OPENING: Final = bytes(RATE * BYTES_PER_FRAME * 3 // 2)  # 1.5 s of silence to open the stream


class Pcm(NamedTuple):
    data: bytes
    duration_ms: int


def resource_path(cue: Cue) -> str:
    return f":/sounds/{cue.value}.wav"


def read_wav(data: bytes) -> Pcm | None:
    """The samples of a 44.1 kHz, mono, 16-bit PCM WAV file, or None for anything else."""
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        return None
    offset, fmt = 12, None
    while offset + 8 <= len(data):
        chunk, size = struct.unpack_from("<4sI", data, offset)
        body = data[offset + 8 : offset + 8 + size]
        if chunk == b"fmt " and len(body) >= 16:
            fmt = struct.unpack_from("<HHIIHH", body)
        elif chunk == b"data" and fmt is not None:
            encoding, channels, rate, _, _, bits = fmt
            if (encoding, channels, rate, bits) != (1, 1, RATE, 16):
                return None
            return Pcm(body, round(len(body) * 1000 / (RATE * BYTES_PER_FRAME)))
        offset += 8 + size + (size & 1)
    return None


class CuePlayer(QObject):
    #: One sentence for the user when sound cannot be played, or "" when it can.
    problemChanged = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pcm: dict[Cue, Pcm] = {}
        self._sink: QAudioSink | None = None
        self._io: QIODevice | None = None
        self._pending = memoryview(b"")
        self._pump_timer = QTimer(self)
        self._pump_timer.setSingleShot(True)
        self._pump_timer.timeout.connect(self._pump)
        self._volume = 0.8
        self._muted = False
        self._problem = ""
        self._opened = False

    @property
    def problem(self) -> str:
        return self._problem

    @property
    def ready(self) -> bool:
        """The device is open and the stream has settled: a cue now plays on time."""
        return self._io is not None and self._opened

    def duration_ms(self, cue: Cue) -> int:
        pcm = self._pcm.get(cue)
        return pcm.duration_ms if pcm else 0

    def load(self) -> None:
        """Decode every cue and open the sound device; call once the first frame is shown."""
        if self._pcm:
            return
        for cue in Cue:
            file = QFile(resource_path(cue))
            if not file.open(QIODevice.OpenModeFlag.ReadOnly):
                continue
            pcm = read_wav(bytes(file.readAll().data()))
            file.close()
            if pcm is not None:
                self._pcm[cue] = Pcm(pcm.data + _TAIL, pcm.duration_ms)
        self._open()

    def _open(self) -> None:
        from PySide6.QtMultimedia import QAudioFormat, QAudioSink, QMediaDevices, QtAudio

        device = QMediaDevices.defaultAudioOutput()
        if device.isNull():
            self._report("No sound device was found, so the session runs without sound cues.")
            return
        audio_format = QAudioFormat()
        audio_format.setSampleRate(RATE)
        audio_format.setChannelCount(1)
        audio_format.setSampleFormat(QAudioFormat.SampleFormat.Int16)
        sink = QAudioSink(device, audio_format, self)
        sink.setBufferSize(_BUFFER_BYTES)
        sink.setVolume(self._volume)
        io = sink.start()
        if io is None or sink.error() not in (QtAudio.Error.NoError, QtAudio.Error.UnderrunError):
            self._report("The sound device could not be opened, so the session runs silently.")
            return
        sink.stateChanged.connect(self._check)
        self._sink, self._io = sink, io
        self._pending = memoryview(_OPENING)
        self._pump()

    def _check(self) -> None:
        from PySide6.QtMultimedia import QtAudio

        sink = self._sink
        if sink is not None and sink.error() not in (
            QtAudio.Error.NoError,
            QtAudio.Error.UnderrunError,
        ):
            self._sink, self._io = None, None
            self._pending = memoryview(b"")
            self._report("The sound device stopped working, so the session goes on silently.")

    def _report(self, problem: str) -> None:
        if problem != self._problem:
            self._problem = problem
            self.problemChanged.emit(problem)

    def play(self, cue: Cue) -> bool:
        """Start `cue` now, replacing anything still queued; True when it was started."""
        pcm = self._pcm.get(cue)
        if pcm is None or self._io is None or self._muted:
            return False
        self._pending = memoryview(pcm.data)
        self._pump()
        return True

    def _pump(self) -> None:
        """Hand the sink as much as it takes, and come back when it has room for more."""
        sink, io = self._sink, self._io
        if sink is None or io is None or not self._pending:
            return
        room = min(len(self._pending), sink.bytesFree())
        if room > 0:
            written = io.write(self._pending[:room].tobytes())
            self._pending = self._pending[max(0, written) :]
        if self._pending:
            self._pump_timer.start(BUFFER_MS // 2)
        else:
            self._opened = True

    def stop(self) -> None:
        self._pending = memoryview(b"")
        self._pump_timer.stop()

    def set_volume(self, volume: float) -> None:
        self._volume = max(0.0, min(1.0, volume))
        if self._sink is not None:
            self._sink.setVolume(self._volume)

    def set_muted(self, muted: bool) -> None:
        self._muted = muted
        if muted:
            self.stop()

    def close(self) -> None:
        self.stop()
        if self._sink is not None:
            self._sink.stop()
            self._sink, self._io = None, None
