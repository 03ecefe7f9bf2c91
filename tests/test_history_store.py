"""Recording sessions: round trips, checkpoints and crashes, resuming, and refusing bad input."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from sciatica_gui.core.content import Level, Library
from sciatica_gui.core.summary import Outcome, summarise
from sciatica_gui.core.timeline import PhaseKind, compile_timeline
from sciatica_gui.history import (
    HistoryError,
    HistoryStore,
    SessionOutcome,
    plan_of,
)
from sciatica_gui.history.schema import CURRENT_VERSION
from tests.test_history_support import (
    CET,
    PLAN,
    START,
    FakeNow,
    Result,
    done,
    open_store,
    raw,
    record,
)


def test_a_session_comes_back_as_it_was_recorded(data_dir):
    now = FakeNow()
    store = open_store(data_dir, now)
    session = store.begin("full", "Full routine", "gentle", START, 6, PLAN)
    results = [*done(3), Result("knee_to_chest", 4, 2)]
    store.finish(session, START + timedelta(minutes=17), "finished", results, 931.5)
    store.set_pain_after(session, 3)
    store.close()

    [got] = open_store(data_dir, now).sessions()
    assert got.id == session
    assert got.started_at == START
    assert got.started_at.utcoffset() == timedelta(hours=1)  # shown in the store's zone
    assert got.ended_at == START + timedelta(minutes=17)
    assert (got.routine, got.routine_name, got.level) == ("full", "Full routine", "gentle")
    assert got.outcome is SessionOutcome.FINISHED
    assert got.active_seconds == 931.5
    assert (got.pain_before, got.pain_after) == (6, 3)
    assert got.position == len(PLAN)
    assert [(e.exercise, e.holds, e.reps, e.hold_seconds) for e in got.exercises] == [
        (p.exercise, p.holds, p.reps, p.hold_seconds) for p in PLAN
    ]
    assert [(e.holds_done, e.reps_done) for e in got.exercises] == [
        (6, 3),
        (6, 3),
        (10, 10),
        (4, 2),
    ]
    assert (got.holds_done, got.holds) == (26, 28)


def test_sessions_are_newest_first_and_limit_counts_sessions(data_dir):
    store = open_store(data_dir)
    ids = [record(store, START + timedelta(days=day)) for day in range(5)]
    assert [s.id for s in store.sessions()] == ids[::-1]
    limited = store.sessions(limit=2)
    assert [s.id for s in limited] == [ids[-1], ids[-2]]
    assert all(len(s.exercises) == len(PLAN) for s in limited)
    assert store.sessions(limit=0) == []
    assert [s.id for s in store.sessions(limit=2, offset=2)] == [ids[2], ids[1]]
    assert [s.id for s in store.sessions(offset=4)] == [ids[0]]
    assert store.sessions(offset=2, limit=2)[0].exercises == store.sessions()[2].exercises
    with pytest.raises(ValueError, match="negative"):
        store.sessions(offset=-1)


def test_skipped_pain_scores_are_stored_as_null(data_dir):
    store = open_store(data_dir)
    session = record(store, START, pain=(None, None))
    assert raw(
        store.path, "SELECT pain_before, pain_after FROM sessions WHERE id = ?", (session,)
    ) == [(None, None)]


def test_stopped_early_keeps_where_it_stopped(data_dir):
    store = open_store(data_dir)
    session = store.begin("full", "Full routine", "standard", START, 5, PLAN)
    store.checkpoint(session, done(1), 120, 1)
    store.finish(session, START + timedelta(minutes=3), "stopped", done(1), 150)
    [got] = store.sessions()
    assert got.outcome is SessionOutcome.STOPPED
    assert got.position == 1
    assert [e.holds_done for e in got.exercises] == [6, 0, 0, 0]
    assert store.interrupted() is None


def test_a_checkpoint_survives_a_crash_and_is_offered_for_resuming(data_dir):
    now = FakeNow()
    store = open_store(data_dir, now)
    session = store.begin("full", "Full routine", "standard", START, 7, PLAN)
    now.advance(minutes=4)
    store.checkpoint(session, done(2), 240.0, 2)
    store.close()  # no finish: the app died here

    now.advance(minutes=10)
    again = open_store(data_dir, now)
    offer = again.interrupted()
    assert offer is not None
    assert offer.id == session
    assert (offer.routine, offer.level, offer.position) == ("full", "standard", 2)
    assert offer.started_at == START
    assert offer.last_seen == START + timedelta(minutes=4)
    assert offer.active_seconds == 240.0
    assert offer.pain_before == 7
    assert [e.holds_done for e in offer.exercises] == [6, 6, 0, 0]
    # Resuming carries on in the same session.
    again.checkpoint(session, done(3), 300.0, 3)
    again.finish(session, now() + timedelta(minutes=5), "finished", done(4), 500.0)
    assert again.interrupted() is None
    [got] = again.sessions()
    assert got.outcome is SessionOutcome.FINISHED
    assert got.started_at == START


CRASHING_CHILD = """
import os, signal, sys
from datetime import datetime, UTC
from pathlib import Path
from sciatica_gui.history import HistoryStore, PlannedExercise
plan = [PlannedExercise("knee_to_chest", "Knee", 6, 3, 30)] * 3
store = HistoryStore.open(Path(sys.argv[1])).store
session = store.begin("full", "Full", "standard", datetime.now(UTC), 4, plan)
class R:
    exercise = "knee_to_chest"
    holds_done = 6
    reps_done = 3
