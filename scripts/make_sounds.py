"""Generate the sound cues for the guided sciatica floor-exercise sessions.

Run ``python scripts/make_sounds.py [OUTPUT_DIR]``; the default output directory is
``assets/sounds/`` next to this script's parent directory.  Only the Python standard
library is used, and there is no randomness, so every run writes byte-identical files.

Why the cues sound the way they do
----------------------------------
The people listening lie on a mat, often with their eyes closed and possibly in pain,
and follow the whole session by ear.  The cues therefore have to be:

* **Calm.**  Every cue is built from sine partials: a fundamental plus a few soft
  harmonic/inharmonic overtones (octave, 2.76x, 3.93x) that die away faster than the
  fundamental.  That gives a warm bell/marimba colour with no buzzy or square-wave edge.
  Fundamentals stay between 440 and 1175 Hz, overtones are left out above 5 kHz, and
  nothing repeats fast or sweeps, so nothing sounds like an alarm.
* **Immediate.**  Each file starts with a 2-3 ms raised-cosine attack and no leading
  silence, so the first sample above -30 dBFS falls within the first 3 ms (the app
  measures cue latency from the first loud sample).
* **Click-free.**  Notes decay exponentially and the last 10-30 ms fade to exactly
  zero; each note starts at zero phase under its own attack ramp.
* **Recognisable without looking.**  The cues differ in pitch contour and rhythm, not
  only loudness, and each one opens with its own first note (the dominant frequency of
  the first 50 ms), at least a whole tone away from every other cue's first note:

  ================  ==========  =================================================
  cue               first note  contour / rhythm
  ================  ==========  =================================================
  switch_side       A4  440 Hz  two quick same-pitch soft taps (A4 A4)
  routine_done      C5  523 Hz  slow rolled C major chord C5-E5-G5-C6, long tail
  hold              D5  587 Hz  rising fifth D5 -> A5 ("begin")
  exercise_done     E5  659 Hz  quick rising arpeggio E5-G5-C6
  release           G5  784 Hz  falling fifth G5 -> C5, resolving home ("let go")
  count_in          A5  880 Hz  single short wooden tick
  last_seconds      D6 1175 Hz  single very soft, short high tick
  ================  ==========  =================================================

  The same first-note frequencies are exported as ``CUE_FIRST_NOTE_HZ`` so that tests
  can recognise the cues in a recording.
* **Balanced.**  Main cues (hold, release, switch_side, exercise_done, routine_done)
  peak at -6 dBFS, count_in at -10 dBFS and last_seconds at -14 dBFS, so the frequent
  ticks stay in the background.  Nothing clips.

All files are 44.1 kHz, 16-bit signed PCM, mono RIFF WAV (loadable by QSoundEffect).
"""

import argparse
import math
import struct
import sys
import wave
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

SAMPLE_RATE: Final[int] = 44100
MAX_PARTIAL_HZ: Final[float] = 5000.0
DEFAULT_OUTPUT_DIR: Final[Path] = Path(__file__).resolve().parent.parent / "assets" / "sounds"

# Equal-tempered pitches (A4 = 440 Hz) used by the cues.
A4: Final[float] = 440.0
C5: Final[float] = 523.25
D5: Final[float] = 587.33
E5: Final[float] = 659.26
G5: Final[float] = 783.99
A5: Final[float] = 880.0
C6: Final[float] = 1046.5
D6: Final[float] = 1174.66

# Dominant fundamental of the first 50 ms of each cue, in Hz.
CUE_FIRST_NOTE_HZ: Final[dict[str, float]] = {
    "count_in": A5,
    "hold": D5,
    "last_seconds": D6,
    "release": G5,
    "switch_side": A4,
    "exercise_done": E5,
    "routine_done": C5,
}


@dataclass(frozen=True)
class Partial:
    """One sine component of a timbre, relative to the note's fundamental."""

    ratio: float  # frequency as a multiple of the fundamental
    amp: float  # amplitude relative to the fundamental
    decay_scale: float  # decay time constant relative to the fundamental's


@dataclass(frozen=True)
class Note:
    """A struck note inside a cue."""

    start_s: float
    freq_hz: float
    amp: float
    decay_s: float  # exponential decay time constant of the fundamental


@dataclass(frozen=True)
class Cue:
    """Everything needed to render one cue file."""

    name: str
    duration_s: float
    peak_dbfs: float
    attack_s: float
    fade_s: float
    timbre: tuple[Partial, ...]
    notes: tuple[Note, ...]


