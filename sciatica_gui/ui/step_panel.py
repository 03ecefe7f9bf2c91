"""The illustrated step panel: the routine overview before a session, the current
exercise with its steps during one, and the summary after it."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from sciatica_gui.core.content import Exercise
from sciatica_gui.core.summary import SessionSummary
from sciatica_gui.core.timeline import PhaseKind, Timeline
from sciatica_gui.core.timing import RepCounting
from sciatica_gui.qt.illustrations import Illustrations
from sciatica_gui.ui.display import duration_text
from sciatica_gui.ui.illustration_view import IllustrationView
from sciatica_gui.ui.labels import label
from sciatica_gui.ui.wording import content, figures_line, plan_line, source_line


class _StepRow(QFrame):
    """One numbered step; the current one is lit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAutoFillBackground(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(10)
        self.number = label(scale=1.3, bold=True, wrap=False)
        self.number.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
        self.number.setMinimumWidth(self.number.fontMetrics().horizontalAdvance("00"))
        self.text = label(scale=1.1)
        layout.addWidget(self.number, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.text, 1)
        self._lit = False

    def set_step(self, number: int, text: str) -> None:
        self.number.setText(str(number))
        self.text.setText(text)
        self.setAccessibleName(f"{number}. {text}")

    def set_lit(self, lit: bool) -> None:
        """Light the step by colour and a marker, never by weight: a bolder font would
        re-wrap the text and lay the whole page out again at every phase change."""
        if lit == self._lit:
            return
        self._lit = lit
        self.setAutoFillBackground(lit)
        self.setBackgroundRole(QPalette.ColorRole.Highlight if lit else QPalette.ColorRole.Window)
        text_role = QPalette.ColorRole.HighlightedText if lit else QPalette.ColorRole.WindowText
        for part in (self.number, self.text):
            part.setForegroundRole(text_role)
        self.setAccessibleDescription(self.tr("current step") if lit else "")

    @property
    def lit(self) -> bool:
        return self._lit


class ExercisePage(QWidget):
    def __init__(self, illustrations: Illustrations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        self.name = label(scale=1.6, bold=True)
        self.name.setObjectName("exerciseName")
        self.source = label(muted=True)
        self.source.setObjectName("exerciseSource")
        layout.addWidget(self.name)
        layout.addWidget(self.source)
        self.picture = IllustrationView(illustrations)
        layout.addWidget(self.picture, 3)
        self.rows: list[_StepRow] = []
        self._steps_box = QVBoxLayout()
        self._steps_box.setSpacing(2)
        layout.addLayout(self._steps_box)
        self.safety = label(
            self.tr("If an exercise makes your pain worse, stop: press Esc."), muted=True
        )
        self.safety.setObjectName("safetyLine")
        layout.addWidget(self.safety)
        self._exercise: str | None = None

    def show_exercise(self, exercise: Exercise, step: int, *, mirrored: bool) -> None:
        if exercise.id != self._exercise:
            self._exercise = exercise.id
            self.name.setText(content(exercise.name))
            self.source.setText(source_line(exercise))
            while len(self.rows) < len(exercise.steps):
                row = _StepRow()
                self.rows.append(row)
                self._steps_box.addWidget(row)
            for row, item in zip(self.rows, exercise.steps, strict=False):
                row.set_step(item.number, content(item.text))
                row.show()
            for row in self.rows[len(exercise.steps) :]:
                row.hide()
        for row, item in zip(self.rows, exercise.steps, strict=False):
            row.set_lit(item.number == step)
        current = exercise.steps[step - 1]
        self.picture.show_drawing(
            current.illustration, mirrored=mirrored, description=content(current.cue)
        )

    def lit_step(self) -> int | None:
        return next((number for number, row in enumerate(self.rows, 1) if row.lit), None)


class OverviewPage(QWidget):
    """Before a session: the whole routine, exercise by exercise, with its figures' origins.

    The routine scrolls; the safety line stays below it, never scrolled out of sight.
    """

    def __init__(self, illustrations: Illustrations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._illustrations = illustrations
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._body = QWidget()
        self._body.setBackgroundRole(QPalette.ColorRole.Window)
        scroll.setWidget(self._body)
        self._layout = QVBoxLayout(self._body)
        self._layout.setContentsMargins(16, 12, 16, 12)
        self._layout.setSpacing(10)
        self.safety = label(self.tr("Stop any exercise that makes your pain worse."))
        page = QVBoxLayout(self)
        page.setContentsMargins(0, 0, 0, 0)
        page.setSpacing(0)
        page.addWidget(scroll, 1)
        footer = QVBoxLayout()
        footer.setContentsMargins(16, 8, 16, 4)
        footer.addWidget(self.safety)
        page.addLayout(footer)

    def show_routine(self, timeline: Timeline, counting: RepCounting, level_name: str) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        title = label(content(timeline.routine.name), scale=1.6, bold=True)
        title.setObjectName("routineName")
        self._layout.addWidget(title)
        self._layout.addWidget(
            label(
                self.tr("{time} in all · {level} level · press Space to start").format(
                    time=duration_text(timeline.total_seconds), level=level_name
                ),
                muted=True,
            )
        )
        for block in timeline.blocks:
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 4, 0, 4)
            line.setSpacing(12)
            thumb = IllustrationView(self._illustrations, minimum=QSize(160, 90))
            thumb.setFixedSize(160, 90)
            # The held position tells the exercises apart; their start poses look alike.
            step = next(
                (
                    phase.step
                    for phase in timeline.phases[block.first : block.end]
                    if phase.kind is PhaseKind.HOLD
                ),
                1,
            )
            shown = block.exercise.steps[step - 1]
            thumb.show_drawing(shown.illustration, description=content(shown.cue))
            line.addWidget(thumb, 0, Qt.AlignmentFlag.AlignTop)
            words = QVBoxLayout()
            words.setSpacing(2)
            words.addWidget(
                label(
                    self.tr("{n}. {name}").format(
                        n=block.number, name=content(block.exercise.name)
                    ),
                    scale=1.15,
                    bold=True,
                )
            )
            words.addWidget(
                label(
                    self.tr("{plan} · {time}").format(
                        plan=plan_line(block, counting), time=duration_text(block.seconds)
                    )
                )
            )
            words.addWidget(label(figures_line(block, counting), muted=True))
            words.addWidget(label(source_line(block.exercise), muted=True))
            line.addLayout(words, 1)
            self._layout.addWidget(row)
        self._layout.addWidget(
            label(
                self.tr(
                    "The seconds to get ready, move into position, release, rest, switch "
                    "legs and reach the next exercise are the app's own; you can change "
                    "them in Preferences."
                ),
                muted=True,
            )
        )
        self._layout.addStretch(1)


class SummaryPage(QWidget):
    """After a session: what was done, how long it took, and what was skipped."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(16, 12, 16, 12)
        self._layout.setSpacing(8)
        self.title = label(scale=1.6, bold=True)
        self.title.setObjectName("summaryTitle")
        self.time = label(scale=1.15)
        self._layout.addWidget(self.title)
        self._layout.addWidget(self.time)
        self._rows: list[QLabel] = []
        self.closing = label(muted=True)
        self._layout.addStretch(1)
        self._layout.addWidget(self.closing)

    def show_summary(self, summary: SessionSummary) -> None:
        self.title.setText(self.tr("Well done") if summary.finished else self.tr("Session stopped"))
        self.time.setText(
            self.tr("You exercised for {time} of the {planned} planned.").format(
                time=duration_text(summary.active_seconds),
                planned=duration_text(summary.planned_seconds),
            )
        )
        for row in self._rows:
            row.deleteLater()
        self._rows = []
        for result in summary.exercises:
            if result.complete:
                text = self.tr("✓ {name}: all {holds} holds").format(
                    name=content(result.name), holds=result.holds
                )
            else:
                text = self.tr("– {name}: {done} of {holds} holds, {missed} not done").format(
                    name=content(result.name),
                    done=result.holds_done,
                    holds=result.holds,
                    missed=result.holds - result.holds_done,
                )
            row = label(text, scale=1.1)
            self._layout.insertWidget(2 + len(self._rows), row)
            self._rows.append(row)
        self.closing.setText(
            self.tr("What you did is kept. Press Space to go again, or pick another routine.")
        )

    def row_texts(self) -> list[str]:
        return [row.text() for row in self._rows]


class StepPanel(QStackedWidget):
    """The overview before a session, the exercise being done, the summary after.

    The first frame shows only the overview, so the other two pages are built when
    first asked for, or by `build_pages` once the window is on screen.
    """

    def __init__(self, illustrations: Illustrations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._illustrations = illustrations
        self.overview = OverviewPage(illustrations)
        self.addWidget(self.overview)
        self._exercise: ExercisePage | None = None
        self._summary: SummaryPage | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    @property
    def exercise(self) -> ExercisePage:
        if self._exercise is None:
            self._exercise = ExercisePage(self._illustrations)
            self.addWidget(self._exercise)
        return self._exercise

    @property
    def summary(self) -> SummaryPage:
        if self._summary is None:
            self._summary = SummaryPage()
            self.addWidget(self._summary)
        return self._summary

    def build_pages(self) -> None:
        """Build the pages a session needs, so pressing Start does not wait for them."""
        self.exercise.ensurePolished()
        self.summary.ensurePolished()

    def minimumSizeHint(self) -> QSize:
        return QSize(360, 300)
