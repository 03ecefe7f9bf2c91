"""Opening files that cannot be used: never overwritten, always explained, the app carries on."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from sciatica_gui.history import HistoryError, HistoryStore, ProblemKind, connection
from tests.test_history_support import START, FakeNow, open_store, raw, record

FILE = "history.sqlite3"


def real_database(folder: Path, sessions: int = 60) -> bytes:
    """The bytes of a real, closed history file with some sessions in it, and a backup of it."""
    folder.mkdir(exist_ok=True)
    store = open_store(folder)
    for day in range(sessions):
        record(store, START + timedelta(days=day))
    store.close()
    open_store(folder).close()  # the first opening found nothing worth a backup; this one does
    return (folder / FILE).read_bytes()


def moved_aside(data_dir: Path) -> list[Path]:
    return sorted(p for p in data_dir.iterdir() if p.name.startswith(f"{FILE}.") and "-" in p.name)


def assert_fresh_history_started(result, data_dir: Path) -> None:
    assert result.store is not None
    record(result.store, START)
    assert len(result.store.sessions()) == 1
    assert raw(data_dir / FILE, "PRAGMA integrity_check") == [("ok",)]


def test_random_bytes_are_moved_aside_and_a_new_history_starts(data_dir):
    original = os.urandom(8192)
    (data_dir / FILE).write_bytes(original)
    result = HistoryStore.open(data_dir, now=FakeNow())
    problem = result.problem
    assert problem is not None
    assert problem.kind is ProblemKind.NOT_A_DATABASE
    assert problem.path == data_dir / FILE
    moved = problem.moved_to
    assert moved is not None
    assert moved == data_dir / f"{FILE}.not-a-database-20261128T071500Z"
    assert moved.read_bytes() == original
    assert str(data_dir / FILE) in problem.message
    assert moved.name in problem.message
    assert_fresh_history_started(result, data_dir)


def test_a_text_file_is_not_a_database(data_dir):
    original = b"started,ended\n2026-11-28,2026-11-28\n"
    (data_dir / FILE).write_bytes(original)
    result = HistoryStore.open(data_dir, now=FakeNow())
    assert result.problem is not None
    assert result.problem.kind is ProblemKind.NOT_A_DATABASE
    assert result.problem.moved_to is not None
    assert result.problem.moved_to.read_bytes() == original
    assert_fresh_history_started(result, data_dir)


def test_another_programs_sqlite_file_is_not_a_history(data_dir):
    conn = sqlite3.connect(data_dir / FILE)
    conn.execute("CREATE TABLE notes (text TEXT)")
    conn.commit()
    conn.close()
    original = (data_dir / FILE).read_bytes()
    result = HistoryStore.open(data_dir, now=FakeNow())
    assert result.problem is not None
    assert result.problem.kind is ProblemKind.NOT_A_DATABASE
    assert result.problem.moved_to is not None
    assert result.problem.moved_to.read_bytes() == original


def test_a_truncated_database_is_corrupt_and_moved_aside_with_the_latest_backup(tmp_path):
    data_dir = tmp_path / "data"
    whole = real_database(data_dir)
    [backup] = (data_dir / "backups").iterdir()
    half = whole[: len(whole) // 2]
    (data_dir / FILE).write_bytes(half)
    result = HistoryStore.open(data_dir, now=FakeNow(START + timedelta(days=100)))
    problem = result.problem
    assert problem is not None
    assert problem.kind is ProblemKind.CORRUPT
    assert problem.moved_to is not None
    assert problem.moved_to.read_bytes() == half
    assert "damaged" in problem.message
    assert str(data_dir / FILE) in problem.message
    assert problem.latest_backup is not None
    assert problem.latest_backup == backup
    assert_fresh_history_started(result, data_dir)


def test_a_zero_byte_file_is_an_empty_history(data_dir):
    (data_dir / FILE).write_bytes(b"")
    result = HistoryStore.open(data_dir, now=FakeNow())
    assert result.problem is None
    assert_fresh_history_started(result, data_dir)
    assert moved_aside(data_dir) == []


def test_a_newer_version_is_left_untouched_and_nothing_is_recorded(data_dir):
    real_database(data_dir, sessions=3)
    conn = sqlite3.connect(data_dir / FILE)
    conn.execute("UPDATE schema_version SET version = 3")
    conn.commit()
    conn.close()
    original = (data_dir / FILE).read_bytes()
    result = HistoryStore.open(data_dir, now=FakeNow(START + timedelta(days=30)))
    assert result.store is None
    problem = result.problem
    assert problem is not None
    assert problem.kind is ProblemKind.NEWER_VERSION
    assert problem.moved_to is None
    assert str(data_dir / FILE) in problem.message
    assert "newer version" in problem.message
    assert problem.latest_backup is not None
    assert (data_dir / FILE).read_bytes() == original
    assert moved_aside(data_dir) == []


def test_a_file_that_cannot_be_read_is_left_alone(data_dir):
    (data_dir / FILE).mkdir()  # a folder where the file should be: unreadable for root too
    result = HistoryStore.open(data_dir, now=FakeNow())
    assert result.store is None
    assert result.problem is not None
    assert result.problem.kind is ProblemKind.UNREADABLE
    assert str(data_dir / FILE) in result.problem.message
    assert (data_dir / FILE).is_dir()


def test_a_database_locked_by_another_program_is_left_alone(data_dir, monkeypatch):
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_S", 0.0)  # rather than wait two seconds
    real_database(data_dir, sessions=2)
    other = sqlite3.connect(data_dir / FILE, isolation_level=None)
    other.execute("PRAGMA journal_mode = DELETE")  # so that an exclusive lock keeps readers out
    original = (data_dir / FILE).read_bytes()
    other.execute("BEGIN EXCLUSIVE")
    try:
        result = HistoryStore.open(data_dir, now=FakeNow())
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert result.store is None
    assert result.problem is not None
    assert result.problem.kind is ProblemKind.UNREADABLE
    assert "locked" in result.problem.message
    assert (data_dir / FILE).read_bytes() == original


HOT_JOURNAL_CHILD = """
import os, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA journal_mode = DELETE")
conn.execute("PRAGMA cache_size = 1")
conn.execute("BEGIN")
conn.execute("UPDATE exercises SET name = 'half-written'")
os._exit(0)
"""


def test_a_crashed_transaction_is_rolled_back_not_treated_as_damage(data_dir):
    real_database(data_dir, sessions=40)
    subprocess.run([sys.executable, "-c", HOT_JOURNAL_CHILD, str(data_dir / FILE)], check=True)
    assert (data_dir / f"{FILE}-journal").exists()
    result = HistoryStore.open(data_dir, now=FakeNow())
    assert result.problem is None
    assert result.store is not None
    names = {e.name for s in result.store.sessions() for e in s.exercises}
    assert "half-written" not in names
    assert len(result.store.sessions()) == 40


def test_a_wal_without_its_database_is_moved_aside_not_replayed(data_dir):
    real_database(data_dir, sessions=1)
    wal = data_dir / f"{FILE}-wal"
    wal.write_bytes(b"stale")
    (data_dir / FILE).unlink()
    result = HistoryStore.open(data_dir, now=FakeNow())
    assert result.problem is None
    assert result.store is not None
    assert not wal.exists() or wal.read_bytes() != b"stale"
    assert (data_dir / f"{FILE}.orphan-20261128T071500Z-wal").read_bytes() == b"stale"
    assert result.store.sessions() == []


def test_the_companions_of_a_damaged_file_travel_with_it(data_dir):
    (data_dir / FILE).write_bytes(b"not sqlite at all" * 100)
    (data_dir / f"{FILE}-journal").write_bytes(b"journal bytes")
    result = HistoryStore.open(data_dir, now=FakeNow())
    assert result.problem is not None
    assert result.problem.moved_to is not None
    moved = result.problem.moved_to
    assert moved.with_name(moved.name + "-journal").read_bytes() == b"journal bytes"
    assert not (data_dir / f"{FILE}-journal").exists()


def test_moving_aside_twice_in_one_second_keeps_both(data_dir):
    now = FakeNow()
    for content in (b"first", b"second"):
        (data_dir / FILE).write_bytes(content * 100)
        result = HistoryStore.open(data_dir, now=now)
        assert result.store is not None
        result.store.close()
    kept = sorted(p.read_bytes()[:6] for p in moved_aside(data_dir))
    assert kept == [b"firstf", b"second"]


def test_restoring_a_backup_moves_the_current_file_aside(tmp_path):
    data_dir = tmp_path / "data"
    real_database(data_dir, sessions=5)
    [backup] = (data_dir / "backups").iterdir()
    (data_dir / FILE).write_bytes(b"\0" * 4096)  # the history is lost...
    now = FakeNow(START + timedelta(days=10))
    result = HistoryStore.open(data_dir, now=now)
    assert result.problem is not None
    assert result.problem.latest_backup == backup
    store = result.store
    assert store is not None
    record(store, now())  # ...and one session was recorded before restoring
    current = (data_dir / FILE).read_bytes()
    moved = store.restore_backup(backup)
    assert moved.name.startswith(f"{FILE}.replaced-")
    assert len(store.sessions()) == 5
    record(store, now() + timedelta(hours=1))
    assert len(store.sessions()) == 6
    # The replaced file still holds the session recorded in between.
    assert raw(moved, "SELECT count(*) FROM sessions") == [(1,)]
    assert current  # it was a real file
    assert backup.exists()


def test_a_bad_backup_is_refused_and_nothing_changes(data_dir, tmp_path):
    store = open_store(data_dir)
    record(store, START)
    bogus = tmp_path / "bogus.sqlite3"
    bogus.write_text("not a backup")
    with pytest.raises(HistoryError, match=r"bogus\.sqlite3"):
        store.restore_backup(bogus)
    assert len(store.sessions()) == 1
    assert moved_aside(data_dir) == []
