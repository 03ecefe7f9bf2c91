"""Cue latency: from a phase's deadline to the first loud sample a listener would hear.

Starts a private PulseAudio with a null sink, reads its monitor as raw
samples through `parec` in a thread that notes when each chunk arrives,
and plays tests/sound_session.py's plan several times (19 cues a round).
Each cue's onset is found in the stream and placed in time by its chunk's
arrival; the latency is that time minus the moment the cue was due.

The arrival of a chunk trails the sound by up to the capture latency asked
of parec (10 ms), so the figures are an upper bound. Goal: p95 <= 30 ms.

    .venv/bin/python -m bench.cue_latency [--rounds 3]
"""

from __future__ import annotations

import argparse
import array
import json
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench._stats import percentile
from tests import pulse_sink
from tests.sound_session import EXPECTED_CUES, PLAN

RATE = 44100
CHUNK_SAMPLES = 441  # 10 ms
THRESHOLD = 10 ** (-45 / 20)  # -45 dBFS, as the sound test uses
ROUND_S = sum(seconds for _, seconds, _ in PLAN)


def now_ns() -> int:
    return time.clock_gettime_ns(time.CLOCK_BOOTTIME)  # the app's SystemClock on Linux


PLAYER = (sys.executable, "-m", "tests.sound_session")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if not pulse_sink.available():
        sys.exit("needs pulseaudio, pulseaudio-utils (scripts/install-system-packages test)")
    root = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as folder, pulse_sink.PulseSink(Path(folder)) as sink:
        capture = subprocess.Popen(
            [
                "parec",
                f"--device={pulse_sink.SINK}.monitor",
                "--raw",
                "--format=s16le",
                "--channels=1",
                f"--rate={RATE}",
                "--latency-msec=10",
            ],
            env=sink.env,
            stdout=subprocess.PIPE,
        )
        samples = array.array("h")
        arrivals: list[tuple[int, int]] = []  # (samples so far, arrival time)

        def read() -> None:
            assert capture.stdout is not None
            while chunk := capture.stdout.read1(CHUNK_SAMPLES * 2):  # type: ignore[attr-defined]
                samples.frombytes(chunk[: len(chunk) - len(chunk) % 2])
                arrivals.append((len(samples), now_ns()))

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        log = Path(folder) / "log.json"
        session = subprocess.run(
            [
                sys.executable,
                "-m",
                "tests.sound_session",
                "--log",
                str(log),
                "--repeat",
                str(args.rounds),
            ],
            env=sink.env,
            cwd=root,
            capture_output=True,
            text=True,
        )
        capture.terminate()
        capture.wait()
        reader.join(5)
        timings = json.loads(log.read_text("utf-8"))
    if session.returncode != 0:
        sys.exit(f"the session failed: {timings.get('problem')}\n{session.stderr[-1500:]}")

    def time_of(sample: int) -> int:
        for count, arrived in arrivals:
            if count > sample:
                return arrived - round((count - sample) * 1e9 / RATE)
        return arrivals[-1][1]

    onsets = []
    quiet = 0
    for index, value in enumerate(samples):
        if abs(value) / 32768 >= THRESHOLD:
            if quiet >= RATE // 10:  # a new sound after at least 100 ms of quiet
                onsets.append(time_of(index))
            quiet = 0
        else:
            quiet += 1
    start = int(timings["started_ns"])
    due = [
        start + round((r * ROUND_S + second) * 1e9)
        for r in range(args.rounds)
        for second, _ in EXPECTED_CUES[:-1]
    ] + [int(timings["finished_ns"])]
    names = [name for _ in range(args.rounds) for _, name in EXPECTED_CUES[:-1]] + ["routine_done"]
    latencies = []
    not_found = []
    for moment, name in zip(due, names, strict=True):
        after = [onset - moment for onset in onsets if -50_000_000 <= onset - moment <= 500_000_000]
        if after:
            latencies.append(min(after) / 1e6)
        else:
            not_found.append(f"{name}@{(moment - start) / 1e9:.0f}s")
    missing = len(not_found)
    print(f"{len(due)} cues due, {len(latencies)} heard, {missing} not found within 500 ms")
    print(
        f"latency from deadline to first loud sample: p50 {percentile(latencies, 0.5):.1f} ms,"
        f" p95 {percentile(latencies, 0.95):.1f} ms, max {max(latencies):.1f} ms"
        " (goal p95 <= 30 ms; includes up to 10 ms of capture latency)"
    )
    if not_found:
        print("not found:", ", ".join(not_found))


if __name__ == "__main__":
    main()
