"""The calm note shown when pain scores call for it; it never blocks anything.

`core.pain` decides whether the scores call for advice (`reasons`, and
`after_session` once a session is over); `show_pain_advice` shows
`PainAdviceDialog` without blocking: the session, the window and the rest of
the app carry on.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
)

from sciatica_gui.core.pain import Reason, reasons
from sciatica_gui.ui.controls import dialog_button
from sciatica_gui.ui.labels import label
from sciatica_gui.ui.safety_dialogs import FittedDialog


def tr(text: str) -> str:
    return QCoreApplication.translate("pain", text)


def advice_text(found: tuple[Reason, ...]) -> str:
    """What the scores show, then what to do: two calm sentences, no diagnosis."""
    if not found:
        return ""
    rose = Reason.ROSE in found
    high_before = Reason.HIGH_BEFORE in found
    high_after = Reason.HIGH_AFTER in found
    if high_after and rose:
        what = tr("Your pain is high now, and higher than before the session.")
    elif high_after and high_before:
        what = tr("Your pain was high before the session and is still high now.")
    elif rose:
        what = tr("Your pain is higher now than before the session.")
    elif high_after:
        what = tr("Your pain is high after the session.")
    else:
        what = tr("Your pain is high right now.")
    if rose or high_after:
        advice = tr(
            "Exercises should not make pain worse, so it is wise to stop them for now and ask "
            "a doctor or physiotherapist before you do them again."
        )
    else:
        advice = tr(
            "It may be better not to exercise for now. Please ask a doctor or physiotherapist "
            "for advice before you do these exercises."
        )
    return f"{what} {advice}"


class PainAdviceDialog(FittedDialog):
    """A non-modal note with the advice; it never stops anything by itself."""

    #: The person asked to see the emergency signs from the note.
    emergencyRequested = Signal()

    def __init__(self, found: tuple[Reason, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reasons = found
        self.setModal(False)
        self.setWindowTitle(tr("A note about your pain"))
        self.setAccessibleName(self.windowTitle())
        self.heading = label(tr("A note about your pain"), scale=1.6, bold=True)
        self.text = label(advice_text(found), scale=1.25)
        self.text.setAccessibleName(self.text.text())
        self.emergency_note = label(
            tr(
                "If you notice any of the emergency signs, call your local emergency number "
                "(911, 999 or 112)."
            ),
            scale=1.1,
        )
        self.emergency_button = dialog_button(tr("Emergency signs…"))
        self.emergency_button.setAccessibleName(tr("Show the emergency signs"))
        self.emergency_button.clicked.connect(self.emergencyRequested)
        self.close_button = dialog_button(tr("OK"), primary=True)
        self.close_button.setAccessibleName(tr("Close this note"))
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.emergency_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 24)
        layout.setSpacing(14)
        layout.addWidget(self.heading)
        layout.addWidget(self.text)
        layout.addWidget(self.emergency_note)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.setMinimumWidth(560)
        self.close_button.setFocus()


def offer_pain_advice(
    before: int | None, after: int | None, parent: QWidget | None = None
) -> PainAdviceDialog | None:
    """Show the advice note when `core.pain` says the scores call for it; returns it, or None.

    The note is shown with `show()`, never `exec()`, and deletes itself when closed.
    """
    return show_pain_advice(reasons(before, after), parent)


def show_pain_advice(
    found: tuple[Reason, ...], parent: QWidget | None = None
) -> PainAdviceDialog | None:
    """Show the advice note for `found` reasons (none: no note); returns it, or None."""
    if not found:
        return None
    dialog = PainAdviceDialog(found, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
