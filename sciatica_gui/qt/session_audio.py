"""Sound for a session: cues and words at every phase change, never over each other.

Listens to the session driver, asks `core.announcements` what each event
means, and plays it:

- a phase change (hold, release, switch legs, done) stops any words still
  being spoken, plays its cue, and says its words once the cue has ended;
- information (the next exercise's name and position, "Rest") waits for a
  cue to end and replaces older words;
- a tick gives way: it is dropped while a cue or words are sounding.

An event the loop reports late (the machine was busy, or slept) is not
played at all: a stale "Hold" is worse than none.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final, Protocol

from PySide6.QtCore import QObject, QTimer

from sciatica_gui.core.announcements import Announcement, AudioPrefs, Cue, Urgency, announce
from sciatica_gui.core.events import Event
from sciatica_gui.qt.session_driver import SessionDriver

#: An event more than this late is not announced.
STALE_NS: Final = 1_500_000_000
#: Silence between a cue and the words that follow it.
GAP_MS: Final = 120
_NS_PER_MS: Final = 1_000_000


class Cues(Protocol):
    def play(self, cue: Cue) -> bool: ...
    def duration_ms(self, cue: Cue) -> int: ...


class Voice(Protocol):
    @property
    def available(self) -> bool: ...
    @property
    def speaking(self) -> bool: ...
    def say(self, text: str) -> None: ...
    def stop(self) -> None: ...


Schedule = Callable[[int, Callable[[], None]], None]


def _qt_schedule(delay_ms: int, action: Callable[[], None]) -> None:
    QTimer.singleShot(delay_ms, action)


class SessionAudio(QObject):
    def __init__(
        self,
        driver: SessionDriver,
        cues: Cues,
        voice: Voice,
        *,
        schedule: Schedule = _qt_schedule,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._driver = driver
        self._cues = cues
        self._voice = voice
        self._schedule = schedule
        self.prefs = AudioPrefs()
        self.words_on = True
        self.muted = False
        self._cue_until_ns = 0
        self._generation = 0
        for signal in (
            driver.phaseStarted,
            driver.secondChanged,
            driver.finished,
            driver.stateChanged,
        ):
            signal.connect(self.on_event)

    def on_event(self, event: Event) -> None:
        timeline = self._driver.timeline
        if timeline is None or self.muted:
            return
        prefs = self.prefs._replace(spoken_countdown=self.prefs.spoken_countdown and self._speaks())
        announcement = announce(event, timeline, prefs)
        if announcement is not None:
            self.deliver(announcement)

    def _speaks(self) -> bool:
        return self.words_on and self._voice.available

    def deliver(self, announcement: Announcement) -> None:
        now = self._driver.clock.now_ns()
        if now - announcement.at_ns > STALE_NS:
            return
        if announcement.urgency is Urgency.TICK:
            if now < self._cue_until_ns or self._voice.speaking:
                return
            self._play(announcement, now)
            return
        self._generation += 1
        if announcement.urgency is Urgency.PHASE and self._speaks():
            self._voice.stop()
        wait_ms = (
            max(0, (self._cue_until_ns - now) // _NS_PER_MS) if now < self._cue_until_ns else 0
        )
        cue_playing = self._play(announcement, now)
        if cue_playing and announcement.cue is not None:
            wait_ms = self._cues.duration_ms(announcement.cue) + GAP_MS
        if announcement.words and self._speaks():
            generation = self._generation
            words = announcement.words

            def speak() -> None:
                # Words wait for the cue; if something newer came meanwhile, they are dropped.
                if generation == self._generation and not self.muted:
                    self._voice.say(words)

            if wait_ms:
                self._schedule(wait_ms, speak)
            else:
                speak()

    def _play(self, announcement: Announcement, now: int) -> bool:
        """Sound the announcement's cue (or a spoken tick); whether a cue is now playing."""
        if announcement.cue is not None:
            if self._cues.play(announcement.cue):
                self._cue_until_ns = now + self._cues.duration_ms(announcement.cue) * _NS_PER_MS
                return True
            return False
        if announcement.words and announcement.urgency is Urgency.TICK and self._speaks():
            self._voice.say(announcement.words)
        return False

    def set_muted(self, muted: bool) -> None:
        self.muted = muted
        if muted:
            self._generation += 1
            if self._voice.available:
                self._voice.stop()
