"""Around a session: the first-run notice, the pain check, the emergency signs, the history.

The window is driven as a person would drive it, on a fake clock: keys and
clicks, and dialogs answered where they appear.
"""

from __future__ import annotations

import csv
from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from sciatica_gui.core.content import Level
from sciatica_gui.core.events import State
from sciatica_gui.core.timeline import compile_timeline
from sciatica_gui.history import FILE_NAME, HistoryStore, SessionOutcome, plan_of
from sciatica_gui.history.schema import CURRENT_VERSION
from sciatica_gui.qt.settings import ROUTINE
from sciatica_gui.ui.history_problem import HistoryProblemDialog
from sciatica_gui.ui.pain_advice import PainAdviceDialog
from sciatica_gui.ui.pain_check import PainCheck
from sciatica_gui.ui.safety_dialogs import EmergencySigns, FirstRunNotice
from tests.helpers import make_window, press
from tests.test_history_support import FakeNow


@pytest.fixture
def window(qtbot, library, data_dir, clock, resources):
    window = make_window(qtbot, library, data_dir, clock, first_run=True)
    window.care.history.now = FakeNow()
    window.care.history.attach()
    return window


def back_to(window) -> None:
    """Closing a dialog gives the window the keyboard back (offscreen, the test does it)."""
    window.activateWindow()
    QApplication.processEvents()


def answer_pain(qtbot, window, *keys: Qt.Key) -> None:
    dialog = window.care.dialog
    assert isinstance(dialog, PainCheck)
    for key in keys:
        qtbot.keyClick(dialog.scale, key)


def finish_session(window, clock) -> None:
    driver = window.driver
    while driver.state is State.RUNNING:
        wake = driver.engine.next_wakeup_ns()
        clock.set_ns(wake)
        driver.tick()


def sessions(window):
    store = window.care.history.store
    assert store is not None
    return store.sessions()


def open_advice(window) -> list[PainAdviceDialog]:
    return [w for w in window.findChildren(PainAdviceDialog) if w.isVisible()]


def test_the_notice_comes_before_the_first_session_and_only_once(
    qtbot, window, library, data_dir, clock
):
    press(qtbot, window, Qt.Key.Key_Space)
    notice = window.care.dialog
    assert isinstance(notice, FirstRunNotice)
    assert notice.isVisible()
    assert window.driver.state is State.IDLE
    notice.button.click()
    # Acknowledged: the pain check follows, and the notice is remembered.
    assert isinstance(window.care.dialog, PainCheck)
    window.care.dialog.reject()
    assert window.driver.state is State.RUNNING
    window.close()

    again = make_window(qtbot, library, data_dir, clock, first_run=True)
    press(qtbot, again, Qt.Key.Key_Space)
    assert isinstance(again.care.dialog, PainCheck)


def test_closing_the_notice_without_acknowledging_starts_nothing(qtbot, window):
    press(qtbot, window, Qt.Key.Key_Space)
    notice = window.care.dialog
    assert isinstance(notice, FirstRunNotice)
    notice.reject()
    assert window.driver.state is State.IDLE
    back_to(window)
    press(qtbot, window, Qt.Key.Key_Space)
    assert isinstance(window.care.dialog, FirstRunNotice)


def test_pain_before_and_after_are_recorded_with_the_session(qtbot, window, clock):
    press(qtbot, window, Qt.Key.Key_Space)
    window.care.dialog.button.click()
    answer_pain(qtbot, window, Qt.Key.Key_3, Qt.Key.Key_Return)
    assert window.driver.state is State.RUNNING
    finish_session(window, clock)
    answer_pain(qtbot, window, Qt.Key.Key_2, Qt.Key.Key_Return)
    [session] = sessions(window)
    assert (session.pain_before, session.pain_after) == (3, 2)
    assert session.outcome is SessionOutcome.FINISHED
    assert open_advice(window) == []


