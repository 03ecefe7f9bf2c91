"""What can go wrong with the history file, in words a person can act on.

Two kinds of trouble reach the caller, and nothing else does. A file that is
there but cannot be used (damaged, not a history, written by a newer app,
unreadable) is a `StoreProblem` that `HistoryStore.open` returns next to the
store: the app shows its one sentence and carries on. Whatever the disk
refuses (a folder that cannot be created, permissions, a full disk) is one
`HistoryError` naming the file, so the app needs a single `except` clause and
never sees a bare sqlite3 or OS exception. Mistakes in the arguments (a pain
score of 11, a naive datetime) are ValueErrors: they are bugs, not weather.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from pathlib import Path


class ProblemKind(StrEnum):
    #: SQLite's header is there but the pages are not: moved aside, a new history started.
    CORRUPT = "corrupt"
    #: Not SQLite at all, or SQLite without our tables: moved aside, a new history started.
    NOT_A_DATABASE = "not_a_database"
    #: Written by a newer app: left untouched, nothing is recorded this run.
    NEWER_VERSION = "newer_version"
    #: Could not be read (permissions, locked, I/O): left untouched, nothing is recorded.
    UNREADABLE = "unreadable"
    #: The history works, but today's automatic backup could not be written.
    BACKUP_FAILED = "backup_failed"


class StoreProblem(NamedTuple):
    kind: ProblemKind
    path: Path
    #: Where the file was moved, when it was moved aside; None when it was left in place.
    moved_to: Path | None
    #: One plain sentence for the person, naming the file.
    message: str
    #: The newest automatic backup, which `HistoryStore.restore_backup` can put back.
    latest_backup: Path | None


class HistoryError(Exception):
    """The disk refused: the message says what we tried and names the file."""

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = path
