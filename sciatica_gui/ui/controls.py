"""Big buttons that mirror an action: its text, its enabled state, its shortcut in the tooltip."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QPushButton, QSizePolicy, QWidget


def dialog_button(text: str, name: str = "", *, primary: bool = False) -> QPushButton:
    """A large dialog button, readable from the mat; `primary` for the one Enter presses."""
    button = QPushButton(text)
    button.setAccessibleName(name or text)
    button.setMinimumHeight(56)
    button.setMinimumWidth(180)
    button.setAutoDefault(False)
    button.setDefault(primary)
    font = button.font()
    font.setPointSizeF(font.pointSizeF() * (1.3 if primary else 1.15))
    font.setBold(primary)
    button.setFont(font)
    return button


def shortcut_text(action: QAction) -> str:
    return " / ".join(
        key.toString(QKeySequence.SequenceFormat.NativeText) for key in action.shortcuts()
    )


def describe_action(action: QAction, keys_from: QAction | None = None) -> str:
    keys = shortcut_text(keys_from or action)
    text = action.text().replace("&", "")
    return f"{text} ({keys})" if keys else text


class ActionButton(QPushButton):
    """A large push button that triggers `action` and follows its changes."""

    def __init__(
        self,
        action: QAction,
        parent: QWidget | None = None,
        *,
        primary: bool = False,
        keys_from: QAction | None = None,
    ) -> None:
        super().__init__(parent)
        self._action = action
        self._keys_from = keys_from
        self.setMinimumHeight(56)
        self.setIconSize(QSize(24, 24))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * (1.35 if primary else 1.15))
        font.setBold(primary)
        self.setFont(font)
        self.setDefault(False)
        self.setAutoDefault(False)
        self.clicked.connect(action.trigger)
        action.changed.connect(self._sync)
        self._sync()

    @property
    def action(self) -> QAction:
        return self._action

    def _sync(self) -> None:
        action = self._action
        self.setText(action.text().replace("&", ""))
        self.setIcon(action.icon())
        self.setEnabled(action.isEnabled())
        self.setVisible(action.isVisible())
        self.setToolTip(describe_action(action, self._keys_from))
        self.setAccessibleName(action.text().replace("&", ""))
        self.setAccessibleDescription(describe_action(action, self._keys_from))
