"""When a pain score calls for a word of advice: the rule, apart from any wording or widget.

Pain is asked on a 0–10 scale before and after a session, and either answer
may be skipped (None). The app suggests stopping and asking a clinician when

* the score after the session is at least `ROSE_BY` above the score before
  (only when both were given: a skipped answer is not read as "no pain"), or
* any score is `HIGH` or more, before or after.

The rule only informs: it never blocks anything, and the wording (in the UI)
never diagnoses. Reasons come back in a fixed order so a message that covers
more than one stays the same from one session to the next.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

LOWEST: Final = 0
HIGHEST: Final = 10
#: A rise of this many points or more, from before to after, is worth a word.
ROSE_BY: Final = 2
#: A score of this or more, at either moment, is worth a word.
HIGH: Final = 8


class Reason(StrEnum):
    """Why advice is shown, in the order a message should mention them."""

    ROSE = "rose"
    HIGH_BEFORE = "high_before"
    HIGH_AFTER = "high_after"


def check_score(score: int | None) -> None:
    """A whole number from 0 to 10, or None for a skipped question; else ValueError."""
    if score is None:
        return
    if type(score) is not int or not LOWEST <= score <= HIGHEST:
        raise ValueError(f"a pain score is a whole number from 0 to 10, not {score!r}")


def reasons(before: int | None, after: int | None) -> tuple[Reason, ...]:
    """Every reason the scores give for advice, in `Reason`'s order; empty when none."""
    check_score(before)
    check_score(after)
    found: list[Reason] = []
    if before is not None and after is not None and after - before >= ROSE_BY:
        found.append(Reason.ROSE)
    if before is not None and before >= HIGH:
        found.append(Reason.HIGH_BEFORE)
    if after is not None and after >= HIGH:
        found.append(Reason.HIGH_AFTER)
    return tuple(found)


def needs_advice(before: int | None, after: int | None) -> bool:
    return bool(reasons(before, after))


def after_session(before: int | None, after: int | None) -> tuple[Reason, ...]:
    """The reasons to raise once the session is over.

    A high score before was spoken to when it was given; raised again after a
    session that eased it (9 before, 7 after) it would say "high right now"
    of pain that is no longer high.
    """
    return tuple(reason for reason in reasons(before, after) if reason is not Reason.HIGH_BEFORE)
