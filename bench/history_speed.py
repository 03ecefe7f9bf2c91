"""How fast the history view's queries are on five years of daily sessions.

Fills a database in a temp folder with about 1,800 sessions (4 exercises
each, a day skipped now and then), then times what the history view asks
for when it opens: every session for the table, the days exercised in the
last year for the calendar, the streak, minutes per week for a year and the
pain series. The UI's goal is a history view open in under 200 ms; the
store's share should be a small part of that. Also timed: opening the store
(a quick_check of the whole file, and the daily backup when there is none
yet today), which happens once, when the app starts.

    python -m bench.history_speed
"""

from __future__ import annotations

import random
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from bench._stats import median
from sciatica_gui.history import HistoryStore, PlannedExercise

SEED = 2026
YEARS = 5
REPEATS = 20
PLAN = (
    PlannedExercise("back_extension", "Back extension", 10, 10, 5),
    PlannedExercise("floor_bridge", "Floor bridge", 10, 10, 5),
    PlannedExercise("knee_to_chest", "Knee-to-chest stretch", 6, 3, 30),
    PlannedExercise("sciatic_mobilising", "Sciatic mobilising stretch", 6, 3, 30),
)
TODAY = date(2026, 11, 28)


class Result:
    def __init__(self, exercise: str, holds_done: int, reps_done: int) -> None:
        self.exercise = exercise
        self.holds_done = holds_done
        self.reps_done = reps_done


def fill(data_dir: Path) -> int:
    rng = random.Random(SEED)
    result = HistoryStore.open(data_dir)
    store = result.store
    assert store is not None
    day = TODAY - timedelta(days=365 * YEARS)
    count = 0
    while day < TODAY:
        if rng.random() > 0.03:
            started = datetime(day.year, day.month, day.day, 6, 30, tzinfo=UTC) + timedelta(
                minutes=rng.randrange(0, 16 * 60)
            )
            pain = rng.randrange(0, 11) if rng.random() < 0.8 else None
            session = store.begin("full", "Full routine", "standard", started, pain, PLAN)
            stopped = rng.random() < 0.1
            done = rng.randrange(1, len(PLAN)) if stopped else len(PLAN)
            results = [Result(p.exercise, p.holds, p.reps) for p in PLAN[:done]]
            minutes = rng.uniform(8, 20) * done / len(PLAN)
            store.finish(
                session,
                started + timedelta(minutes=minutes),
                "stopped" if stopped else "finished",
                results,
                minutes * 60,
            )
            if pain is not None:
                store.set_pain_after(session, max(0, pain - rng.randrange(0, 3)))
            count += 1
        day += timedelta(days=1)
    store.close()
    return count


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def time_opening(data_dir: Path) -> None:
    def open_and_close() -> None:
        store = HistoryStore.open(data_dir).store
        assert store is not None
        store.close()

    first = timed(open_and_close)
    later = [timed(open_and_close) for _ in range(REPEATS)]
    print(
        f"open, making the day's backup: {first:.1f} ms;"
        f" open after that (quick_check included): median {median(later):.1f} ms"
    )


def time_queries(data_dir: Path) -> None:
    store = HistoryStore.open(data_dir).store
    assert store is not None
    year_ago = TODAY - timedelta(days=364)
    queries: dict[str, Callable[[], object]] = {
        "sessions(), all": lambda: store.sessions(),
        "sessions(limit=50)": lambda: store.sessions(limit=50),
        "days_exercised, one year": lambda: store.days_exercised(year_ago, TODAY),
        "current_streak": lambda: store.current_streak(TODAY),
        "minutes_per_week(52)": lambda: store.minutes_per_week(52, TODAY),
        "pain_series()": lambda: store.pain_series(),
    }
    medians = {}
    print(f"queries, median of {REPEATS} (first run in brackets):")
    for name, query in queries.items():
        samples = [timed(query) for _ in range(REPEATS)]
        medians[name] = median(samples)
        print(f"  {name:<26} {medians[name]:7.2f} ms  ({samples[0]:.2f} ms)")
    charts = sum(medians[name] for name in list(queries)[2:])
    for table in ("sessions(), all", "sessions(limit=50)"):
        print(
            f"history view with {table} for the table, plus calendar, streak, weeks, pain:"
            f" {medians[table] + charts:.1f} ms (UI goal for the whole view: 200 ms)"
        )
    store.close()


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder)
        start = time.perf_counter()
        count = fill(data_dir)
        fill_s = time.perf_counter() - start
        size = (data_dir / "history.sqlite3").stat().st_size
        print(
            f"filled {count} sessions ({count * len(PLAN)} exercise rows) in {fill_s:.1f} s"
            f" ({fill_s / count * 1000:.2f} ms a session: begin, finish, pain after);"
            f" file {size / 1024:.0f} KiB"
        )
        time_opening(data_dir)
        time_queries(data_dir)


if __name__ == "__main__":
    main()
