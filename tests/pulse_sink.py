"""A private, user-mode PulseAudio with a null sink, for tests and benchmarks that need real sound.

Everything it plays goes to `nullsink` and can be recorded from
`nullsink.monitor`. It runs with its own HOME and XDG_RUNTIME_DIR (as root,
PulseAudio only warns), so it never touches a real session's sound, and
`env` is what a child process needs to play into it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from types import TracebackType

SINK = "nullsink"


def available() -> bool:
    return all(shutil.which(tool) for tool in ("pulseaudio", "pactl", "parecord"))


class PulseSink:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        home, runtime = folder / "home", folder / "runtime"
        home.mkdir(parents=True, exist_ok=True)
        runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
        runtime.chmod(0o700)
        self.env = {
            **os.environ,
            "HOME": str(home),
            "XDG_RUNTIME_DIR": str(runtime),
            "PULSE_SERVER": f"unix:{runtime / 'pulse' / 'native'}",
        }
        self.env.pop("DBUS_SESSION_BUS_ADDRESS", None)

    def __enter__(self) -> PulseSink:
        log = self.folder / "pulseaudio.log"
        # Daemonized, pulseaudio returns only once the server is up (or has failed),
        # so nothing here waits on the clock.
        started = subprocess.run(
            [
                "pulseaudio",
                "--daemonize=yes",
                "--exit-idle-time=-1",
                "-n",
                f"--log-target=file:{log}",
                "--load=module-native-protocol-unix",
                f"--load=module-null-sink sink_name={SINK}",
            ],
            env=self.env,
            capture_output=True,
            timeout=30,
        )
        answer = subprocess.run(["pactl", "info"], env=self.env, capture_output=True, timeout=30)
        if started.returncode != 0 or answer.returncode != 0:
            raise RuntimeError(f"pulseaudio did not start: see {log}")
        return self

    def record(self, path: Path) -> subprocess.Popen[bytes]:
        """Start recording everything the sink plays into a WAV file; stop with `stop`."""
        return subprocess.Popen(
            ["parecord", f"--device={SINK}.monitor", "--file-format=wav", str(path)],
            env=self.env,
        )

    @staticmethod
    def stop(recorder: subprocess.Popen[bytes]) -> None:
        recorder.terminate()
        recorder.wait(10)

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        subprocess.run(["pkill", "-f", "speech-dispatcher.*" + str(self.folder)], check=False)
        subprocess.run(["pulseaudio", "--kill"], env=self.env, check=False, timeout=30)