# Warm bell/marimba: soft octave, a faint inharmonic bell partial, a marimba-like 3.93x.
BELL: Final[tuple[Partial, ...]] = (
    Partial(1.0, 1.0, 1.0),
    Partial(2.0, 0.22, 0.5),
    Partial(2.76, 0.07, 0.3),
    Partial(3.93, 0.09, 0.2),
)
# Rounder mallet tap: fundamental with a quick marimba overtone.
MARIMBA: Final[tuple[Partial, ...]] = (
    Partial(1.0, 1.0, 1.0),
    Partial(3.93, 0.16, 0.25),
    Partial(9.2, 0.03, 0.1),
)
# Short wooden click-tone: free-bar (wood block) overtones that vanish almost at once.
WOOD: Final[tuple[Partial, ...]] = (
    Partial(1.0, 1.0, 1.0),
    Partial(2.756, 0.2, 0.3),
    Partial(5.404, 0.05, 0.15),
)
# Nearly pure high tick.
SOFT_TICK: Final[tuple[Partial, ...]] = (
    Partial(1.0, 1.0, 1.0),
    Partial(2.0, 0.1, 0.4),
)


def cues() -> tuple[Cue, ...]:
    """Return the definitions of all cues (times in seconds, peaks in dBFS)."""
    return (
        Cue(
            name="count_in",
            duration_s=0.100,
            peak_dbfs=-10.0,
            attack_s=0.002,
            fade_s=0.010,
            timbre=WOOD,
            notes=(Note(start_s=0.0, freq_hz=A5, amp=1.0, decay_s=0.025),),
        ),
        Cue(
            name="hold",
            duration_s=0.560,
            peak_dbfs=-6.0,
            attack_s=0.003,
            fade_s=0.020,
            timbre=BELL,
            notes=(
                Note(start_s=0.0, freq_hz=D5, amp=0.85, decay_s=0.14),
                Note(start_s=0.16, freq_hz=A5, amp=1.0, decay_s=0.12),
            ),
        ),
        Cue(
            name="last_seconds",
            duration_s=0.080,
            peak_dbfs=-14.0,
            attack_s=0.002,
            fade_s=0.010,
            timbre=SOFT_TICK,
            notes=(Note(start_s=0.0, freq_hz=D6, amp=1.0, decay_s=0.018),),
        ),
        Cue(
            name="release",
            duration_s=0.560,
            peak_dbfs=-6.0,
            attack_s=0.003,
            fade_s=0.020,
            timbre=BELL,
            notes=(
                Note(start_s=0.0, freq_hz=G5, amp=1.0, decay_s=0.12),
                Note(start_s=0.16, freq_hz=C5, amp=0.9, decay_s=0.14),
            ),
        ),
        Cue(
            name="switch_side",
            duration_s=0.380,
            peak_dbfs=-6.0,
            attack_s=0.003,
            fade_s=0.015,
            timbre=MARIMBA,
            notes=(
                Note(start_s=0.0, freq_hz=A4, amp=0.9, decay_s=0.06),
                Note(start_s=0.15, freq_hz=A4, amp=1.0, decay_s=0.06),
            ),
        ),
        Cue(
            name="exercise_done",
            duration_s=0.720,
            peak_dbfs=-6.0,
            attack_s=0.003,
            fade_s=0.020,
            timbre=BELL,
            notes=(
                Note(start_s=0.0, freq_hz=E5, amp=0.9, decay_s=0.12),
                Note(start_s=0.13, freq_hz=G5, amp=0.9, decay_s=0.12),
                Note(start_s=0.26, freq_hz=C6, amp=0.8, decay_s=0.16),
            ),
        ),
        Cue(
            name="routine_done",
            duration_s=1.600,
            peak_dbfs=-6.0,
            attack_s=0.003,
            fade_s=0.030,
            timbre=BELL,
            notes=(
                Note(start_s=0.0, freq_hz=C5, amp=1.0, decay_s=0.40),
                Note(start_s=0.09, freq_hz=E5, amp=0.75, decay_s=0.36),
                Note(start_s=0.18, freq_hz=G5, amp=0.65, decay_s=0.34),
                Note(start_s=0.30, freq_hz=C6, amp=0.45, decay_s=0.32),
            ),
        ),
    )


