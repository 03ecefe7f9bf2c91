"""The session under way is written as it happens: begun, checkpointed per exercise, ended."""

from __future__ import annotations

from sciatica_gui.core.clock import FakeClock
from sciatica_gui.core.content import Level, Library, Routine
from sciatica_gui.core.engine import SessionEngine
from sciatica_gui.core.events import Event, ExerciseStarted, State
from sciatica_gui.core.timeline import Timeline, compile_timeline
from sciatica_gui.history import HistoryError, SessionOutcome
from sciatica_gui.history.recorder import SessionRecorder
from tests.test_history_support import FakeNow, open_store


def run(
    engine: SessionEngine,
    clock: FakeClock,
    recorder: SessionRecorder,
    until_exercise: int | None = None,
) -> None:
    """Drive the engine as the window does, telling the recorder about exercises and the end."""

    def tell(events: list[Event]) -> bool:
        for event in events:
            if isinstance(event, ExerciseStarted):
                recorder.exercise_started(event.number, engine.summary())
                if event.number == until_exercise:
                    return False
        return True

    if not tell(engine.start()):
        return
    while engine.state is State.RUNNING:
        wake = engine.next_wakeup_ns()
        assert wake is not None
        clock.set_ns(wake)
        if not tell(engine.tick()):
            return
    recorder.end(engine.summary())


def ignore(message: str) -> None:
    pass


def full(library: Library) -> Timeline:
    return compile_timeline(library, library.routine("full"), Level.GENTLE)


def test_a_finished_session_is_recorded_with_every_hold(library, data_dir, clock):
    store = open_store(data_dir, FakeNow())
    problems: list[str] = []
    recorder = SessionRecorder(store, FakeNow(), problems.append)
    timeline = full(library)
    recorder.begin(timeline, pain_before=5)
    run(SessionEngine(timeline, clock), clock, recorder)
    recorder.pain_after(3)
    [session] = store.sessions()
    assert session.outcome is SessionOutcome.FINISHED
    assert (session.pain_before, session.pain_after) == (5, 3)
    assert session.holds_done == session.holds == sum(b.holds for b in timeline.blocks)
    assert session.active_seconds == timeline.total_seconds
    assert problems == []


def test_a_crash_mid_session_loses_at_most_the_exercise_under_way(library, data_dir, clock):
    store = open_store(data_dir, FakeNow())
    recorder = SessionRecorder(store, FakeNow(), ignore)
    timeline = full(library)
    recorder.begin(timeline, pain_before=None)
    run(SessionEngine(timeline, clock), clock, recorder, until_exercise=3)
    store.close()  # the process dies here: nothing more is written

    reopened = open_store(data_dir, FakeNow())
    interrupted = reopened.interrupted()
    assert interrupted is not None
    assert interrupted.position == 2
    first_two = [(e.holds_done, e.holds) for e in interrupted.exercises[:2]]
    assert all(done == holds for done, holds in first_two)
    assert all(e.holds_done == 0 for e in interrupted.exercises[2:])


def test_a_resumed_session_carries_on_as_one_session(library, data_dir, clock):
    store = open_store(data_dir, FakeNow())
    timeline = full(library)
    first = SessionRecorder(store, FakeNow(), ignore)
    first.begin(timeline, pain_before=4)
    run(SessionEngine(timeline, clock), clock, first, until_exercise=3)
    interrupted = store.interrupted()
    assert interrupted is not None

    remaining = Routine(
        timeline.routine.id, timeline.routine.name, timeline.routine.exercises[2:], True
    )
    rest = compile_timeline(library, remaining, Level.GENTLE)
    again = SessionRecorder(store, FakeNow(), ignore)
    again.begin(rest, pain_before=None, resumed=interrupted)
    run(SessionEngine(rest, clock), clock, again)
    [session] = store.sessions()
    assert session.id == interrupted.id
    assert session.outcome is SessionOutcome.FINISHED
    assert session.pain_before == 4
    assert session.holds_done == session.holds
    assert store.interrupted() is None


def test_stopping_early_is_recorded_as_stopped(library, data_dir, clock):
    store = open_store(data_dir, FakeNow())
    recorder = SessionRecorder(store, FakeNow(), ignore)
    timeline = full(library)
    recorder.begin(timeline, pain_before=2)
    engine = SessionEngine(timeline, clock)
    engine.start()
    clock.advance(40)
    engine.tick()
    engine.stop()
    recorder.end(engine.summary())
    [session] = store.sessions()
    assert session.outcome is SessionOutcome.STOPPED
    assert session.holds_done < session.holds


def test_a_disk_that_refuses_writes_is_reported_once_and_the_session_goes_on(
    library, data_dir, clock
):
    store = open_store(data_dir, FakeNow())
    problems: list[str] = []
    recorder = SessionRecorder(store, FakeNow(), problems.append)
    timeline = full(library)
    recorder.begin(timeline, pain_before=None)
    path = data_dir / "history.sqlite3"

    def refuse(*_args, **_kwargs):
        raise HistoryError(f"Could not save progress to {path}: the disk is full.", path)

    # The disk fills up mid-session: every write from now on fails.
    for name in ("checkpoint", "finish", "set_pain_after"):
        setattr(store, name, refuse)
    engine = SessionEngine(timeline, clock)
    run(engine, clock, recorder)
    recorder.pain_after(1)
    assert engine.state is State.FINISHED
    assert len(problems) == 1
    assert "history.sqlite3" in problems[0]


def test_nothing_is_written_before_a_session_begins(library, data_dir):
    store = open_store(data_dir, FakeNow())
    recorder = SessionRecorder(store, FakeNow(), ignore)
    summary = SessionEngine(full(library), FakeClock()).summary()
    recorder.exercise_started(2, summary)
    recorder.end(summary)
    recorder.pain_after(3)
    assert recorder.session_id is None
    assert store.sessions() == []


def test_skipping_to_the_end_without_a_hold_is_recorded_as_stopped(library, data_dir, clock):
    store = open_store(data_dir, FakeNow())
    recorder = SessionRecorder(store, FakeNow(), ignore)
    timeline = full(library)
    recorder.begin(timeline, pain_before=None)
    engine = SessionEngine(timeline, clock)
    engine.start()
    while engine.state is State.RUNNING:
        engine.next_exercise()
    summary = engine.summary()
    assert summary.finished  # the engine reached the end ...
    recorder.end(summary)
    [session] = store.sessions()
    assert session.outcome is SessionOutcome.STOPPED  # ... but nothing was done


def test_results_that_no_longer_fit_the_plan_are_reported_not_raised(library, data_dir, clock):
    store = open_store(data_dir, FakeNow())
    problems: list[str] = []
    recorder = SessionRecorder(store, FakeNow(), problems.append)
    recorder.begin(full(library), pain_before=None)
    other = compile_timeline(library, library.routine("stretches"), Level.GENTLE)
    recorder.end(SessionEngine(other, clock).summary())
    assert len(problems) == 1