store.checkpoint(session, [R()], 60.0, 1)
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_real_sigkill_after_a_checkpoint_loses_nothing_saved(data_dir):
    child = subprocess.run([sys.executable, "-c", CRASHING_CHILD, str(data_dir)], check=False)
    assert child.returncode == -signal.SIGKILL
    assert (data_dir / "history.sqlite3-wal").exists()  # the checkpoint lives in the WAL
    result = HistoryStore.open(data_dir)
    assert result.problem is None
    assert result.store is not None
    offer = result.store.interrupted()
    assert offer is not None
    assert offer.position == 1
    assert [e.holds_done for e in offer.exercises] == [6, 0, 0]
    assert raw(result.store.path, "PRAGMA integrity_check") == [("ok",)]


def test_abandoning_closes_the_session_as_interrupted_for_good(data_dir):
    now = FakeNow()
    store = open_store(data_dir, now)
    session = store.begin("full", "Full routine", "standard", START, None, PLAN)
    now.advance(minutes=2)
    store.checkpoint(session, done(1), 100, 1)
    store.abandon(session)
    store.abandon(session)  # no change the second time
    assert store.interrupted() is None
    [got] = store.sessions()
    assert got.outcome is SessionOutcome.INTERRUPTED
    assert got.ended_at == START + timedelta(minutes=2)  # when it was last seen alive
    assert got.holds_done == 6


def test_carrying_on_with_an_interrupted_session_reopens_it(data_dir):
    # A laptop asleep for a night, and another instance closed the session meanwhile:
    # when the person carries on, their exercise still counts.
    store = open_store(data_dir)
    session = store.begin("full", "Full routine", "standard", START, None, PLAN)
    store.abandon(session)
    store.checkpoint(session, done(1), 60, 1)
    assert store.sessions()[0].outcome is SessionOutcome.OPEN
    assert store.sessions()[0].ended_at is None
    store.finish(session, START + timedelta(minutes=5), "finished", done(4), 300)
    assert store.sessions()[0].outcome is SessionOutcome.FINISHED


def test_an_open_session_older_than_twelve_hours_is_kept_as_interrupted(data_dir):
    now = FakeNow()
    store = open_store(data_dir, now)
    session = store.begin("full", "Full routine", "standard", START, None, PLAN)
    store.checkpoint(session, done(1), 100, 1)
    store.close()
    now.advance(hours=12, seconds=1)
    again = open_store(data_dir, now)
    assert again.interrupted() is None
    [got] = again.sessions()
    assert got.outcome is SessionOutcome.INTERRUPTED
    assert got.ended_at == START


def test_of_two_open_sessions_the_newest_is_offered(data_dir):
    now = FakeNow()
    store = open_store(data_dir, now)
    first = store.begin("full", "Full routine", "standard", START, None, PLAN)
    second = store.begin("stretches", "Stretches", "gentle", START + timedelta(hours=1), None, PLAN)
    offer = store.interrupted()
    assert offer is not None
    assert offer.id == second
    store.abandon(second)
    offer = store.interrupted()
    assert offer is not None
    assert offer.id == first


def test_the_core_summary_and_timeline_fit_the_store(data_dir, library: Library):
    timeline = compile_timeline(library, library.routine("stretches"), Level.GENTLE)
    store = open_store(data_dir)
    session = store.begin(
        "stretches", "Stretches", Level.GENTLE, START, 4, plan_of(timeline.blocks)
    )
    outcomes = [Outcome.COMPLETED if p.kind is PhaseKind.HOLD else None for p in timeline.phases]
    summary = summarise(timeline, outcomes, 600 * 10**9, finished=True)
    store.checkpoint(session, summary.exercises[:1], 300.0, 1)
    store.finish(session, START + timedelta(minutes=10), "finished", summary.exercises, 600.0)
    [got] = store.sessions()
    assert got.level == "gentle"
    assert got.holds_done == summary.holds_done == got.holds
    assert [e.exercise for e in got.exercises] == [b.exercise.id for b in timeline.blocks]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda s, i: s.begin("full", "Full", "hard", START, None, PLAN), "level"),
        (lambda s, i: s.begin("full", "Full", "gentle", START, 11, PLAN), "pain"),
        (
            lambda s, i: s.begin("full", "Full", "gentle", START.replace(tzinfo=None), 1, PLAN),
            "zone",
        ),
        (lambda s, i: s.set_pain_after(i, -1), "pain"),
        (lambda s, i: s.set_pain_after(i, 3.5), "pain"),
        (lambda s, i: s.set_pain_after(i, True), "pain"),
        (lambda s, i: s.set_pain_after(i + 99, 3), "no session"),
        (lambda s, i: s.checkpoint(i, done(1), -1.0, 1), "negative"),
        (lambda s, i: s.checkpoint(i, done(1), 60.0, 5), "position"),
        (lambda s, i: s.checkpoint(i, [Result("floor_bridge", 1, 1)], 60.0, 1), "floor_bridge"),
        (lambda s, i: s.checkpoint(i, [Result("knee_to_chest", 7, 3)], 60.0, 1), "holds"),
        (lambda s, i: s.checkpoint(i, done(4) + done(1), 60.0, 4), "results"),
        (lambda s, i: s.finish(i, START, "interrupted", done(1), 60.0), "finishes"),
        (lambda s, i: s.abandon(i + 99), "no session"),
    ],
)
def test_wrong_arguments_are_value_errors_and_write_nothing(data_dir, call, message):
    store = open_store(data_dir)
    session = store.begin("full", "Full routine", "standard", START, None, PLAN)
    before = store.sessions()
    with pytest.raises(ValueError, match=message):
        call(store, session)
    assert store.sessions() == before


