"""Reading a recording: where sounds start, which cue each one is, and where words are.

Pure standard library (wave, array, math), so the checks do not depend on
anything the app itself uses to make sound.
"""

from __future__ import annotations

import array
import importlib.util
import math
import wave
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
FRAME_S = 0.005


def cue_notes() -> dict[str, float]:
    """The first note of every cue, from the script that makes them."""
    spec = importlib.util.spec_from_file_location(
        "make_sounds", ROOT / "scripts" / "make_sounds.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return dict(module.CUE_FIRST_NOTE_HZ)


class Recording(NamedTuple):
    rate: int
    samples: array.array[float]  # mono, floats in -1..1

    @property
    def seconds(self) -> float:
        return len(self.samples) / self.rate


def read(path: Path) -> Recording:
    with wave.open(str(path)) as file:
        rate, channels, width = file.getframerate(), file.getnchannels(), file.getsampwidth()
        assert width == 2, "expects 16-bit PCM"
        raw = array.array("h", file.readframes(file.getnframes()))
    mono = array.array("f", (raw[i] / 32768.0 for i in range(0, len(raw), channels)))
    return Recording(rate, mono)


def levels(recording: Recording) -> list[float]:
    """RMS level of every 5 ms frame, in dBFS."""
    size = max(1, round(recording.rate * FRAME_S))
    out = []
    samples = recording.samples
    for start in range(0, len(samples) - size + 1, size):
        chunk = samples[start : start + size]
        power = sum(x * x for x in chunk) / size
        out.append(10 * math.log10(power) if power > 1e-12 else -120.0)
    return out


class Sound(NamedTuple):
    start_s: float
    end_s: float
    peak_db: float


def sounds(recording: Recording, threshold_db: float = -45.0, gap_s: float = 0.06) -> list[Sound]:
    """Stretches above `threshold_db`, merged across gaps shorter than `gap_s`."""
    found: list[Sound] = []
    start: int | None = None
    quiet = 0
    peak = -120.0
    gap = round(gap_s / FRAME_S)
    db = levels(recording)
    for index, level in enumerate(db):
        if level >= threshold_db:
            if start is None:
                start, peak = index, level
            peak = max(peak, level)
            quiet = 0
        elif start is not None:
            quiet += 1
            if quiet > gap:
                found.append(Sound(start * FRAME_S, (index - quiet + 1) * FRAME_S, peak))
                start, quiet = None, 0
    if start is not None:
        found.append(Sound(start * FRAME_S, len(db) * FRAME_S, peak))
    return found


def goertzel(samples: array.array[float], rate: int, frequency: float) -> float:
    """Power of one frequency in `samples`."""
    coefficient = 2 * math.cos(2 * math.pi * frequency / rate)
    previous = before = 0.0
    for x in samples:
        previous, before = x + coefficient * previous - before, previous
    return previous * previous + before * before - coefficient * previous * before


def identify(recording: Recording, start_s: float, notes: dict[str, float]) -> str:
    """Which cue starts at `start_s`: the one whose first note is strongest in its first 50 ms."""
    begin = round(start_s * recording.rate)
    window = recording.samples[begin : begin + round(0.05 * recording.rate)]
    return max(notes, key=lambda name: goertzel(window, recording.rate, notes[name]))
