"""Shared pieces for the history tests: a settable clock, a plan, results. No tests here."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import NamedTuple

from sciatica_gui.history import HistoryStore, PlannedExercise

#: A fixed zone keeps the tests independent of the machine's; CET has no DST of its own.
CET = timezone(timedelta(hours=1), "CET")
START = datetime(2026, 11, 28, 7, 15, tzinfo=UTC)

PLAN = (
    PlannedExercise("knee_to_chest", "Knee-to-chest stretch", 6, 3, 30),
    PlannedExercise("sciatic_mobilising", "Sciatic mobilising stretch", 6, 3, 30),
    PlannedExercise("back_extension", "Back extension", 10, 10, 5),
    PlannedExercise("knee_to_chest", "Knee-to-chest stretch", 6, 3, 30),
)


class FakeNow:
    def __init__(self, moment: datetime = START) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **amount: float) -> None:
        self.moment += timedelta(**amount)


class Result(NamedTuple):
    exercise: str
    holds_done: int
    reps_done: int


def done(count: int, plan: tuple[PlannedExercise, ...] = PLAN) -> list[Result]:
    """Results for the first `count` exercises, each completed."""
    return [Result(p.exercise, p.holds, p.reps) for p in plan[:count]]


def open_store(data_dir: Path, now: FakeNow | None = None, tz: tzinfo = CET) -> HistoryStore:
    result = HistoryStore.open(data_dir, now=now or FakeNow(), tz=tz)
    assert result.problem is None, result.problem
    assert result.store is not None
    return result.store


def record(
    store: HistoryStore,
    started: datetime,
    minutes: float = 15,
    *,
    outcome: str = "finished",
    pain: tuple[int | None, int | None] = (None, None),
    holds: bool = True,
    plan: tuple[PlannedExercise, ...] = PLAN,
) -> int:
    """A whole session in the usual calls: begin, a checkpoint per exercise, finish."""
    session = store.begin("full", "Full routine", "standard", started, pain[0], plan)
    results = done(len(plan), plan) if holds else []
    for position in range(1, len(results) + 1):
        store.checkpoint(session, results[:position], minutes * 60 * position / len(plan), position)
    ended = started + timedelta(minutes=minutes)
    store.finish(session, ended, outcome, results, minutes * 60)
    if pain[1] is not None:
        store.set_pain_after(session, pain[1])
    return session


def raw(path: Path, sql: str, arguments: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Read the file directly, as another program would."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, arguments).fetchall()
    finally:
        conn.close()
