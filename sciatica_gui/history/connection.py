"""Opening SQLite connections, transactions, and turning failures into HistoryError.

Durability settings, and why:

* WAL with `synchronous=FULL`: each commit appends to the -wal file and
  fsyncs it once, which makes it durable across a power cut as well as a
  crash. The rollback journal would need `synchronous=EXTRA` (an extra
  directory fsync after the journal is deleted) for the same guarantee, and
  three or four fsyncs per commit instead of one. Readers never block the
  writer either. The cost is the -wal and -shm files beside the database;
  `files.move_aside` moves them together with it, and backups go through the
  backup API, so nobody ever copies a half of the pair.
* Where WAL is refused (a file system without shared memory), SQLite stays
  in its rollback journal and we ask for `synchronous=EXTRA` instead.
* `fullfsync`: on macOS plain fsync leaves data in the drive's cache.
* Every write is one `BEGIN IMMEDIATE ... COMMIT`: the write lock is taken up
  front, so a second app instance makes us wait (up to the busy timeout)
  rather than fail halfway through.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, Final

from sciatica_gui.history.errors import HistoryError

if TYPE_CHECKING:
    from pathlib import Path

#: Long enough to wait out another instance's commit, short enough not to freeze the window.
BUSY_TIMEOUT_S: Final = 2.0


def connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    """A connection in autocommit mode: transactions are ours, never the sqlite3 module's."""
    if read_only:
        return sqlite3.connect(
            path.resolve().as_uri() + "?mode=ro",
            uri=True,
            isolation_level=None,
            timeout=BUSY_TIMEOUT_S,
        )
    return sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_S)


def configure(conn: sqlite3.Connection) -> None:
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    conn.execute("PRAGMA synchronous = " + ("FULL" if mode == "wal" else "EXTRA"))
    conn.execute("PRAGMA fullfsync = ON")
    conn.execute("PRAGMA foreign_keys = ON")


def _rollback(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:
        # On some errors (a full disk, for one) SQLite has rolled back already.
        with suppress(sqlite3.Error):
            conn.execute("ROLLBACK")


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        _rollback(conn)
        raise


@contextmanager
def snapshot(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Several reads that see one state of the file, even if another process writes between."""
    conn.execute("BEGIN")
    try:
        yield conn
    finally:
        _rollback(conn)  # nothing was written: ending it either way is the same


def reason(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error) or type(error).__name__


@contextmanager
def guarded(path: Path, doing: str) -> Iterator[None]:
    """Re-raise any disk or SQLite failure as a HistoryError: 'Could not DOING PATH: why.'"""
    try:
        yield
    except (sqlite3.Error, OSError) as error:
        raise HistoryError(f"Could not {doing} {path}: {reason(error)}.", path) from error
