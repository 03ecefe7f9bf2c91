"""What the app is and is not, the emergency signs, and where the exercises come from.

* `FirstRunNotice`: shown before the first session and acknowledged once;
  Help shows it again (`again=True`). `notice_needed`/`remember_notice` keep
  the acknowledgement in any QSettings-like object, with a version number so
  that a changed notice is shown once more.
* `EmergencySigns`: the red flags, the local emergency numbers and the US
  National Library of Medicine's list, in large type. It is the one place
  where the app uses an alarm colour (LOOK.md), and even there the words
  carry the meaning; the colour only frames them.
* `AboutDialog`: name, version, and the source of every exercise, read from
  the loaded content so that a new exercise lists its source by itself.

Every sentence is the app's own wording of CONTENT.md's facts; none
diagnoses.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final, Protocol

from PySide6.QtCore import QCoreApplication, QEvent, QRectF, Qt
from PySide6.QtGui import QAction, QColor, QPainter, QPaintEvent, QPalette, QPen, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from sciatica_gui import APP_DISPLAY_NAME, __version__
from sciatica_gui.core.content import Exercise
from sciatica_gui.ui.controls import ActionButton, dialog_button
from sciatica_gui.ui.labels import WrapLabel, label
from sciatica_gui.ui.theme import TEXT_CONTRAST, Hue, readable
from sciatica_gui.ui.wording import content

#: Where the acknowledgement is kept, and which notice was acknowledged.
NOTICE_KEY: Final = "safety/notice_acknowledged"
#: Raise this when the notice says something new, so everyone reads it once more.
NOTICE_VERSION: Final = 1

#: A calm red, deepened or lightened until it reads as text on the window background.
ALERT_HUE: Final = Hue(2, 0.70)


def tr(text: str) -> str:
    return QCoreApplication.translate("safety", text)


def emergency_numbers() -> list[tuple[str, str]]:
    """The numbers CONTENT.md names, with where each one is dialled."""
    return [("911", tr("in the US")), ("999", tr("in the UK")), ("112", tr("in the EU"))]


def source_name(source: str) -> str:
    """A source as the content names it, spelled out when it is known by its initials."""
    longer = {
        "NHS": tr("the UK's National Health Service"),
        "NASM": tr("the National Academy of Sports Medicine"),
    }.get(source)
    return tr("{source} ({name})").format(source=source, name=longer) if longer else source


class FittedDialog(QDialog):
    """A dialog that, once shown, takes the height its wrapped text needs at its width.

    Qt sizes a dialog from its labels' size hints, which guess a narrower width
    than the dialog then gets; the labels claim the height of that narrow width,
    and a band of empty space stays above the buttons.
    """

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        layout = self.layout()
        if layout is None:
            return
        labels = self.findChildren(WrapLabel)
        for wrapped in labels:
            # WrapLabel sets its size policy after word wrap, which clears the policy's
            # height-for-width flag, so the layout would size it from its size hint.
            policy = wrapped.sizePolicy()
            if not policy.hasHeightForWidth():
                policy.setHeightForWidth(True)
                wrapped.setSizePolicy(policy)
        layout.activate()  # every label at its real width
        for wrapped in labels:
            # QLabel.heightForWidth never answers less than the minimum height, so a
            # height claimed at the narrow width would stick; claim it afresh.
            wrapped.setMinimumHeight(0)
            wrapped.setMinimumHeight(max(0, wrapped.heightForWidth(wrapped.width())))
        layout.invalidate()
        layout.activate()
        needed = layout.totalHeightForWidth(self.width())
        if 0 < needed < self.height():
            self.resize(self.width(), needed)


def alert_color(palette: QPalette) -> QColor:
    return readable(ALERT_HUE, palette.color(QPalette.ColorRole.Window), TEXT_CONTRAST)


# -- first-run notice ----------------------------------------------------------------------------


class SettingsLike(Protocol):
    """The two QSettings methods the notice needs; a QSettings is one."""

    def value(self, key: str, /) -> Any: ...
    def setValue(self, key: str, value: Any, /) -> None: ...


def notice_needed(settings: SettingsLike) -> bool:
    """True until the current notice has been acknowledged (a missing or odd value: needed)."""
    stored = settings.value(NOTICE_KEY)
    try:
        return int(stored) < NOTICE_VERSION
    except (TypeError, ValueError):
        return True


def remember_notice(settings: SettingsLike) -> None:
    settings.setValue(NOTICE_KEY, NOTICE_VERSION)


class FirstRunNotice(FittedDialog):
    """What the app is and is not. `exec()` returns Accepted only when it was acknowledged.

    `again=True` is the copy Help shows: the same words, and a plain Close button.
    """

    def __init__(self, parent: QWidget | None = None, *, again: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Before you start"))
        self.setAccessibleName(tr("Before you start: what this app is and is not"))
        self._acknowledged = False
        self.heading = label(tr("Before you start"), scale=1.8, bold=True)
        self.paragraphs = [
            label(text, scale=1.2)
            for text in (
                tr(
                    "This app guides you through gentle exercises for sciatica, with a timer, "
                    "pictures and sound, so you can follow them from your mat."
                ),
                tr(
                    "It is not a medical service and cannot diagnose anything. Your doctor or "
                    "physiotherapist knows your back; ask them whether these exercises suit "
                    "you, especially if your pain is new, severe or getting worse."
                ),
                tr(
                    "Stop any exercise that makes your pain worse. Esc stops a session at any "
                    "moment, and what you did is kept."
                ),
                tr(
                    "Some signs need help straight away. The Emergency signs button, or "
                    "the E key, lists them whenever you need them."
                ),
            )
        ]
        self.where = label(
            tr("You can read this again at any time from the Help menu."), muted=True
        )
        if again:
            self.button = dialog_button(tr("Close"), tr("Close this notice"), primary=True)
            self.button.clicked.connect(self.reject)
        else:
            self.button = dialog_button(tr("I understand"), tr("I understand; go on"), primary=True)
            self.button.clicked.connect(self.acknowledge)
        self.button.setDefault(True)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(36, 30, 36, 26)
        layout.setSpacing(14)
        layout.addWidget(self.heading)
        for paragraph in self.paragraphs:
            layout.addWidget(paragraph)
        layout.addWidget(self.where)
        layout.addStretch(1)
        layout.addLayout(row)
        self.setMinimumWidth(640)
        self.button.setFocus()

    @property
    def acknowledged(self) -> bool:
        return self._acknowledged

    def acknowledge(self) -> None:
        self._acknowledged = True
        self.accept()


# -- emergency signs -----------------------------------------------------------------------------


class _NumberTile(QFrame):
    """One emergency number, large, with where it applies, inside a frame in the alert colour."""

    def __init__(self, number: str, where: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(f"{number} {where}")
        self.number = label(number, scale=2.6, bold=True, wrap=False)
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.where = label(where, scale=1.25, wrap=False)
        self.where.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 10, 16, 12)
        column.setSpacing(0)
        column.addWidget(self.number)
        column.addWidget(self.where)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(alert_color(self.palette()), 3))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(1.5, 1.5, -1.5, -1.5), 12, 12)
        painter.end()


class _AlertBar(QWidget):
    """A thick stripe in the alert colour beside the list of signs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedWidth(8)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(alert_color(self.palette()))
        painter.drawRoundedRect(QRectF(self.rect()), 4, 4)
        painter.end()


