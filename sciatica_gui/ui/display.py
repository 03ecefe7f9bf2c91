"""What the screen says at a given moment, as one record for every view to draw.

The timer widget, mat mode and the step panel all show the same moment in
different sizes. `describe` turns the engine's status into the words and
numbers they draw, so the views only lay them out and the wording lives in
one place (and is translated in one place).
"""

from __future__ import annotations

from typing import Final, NamedTuple

from PySide6.QtCore import QCoreApplication

from sciatica_gui.core.engine import Status
from sciatica_gui.core.events import State
from sciatica_gui.core.summary import SessionSummary
from sciatica_gui.core.timeline import Phase, PhaseKind, Side, Timeline
from sciatica_gui.ui.theme import Look

_CONTEXT = "display"


def tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def phase_word(kind: PhaseKind) -> str:
    return {
        PhaseKind.GET_READY: tr("Get ready"),
        PhaseKind.POSITION: tr("Move into position"),
        PhaseKind.HOLD: tr("Hold"),
        PhaseKind.RELEASE: tr("Release"),
        PhaseKind.REST: tr("Rest"),
        PhaseKind.SWITCH_SIDE: tr("Switch legs"),
        PhaseKind.NEXT_EXERCISE: tr("Next exercise"),
    }[kind]


_LEAD_INS: Final = (PhaseKind.GET_READY, PhaseKind.NEXT_EXERCISE)


def side_text(side: Side | None) -> str:
    if side is None:
        return ""
    return tr("Left leg") if side is Side.LEFT else tr("Right leg")


def rep_text(phase: Phase) -> str:
    if phase.rep is None or phase.reps is None:
        return ""
    return tr("Rep {rep} of {reps}").format(rep=phase.rep, reps=phase.reps)


def duration_text(seconds: float) -> str:
    """A length of time for reading: '45 s', '3 min', '3 min 20 s'."""
    whole = max(0, round(seconds))
    minutes, rest = divmod(whole, 60)
    if minutes == 0:
        return tr("{s} s").format(s=rest)
    if rest == 0:
        return tr("{m} min").format(m=minutes)
    return tr("{m} min {s} s").format(m=minutes, s=rest)


