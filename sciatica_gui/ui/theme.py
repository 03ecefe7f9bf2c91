"""Colours for the phases, derived from the palette so light and dark both stay legible.

Each phase has a word and a hue; the hue is turned into a colour that keeps
at least the WCAG contrast asked for against the window background of the
current palette (4.5:1 for text, 7:1 for mat-mode digits), by moving its
lightness away from the background until it does. The ring also changes
pattern by phase, so colour is never the only cue.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from typing import Final, NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette

TEXT_CONTRAST: Final = 4.5
MAT_CONTRAST: Final = 7.0


class Look(StrEnum):
    """How a moment of the session looks: a phase kind, or a state of the whole session."""

    IDLE = "idle"
    GET_READY = "get_ready"
    POSITION = "position"
    HOLD = "hold"
    RELEASE = "release"
    REST = "rest"
    SWITCH_SIDE = "switch_side"
    NEXT_EXERCISE = "next_exercise"
    PAUSED = "paused"
    FINISHED = "finished"
    STOPPED = "stopped"


class Hue(NamedTuple):
    hue: int  # degrees
    saturation: float  # 0..1


# LOOK.md: amber for getting ready, soft blue for moving, teal for holding,
# grey-blue for rest, violet for switching legs, green when done.
HUES: Final[dict[Look, Hue]] = {
    Look.IDLE: Hue(200, 0.25),
    Look.GET_READY: Hue(36, 0.85),
    Look.POSITION: Hue(210, 0.55),
    Look.HOLD: Hue(170, 0.70),
    Look.RELEASE: Hue(205, 0.55),
    Look.REST: Hue(215, 0.20),
    Look.SWITCH_SIDE: Hue(270, 0.45),
    Look.NEXT_EXERCISE: Hue(215, 0.20),
    Look.PAUSED: Hue(220, 0.05),
    Look.FINISHED: Hue(140, 0.55),
    Look.STOPPED: Hue(220, 0.10),
}

#: Qt pen patterns for the countdown ring: solid while holding, dashed while resting...
RING_PATTERN: Final[dict[Look, Qt.PenStyle]] = {
    Look.IDLE: Qt.PenStyle.SolidLine,
    Look.GET_READY: Qt.PenStyle.DashLine,
    Look.POSITION: Qt.PenStyle.SolidLine,
    Look.HOLD: Qt.PenStyle.SolidLine,
    Look.RELEASE: Qt.PenStyle.SolidLine,
    Look.REST: Qt.PenStyle.DashLine,
    Look.SWITCH_SIDE: Qt.PenStyle.DotLine,
    Look.NEXT_EXERCISE: Qt.PenStyle.DashLine,
    Look.PAUSED: Qt.PenStyle.DotLine,
    Look.FINISHED: Qt.PenStyle.SolidLine,
    Look.STOPPED: Qt.PenStyle.SolidLine,
}


def _channel(value: float) -> float:
    return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4


def luminance(color: QColor) -> float:
    """WCAG relative luminance."""
    return (
        0.2126 * _channel(color.redF())
        + 0.7152 * _channel(color.greenF())
        + 0.0722 * _channel(color.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def is_dark(palette: QPalette) -> bool:
    return luminance(palette.color(QPalette.ColorRole.Window)) < 0.2


def readable(hue: Hue, background: QColor, ratio: float) -> QColor:
    """The most colourful shade of `hue` that reaches `ratio` against `background`."""
    return QColor.fromRgba(_readable_rgba(hue, background.rgba(), ratio))


@cache
def _readable_rgba(hue: Hue, background_rgba: int, ratio: float) -> int:
    # Each search walks up to fifty shades; the window asks for the same few at start-up
    # and on every change of scheme.
    background = QColor.fromRgba(background_rgba)
    dark_background = luminance(background) < 0.2
    # Start near the middle and walk away from the background's lightness.
    lightness = 0.62 if dark_background else 0.42
    step = 0.02 if dark_background else -0.02
    color = QColor.fromHslF(hue.hue / 360, hue.saturation, lightness)
    while contrast(color, background) < ratio and 0.0 < lightness < 1.0:
        lightness = min(1.0, max(0.0, lightness + step))
        color = QColor.fromHslF(hue.hue / 360, hue.saturation, lightness)
    return color.rgba()


#: The five colours every illustration is drawn in (assets/illustrations), by role.
FIGURE_SOURCE: Final = {
    "body": "#4a5a70",
    "far": "#8795a8",
    "highlight": "#e07a5f",
    "arrow": "#2f80c0",
    "mat": "#c3ccd6",
}
_FIGURE_DARK: Final = {
    "body": "#c9d3df",
    "far": "#7f8b9a",
    "highlight": "#f0906f",
    "arrow": "#6db4e8",
    "mat": "#3d4650",
}


class Theme(NamedTuple):
    background: QColor
    text: QColor
    muted: QColor
    track: QColor
    highlight: QColor
    highlight_text: QColor
    phase: dict[Look, QColor]  # for words and rings, at text contrast
    mat_phase: dict[Look, QColor]  # for mat mode, at 7:1
    dark: bool
    figure: dict[str, str]  # illustration colours by role, for this background

    def color(self, look: Look) -> QColor:
        return self.phase[look]


def theme_for(palette: QPalette) -> Theme:
    background = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.WindowText)
    dark = is_dark(palette)
    muted = readable(Hue(215, 0.10), background, TEXT_CONTRAST)
    track = QColor(text)
    track.setAlphaF(0.12)
    return Theme(
        background=background,
        text=text,
        muted=muted,
        track=track,
        highlight=palette.color(QPalette.ColorRole.Highlight),
        highlight_text=palette.color(QPalette.ColorRole.HighlightedText),
        phase={look: readable(hue, background, TEXT_CONTRAST) for look, hue in HUES.items()},
        mat_phase={look: readable(hue, background, MAT_CONTRAST) for look, hue in HUES.items()},
        dark=dark,
        figure=dict(_FIGURE_DARK if dark else FIGURE_SOURCE),
    )


def dark_palette() -> QPalette:
    """A calm dark palette, for `--theme dark` and screenshots."""
    palette = QPalette()
    window = QColor(0x20, 0x24, 0x2A)
    base = QColor(0x18, 0x1B, 0x20)
    text = QColor(0xE8, 0xEA, 0xED)
    roles = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: QColor(0x26, 0x2B, 0x32),
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: QColor(0x2C, 0x31, 0x38),
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.ToolTipBase: base,
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.PlaceholderText: QColor(0x9A, 0xA0, 0xA8),
        QPalette.ColorRole.Highlight: QColor(0x3D, 0x8B, 0xB0),
        QPalette.ColorRole.HighlightedText: QColor(0xFF, 0xFF, 0xFF),
        QPalette.ColorRole.Link: QColor(0x7F, 0xC4, 0xE8),
        QPalette.ColorRole.Light: QColor(0x3A, 0x40, 0x48),
        QPalette.ColorRole.Midlight: QColor(0x33, 0x39, 0x40),
        QPalette.ColorRole.Mid: QColor(0x2A, 0x2F, 0x36),
        QPalette.ColorRole.Dark: QColor(0x14, 0x17, 0x1B),
        QPalette.ColorRole.Shadow: QColor(0x0A, 0x0B, 0x0D),
    }
    for role, color in roles.items():
        palette.setColor(role, color)
    disabled = QColor(0x80, 0x86, 0x8E)
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


def with_readable_roles(palette: QPalette) -> QPalette:
    """`palette` with secondary text and selected text readable (WCAG AA, 4.5:1).

    Styles' own choices fell short here: Fusion's placeholder grey is 3.9:1 on
    its window colour and white on its highlight blue 3.7:1, and the muted lines
    include the safety advice.
    """
    fixed = QPalette(palette)
    background = palette.color(QPalette.ColorRole.Window)
    fixed.setColor(
        QPalette.ColorRole.PlaceholderText, readable(Hue(215, 0.10), background, TEXT_CONTRAST)
    )
    text = palette.color(QPalette.ColorRole.HighlightedText)
    highlight = palette.color(QPalette.ColorRole.Highlight)
    hue, saturation, lightness = (
        highlight.hslHueF(),
        highlight.hslSaturationF(),
        highlight.lightnessF(),
    )
    step = -0.02 if luminance(text) > 0.5 else 0.02
    while contrast(highlight, text) < TEXT_CONTRAST and 0.0 < lightness < 1.0:
        lightness = min(1.0, max(0.0, lightness + step))
        highlight = QColor.fromHslF(max(0.0, hue), saturation, lightness)
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        fixed.setColor(group, QPalette.ColorRole.Highlight, highlight)
    return fixed