def envelope(n_samples: int, attack_s: float, decay_s: float) -> list[float]:
    """Raised-cosine attack multiplied by an exponential decay, starting at exactly 0."""
    attack_n = max(1, round(attack_s * SAMPLE_RATE))
    out: list[float] = []
    for i in range(n_samples):
        t = i / SAMPLE_RATE
        rise = 0.5 * (1.0 - math.cos(math.pi * i / attack_n)) if i < attack_n else 1.0
        out.append(rise * math.exp(-t / decay_s))
    return out


def tone(
    freq_hz: float, amp: float, n_samples: int, attack_s: float, decay_s: float
) -> list[float]:
    """A single enveloped sine starting at zero phase."""
    step = 2.0 * math.pi * freq_hz / SAMPLE_RATE
    env = envelope(n_samples, attack_s, decay_s)
    return [amp * e * math.sin(step * i) for i, e in enumerate(env)]


def partials(note: Note, timbre: Sequence[Partial], n_samples: int, attack_s: float) -> list[float]:
    """Render one note as the sum of its timbre's partials (overtones above 5 kHz dropped)."""
    out = [0.0] * n_samples
    for partial in timbre:
        freq = note.freq_hz * partial.ratio
        if freq > MAX_PARTIAL_HZ:
            continue
        decay = note.decay_s * partial.decay_scale
        component = tone(freq, note.amp * partial.amp, n_samples, attack_s, decay)
        out = [a + b for a, b in zip(out, component, strict=True)]
    return out


def mix(buffer: list[float], signal: Sequence[float], offset: int) -> None:
    """Add ``signal`` into ``buffer`` starting at sample ``offset`` (clipped to the buffer)."""
    for i, value in enumerate(signal[: max(0, len(buffer) - offset)]):
        buffer[offset + i] += value


def fade_out(samples: list[float], fade_s: float) -> None:
    """Raised-cosine fade over the last ``fade_s`` seconds; the final sample becomes 0."""
    fade_n = min(len(samples), max(1, round(fade_s * SAMPLE_RATE)))
    start = len(samples) - fade_n
    for i in range(fade_n):
        samples[start + i] *= 0.5 * (1.0 + math.cos(math.pi * (i + 1) / fade_n))
    samples[-1] = 0.0


def normalise(samples: Sequence[float], peak_dbfs: float) -> list[float]:
    """Scale so the absolute peak sits at ``peak_dbfs`` (relative to full scale 1.0)."""
    peak = max(abs(s) for s in samples)
    gain = 10.0 ** (peak_dbfs / 20.0) / peak if peak > 0.0 else 0.0
    return [s * gain for s in samples]


def render(cue: Cue) -> list[float]:
    """Render a cue to floating-point samples in [-1, 1]."""
    n_total = round(cue.duration_s * SAMPLE_RATE)
    buffer = [0.0] * n_total
    for note in cue.notes:
        offset = round(note.start_s * SAMPLE_RATE)
        mix(buffer, partials(note, cue.timbre, n_total - offset, cue.attack_s), offset)
    fade_out(buffer, cue.fade_s)
    return normalise(buffer, cue.peak_dbfs)


def to_pcm16(samples: Sequence[float]) -> bytes:
    """Quantise to little-endian signed 16-bit PCM, clamping to the legal range."""
    ints = [max(-32768, min(32767, round(s * 32767.0))) for s in samples]
    return struct.pack(f"<{len(ints)}h", *ints)


def write_wav(path: Path, samples: Sequence[float]) -> None:
    """Write mono 16-bit PCM WAV at ``SAMPLE_RATE``."""
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(SAMPLE_RATE)
        wav.writeframes(to_pcm16(samples))


def main(argv: Sequence[str] | None = None) -> int:
    """Generate every cue into the output directory."""
    parser = argparse.ArgumentParser(description="Generate the app's WAV sound cues.")
    parser.add_argument(
        "output_dir",
        nargs="?",
        type=Path,
        default=DEFAULT_OUTPUT_DIR,
        help=f"directory for the WAV files (default: {DEFAULT_OUTPUT_DIR})",
    )
    args = parser.parse_args(argv)
    output_dir: Path = args.output_dir
    output_dir.mkdir(parents=True, exist_ok=True)
    for cue in cues():
        if cue.notes[0].freq_hz != CUE_FIRST_NOTE_HZ[cue.name]:
            raise ValueError(f"{cue.name}: first note does not match CUE_FIRST_NOTE_HZ")
        path = output_dir / f"{cue.name}.wav"
        write_wav(path, render(cue))
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
