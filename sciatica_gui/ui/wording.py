"""Sentences built from content and figures, shared by the overview, the step panel and help.

Exercise names, steps and cues come from the data files and are translated
in the "exercises" context; the sentences that wrap them are the app's and
are translated in the "wording" context.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from sciatica_gui.core.content import Exercise, Origin, Range, Sides
from sciatica_gui.core.timeline import ExerciseBlock
from sciatica_gui.core.timing import RepCounting


def tr(text: str) -> str:
    return QCoreApplication.translate("wording", text)


def content(text: str) -> str:
    """A sentence from the exercise data files."""
    return QCoreApplication.translate("exercises", text)


def source_line(exercise: Exercise) -> str:
    detail = content(exercise.detail) if exercise.detail else ""
    return (
        tr("Source: {source} · {detail}").format(source=exercise.source, detail=detail)
        if detail
        else tr("Source: {source}").format(source=exercise.source)
    )


def _span(values: Range, unit: str) -> str:
    if values.low == values.high:
        return f"{values.low}{unit}"
    return f"{values.low}–{values.high}{unit}"


def plan_line(block: ExerciseBlock, counting: RepCounting) -> str:
    """What this session will do, e.g. '3 holds of 30 s on each leg'."""
    exercise = block.exercise
    if exercise.sides is Sides.ALTERNATING and counting is RepCounting.PER_SIDE:
        return tr("{reps} holds of {s} s on each leg").format(reps=block.reps, s=block.hold_seconds)
    return tr("{n} holds of {s} s").format(n=block.holds, s=block.hold_seconds)


def figures_line(block: ExerciseBlock, counting: RepCounting) -> str:
    """Which figures are the source's and which are the app's own, in one sentence."""
    exercise = block.exercise
    hold = _span(exercise.hold_seconds, " s")
    if exercise.repetitions.origin is Origin.SOURCE:
        reps = _span(exercise.repetitions, "")
        if exercise.sides is Sides.ALTERNATING:
            sentence = tr("{source} gives {hold} holds and {reps} repetitions, alternating legs")
        else:
            sentence = tr("{source} gives {hold} holds and {reps} repetitions")
        text = sentence.format(source=exercise.source, hold=hold, reps=reps)
    else:
        text = tr(
            "{source} gives {hold} holds and no repetition count; "
            "{reps} repetitions is the app's default"
        ).format(source=exercise.source, hold=hold, reps=block.reps)
    if exercise.sides is Sides.ALTERNATING:
        if counting is RepCounting.PER_SIDE:
            text += tr(" (the app counts them per leg)")
        else:
            text += tr(" (the app counts them in all)")
    return text + "."