def test_pain_two_points_worse_after_brings_a_calm_note(qtbot, window, clock):
    press(qtbot, window, Qt.Key.Key_Space)
    window.care.dialog.button.click()
    answer_pain(qtbot, window, Qt.Key.Key_3, Qt.Key.Key_Return)
    finish_session(window, clock)
    answer_pain(qtbot, window, Qt.Key.Key_5, Qt.Key.Key_Return)
    [advice] = open_advice(window)
    assert not advice.isModal()
    assert "pain" in advice.text.text().lower()
    # The note blocks nothing: with it still open, the next session can be made ready.
    back_to(window)
    press(qtbot, window, Qt.Key.Key_Space)
    assert window.driver.state is State.IDLE
    assert advice.isVisible()


def test_high_pain_before_suggests_waiting_and_space_then_begins(qtbot, window):
    press(qtbot, window, Qt.Key.Key_Space)
    window.care.dialog.button.click()
    answer_pain(qtbot, window, Qt.Key.Key_8, Qt.Key.Key_Return)
    [advice] = open_advice(window)
    assert window.driver.state is State.IDLE
    advice.close_button.click()
    back_to(window)
    press(qtbot, window, Qt.Key.Key_Space)  # the person decides to go ahead
    assert window.driver.state is State.RUNNING
    assert sessions(window)[0].pain_before == 8


def test_skipping_the_pain_check_starts_the_session_without_a_score(qtbot, window):
    press(qtbot, window, Qt.Key.Key_Space)
    window.care.dialog.button.click()
    qtbot.keyClick(window.care.dialog, Qt.Key.Key_Escape)
    assert window.driver.state is State.RUNNING
    assert sessions(window)[0].pain_before is None


def test_the_emergency_signs_are_one_key_away_and_pause_a_running_session(qtbot, window, clock):
    press(qtbot, window, Qt.Key.Key_Space)
    window.care.dialog.button.click()
    window.care.dialog.reject()
    clock.advance(2)
    window.driver.tick()
    back_to(window)
    press(qtbot, window, Qt.Key.Key_E)
    dialog = window.care.emergency_dialog
    assert isinstance(dialog, EmergencySigns)
    assert dialog.isVisible()
    assert window.driver.state is State.PAUSED
    text = dialog.text()
    for number in ("911", "999", "112"):
        assert number in text
    assert "National Library of Medicine" in text


def test_the_emergency_button_is_always_on_screen(qtbot, window):
    assert window.emergency_button.isVisible()
    qtbot.mouseClick(window.emergency_button, Qt.MouseButton.LeftButton)
    assert window.care.emergency_dialog.isVisible()
    assert window.driver.state is State.IDLE  # nothing to pause; nothing started
    window.care.emergency_dialog.close()
    window.enter_mat_mode(full_screen=False)
    corner = window.mat._corner
    assert corner is not None
    assert corner.isVisible()
    assert window.mat.rect().contains(corner.geometry())


def test_an_interrupted_session_is_offered_back_and_carries_on(
    qtbot, library, data_dir, clock, resources
):
    first = make_window(qtbot, library, data_dir, clock)
    first.care.history.now = FakeNow()
    first.care.history.attach()
    first.select_routine("full")
    press(qtbot, first, Qt.Key.Key_Space)
    driver = first.driver
    while driver.status().phase.exercise_number < 3:
        clock.set_ns(driver.engine.next_wakeup_ns())
        driver.tick()
        QApplication.processEvents()  # the loop turns between boundaries, as it does live
    # The app dies here: nothing after the last checkpoint is written.
    first.care.history.store.close()
    first.care.history.store = None
    first.care.history.recorder = None

    again = make_window(qtbot, library, data_dir, clock)
    again.care.history.now = FakeNow()
    again.care.history.attach()
    offer = again.care.dialog
    assert isinstance(offer, QMessageBox)
    assert "2 of 4" in offer.text()
    carry_on = next(b for b in offer.buttons() if b.text() == "Carry on")
    carry_on.click()
    timeline = again.driver.timeline
    assert [b.exercise.id for b in timeline.blocks] == list(library.routine("full").exercises[2:])
    press(qtbot, again, Qt.Key.Key_Space)
    finish_session(again, clock)
    [session] = sessions(again)
    assert session.outcome is SessionOutcome.FINISHED
    assert session.holds_done == session.holds


