"""The command line: routine list, timeline JSON, data folder, and one-line usage errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from sciatica_gui.cli import main

KINDS = {"get_ready", "position", "hold", "release", "rest", "switch_side", "next_exercise"}


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_routines_prints_id_name_and_standard_total(capsys, data_dir):
    code, out, err = run(capsys, "--data-dir", str(data_dir), "--list-routines")
    assert code == 0
    assert err == ""
    lines = [line.split("\t") for line in out.splitlines()]
    assert [line[0] for line in lines] == [
        "full",
        "stretches",
        "back_extension",
        "floor_bridge",
        "knee_to_chest",
        "sciatic_mobilising",
    ]
    assert lines[0][1] == "Full routine"
    assert all(int(line[2]) > 0 for line in lines)


def test_timeline_json_has_the_documented_shape(capsys, data_dir):
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "--timeline", "knee_to_chest", "--json")
    assert code == 0
    document = json.loads(out)
    assert set(document) == {"routine", "level", "total_seconds", "phases"}
    assert (document["routine"], document["level"]) == ("knee_to_chest", "standard")
    phases = document["phases"]
    assert all(
        set(p) == {"kind", "exercise", "step", "rep", "reps", "side", "seconds"} for p in phases
    )
    assert {p["kind"] for p in phases} <= KINDS
    assert {p["side"] for p in phases} == {"left", "right"}
    assert sum(p["seconds"] for p in phases) == document["total_seconds"]
    holds = [p for p in phases if p["kind"] == "hold"]
    assert [(h["rep"], h["reps"], h["seconds"]) for h in holds[:2]] == [(1, 3, 30), (1, 3, 30)]


def test_timeline_json_at_the_gentle_level_with_sides_null(capsys, data_dir):
    code, out, _ = run(
        capsys,
        "--data-dir",
        str(data_dir),
        "--timeline",
        "back_extension",
        "--level",
        "gentle",
        "--json",
    )
    assert code == 0
    document = json.loads(out)
    assert document["level"] == "gentle"
    holds = [p for p in document["phases"] if p["kind"] == "hold"]
    assert len(holds) == 8
    assert {h["seconds"] for h in holds} == {5}
    assert {p["side"] for p in document["phases"]} == {None}


def test_timeline_as_text_lists_every_phase(capsys, data_dir):
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "--timeline", "stretches")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("Stretches (standard): ")
    assert "Switch legs" in out
    assert "rep 3 of 3" in out
    assert "left leg" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--timeline", "yoga"], "unknown routine 'yoga'; choose one of: full, stretches"),
        (["--timeline", "full", "--level", "hard"], "unknown level 'hard'"),
        (["--list-routines", "--level", "hard"], "unknown level 'hard'"),
    ],
)
def test_unknown_routine_or_level_is_one_line_and_status_2(capsys, data_dir, argv, message):
    code, out, err = run(capsys, "--data-dir", str(data_dir), *argv)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("sciatica-gui: ")
    assert message in err


def test_user_routines_in_the_data_dir_are_listed_and_bad_ones_named(capsys, data_dir):
    routines = data_dir / "routines"
    routines.mkdir()
    (routines / "evening.toml").write_text(
        'id = "evening"\nname = "Evening"\nexercises = ["knee_to_chest"]\n', "utf-8"
    )
    (routines / "broken.toml").write_text('id = "broken"\nname = "B"\n', "utf-8")
    code, out, err = run(capsys, "--data-dir", str(data_dir), "--list-routines")
    assert code == 0
    assert out.splitlines()[-1].startswith("evening\tEvening\t")
    assert f"{routines / 'broken.toml'}: exercises: is missing" in err


def test_python_dash_m_runs_the_same_entry_point(data_dir):
    result = subprocess.run(
        [sys.executable, "-m", "sciatica_gui", "--data-dir", str(data_dir), "--list-routines"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.startswith("full\tFull routine\t")


def test_the_default_data_dir_comes_from_qt_standard_paths(monkeypatch, tmp_path):
    from sciatica_gui.cli import default_data_dir

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_data_dir() == tmp_path / "sciatica-gui"


def test_a_reader_that_leaves_early_gets_no_traceback():
    process = subprocess.Popen(
        [sys.executable, "-m", "sciatica_gui", "--timeline", "full", "--data-dir", "/nonexistent"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    assert process.stderr is not None
    # The reader leaves before a line is written (the child is still importing), like
    # `| head -0`: every write meets a closed pipe.
    process.stdout.close()
    errors = process.stderr.read().decode()
    process.stderr.close()
    assert process.wait(30) == 0
    assert "Traceback" not in errors
