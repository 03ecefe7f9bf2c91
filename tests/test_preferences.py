"""Preferences: remembered in QSettings, every timing resettable, mute from M and the timer."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QPushButton

from sciatica_gui.core.announcements import Cue
from sciatica_gui.core.timing import DEFAULTS, SECONDS
from sciatica_gui.qt.settings import AudioSettings, Settings
from sciatica_gui.qt.speech import Voice, choose_voice
from sciatica_gui.ui.preferences import PreferencesDialog
from tests.helpers import make_window, press


class SilentCues:
    """Stands in for the sound device: records what the window asks of it."""

    def __init__(self) -> None:
        self.problem = ""
        self.volume = -1.0
        self.muted = False
        self.loaded = False
        self.played: list[Cue] = []

        class _Signal:
            def connect(self, slot: object) -> None:
                pass

        self.problemChanged = _Signal()

    def load(self) -> None:
        self.loaded = True

    def play(self, cue: Cue) -> bool:
        if self.muted:
            return False
        self.played.append(cue)
        return True

    def duration_ms(self, cue: Cue) -> int:
        return 300

    def set_volume(self, volume: float) -> None:
        self.volume = volume

    def set_muted(self, muted: bool) -> None:
        self.muted = muted


class NoSpeech:
    available = False
    speaking = False
    note = "No speech engine was found; the sound cues carry on without words."
    voices: tuple[Voice, ...] = ()
    voice_name = ""

    def start(self, *args: object) -> None:
        pass

    def say(self, text: str) -> None:
        raise AssertionError("nothing should speak without an engine")

    def stop(self) -> None:
        pass

    def set_voice(self, name: str) -> None:
        pass

    def set_rate(self, rate: float) -> None:
        pass

    def set_volume(self, volume: float) -> None:
        pass

    def shutdown(self) -> None:
        pass


def dialog_for(library, audio=None, voices=(), speech_note="", sound_note=""):
    return PreferencesDialog(
        DEFAULTS,
        audio or AudioSettings(),
        exercises=list(library.exercises.values()),
        voices=list(voices),
        speech_note=speech_note,
        sound_note=sound_note,
    )


def test_audio_settings_survive_a_restart(data_dir):
    chosen = AudioSettings(
        volume=35,
        muted=True,
        last_seconds_ticks=False,
        voice_on=False,
        voice_name="English (Great Britain)",
        voice_rate=-3,
        voice_volume=60,
        spoken_countdown=True,
    )
    Settings(data_dir).set_audio(chosen)
    assert Settings(data_dir).audio() == chosen


def test_a_value_out_of_bounds_in_the_file_falls_back_to_its_default(data_dir):
    settings = Settings(data_dir)
    settings.set_audio(AudioSettings(volume=50))
    settings.sync()
    raw = QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat)
    raw.setValue("sound/volume", 400)
    raw.setValue("voice/rate", -99)
    raw.sync()
    audio = Settings(data_dir).audio()
    assert audio.volume == AudioSettings().volume
    assert audio.voice_rate == AudioSettings().voice_rate


def test_the_dialog_hands_back_what_was_changed(qtbot, library):
    voices = [Voice("English (America)", "en_US"), Voice("English (Great Britain)", "en_GB")]
    dialog = dialog_for(library, voices=voices)
    qtbot.addWidget(dialog)
    dialog.volume.setValue(40)
    dialog.ticks.setChecked(False)
    dialog.voice.setCurrentIndex(1)
    dialog.rate.setValue(4)
    dialog.spoken_countdown.setChecked(True)
    dialog.seconds["rest_s"].setValue(9)
    choices = dialog.choices(AudioSettings())
    assert choices.audio.volume == 40
    assert choices.audio.last_seconds_ticks is False
    assert choices.audio.voice_name == "English (Great Britain)"
    assert choices.audio.voice_rate == 4
    assert choices.audio.spoken_countdown is True
    assert choices.timing.rest_s == 9


@pytest.mark.parametrize("name", sorted(SECONDS))
def test_every_timing_is_bounded_and_resets_to_its_default(qtbot, library, name):
    dialog = dialog_for(library)
    qtbot.addWidget(dialog)
    spin = dialog.seconds[name]
    bounds = SECONDS[name]
    spin.setValue(10_000)
    assert spin.value() == bounds.high
    spin.setValue(-5)
    assert spin.value() == bounds.low
    button = next(
        b
        for b in spin.parentWidget().findChildren(QPushButton)
        if b.accessibleName() == f"Reset {bounds.label} to its default"
    )
    button.click()
    assert spin.value() == getattr(DEFAULTS, name)


def test_without_a_speech_engine_the_dialog_says_so_and_offers_no_voices(qtbot, library):
    note = NoSpeech.note
    dialog = dialog_for(library, speech_note=note)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.speech_note.isVisible()
    assert dialog.speech_note.text() == note
    assert not dialog.voice.isEnabled()


def test_choose_voice_prefers_the_users_then_plain_british_english():
    voices = [
        Voice("English (Caribbean)", "en_029"),
        Voice("English (America)+Adam", "en_US"),
        Voice("English (America)", "en_US"),
        Voice("English (Great Britain)", "en_GB"),
        Voice("German", "de_DE"),
    ]
    assert choose_voice(voices, "German") == voices[4]
    assert choose_voice(voices, "") == voices[3]
    assert choose_voice(voices[:3], "gone") == voices[2]
    assert choose_voice([voices[4]], "") is None


def test_m_mutes_and_unmutes_and_is_remembered(qtbot, library, data_dir, clock, resources):
    window = make_window(qtbot, library, data_dir, clock)
    cues = SilentCues()
    window.attach_audio(cues, NoSpeech())
    assert cues.loaded
    assert not cues.muted
    press(qtbot, window, Qt.Key.Key_M)
    assert cues.muted
    assert window.commands.mute.isChecked()
    assert Settings(data_dir).audio().muted
    press(qtbot, window, Qt.Key.Key_M)
    assert not cues.muted
    assert not Settings(data_dir).audio().muted


def test_the_mute_button_on_the_timer_mutes_too(qtbot, library, data_dir, clock, resources):
    window = make_window(qtbot, library, data_dir, clock)
    cues = SilentCues()
    window.attach_audio(cues, NoSpeech())
    button = window.timer.mute_button
    assert button is not None
    assert button.accessibleName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert cues.muted
    assert "M" in button.toolTip()


def test_choices_from_the_dialog_reach_the_sound_and_the_next_session(
    qtbot, library, data_dir, clock, resources
):
    window = make_window(qtbot, library, data_dir, clock)
    cues = SilentCues()
    window.attach_audio(cues, NoSpeech())
    dialog = window.preferences_dialog()
    qtbot.addWidget(dialog)
    dialog.volume.setValue(25)
    dialog.ticks.setChecked(False)
    dialog.seconds["get_ready_s"].setValue(SECONDS["get_ready_s"].high)
    window.apply_choices(dialog.choices(Settings(data_dir).audio()))
    assert cues.volume == pytest.approx(0.25)
    assert window.audio is not None
    assert window.audio.prefs.last_seconds_ticks is False
    stored = Settings(data_dir)
    assert stored.audio().volume == 25
    assert stored.timing().get_ready_s == SECONDS["get_ready_s"].high
    assert window.driver.timeline is not None
    assert window.driver.timeline.phases[0].seconds == SECONDS["get_ready_s"].high
