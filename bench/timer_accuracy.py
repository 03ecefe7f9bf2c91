"""How punctually the Qt adapter reports phase boundaries in a real event loop.

Runs a timeline of one-second phases through `SessionDriver` on the system
clock, twice: on a free loop, and with random busy stalls of 0-300 ms
injected into the loop. For each run it prints

- lateness of each boundary signal against its deadline (p50, p99, max), for
  the boundaries no stall was covering;
- the drift of every phase start from its planned time, which must be 0 ms:
  phases end at absolute deadlines, so a late wake-up never moves the next one;
- phases reported against phases planned.

Goal: p99 <= 5 ms on the free loop, 0 drift, 0 missing. With `--window` the
main window is open too, and the displayed second is measured where it is
painted: from the moment a number is due to the end of the timer widget's
paint that first shows it. The first of them answers the Start key.

    .venv/bin/python -m bench.timer_accuracy [--phases 120] [--seed 1]
"""

from __future__ import annotations

import argparse
import os
import random

from bench._stats import percentile
from sciatica_gui.core import Level, SystemClock, compile_timeline, load_library
from sciatica_gui.core.events import PhaseStarted, SecondChanged
from sciatica_gui.core.timeline import ExerciseBlock, Phase, PhaseKind, Timeline

NS_PER_MS = 1_000_000


def one_second_phases(count: int) -> Timeline:
    """`count` alternating one-second holds and rests, in one exercise block."""
    library, _ = load_library()
    template = compile_timeline(library, library.routine("floor_bridge"), Level.GENTLE)
    exercise = template.blocks[0].exercise
    phases = tuple(
        Phase(
            kind=PhaseKind.HOLD if i % 2 else PhaseKind.REST,
            exercise=exercise.id,
            exercise_number=1,
            step=2 if i % 2 else 1,
            rep=i // 2 + 1,
            reps=count // 2,
            side=None,
            seconds=1,
            start_s=i,
            title="Hold" if i % 2 else "Rest",
            instruction="",
        )
        for i in range(count)
    )
    block = ExerciseBlock(exercise, 1, 0, count, count, 1, count // 2, count // 2)
    return Timeline(template.routine, Level.GENTLE, phases, (block,))


def run(phases: int, stalls: bool, seed: int, window: bool) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QPaintEvent
    from PySide6.QtWidgets import QApplication

    from sciatica_gui.qt.session_driver import SessionDriver

    app = QApplication.instance() or QApplication([])
    clock = SystemClock()
    rnd = random.Random(seed)
    timeline = one_second_phases(phases)
    stall_spans: list[tuple[int, int]] = []
    boundaries: list[tuple[int, int, int]] = []  # (index, deadline, received)
    seconds: list[tuple[int, int]] = []  # (due, shown)

    driver = SessionDriver(clock)
    due: dict[tuple[int, int], int] = {}
    painted: list[tuple[int, int]] = []  # (due, painted)
    keep: list[object] = []
    if window:
        import tempfile
        from pathlib import Path

        from sciatica_gui.qt import resources
        from sciatica_gui.qt.settings import Settings
        from sciatica_gui.ui.main_window import MainWindow

        resources.register()
        library, _ = load_library()
        folder = tempfile.TemporaryDirectory()
        main_window = MainWindow(library, Settings(Path(folder.name)), driver)
        main_window.resize(1280, 800)
        main_window.show()
        timer_widget = main_window.timer

        paint = timer_widget.paintEvent

        def paint_and_note(event: QPaintEvent) -> None:
            # Noted when the painting is done: the new number is then in the window's pixels.
            paint(event)
            status = driver.status()
            display = timer_widget.display
            if status and display and display.seconds:
                key = (status.phase_index, display.seconds)
                if key in due:
                    painted.append((due.pop(key), clock.now_ns()))

        timer_widget.paintEvent = paint_and_note  # type: ignore[method-assign]
        keep += [folder, main_window]

    def on_phase(event: PhaseStarted) -> None:
        boundaries.append((event.phase_index, event.at_ns, clock.now_ns()))

    def on_second(event: SecondChanged) -> None:
        seconds.append((event.at_ns, clock.now_ns()))
        if not event.counting_in:
            due[(event.phase_index, event.seconds)] = event.at_ns

    driver.phaseStarted.connect(on_phase)
    driver.secondChanged.connect(on_second)
    driver.finished.connect(lambda _event: app.quit())
    driver.load(timeline)

    staller = QTimer()
    staller.setSingleShot(True)

    def stall() -> None:
        begin = clock.now_ns()
        until = begin + rnd.randint(0, 300) * NS_PER_MS
        while clock.now_ns() < until:
            pass
        stall_spans.append((begin, clock.now_ns()))
        staller.start(rnd.randint(100, 1500))

    staller.timeout.connect(stall)
    if stalls:
        staller.start(rnd.randint(100, 1500))
    QTimer.singleShot(0, driver.start)
    app.exec()
    staller.stop()

    def covered(deadline: int, received: int) -> bool:
        return any(begin <= received and end >= deadline for begin, end in stall_spans)

    free = [(r - d) / NS_PER_MS for _, d, r in boundaries if not covered(d, r)]
    all_late = [(r - d) / NS_PER_MS for _, d, r in boundaries]
    t0 = boundaries[0][1]
    drift = [d - (t0 + timeline.phases[i].start_s * 1_000_000_000) for i, d, _ in boundaries]
    indices = [i for i, _, _ in boundaries]
    missing = len(timeline.phases) - len(set(indices))
    in_order = indices == sorted(indices)
    label = "with stalls of 0-300 ms" if stalls else "on a free loop"
    label += ", window open" if window else ""
    print(f"{len(timeline.phases)} one-second phases {label}:")
    print(
        f"  boundary lateness, {len(free)} not covered by a stall:"
        f" p50 {percentile(free, 0.5):.2f} ms, p99 {percentile(free, 0.99):.2f} ms,"
        f" max {max(free):.2f} ms"
    )
    if stalls:
        print(
            f"  all {len(all_late)} boundaries, stalls included: max {max(all_late):.1f} ms"
            f" ({len(stall_spans)} stalls)"
        )
    signalled = [(shown - at) / NS_PER_MS for at, shown in seconds if not covered(at, shown)]
    print(
        f"  second-changed signal lateness, {len(signalled)} seconds: "
        f"p50 {percentile(signalled, 0.5):.2f} ms, p99 {percentile(signalled, 0.99):.2f} ms"
    )
    if window:
        shown = [(p - d) / NS_PER_MS for d, p in painted if not covered(d, p)]
        print(
            f"  displayed second (timer widget painted), {len(shown)} seconds: "
            f"p50 {percentile(shown, 0.5):.2f} ms, p99 {percentile(shown, 0.99):.2f} ms,"
            f" max {max(shown):.2f} ms"
        )
        if os.environ.get("BENCH_VERBOSE"):
            print("  painted lateness in order:", [round(x, 1) for x in shown])
    keep.clear()
    print(f"  drift of phase starts from plan: max {max(abs(x) for x in drift) / NS_PER_MS:.3f} ms")
    print(
        f"  phases reported {len(set(indices))} of {len(timeline.phases)} planned;"
        f" missing {missing}; in order: {in_order}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phases", type=int, default=120)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", choices=["free", "stalls"], help="run one of the two")
    parser.add_argument("--window", action="store_true", help="with the main window open")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    for stalls in (False, True):
        if args.only in (None, "stalls" if stalls else "free"):
            run(args.phases, stalls, args.seed, args.window)


if __name__ == "__main__":
    main()