def test_a_closed_session_takes_no_more_progress(data_dir):
    store = open_store(data_dir)
    session = record(store, START)
    with pytest.raises(ValueError, match="already closed"):
        store.checkpoint(session, done(1), 10, 1)
    with pytest.raises(ValueError, match="already closed"):
        store.finish(session, START, "stopped", done(1), 10)


def test_the_file_is_durable_and_consistent(data_dir):
    store = open_store(data_dir)
    record(store, START)
    conn = store._conn
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert conn.execute("PRAGMA synchronous").fetchone() == (2,)  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone() == (1,)
    assert raw(store.path, "SELECT id, version FROM schema_version") == [(1, CURRENT_VERSION)]
    assert raw(store.path, "PRAGMA integrity_check") == [("ok",)]


def test_a_full_disk_is_a_history_error_naming_the_file_and_loses_nothing(data_dir):
    store = open_store(data_dir)
    kept = record(store, START)
    pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
    store._conn.execute(f"PRAGMA max_page_count = {pages}")  # as if the disk were full

    def fill_up() -> None:
        for _ in range(20):
            store.begin("full", "x" * 5000, "standard", START, None, PLAN)

    with pytest.raises(HistoryError, match=r"history\.sqlite3") as caught:
        fill_up()
    assert caught.value.path == store.path
    assert isinstance(caught.value.__cause__, sqlite3.Error)
    assert [s.id for s in store.sessions()] == [kept]
    assert raw(store.path, "PRAGMA integrity_check") == [("ok",)]


def test_a_folder_that_cannot_be_created_is_a_history_error(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a regular file where the data folder's parent should be")
    with pytest.raises(HistoryError, match="not-a-folder"):
        HistoryStore.open(blocker / "data")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores permissions")
def test_an_unwritable_folder_is_a_history_error(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(HistoryError, match="locked"):
            HistoryStore.open(folder)
    finally:
        folder.chmod(0o700)


def test_writing_after_close_is_a_history_error(data_dir):
    store = open_store(data_dir)
    store.close()
    with pytest.raises(HistoryError, match=str(data_dir)):
        store.begin("full", "Full routine", "standard", START, None, PLAN)


def test_a_store_is_a_context_manager(data_dir):
    with open_store(data_dir) as store:
        record(store, START)
    with pytest.raises(HistoryError):
        store.sessions()


def test_times_come_back_in_the_local_zone_by_default(data_dir):
    result = HistoryStore.open(data_dir, now=FakeNow())
    assert result.store is not None
    record(result.store, START)
    [got] = result.store.sessions()
    assert got.started_at == START
    assert got.started_at.utcoffset() == START.astimezone().utcoffset()


def test_the_zone_is_only_for_display(data_dir):
    store = open_store(data_dir, tz=CET)
    record(store, START)
    assert raw(store.path, "SELECT started_at FROM sessions") == [("2026-11-28T07:15:00Z",)]


def test_checkpoints_are_stamped_by_the_injected_clock(data_dir):
    now = FakeNow()
    store = open_store(data_dir, now)
    session = store.begin("full", "Full routine", "standard", START, None, PLAN)
    now.advance(minutes=9)
    store.checkpoint(session, done(1), 60, 1)
    assert raw(store.path, "SELECT updated_at FROM sessions") == [("2026-11-28T07:24:00Z",)]


def test_data_dir_and_path(data_dir: Path):
    store = open_store(data_dir)
    assert store.data_dir == data_dir
    assert store.path == data_dir / "history.sqlite3"


def test_the_history_loads_neither_qt_nor_anything_else_of_the_app():
    code = (
        "import sys, sciatica_gui.history\n"
        "print(','.join(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')"
        " or m.startswith('sciatica_gui.') and not m.startswith('sciatica_gui.history')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
