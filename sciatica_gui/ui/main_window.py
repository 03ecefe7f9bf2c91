"""The main window: routine sidebar, step panel, timer, big controls, and mat mode.

The window turns user intent into driver commands and redraws from the
driver's status whenever a driver signal arrives. It keeps no clock and no
countdown of its own. Sound, speech and history are attached after the
first frame (`attach_audio`), so start-up pays only for what is drawn.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from sciatica_gui import APP_DISPLAY_NAME
from sciatica_gui.core.content import ContentError, Level, Library
from sciatica_gui.core.events import State
from sciatica_gui.core.summary import SessionSummary
from sciatica_gui.core.timeline import Timeline, compile_timeline
from sciatica_gui.core.timing import TimingPrefs
from sciatica_gui.qt import settings as keys
from sciatica_gui.qt.illustrations import Illustrations
from sciatica_gui.qt.screen_saver import ScreenSaverInhibitor
from sciatica_gui.qt.session_driver import SessionDriver
from sciatica_gui.qt.settings import AudioSettings, Settings
from sciatica_gui.ui.actions import WindowActions
from sciatica_gui.ui.care import SessionCare
from sciatica_gui.ui.controls import ActionButton
from sciatica_gui.ui.display import Display, describe, duration_text
from sciatica_gui.ui.help_overlay import HelpOverlay
from sciatica_gui.ui.mat_view import MatView
from sciatica_gui.ui.safety_dialogs import EmergencyButton
from sciatica_gui.ui.sidebar import RoutineEntry, Sidebar
from sciatica_gui.ui.step_panel import StepPanel
from sciatica_gui.ui.theme import theme_for, with_readable_roles
from sciatica_gui.ui.timer_widget import TimerWidget
from sciatica_gui.ui.wording import content

if TYPE_CHECKING:  # imported when first used: start-up does not pay for them
    from sciatica_gui.qt.cue_player import CuePlayer
    from sciatica_gui.qt.session_audio import SessionAudio
    from sciatica_gui.qt.speech import Speech
    from sciatica_gui.ui.preferences import Choices, PreferencesDialog

_ACTIVE = (State.RUNNING, State.PAUSED)


class MainWindow(QMainWindow):
    def __init__(
        self,
        library: Library,
        settings: Settings,
        driver: SessionDriver,
        *,
        problems: list[ContentError] | None = None,
    ) -> None:
        super().__init__()
        self.library = library
        self.settings = settings
        self.driver = driver
        self.illustrations = Illustrations()
        self.cues: CuePlayer | None = None
        self.speech: Speech | None = None
        self.audio: SessionAudio | None = None
        self._summary: SessionSummary | None = None
        self._screen_saver = ScreenSaverInhibitor()
        self._mat_mode = False
        self._window_state_before_mat = self.windowState()
        self._help: HelpOverlay | None = None
        self._routine_id = settings.get(keys.ROUTINE)
        if not any(r.id == self._routine_id for r in library.routines):
            self._routine_id = library.routines[0].id
        self._level = settings.level()
        self._timing = settings.timing()
        self._audio_settings = settings.audio()

        self.setWindowTitle(APP_DISPLAY_NAME)
        self.setMinimumSize(1024, 640)
        self.commands = WindowActions(self)
        self._build_widgets()
        self.commands.fill_menus()
        self._connect()
        self.care = SessionCare(self)
        self._apply_theme()

        self.sidebar.set_level(self._level)
        self._fill_sidebar()
        self._load_routine(self._routine_id)
        self.commands.mute.setChecked(self._audio_settings.muted)
        if not self.restoreGeometry(settings.get(keys.GEOMETRY)):
            self.resize(1280, 800)
        notes = [str(problem) for problem in problems or []]
        if settings.problem:
            notes.append(settings.problem)
        if notes:
            self.note(self.tr("Left out: {problems}").format(problems="; ".join(notes)))

    # -- building --------------------------------------------------------------

    def _build_widgets(self) -> None:
        commands = self.commands
        self.sidebar = Sidebar()
        self.sidebar.setMinimumWidth(230)
        self.sidebar.setMaximumWidth(320)
        self.panel = StepPanel(self.illustrations)
        self.timer = TimerWidget(mute=commands.mute)
        self.mat = MatView(self.illustrations)
        # Mat mode keeps the emergency signs one tap away too.
        self.mat.set_corner_widget(EmergencyButton(commands.emergency))

        self.start_button = ActionButton(commands.start, primary=True)
        self.back_button = ActionButton(commands.back)
        self.skip_button = ActionButton(commands.skip)
        self.stop_button = ActionButton(commands.stop, keys_from=commands.escape)
        self.mat_button = ActionButton(commands.mat)
        self.emergency_button = EmergencyButton(commands.emergency)
        controls = QHBoxLayout()
        controls.setSpacing(10)
        controls.addWidget(self.back_button, 2)
        controls.addWidget(self.start_button, 3)
        controls.addWidget(self.skip_button, 2)
        controls.addWidget(self.stop_button, 2)
        controls.addSpacing(16)
        controls.addWidget(self.mat_button, 2)
        controls.addWidget(self.emergency_button, 2)

        work = QHBoxLayout()
        work.setSpacing(12)
        work.addWidget(self.panel, 5)
        work.addWidget(self.timer, 4)

        main = QWidget()
        column = QVBoxLayout(main)
        column.setContentsMargins(8, 8, 12, 12)
        column.addLayout(work, 1)
        column.addLayout(controls)

        self.normal = QWidget()
        row = QHBoxLayout(self.normal)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.sidebar)
        row.addWidget(main, 1)

        self.pages = QStackedWidget()
        self.pages.addWidget(self.normal)
        self.pages.addWidget(self.mat)
        self.setCentralWidget(self.pages)

    def _connect(self) -> None:
        commands = self.commands
        commands.start.triggered.connect(self.toggle)
        commands.back.triggered.connect(self.driver.back)
        commands.skip.triggered.connect(self.driver.skip)
        commands.next_exercise.triggered.connect(self.driver.next_exercise)
        commands.stop.triggered.connect(self.driver.stop)
        commands.escape.triggered.connect(self.escape)
        commands.mat.triggered.connect(self.toggle_mat_mode)
        commands.mute.toggled.connect(self._set_muted)
        commands.preferences.triggered.connect(self.open_preferences)
        commands.help.triggered.connect(self.toggle_help)
        commands.emergency.triggered.connect(lambda: self.care.show_emergency())
        commands.history.triggered.connect(lambda: self.care.history.show())
        commands.export_history.triggered.connect(lambda: self.care.history.export())
        commands.notice.triggered.connect(lambda: self.care.show_notice())
        commands.about.triggered.connect(lambda: self.care.show_about())
        commands.quit.triggered.connect(self.close)
        for number, action in enumerate(commands.routines, start=1):
            action.triggered.connect(lambda _=False, n=number: self._pick_routine_number(n))
        self.timer.clicked.connect(self.toggle)
        self.mat.clicked.connect(self.toggle)
        self.sidebar.routineChosen.connect(self._load_routine)
        self.sidebar.levelChosen.connect(self._set_level)
        driver = self.driver
        # Once per command or wake-up, after all its events: a phase boundary brings
        # three or four of them, and the screen needs drawing only once.
        driver.settled.connect(self.refresh)
        driver.finished.connect(self._ended)
        driver.stopped.connect(self._ended)

    @property
    def help(self) -> HelpOverlay:
        """The F1 page, built the first time it is asked for rather than at start-up."""
        if self._help is None:
            self._help = HelpOverlay(self.pages)
            self._help.set_actions(self.commands.for_help())
        return self._help

    def _help_open(self) -> bool:
        return self._help is not None and self._help.isVisible()

    def note(self, text: str) -> None:
        """One line for the user in the status bar; it stays until the next one."""
        self.statusBar().showMessage(text)

    # -- sound and speech ------------------------------------------------------

    def attach_audio(self, cues: CuePlayer, speech: Speech) -> None:
        """Give the session its sound, once the first frame is on screen."""
        self.cues = cues
        self.speech = speech
        from sciatica_gui.qt.session_audio import SessionAudio

        self.audio = SessionAudio(self.driver, cues, speech, parent=self)
        cues.problemChanged.connect(self._sound_problem)
        self._apply_audio(self._audio_settings)
        cues.load()
        if self._audio_settings.voice_on:
            self._start_speech()

    def _sound_problem(self, problem: str) -> None:
        if problem:
            self.note(problem)

    def _start_speech(self) -> None:
        if self.speech is not None:
            audio = self._audio_settings
            self.speech.start(audio.voice_name, audio.voice_rate / 10, audio.voice_volume / 100)

    def _apply_audio(self, audio: AudioSettings) -> None:
        self._audio_settings = audio
        if self.cues is not None:
            self.cues.set_volume(audio.volume / 100)
            self.cues.set_muted(audio.muted)
        if self.speech is not None:
            if audio.voice_name and audio.voice_name != self.speech.voice_name:
                self.speech.set_voice(audio.voice_name)
            self.speech.set_rate(audio.voice_rate / 10)
            self.speech.set_volume(audio.voice_volume / 100)
        if self.audio is not None:
            from sciatica_gui.core.announcements import AudioPrefs

            self.audio.prefs = AudioPrefs(audio.last_seconds_ticks, audio.spoken_countdown)
            self.audio.words_on = audio.voice_on
            self.audio.set_muted(audio.muted)

    def _set_muted(self, muted: bool) -> None:
        if muted != self._audio_settings.muted:
            audio = self._audio_settings._replace(muted=muted)
            self.settings.set_audio(audio)
            self._apply_audio(audio)
        # The button says what is, like a switch: on or off.
        self.commands.mute.setText(self.tr("Sound off") if muted else self.tr("Sound on"))

    def open_preferences(self) -> None:
        dialog = self.preferences_dialog()
        self.care.reach_emergency_from(dialog)
        if dialog.exec() == dialog.DialogCode.Accepted:
            self.apply_choices(dialog.choices(self._audio_settings))

    def preferences_dialog(self) -> PreferencesDialog:
        from sciatica_gui.ui.preferences import PreferencesDialog

        speech = self.speech
        return PreferencesDialog(
            self._timing,
            self._audio_settings,
            exercises=list(self.library.exercises.values()),
            voices=speech.voices if speech else [],
            speech_note=(speech.note if speech else "")
            or ("" if speech and speech.available else self.tr("Speech has not started yet.")),
            sound_note=self.cues.problem if self.cues else "",
            pain_check=self.settings.get(keys.PAIN_CHECK),
            parent=self,
        )

    def apply_choices(self, choices: Choices) -> None:
        speech = self.speech
        self.settings.set_audio(choices.audio)
        self.settings.set(keys.PAIN_CHECK, choices.pain_check)
        self._apply_audio(choices.audio)
        self.commands.mute.setChecked(choices.audio.muted)
        if choices.audio.voice_on and speech is not None:
            self._start_speech()
        if choices.timing != self._timing:
            self._timing = choices.timing
            self.settings.set_timing(choices.timing)
            self._fill_sidebar()
            if self.driver.state not in _ACTIVE:
                self._load_routine(self._routine_id)
            else:
                self.note(self.tr("The new timings apply from the next session."))

    @property
    def timing(self) -> TimingPrefs:
        return self._timing

    # -- commands --------------------------------------------------------------

    def toggle(self) -> None:
        """Space: start, pause, go on; after a session, get ready to go again."""
        if self._help_open():
            self.help.hide()
            return
        if self.driver.state in (State.FINISHED, State.STOPPED):
            self._load_routine(self._routine_id)
            return
        if self.driver.state is State.IDLE:
            self.care.request_start()
            return
        self.driver.toggle()

    def escape(self) -> None:
        """Esc: close help, else stop a session (keeping what was done), else leave mat mode."""
        if self._help_open():
            self.help.hide()
        elif self.driver.state in _ACTIVE:
            self.driver.stop()
        elif self._mat_mode:
            self.leave_mat_mode()

    def toggle_help(self) -> None:
        if self._help_open():
            self.help.hide()
        else:
            self.help.open_over(self.pages.currentWidget() or self.normal)

    def toggle_mat_mode(self) -> None:
        if self._mat_mode:
            self.leave_mat_mode()
        else:
            self.enter_mat_mode()

    def enter_mat_mode(self, *, full_screen: bool = True) -> None:
        if self._mat_mode:
            return
        self._mat_mode = True
        self._window_state_before_mat = self.windowState()
        self.pages.setCurrentWidget(self.mat)
        self.menuBar().hide()
        self.statusBar().hide()
        if full_screen:
            self.showFullScreen()
        self.commands.mat.setText(self.tr("Leave mat mode"))
        self.refresh()

    def leave_mat_mode(self) -> None:
        if not self._mat_mode:
            return
        self._mat_mode = False
        self.pages.setCurrentWidget(self.normal)
        self.menuBar().show()
        self.statusBar().show()
        self.setWindowState(self._window_state_before_mat)
        self.commands.mat.setText(self.tr("Mat mode"))
        self.refresh()

    @property
    def mat_mode(self) -> bool:
        return self._mat_mode

    def select_routine(self, routine_id: str) -> None:
        """Show `routine_id`, idle, as if picked in the sidebar."""
        self._load_routine(routine_id)

    def set_level(self, level: Level) -> None:
        self.sidebar.set_level(level)
        self._set_level(level)

    def _pick_routine_number(self, number: int) -> None:
        ids = self.sidebar.routine_ids()
        if number > len(ids):
            return
        if self.driver.state in _ACTIVE:
            self.note(self.tr("Stop the session first (Esc) to pick another routine."))
            return
        self.sidebar.select(ids[number - 1])

    def _set_level(self, level: Level) -> None:
        if level is not self._level:
            self._level = level
            self.settings.set(keys.LEVEL, level.value)
            self._fill_sidebar()
            self._load_routine(self._routine_id)

    # -- state -----------------------------------------------------------------

    def _timeline(self, routine_id: str) -> Timeline:
        return compile_timeline(
            self.library, self.library.routine(routine_id), self._level, self._timing
        )

    def _fill_sidebar(self) -> None:
        entries = []
        for routine in self.library.routines:
            timeline = compile_timeline(self.library, routine, self._level, self._timing)
            count = len(routine.exercises)
            detail = (
                self.tr("1 exercise · {time}") if count == 1 else self.tr("{n} exercises · {time}")
            ).format(n=count, time=duration_text(timeline.total_seconds))
            entries.append(RoutineEntry(routine.id, content(routine.name), detail, routine.builtin))
        self.sidebar.set_routines(entries, self._routine_id)

    def _load_routine(self, routine_id: str) -> None:
        if self.driver.state in _ACTIVE:
            return
        self._routine_id = routine_id
        self.settings.set(keys.ROUTINE, routine_id)
        self.load_timeline(self._timeline(routine_id))
        self.sidebar.select(routine_id)

    def load_timeline(self, timeline: Timeline) -> None:
        """Make `timeline` the session Space starts: a routine, or what is left of one."""
        self._summary = None
        self.driver.load(timeline, count_in_s=self._timing.count_in_s)
        level = timeline.level
        level_name = self.tr("gentle") if level is Level.GENTLE else self.tr("standard")
        self.panel.overview.show_routine(timeline, self._timing.rep_counting, level_name)
        self.care.routine_loaded()
        self.refresh()

    def _ended(self, event: object) -> None:
        summary = getattr(event, "summary", None)
        if isinstance(summary, SessionSummary):
            self._summary = summary
            self.panel.summary.show_summary(summary)

    def current_display(self) -> Display | None:
        timeline = self.driver.timeline
        status = self.driver.status()
        if timeline is None or status is None:
            return None
        return describe(timeline, status, count_in_s=self._timing.count_in_s, summary=self._summary)

    def refresh(self, *_event: object) -> None:
        display = self.current_display()
        if display is None:
            return
        state = self.driver.state
        active = state in _ACTIVE
        exercise = None
        drawing = None
        if display.exercise is not None and display.step is not None:
            exercise = self.library.exercises[display.exercise]
            drawing = exercise.steps[display.step - 1].illustration
        # The seconds first: they are painted at once, the rest on the next turn.
        self.timer.set_display(display)
        self.mat.set_display(display, drawing)
        if active and exercise is not None and display.step is not None:
            self.panel.exercise.show_exercise(exercise, display.step, mirrored=display.mirrored)
        if state is State.IDLE:
            self.panel.setCurrentWidget(self.panel.overview)
        elif active:
            self.panel.setCurrentWidget(self.panel.exercise)
        else:
            self.panel.setCurrentWidget(self.panel.summary)
        self.commands.start.setText(
            {
                State.IDLE: self.tr("Start"),
                State.RUNNING: self.tr("Pause"),
                State.PAUSED: self.tr("Go on"),
                State.FINISHED: self.tr("Again"),
                State.STOPPED: self.tr("Again"),
            }[state]
        )
        for action in (
            self.commands.back,
            self.commands.skip,
            self.commands.next_exercise,
            self.commands.stop,
        ):
            action.setEnabled(active)
        self.sidebar.setEnabled(not active)
        for action in self.commands.routines:
            action.setEnabled(not active)
        if active:
            self._screen_saver.inhibit(self.tr("An exercise session is running"))
        else:
            self._screen_saver.release()

    def _apply_theme(self) -> None:
        palette = QApplication.palette()
        readable = with_readable_roles(palette)
        if readable != palette:
            QApplication.setPalette(readable)  # comes back here once, then matches
            return
        theme = theme_for(self.palette())
        self.illustrations.set_colors(theme.figure)
        self.timer.set_theme(theme)
        self.mat.set_theme(theme)

    # -- Qt events -------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._apply_theme()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.care.closing = True  # a session stopped by closing is recorded, not asked about
        if self.driver.state in _ACTIVE:
            self.driver.stop()
        self._screen_saver.release()
        if self.speech is not None:
            self.speech.shutdown()
        self.care.close()
        if not self._mat_mode:
            self.settings.set(keys.GEOMETRY, self.saveGeometry())
        self.settings.sync()
        super().closeEvent(event)
