"""The exercises and routines, as frozen data loaded from TOML files.

Built-in content ships inside the package (`sciatica_gui/core/data`); user
routines live in the user's data folder. Every file is validated here, and a
bad one raises a single `ContentError` naming the file, the field and what is
allowed, so the app can show one clear sentence and carry on with the rest.

Each figure carries its origin: `SOURCE` when the exercise's source (NHS,
NASM) gives it, `APP` when the source is silent and the app chose a default
that the user can change.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Final, NamedTuple, TypeVar

if TYPE_CHECKING:
    from pathlib import Path

MAX_HOLD_SECONDS: Final = 600
MAX_REPETITIONS: Final = 50
MAX_ROUTINE_EXERCISES: Final = 20

_E = TypeVar("_E", bound=StrEnum)


class Origin(StrEnum):
    SOURCE = "source"
    APP = "app"


class Sides(StrEnum):
    NONE = "none"
    ALTERNATING = "alternating"


class StepRole(StrEnum):
    START = "start"
    HOLD = "hold"
    RELEASE = "release"


class Level(StrEnum):
    """Where in each range to work: the low end or the high end."""

    GENTLE = "gentle"
    STANDARD = "standard"


class Range(NamedTuple):
    low: int
    high: int
    origin: Origin

    def at(self, level: Level) -> int:
        return self.low if level is Level.GENTLE else self.high


class Step(NamedTuple):
    number: int
    role: StepRole
    text: str
    cue: str
    illustration: str


class Exercise(NamedTuple):
    id: str
    name: str
    detail: str
    source: str
    sides: Sides
    start_position: str
    reminder: str
    felt: str
    hold_seconds: Range
    repetitions: Range
    steps: tuple[Step, ...]

    def step_for(self, role: StepRole) -> Step:
        return next(step for step in self.steps if step.role is role)


class Routine(NamedTuple):
    id: str
    name: str
    exercises: tuple[str, ...]
    builtin: bool = True


class Library(NamedTuple):
    """Everything the app can run: exercises by id, routines in display order."""

    exercises: Mapping[str, Exercise]
    routines: tuple[Routine, ...]

    def routine(self, routine_id: str) -> Routine:
        for routine in self.routines:
            if routine.id == routine_id:
                return routine
        raise KeyError(routine_id)

    def routine_exercises(self, routine: Routine) -> tuple[Exercise, ...]:
        return tuple(self.exercises[exercise_id] for exercise_id in routine.exercises)


class ContentError(ValueError):
    """A data file that cannot be used, with the file, the field and what is allowed."""

    def __init__(self, file: str, field: str, problem: str) -> None:
        super().__init__(f"{file}: {field}: {problem}")
        self.file = file
        self.field = field
        self.problem = problem


class _Reader:
    """Typed access to one parsed TOML table, raising `ContentError` with the field's path."""

    def __init__(self, file: str, table: Mapping[str, Any], prefix: str = "") -> None:
        self.file = file
        self.table = table
        self.prefix = prefix

    def fail(self, key: str, problem: str) -> ContentError:
        return ContentError(self.file, f"{self.prefix}{key}", problem)

    def _get(self, key: str) -> Any:
        if key not in self.table:
            raise self.fail(key, "is missing")
        return self.table[key]

    def text(self, key: str, *, allow_empty: bool = False) -> str:
        value = self._get(key)
        if not isinstance(value, str):
            raise self.fail(key, f"must be text, got {value!r}")
        if not allow_empty and not value.strip():
            raise self.fail(key, "must not be empty")
        return value.strip()

    def identifier(self, key: str) -> str:
        value = self.text(key)
        if not (value.isascii() and value.replace("_", "").isalnum() and value.islower()):
            raise self.fail(key, f"must be lower-case letters, digits and '_', got {value!r}")
        return value

    def choice(self, key: str, enum: type[_E]) -> _E:
        value = self._get(key)
        allowed = ", ".join(repr(member.value) for member in enum)
        try:
            return enum(value)
        except ValueError:
            raise self.fail(key, f"must be one of {allowed}, got {value!r}") from None

    def table_at(self, key: str) -> _Reader:
        value = self._get(key)
        if not isinstance(value, Mapping):
            raise self.fail(key, "must be a table")
        return _Reader(self.file, value, f"{self.prefix}{key}.")

    def tables(self, key: str) -> list[_Reader]:
        value = self._get(key)
        if not isinstance(value, list) or not value:
            raise self.fail(key, "must be a non-empty list of tables")
        readers = []
        for index, item in enumerate(value, start=1):
            if not isinstance(item, Mapping):
                raise self.fail(f"{key}[{index}]", "must be a table")
            readers.append(_Reader(self.file, item, f"{self.prefix}{key}[{index}]."))
        return readers

    def strings(self, key: str) -> list[str]:
        value = self._get(key)
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            raise self.fail(key, f"must be a non-empty list of text, got {value!r}")
        return value

    def range(self, key: str, field: str, maximum: int) -> Range:
        table = self.table_at(key)
        value = table._get(field)
        allowed = f"two whole numbers [low, high] with 1 <= low <= high <= {maximum}"
        if (
            not isinstance(value, list)
            or len(value) != 2
            or not all(type(v) is int for v in value)
            or not 1 <= value[0] <= value[1] <= maximum
        ):
            raise table.fail(field, f"must be {allowed}, got {value!r}")
        return Range(value[0], value[1], table.choice("origin", Origin))


