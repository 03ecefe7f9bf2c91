"""The timings the sources leave to the app, declared once.

NHS and NASM give holds and repetitions; they do not say how long to get
ready, how long to rest between repetitions, how long to swap legs, or
whether "3, alternating legs" means three per leg or three in all. Those are
the app's own defaults, collected here with their allowed bounds so that the
timeline, the preferences dialog, `QSettings` and the command line all read
the same declaration.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from enum import StrEnum
from typing import Any, Final, NamedTuple


class RepCounting(StrEnum):
    """How to read a repetition count for an exercise that alternates legs."""

    PER_SIDE = "per_side"
    IN_ALL = "in_all"


class Bounds(NamedTuple):
    low: int
    high: int
    label: str
    help: str


class TimingPrefs(NamedTuple):
    get_ready_s: int = 5
    position_s: int = 10
    release_s: int = 5
    rest_s: int = 5
    switch_side_s: int = 5
    next_exercise_s: int = 15
    count_in_s: int = 3
    rep_counting: RepCounting = RepCounting.PER_SIDE
    #: Repetition counts chosen by the user, only for exercises whose count is
    #: the app's default (the source gives none). Pairs of (exercise id, count).
    rep_overrides: tuple[tuple[str, int], ...] = ()

    def override_for(self, exercise_id: str) -> int | None:
        return dict(self.rep_overrides).get(exercise_id)

    def replace(self, **changes: Any) -> TimingPrefs:
        return self._replace(**changes)


#: Every timing in seconds, in the order the preferences show them, with its bounds.
#: A test keeps this in step with the fields of TimingPrefs.
SECONDS: Final[Mapping[str, Bounds]] = {
    "get_ready_s": Bounds(3, 30, "Get ready", "Seconds before the first exercise begins."),
    "position_s": Bounds(
        3, 60, "Move into position", "Seconds to settle into each exercise's start position."
    ),
    "release_s": Bounds(2, 15, "Release", "Seconds to come back slowly from each hold."),
    "rest_s": Bounds(
        0, 60, "Rest between repetitions", "Seconds of rest between two holds on the same side."
    ),
    "switch_side_s": Bounds(
        2, 30, "Switch legs", "Seconds to change legs in the alternating stretches."
    ),
    "next_exercise_s": Bounds(
        5, 120, "Between exercises", "Seconds to read what comes next and get up or turn over."
    ),
    "count_in_s": Bounds(
        0, 10, "Count-in after a pause", "Seconds counted down before a paused session goes on."
    ),
}


def second_fields() -> tuple[tuple[str, Bounds], ...]:
    """Every timing in seconds, in declaration order, with its bounds."""
    return tuple(SECONDS.items())


DEFAULTS: Final = TimingPrefs()


def validate(prefs: TimingPrefs) -> TimingPrefs:
    """Raise ValueError naming the first timing outside its bounds."""
    for name, bounds in second_fields():
        value = getattr(prefs, name)
        if type(value) is not int or not bounds.low <= value <= bounds.high:
            raise ValueError(
                f"{name} must be a whole number from {bounds.low} to {bounds.high}, got {value!r}"
            )
    for exercise_id, count in prefs.rep_overrides:
        if type(count) is not int or not 1 <= count <= 50:
            raise ValueError(
                f"repetitions for {exercise_id} must be a whole number from 1 to 50, got {count!r}"
            )
    return prefs


def from_mapping(values: Mapping[str, Any]) -> TimingPrefs:
    """Build preferences from stored values, keeping the default for anything unusable.

    Stored settings can be stale or hand-edited; a bad value must never stop
    the app, so each one falls back to its default on its own.
    """
    changes: dict[str, Any] = {}
    for name, bounds in second_fields():
        raw = values.get(name)
        try:
            value = int(raw) if raw is not None else None
        except (TypeError, ValueError):
            value = None
        if value is not None and bounds.low <= value <= bounds.high:
            changes[name] = value
    with contextlib.suppress(ValueError):
        changes["rep_counting"] = RepCounting(values.get("rep_counting", DEFAULTS.rep_counting))
    return DEFAULTS.replace(**changes)
