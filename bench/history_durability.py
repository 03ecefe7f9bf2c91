"""Kill a process that is saving sessions, 200 times, and check that nothing saved is lost.

A child process opens the history in a temp folder, resumes or abandons any
interrupted session, then saves sessions in a loop as fast as it can (begin,
a checkpoint after each of four exercises, finish) and prints a line after
each `finish` returns. The parent kills it with SIGKILL after a random delay
(seeded), so kills land during start-up, opening, the daily backup (its file
is removed now and then to force one), and every kind of write. After each
kill the parent opens the file as any SQLite program would and checks:

* every session the child reported finished is there, finished, with all its
  exercises and every hold recorded (lost);
* no session has fewer or more exercise rows than it planned (half-written);
* `PRAGMA integrity_check` is 'ok' and there are no broken foreign keys, for
  the history and for every daily backup (integrity failures).

    python -m bench.history_durability [--kills 200] [--seed 1]
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from sciatica_gui.history import HistoryStore, PlannedExercise

PLAN = (
    PlannedExercise("back_extension", "Back extension", 10, 10, 5),
    PlannedExercise("floor_bridge", "Floor bridge", 10, 10, 5),
    PlannedExercise("knee_to_chest", "Knee-to-chest stretch", 6, 3, 30),
    PlannedExercise("sciatic_mobilising", "Sciatic mobilising stretch", 6, 3, 30),
)
HOLDS = sum(p.holds for p in PLAN)
MAX_DELAY_S = 0.4


class Result:
    def __init__(self, plan: PlannedExercise) -> None:
        self.exercise = plan.exercise
        self.holds_done = plan.holds
        self.reps_done = plan.reps


def child(data_dir: Path) -> None:
    """Save sessions until killed; one line on stdout after each finish returns."""
    out = sys.stdout
    result = HistoryStore.open(data_dir)
    if result.problem is not None:
        out.write(f"problem {result.problem.kind} {result.problem.message}\n")
        out.flush()
    store = result.store
    assert store is not None
    out.write("opened\n")
    out.flush()
    results = [Result(p) for p in PLAN]
    offer = store.interrupted()
    if offer is not None:
        if offer.id % 2:
            for position in range(offer.position + 1, len(PLAN)):
                store.checkpoint(offer.id, results[:position], position * 60.0, position)
            store.finish(offer.id, datetime.now(UTC), "finished", results, 240.0)
            out.write(f"finished {offer.id}\n")
            out.flush()
        else:
            store.abandon(offer.id)
    while True:
        session = store.begin("full", "Full routine", "standard", datetime.now(UTC), 5, PLAN)
        for position in range(1, len(PLAN)):
            store.checkpoint(session, results[:position], position * 60.0, position)
        store.finish(session, datetime.now(UTC), "finished", results, 240.0)
        store.set_pain_after(session, 3)
        out.write(f"finished {session}\n")
        out.flush()


def check(data_dir: Path, finished: set[int]) -> tuple[int, int, int]:
    """(lost, half-written, integrity failures) as the file stands now."""
    path = data_dir / "history.sqlite3"
    if not path.exists():  # killed before it was created
        return len(finished), 0, 0
    # mode=rw: never create the file; read-write so that SQLite can recover a hot WAL.
    conn = sqlite3.connect(path.as_uri() + "?mode=rw", uri=True)
    try:
        integrity = conn.execute("PRAGMA integrity_check").fetchall() != [("ok",)]
        integrity = integrity or bool(conn.execute("PRAGMA foreign_key_check").fetchall())
        tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}
        rows = (
            {}
            if "sessions" not in tables
            else {
                id_: (outcome, ended, planned, rows, done)
                for id_, outcome, ended, planned, rows, done in conn.execute(
                    "SELECT s.id, s.outcome, s.ended_at, s.exercise_count,"
                    " (SELECT count(*) FROM exercises AS e WHERE e.session_id = s.id),"
                    " (SELECT sum(holds_done) FROM exercises AS e WHERE e.session_id = s.id)"
                    " FROM sessions AS s"
                )
            }
        )
    finally:
        conn.close()
    lost = sum(
        1
        for id_ in finished
        if id_ not in rows
        or rows[id_][0] != "finished"
        or rows[id_][1] is None
        or rows[id_][3] != len(PLAN)
        or rows[id_][4] != HOLDS
    )
    half = sum(1 for (_, _, planned, count, _) in rows.values() if planned != count)
    for backup in (data_dir / "backups").glob("history-*.sqlite3"):
        copy = sqlite3.connect(backup)
        try:
            integrity = integrity or copy.execute("PRAGMA integrity_check").fetchall() != [("ok",)]
        finally:
            copy.close()
    return lost, half, int(integrity)


def run(kills: int, seed: int) -> None:
    rng = random.Random(seed)
    finished: set[int] = set()
    lost_total = half_total = integrity_total = problems = errors = before_open = 0
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder)
        for round_ in range(kills):
            if round_ % 5 == 0:  # force a daily backup at the next opening, to kill during it
                for backup in (data_dir / "backups").glob("history-????-??-??.sqlite3"):
                    backup.unlink()
            proc = subprocess.Popen(
                [sys.executable, __file__, "--child", str(data_dir)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            time.sleep(rng.uniform(0.0, MAX_DELAY_S))
            os.kill(proc.pid, signal.SIGKILL)
            out, err = proc.communicate()
            if proc.returncode != -signal.SIGKILL:
                errors += 1
                print(f"round {round_}: the child ended by itself ({proc.returncode}):\n{err}")
            lines = out.split("\n")[:-1]  # the last piece is an unfinished line, or empty
            before_open += "opened" not in lines
            problems += sum(line.startswith("problem") for line in lines)
            finished.update(int(line.split()[1]) for line in lines if line.startswith("finished"))
            lost, half, integrity = check(data_dir, finished)
            lost_total += lost
            half_total += half
            integrity_total += integrity
            if lost or half or integrity:
                print(f"round {round_}: lost {lost}, half-written {half}, integrity {integrity}")
    elapsed = time.perf_counter() - start
    print(
        f"kills {kills} (before the store was open: {before_open}), seed {seed}, {elapsed:.0f} s\n"
        f"sessions reported finished: {len(finished)}\n"
        f"lost (summed over the checks after every kill): {lost_total}\n"
        f"half-written sessions: {half_total}\n"
        f"integrity failures: {integrity_total}\n"
        f"problems reported on opening: {problems}; children that died by themselves: {errors}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        child(args.child)
    else:
        run(args.kills, args.seed)


if __name__ == "__main__":
    main()
