"""Clocks for the session engine: the system's, and a fake one for tests and self-tests.

The engine reads time only through `Clock.now_ns()`, in integer nanoseconds so
that deadlines add up exactly. The system clock is monotonic and, where the
platform allows, keeps counting while the machine is suspended: on Linux
`CLOCK_MONOTONIC` stops during a suspend, so we read `CLOCK_BOOTTIME`
instead and a suspend shows up as a gap between two engine ticks, which the
engine treats as "the machine slept". On macOS `CLOCK_MONOTONIC` already
counts sleep; on Windows `time.monotonic()` does.
"""

from __future__ import annotations

import sys
import time
from typing import Protocol

NS_PER_S = 1_000_000_000


class Clock(Protocol):
    def now_ns(self) -> int: ...


def _system_clock_id() -> int | None:
    boottime = getattr(time, "CLOCK_BOOTTIME", None)
    if boottime is not None:
        return int(boottime)
    if sys.platform == "darwin":  # pragma: no cover - exercised on macOS only
        return int(time.CLOCK_MONOTONIC)
    return None  # pragma: no cover - exercised on Windows only


class SystemClock:
    """Monotonic time that includes suspend where the platform offers it."""

    def __init__(self) -> None:
        self._clock_id = _system_clock_id()

    def now_ns(self) -> int:
        if self._clock_id is None:  # pragma: no cover - exercised on Windows only
            return time.monotonic_ns()
        return time.clock_gettime_ns(self._clock_id)


class FakeClock:
    """A clock that moves only when told to."""

    def __init__(self, start_ns: int = 0) -> None:
        self._now = start_ns

    def now_ns(self) -> int:
        return self._now

    def advance(self, seconds: float) -> None:
        self.advance_ns(round(seconds * NS_PER_S))

    def advance_ns(self, ns: int) -> None:
        if ns < 0:
            raise ValueError("a monotonic clock cannot go back")
        self._now += ns

    def set_ns(self, ns: int) -> None:
        if ns < self._now:
            raise ValueError("a monotonic clock cannot go back")
        self._now = ns
