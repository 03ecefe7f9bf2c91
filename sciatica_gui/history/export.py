"""The history as a CSV file, one row per session, for a spreadsheet or a clinician.

Choices:

* UTF-8 with a byte-order mark: Excel reads a CSV without one in the
  machine's legacy code page, which garbles any routine name outside ASCII
  ("Übungen"); LibreOffice and Python's `utf-8-sig` take the mark in stride.
* Times are ISO 8601 in the store's display zone with their offset
  (`2026-11-28T08:15:00+01:00`): the clock time the person saw, and still
  unambiguous.
* Holds done and holds planned are two number columns, never "12/16",
  which spreadsheets turn into a date.
* Rows are oldest first, as people read a log; the `csv` module's default
  CRLF line ends, as RFC 4180 says.
* Written to a temp file, flushed to disk and renamed over the target, so an
  existing export is replaced whole or not at all.
"""

from __future__ import annotations

import csv
import os
from typing import TYPE_CHECKING, Final

from sciatica_gui.history.files import fsync_dir, temp_path_beside

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import datetime, tzinfo
    from pathlib import Path

    from sciatica_gui.history.records import SessionRecord

ENCODING: Final = "utf-8-sig"

HEADER: Final = (
    "started",
    "ended",
    "routine",
    "level",
    "outcome",
    "active_minutes",
    "holds_done",
    "holds_planned",
    "pain_before",
    "pain_after",
    "exercises",
)


def _time(moment: datetime | None, zone: tzinfo | None) -> str:
    return "" if moment is None else moment.astimezone(zone).isoformat(timespec="seconds")


def _score(value: int | None) -> str:
    return "" if value is None else str(value)


def row_of(session: SessionRecord, zone: tzinfo | None) -> tuple[str, ...]:
    return (
        _time(session.started_at, zone),
        _time(session.ended_at, zone),
        session.routine_name,
        session.level,
        session.outcome.value,
        f"{session.active_minutes:.1f}",
        str(session.holds_done),
        str(session.holds),
        _score(session.pain_before),
        _score(session.pain_after),
        "; ".join(f"{ex.name} {ex.holds_done}/{ex.holds}" for ex in session.exercises),
    )


def write_csv(path: Path, sessions: Iterable[SessionRecord], zone: tzinfo | None) -> None:
    """Raises OSError; the target is untouched unless the whole file was written."""
    temp = temp_path_beside(path)
    try:
        with temp.open("w", encoding=ENCODING, newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(HEADER)
            writer.writerows(row_of(session, zone) for session in sessions)
            handle.flush()
            os.fsync(handle.fileno())
        temp.replace(path)
        fsync_dir(path.parent)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
