"""The frozen app's size and start-up against a bare PySide6 window frozen the same way.

Both bundles are built in this run, into build/bench/, by PyInstaller onedir with
the same trimming (packaging/pyinstaller/trim.py): the app by build.spec, the
yardstick (bench/bare_window.py: a QMainWindow with one label) by
packaging/pyinstaller/bare_window.spec. Printed:

- size: bytes of every file in each bundle folder (links counted as links);
  goal: app <= 1.15 x bare;
- start -> first frame -> exit, whole process, offscreen, runs alternating
  between the two, medians (bench/startup.py's method); goal: app <= 1.25 x
  bare. The same two programs from source are timed alongside, so packaging's
  own share of the time can be told from the app's.

    .venv/bin/python -m bench.bundle [--runs 15] [--no-build]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench._stats import median
from bench.startup import alternate

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "build" / "bench"
DIST = OUT / "dist"
APP = DIST / "sciatica-gui" / "sciatica-gui"
BARE = DIST / "bare-window" / "bare-window"


def build(spec: Path, name: str) -> float:
    start = time.perf_counter()
    log = OUT / f"{name}.log"
    with log.open("w") as output:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "PyInstaller",
                "--noconfirm",
                "--distpath",
                str(DIST),
                "--workpath",
                str(OUT / "work" / name),
                str(spec),
            ],
            stdout=output,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
            check=False,
        )
    if result.returncode != 0:
        raise SystemExit(f"building {name} failed: see {log}")
    return time.perf_counter() - start


def bundle_bytes(folder: Path) -> tuple[int, int]:
    """(total bytes, number of files) of everything under `folder`, links not followed."""
    total = count = 0
    for path in folder.rglob("*"):
        if path.is_symlink() or path.is_file():
            total += path.lstat().st_size
            count += 1
    return total, count


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--no-build", action="store_true", help="reuse build/bench/dist")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    if not args.no_build:
        app_s = build(ROOT / "build.spec", "app")
        bare_s = build(ROOT / "packaging" / "pyinstaller" / "bare_window.spec", "bare")
        print(f"built: app in {app_s:.0f} s, bare window in {bare_s:.0f} s")

    sizes = {name: bundle_bytes(exe.parent) for name, exe in (("app", APP), ("bare", BARE))}
    print("bundle size (onedir, trimmed alike; goal: app <= 1.15 x bare):")
    for name, (total, files) in sizes.items():
        print(f"  {name:<5} {total / 1e6:7.1f} MB  ({total / 2**20:.1f} MiB, {files} files)")
    print(f"  ratio: {sizes['app'][0] / sizes['bare'][0]:.3f} x")

    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["QT_QPA_PLATFORM"] = env.get("BENCH_QPA", "offscreen")
    with tempfile.TemporaryDirectory() as data:
        app_args = ["--data-dir", data, "--quit-after-first-frame"]
        programs = {
            "frozen bare": [str(BARE)],
            "frozen bare, centred": [str(BARE), "--centred"],
            "frozen app": [str(APP), *app_args],
            "source bare": [sys.executable, "-m", "bench.bare_window"],
            "source app": [sys.executable, "-m", "sciatica_gui", *app_args],
        }
        times, memory = alternate(programs, env, args.runs)
    print(
        f"start -> first frame -> exit, median of {args.runs} alternating runs"
        f" ({env['QT_QPA_PLATFORM']}; goal: frozen app <= 1.25 x frozen bare):"
    )
    for name in programs:
        print(
            f"  {name:<20} {median(times[name]) * 1000:7.0f} ms"
            f"  (min {min(times[name]) * 1000:5.0f}, max {max(times[name]) * 1000:5.0f})"
            f"   peak {median(memory[name]):6.1f} MiB"
        )

    def ratio(a: str, b: str) -> float:
        return median(times[a]) / median(times[b])

    print(f"  ratio frozen app / frozen bare: {ratio('frozen app', 'frozen bare'):.2f} x")
    print(
        "  the frozen bare window with its label centred (the first use of Qt's enums):"
        f" {ratio('frozen bare, centred', 'frozen bare'):.2f} x;"
        f" the frozen app against it: {ratio('frozen app', 'frozen bare, centred'):.2f} x"
    )
    print(
        f"  packaging's share: frozen/source {ratio('frozen app', 'source app'):.2f} x for the"
        f" app, {ratio('frozen bare', 'source bare'):.2f} x for the bare window"
    )


if __name__ == "__main__":
    main()
