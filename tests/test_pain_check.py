"""The pain question and the advice note, driven from the keyboard and the mouse."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog

from sciatica_gui.core.pain import Reason
from sciatica_gui.ui.pain_advice import PainAdviceDialog, advice_text, offer_pain_advice
from sciatica_gui.ui.pain_check import PainCheck, PainMoment
from sciatica_gui.ui.screenshot import settle
from tests.helpers import clipped_labels

K = Qt.Key


@pytest.fixture
def check(qtbot):
    dialog = PainCheck(PainMoment.BEFORE)
    qtbot.addWidget(dialog)
    dialog.show()
    settle()
    return dialog


def keys(qtbot, dialog: PainCheck, *pressed: Qt.Key) -> None:
    for key in pressed:
        qtbot.keyClick(dialog.scale, key)


def test_nothing_is_chosen_beforehand_and_save_waits_for_a_choice(check):
    assert check.scale.value() is None
    assert not check.save_button.isEnabled()
    assert not any(box.isChecked() for box in check.scale.boxes)
    assert check.scale.hasFocus()


@pytest.mark.parametrize("digit", range(10))
def test_a_digit_chooses_that_score(qtbot, check, digit):
    keys(qtbot, check, getattr(K, f"Key_{digit}"))
    assert check.scale.value() == digit
    assert [box.score for box in check.scale.boxes if box.isChecked()] == [digit]
    assert check.save_button.isEnabled()


def test_one_then_zero_is_ten_and_another_zero_is_zero(qtbot, check):
    keys(qtbot, check, K.Key_1, K.Key_0)
    assert check.scale.value() == 10
    keys(qtbot, check, K.Key_0)
    assert check.scale.value() == 0
    keys(qtbot, check, K.Key_3, K.Key_0)  # only "1 0" makes ten
    assert check.scale.value() == 0


def test_a_digit_works_with_the_focus_on_a_button(qtbot, check):
    check.skip_button.setFocus()
    qtbot.keyClick(check.skip_button, K.Key_3)
    assert check.scale.value() == 3
    assert check.scale.hasFocus()


def test_arrows_home_and_end_move_within_the_scale(qtbot, check):
    keys(qtbot, check, K.Key_Right)
    assert check.scale.value() == 0  # the first arrow starts at the low end
    keys(qtbot, check, K.Key_Right, K.Key_Up)
    assert check.scale.value() == 2
    keys(qtbot, check, K.Key_End, K.Key_Right)
    assert check.scale.value() == 10
    keys(qtbot, check, K.Key_Left, K.Key_Down)
    assert check.scale.value() == 8
    keys(qtbot, check, K.Key_Home, K.Key_Left)
    assert check.scale.value() == 0


def test_enter_saves_the_chosen_score(qtbot, check):
    keys(qtbot, check, K.Key_4)
    with qtbot.waitSignal(check.answered, timeout=0) as answered:
        keys(qtbot, check, K.Key_Return)
    assert answered.args == [4]
    assert check.result() == QDialog.DialogCode.Accepted
    assert check.score == 4
    assert not check.isVisible()


def test_enter_without_a_choice_does_nothing(qtbot, check):
    keys(qtbot, check, K.Key_Return)
    assert check.isVisible()
    assert check.score is None


def test_escape_skips(qtbot, check):
    keys(qtbot, check, K.Key_6)
    with qtbot.waitSignal(check.answered, timeout=0) as answered:
        qtbot.keyClick(check.scale, K.Key_Escape)
    assert answered.args == [None]
    assert check.result() == QDialog.DialogCode.Rejected
    assert check.score is None
    assert not check.isVisible()


def test_the_skip_button_skips(qtbot, check):
    with qtbot.waitSignal(check.answered, timeout=0) as answered:
        qtbot.mouseClick(check.skip_button, Qt.MouseButton.LeftButton)
    assert answered.args == [None]
    assert check.score is None


def test_clicking_a_box_chooses_it_and_a_second_click_keeps_it(qtbot, check):
    box = check.scale.boxes[7]
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert check.scale.value() == 7
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert check.scale.value() == 7
    assert box.isChecked()
    qtbot.mouseClick(check.save_button, Qt.MouseButton.LeftButton)
    assert check.score == 7


def test_before_and_after_ask_differently(qtbot):
    before = PainCheck(PainMoment.BEFORE)
    after = PainCheck(PainMoment.AFTER, initial=5)
    qtbot.addWidget(before)
    qtbot.addWidget(after)
    assert "after the session" in after.question.text()
    assert "after" not in before.question.text()
    assert before.windowTitle() != after.windowTitle()
    assert after.scale.value() == 5
    assert after.save_button.isEnabled()


def test_every_control_is_named_and_nothing_is_clipped(check):
    for widget in [check.scale, *check.findChildren(QAbstractButton)]:
        assert widget.accessibleName(), widget
    assert check.scale.boxes[0].accessibleName() == "0, no pain"
    assert "worst" in check.scale.boxes[10].accessibleName()
    assert clipped_labels(check) == []
    check.resize(check.minimumWidth(), check.height())
    settle()
    assert clipped_labels(check) == []


def test_the_scale_says_what_is_chosen(qtbot, check):
    assert "No score" in check.scale.accessibleDescription()
    keys(qtbot, check, K.Key_9)
    assert check.scale.accessibleDescription() == "Chosen: 9"


def test_the_scale_paints_with_and_without_a_choice(qtbot, check):
    assert not check.grab().isNull()  # the dashed frame round an empty scale
    keys(qtbot, check, K.Key_2)
    assert not check.grab().isNull()


# -- advice -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after", "words"),
    [
        (3, 5, "higher now than before"),
        (6, 8, "high now, and higher than before"),
        (2, 9, "high now, and higher than before"),
        (8, 8, "was high before the session and is still high"),
        (None, 8, "high after the session"),
        (9, None, "high right now"),
    ],
)
def test_the_advice_is_shown_when_the_rule_says_so(qtbot, before, after, words):
    note = offer_pain_advice(before, after)
    assert note is not None
    qtbot.addWidget(note)
    assert note.isVisible()
    assert not note.isModal()
    assert QApplication.activeModalWidget() is None  # nothing is blocked
    assert words in note.text.text()
    assert "doctor or physiotherapist" in note.text.text()
    assert "911" in note.emergency_note.text()
    note.close()


@pytest.mark.parametrize(("before", "after"), [(3, 4), (5, 2), (7, 7), (None, 7), (None, None)])
def test_no_advice_when_the_rule_does_not_call_for_it(before, after):
    assert offer_pain_advice(before, after) is None


def test_the_advice_says_stop_after_a_session_and_rest_before_one():
    assert "stop" in advice_text((Reason.ROSE,))
    assert "not to exercise" in advice_text((Reason.HIGH_BEFORE,))
    assert advice_text(()) == ""
    for found in [(Reason.ROSE,), (Reason.HIGH_BEFORE,), (Reason.HIGH_AFTER,)]:
        assert "diagnos" not in advice_text(found)


def test_the_note_can_open_the_emergency_signs(qtbot):
    note = PainAdviceDialog((Reason.HIGH_AFTER,))
    qtbot.addWidget(note)
    note.show()
    settle()
    with qtbot.waitSignal(note.emergencyRequested, timeout=0):
        qtbot.mouseClick(note.emergency_button, Qt.MouseButton.LeftButton)
    assert note.isVisible()  # the note stays until the person closes it
    for button in note.findChildren(QAbstractButton):
        assert button.accessibleName()
    assert clipped_labels(note) == []
    qtbot.mouseClick(note.close_button, Qt.MouseButton.LeftButton)
    assert not note.isVisible()
