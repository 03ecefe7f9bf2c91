"""Cues and words in order, never over each other, and never late (fake clock, fake sound)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sciatica_gui.core.announcements import Announcement, Cue, Urgency
from sciatica_gui.core.clock import NS_PER_S, FakeClock
from sciatica_gui.core.content import Level, Library
from sciatica_gui.core.timeline import PhaseKind, compile_timeline
from sciatica_gui.qt.session_audio import GAP_MS, STALE_NS, SessionAudio
from sciatica_gui.qt.session_driver import SessionDriver

CUE_MS = 500


class FakeCues:
    def __init__(self, clock: FakeClock, works: bool = True) -> None:
        self.clock = clock
        self.works = works
        self.played: list[tuple[float, Cue]] = []

    def play(self, cue: Cue) -> bool:
        if self.works:
            self.played.append((self.clock.now_ns() / NS_PER_S, cue))
        return self.works

    def duration_ms(self, cue: Cue) -> int:
        return CUE_MS


class FakeVoice:
    def __init__(self, clock: FakeClock, available: bool = True) -> None:
        self.clock = clock
        self.available = available
        self.speaking = False
        self.said: list[tuple[float, str]] = []
        self.stops = 0

    def say(self, text: str) -> None:
        self.said.append((self.clock.now_ns() / NS_PER_S, text))
        self.speaking = True

    def stop(self) -> None:
        self.stops += 1
        self.speaking = False


class Later:
    """Scheduled actions run when the test moves the clock past them, not in real time."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.pending: list[tuple[int, Callable[[], None]]] = []

    def __call__(self, delay_ms: int, action: Callable[[], None]) -> None:
        self.pending.append((self.clock.now_ns() + delay_ms * 1_000_000, action))

    def run_due(self) -> None:
        due = [item for item in self.pending if item[0] <= self.clock.now_ns()]
        self.pending = [item for item in self.pending if item[0] > self.clock.now_ns()]
        for _, action in sorted(due, key=lambda item: item[0]):
            action()


@pytest.fixture
def clock() -> FakeClock:
    # Seconds on this clock are seconds into the session, which keeps expectations readable.
    return FakeClock(start_ns=0)


@pytest.fixture
def rig(qtbot, clock: FakeClock, library: Library):
    driver = SessionDriver(clock)
    cues, voice, later = FakeCues(clock), FakeVoice(clock), Later(clock)
    audio = SessionAudio(driver, cues, voice, schedule=later)
    driver.load(compile_timeline(library, library.routine("knee_to_chest"), Level.GENTLE))
    return driver, audio, cues, voice, later


def run_to(driver: SessionDriver, later: Later, clock: FakeClock, seconds: float) -> None:
    """Advance in small steps, as a loop would, firing the driver and due speech."""
    target = round(seconds * NS_PER_S)
    while clock.now_ns() < target:
        wake = driver.engine.next_wakeup_ns() if driver.engine else None
        pending = min((at for at, _ in later.pending), default=None)
        step = min(x for x in (wake, pending, target) if x is not None)
        clock.set_ns(max(step, clock.now_ns() + 1))
        driver.tick()
        later.run_due()


def test_a_phase_cue_plays_at_its_moment_and_its_words_follow_once_it_has_ended(rig, clock):
    driver, _, cues, voice, later = rig
    driver.start()
    timeline = driver.timeline
    hold = next(p for p in timeline.phases if p.kind is PhaseKind.HOLD)
    run_to(driver, later, clock, hold.start_s + 0.9)
    assert (hold.start_s, Cue.HOLD) in cues.played
    spoken = [t for t, text in voice.said if text == f"Hold, {hold.side.value} leg."]
    assert spoken == [pytest.approx(hold.start_s + (CUE_MS + GAP_MS) / 1000, abs=0.002)]


def test_every_hold_release_and_switch_is_heard_through_a_whole_routine(rig, clock):
    driver, _, cues, voice, later = rig
    driver.start()
    run_to(driver, later, clock, driver.timeline.total_seconds + 1)
    heard = [cue for _, cue in cues.played]
    kinds = [p.kind for p in driver.timeline.phases]
    assert heard.count(Cue.HOLD) == kinds.count(PhaseKind.HOLD)
    assert heard.count(Cue.RELEASE) == kinds.count(PhaseKind.RELEASE)
    assert heard.count(Cue.SWITCH_SIDE) == kinds.count(PhaseKind.SWITCH_SIDE)
    assert heard[-1] is Cue.ROUTINE_DONE
    assert voice.said[-1][1] == "Routine complete."
    # Speech never starts while a cue is sounding.
    for said_at, _ in voice.said:
        for played_at, _ in cues.played:
            assert not played_at < said_at < played_at + CUE_MS / 1000 - 1e-9


