"""The session history: every session kept in DATA_DIR/history.sqlite3, safe against crashes.

Qt-free and standard library only, like the core. Start at `store.py`;
`opening.py` says what happens to a file that cannot be used.

    result = HistoryStore.open(data_dir)
    if result.problem: show(result.problem.message)
    if result.store:   # None: run without history (newer file, unreadable file)
        session = result.store.begin(...)
"""

from sciatica_gui.history.errors import HistoryError, ProblemKind, StoreProblem
from sciatica_gui.history.records import (
    ExerciseRecord,
    InterruptedSession,
    PlannedExercise,
    ResultLike,
    SessionOutcome,
    SessionRecord,
    plan_of,
)
from sciatica_gui.history.store import FILE_NAME, HistoryStore, OpenResult

__all__ = [
    "FILE_NAME",
    "ExerciseRecord",
    "HistoryError",
    "HistoryStore",
    "InterruptedSession",
    "OpenResult",
    "PlannedExercise",
    "ProblemKind",
    "ResultLike",
    "SessionOutcome",
    "SessionRecord",
    "StoreProblem",
    "plan_of",
]
