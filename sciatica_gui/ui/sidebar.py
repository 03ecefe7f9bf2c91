"""The routine picker: every routine with its length and number of exercises, and the level."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QSizePolicy,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from sciatica_gui.core.content import Level

_DETAIL_ROLE = Qt.ItemDataRole.UserRole + 1
_ID_ROLE = Qt.ItemDataRole.UserRole + 2
_PAD = 10


class RoutineEntry(NamedTuple):
    id: str
    name: str
    detail: str  # "4 exercises · 15 min"
    builtin: bool


class _RoutineDelegate(QStyledItemDelegate):
    """Two lines per routine, wrapped to the list's width: the name, then its length.

    Selection is read from the view, not from the style option's state flags,
    which keeps QStyle's many enums out of start-up.
    """

    def __init__(self, view: QListWidget) -> None:
        super().__init__(view)
        self._view = view

    def _fonts(self) -> tuple[QFont, QFont]:
        name = QFont(self._view.font())
        name.setBold(True)
        detail = QFont(self._view.font())
        detail.setPointSizeF(detail.pointSizeF() * 0.85)
        return name, detail

    def _layout(self, rect: QRect, name: str, detail: str) -> tuple[QRect, QRect]:
        name_font, detail_font = self._fonts()
        width = max(10, rect.width() - 2 * _PAD)
        flags = int(Qt.TextFlag.TextWordWrap)
        name_height = (
            QFontMetrics(name_font).boundingRect(QRect(0, 0, width, 10_000), flags, name).height()
        )
        detail_height = (
            QFontMetrics(detail_font)
            .boundingRect(QRect(0, 0, width, 10_000), flags, detail)
            .height()
        )
        name_rect = QRect(rect.left() + _PAD, rect.top() + _PAD, width, name_height)
        detail_rect = QRect(rect.left() + _PAD, name_rect.bottom() + 3, width, detail_height)
        return name_rect, detail_rect

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        # Not viewport(): resolving the Python type of that QWidget* costs ~20 ms at start-up.
        width = max(150, self._view.maximumViewportSize().width())
        if self._view.verticalScrollBar().isVisible():
            width -= self._view.verticalScrollBar().width()
        _, detail_rect = self._layout(
            QRect(0, 0, width, 0), str(index.data()), str(index.data(_DETAIL_ROLE))
        )
        return QSize(width, detail_rect.bottom() + _PAD)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        name, detail = str(index.data()), str(index.data(_DETAIL_ROLE))
        selection = self._view.selectionModel()
        selected = selection is not None and selection.isSelected(
            self._view.model().index(index.row(), 0)
        )
        palette = self._view.palette()
        group = (
            QPalette.ColorGroup.Active if self._view.isEnabled() else QPalette.ColorGroup.Disabled
        )
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        rect: QRect = option.rect
        # The row's selection is painted here too: asking the style to draw an item with its
        # text blanked still drew the text (PySide6 6.11), under our own two lines.
        if selected:
            painter.fillRect(rect, palette.color(group, QPalette.ColorRole.Highlight))
        name_rect, detail_rect = self._layout(rect, name, detail)
        name_font, detail_font = self._fonts()
        painter.save()
        painter.setPen(palette.color(group, role))
        painter.setFont(name_font)
        painter.drawText(name_rect, int(Qt.TextFlag.TextWordWrap), name)
        painter.setFont(detail_font)
        painter.drawText(detail_rect, int(Qt.TextFlag.TextWordWrap), detail)
        painter.restore()


class Sidebar(QWidget):
    routineChosen = Signal(str)
    levelChosen = Signal(object)  # Level

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidebar")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(8)

        title = QLabel(self.tr("Routines"))
        title.setObjectName("sidebarTitle")
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.25)
        title.setFont(font)
        layout.addWidget(title)

        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Routines"))
        self.list.setItemDelegate(_RoutineDelegate(self.list))
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.list.setUniformItemSizes(False)
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.currentItemChanged.connect(self._on_current)
        layout.addWidget(self.list, 1)

        level_title = QLabel(self.tr("Level"))
        level_title.setFont(font)
        layout.addWidget(level_title)
        self.gentle = QRadioButton(self.tr("Gentle"))
        self.gentle.setAccessibleName(self.tr("Gentle level"))
        self.standard = QRadioButton(self.tr("Standard"))
        self.standard.setAccessibleName(self.tr("Standard level"))
        self._levels = QButtonGroup(self)
        for button in (self.gentle, self.standard):
            self._levels.addButton(button)
            layout.addWidget(button)
        self.standard.setChecked(True)
        self._levels.buttonToggled.connect(self._on_level)
        hint = QLabel(
            self.tr(
                "Gentle works at the low end of each range the sources give, "
                "standard at the high end."
            )
        )
        hint.setWordWrap(True)
        hint.setObjectName("levelHint")
        hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout.addWidget(hint)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)

    def set_routines(self, entries: Sequence[RoutineEntry], current: str) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for number, entry in enumerate(entries, start=1):
            item = QListWidgetItem(entry.name)
            item.setData(_DETAIL_ROLE, entry.detail)
            item.setData(_ID_ROLE, entry.id)
            shortcut = self.tr("Ctrl+{n}").format(n=number) if number <= 9 else ""
            item.setToolTip(
                f"{entry.name} — {entry.detail}" + (f" ({shortcut})" if shortcut else "")
            )
            self.list.addItem(item)
            if entry.id == current:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)

    def update_details(self, details: dict[str, str]) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            detail = details.get(str(item.data(_ID_ROLE)))
            if detail is not None:
                item.setData(_DETAIL_ROLE, detail)

    def routine_ids(self) -> list[str]:
        return [str(self.list.item(row).data(_ID_ROLE)) for row in range(self.list.count())]

    def select(self, routine_id: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(_ID_ROLE) == routine_id:
                self.list.setCurrentRow(row)
                return

    def level(self) -> Level:
        return Level.GENTLE if self.gentle.isChecked() else Level.STANDARD

    def set_level(self, level: Level) -> None:
        (self.gentle if level is Level.GENTLE else self.standard).setChecked(True)

    def _on_current(self, current: QListWidgetItem | None, _previous: object) -> None:
        if current is not None:
            self.routineChosen.emit(str(current.data(_ID_ROLE)))

    def _on_level(self, button: QRadioButton, checked: bool) -> None:
        if checked:
            self.levelChosen.emit(Level.GENTLE if button is self.gentle else Level.STANDARD)
