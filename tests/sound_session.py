"""Play a short session through the app's real sound path, in a process of its own.

    python -m tests.sound_session --log PATH [--voice] [--repeat N]

Used by tests/test_real_sound.py and bench/cue_latency.py, which record the
null sink while this runs. A separate process keeps QtMultimedia's one
PulseAudio connection pointed at the private server the caller started, and
keeps real time out of the test process.

It builds a timeline that touches every cue, loads the cues (and, with
`--voice`, the speech engine) and waits until they are ready, runs the
session on the system clock, and writes the clock time of the session's
start and of every phase boundary as JSON, so a recording can be matched to
the plan.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from sciatica_gui.core.content import Level, load_library
from sciatica_gui.core.timeline import (
    PHASE_WORDS,
    ExerciseBlock,
    Phase,
    PhaseKind,
    Side,
    Timeline,
    compile_timeline,
)

K = PhaseKind

#: (kind, seconds, side): every cue once or more, in about twenty seconds.
PLAN: tuple[tuple[PhaseKind, int, Side | None], ...] = (
    (K.HOLD, 4, Side.RIGHT),  # hold cue at 0; soft ticks at 1, 2, 3
    (K.RELEASE, 2, Side.RIGHT),  # release at 4
    (K.SWITCH_SIDE, 4, Side.LEFT),  # switch at 6; count-in ticks at 7, 8, 9
    (K.HOLD, 4, Side.LEFT),  # hold at 10; soft ticks at 11, 12, 13
    (K.RELEASE, 2, Side.LEFT),  # release at 14
    (K.NEXT_EXERCISE, 4, Side.RIGHT),  # exercise done at 16; count-in ticks at 17, 18, 19
)  # the routine is done at 20

#: What a listener should hear, by the second, for PLAN with the voice off.
EXPECTED_CUES: tuple[tuple[float, str], ...] = (
    (0, "hold"),
    (1, "last_seconds"),
    (2, "last_seconds"),
    (3, "last_seconds"),
    (4, "release"),
    (6, "switch_side"),
    (7, "count_in"),
    (8, "count_in"),
    (9, "count_in"),
    (10, "hold"),
    (11, "last_seconds"),
    (12, "last_seconds"),
    (13, "last_seconds"),
    (14, "release"),
    (16, "exercise_done"),
    (17, "count_in"),
    (18, "count_in"),
    (19, "count_in"),
    (20, "routine_done"),
)


def custom_timeline(plan: Sequence[tuple[PhaseKind, int, Side | None]]) -> Timeline:
    """A timeline of the given phases, all in the knee-to-chest stretch."""
    library, _ = load_library()
    template = compile_timeline(library, library.routine("knee_to_chest"), Level.GENTLE)
    exercise = template.blocks[0].exercise
    steps = {PhaseKind.HOLD: 2, PhaseKind.RELEASE: 3}
    phases = []
    clock = 0
    for kind, seconds, side in plan:
        phases.append(
            Phase(
                kind=kind,
                exercise=exercise.id,
                exercise_number=1,
                step=steps.get(kind, 1),
                rep=1,
                reps=1,
                side=side,
                seconds=seconds,
                start_s=clock,
                title=PHASE_WORDS[kind],
                instruction="",
            )
        )
        clock += seconds
    holds = sum(1 for kind, _, _ in plan if kind is PhaseKind.HOLD)
    block = ExerciseBlock(exercise, 1, 0, len(phases), clock, 4, 1, holds)
    return Timeline(template.routine, Level.GENTLE, tuple(phases), (block,))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--voice", action="store_true", help="speak as well")
    parser.add_argument("--log", type=Path, required=True, help="where to write the timings")
    parser.add_argument("--repeat", type=int, default=1, help="play the plan this many times")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from sciatica_gui.core.clock import SystemClock
    from sciatica_gui.core.events import PhaseStarted
    from sciatica_gui.qt import resources
    from sciatica_gui.qt.cue_player import CuePlayer
    from sciatica_gui.qt.session_audio import SessionAudio
    from sciatica_gui.qt.session_driver import SessionDriver
    from sciatica_gui.qt.speech import Speech

    app = QApplication([])
    resources.register()
    clock = SystemClock()
    cues = CuePlayer()
    speech = Speech()
    driver = SessionDriver(clock)
    audio = SessionAudio(driver, cues, speech)
    audio.words_on = args.voice
    driver.load(custom_timeline(PLAN * args.repeat), count_in_s=3)
    log: dict[str, object] = {"boundaries_ns": [], "problem": ""}

    def record_phase(event: PhaseStarted) -> None:
        log["boundaries_ns"].append(event.at_ns)  # type: ignore[attr-defined]

    driver.phaseStarted.connect(record_phase)
    driver.finished.connect(lambda event: log.__setitem__("finished_ns", event.at_ns))
    driver.finished.connect(lambda _event: QTimer.singleShot(2500, app.quit))

    def ready() -> bool:
        return cues.ready and (not args.voice or speech.available)

    waited = [0]

    def start_when_ready() -> None:
        if ready():
            log["started_ns"] = clock.now_ns()
            driver.start()
            return
        waited[0] += 1
        if waited[0] > 300:  # 30 s
            log["problem"] = cues.problem or speech.note or "sound or speech never became ready"
            app.quit()
            return
        QTimer.singleShot(100, start_when_ready)

    cues.load()
    if args.voice:
        speech.start()
    QTimer.singleShot(100, start_when_ready)
    app.exec()
    speech.shutdown()
    args.log.write_text(json.dumps(log), "utf-8")
    return 1 if log["problem"] else 0


if __name__ == "__main__":
    sys.exit(main())
