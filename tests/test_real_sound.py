"""Real sound through a private PulseAudio null sink, recorded and checked.

Skips only when PulseAudio is not installed; .ci/run installs it. Each test
runs a short session in real time (about twenty seconds): this is the one
place where time is not faked, because what is checked is what a person
would hear.
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests import audio_analysis as audio
from tests import pulse_sink
from tests.sound_session import EXPECTED_CUES

pytestmark = [
    pytest.mark.sound,
    pytest.mark.skipif(not pulse_sink.available(), reason="pulseaudio is not installed"),
]

ROOT = Path(__file__).resolve().parent.parent
TOLERANCE_S = 0.06


def play_and_record(tmp_path: Path, *, voice: bool) -> tuple[audio.Recording, dict[str, object]]:
    log = tmp_path / "log.json"
    wav = tmp_path / "recording.wav"
    with pulse_sink.PulseSink(tmp_path / "pulse") as sink:
        recorder = sink.record(wav)
        command = [sys.executable, "-m", "tests.sound_session", "--log", str(log)]
        session = subprocess.run(
            [*command, *(["--voice"] if voice else [])],
            env=sink.env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        sink.stop(recorder)
    timings = json.loads(log.read_text("utf-8"))
    assert session.returncode == 0, (timings.get("problem"), session.stderr[-2000:])
    return audio.read(wav), timings


def test_every_cue_is_heard_in_order_at_its_moment_with_silence_between(tmp_path):
    recording, _ = play_and_record(tmp_path, voice=False)
    heard = audio.sounds(recording)
    notes = audio.cue_notes()
    names = [audio.identify(recording, sound.start_s, notes) for sound in heard]
    assert names == [cue for _, cue in EXPECTED_CUES], [
        (round(s.start_s, 2), n) for s, n in zip(heard, names, strict=False)
    ]
    first = heard[0].start_s
    for sound, (second, cue) in zip(heard, EXPECTED_CUES, strict=True):
        assert abs((sound.start_s - first) - second) <= TOLERANCE_S, (cue, second, sound)
    # Silence between: every cue has ended well before the next begins.
    for before, after in itertools.pairwise(heard):
        assert after.start_s - before.end_s >= 0.2, (before, after)


def test_with_the_voice_on_words_follow_the_hold_cue(tmp_path):
    recording, _ = play_and_record(tmp_path, voice=True)
    heard = audio.sounds(recording)
    notes = audio.cue_notes()
    hold = next(s for s in heard if audio.identify(recording, s.start_s, notes) == "hold")
    # The cue lasts about 0.56 s; the word "Hold" is spoken after it, within a second.
    words = [s for s in heard if hold.start_s + 0.5 < s.start_s < hold.start_s + 1.5]
    joined_to_cue = hold.end_s - hold.start_s > 0.9  # speech running on straight after the cue
    assert words or joined_to_cue, [(round(s.start_s, 2), round(s.end_s, 2)) for s in heard[:6]]
    speech = words[0] if words else hold
    assert speech.end_s - hold.start_s > 0.8  # there is sound beyond the cue: the spoken word