def test_starting_afresh_closes_the_interrupted_session(qtbot, library, data_dir, clock, resources):
    now = FakeNow()
    store = HistoryStore.open(data_dir, now).store
    timeline = compile_timeline(library, library.routine("stretches"), Level.STANDARD)
    session = store.begin("stretches", "Stretches", "standard", now(), 2, plan_of(timeline.blocks))
    store.close()
    window = make_window(qtbot, library, data_dir, clock)
    window.care.history.now = now
    window.care.history.attach()
    offer = window.care.dialog
    assert isinstance(offer, QMessageBox)
    next(b for b in offer.buttons() if b.text() == "Start afresh").click()
    [record] = sessions(window)
    assert record.id == session
    assert record.outcome is SessionOutcome.INTERRUPTED
    assert window.care.history.store.interrupted() is None
    assert window.driver.timeline.routine.id == window.settings.get(ROUTINE)


def test_a_corrupt_history_file_is_moved_aside_said_and_the_app_runs(
    qtbot, library, data_dir, clock, resources
):
    path = data_dir / FILE_NAME
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    window = make_window(qtbot, library, data_dir, clock)
    window.care.history.now = FakeNow()
    window.care.history.attach()
    dialog = window.care.dialog
    assert isinstance(dialog, HistoryProblemDialog)
    assert str(path.name) in dialog.sentence.text()
    moved = dialog.problem.moved_to
    dialog.reject()
    assert moved is not None
    assert moved.read_bytes().startswith(b"SQLite format 3\x00\xff")
    assert window.care.history.store is not None  # a fresh history was started
    press(qtbot, window, Qt.Key.Key_Space)
    assert window.driver.state is State.RUNNING


def test_a_history_from_a_newer_app_is_left_alone_and_the_view_says_why(
    qtbot, library, data_dir, clock, resources
):
    store = HistoryStore.open(data_dir, FakeNow()).store
    store.close()
    import sqlite3

    with sqlite3.connect(data_dir / FILE_NAME) as conn:
        conn.execute("UPDATE schema_version SET version = ?", (CURRENT_VERSION + 1,))
    before = (data_dir / FILE_NAME).read_bytes()
    window = make_window(qtbot, library, data_dir, clock)
    window.care.history.now = FakeNow()
    window.care.history.attach()
    dialog = window.care.dialog
    assert isinstance(dialog, HistoryProblemDialog)
    assert not dialog.offers_restore
    dialog.reject()
    assert window.care.history.store is None
    press(qtbot, window, Qt.Key.Key_Space)
    assert window.driver.state is State.RUNNING  # the session runs without history
    window.care.history.show()
    assert window.care.history.unavailable in window.care.history.history_view.empty.text()
    assert (data_dir / FILE_NAME).read_bytes() == before