def clock_text(seconds: float) -> str:
    """A countdown of a whole session: '7:05'."""
    whole = max(0, round(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


def instruction_text(phase: Phase, exercise_names: dict[str, str]) -> str:
    """The one line under the phase word, translated where it is the app's wording."""
    if phase.kind is PhaseKind.SWITCH_SIDE:
        return (
            tr("Switch to your left leg")
            if phase.side is Side.LEFT
            else tr("Switch to your right leg")
        )
    if phase.kind is PhaseKind.REST:
        return tr("Rest in the start position")
    if phase.kind in (PhaseKind.GET_READY, PhaseKind.NEXT_EXERCISE):
        name = QCoreApplication.translate("exercises", exercise_names[phase.exercise])
        if phase.kind is PhaseKind.GET_READY:
            return tr("First: {name}").format(name=name)
        return tr("Next: {name}").format(name=name)
    return QCoreApplication.translate("exercises", phase.instruction)


class Display(NamedTuple):
    look: Look
    word: str
    seconds: int | None  # the big number; None when there is no countdown
    center: str  # what the ring holds when there is no countdown
    fraction: float  # how much of the ring is still to go, 0..1
    rep: str
    side: str
    instruction: str
    progress: str  # "Exercise 2 of 4 · 7:30 left"
    next: str  # what comes after this phase
    exercise: str | None  # exercise id whose step is shown
    step: int | None
    mirrored: bool  # the illustration is drawn for the right leg; mirror it for the left

    @property
    def spoken(self) -> str:
        """The same moment in one sentence, for screen readers."""
        parts = [self.word]
        if self.seconds is not None:
            parts.append(tr("{n} seconds").format(n=self.seconds))
        parts += [part for part in (self.rep, self.side, self.instruction) if part]
        return ", ".join(parts)


def describe(
    timeline: Timeline,
    status: Status,
    *,
    count_in_s: int,
    summary: SessionSummary | None = None,
) -> Display:
    names = {block.exercise.id: block.exercise.name for block in timeline.blocks}
    phase = status.phase
    index = status.phase_index
    block = timeline.block_at(index)
    state = status.state

    if state is State.IDLE:
        first = timeline.phases[0]
        return Display(
            look=Look.IDLE,
            word=tr("Ready"),
            seconds=None,
            center=duration_text(timeline.total_seconds),
            fraction=1.0,
            rep="",
            side="",
            instruction=tr("Press Space to start"),
            progress=tr("{n} exercises · {time}").format(
                n=len(timeline.blocks), time=duration_text(timeline.total_seconds)
            )
            if len(timeline.blocks) != 1
            else tr("1 exercise · {time}").format(time=duration_text(timeline.total_seconds)),
            next=tr("First: {name}").format(name=names[first.exercise]),
            exercise=first.exercise,
            step=first.step,
            mirrored=False,
        )
    if state in (State.FINISHED, State.STOPPED):
        done = summary.holds_done if summary else 0
        planned = summary.holds if summary else 0
        active = summary.active_seconds if summary else 0.0
        finished = state is State.FINISHED
        return Display(
            look=Look.FINISHED if finished else Look.STOPPED,
            word=tr("Well done") if finished else tr("Stopped"),
            seconds=None,
            center=clock_text(active),
            fraction=1.0 if finished else 0.0,
            rep="",
            side="",
            instruction=tr("{done} of {planned} holds in {time}").format(
                done=done, planned=planned, time=duration_text(active)
            ),
            progress=tr("Routine complete") if finished else tr("What you did is kept."),
            next=tr("Press Space to go again"),
            exercise=None,
            step=None,
            mirrored=False,
        )

    counting_in = status.counting_in
    paused = state is State.PAUSED
    if counting_in:
        look, word = Look.GET_READY, tr("Get ready")
        fraction = status.count_in_remaining_ns / max(1, count_in_s * 1_000_000_000)
    elif paused:
        look, word = Look.PAUSED, tr("Paused")
        fraction = status.phase_remaining_ns / (phase.seconds * 1_000_000_000)
    else:
        look, word = Look(phase.kind.value), phase_word(phase.kind)
        fraction = status.phase_remaining_ns / (phase.seconds * 1_000_000_000)

    progress = tr("Exercise {n} of {total} · {left} left").format(
        n=block.number,
        total=len(timeline.blocks),
        left=clock_text(status.remaining_ns / 1_000_000_000),
    )
    return Display(
        look=look,
        word=word,
        seconds=status.seconds_shown,
        center="",
        fraction=max(0.0, min(1.0, fraction)),
        # Before an exercise, "Rep 1 of 10" in large type reads as "do rep 1 now".
        rep="" if phase.kind in _LEAD_INS else rep_text(phase),
        side=side_text(phase.side),
        instruction=tr("Press Space to go on") if paused else instruction_text(phase, names),
        progress=progress,
        next=_next_text(timeline, index, names),
        exercise=phase.exercise,
        step=phase.step,
        mirrored=phase.side is Side.LEFT,
    )


def _next_text(timeline: Timeline, index: int, names: dict[str, str]) -> str:
    if index + 1 >= len(timeline.phases):
        return tr("Next: the end of the routine")
    following = timeline.phases[index + 1]
    if following.kind is PhaseKind.NEXT_EXERCISE:
        seconds = following.preview.seconds if following.preview else following.seconds
        return tr("Next: {name}, {time}").format(
            name=names[following.exercise], time=duration_text(seconds)
        )
    if following.kind is PhaseKind.HOLD:
        rep = {"rep": following.rep, "reps": following.reps}
        if following.side is Side.LEFT:
            return tr("Next: hold, rep {rep} of {reps}, left leg").format(**rep)
        if following.side is Side.RIGHT:
            return tr("Next: hold, rep {rep} of {reps}, right leg").format(**rep)
        return tr("Next: hold, rep {rep} of {reps}").format(**rep)
    return {
        PhaseKind.GET_READY: tr("Next: get ready"),
        PhaseKind.POSITION: tr("Next: move into position"),
        PhaseKind.RELEASE: tr("Next: release"),
        PhaseKind.REST: tr("Next: rest"),
        PhaseKind.SWITCH_SIDE: tr("Next: switch legs"),
    }[following.kind]
