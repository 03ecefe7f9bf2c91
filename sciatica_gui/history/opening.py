"""Deciding what the file at DATA_DIR/history.sqlite3 is, and what may be done with it.

The rule: opening never overwrites a file it cannot use.

* Missing, zero bytes, or SQLite with no tables: a new history. A zero-byte
  file is what SQLite itself calls an empty database; it holds no sessions,
  so there is nothing to lose by starting in it.
* Damaged (SQLite's header, then malformed pages; a truncated copy) or not a
  history at all (any other bytes, or somebody else's SQLite tables): moved
  aside with its -wal/-journal and a new history is started.
* Written by a newer app: left untouched, and no store is returned, so the
  app runs without history rather than guessing at a layout it has never
  seen.
* Unreadable (permissions, locked by another program, I/O errors): left
  untouched, no store, because the file may be perfectly good.
* An older layout: copied to backups/ first, then migrated.

The file is first inspected through a read-only connection, so looking at a
file we then leave alone or move aside cannot change its bytes. Only when
SQLite must first recover a crashed transaction (a hot journal), which a
read-only connection cannot do, is it inspected read-write: recovery puts
back the last committed state, as any SQLite program opening it would.
"""

from __future__ import annotations

import sqlite3
from enum import StrEnum
from typing import TYPE_CHECKING, Final, NamedTuple

from sciatica_gui.history import backups
from sciatica_gui.history.connection import configure, connect, guarded, reason
from sciatica_gui.history.errors import ProblemKind, StoreProblem
from sciatica_gui.history.files import companions, move_aside
from sciatica_gui.history.migrations import migrate
from sciatica_gui.history.schema import CURRENT_VERSION, create

if TYPE_CHECKING:
    from datetime import datetime
    from pathlib import Path

SQLITE_HEADER: Final = b"SQLite format 3\x00"
_DAMAGED_CODES: Final = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)


class FileState(StrEnum):
    NEW = "new"
    CURRENT = "current"
    OLD = "old"
    CORRUPT = "corrupt"
    NOT_A_DATABASE = "not_a_database"
    NEWER = "newer"
    UNREADABLE = "unreadable"


class Verdict(NamedTuple):
    state: FileState
    version: int | None = None
    detail: str = ""


def _error_code(error: sqlite3.Error) -> int:
    return getattr(error, "sqlite_errorcode", None) or 0


def _inspect_with(path: Path, *, read_only: bool) -> Verdict:
    conn = connect(path, read_only=read_only)
    try:
        if conn.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
            return Verdict(FileState.CORRUPT, detail="it failed SQLite's consistency check")
        tables = {
            name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        if not tables:
            return Verdict(FileState.NEW)
        if "schema_version" not in tables:
            return Verdict(FileState.NOT_A_DATABASE, detail="it has no exercise history tables")
        rows = conn.execute("SELECT version FROM schema_version").fetchall()
    finally:
        conn.close()
    version = rows[0][0] if len(rows) == 1 else None
    if not isinstance(version, int) or version < 1:
        return Verdict(FileState.CORRUPT, detail="its version number is missing")
    if version > CURRENT_VERSION:
        return Verdict(FileState.NEWER, version)
    return Verdict(FileState.OLD if version < CURRENT_VERSION else FileState.CURRENT, version)


def inspect(path: Path) -> Verdict:
    """What the file is; never raises, never writes (except to recover a crashed commit)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return Verdict(FileState.NEW)
    except OSError as error:
        return Verdict(FileState.UNREADABLE, detail=reason(error))
    if head and head != SQLITE_HEADER:
        return Verdict(FileState.NOT_A_DATABASE, detail="it is not an SQLite database")
    try:
        try:
            return _inspect_with(path, read_only=True)
        except sqlite3.Error as error:
            if _error_code(error) & 0xFF != sqlite3.SQLITE_READONLY:
                raise
        return _inspect_with(path, read_only=False)
    except sqlite3.Error as error:
        code = _error_code(error)
        if code & 0xFF in _DAMAGED_CODES or code == sqlite3.SQLITE_IOERR_SHORT_READ:
            return Verdict(FileState.CORRUPT, detail=reason(error))
        return Verdict(FileState.UNREADABLE, detail=reason(error))


def _message(kind: ProblemKind, path: Path, moved: Path | None, verdict: Verdict) -> str:
    if kind is ProblemKind.CORRUPT and moved is not None:
        return (
            f"The exercise history {path} was damaged, so it was moved aside as {moved.name}"
            " and a new history was started."
        )
    if kind is ProblemKind.NOT_A_DATABASE and moved is not None:
        return (
            f"The file {path} is not an exercise history, so it was moved aside as"
            f" {moved.name} and a new history was started."
        )
    if kind is ProblemKind.NEWER_VERSION:
        return (
            f"The exercise history {path} comes from a newer version of this app, so it was"
            " left untouched and sessions will not be recorded until the app is updated."
        )
    return (
        f"The exercise history {path} could not be read ({verdict.detail}), so it was left"
        " untouched and sessions will not be recorded."
    )


def open_database(
    path: Path, now_utc: datetime
) -> tuple[sqlite3.Connection | None, StoreProblem | None]:
    """A ready connection (created or migrated as needed), or None; and what went wrong.

    Raises HistoryError when the disk refuses (see `HistoryStore.open`).
    """
    data_dir = path.parent
    with guarded(data_dir, "create the history folder"):
        data_dir.mkdir(parents=True, exist_ok=True)
    verdict = inspect(path)
    moved: Path | None = None
    kind: ProblemKind | None = None
    if verdict.state in (FileState.NEWER, FileState.UNREADABLE):
        kind = (
            ProblemKind.NEWER_VERSION
            if verdict.state is FileState.NEWER
            else ProblemKind.UNREADABLE
        )
        message = _message(kind, path, None, verdict)
        return None, StoreProblem(kind, path, None, message, backups.latest_backup(data_dir))
    if verdict.state in (FileState.CORRUPT, FileState.NOT_A_DATABASE):
        kind = ProblemKind(verdict.state.value)
        with guarded(path, "move aside the unusable history file"):
            moved = move_aside(path, kind.value.replace("_", "-"), now_utc)
    elif verdict.state is FileState.NEW and not path.exists() and any(companions(path)):
        # A -wal without its database would be replayed into the new one.
        with guarded(path, "move aside the leftovers of the history file"):
            move_aside(path, "orphan", now_utc)
    if verdict.state is FileState.OLD:
        assert verdict.version is not None
        with guarded(path, "back up the history file before updating it"):
            source = connect(path, read_only=True)
            try:
                backups.make_migration_backup(source, data_dir, verdict.version, now_utc)
            finally:
                source.close()
    with guarded(path, "open the history file"):
        conn = connect(path)
    try:
        if verdict.state is FileState.OLD:
            assert verdict.version is not None
            with guarded(path, "update the older history file"):
                # Still in the old file's journal mode, so a failed step leaves it as it was.
                conn.execute("PRAGMA synchronous = EXTRA")
                migrate(conn, verdict.version)
        with guarded(path, "prepare the history file"):
            configure(conn)
            if verdict.state is FileState.NEW or moved is not None:
                create(conn)
    except BaseException:
        conn.close()
        raise
    if kind is None:
        return conn, None
    message = _message(kind, path, moved, verdict)
    return conn, StoreProblem(kind, path, moved, message, backups.latest_backup(data_dir))
