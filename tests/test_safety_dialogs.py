"""The first-run notice, the emergency signs and About: what they say, and how they close."""

from __future__ import annotations

from typing import TypeVar

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QPalette
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QLabel, QWidget

from sciatica_gui import APP_DISPLAY_NAME, __version__
from sciatica_gui.ui.safety_dialogs import (
    NOTICE_KEY,
    NOTICE_VERSION,
    AboutDialog,
    EmergencyButton,
    EmergencySigns,
    FirstRunNotice,
    alert_color,
    notice_needed,
    remember_notice,
    sources_of,
)
from sciatica_gui.ui.screenshot import settle
from sciatica_gui.ui.theme import contrast, dark_palette
from tests.helpers import clipped_labels

D = TypeVar("D", bound=QDialog)


def shown(qtbot, dialog: D) -> D:
    qtbot.addWidget(dialog)
    dialog.show()
    settle()
    return dialog


def all_text(widget: QWidget) -> str:
    return "\n".join(label.text() for label in widget.findChildren(QLabel))


def named_controls(widget: QWidget) -> None:
    for button in widget.findChildren(QAbstractButton):
        assert button.accessibleName(), button.text()
    assert widget.accessibleName()


# -- first-run notice ----------------------------------------------------------------------------


@pytest.fixture
def qsettings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def test_the_notice_is_needed_until_acknowledged_and_remembered_across_starts(tmp_path, qsettings):
    assert notice_needed(qsettings)
    remember_notice(qsettings)
    assert not notice_needed(qsettings)
    qsettings.sync()
    again = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    assert not notice_needed(again)  # read back from the file, as text


@pytest.mark.parametrize("stored", [NOTICE_VERSION - 1, "nonsense", ""])
def test_an_older_or_odd_acknowledgement_asks_again(qsettings, stored):
    qsettings.setValue(NOTICE_KEY, stored)
    assert notice_needed(qsettings)


def test_i_understand_acknowledges(qtbot):
    notice = shown(qtbot, FirstRunNotice())
    assert not notice.acknowledged
    qtbot.mouseClick(notice.button, Qt.MouseButton.LeftButton)
    assert notice.acknowledged
    assert notice.result() == QDialog.DialogCode.Accepted
    assert not notice.isVisible()


def test_escape_closes_the_notice_without_acknowledging_it(qtbot):
    notice = shown(qtbot, FirstRunNotice())
    qtbot.keyClick(notice, Qt.Key.Key_Escape)
    assert not notice.isVisible()
    assert not notice.acknowledged
    assert notice.result() == QDialog.DialogCode.Rejected


def test_the_notice_says_what_the_app_is_not(qtbot):
    notice = shown(qtbot, FirstRunNotice())
    text = all_text(notice)
    assert "cannot diagnose" in text
    assert "doctor or physiotherapist" in text
    assert "Stop any exercise that makes your pain worse" in text
    assert "Emergency signs" in text
    assert "Help menu" in text
    named_controls(notice)
    assert clipped_labels(notice) == []


def test_help_shows_the_same_words_with_a_close_button(qtbot):
    first = FirstRunNotice()
    qtbot.addWidget(first)
    again = shown(qtbot, FirstRunNotice(again=True))
    assert [p.text() for p in again.paragraphs] == [p.text() for p in first.paragraphs]
    assert again.button.text() == "Close"
    qtbot.mouseClick(again.button, Qt.MouseButton.LeftButton)
    assert not again.isVisible()
    assert not again.acknowledged


# -- emergency signs -----------------------------------------------------------------------------


def test_the_emergency_signs_list_the_red_flags_numbers_and_source(qtbot):
    signs = shown(qtbot, EmergencySigns())
    text = signs.text()
    for words in (
        "Sciatica in both legs",
        "Weakness or numbness in both legs that is severe or getting worse",
        "genitals",
        "anus",
        "bladder or bowels",
        "911",
        "999",
        "112",
        "local emergency number",
        "US National Library of Medicine",
    ):
        assert words in text
    assert [tile.accessibleName() for tile in signs.tiles] == [
        "911 in the US",
        "999 in the UK",
        "112 in the EU",
    ]
    named_controls(signs)
    assert clipped_labels(signs) == []


def test_the_signs_are_in_large_type(qtbot):
    signs = shown(qtbot, EmergencySigns())
    base = QApplication.font().pointSizeF()
    assert all(sign.font().pointSizeF() >= 1.4 * base for sign in signs.signs)
    assert signs.tiles[0].number.font().pointSizeF() >= 2 * base


@pytest.mark.parametrize("close", ["escape", "button"])
def test_escape_and_the_button_close_the_signs(qtbot, close):
    signs = shown(qtbot, EmergencySigns())
    if close == "escape":
        qtbot.keyClick(signs, Qt.Key.Key_Escape)
    else:
        qtbot.mouseClick(signs.close_button, Qt.MouseButton.LeftButton)
    assert not signs.isVisible()


def test_the_signs_say_when_the_session_waits(qtbot):
    signs = shown(qtbot, EmergencySigns(session_paused=True))
    assert signs.paused_note.isVisible()
    assert "paused" in signs.text()
    signs.set_session_paused(False)
    assert not signs.paused_note.isVisible()
    assert "paused" not in signs.text()


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_the_alert_colour_reads_as_text_in_both_schemes(qapp, palette):
    chosen = dark_palette() if palette == "dark" else qapp.style().standardPalette()
    background = chosen.color(QPalette.ColorRole.Window)
    assert contrast(alert_color(chosen), background) >= 4.5


def test_the_signs_paint_in_the_dark_scheme(qtbot):
    signs = EmergencySigns()
    signs.setPalette(dark_palette())
    shown(qtbot, signs)
    assert not signs.grab().isNull()


def test_the_emergency_button_follows_its_action(qtbot):
    host = QWidget()
    qtbot.addWidget(host)
    action = QAction("Emergency signs", host)
    button = EmergencyButton(action, host)
    assert button.text() == "Emergency signs"
    assert button.accessibleName() == "Emergency signs"
    tint = button.palette().color(QPalette.ColorRole.ButtonText)
    assert tint == alert_color(button.palette())
    with qtbot.waitSignal(action.triggered, timeout=0):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


# -- about ---------------------------------------------------------------------------------------


def test_about_lists_every_exercise_under_its_source(qtbot, library):
    about = shown(qtbot, AboutDialog(library.exercises.values()))
    text = all_text(about)
    assert APP_DISPLAY_NAME in text
    assert __version__ in text
    grouped = sources_of(library.exercises.values())
    assert set(grouped) == {"NHS", "NASM"}
    for entry in about.sources:
        source = next(name for name in grouped if entry.text().startswith(name))
        for exercise in grouped[source]:
            assert exercise.name in entry.text()
    nasm = next(entry for entry in about.sources if entry.text().startswith("NASM"))
    assert "Floor bridge" in nasm.text()
    assert "piriformis syndrome" in nasm.text()
    assert "US National Library of Medicine" in text
    assert "no diagnosis" in text
    named_controls(about)
    assert clipped_labels(about) == []
    qtbot.keyClick(about, Qt.Key.Key_Escape)
    assert not about.isVisible()


def test_dialogs_fit_their_text_without_a_gap_above_the_buttons(qtbot, library):
    for dialog in (FirstRunNotice(), EmergencySigns(), AboutDialog(library.exercises.values())):
        shown(qtbot, dialog)
        layout = dialog.layout()
        assert dialog.height() <= max(
            layout.totalHeightForWidth(dialog.width()), layout.totalMinimumSize().height()
        )
        assert clipped_labels(dialog) == []
