"""Automatic copies of the history: one a day (the newest seven kept) and one before a migration.

Copies go through SQLite's backup API from an open connection, so each is a
consistent snapshot even while a -wal file holds the latest commits. Each is
written to a temp file and renamed into place, so a crash never leaves half
a copy under a backup's name, and each is switched to the rollback journal,
so it is one self-contained file a person can copy anywhere.

Daily copies are named by local date (`history-2026-11-28.sqlite3`) and
rotated by that name. Migration copies (`history-v1-20261128T071500Z.sqlite3`)
are outside the rotation: there is one per upgrade, and it is the only copy
in the old layout.
"""

from __future__ import annotations

import re
import sqlite3
from typing import TYPE_CHECKING, Final

from sciatica_gui.history.files import fsync_dir, fsync_file, stamp, temp_path_beside

if TYPE_CHECKING:
    from datetime import date, datetime
    from pathlib import Path

FOLDER: Final = "backups"
KEEP_DAILY: Final = 7
_DAILY: Final = re.compile(r"history-(\d{4}-\d{2}-\d{2})\.sqlite3")


def folder_of(data_dir: Path) -> Path:
    return data_dir / FOLDER


def copy_database(source: sqlite3.Connection, target: Path) -> None:
    """Write a consistent copy of `source` to `target`. Raises OSError or sqlite3.Error."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = temp_path_beside(target)
    try:
        copy = sqlite3.connect(temp, isolation_level=None)
        try:
            source.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")
        finally:
            copy.close()
        fsync_file(temp)
        temp.replace(target)
        fsync_dir(target.parent)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def daily_backups(data_dir: Path) -> list[Path]:
    """The daily copies, newest first."""
    folder = folder_of(data_dir)
    if not folder.is_dir():
        return []
    found = [path for path in folder.iterdir() if _DAILY.fullmatch(path.name)]
    return sorted(found, key=lambda path: path.name, reverse=True)


def latest_backup(data_dir: Path) -> Path | None:
    try:
        found = daily_backups(data_dir)
    except OSError:
        return None  # an unreadable backups folder has no backup to offer
    return found[0] if found else None


def make_daily_backup(source: sqlite3.Connection, data_dir: Path, today: date) -> Path | None:
    """Today's copy, unless there is one already; then drop all but the newest KEEP_DAILY."""
    target = folder_of(data_dir) / f"history-{today.isoformat()}.sqlite3"
    if target.exists():
        return None
    copy_database(source, target)
    for old in daily_backups(data_dir)[KEEP_DAILY:]:
        old.unlink(missing_ok=True)
    return target


def make_migration_backup(
    source: sqlite3.Connection, data_dir: Path, version: int, moment: datetime
) -> Path:
    """`moment` in UTC; the name carries the old layout version."""
    target = folder_of(data_dir) / f"history-v{version}-{stamp(moment)}.sqlite3"
    copy_database(source, target)
    return target
