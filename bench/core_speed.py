"""How fast the Qt-free core is: compiling routines, running one on a fake clock, importing it.

Goals: every built-in routine compiles in under 1 ms; a whole routine runs on
the fake clock in under 50 ms; `import sciatica_gui.core` takes under 30 ms in
a fresh interpreter (with bytecode compiled, as after `pip install`).

    .venv/bin/python -m bench.core_speed
"""

from __future__ import annotations

import compileall
import os
import subprocess
import sys
import time
from pathlib import Path

from bench._stats import median
from sciatica_gui.core import FakeClock, Level, SessionEngine, State, compile_timeline, load_library

REPEATS = 200
IMPORT_RUNS = 15


def time_compile() -> None:
    library, _ = load_library()
    print("compile_timeline, median of", REPEATS, "(goal < 1 ms each)")
    for routine in library.routines:
        for level in Level:
            samples = []
            for _ in range(REPEATS):
                start = time.perf_counter()
                compile_timeline(library, routine, level)
                samples.append(time.perf_counter() - start)
            print(f"  {routine.id:<20} {level.value:<9} {median(samples) * 1000:7.3f} ms")


def time_fake_run() -> None:
    library, _ = load_library()
    print("a whole routine on the fake clock, waking at every engine wake-up (goal < 50 ms)")
    for routine_id in ("full", "stretches"):
        timeline = compile_timeline(library, library.routine(routine_id), Level.STANDARD)
        samples = []
        wakeups = 0
        for _ in range(10):
            clock = FakeClock()
            engine = SessionEngine(timeline, clock)
            start = time.perf_counter()
            engine.start()
            wakeups = 0
            while engine.state is State.RUNNING:
                wake = engine.next_wakeup_ns()
                assert wake is not None
                clock.set_ns(wake)
                engine.tick()
                wakeups += 1
            samples.append(time.perf_counter() - start)
        print(
            f"  {routine_id:<10} {timeline.total_seconds:>4} s of session, {wakeups} wake-ups:"
            f" {median(samples) * 1000:6.2f} ms"
        )


def time_import() -> None:
    package = Path(__file__).resolve().parent.parent / "sciatica_gui"
    compileall.compile_dir(package, quiet=1)
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    code = (
        "import time; t = time.perf_counter(); import sciatica_gui.core; "
        "print(time.perf_counter() - t)"
    )
    samples = [
        float(
            subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
            ).stdout
        )
        for _ in range(IMPORT_RUNS)
    ]
    print(
        f"import sciatica_gui.core in a fresh interpreter, median of {IMPORT_RUNS}:"
        f" {median(samples) * 1000:.1f} ms (goal < 30 ms; min {min(samples) * 1000:.1f} ms)"
    )


if __name__ == "__main__":
    time_compile()
    time_fake_run()
    time_import()
