"""Start-up time and peak memory of the app against a bare PySide6 window, in the same run.

Each program is started as a whole process, shows its window offscreen, and
quits as soon as the first frame is painted (the bare window also once with its
label centred: see bench/bare_window.py); the wall time from spawn to
exit and the child's peak resident memory (ru_maxrss) are recorded. Runs
alternate between the two programs, and medians are compared.

Goal: both ratios <= 1.25.

    .venv/bin/python -m bench.startup [--runs 15]
"""

from __future__ import annotations

import argparse
import compileall
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench._stats import median

ROOT = Path(__file__).resolve().parent.parent


def measure(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(seconds from spawn to exit, peak RSS in MiB) of one run."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{command} exited with {process.returncode}")
    return elapsed, usage.ru_maxrss / 1024


def alternate(
    programs: dict[str, list[str]], env: dict[str, str], runs: int
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Seconds and peak MiB of every program, run in turn `runs` times after one warm-up each.

    Alternating spreads the machine's slow moments over all programs alike.
    """
    for command in programs.values():  # warm the file cache once
        measure(command, env)
    times: dict[str, list[float]] = {name: [] for name in programs}
    memory: dict[str, list[float]] = {name: [] for name in programs}
    for _ in range(runs):
        for name, command in programs.items():
            elapsed, peak = measure(command, env)
            times[name].append(elapsed)
            memory[name].append(peak)
    return times, memory


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    compileall.compile_dir(ROOT / "sciatica_gui", quiet=1)
    compileall.compile_dir(ROOT / "bench", quiet=1)
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["QT_QPA_PLATFORM"] = env.get("BENCH_QPA", "offscreen")
    with tempfile.TemporaryDirectory() as data:
        programs = {
            "bare QMainWindow": [sys.executable, "-m", "bench.bare_window"],
            "bare, label centred": [sys.executable, "-m", "bench.bare_window", "--centred"],
            "sciatica-gui": [
                sys.executable,
                "-m",
                "sciatica_gui",
                "--data-dir",
                data,
                "--quit-after-first-frame",
            ],
        }
        times, memory = alternate(programs, env, args.runs)
    bare, centred, app = "bare QMainWindow", "bare, label centred", "sciatica-gui"
    print(f"start -> first frame -> exit, median of {args.runs} runs ({env['QT_QPA_PLATFORM']}):")
    for name in programs:
        print(
            f"  {name:<20} {median(times[name]) * 1000:7.0f} ms"
            f"   peak {median(memory[name]):6.1f} MiB"
        )
    print(
        f"  ratio: time {median(times[app]) / median(times[bare]):.2f}x,"
        f" memory {median(memory[app]) / median(memory[bare]):.2f}x (goal <= 1.25x each)"
    )
    print(
        f"  the bare window with its label centred (the first use of Qt's enums):"
        f" {median(times[centred]) / median(times[bare]):.2f}x;"
        f" the app against it: {median(times[app]) / median(times[centred]):.2f}x"
    )


if __name__ == "__main__":
    main()