def test_the_history_window_lists_sessions_and_exports_csv(
    qtbot, library, data_dir, clock, resources, tmp_path
):
    window = make_window(qtbot, library, data_dir, clock)
    window.care.history.now = FakeNow()
    window.care.history.attach()
    press(qtbot, window, Qt.Key.Key_Space)
    finish_session(window, clock)
    target = tmp_path / "history.csv"
    window.care.history.choose_path = lambda _parent, _suggested: target
    press(qtbot, window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    view = window.care.history.history_view
    assert view is not None
    assert window.care.history.history_window.isVisible()
    assert view.model.rowCount() == 1
    window.care.history.export()
    with target.open(newline="", encoding="utf-8") as file:
        rows = list(csv.reader(file))
    assert len(rows) == 2  # header and the session
    started = rows[1][rows[0].index(next(h for h in rows[0] if "start" in h.lower()))]
    assert datetime.fromisoformat(started).tzinfo is not None or started[:4].isdigit()


def test_closing_mid_session_records_it_as_stopped_and_asks_nothing(qtbot, window, clock):
    press(qtbot, window, Qt.Key.Key_Space)
    window.care.dialog.button.click()
    answer_pain(qtbot, window, Qt.Key.Key_4, Qt.Key.Key_Return)
    clock.advance(30)
    window.driver.tick()
    window.close()
    assert window.care.dialog is None  # no pain check keeps a closed app alive
    asking = [w for w in QApplication.topLevelWidgets() if isinstance(w, PainCheck)]
    assert not [w for w in asking if w.isVisible()]
    assert window.care.history.store is None  # closed
    reopened = HistoryStore.open(window.care.history.data_dir, FakeNow()).store
    [session] = reopened.sessions()
    assert session.outcome is SessionOutcome.STOPPED
    assert session.pain_before == 4


def test_an_interrupted_session_whose_plan_no_longer_fits_is_not_offered(
    qtbot, library, data_dir, clock, resources
):
    now = FakeNow()
    store = HistoryStore.open(data_dir, now).store
    timeline = compile_timeline(library, library.routine("stretches"), Level.STANDARD)
    plan = plan_of(timeline.blocks)
    # Saved when the stretches were counted differently: one hold fewer each.
    changed = tuple(p._replace(holds=p.holds - 1, reps=p.reps) for p in plan)
    session = store.begin("stretches", "Stretches", "standard", now(), None, changed)
    store.close()
    window = make_window(qtbot, library, data_dir, clock)
    window.care.history.now = now
    window.care.history.attach()
    assert window.care.dialog is None
    [record] = sessions(window)
    assert record.id == session
    assert record.outcome is SessionOutcome.INTERRUPTED


def test_e_reaches_the_emergency_signs_from_the_pain_question(qtbot, window):
    press(qtbot, window, Qt.Key.Key_Space)
    window.care.dialog.button.click()
    check = window.care.dialog
    assert isinstance(check, PainCheck)
    assert check.isModal() or check.windowModality() != Qt.WindowModality.NonModal
    back_to(check)  # the question has the keyboard, as it would on screen
    qtbot.keyClick(check, Qt.Key.Key_E)
    signs = window.care.emergency_dialog
    assert signs is not None
    assert signs.isVisible()
    assert signs.parentWidget() is check  # on top of the question, not behind it


def test_the_emergency_signs_say_paused_only_while_the_session_is(qtbot, window, clock):
    press(qtbot, window, Qt.Key.Key_Space)
    window.care.dialog.button.click()
    window.care.dialog.reject()
    back_to(window)
    press(qtbot, window, Qt.Key.Key_E)
    signs = window.care.emergency_dialog
    assert "paused" in signs.text()
    window.driver.stop()
    assert "paused" not in signs.text()


def test_high_pain_before_that_eased_gets_no_note_after(qtbot, window, clock):
    press(qtbot, window, Qt.Key.Key_Space)
    window.care.dialog.button.click()
    answer_pain(qtbot, window, Qt.Key.Key_9, Qt.Key.Key_Return)
    for advice in open_advice(window):
        advice.close_button.click()
    back_to(window)
    press(qtbot, window, Qt.Key.Key_Space)
    finish_session(window, clock)
    answer_pain(qtbot, window, Qt.Key.Key_7, Qt.Key.Key_Return)
    assert open_advice(window) == []
    assert sessions(window)[0].pain_after == 7


def test_stopping_before_any_hold_asks_nothing_after(qtbot, window, clock):
    press(qtbot, window, Qt.Key.Key_Space)
    window.care.dialog.button.click()
    answer_pain(qtbot, window, Qt.Key.Key_2, Qt.Key.Key_Return)
    clock.advance(1)
    window.driver.tick()
    window.driver.stop()
    assert window.care.dialog is None
    [session] = sessions(window)
    assert session.outcome is SessionOutcome.STOPPED


def test_the_checkpoint_is_written_after_the_boundary_not_during_it(
    qtbot, library, data_dir, clock, resources
):
    window = make_window(qtbot, library, data_dir, clock)
    window.care.history.now = FakeNow()
    window.care.history.attach()
    window.select_routine("full")
    press(qtbot, window, Qt.Key.Key_Space)
    driver = window.driver
    store = window.care.history.store
    while driver.status().phase.exercise_number < 2:
        clock.set_ns(driver.engine.next_wakeup_ns())
        driver.tick()
    # The boundary into exercise 2 has been shown and sounded; the disk has not been touched.
    assert store.interrupted().position == 0
    QApplication.processEvents()
    assert store.interrupted().position == 1
