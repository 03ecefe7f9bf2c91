"""The session window under pytest-qt: offscreen, on a fake clock, driven from the keyboard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QListWidget

from sciatica_gui.core.clock import NS_PER_S
from sciatica_gui.core.content import Level
from sciatica_gui.core.events import State
from sciatica_gui.core.timeline import PhaseKind, Side
from sciatica_gui.qt.session_driver import SessionDriver
from sciatica_gui.qt.settings import Settings
from sciatica_gui.ui.main_window import MainWindow
from sciatica_gui.ui.screenshot import settle
from tests.helpers import (
    clipped_labels,
    expected_seconds,
    make_window,
    phase_at,
    press,
    tick_to,
)

K = Qt.Key
WORDS = {
    PhaseKind.GET_READY: "Get ready",
    PhaseKind.POSITION: "Move into position",
    PhaseKind.HOLD: "Hold",
    PhaseKind.RELEASE: "Release",
    PhaseKind.REST: "Rest",
    PhaseKind.SWITCH_SIDE: "Switch legs",
    PhaseKind.NEXT_EXERCISE: "Next exercise",
}


@pytest.fixture
def window(qtbot, library, data_dir, clock, resources):
    return make_window(qtbot, library, data_dir, clock)


def test_choosing_a_routine_updates_the_panel_and_the_totals(window):
    window.sidebar.select("stretches")
    settle()
    timeline = window.driver.timeline
    assert timeline.routine.id == "stretches"
    assert window.panel.currentWidget() is window.panel.overview
    overview = [label.text() for label in window.panel.overview.findChildren(QLabel)]
    assert "Stretches" in overview
    assert any("Knee-to-chest stretch" in text for text in overview)
    display = window.timer.display
    assert display.word == "Ready"
    assert display.progress == "2 exercises · 8 min 30 s"
    assert display.center == "8 min 30 s"


def test_a_new_routine_replaces_the_old_overview_before_the_next_picture(window):
    window.select_routine("stretches")
    window.select_routine("full")
    settle()
    # The replaced widgets are gone, not merely scheduled to go: a screenshot taken now
    # would otherwise draw both routines on top of each other.
    titles = [w for w in window.panel.findChildren(QLabel) if w.objectName() == "routineName"]
    assert [t.text() for t in titles] == ["Full routine"]


def test_the_level_changes_the_totals(window):
    window.sidebar.select("knee_to_chest")
    window.sidebar.gentle.click()
    settle()
    assert window.driver.timeline.level is Level.GENTLE
    assert window.timer.display.center == "3 min 10 s"
    assert window.settings.level() is Level.GENTLE


def test_the_session_pages_are_built_after_the_first_frame_or_when_needed(window):
    panel = window.panel
    assert panel.count() == 1  # the first frame shows only the overview
    panel.build_pages()
    assert panel.count() == 3
    exercise = panel.exercise
    panel.build_pages()
    assert panel.count() == 3
    assert panel.exercise is exercise


def test_each_second_is_painted_at_once_not_on_the_next_turn(qtbot, window, clock):
    painted: list[int | None] = []
    paint = window.timer.paintEvent

    def note(event):
        paint(event)
        painted.append(window.timer.display.seconds)

    window.timer.paintEvent = note
    press(qtbot, window, K.Key_Space)
    shown = window.timer.display.seconds
    assert painted[-1] == shown
    clock.set_ns(clock.now_ns() + NS_PER_S)
    window.driver.tick()  # and no turn of the event loop after it
    assert window.timer.display.seconds == shown - 1
    assert painted[-1] == shown - 1


def test_space_starts_pauses_and_resumes(qtbot, window, clock):
    press(qtbot, window, K.Key_Space)
    assert window.driver.state is State.RUNNING
    assert window.commands.start.text() == "Pause"
    assert window.panel.currentWidget() is window.panel.exercise
    clock.advance(1)
    window.driver.tick()
    press(qtbot, window, K.Key_Space)
    assert window.driver.state is State.PAUSED
    assert window.timer.display.word == "Paused"
    assert window.commands.start.text() == "Go on"
    press(qtbot, window, K.Key_Space)
    assert window.driver.state is State.RUNNING
    assert window.timer.display.word == "Get ready"  # the count-in
    assert window.timer.display.seconds == 3


@pytest.mark.parametrize("routine_id", ["stretches", "floor_bridge"])
def test_a_whole_routine_shows_the_right_step_word_rep_side_and_seconds(
    qtbot, window, clock, routine_id
):
    window.sidebar.select(routine_id)
    settle()
    timeline = window.driver.timeline
    press(qtbot, window, K.Key_Space)
    start = clock.now_ns()
    checked = 0
    for second in range(0, timeline.total_seconds, 7):
        moment = second + 0.5
        tick_to(window, clock, start + round(moment * NS_PER_S))
        phase = phase_at(timeline, moment)
        display = window.timer.display
        assert display.word == WORDS[phase.kind], moment
        assert display.seconds == expected_seconds(phase, moment), moment
        # Before an exercise the rep is not shown: it would read as "do rep 1 now".
        lead_in = phase.kind in (PhaseKind.GET_READY, PhaseKind.NEXT_EXERCISE)
        assert display.rep == ("" if lead_in else f"Rep {phase.rep} of {phase.reps}")
        assert (
            display.side == {Side.LEFT: "Left leg", Side.RIGHT: "Right leg", None: ""}[phase.side]
        )
        assert window.panel.exercise.lit_step() == phase.step
        assert window.panel.exercise.name.text() == window.library.exercises[phase.exercise].name
        assert window.mat.display == display
        checked += 1
    assert checked > 10
    tick_to(window, clock, start + timeline.total_seconds * NS_PER_S)
    assert window.driver.state is State.FINISHED
    assert window.panel.currentWidget() is window.panel.summary
    assert window.panel.summary.title.text() == "Well done"
    assert all(text.startswith("✓") for text in window.panel.summary.row_texts())
    assert window.timer.display.word == "Well done"


def test_the_left_leg_is_the_drawing_mirrored(qtbot, window, clock):
    window.sidebar.select("knee_to_chest")
    settle()
    timeline = window.driver.timeline
    press(qtbot, window, K.Key_Space)
    left_hold = next(p for p in timeline.phases if p.kind is PhaseKind.HOLD and p.side is Side.LEFT)
    tick_to(window, clock, clock.now_ns() + (left_hold.start_s + 1) * NS_PER_S)
    picture = window.panel.exercise.picture
    assert (picture.name, picture.mirrored) == ("knee_to_chest/hold", True)


def test_skip_back_and_stop_from_the_keyboard(qtbot, window, clock):
    press(qtbot, window, K.Key_Space)
    press(qtbot, window, K.Key_Right)
    assert window.driver.status().phase_index == 1
    press(qtbot, window, K.Key_N)
    assert window.driver.status().phase_index == 2
    press(qtbot, window, K.Key_Left)
    assert window.driver.status().phase_index == 1
    press(qtbot, window, K.Key_B)
    assert window.driver.status().phase_index == 0
    press(qtbot, window, K.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert window.driver.timeline.block_at(window.driver.status().phase_index).number == 2
    press(qtbot, window, K.Key_Escape)
    assert window.driver.state is State.STOPPED
    assert window.panel.summary.title.text() == "Session stopped"
    assert window.timer.display.word == "Stopped"
    # Space after a session gets the routine ready again.
    press(qtbot, window, K.Key_Space)
    assert window.driver.state is State.IDLE
    assert window.panel.currentWidget() is window.panel.overview


def test_controls_are_disabled_when_there_is_nothing_to_control(window):
    assert not window.commands.skip.isEnabled()
    assert not window.stop_button.isEnabled()
    assert window.sidebar.isEnabled()


def test_a_click_on_the_timer_pauses_and_resumes(qtbot, window):
    press(qtbot, window, K.Key_Space)
    qtbot.mouseClick(window.timer, Qt.MouseButton.LeftButton)
    assert window.driver.state is State.PAUSED
    qtbot.mouseClick(window.timer, Qt.MouseButton.LeftButton)
    assert window.driver.state is State.RUNNING


def test_mat_mode_on_and_off(qtbot, window, clock):
    press(qtbot, window, K.Key_F11)
    assert window.mat_mode
    assert window.pages.currentWidget() is window.mat
    assert window.isFullScreen()
    assert not window.menuBar().isVisible()
    press(qtbot, window, K.Key_Space)
    clock.advance(2)
    window.driver.tick()
    settle()
    assert window.mat.display.seconds == 3
    press(qtbot, window, K.Key_Escape)  # stops the session, stays on the mat
    assert window.driver.state is State.STOPPED
    assert window.mat_mode
    press(qtbot, window, K.Key_Escape)  # nothing to stop: leaves mat mode
    assert not window.mat_mode
    assert window.pages.currentWidget() is window.normal
    press(qtbot, window, K.Key_F11)
    press(qtbot, window, K.Key_F11)
    assert not window.mat_mode
    assert not window.isFullScreen()


def test_ctrl_number_picks_a_routine_unless_a_session_runs(qtbot, window):
    press(qtbot, window, K.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.driver.timeline.routine.id == "stretches"
    press(qtbot, window, K.Key_9, Qt.KeyboardModifier.ControlModifier)  # no ninth routine
    assert window.driver.timeline.routine.id == "stretches"
    press(qtbot, window, K.Key_Space)
    press(qtbot, window, K.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.driver.timeline.routine.id == "stretches"
    assert window.driver.state is State.RUNNING


def test_help_lists_every_shortcut_and_buttons_show_theirs(qtbot, window):
    press(qtbot, window, K.Key_F1)
    assert window.help.isVisible()
    listed = " ".join(window.help.keys_listed())
    for key in ("Space", "Left", "B", "Right", "N", "Esc", "F11", "F1", "Ctrl+1", "Ctrl+9"):
        assert key in listed
    assert window.start_button.toolTip() == "Start (Space)"
    assert window.skip_button.toolTip() == "Skip (Right / N)"
    assert window.back_button.toolTip() == "Back (Left / B)"
    assert window.stop_button.toolTip() == "Stop (Esc)"
    assert window.mat_button.toolTip() == "Mat mode (F11)"
    press(qtbot, window, K.Key_Escape)
    assert not window.help.isVisible()
    assert window.driver.state is State.IDLE


def test_every_control_has_an_accessible_name(window):
    controls = [*window.findChildren(QAbstractButton), *window.findChildren(QListWidget)]
    ours = [widget for widget in controls if not widget.objectName().startswith("qt_")]
    assert len(ours) >= 8
    for widget in ours:
        assert widget.accessibleName(), widget
    assert window.timer.accessibleName() == "Session timer"
    assert "Ready" in window.timer.accessibleDescription()


@pytest.mark.parametrize("size", [(1024, 640), (1920, 1080)])
def test_no_label_is_clipped_at_small_and_large_sizes(
    qtbot, library, data_dir, clock, resources, size
):
    window = make_window(qtbot, library, data_dir, clock, size)
    for routine_id in ("full", "sciatic_mobilising"):
        window.sidebar.select(routine_id)
        settle()
        assert clipped_labels(window) == [], (routine_id, "overview")
        press(qtbot, window, K.Key_Space)
        timeline = window.driver.timeline
        for phase in timeline.phases[:: max(1, len(timeline.phases) // 8)]:
            tick_to(window, clock, clock.now_ns() + phase.seconds * NS_PER_S)
            assert clipped_labels(window) == [], (routine_id, phase.kind)
        press(qtbot, window, K.Key_Escape)
        assert clipped_labels(window) == [], (routine_id, "summary")
        press(qtbot, window, K.Key_Space)
    press(qtbot, window, K.Key_F1)
    assert clipped_labels(window.help) == []


def test_the_window_remembers_routine_level_and_geometry(
    qtbot, library, data_dir, clock, resources
):
    first = make_window(qtbot, library, data_dir, clock, (1100, 700))
    first.sidebar.select("floor_bridge")
    first.sidebar.gentle.click()
    first.close()
    settings = Settings(data_dir)
    second = MainWindow(library, settings, SessionDriver(clock))
    qtbot.addWidget(second)
    assert second.driver.timeline.routine.id == "floor_bridge"
    assert second.driver.timeline.level is Level.GENTLE
    assert (second.width(), second.height()) == (1100, 700)


def test_a_bad_user_routine_is_named_in_the_status_bar(qtbot, library, data_dir, clock, resources):
    from sciatica_gui.core.content import ContentError

    problem = ContentError("routines/bad.toml", "exercises", "is missing")
    window = MainWindow(library, Settings(data_dir), SessionDriver(clock), problems=[problem])
    qtbot.addWidget(window)
    assert "routines/bad.toml: exercises: is missing" in window.statusBar().currentMessage()


def test_the_window_is_active_for_shortcuts(window):
    assert QApplication.activeWindow() is window
