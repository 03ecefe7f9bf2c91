"""What to play and what to say for each moment of a session, decided without Qt.

A person with eyes closed follows the session by ear, so every phase change
has a cue of its own, and the words can be spoken too. This module maps the
engine's events to `Announcement`s; the Qt side (`qt/session_audio.py`)
plays them and keeps speech and cues from talking over each other.

- A count-in (after a pause, and the last three seconds before a hold or a
  new position) ticks once a second; the last three seconds of a hold tick
  more softly. With the spoken countdown on, the numbers are said instead.
- Hold, release, switch legs, exercise done and routine done each have a
  cue, followed by their words.
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple

from sciatica_gui.core.events import (
    Event,
    Finished,
    PhaseStarted,
    SecondChanged,
    State,
    StateChanged,
)
from sciatica_gui.core.timeline import PhaseKind, Side, Timeline

COUNTDOWN_FROM = 3


class Cue(StrEnum):
    COUNT_IN = "count_in"
    HOLD = "hold"
    LAST_SECONDS = "last_seconds"
    RELEASE = "release"
    SWITCH_SIDE = "switch_side"
    EXERCISE_DONE = "exercise_done"
    ROUTINE_DONE = "routine_done"


class Urgency(StrEnum):
    """How an announcement treats one still playing or speaking."""

    TICK = "tick"  # gives way: dropped if anything else is sounding
    INFO = "info"  # waits for a cue to end, replaces older words
    PHASE = "phase"  # interrupts words: the phase has changed


class Announcement(NamedTuple):
    cue: Cue | None
    words: str | None
    urgency: Urgency
    at_ns: int


class AudioPrefs(NamedTuple):
    last_seconds_ticks: bool = True
    spoken_countdown: bool = False


#: Phases whose last seconds count down into something: a hold or a new position.
_LEADS_IN = {
    PhaseKind.GET_READY,
    PhaseKind.POSITION,
    PhaseKind.REST,
    PhaseKind.SWITCH_SIDE,
    PhaseKind.NEXT_EXERCISE,
}


def announce(event: Event, timeline: Timeline, prefs: AudioPrefs) -> Announcement | None:
    if isinstance(event, PhaseStarted):
        return _phase_started(event, timeline)
    if isinstance(event, SecondChanged):
        return _second(event, timeline, prefs)
    if isinstance(event, Finished):
        return Announcement(Cue.ROUTINE_DONE, "Routine complete.", Urgency.PHASE, event.at_ns)
    if isinstance(event, StateChanged) and event.new is State.PAUSED:
        return Announcement(None, "Paused.", Urgency.PHASE, event.at_ns)
    if isinstance(event, StateChanged) and event.new is State.STOPPED:
        return Announcement(None, "Stopped.", Urgency.PHASE, event.at_ns)
    return None


def _phase_started(event: PhaseStarted, timeline: Timeline) -> Announcement | None:
    phase = event.phase
    at = event.at_ns
    kind = phase.kind
    if kind is PhaseKind.HOLD:
        # With eyes closed, the leg is part of the instruction.
        words = "Hold." if phase.side is None else f"Hold, {phase.side.value} leg."
        return Announcement(Cue.HOLD, words, Urgency.PHASE, at)
    if kind is PhaseKind.RELEASE:
        return Announcement(Cue.RELEASE, "Release.", Urgency.PHASE, at)
    if kind is PhaseKind.SWITCH_SIDE:
        words = (
            "Switch to your left leg." if phase.side is Side.LEFT else "Switch to your right leg."
        )
        return Announcement(Cue.SWITCH_SIDE, words, Urgency.PHASE, at)
    if kind is PhaseKind.REST:
        return Announcement(None, "Rest.", Urgency.INFO, at)
    exercise = timeline.blocks[phase.exercise_number - 1].exercise
    if kind is PhaseKind.NEXT_EXERCISE:
        return Announcement(
            Cue.EXERCISE_DONE, f"Well done. Next: {exercise.name}.", Urgency.PHASE, at
        )
    if kind is PhaseKind.POSITION:
        words = f"{exercise.name}. {exercise.reminder}"
        if phase.side is not None:
            words += f" Start with your {phase.side.value} leg."
        return Announcement(None, words, Urgency.INFO, at)
    return Announcement(None, f"Get ready. First: {exercise.name}.", Urgency.INFO, at)


def _second(event: SecondChanged, timeline: Timeline, prefs: AudioPrefs) -> Announcement | None:
    if not 1 <= event.seconds <= COUNTDOWN_FROM:
        return None
    kind = timeline.phases[event.phase_index].kind
    if event.counting_in or kind in _LEADS_IN:
        cue = Cue.COUNT_IN
    elif kind is PhaseKind.HOLD and prefs.last_seconds_ticks:
        cue = Cue.LAST_SECONDS
    else:
        return None
    if prefs.spoken_countdown:
        return Announcement(None, str(event.seconds), Urgency.TICK, event.at_ns)
    return Announcement(cue, None, Urgency.TICK, event.at_ns)