def red_flags() -> list[str]:
    """The sciatica red flags CONTENT.md lists, in the app's words."""
    return [
        tr("Sciatica in both legs."),
        tr("Weakness or numbness in both legs that is severe or getting worse."),
        tr("Numbness around or under your genitals, or around your anus."),
        tr("New difficulty peeing, or controlling your bladder or bowels."),
    ]


class EmergencySigns(FittedDialog):
    """The red flags and the emergency numbers. Close and Esc close it.

    `session_paused=True` adds a line saying the session waits; the window pauses it.
    """

    def __init__(self, parent: QWidget | None = None, *, session_paused: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Emergency signs"))
        self.setAccessibleName(tr("Emergency signs"))
        self.heading = label(tr("Emergency signs"), scale=2.0, bold=True)
        self.lead = label(
            tr("Stop exercising and call your local emergency number if you have any of these:"),
            scale=1.5,
            bold=True,
        )
        self.signs = [label(text, scale=1.5) for text in red_flags()]
        signs = QGridLayout()
        signs.setContentsMargins(0, 0, 0, 0)
        signs.setHorizontalSpacing(12)
        signs.setVerticalSpacing(10)
        for row, sign in enumerate(self.signs):
            bullet = label("•", scale=1.5, bold=True, wrap=False)
            bullet.setAccessibleName("")
            signs.addWidget(bullet, row, 0, Qt.AlignmentFlag.AlignTop)
            signs.addWidget(sign, row, 1)
        signs.setColumnStretch(1, 1)
        framed = QHBoxLayout()
        framed.setSpacing(16)
        framed.addWidget(_AlertBar())
        framed.addLayout(signs, 1)

        self.tiles = [_NumberTile(number, where) for number, where in emergency_numbers()]
        numbers = QHBoxLayout()
        numbers.setSpacing(16)
        for tile in self.tiles:
            numbers.addWidget(tile, 1)

        self.source = label(
            tr(
                "Health services widely give these signs for sciatica. For other signs that "
                "need emergency care, see the US National Library of Medicine's list."
            ),
            scale=1.2,
        )
        self.paused_note = label(tr("Your session is paused; it will wait for you."), scale=1.15)
        self.paused_note.setVisible(session_paused)
        self.close_button = dialog_button(
            tr("Close"), tr("Close the emergency signs"), primary=True
        )
        self.close_button.setToolTip(tr("Close (Esc)"))
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.paused_note, 1)
        bottom.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(36, 28, 36, 24)
        layout.setSpacing(16)
        layout.addWidget(self.heading)
        layout.addWidget(self.lead)
        layout.addLayout(framed)
        layout.addSpacing(4)
        layout.addLayout(numbers)
        layout.addWidget(self.source)
        layout.addStretch(1)
        layout.addLayout(bottom)
        self.setMinimumWidth(820)
        self.close_button.setFocus()

    def set_session_paused(self, paused: bool) -> None:
        self.paused_note.setVisible(paused)

    def text(self) -> str:
        """Everything the dialog says, in reading order (for tests and screen readers)."""
        parts = [self.heading.text(), self.lead.text(), *(sign.text() for sign in self.signs)]
        parts += [f"{tile.number.text()} {tile.where.text()}" for tile in self.tiles]
        parts.append(self.source.text())
        if self.paused_note.isVisibleTo(self):
            parts.append(self.paused_note.text())
        return "\n".join(parts)


