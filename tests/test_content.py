"""Loading exercises and routines: the built-in files, and every way a file can be wrong."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from sciatica_gui.core.content import (
    ContentError,
    Level,
    Origin,
    Sides,
    StepRole,
    load_library,
    parse_exercise,
    parse_routine,
    user_routine_files,
)


def builtin_exercise_data(exercise_id: str) -> dict[str, Any]:
    folder = resources.files("sciatica_gui.core") / "data" / "exercises"
    return tomllib.loads((folder / f"{exercise_id}.toml").read_text("utf-8"))


def test_builtin_exercises_and_routines_load(library):
    assert list(library.exercises) == [
        "back_extension",
        "floor_bridge",
        "knee_to_chest",
        "sciatic_mobilising",
    ]
    assert [r.id for r in library.routines] == [
        "full",
        "stretches",
        "back_extension",
        "floor_bridge",
        "knee_to_chest",
        "sciatic_mobilising",
    ]
    assert library.routine("full").exercises == tuple(library.exercises)
    assert library.routine("stretches").exercises == ("knee_to_chest", "sciatic_mobilising")
    for exercise_id in library.exercises:
        assert library.routine(exercise_id).exercises == (exercise_id,)
        assert library.routine(exercise_id).name == library.exercises[exercise_id].name
    assert all(routine.builtin for routine in library.routines)


def test_every_exercise_has_numbered_steps_with_one_of_each_role(library):
    for exercise in library.exercises.values():
        assert [step.number for step in exercise.steps] == list(range(1, len(exercise.steps) + 1))
        assert sorted(step.role for step in exercise.steps) == sorted(StepRole)
        assert exercise.step_for(StepRole.HOLD).role is StepRole.HOLD
        assert exercise.start_position
        assert exercise.reminder
        assert exercise.felt


def test_level_picks_the_ends_of_a_range(library):
    hold = library.exercises["knee_to_chest"].hold_seconds
    assert (hold.at(Level.GENTLE), hold.at(Level.STANDARD)) == (20, 30)


def test_unknown_routine_raises_key_error(library):
    with pytest.raises(KeyError):
        library.routine("nope")


@pytest.mark.parametrize(
    ("change", "field", "problem"),
    [
        (lambda d: d.pop("name"), "name", "is missing"),
        (lambda d: d.update(name="  "), "name", "must not be empty"),
        (lambda d: d.update(name=3), "name", "must be text, got 3"),
        (lambda d: d.update(id="Back-Extension"), "id", "must be lower-case letters"),
        (lambda d: d.update(sides="both"), "sides", "must be one of 'none', 'alternating'"),
        (lambda d: d.update(hold=5), "hold", "must be a table"),
        (lambda d: d["hold"].update(seconds=[10, 5]), "hold.seconds", "1 <= low <= high <= 600"),
        (lambda d: d["hold"].update(seconds=[5]), "hold.seconds", "two whole numbers"),
        (lambda d: d["hold"].update(seconds=[5.0, 10]), "hold.seconds", "got [5.0, 10]"),
        (lambda d: d["hold"].update(seconds=[0, 10]), "hold.seconds", "got [0, 10]"),
        (lambda d: d["hold"].update(origin="guess"), "hold.origin", "'source', 'app'"),
        (lambda d: d["repetitions"].pop("count"), "repetitions.count", "is missing"),
        (lambda d: d["repetitions"].update(count=[1, 51]), "repetitions.count", "<= 50"),
        (lambda d: d.update(steps=[]), "steps", "non-empty list of tables"),
        (lambda d: d.update(steps=["lie down"]), "steps[1]", "must be a table"),
        (lambda d: d["steps"][1].update(role="wiggle"), "steps[2].role", "'start', 'hold'"),
        (lambda d: d["steps"][2].update(role="hold"), "steps", "exactly one step with role"),
        (lambda d: d["steps"][0].pop("cue"), "steps[1].cue", "is missing"),
    ],
)
def test_a_malformed_exercise_names_file_field_and_what_is_allowed(change, field, problem):
    data = builtin_exercise_data("back_extension")
    change(data)
    with pytest.raises(ContentError) as caught:
        parse_exercise("back_extension.toml", data)
    assert caught.value.file == "back_extension.toml"
    assert caught.value.field == field
    assert problem in caught.value.problem
    assert str(caught.value).startswith(f"back_extension.toml: {field}: ")


def write_routine(folder: Path, name: str, text: str) -> Path:
    routines = folder / "routines"
    routines.mkdir(exist_ok=True)
    path = routines / name
    path.write_text(text, "utf-8")
    return path


def test_user_routines_load_after_the_builtin_ones(data_dir):
    write_routine(
        data_dir,
        "morning.toml",
        'id = "morning"\nname = "Morning"\nexercises = ["floor_bridge", "knee_to_chest"]\n',
    )
    library, problems = load_library(user_routine_files(data_dir))
    assert problems == []
    assert library.routines[-1].id == "morning"
    assert library.routines[-1].builtin is False
    assert library.routines[-1].exercises == ("floor_bridge", "knee_to_chest")


def test_no_routines_folder_means_no_user_routines(data_dir):
    assert user_routine_files(data_dir) == []


@pytest.mark.parametrize(
    ("text", "field", "problem"),
    [
        ('id = "x"\nname = "X"\nexercises = [', "(file)", "is not valid TOML"),
        ('id = "x"\nname = "X"\nexercises = ["yoga"]\n', "exercises", "unknown exercise 'yoga'"),
        ('id = "x"\nname = "X"\nexercises = []\n', "exercises", "non-empty list of text"),
        ('id = "x"\nexercises = ["floor_bridge"]\n', "name", "is missing"),
        ('id = "full"\nname = "Mine"\nexercises = ["floor_bridge"]\n', "id", "already in use"),
        (
            'id = "x"\nname = "X"\nexercises = ' + str(["floor_bridge"] * 21).replace("'", '"'),
            "exercises",
            "at most 20",
        ),
    ],
)
def test_a_bad_user_routine_is_left_out_with_a_clear_message(data_dir, text, field, problem):
    bad = write_routine(data_dir, "bad.toml", text)
    write_routine(
        data_dir, "good.toml", 'id = "good"\nname = "Good"\nexercises = ["floor_bridge"]\n'
    )
    library, problems = load_library(user_routine_files(data_dir))
    assert [r.id for r in library.routines][-1] == "good"
    assert len(problems) == 1
    assert problems[0].file == str(bad)
    assert problems[0].field == field
    assert problem in problems[0].problem


def test_an_unreadable_user_routine_is_reported(data_dir):
    bad = write_routine(data_dir, "latin1.toml", "")
    bad.write_bytes(b'id = "caf\xe9"\n')
    _, problems = load_library(user_routine_files(data_dir))
    assert problems[0].file == str(bad)
    assert "cannot be read" in problems[0].problem


def test_parse_routine_checks_exercises_against_the_library(library):
    routine = parse_routine(
        "r.toml",
        {"id": "r", "name": "R", "exercises": ["knee_to_chest"]},
        library.exercises,
        builtin=False,
    )
    assert routine.exercises == ("knee_to_chest",)


def test_origin_and_sides_values(library):
    bridge = library.exercises["floor_bridge"]
    assert bridge.repetitions.origin is Origin.APP
    assert bridge.hold_seconds.origin is Origin.SOURCE
    assert library.exercises["knee_to_chest"].sides is Sides.ALTERNATING
