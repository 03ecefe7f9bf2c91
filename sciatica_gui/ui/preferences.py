"""Preferences: sound, voice, and the timings the sources leave to the app.

The timing rows are built from `core.timing.SECONDS`, where each timing is
declared once with its bounds; every row can go back to its default. The
dialog edits copies and hands them back on OK; Cancel changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QRadioButton,
    QSlider,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sciatica_gui.core.content import Exercise, Origin
from sciatica_gui.core.timing import DEFAULTS, SECONDS, RepCounting, TimingPrefs
from sciatica_gui.qt.settings import AudioSettings
from sciatica_gui.qt.speech import Voice
from sciatica_gui.ui.labels import label
from sciatica_gui.ui.wording import content


class Choices(NamedTuple):
    timing: TimingPrefs
    audio: AudioSettings
    pain_check: bool = True


def _slider(low: int, high: int, value: int, name: str) -> QSlider:
    slider = QSlider(Qt.Orientation.Horizontal)
    slider.setRange(low, high)
    slider.setValue(value)
    slider.setAccessibleName(name)
    slider.setMinimumWidth(220)
    return slider


class PreferencesDialog(QDialog):
    def __init__(
        self,
        timing: TimingPrefs,
        audio: AudioSettings,
        *,
        exercises: Sequence[Exercise],
        voices: Sequence[Voice],
        speech_note: str,
        sound_note: str,
        pain_check: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self.setMinimumWidth(560)
        tabs = QTabWidget()
        tabs.addTab(
            self._sound_tab(audio, voices, speech_note, sound_note), self.tr("Sound and voice")
        )
        tabs.addTab(self._timing_tab(timing, exercises), self.tr("Timings"))
        tabs.addTab(self._session_tab(pain_check), self.tr("Before and after"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)

    # -- sound and voice -------------------------------------------------------

    def _sound_tab(
        self, audio: AudioSettings, voices: Sequence[Voice], speech_note: str, sound_note: str
    ) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)

        sound = QGroupBox(self.tr("Sound"))
        form = QFormLayout(sound)
        self.volume = _slider(0, 100, audio.volume, self.tr("Cue volume"))
        form.addRow(self.tr("Cue volume"), self.volume)
        self.muted = QCheckBox(self.tr("Mute all sound and speech (M)"))
        self.muted.setChecked(audio.muted)
        form.addRow(self.muted)
        self.ticks = QCheckBox(self.tr("Soft ticks in the last three seconds of a hold"))
        self.ticks.setChecked(audio.last_seconds_ticks)
        form.addRow(self.ticks)
        if sound_note:
            form.addRow(label(sound_note, muted=True))
        column.addWidget(sound)

        voice = QGroupBox(self.tr("Voice"))
        form = QFormLayout(voice)
        self.voice_on = QCheckBox(self.tr("Speak the steps and phase changes"))
        self.voice_on.setChecked(audio.voice_on)
        form.addRow(self.voice_on)
        self.voice = QComboBox()
        self.voice.setAccessibleName(self.tr("Voice"))
        for item in voices:
            self.voice.addItem(f"{item.name} ({item.locale})", item.name)
        index = self.voice.findData(audio.voice_name)
        if index >= 0:
            self.voice.setCurrentIndex(index)
        self.voice.setEnabled(bool(voices))
        form.addRow(self.tr("Voice"), self.voice)
        self.rate = _slider(-10, 10, audio.voice_rate, self.tr("Speaking speed"))
        form.addRow(self.tr("Speed"), self.rate)
        self.voice_volume = _slider(0, 100, audio.voice_volume, self.tr("Voice volume"))
        form.addRow(self.tr("Voice volume"), self.voice_volume)
        self.spoken_countdown = QCheckBox(self.tr("Count the last three seconds aloud"))
        self.spoken_countdown.setChecked(audio.spoken_countdown)
        form.addRow(self.spoken_countdown)
        self.speech_note = label(speech_note, muted=True)
        self.speech_note.setVisible(bool(speech_note))
        form.addRow(self.speech_note)
        column.addWidget(voice)
        column.addStretch(1)
        return page

    # -- before and after a session ------------------------------------------------

    def _session_tab(self, pain_check: bool) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        self.pain_check = QCheckBox(self.tr("Ask how much it hurts before and after each session"))
        self.pain_check.setChecked(pain_check)
        column.addWidget(self.pain_check)
        column.addWidget(
            label(
                self.tr(
                    "The scores are kept in your history, so you can see how your pain "
                    "changes over the weeks. You can always skip the question."
                ),
                muted=True,
            )
        )
        column.addStretch(1)
        return page

    # -- timings ----------------------------------------------------------------

    def _timing_tab(self, timing: TimingPrefs, exercises: Sequence[Exercise]) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.addWidget(
            label(
                self.tr(
                    "NHS and NASM give each exercise's holds and repetitions. These timings "
                    "are the app's own choices; change them to suit you."
                )
            )
        )
        form = QFormLayout()
        self.seconds: dict[str, QSpinBox] = {}
        for name, bounds in SECONDS.items():
            spin = QSpinBox()
            spin.setRange(bounds.low, bounds.high)
            spin.setValue(getattr(timing, name))
            spin.setSuffix(self.tr(" s"))
            spin.setAccessibleName(bounds.label)
            spin.setToolTip(bounds.help)
            self.seconds[name] = spin
            form.addRow(bounds.label, self._with_reset(spin, getattr(DEFAULTS, name)))
        self.repetitions: dict[str, QSpinBox] = {}
        for exercise in exercises:
            if exercise.repetitions.origin is not Origin.APP:
                continue
            spin = QSpinBox()
            spin.setRange(0, 50)
            spin.setSpecialValueText(
                self.tr("app default ({low} gentle, {high} standard)").format(
                    low=exercise.repetitions.low, high=exercise.repetitions.high
                )
            )
            spin.setValue(timing.override_for(exercise.id) or 0)
            name = self.tr("{name} repetitions").format(name=content(exercise.name))
            spin.setAccessibleName(name)
            self.repetitions[exercise.id] = spin
            form.addRow(name, self._with_reset(spin, 0))
        column.addLayout(form)
        counting = QGroupBox(self.tr('Alternating stretches: "3, alternating legs" means'))
        row = QVBoxLayout(counting)
        self.per_side = QRadioButton(self.tr("3 on each leg (the app's reading)"))
        self.in_all = QRadioButton(self.tr("3 in all"))
        (self.per_side if timing.rep_counting is RepCounting.PER_SIDE else self.in_all).setChecked(
            True
        )
        row.addWidget(self.per_side)
        row.addWidget(self.in_all)
        column.addWidget(counting)
        column.addStretch(1)
        return page

    def _with_reset(self, spin: QSpinBox, default: int) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(spin, 1)
        reset = QPushButton(self.tr("Default"))
        reset.setAccessibleName(
            self.tr("Reset {what} to its default").format(what=spin.accessibleName())
        )
        reset.setToolTip(self.tr("Back to the app's default"))
        reset.clicked.connect(lambda: spin.setValue(default))
        row.addWidget(reset)
        return box

    # -- result -----------------------------------------------------------------

    def choices(self, audio: AudioSettings) -> Choices:
        """The edited values; `audio` supplies what the dialog does not show."""
        overrides = tuple(
            sorted(
                (exercise_id, spin.value())
                for exercise_id, spin in self.repetitions.items()
                if spin.value()
            )
        )
        timing = DEFAULTS.replace(
            **{name: spin.value() for name, spin in self.seconds.items()},
            rep_counting=RepCounting.PER_SIDE if self.per_side.isChecked() else RepCounting.IN_ALL,
            rep_overrides=overrides,
        )
        voice_name = self.voice.currentData() if self.voice.count() else audio.voice_name
        return Choices(
            timing,
            audio._replace(
                volume=self.volume.value(),
                muted=self.muted.isChecked(),
                last_seconds_ticks=self.ticks.isChecked(),
                voice_on=self.voice_on.isChecked(),
                voice_name=str(voice_name or ""),
                voice_rate=self.rate.value(),
                voice_volume=self.voice_volume.value(),
                spoken_countdown=self.spoken_countdown.isChecked(),
            ),
            self.pain_check.isChecked(),
        )
