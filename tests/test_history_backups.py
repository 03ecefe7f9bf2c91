"""Automatic backups: one a day when the store opens, the newest seven kept, each consistent."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

from sciatica_gui.history import HistoryStore, ProblemKind
from tests.test_history_support import START, FakeNow, open_store, raw, record


def daily(data_dir: Path) -> list[str]:
    return sorted(p.name for p in (data_dir / "backups").glob("history-*.sqlite3"))


def test_an_empty_history_is_not_backed_up(data_dir):
    open_store(data_dir).close()
    assert not (data_dir / "backups").exists() or daily(data_dir) == []


def test_one_backup_a_day_and_the_newest_seven_are_kept(data_dir):
    now = FakeNow()
    store = open_store(data_dir, now)
    record(store, START)
    store.close()
    for _ in range(10):
        for _ in range(3):  # several openings a day still make one backup
            store = open_store(data_dir, now)
            store.close()
        now.advance(days=1)
    # Backups are named by the local (CET) day: 07:15 UTC is 08:15 there.
    assert daily(data_dir) == [f"history-2026-12-{day:02d}.sqlite3" for day in range(1, 8)]
    assert store.latest_backup() == data_dir / "backups" / "history-2026-12-07.sqlite3"


def test_a_backup_is_a_consistent_copy_made_at_opening(data_dir):
    now = FakeNow()
    store = open_store(data_dir, now)
    record(store, START)
    store.close()
    now.advance(days=1)
    store = open_store(data_dir, now)
    record(store, now())  # after the backup: not in it
    backup = store.latest_backup()
    assert backup is not None
    assert raw(backup, "PRAGMA integrity_check") == [("ok",)]
    assert raw(backup, "SELECT count(*) FROM sessions") == [(1,)]
    assert not backup.with_name(backup.name + "-wal").exists()
    assert [p.name for p in (data_dir / "backups").iterdir() if p.name.startswith(".")] == []


def test_files_that_are_not_daily_backups_are_never_rotated_away(data_dir):
    now = FakeNow()
    folder = data_dir / "backups"
    folder.mkdir()
    keep = [folder / "history-v1-20200101T000000Z.sqlite3", folder / "notes.txt"]
    for path in keep:
        path.write_text("mine")
    store = open_store(data_dir, now)
    record(store, START)
    store.close()
    for _ in range(9):
        now.advance(days=1)
        open_store(data_dir, now).close()
    assert len(daily(data_dir)) == 7 + 1  # the seven, and the v1 copy the glob also matches
    assert all(path.read_text() == "mine" for path in keep)


def test_a_backup_that_cannot_be_written_is_reported_and_history_still_works(data_dir):
    now = FakeNow()
    store = open_store(data_dir, now)
    record(store, START)
    store.close()
    (data_dir / "backups").write_text("a file where the backups folder should be")
    result = HistoryStore.open(data_dir, now=now)
    assert result.store is not None
    assert result.problem is not None
    assert result.problem.kind is ProblemKind.BACKUP_FAILED
    assert str(data_dir / "backups") in result.problem.message
    record(result.store, START + timedelta(hours=1))
    assert len(result.store.sessions()) == 2


def test_temp_files_a_killed_process_left_are_removed_once_an_hour_old(data_dir):
    store = open_store(data_dir)
    record(store, START)
    store.close()
    (data_dir / "backups").mkdir()
    old = [data_dir / ".history.sqlite3.restoring.abc.tmp", data_dir / "backups" / ".history-x.tmp"]
    fresh = data_dir / "backups" / ".history-y.tmp"
    other = data_dir / ".someone-else.tmp"
    for path in [*old, fresh, other]:
        path.write_bytes(b"half a copy")
    for path in [*old, other]:
        os.utime(path, (0, 0))
    open_store(data_dir).close()
    assert [path.exists() for path in old] == [False, False]
    assert fresh.exists()
    assert other.exists()