def parse_exercise(file: str, data: Mapping[str, Any]) -> Exercise:
    reader = _Reader(file, data)
    steps = tuple(
        Step(
            number=number,
            role=step.choice("role", StepRole),
            text=step.text("text"),
            cue=step.text("cue"),
            illustration=step.text("illustration"),
        )
        for number, step in enumerate(reader.tables("steps"), start=1)
    )
    roles = [step.role for step in steps]
    for role in StepRole:
        if roles.count(role) != 1:
            raise reader.fail(
                "steps",
                f"must have exactly one step with role {role.value!r}, has {roles.count(role)}",
            )
    return Exercise(
        id=reader.identifier("id"),
        name=reader.text("name"),
        detail=reader.text("detail", allow_empty=True),
        source=reader.text("source"),
        sides=reader.choice("sides", Sides),
        start_position=reader.text("start_position"),
        reminder=reader.text("reminder"),
        felt=reader.text("felt"),
        hold_seconds=reader.range("hold", "seconds", MAX_HOLD_SECONDS),
        repetitions=reader.range("repetitions", "count", MAX_REPETITIONS),
        steps=steps,
    )


def parse_routine(
    file: str, data: Mapping[str, Any], exercises: Mapping[str, Exercise], *, builtin: bool
) -> Routine:
    reader = _Reader(file, data)
    ids = reader.strings("exercises")
    if len(ids) > MAX_ROUTINE_EXERCISES:
        raise reader.fail("exercises", f"may list at most {MAX_ROUTINE_EXERCISES} exercises")
    for exercise_id in ids:
        if exercise_id not in exercises:
            allowed = ", ".join(sorted(exercises))
            raise reader.fail("exercises", f"unknown exercise {exercise_id!r}; known: {allowed}")
    return Routine(reader.identifier("id"), reader.text("name"), tuple(ids), builtin)


def _parse_toml(file: str, text: str) -> dict[str, Any]:
    import tomllib  # here, not at the top: `import sciatica_gui.core` must stay fast

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ContentError(file, "(file)", f"is not valid TOML: {error}") from None


def _builtin_files() -> Path:
    # A plain path next to this module, not importlib.resources: the files ship inside
    # the package (and the frozen app) as ordinary files, and that import alone costs
    # ~20 ms of start-up here.
    from pathlib import Path

    return Path(__file__).resolve().parent / "data"


def load_builtin_exercises() -> dict[str, Exercise]:
    folder = _builtin_files() / "exercises"
    exercises: dict[str, Exercise] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".toml"):
            continue
        exercise = parse_exercise(entry.name, _parse_toml(entry.name, entry.read_text("utf-8")))
        if f"{exercise.id}.toml" != entry.name:
            raise ContentError(entry.name, "id", f"must match the file name, got {exercise.id!r}")
        exercises[exercise.id] = exercise
    return exercises


def load_builtin_routines(exercises: Mapping[str, Exercise]) -> tuple[Routine, ...]:
    file = "routines.toml"
    data = _parse_toml(file, (_builtin_files() / file).read_text("utf-8"))
    tables = _Reader(file, data).tables("routine")
    named = [parse_routine(file, table.table, exercises, builtin=True) for table in tables]
    singles = [Routine(e.id, e.name, (e.id,)) for e in exercises.values()]
    return (*named, *singles)


def load_user_routine(path: Path, exercises: Mapping[str, Exercise]) -> Routine:
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ContentError(str(path), "(file)", f"cannot be read: {error}") from None
    return parse_routine(str(path), _parse_toml(str(path), text), exercises, builtin=False)


def load_library(user_routine_files: Iterable[Path] = ()) -> tuple[Library, list[ContentError]]:
    """The built-in content plus every user routine that loads.

    A user routine that fails to load is left out and its error returned, so
    one bad file never hides the others. A routine whose id is already taken
    is left out the same way. Built-in content must load: its errors raise.
    """
    exercises = load_builtin_exercises()
    routines = list(load_builtin_routines(exercises))
    problems: list[ContentError] = []
    for path in sorted(user_routine_files):
        try:
            routine = load_user_routine(path, exercises)
        except ContentError as error:
            problems.append(error)
            continue
        if any(existing.id == routine.id for existing in routines):
            problems.append(ContentError(str(path), "id", f"{routine.id!r} is already in use"))
            continue
        routines.append(routine)
    return Library(exercises, tuple(routines)), problems


def user_routine_files(data_dir: Path) -> list[Path]:
    folder = data_dir / "routines"
    return sorted(folder.glob("*.toml")) if folder.is_dir() else []
