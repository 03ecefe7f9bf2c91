"""Upgrading the version-1 file in tests/fixtures: every row kept, and a backup made first."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from sciatica_gui.history import HistoryError, HistoryStore, SessionOutcome
from sciatica_gui.history.schema import CURRENT_VERSION
from tests.fixtures import make_history_v1 as v1
from tests.test_history_support import CET, PLAN, FakeNow, done, raw

FIXTURE = Path(__file__).parent / "fixtures" / "history_v1.sqlite3"
NOW = FakeNow(datetime(2024, 3, 10, 8, 0, tzinfo=UTC))


@pytest.fixture
def old_file(data_dir: Path) -> Path:
    target = data_dir / "history.sqlite3"
    shutil.copyfile(FIXTURE, target)
    return target


def utc(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


def test_the_fixture_is_a_version_1_file():
    assert raw(FIXTURE, "SELECT version FROM schema_version") == [(1,)]
    assert raw(FIXTURE, "SELECT count(*) FROM sessions") == [(len(v1.SESSIONS),)]


def test_every_session_exercise_and_pain_score_survives(data_dir, old_file):
    result = HistoryStore.open(data_dir, now=NOW, tz=CET)
    assert result.problem is None
    assert result.store is not None
    store = result.store
    assert raw(old_file, "SELECT version FROM schema_version") == [(CURRENT_VERSION,)]
    sessions = {s.id: s for s in store.sessions()}
    assert sorted(sessions) == [row[0] for row in v1.SESSIONS]
    pain = {(session, moment): score for session, moment, score in v1.PAIN}
    for id_, started, ended, routine, name, level, outcome in v1.SESSIONS:
        got = sessions[id_]
        assert (got.started_at, got.ended_at) == (utc(started), utc(ended))
        assert (got.routine, got.routine_name, got.level) == (routine, name, level)
        assert got.outcome is SessionOutcome(outcome)
        assert got.active_seconds == ended - started  # v1 had no pauses to subtract
        assert (got.pain_before, got.pain_after) == (
            pain.get((id_, "before")),
            pain.get((id_, "after")),
        )
        expected = [row[1:] for row in v1.EXERCISES if row[0] == id_]
        assert [
            (e.exercise, e.name, e.holds, e.holds_done, e.reps, e.reps_done, e.hold_seconds)
            for e in got.exercises
        ] == expected
        assert got.position == len(expected)


def test_a_backup_in_the_old_layout_is_made_first(data_dir, old_file):
    original = old_file.read_bytes()
    HistoryStore.open(data_dir, now=NOW)
    backup = data_dir / "backups" / "history-v1-20240310T080000Z.sqlite3"
    assert raw(backup, "SELECT version FROM schema_version") == [(1,)]
    for table in ("sessions", "exercises", "pain"):
        assert raw(backup, f"SELECT * FROM {table} ORDER BY 1, 2") == raw(
            FIXTURE, f"SELECT * FROM {table} ORDER BY 1, 2"
        )
    assert raw(backup, "PRAGMA integrity_check") == [("ok",)]
    assert raw(backup, "PRAGMA journal_mode") == [("delete",)]  # one self-contained file
    assert old_file.read_bytes() != original  # and only then was the file itself changed


def test_the_migrated_file_is_consistent_and_takes_new_sessions(data_dir, old_file):
    store = HistoryStore.open(data_dir, now=NOW).store
    assert store is not None
    assert raw(old_file, "PRAGMA integrity_check") == [("ok",)]
    assert raw(old_file, "PRAGMA foreign_key_check") == []
    assert {name for (name,) in raw(old_file, "SELECT name FROM sqlite_master")} >= {
        "sessions",
        "exercises",
        "schema_version",
        "sessions_by_start",
    }
    assert not any(
        str(name).startswith("v1_") for (name,) in raw(old_file, "SELECT name FROM sqlite_master")
    )
    session = store.begin("full", "Full routine", "gentle", NOW(), 3, PLAN)
    store.finish(session, NOW() + timedelta(minutes=9), "finished", done(2), 540.0)
    assert len(store.sessions()) == len(v1.SESSIONS) + 1
    assert max(s.id for s in store.sessions()) == session


def test_a_second_opening_does_not_migrate_or_back_up_again(data_dir, old_file):
    for _ in range(2):
        store = HistoryStore.open(data_dir, now=NOW).store
        assert store is not None
        store.close()
        if _ == 0:
            before = sorted((data_dir / "backups").iterdir())
    assert sorted((data_dir / "backups").iterdir()) == before


def test_a_failed_migration_leaves_the_file_as_it_was(data_dir, old_file):
    conn = sqlite3.connect(old_file)
    conn.execute("DROP TABLE pain")  # a damaged old file the migration cannot read
    conn.commit()
    conn.close()
    original = old_file.read_bytes()
    with pytest.raises(HistoryError, match=r"history\.sqlite3") as caught:
        HistoryStore.open(data_dir, now=NOW)
    assert "update" in str(caught.value)
    assert old_file.read_bytes() == original
    assert raw(old_file, "SELECT version FROM schema_version") == [(1,)]


def test_out_of_range_old_values_are_clamped_not_fatal(data_dir, old_file):
    conn = sqlite3.connect(old_file)
    conn.execute("UPDATE exercises SET holds_done = 99 WHERE id = 1")
    conn.execute("UPDATE pain SET score = 12 WHERE session_id = 1 AND moment = 'before'")
    conn.execute(
        "INSERT INTO exercises (session_id, exercise, name, holds, holds_done, reps,"
        " reps_done, hold_seconds) VALUES (404, 'x', 'x', 1, 1, 1, 1, 1)"
    )
    conn.commit()
    conn.close()
    store = HistoryStore.open(data_dir, now=NOW).store
    assert store is not None
    first = next(s for s in store.sessions() if s.id == 1)
    assert first.exercises[0].holds_done == first.exercises[0].holds
    assert first.pain_before is None
    assert raw(old_file, "SELECT count(*) FROM exercises WHERE session_id = 404") == [(0,)]


def test_the_fixture_script_rebuilds_the_same_rows(tmp_path):
    rebuilt = tmp_path / "again.sqlite3"
    v1.write(rebuilt)
    for table in ("schema_version", "sessions", "exercises", "pain"):
        assert raw(rebuilt, f"SELECT * FROM {table}") == raw(FIXTURE, f"SELECT * FROM {table}")