def test_a_tick_gives_way_to_a_cue_or_words_still_sounding(rig, clock):
    driver, audio, cues, voice, _ = rig
    driver.start()
    now = clock.now_ns()
    audio.deliver(Announcement(Cue.HOLD, None, Urgency.PHASE, now))
    audio.deliver(Announcement(Cue.LAST_SECONDS, None, Urgency.TICK, now))
    assert [cue for _, cue in cues.played][-1] is Cue.HOLD
    clock.advance(1)
    voice.speaking = True
    audio.deliver(Announcement(Cue.COUNT_IN, None, Urgency.TICK, clock.now_ns()))
    assert [cue for _, cue in cues.played][-1] is Cue.HOLD
    voice.speaking = False
    audio.deliver(Announcement(Cue.COUNT_IN, None, Urgency.TICK, clock.now_ns()))
    assert [cue for _, cue in cues.played][-1] is Cue.COUNT_IN


def test_a_phase_change_cuts_words_short_and_newer_words_replace_waiting_ones(rig, clock):
    driver, audio, _, voice, later = rig
    driver.start()
    voice.said.clear()
    voice.speaking = True
    audio.deliver(Announcement(Cue.RELEASE, "Release.", Urgency.PHASE, clock.now_ns()))
    assert voice.stops == 1
    audio.deliver(Announcement(Cue.HOLD, "Hold.", Urgency.PHASE, clock.now_ns()))
    clock.advance(1)
    later.run_due()
    assert [text for _, text in voice.said] == ["Hold."]


def test_a_stale_announcement_is_not_played(rig, clock):
    driver, audio, cues, voice, _ = rig
    driver.start()
    clock.advance(10)
    late = clock.now_ns() - STALE_NS - 1
    audio.deliver(Announcement(Cue.HOLD, "Hold.", Urgency.PHASE, late))
    assert Cue.HOLD not in [cue for _, cue in cues.played]
    assert "Hold." not in [text for _, text in voice.said]


def test_muted_plays_nothing_and_silences_the_voice(rig, clock):
    driver, audio, cues, voice, later = rig
    audio.set_muted(True)
    assert voice.stops == 1
    driver.start()
    run_to(driver, later, clock, 30)
    assert cues.played == []
    assert voice.said == []


def test_words_off_keeps_the_cues(rig, clock):
    driver, audio, cues, voice, later = rig
    audio.words_on = False
    driver.start()
    run_to(driver, later, clock, 30)
    assert Cue.HOLD in [cue for _, cue in cues.played]
    assert voice.said == []


def test_without_a_speech_engine_the_cues_still_play(qtbot, clock, library):
    driver = SessionDriver(clock)
    cues, voice, later = FakeCues(clock), FakeVoice(clock, available=False), Later(clock)
    audio = SessionAudio(driver, cues, voice, schedule=later)
    audio.prefs = audio.prefs._replace(spoken_countdown=True)
    driver.load(compile_timeline(library, library.routine("floor_bridge"), Level.GENTLE))
    driver.start()
    run_to(driver, later, clock, 40)
    heard = [cue for _, cue in cues.played]
    assert Cue.HOLD in heard
    # The spoken countdown falls back to ticks when nothing can speak.
    assert Cue.COUNT_IN in heard
    assert voice.said == []


def test_a_broken_sound_device_never_stops_the_session(qtbot, clock, library):
    driver = SessionDriver(clock)
    cues, voice, later = FakeCues(clock, works=False), FakeVoice(clock), Later(clock)
    audio = SessionAudio(driver, cues, voice, schedule=later)
    timeline = compile_timeline(library, library.routine("floor_bridge"), Level.GENTLE)
    driver.load(timeline)
    driver.start()
    run_to(driver, later, clock, timeline.total_seconds + 1)
    assert driver.state.value == "finished"
    assert not audio.muted
    # With no cue sounding, the words are spoken at once, at the phase's own moment.
    hold = next(p for p in timeline.phases if p.kind is PhaseKind.HOLD)
    assert (hold.start_s, "Hold.") in voice.said
