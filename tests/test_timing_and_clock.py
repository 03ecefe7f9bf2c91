"""The app's own timing defaults and their bounds, and the system clock."""

from __future__ import annotations

import pytest

from sciatica_gui.core.clock import SystemClock
from sciatica_gui.core.timing import (
    DEFAULTS,
    RepCounting,
    TimingPrefs,
    from_mapping,
    second_fields,
    validate,
)


def test_every_timing_has_bounds_around_its_default():
    fields = dict(second_fields())
    assert list(fields) == [
        "get_ready_s",
        "position_s",
        "release_s",
        "rest_s",
        "switch_side_s",
        "next_exercise_s",
        "count_in_s",
    ]
    for name, bounds in fields.items():
        assert bounds.low <= getattr(DEFAULTS, name) <= bounds.high
        assert bounds.label
        assert bounds.help
    assert DEFAULTS.count_in_s == 3
    int_fields = [name for name in TimingPrefs._fields if name.endswith("_s")]
    assert int_fields == list(fields)
    assert validate(DEFAULTS) is DEFAULTS


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"rest_s": 61}, "rest_s must be a whole number from 0 to 60, got 61"),
        ({"get_ready_s": 2}, "get_ready_s must be a whole number from 3 to 30"),
        ({"count_in_s": 1.5}, "count_in_s must be a whole number"),
        ({"rep_overrides": (("floor_bridge", 0),)}, "repetitions for floor_bridge"),
    ],
)
def test_validate_names_the_first_bad_timing(changes, message):
    with pytest.raises(ValueError, match=message):
        validate(DEFAULTS.replace(**changes))


def test_stored_values_fall_back_one_by_one():
    prefs = from_mapping(
        {
            "rest_s": "12",
            "get_ready_s": "soon",
            "position_s": 999,
            "switch_side_s": None,
            "rep_counting": "in_all",
        }
    )
    assert prefs.rest_s == 12
    assert prefs.get_ready_s == DEFAULTS.get_ready_s
    assert prefs.position_s == DEFAULTS.position_s
    assert prefs.switch_side_s == DEFAULTS.switch_side_s
    assert prefs.rep_counting is RepCounting.IN_ALL
    assert from_mapping({"rep_counting": "sometimes"}).rep_counting is DEFAULTS.rep_counting


def test_override_lookup():
    prefs = DEFAULTS.replace(rep_overrides=(("floor_bridge", 7),))
    assert prefs.override_for("floor_bridge") == 7
    assert prefs.override_for("knee_to_chest") is None


def test_the_system_clock_is_monotonic_in_nanoseconds():
    clock = SystemClock()
    first = clock.now_ns()
    second = clock.now_ns()
    assert isinstance(first, int)
    assert second >= first
