"""`sciatica-gui --self-test`: passes on a good install, records its sessions, names what fails.

Run in-process through `cli.main`, as the frozen app runs it; the frozen
bundle itself is exercised by tests/test_frozen_app.py.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from sciatica_gui.cli import main
from sciatica_gui.core.announcements import Cue
from sciatica_gui.core.content import Level
from sciatica_gui.history import FILE_NAME, HistoryStore, SessionOutcome

# The self-test imports QtMultimedia, whose first import looks for PipeWire and says so
# when the machine has none (PulseAudio then serves); that is no fault of the app.
pytestmark = pytest.mark.qt_log_ignore(
    "Couldn't load pipewire-0.3 library", "Couldn't resolve pipewire-0.3 symbols"
)

SUMMARY = re.compile(
    r"^self-test passed: (\d+) modules, (\d+) illustrations, (\d+) sounds,"
    r" (\d+) routines x 2 levels,"
    r" (\d+) sessions recorded in (.+), (\d+\.\d) s$"
)


def qrc_drawings() -> list[str]:
    qrc = Path(__file__).resolve().parent.parent / "resources.qrc"
    aliases = (node.get("alias") or "" for node in ET.parse(qrc).iter("file"))
    return [alias for alias in aliases if alias.startswith("illustrations/")]


@pytest.fixture(autouse=True)
def _sound_stays_off(monkeypatch):
    """The self-test must not open the sound device or start a speech engine."""
    from sciatica_gui.qt.cue_player import CuePlayer
    from sciatica_gui.qt.speech import Speech

    def refuse(*args, **kwargs):
        raise AssertionError("the self-test touched sound or speech")

    monkeypatch.setattr(CuePlayer, "load", refuse)
    monkeypatch.setattr(Speech, "start", refuse)
    monkeypatch.delenv("SCIATICA_SELF_TEST_SOUND", raising=False)


def run_self_test(capsys, *arguments: str) -> tuple[int, str, str]:
    status = main(["--self-test", *arguments])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_passes_with_one_line_and_records_every_routine_at_both_levels(
    qapp, capsys, library, tmp_path
):
    status, out, err = run_self_test(capsys, "--data-dir", str(tmp_path))

    assert status == 0, err
    lines = out.splitlines()
    assert len(lines) == 1
    match = SUMMARY.match(lines[0])
    assert match, lines[0]
    modules, drawings, sounds, routines, sessions, where, _ = match.groups()
    assert int(modules) > 40  # the whole package, not just the ones named in the self-test
    builtin = [routine for routine in library.routines if routine.builtin]
    assert int(drawings) == len(qrc_drawings()) == 11
    assert int(sounds) == len(Cue) == 7
    assert int(routines) == len(builtin) == 6
    assert int(sessions) == 12
    assert where == str(tmp_path)

    opened = HistoryStore.open(tmp_path)
    assert opened.problem is None
    assert opened.store is not None
    with opened.store as store:
        stored = store.sessions()
    assert sorted((s.routine, s.level) for s in stored) == sorted(
        (routine.id, level.value) for routine in builtin for level in Level
    )
    for session in stored:
        assert session.outcome is SessionOutcome.FINISHED
        assert session.holds_done == session.holds > 0
        assert session.position == len(session.exercises)
        assert session.active_seconds > 0


def test_a_second_run_in_the_same_folder_adds_its_sessions_to_the_first(qapp, capsys, tmp_path):
    assert run_self_test(capsys, "--data-dir", str(tmp_path))[0] == 0
    assert run_self_test(capsys, "--data-dir", str(tmp_path))[0] == 0
    opened = HistoryStore.open(tmp_path)
    assert opened.store is not None
    with opened.store as store:
        assert len(store.sessions()) == 24


def test_without_a_data_dir_it_works_in_a_temporary_folder_and_removes_it(qapp, capsys):
    status, out, err = run_self_test(capsys)

    assert status == 0, err
    match = SUMMARY.match(out.strip())
    assert match, out
    where = match.group(6)
    assert where.endswith(" (temporary, removed)")
    assert not Path(where.removesuffix(" (temporary, removed)")).exists()


def test_a_damaged_history_file_fails_the_self_test_naming_the_file(qapp, capsys, tmp_path):
    history = tmp_path / FILE_NAME
    history.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)

    status, out, err = run_self_test(capsys, "--data-dir", str(tmp_path))

    assert status == 1
    assert out == ""
    assert "Traceback" not in err
    problems = [line for line in err.splitlines() if "self-test: history" in line]
    assert len(problems) == 1, err
    assert str(history) in problems[0]
    assert "damaged" in problems[0]
    assert err.splitlines()[-1].startswith("self-test FAILED: 1 problems")
    # The app's own rule for a damaged file: moved aside, never overwritten.
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(FILE_NAME + ".")]


def test_a_data_dir_that_is_a_file_is_reported_not_raised(qapp, capsys, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("x", "utf-8")

    status, out, err = run_self_test(capsys, "--data-dir", str(blocked))

    assert status == 1
    assert out == ""
    assert f"self-test: data folder {blocked}: FileExistsError" in err
    assert "Traceback" not in err


def test_a_drawing_that_renders_blank_is_named(qapp, capsys, tmp_path, monkeypatch):
    from sciatica_gui import self_test

    # Nothing can be more than all ink: every drawing now counts as blank.
    monkeypatch.setattr(self_test, "MIN_INK", 1.01)

    status, _, err = run_self_test(capsys, "--data-dir", str(tmp_path))

    assert status == 1
    assert "self-test: drawing knee_to_chest/hold (mirrored=False) rendered" in err
    assert "self-test: icon: :/icons/app.svg did not draw as an icon" in err


def test_the_option_is_in_the_help(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "--self-test" in capsys.readouterr().out
