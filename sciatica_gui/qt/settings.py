"""Every remembered setting, declared once, stored with QSettings in the data folder.

Settings live in `DATA_DIR/settings.ini`, next to the user's other data, so
`--data-dir` moves everything and each test gets its own. A value that is
missing or unusable falls back to its declared default on its own; a file Qt
cannot parse is moved aside (never overwritten) and named in a message.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Generic, NamedTuple, TypeVar

from PySide6.QtCore import QByteArray, QSettings

from sciatica_gui.core.content import Level
from sciatica_gui.core.timing import DEFAULTS, SECONDS, TimingPrefs, from_mapping

T = TypeVar("T")

SETTINGS_FILE = "settings.ini"


class Setting(NamedTuple, Generic[T]):
    key: str
    default: T


GEOMETRY: Setting[QByteArray] = Setting("window/geometry", QByteArray())
ROUTINE: Setting[str] = Setting("session/routine", "full")
LEVEL: Setting[str] = Setting("session/level", Level.STANDARD.value)
REP_COUNTING: Setting[str] = Setting("timing/rep_counting", DEFAULTS.rep_counting.value)

SOUND_VOLUME: Setting[int] = Setting("sound/volume", 80)  # percent
MUTED: Setting[bool] = Setting("sound/muted", False)
LAST_SECONDS_TICKS: Setting[bool] = Setting("sound/last_seconds_ticks", True)
VOICE_ON: Setting[bool] = Setting("voice/on", True)
VOICE_NAME: Setting[str] = Setting("voice/name", "")
VOICE_RATE: Setting[int] = Setting("voice/rate", 0)  # -10 (slow) .. 10 (fast)
VOICE_VOLUME: Setting[int] = Setting("voice/volume", 100)  # percent
SPOKEN_COUNTDOWN: Setting[bool] = Setting("voice/spoken_countdown", False)
PAIN_CHECK: Setting[bool] = Setting("care/pain_check", True)  # ask before and after a session


class AudioSettings(NamedTuple):
    volume: int = SOUND_VOLUME.default
    muted: bool = MUTED.default
    last_seconds_ticks: bool = LAST_SECONDS_TICKS.default
    voice_on: bool = VOICE_ON.default
    voice_name: str = VOICE_NAME.default
    voice_rate: int = VOICE_RATE.default
    voice_volume: int = VOICE_VOLUME.default
    spoken_countdown: bool = SPOKEN_COUNTDOWN.default


_AUDIO: tuple[tuple[str, Setting[Any]], ...] = (
    ("volume", SOUND_VOLUME),
    ("muted", MUTED),
    ("last_seconds_ticks", LAST_SECONDS_TICKS),
    ("voice_on", VOICE_ON),
    ("voice_name", VOICE_NAME),
    ("voice_rate", VOICE_RATE),
    ("voice_volume", VOICE_VOLUME),
    ("spoken_countdown", SPOKEN_COUNTDOWN),
)
_LIMITS: dict[str, tuple[int, int]] = {
    "volume": (0, 100),
    "voice_rate": (-10, 10),
    "voice_volume": (0, 100),
}


class Settings:
    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / SETTINGS_FILE
        self.problem: str | None = None
        self._store = QSettings(str(self.path), QSettings.Format.IniFormat)
        if self._store.status() is QSettings.Status.FormatError:
            self._store = self._set_aside()

    def _set_aside(self) -> QSettings:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        kept = self.path.with_name(f"{self.path.name}.unreadable-{stamp}")
        self.path.replace(kept)
        self.problem = (
            f"{self.path} could not be read, so the app starts with default settings; "
            f"the old file is kept as {kept.name}."
        )
        return QSettings(str(self.path), QSettings.Format.IniFormat)

    def get(self, setting: Setting[T]) -> T:
        raw: Any = self._store.value(setting.key, setting.default)
        default = setting.default
        if isinstance(default, QByteArray):
            return raw if isinstance(raw, QByteArray) else default  # type: ignore[return-value]
        if isinstance(default, bool):
            return (raw in (True, "true", "1", 1)) if raw is not None else default  # type: ignore[return-value]
        try:
            return type(default)(raw)  # type: ignore[call-arg]
        except (TypeError, ValueError):
            return default

    def set(self, setting: Setting[T], value: T) -> None:
        self._store.setValue(setting.key, value)

    def level(self) -> Level:
        try:
            return Level(self.get(LEVEL))
        except ValueError:
            return Level.STANDARD

    def timing(self) -> TimingPrefs:
        values: dict[str, Any] = {name: self._store.value(f"timing/{name}") for name in SECONDS}
        values["rep_counting"] = self.get(REP_COUNTING)
        overrides = self._store.value("timing/repetitions")
        prefs = from_mapping(values)
        if isinstance(overrides, dict):
            pairs = []
            for exercise_id, count in overrides.items():
                try:
                    number = int(count)
                except (TypeError, ValueError):
                    continue
                if 1 <= number <= 50:
                    pairs.append((str(exercise_id), number))
            prefs = prefs.replace(rep_overrides=tuple(sorted(pairs)))
        return prefs

    def set_timing(self, prefs: TimingPrefs) -> None:
        for name in SECONDS:
            self._store.setValue(f"timing/{name}", getattr(prefs, name))
        self.set(REP_COUNTING, prefs.rep_counting.value)
        self._store.setValue("timing/repetitions", dict(prefs.rep_overrides))

    def audio(self) -> AudioSettings:
        values = {}
        for field, setting in _AUDIO:
            value = self.get(setting)
            low, high = _LIMITS.get(field, (None, None))
            if low is not None and high is not None and not low <= value <= high:
                value = setting.default
            values[field] = value
        return AudioSettings(**values)

    def set_audio(self, audio: AudioSettings) -> None:
        for field, setting in _AUDIO:
            self.set(setting, getattr(audio, field))

    @property
    def qsettings(self) -> QSettings:
        """The store itself, for code that keeps its own keys (the first-run notice)."""
        return self._store

    def sync(self) -> None:
        self._store.sync()
