"""Spoken guidance with QTextToSpeech, kept off the GUI thread.

Connecting to a speech engine can block for seconds (speech-dispatcher is
spawned on first use: about 2.6 s here), so the engine lives in a worker
thread and every request is a queued signal: the window and the session's
timer never wait for it.

The app picks an English voice explicitly, since an engine's default can be
an unexpected accent (speech-dispatcher's en_US default here is "English
(Caribbean)"), and remembers the user's own choice. Where no engine works
(the Qt wheel alone speaks nothing on Linux; Debian's speech-dispatcher and
speech-dispatcher-espeak-ng give one), `availabilityChanged` says so once
and the cues carry on alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QObject, QThread, Signal, Slot

if TYPE_CHECKING:
    from PySide6.QtTextToSpeech import QTextToSpeech

#: Engines that never make a sound.
_SILENT_ENGINES = {"mock"}


class Voice(NamedTuple):
    name: str
    locale: str  # e.g. "en_GB"


def choose_voice(voices: list[Voice], preferred: str) -> Voice | None:
    """The user's voice if it is there; else a plain British, then American, English voice."""
    by_name = {voice.name: voice for voice in voices}
    if preferred in by_name:
        return by_name[preferred]

    def rank(voice: Voice) -> tuple[int, int, str]:
        region = {"en_GB": 0, "en_US": 1}.get(voice.locale, 2)
        variant = 1 if "+" in voice.name else 0  # espeak's "+Adam" style variants
        return (variant, region, voice.name)

    english = sorted((v for v in voices if v.locale.startswith("en")), key=rank)
    return english[0] if english else None


class _Worker(QObject):
    """Owns the QTextToSpeech object, in the speech thread."""

    ready = Signal(list, str)  # list[Voice], the name of the voice in use
    failed = Signal(str)
    speaking = Signal(bool)

    def __init__(self) -> None:
        super().__init__()
        self._tts: QTextToSpeech | None = None
        self._voices: dict[str, object] = {}

    @Slot(str)
    def start(self, preferred: str) -> None:
        from PySide6.QtCore import QLocale
        from PySide6.QtTextToSpeech import QTextToSpeech

        engines = [e for e in QTextToSpeech.availableEngines() if e not in _SILENT_ENGINES]
        if not engines:
            self.failed.emit(
                "No speech engine is installed, so the app plays cues without words. "
                "On Debian or Ubuntu, install speech-dispatcher and speech-dispatcher-espeak-ng."
            )
            return
        tts = QTextToSpeech(engines[0], self)
        if tts.state() is QTextToSpeech.State.Error:
            self.failed.emit(
                f"The speech engine could not start ({tts.errorString() or engines[0]}), "
                "so the app plays cues without words."
            )
            return
        voices: list[Voice] = []
        for locale in tts.availableLocales():
            if locale.language() is not QLocale.Language.English:
                continue
            tts.setLocale(locale)
            for voice in tts.availableVoices():
                voices.append(Voice(voice.name(), locale.name()))
                self._voices[voice.name()] = voice
        chosen = choose_voice(voices, preferred)
        if chosen is None:
            self.failed.emit("The speech engine has no English voice, so the app plays cues only.")
            return
        self._tts = tts
        self._use(chosen.name)
        tts.stateChanged.connect(
            lambda state: self.speaking.emit(state is QTextToSpeech.State.Speaking)
        )
        plain = [voice for voice in voices if "+" not in voice.name]
        self.ready.emit(plain, chosen.name)

    def _use(self, name: str) -> None:
        voice = self._voices.get(name)
        if self._tts is not None and voice is not None:
            self._tts.setLocale(voice.locale())  # type: ignore[attr-defined]
            self._tts.setVoice(voice)  # type: ignore[arg-type]

    @Slot(str)
    def say(self, text: str) -> None:
        if self._tts is not None:
            self._tts.say(text)

    @Slot()
    def stop(self) -> None:
        if self._tts is not None:
            self._tts.stop()

    @Slot(str)
    def set_voice(self, name: str) -> None:
        self._use(name)

    @Slot(float)
    def set_rate(self, rate: float) -> None:
        if self._tts is not None:
            self._tts.setRate(rate)

    @Slot(float)
    def set_volume(self, volume: float) -> None:
        if self._tts is not None:
            self._tts.setVolume(volume)


class Speech(QObject):
    """The GUI thread's handle on the speech worker; every call returns at once."""

    availabilityChanged = Signal(bool, str)  # available, and if not, why
    voicesChanged = Signal(list)  # list[Voice]
    speakingChanged = Signal(bool)

    _start = Signal(str)
    _say = Signal(str)
    _stop = Signal()
    _voice = Signal(str)
    _rate = Signal(float)
    _volume = Signal(float)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("speech")
        self._worker = _Worker()
        self._worker.moveToThread(self._thread)
        self._thread.finished.connect(self._worker.deleteLater)
        self._start.connect(self._worker.start)
        self._say.connect(self._worker.say)
        self._stop.connect(self._worker.stop)
        self._voice.connect(self._worker.set_voice)
        self._rate.connect(self._worker.set_rate)
        self._volume.connect(self._worker.set_volume)
        self._worker.ready.connect(self._on_ready)
        self._worker.failed.connect(self._on_failed)
        self._worker.speaking.connect(self._on_speaking)
        self._available = False
        self._note = ""
        self._voices: list[Voice] = []
        self._voice_name = ""
        self._speaking = False
        self._started = False

    @property
    def available(self) -> bool:
        return self._available

    @property
    def note(self) -> str:
        """Why speech is not available, once that is known."""
        return self._note

    @property
    def voices(self) -> list[Voice]:
        return list(self._voices)

    @property
    def voice_name(self) -> str:
        return self._voice_name

    @property
    def speaking(self) -> bool:
        return self._speaking

    def start(self, preferred_voice: str = "", rate: float = 0.0, volume: float = 1.0) -> None:
        """Connect to the engine in the background; `availabilityChanged` tells how it went."""
        if self._started:
            return
        self._started = True
        self._thread.start()
        self._start.emit(preferred_voice)
        self._rate.emit(rate)
        self._volume.emit(volume)

    def say(self, text: str) -> None:
        if self._available:
            self._say.emit(text)

    def stop(self) -> None:
        if self._available:
            self._stop.emit()

    def set_voice(self, name: str) -> None:
        self._voice_name = name
        self._voice.emit(name)

    def set_rate(self, rate: float) -> None:
        self._rate.emit(max(-1.0, min(1.0, rate)))

    def set_volume(self, volume: float) -> None:
        self._volume.emit(max(0.0, min(1.0, volume)))

    def shutdown(self) -> None:
        if self._thread.isRunning():
            self._stop.emit()
            self._thread.quit()
            self._thread.wait(3000)

    def _on_ready(self, voices: list[Voice], chosen: str) -> None:
        self._voices = voices
        self._voice_name = chosen
        self._available = True
        self._note = ""
        self.voicesChanged.emit(voices)
        self.availabilityChanged.emit(True, "")

    def _on_failed(self, note: str) -> None:
        self._available = False
        self._note = note
        self.availabilityChanged.emit(False, note)

    def _on_speaking(self, speaking: bool) -> None:
        self._speaking = speaking
        self.speakingChanged.emit(speaking)
