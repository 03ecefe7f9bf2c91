"""Drawings, colours and mat-mode legibility: what a person on the mat actually sees."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPalette
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from sciatica_gui.core.content import StepRole
from sciatica_gui.qt.illustrations import Illustrations, resource_path
from sciatica_gui.ui.display import Display
from sciatica_gui.ui.mat_view import MatView
from sciatica_gui.ui.theme import (
    FIGURE_SOURCE,
    HUES,
    MAT_CONTRAST,
    RING_PATTERN,
    TEXT_CONTRAST,
    Look,
    contrast,
    dark_palette,
    theme_for,
)

ROOT = Path(__file__).resolve().parent.parent
QRC = ROOT / "resources.qrc"


def qrc_entries() -> dict[str, Path]:
    tree = ET.parse(QRC)
    return {
        (node.get("alias") or node.text or ""): ROOT / (node.text or "")
        for node in tree.iter("file")
    }


def ink(image: QImage) -> int:
    """How many pixels are not transparent."""
    return sum(
        1
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
        if image.pixelColor(x, y).alpha() > 0
    )


def differing(a: QImage, b: QImage) -> float:
    """Share of pixels whose opacity differs clearly between two images of one size."""
    points = [(x, y) for y in range(0, a.height(), 2) for x in range(0, a.width(), 2)]
    changed = sum(
        1 for x, y in points if abs(a.pixelColor(x, y).alpha() - b.pixelColor(x, y).alpha()) > 96
    )
    return changed / len(points)


def test_every_asset_is_listed_in_resources_qrc_and_every_entry_exists():
    entries = qrc_entries()
    on_disk = {
        str(path.relative_to(ROOT / "assets"))
        for path in (ROOT / "assets").rglob("*")
        if path.is_file() and path.suffix in {".svg", ".wav"}
    }
    assert set(entries) == on_disk
    assert all(path.is_file() for path in entries.values())


@pytest.mark.parametrize("alias", sorted(a for a in qrc_entries() if a.endswith(".svg")))
def test_every_drawing_in_the_resources_loads_and_renders_something(resources, alias):
    renderer = QSvgRenderer(f":/{alias}")
    assert renderer.isValid()
    for size in (QSize(480, 270), QSize(160, 90)):
        image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter, QRectF(0, 0, size.width(), size.height()))
        painter.end()
        assert ink(image) > size.width() * size.height() // 200, (alias, size)


def test_every_step_names_a_drawing_that_exists(resources, library):
    illustrations = Illustrations()
    for exercise in library.exercises.values():
        for step in exercise.steps:
            assert illustrations.renderer(step.illustration).isValid(), step.illustration
        assert exercise.step_for(StepRole.START).illustration


def test_drawings_use_only_the_five_figure_colours():
    for alias, path in qrc_entries().items():
        if alias.startswith("illustrations/"):
            text = path.read_text("utf-8").lower()
            colours = set(re.findall(r"#[0-9a-f]{6}", text))
            assert colours <= set(FIGURE_SOURCE.values()), (alias, colours)


def test_mirroring_flips_the_drawing(resources):
    illustrations = Illustrations()
    plain = illustrations.pixmap("knee_to_chest/hold", QSize(480, 270), mirrored=False).toImage()
    mirrored = illustrations.pixmap("knee_to_chest/hold", QSize(480, 270), mirrored=True).toImage()
    flipped = plain.flipped(Qt.Orientation.Horizontal)
    assert differing(mirrored, flipped) < 0.01  # the same up to antialiasing
    assert differing(mirrored, plain) > 0.02  # and truly turned round


def test_recolouring_for_the_dark_scheme_changes_the_body(resources):
    illustrations = Illustrations()
    light = illustrations.pixmap("floor_bridge/start", QSize(240, 135), mirrored=False).toImage()
    illustrations.set_colors(theme_for(dark_palette()).figure)
    dark = illustrations.pixmap("floor_bridge/start", QSize(240, 135), mirrored=False).toImage()
    assert light != dark


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_phase_colours_keep_their_contrast_in_both_schemes(qapp, scheme):
    palette = dark_palette() if scheme == "dark" else qapp.style().standardPalette()
    theme = theme_for(palette)
    assert theme.dark is (scheme == "dark")
    background = palette.color(QPalette.ColorRole.Window)
    assert contrast(theme.text, background) >= MAT_CONTRAST
    assert contrast(theme.muted, background) >= TEXT_CONTRAST
    for look in Look:
        assert contrast(theme.phase[look], background) >= TEXT_CONTRAST, look
        assert contrast(theme.mat_phase[look], background) >= MAT_CONTRAST, look


def test_hold_rest_and_switch_differ_by_word_and_ring_pattern_not_only_colour():
    assert (
        len({RING_PATTERN[Look.HOLD], RING_PATTERN[Look.REST], RING_PATTERN[Look.SWITCH_SIDE]}) == 3
    )
    hues = {HUES[look].hue for look in (Look.HOLD, Look.REST, Look.SWITCH_SIDE)}
    assert len(hues) == 3


def _hold_display(seconds: int) -> Display:
    return Display(
        look=Look.HOLD,
        word="Hold",
        seconds=seconds,
        center="",
        fraction=0.5,
        rep="Rep 2 of 3",
        side="Left leg",
        instruction="Draw your knee toward your chest",
        progress="",
        next="",
        exercise="knee_to_chest",
        step=2,
        mirrored=True,
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_mat_mode_digits_are_a_fifth_of_a_1080p_screen_and_high_contrast(qtbot, resources, scheme):
    view = MatView(Illustrations())
    qtbot.addWidget(view)
    palette = dark_palette() if scheme == "dark" else QApplication.style().standardPalette()
    view.setPalette(palette)
    view.set_theme(theme_for(palette))
    view.resize(1920, 1080)
    view.set_display(_hold_display(28), "knee_to_chest/hold")
    image = view.grab().toImage()
    text = theme_for(palette).text
    digits = view.digits_rect().toRect()
    rows = [
        y
        for y in range(digits.top(), digits.bottom(), 2)
        if any(
            _close(image.pixelColor(x, y), text) for x in range(digits.left(), digits.right(), 3)
        )
    ]
    assert rows, "no digits drawn"
    height = rows[-1] - rows[0]
    assert height >= 1080 / 5
    background = palette.color(QPalette.ColorRole.Window)
    assert contrast(text, background) >= 7


def _close(a: QColor, b: QColor) -> bool:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) < 40


def test_an_unknown_drawing_is_a_clear_error(resources):
    from sciatica_gui.qt.illustrations import IllustrationError

    with pytest.raises(IllustrationError, match=r"illustrations/nope\.svg"):
        Illustrations().renderer("nope")
    assert resource_path("a/b") == ":/illustrations/a/b.svg"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_secondary_and_selected_text_reach_4_5_to_1(qapp, scheme):
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QStyleFactory

    from sciatica_gui.ui.theme import contrast, dark_palette, with_readable_roles

    style = QStyleFactory.create("Fusion")
    palette = dark_palette() if scheme == "dark" else style.standardPalette()
    fixed = with_readable_roles(palette)
    role = QPalette.ColorRole
    assert contrast(fixed.color(role.PlaceholderText), fixed.color(role.Window)) >= 4.5
    assert contrast(fixed.color(role.Highlight), fixed.color(role.HighlightedText)) >= 4.5
