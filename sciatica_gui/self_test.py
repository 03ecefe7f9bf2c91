"""`sciatica-gui --self-test`: prove that this installation, frozen or not, has what it needs.

Headless and quick, so a release script or CI can run the packaged app and
trust its exit status (0: all well, 1: something failed, each failure named
on stderr). It checks what a missing file or a trimmed-away Qt plugin would
break, through the app's own code paths:

- every compiled resource reads back: each drawing renders through
  `Illustrations` (mirrored too), the icon through Qt's SVG icon engine and
  image plugin, each cue decodes as the cue player would;
- every Qt module the app imports loads, and a speech engine plugin is there;
- every built-in routine compiles at both levels and runs to its end through
  the session engine on a fake clock;
- each of those sessions is written to the history store in the data folder
  (a temporary one unless `--data-dir` is given), read back, and read back
  again after the store is closed and reopened.

Sound stays off: no audio device is opened and no speech engine is started,
so a machine without sound passes. Setting SCIATICA_SELF_TEST_SOUND=1 adds
one check that does open the default output and plays every cue through
the app's `CuePlayer`, for a packaging check that records a null sink.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, TextIO

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

    from sciatica_gui.core.content import Level, Library, Routine
    from sciatica_gui.history.store import HistoryStore

SOUND_VARIABLE = "SCIATICA_SELF_TEST_SOUND"
#: Share of a rendered drawing that must be ink: an empty or broken render has none.
MIN_INK = 0.01
#: Modules that must import, besides every module pkgutil finds in the package: the ones
#: the app imports lazily, which a freezer could miss, and the Qt modules they need.
MODULES = (
    "sciatica_gui.app",
    "sciatica_gui.ui.main_window",
    "sciatica_gui.ui.screenshot",
    "sciatica_gui.ui.first_frame",
    "sciatica_gui.ui.preferences",
    "sciatica_gui.qt.cue_player",
    "sciatica_gui.qt.speech",
    "sciatica_gui.qt.session_audio",
    "sciatica_gui.qt.session_driver",
    "sciatica_gui.qt.settings",
    "sciatica_gui.qt.screen_saver",
    "sciatica_gui.history",
    "PySide6.QtSvg",
    "PySide6.QtMultimedia",
    "PySide6.QtTextToSpeech",
    "PySide6.QtDBus",
)


class Recorded(NamedTuple):
    """What a session on the fake clock did, to compare with what the store gives back."""

    session_id: int
    routine: str
    level: str
    exercises: int
    holds: int
    active_seconds: float


class SelfTest:
    def __init__(self) -> None:
        self.failures: list[str] = []

    def fail(self, what: str) -> None:
        self.failures.append(what)

    @contextmanager
    def check(self, what: str) -> Iterator[None]:
        """Run a block of checks; an exception in it is a failure of `what`, not a crash."""
        try:
            yield
        except Exception as error:  # the point of a self-test: report, never crash
            self.fail(f"{what}: {type(error).__name__}: {error}")


def ink(image: QImage) -> float:
    """Share of pixels that are not fully transparent (ARGB32: alpha is every 4th byte)."""
    from PySide6.QtGui import QImage

    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    alpha = bytes(image.constBits())[3 if sys.byteorder == "little" else 0 :: 4]
    return 1 - alpha.count(0) / max(1, len(alpha))


def resource_files(folder: str) -> list[str]:
    """Every file under a `:/` folder, sorted."""
    from PySide6.QtCore import QDirIterator

    iterator = QDirIterator(folder, QDirIterator.IteratorFlag.Subdirectories)
    found = []
    while iterator.hasNext():
        path = iterator.next()
        if iterator.fileInfo().isFile():
            found.append(path)
    return sorted(found)


def check_illustrations(test: SelfTest, library: Library | None) -> int:
    from PySide6.QtCore import QSize

    from sciatica_gui.qt.illustrations import Illustrations

    paths = resource_files(":/illustrations")
    if not paths:
        test.fail("resources: there are no drawings under :/illustrations")
    names = [path.removeprefix(":/illustrations/").removesuffix(".svg") for path in paths]
    illustrations = Illustrations()
    for name in names:
        with test.check(f"drawing {name}"):
            for mirrored in (False, True):
                pixmap = illustrations.pixmap(name, QSize(320, 180), mirrored=mirrored)
                share = ink(pixmap.toImage())
                if share < MIN_INK:
                    test.fail(f"drawing {name} (mirrored={mirrored}) rendered {share:.1%} ink")
    if library is not None:
        for exercise in library.exercises.values():
            for step in exercise.steps:
                if step.illustration not in names:
                    test.fail(
                        f"exercise {exercise.id}: its drawing {step.illustration!r} is not"
                        " in the resources"
                    )
    return len(names)


def check_icon(test: SelfTest) -> None:
    from PySide6.QtGui import QIcon, QImage

    with test.check("icon"):
        # QIcon draws through the SVG icon engine plugin, QImage through the SVG image
        # format plugin: the two plugins a trimmed bundle must keep.
        icon = QIcon(":/icons/app.svg")
        if icon.isNull() or ink(icon.pixmap(64, 64).toImage()) < MIN_INK:
            test.fail("icon: :/icons/app.svg did not draw as an icon (SVG icon engine missing?)")
        image = QImage(":/icons/app.svg")
        if image.isNull() or ink(image) < MIN_INK:
            test.fail("icon: :/icons/app.svg did not load as an image (SVG image plugin missing?)")


def check_sounds(test: SelfTest) -> int:
    from PySide6.QtCore import QFile, QIODevice

    from sciatica_gui.core.announcements import Cue
    from sciatica_gui.qt.cue_player import read_wav, resource_path

    count = 0
    for cue in Cue:
        with test.check(f"sound {cue.value}"):
            file = QFile(resource_path(cue))
            if not file.open(QIODevice.OpenModeFlag.ReadOnly):
                test.fail(f"sound {cue.value}: {resource_path(cue)} is not in the resources")
                continue
            pcm = read_wav(bytes(file.readAll().data()))
            file.close()
            if pcm is None or pcm.duration_ms <= 0:
                test.fail(f"sound {cue.value}: {resource_path(cue)} is not 44.1 kHz mono PCM")
                continue
            count += 1
    return count


def package_modules() -> list[str]:
    import pkgutil

    import sciatica_gui

    found = pkgutil.walk_packages(sciatica_gui.__path__, "sciatica_gui.")
    # __main__ would run the app.
    return [name for _, name, _ in found if not name.endswith(".__main__")]


def check_modules(test: SelfTest) -> int:
    """Import every module; returns how many imported."""
    import importlib

    names: list[str] = list(MODULES)
    with test.check("listing the package's modules"):
        names += [name for name in package_modules() if name not in names]
    imported = 0
    for name in names:
        with test.check(f"import {name}"):
            importlib.import_module(name)
            imported += 1
    with test.check("speech plugins"):
        from PySide6.QtTextToSpeech import QTextToSpeech

        # Listing engines reads the plugins' metadata only: no engine is started.
        engines = [engine for engine in QTextToSpeech.availableEngines() if engine != "mock"]
        if not engines:
            test.fail("speech plugins: no text-to-speech engine plugin was found")
    return imported


def run_routine(
    test: SelfTest, store: HistoryStore | None, library: Library, routine: Routine, level: Level
) -> Recorded | None:
    """Run `routine` to its end on a fake clock, recorded the way the app records a session."""
    from sciatica_gui.core.clock import FakeClock
    from sciatica_gui.core.engine import SessionEngine
    from sciatica_gui.core.events import ExerciseStarted, State
    from sciatica_gui.core.timeline import compile_timeline
    from sciatica_gui.history.recorder import SessionRecorder

    what = f"routine {routine.id} ({level.value})"
    timeline = compile_timeline(library, routine, level)
    clock = FakeClock()
    engine = SessionEngine(timeline, clock)
    # The record's times follow the fake clock, ending now.
    origin = datetime.now(UTC) - timedelta(seconds=timeline.total_seconds)

    def now() -> datetime:
        return origin + timedelta(microseconds=clock.now_ns() // 1000)

    recorder = None
    if store is not None:
        recorder = SessionRecorder(store, now, lambda problem: test.fail(f"{what}: {problem}"))
        recorder.begin(timeline, None)
    events = engine.start()
    # Generous: a routine needs about one wake-up a second, and none lasts an hour.
    for _ in range(10 * 3600):
        for event in events:
            if isinstance(event, ExerciseStarted) and recorder is not None:
                recorder.exercise_started(event.number, engine.summary())
        if engine.state is not State.RUNNING:
            break
        wake = engine.next_wakeup_ns()
        if wake is None:
            break
        clock.set_ns(wake)
        events = engine.tick()
    summary = engine.summary()
    if engine.state is not State.FINISHED or not summary.finished:
        test.fail(f"{what}: the engine stopped in state {engine.state.value}, not finished")
        return None
    if summary.holds == 0 or summary.holds_done != summary.holds:
        test.fail(f"{what}: {summary.holds_done} of {summary.holds} holds done")
    if abs(summary.active_seconds - timeline.total_seconds) > 1e-6:
        test.fail(
            f"{what}: {summary.active_seconds} s active, the timeline plans"
            f" {timeline.total_seconds} s"
        )
    if recorder is None or recorder.session_id is None:
        return None
    recorder.end(summary)
    return Recorded(
        recorder.session_id,
        routine.id,
        level.value,
        len(timeline.blocks),
        summary.holds,
        summary.active_seconds,
    )


def check_read_back(
    test: SelfTest, store: HistoryStore, recorded: list[Recorded], when: str
) -> int:
    from sciatica_gui.history import SessionOutcome

    stored = {session.id: session for session in store.sessions()}
    found = 0
    for expected in recorded:
        what = (
            f"history ({when}): session {expected.session_id}"
            f" ({expected.routine}, {expected.level})"
        )
        session = stored.get(expected.session_id)
        if session is None:
            test.fail(f"{what} is missing from {store.path}")
            continue
        actual = (
            session.routine,
            session.level,
            session.outcome,
            len(session.exercises),
            session.position,
            session.holds_done,
            session.holds,
        )
        wanted = (
            expected.routine,
            expected.level,
            SessionOutcome.FINISHED,
            expected.exercises,
            expected.exercises,
            expected.holds,
            expected.holds,
        )
        if actual != wanted or abs(session.active_seconds - expected.active_seconds) > 1e-3:
            test.fail(f"{what} reads back as {actual}, {session.active_seconds} s; wrote {wanted}")
            continue
        found += 1
    return found


def check_routines_and_history(test: SelfTest, library: Library, data_dir: Path) -> tuple[int, int]:
    """(routines x levels run, sessions read back after reopening the store)."""
    from sciatica_gui.core.content import Level
    from sciatica_gui.history import HistoryError, HistoryStore

    builtin = [routine for routine in library.routines if routine.builtin]
    if not builtin:
        test.fail("content: no built-in routines")
    store: HistoryStore | None = None
    try:
        opened = HistoryStore.open(data_dir)
        store = opened.store
        if opened.problem is not None:
            test.fail(f"history: {opened.problem.message}")
        if store is None:
            test.fail(f"history: no history store in {data_dir}; sessions are not recorded")
    except HistoryError as error:
        test.fail(f"history: {error}")
    recorded: list[Recorded] = []
    runs = 0
    for routine in builtin:
        for level in Level:
            with test.check(f"routine {routine.id} ({level.value})"):
                result = run_routine(test, store, library, routine, level)
                runs += 1
                if result is not None:
                    recorded.append(result)
    if store is None:
        return runs, 0
    read_back = 0
    with test.check("history"):
        try:
            check_read_back(test, store, recorded, "written")
        finally:
            store.close()
        # Closed and opened again: what a second start of the app would read from the disk.
        reopened = HistoryStore.open(data_dir)
        if reopened.problem is not None:
            test.fail(f"history (reopened): {reopened.problem.message}")
        if reopened.store is None:
            test.fail(f"history (reopened): the store in {data_dir} did not open again")
        else:
            with reopened.store as again:
                read_back = check_read_back(test, again, recorded, "reopened")
    return runs, read_back


def check_sound_output(test: SelfTest) -> int:
    """Open the default output and play every cue through the app's CuePlayer, in real time."""
    from PySide6.QtCore import QDeadlineTimer, QEventLoop, QTimer

    from sciatica_gui.core.announcements import Cue
    from sciatica_gui.qt.cue_player import CuePlayer

    def wait(ms: int, done: object = None) -> None:
        deadline = QDeadlineTimer(ms)
        loop = QEventLoop()
        while not deadline.hasExpired() and not (callable(done) and done()):
            QTimer.singleShot(10, loop.quit)
            loop.exec()

    player = CuePlayer()
    played = 0
    try:
        player.load()
        wait(10_000, lambda: player.ready or bool(player.problem))
        if not player.ready:
            test.fail(f"sound output: {player.problem or 'the output did not open within 10 s'}")
            return 0
        for cue in Cue:
            if player.play(cue):
                played += 1
            else:
                test.fail(f"sound output: the {cue.value} cue did not start")
            wait(player.duration_ms(cue) + 200)
        if player.problem:
            test.fail(f"sound output: {player.problem}")
    finally:
        player.close()
    return played