class EmergencyButton(ActionButton):
    """The always-visible button for the emergency signs: the action's words in the alert colour."""

    def __init__(self, action: QAction, parent: QWidget | None = None) -> None:
        super().__init__(action, parent)
        self._tint()

    def _tint(self) -> None:
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.ButtonText, alert_color(palette))
        self.setPalette(palette)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ApplicationPaletteChange:
            self.setPalette(QPalette())  # take the new scheme, then tint it again
            self._tint()


# -- about ---------------------------------------------------------------------------------------


def sources_of(exercises: Iterable[Exercise]) -> dict[str, list[Exercise]]:
    """Exercises grouped by source, sources and exercises in the order they come."""
    grouped: dict[str, list[Exercise]] = {}
    for exercise in exercises:
        grouped.setdefault(exercise.source, []).append(exercise)
    return grouped


def _exercise_line(exercise: Exercise) -> str:
    name = content(exercise.name)
    return (
        tr("{name} ({detail})").format(name=name, detail=content(exercise.detail).lower())
        if exercise.detail
        else name
    )


class AboutDialog(FittedDialog):
    def __init__(self, exercises: Iterable[Exercise], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("About {app}").format(app=APP_DISPLAY_NAME))
        self.setAccessibleName(self.windowTitle())
        self.heading = label(APP_DISPLAY_NAME, scale=1.8, bold=True)
        self.version = label(tr("Version {version}").format(version=__version__), muted=True)
        self.summary = label(
            tr(
                "A guided timer for exercises that may ease sciatica. It gives no diagnosis "
                "and does not replace a doctor or physiotherapist."
            ),
            scale=1.1,
        )
        self.sources_heading = label(tr("Where the exercises come from"), scale=1.3, bold=True)
        self.sources: list[QLabel] = []
        listing = QVBoxLayout()
        listing.setSpacing(10)
        for source, group in sources_of(exercises).items():
            title = source_name(source)
            lines = "\n".join(f"• {_exercise_line(exercise)}" for exercise in group)
            entry = label(f"{title}\n{lines}", scale=1.1)
            entry.setAccessibleName(title)
            self.sources.append(entry)
            listing.addWidget(entry)
        self.figures = label(
            tr(
                "The holds and repetitions come from these sources. Where a source gives no "
                "figure, the app uses its own default, says so, and lets you change it in "
                "Preferences. Every sentence on screen is the app's own wording."
            ),
        )
        self.safety = label(
            tr(
                "Emergency signs: the sciatica signs widely given by health services, and the "
                "US National Library of Medicine's list of signs that need emergency care."
            ),
        )
        self.close_button = dialog_button(tr("Close"), tr("Close About"), primary=True)
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(36, 28, 36, 24)
        layout.setSpacing(12)
        layout.addWidget(self.heading)
        layout.addWidget(self.version)
        layout.addWidget(self.summary)
        layout.addSpacing(6)
        layout.addWidget(self.sources_heading)
        layout.addLayout(listing)
        layout.addWidget(self.figures)
        layout.addWidget(self.safety)
        layout.addStretch(1)
        layout.addLayout(row)
        self.setMinimumWidth(640)
        self.close_button.setFocus()
