"""The main window: routine sidebar, step panel, timer, big controls, and mat mode.

The window turns user intent into driver commands and redraws from the
driver's status whenever a driver signal arrives. It keeps no clock and no
countdown of its own.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
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
from sciatica_gui.qt import settings as keys
from sciatica_gui.qt.illustrations import Illustrations
from sciatica_gui.qt.screen_saver import ScreenSaverInhibitor
from sciatica_gui.qt.session_driver import SessionDriver
from sciatica_gui.qt.settings import Settings
from sciatica_gui.ui.controls import ActionButton
from sciatica_gui.ui.display import Display, describe, duration_text
from sciatica_gui.ui.help_overlay import HelpOverlay
from sciatica_gui.ui.mat_view import MatView
from sciatica_gui.ui.sidebar import RoutineEntry, Sidebar
from sciatica_gui.ui.step_panel import StepPanel
from sciatica_gui.ui.theme import theme_for
from sciatica_gui.ui.timer_widget import TimerWidget
from sciatica_gui.ui.wording import content

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
        self._summary: SessionSummary | None = None
        self._screen_saver = ScreenSaverInhibitor()
        self._mat_mode = False
        self._routine_id = settings.get(keys.ROUTINE)
        if not any(r.id == self._routine_id for r in library.routines):
            self._routine_id = library.routines[0].id
        self._level = settings.level()
        self._timing = settings.timing()

        self.setWindowTitle(APP_DISPLAY_NAME)
        self.setMinimumSize(1024, 640)
        self._build_actions()
        self._build_widgets()
        self._build_menus()
        self._connect()
        self._apply_theme()

        self.sidebar.set_level(self._level)
        self._fill_sidebar()
        self._load_routine(self._routine_id)
        if not self.restoreGeometry(settings.get(keys.GEOMETRY)):
            self.resize(1280, 800)
        notes = [str(problem) for problem in problems or []]
        if settings.problem:
            notes.append(settings.problem)
        if notes:
            self.statusBar().showMessage(
                self.tr("Left out: {problems}").format(problems="; ".join(notes))
            )

    # -- building ------------------------------------------------------------

    def _action(self, text: str, tip: str, keys: list[str]) -> QAction:
        """An action of this window; `keys` in portable text form ("Space", "Ctrl+1")."""
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(key) for key in keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setStatusTip(tip)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.start_action = self._action(
            self.tr("Start"),
            self.tr("Start, pause or go on with the session"),
            ["Space"],
        )
        self.back_action = self._action(
            self.tr("Back"),
            self.tr("Restart this phase, or go to the one before"),
            ["Left", "B"],
        )
        self.skip_action = self._action(
            self.tr("Skip"),
            self.tr("Skip the rest of this phase"),
            ["Right", "N"],
        )
        self.next_exercise_action = self._action(
            self.tr("Next exercise"),
            self.tr("Skip the rest of this exercise"),
            ["Shift+Right"],
        )
        self.stop_action = self._action(
            self.tr("Stop"),
            self.tr("Stop the session; what you did is kept"),
            [],
        )
        # Esc is always live: it closes help, stops a session, or leaves mat mode, in that order.
        self.escape_action = self._action(
            self.tr("Stop"),
            self.tr("Stop the session (what you did is kept), close help, or leave mat mode"),
            ["Esc"],
        )
        self.mat_action = self._action(
            self.tr("Mat mode"),
            self.tr("Full screen, large enough to follow from the floor"),
            ["F11"],
        )
        self.help_action = self._action(
            self.tr("Keyboard shortcuts"),
            self.tr("Show every shortcut"),
            ["F1"],
        )
        self.quit_action = self._action(self.tr("Quit"), self.tr("Close the app"), ["Ctrl+Q"])
        self.routine_actions: list[QAction] = []
        for number in range(1, 10):
            action = self._action(
                self.tr("Routine {n}").format(n=number),
                self.tr("Pick routine {n} in the list").format(n=number),
                [f"Ctrl+{number}"],
            )
            action.triggered.connect(lambda _=False, n=number: self._pick_routine_number(n))
            self.routine_actions.append(action)

    def _build_widgets(self) -> None:
        self.sidebar = Sidebar()
        self.sidebar.setMinimumWidth(230)
        self.sidebar.setMaximumWidth(320)
        self.panel = StepPanel(self.illustrations)
        self.timer = TimerWidget()
        self.mat = MatView(self.illustrations)

        self.start_button = ActionButton(self.start_action, primary=True)
        self.back_button = ActionButton(self.back_action)
        self.skip_button = ActionButton(self.skip_action)
        self.stop_button = ActionButton(self.stop_action, keys_from=self.escape_action)
        self.mat_button = ActionButton(self.mat_action)
        controls = QHBoxLayout()
        controls.setSpacing(10)
        controls.addWidget(self.back_button, 2)
        controls.addWidget(self.start_button, 3)
        controls.addWidget(self.skip_button, 2)
        controls.addWidget(self.stop_button, 2)
        controls.addSpacing(16)
        controls.addWidget(self.mat_button, 2)

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
        self._help: HelpOverlay | None = None

    @property
    def help(self) -> HelpOverlay:
        """The F1 page, built the first time it is asked for rather than at start-up."""
        if self._help is None:
            self._help = HelpOverlay(self.pages)
            self._help.set_actions(
                [
                    self.start_action,
                    self.back_action,
                    self.skip_action,
                    self.next_exercise_action,
                    self.escape_action,
                    self.mat_action,
                    self.help_action,
                    self._routine_range_action(),
                ]
            )
        return self._help

    def _help_open(self) -> bool:
        return self._help is not None and self._help.isVisible()

    def _routine_range_action(self) -> QAction:
        """A stand-in listing Ctrl+1…9 as one line in the help overlay."""
        action = QAction(self.tr("Pick a routine by its place in the list"), self)
        action.setShortcuts([QKeySequence("Ctrl+1"), QKeySequence("Ctrl+9")])
        action.setStatusTip(self.tr("Pick a routine by its place in the list (Ctrl+1 to Ctrl+9)"))
        return action

    def _build_menus(self) -> None:
        session = self.menuBar().addMenu(self.tr("&Session"))
        for action in (
            self.start_action,
            self.back_action,
            self.skip_action,
            self.next_exercise_action,
            self.stop_action,
        ):
            session.addAction(action)
        session.addSeparator()
        session.addAction(self.quit_action)
        view = self.menuBar().addMenu(self.tr("&View"))
        view.addAction(self.mat_action)
        routines = self.menuBar().addMenu(self.tr("&Routines"))
        for action in self.routine_actions:
            routines.addAction(action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(self.help_action)

    def _connect(self) -> None:
        self.start_action.triggered.connect(self.toggle)
        self.back_action.triggered.connect(self.driver.back)
        self.skip_action.triggered.connect(self.driver.skip)
        self.next_exercise_action.triggered.connect(self.driver.next_exercise)
        self.stop_action.triggered.connect(self.driver.stop)
        self.escape_action.triggered.connect(self.escape)
        self.mat_action.triggered.connect(self.toggle_mat_mode)
        self.help_action.triggered.connect(self.toggle_help)
        self.quit_action.triggered.connect(self.close)
        self.timer.clicked.connect(self.toggle)
        self.mat.clicked.connect(self.toggle)
        self.sidebar.routineChosen.connect(self._load_routine)
        self.sidebar.levelChosen.connect(self._set_level)
        driver = self.driver
        for signal in (
            driver.stateChanged,
            driver.phaseStarted,
            driver.secondChanged,
            driver.countInStarted,
        ):
            signal.connect(self.refresh)
        driver.finished.connect(self._ended)
        driver.stopped.connect(self._ended)

    # -- commands ------------------------------------------------------------

    def toggle(self) -> None:
        """Space: start, pause, go on; after a session, get ready to go again."""
        if self._help_open():
            self.help.hide()
            return
        if self.driver.state in (State.FINISHED, State.STOPPED):
            self._load_routine(self._routine_id)
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
        self.mat_action.setText(self.tr("Leave mat mode"))
        self.refresh()

    def leave_mat_mode(self) -> None:
        if not self._mat_mode:
            return
        self._mat_mode = False
        self.pages.setCurrentWidget(self.normal)
        self.menuBar().show()
        self.statusBar().show()
        self.setWindowState(self._window_state_before_mat)
        self.mat_action.setText(self.tr("Mat mode"))
        self.refresh()

    @property
    def mat_mode(self) -> bool:
        return self._mat_mode

    def _pick_routine_number(self, number: int) -> None:
        ids = self.sidebar.routine_ids()
        if number > len(ids):
            return
        if self.driver.state in _ACTIVE:
            self.statusBar().showMessage(
                self.tr("Stop the session first (Esc) to pick another routine.")
            )
            return
        self.sidebar.select(ids[number - 1])

    def select_routine(self, routine_id: str) -> None:
        """Show `routine_id`, idle, as if picked in the sidebar."""
        self._load_routine(routine_id)

    def set_level(self, level: Level) -> None:
        self.sidebar.set_level(level)
        self._set_level(level)

    def _set_level(self, level: Level) -> None:
        if level is not self._level:
            self._level = level
            self.settings.set(keys.LEVEL, level.value)
            self._fill_sidebar()
            self._load_routine(self._routine_id)

    # -- state ---------------------------------------------------------------

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
        self._summary = None
        timeline = self._timeline(routine_id)
        self.driver.load(timeline, count_in_s=self._timing.count_in_s)
        level_name = self.tr("gentle") if self._level is Level.GENTLE else self.tr("standard")
        self.panel.overview.show_routine(timeline, self._timing.rep_counting, level_name)
        self.sidebar.select(routine_id)
        self.refresh()

    def _ended(self, event: object) -> None:
        summary = getattr(event, "summary", None)
        if isinstance(summary, SessionSummary):
            self._summary = summary
            self.panel.summary.show_summary(summary)
        self.refresh()

    def current_display(self) -> Display | None:
        timeline = self.driver.timeline
        status = self.driver.status()
        if timeline is None or status is None:
            return None
        return describe(
            timeline,
            status,
            count_in_s=self._timing.count_in_s,
            summary=self._summary,
        )

    def refresh(self, *_event: object) -> None:
        display = self.current_display()
        if display is None:
            return
        state = self.driver.state
        active = state in _ACTIVE
        drawing = None
        if display.exercise is not None and display.step is not None:
            exercise = self.library.exercises[display.exercise]
            drawing = exercise.steps[display.step - 1].illustration
            if active:
                self.panel.exercise.show_exercise(exercise, display.step, mirrored=display.mirrored)
        self.timer.set_display(display)
        self.mat.set_display(display, drawing)
        if state is State.IDLE:
            self.panel.setCurrentWidget(self.panel.overview)
        elif active:
            self.panel.setCurrentWidget(self.panel.exercise)
        else:
            self.panel.setCurrentWidget(self.panel.summary)

        self.start_action.setText(
            {
                State.IDLE: self.tr("Start"),
                State.RUNNING: self.tr("Pause"),
                State.PAUSED: self.tr("Go on"),
                State.FINISHED: self.tr("Again"),
                State.STOPPED: self.tr("Again"),
            }[state]
        )
        for action in (
            self.back_action,
            self.skip_action,
            self.next_exercise_action,
            self.stop_action,
        ):
            action.setEnabled(active)
        self.sidebar.setEnabled(not active)
        for action in self.routine_actions:
            action.setEnabled(not active)
        if active:
            self._screen_saver.inhibit(self.tr("An exercise session is running"))
        else:
            self._screen_saver.release()

    def _apply_theme(self) -> None:
        theme = theme_for(self.palette())
        self.illustrations.set_colors(theme.figure)
        self.timer.set_theme(theme)
        self.mat.set_theme(theme)

    # -- Qt events -----------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._apply_theme()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.driver.state in _ACTIVE:
            self.driver.stop()
        self._screen_saver.release()
        if not self._mat_mode:
            self.settings.set(keys.GEOMETRY, self.saveGeometry())
        self.settings.sync()
        super().closeEvent(event)