def run(data_dir: Path | None, out: TextIO, err: TextIO) -> int:
    """Run every check; print one summary line to `out`, or each failure to `err`. 0 or 1."""
    started = time.perf_counter()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from sciatica_gui import APP_NAME
    from sciatica_gui.core.content import Level, load_library
    from sciatica_gui.qt import resources

    app = QApplication.instance() or QApplication(sys.argv[:1])
    test = SelfTest()
    counts = {"modules": 0, "drawings": 0, "sounds": 0, "runs": 0, "sessions": 0, "cues": 0}
    library: Library | None = None
    with test.check("content"):
        library, problems = load_library()
        for problem in problems:
            test.fail(f"content: {problem}")
    registered = False
    with test.check("resources"):
        resources.register()
        registered = True
    if registered:
        counts["drawings"] = check_illustrations(test, library)
        check_icon(test)
        counts["sounds"] = check_sounds(test)
    counts["modules"] = check_modules(test)
    temporary = None
    if data_dir is None:
        temporary = tempfile.TemporaryDirectory(prefix=f"{APP_NAME}-self-test-")
        folder = Path(temporary.name)
    else:
        folder = data_dir
    try:
        with test.check(f"data folder {folder}"):
            folder.mkdir(parents=True, exist_ok=True)
            if library is not None:
                counts["runs"], counts["sessions"] = check_routines_and_history(
                    test, library, folder
                )
        if os.environ.get(SOUND_VARIABLE) == "1":
            with test.check("sound output"):
                counts["cues"] = check_sound_output(test)
    finally:
        if temporary is not None:
            temporary.cleanup()
    del app
    elapsed = time.perf_counter() - started
    if test.failures:
        for failure in test.failures:
            print(f"{APP_NAME}: self-test: {failure}", file=err)
        print(f"self-test FAILED: {len(test.failures)} problems, {elapsed:.1f} s", file=err)
        return 1
    where = f"{folder} (temporary, removed)" if temporary is not None else str(folder)
    levels = len(Level)
    routines = counts["runs"] // levels
    sound = f", {counts['cues']} cues played" if counts["cues"] else ""
    print(
        f"self-test passed: {counts['modules']} modules, {counts['drawings']} illustrations,"
        f" {counts['sounds']} sounds,"
        f" {routines} routines x {levels} levels, {counts['sessions']} sessions recorded in"
        f" {where}{sound}, {elapsed:.1f} s",
        file=out,
    )
    return 0
