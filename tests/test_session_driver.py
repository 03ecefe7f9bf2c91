"""The Qt adapter: engine events become signals; one precise timer waits for the next moment."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from sciatica_gui.core.clock import NS_PER_S
from sciatica_gui.core.content import Level
from sciatica_gui.core.events import PhaseStarted, SecondChanged, State
from sciatica_gui.core.timeline import compile_timeline
from sciatica_gui.qt.session_driver import SessionDriver


@pytest.fixture
def driver(qtbot, clock, library):
    driver = SessionDriver(clock)
    driver.load(compile_timeline(library, library.routine("floor_bridge"), Level.GENTLE))
    return driver


def record(driver):
    seen = []
    for name in (
        "stateChanged",
        "phaseStarted",
        "phaseEnded",
        "exerciseStarted",
        "countInStarted",
        "secondChanged",
        "finished",
        "stopped",
    ):
        getattr(driver, name).connect(lambda event, name=name: seen.append((name, event)))
    return seen


def test_nothing_runs_before_a_timeline_is_loaded(qtbot, clock):
    driver = SessionDriver(clock)
    driver.toggle()
    assert driver.state is State.IDLE
    assert driver.status() is None
    assert driver.timeline is None
    assert not driver.can(State.RUNNING)  # type: ignore[arg-type]


def test_the_timer_is_one_precise_single_shot(driver):
    timer = driver._timer
    assert timer.isSingleShot()
    assert timer.timerType() is Qt.TimerType.PreciseTimer
    assert driver.timer_interval_ms() is None


def test_start_emits_signals_in_order_and_arms_for_the_next_second(driver, clock):
    seen = record(driver)
    driver.start()
    assert [name for name, _ in seen] == [
        "stateChanged",
        "exerciseStarted",
        "phaseStarted",
        "secondChanged",
    ]
    # The loop sleeps until a millisecond before the next second is due.
    assert driver.timer_interval_ms() == 999
    clock.advance(0.2505)
    driver.tick()
    assert driver.timer_interval_ms() == 748


def test_an_early_wake_polls_the_last_millisecond_and_the_second_comes_on_time(driver, clock):
    seen = record(driver)
    driver.start()
    seen.clear()
    clock.advance_ns(999 * 1_000_000)
    driver.tick()
    assert seen == []
    assert driver.timer_interval_ms() == 0
    clock.advance_ns(600_000)
    driver.tick()
    assert seen == []
    assert driver.timer_interval_ms() == 0
    clock.advance_ns(400_000)
    driver.tick()
    assert seen == [("secondChanged", SecondChanged(0, 4, False, clock.now_ns()))]
    assert driver.timer_interval_ms() == 999


def test_settled_follows_the_events_of_each_command_once(driver, clock):
    order: list[str] = []
    driver.secondChanged.connect(lambda _event: order.append("secondChanged"))
    driver.settled.connect(lambda: order.append("settled"))
    driver.start()
    assert order == ["secondChanged", "settled"]
    clock.advance(0.5)
    driver.tick()  # nothing new to show: no events, nothing to redraw
    assert order == ["secondChanged", "settled"]
    clock.advance(26)
    driver.tick()  # many boundaries at once, one redraw
    assert order.count("settled") == 2
    assert order[-1] == "settled"


def test_the_timer_timeout_drives_the_engine(driver, clock, qtbot):
    driver.start()
    clock.advance(1)  # the fake clock is already at the moment the timer waits for
    driver._timer.start(0)
    with qtbot.waitSignal(driver.secondChanged, timeout=1000) as blocker:
        pass
    assert blocker.args[0] == SecondChanged(0, 4, False, clock.now_ns())


def test_a_late_tick_emits_every_boundary(driver, clock):
    seen = record(driver)
    driver.start()
    start = clock.now_ns()
    clock.advance(26)
    driver.tick()
    started = [event.phase_index for name, event in seen if name == "phaseStarted"]
    assert started == [0, 1, 2, 3, 4]
    assert [e.at_ns - start for n, e in seen if n == "phaseStarted"] == [
        0,
        5 * NS_PER_S,
        15 * NS_PER_S,
        20 * NS_PER_S,
        25 * NS_PER_S,
    ]
    assert driver.timer_interval_ms() == 999


def test_pause_disarms_and_resume_re_arms_for_the_count_in(driver, clock):
    driver.start()
    clock.advance(0.5)
    driver.pause()
    assert driver.state is State.PAUSED
    assert driver.timer_interval_ms() is None
    clock.advance(30)
    driver.resume()
    assert driver.status().counting_in
    assert driver.timer_interval_ms() == 999


@pytest.mark.parametrize(
    ("command", "index"), [("skip", 1), ("next_exercise", None), ("back", 0), ("stop", 0)]
)
def test_commands_reach_the_engine(driver, clock, command, index):
    driver.start()
    getattr(driver, command)()
    status = driver.status()
    if command == "next_exercise":
        assert driver.state is State.FINISHED
        assert driver.timer_interval_ms() is None
    elif command == "stop":
        assert driver.state is State.STOPPED
    else:
        assert status.phase_index == index


def test_a_whole_routine_runs_on_the_timer_alone(driver, clock, qtbot):
    """Fire the timer at each armed moment, with the fake clock set to that moment.

    A zero interval is a poll of the last millisecond; a real clock moves on between
    polls, here by a tenth of a millisecond.
    """
    seen = record(driver)
    driver.start()
    wakes = 0
    while driver.state is State.RUNNING:
        clock.advance_ns(max(driver.timer_interval_ms() * 1_000_000, 100_000))
        driver._timer.timeout.emit()
        wakes += 1
    assert driver.state is State.FINISHED
    seconds = driver.timeline.total_seconds
    assert wakes <= seconds * 11  # one sleep and at most ten polls a second
    phases = [e for n, e in seen if n == "phaseStarted"]
    assert [p.phase_index for p in phases] == list(range(len(driver.timeline.phases)))
    assert all(isinstance(p, PhaseStarted) for p in phases)
    assert [n for n, _ in seen].count("finished") == 1


def test_loading_a_new_timeline_replaces_the_session(driver, library):
    driver.start()
    with_loaded: list[object] = []
    driver.loaded.connect(with_loaded.append)
    timeline = compile_timeline(library, library.routine("stretches"), Level.STANDARD)
    driver.load(timeline, count_in_s=5)
    assert with_loaded == [timeline]
    assert driver.state is State.IDLE
    assert driver.timer_interval_ms() is None
    assert driver.engine is not None
    assert driver.clock is not None
