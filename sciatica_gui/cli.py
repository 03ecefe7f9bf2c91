"""The `sciatica-gui` command: the window by default, plus a few scriptable answers.

The content questions (`--list-routines`, `--timeline`) never start a window,
so they work on any machine, for users, scripts and CI. The only Qt they
touch is `QStandardPaths`, and only when no `--data-dir` is given, to find
the user's routines.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from sciatica_gui import APP_NAME, __version__
from sciatica_gui.core.content import ContentError, Level, Library, load_library, user_routine_files
from sciatica_gui.core.timeline import compile_timeline

EXIT_USAGE = 2


class UsageError(Exception):
    """A command-line value that cannot be used; reported on one line, exit status 2."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=APP_NAME,
        description="A guided exercise-session timer for people with sciatica.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--data-dir",
        type=Path,
        metavar="DIR",
        help="keep all user data (settings, routines, history) in DIR",
    )
    parser.add_argument(
        "--list-routines",
        action="store_true",
        help="print every routine: id, name and total seconds at the standard level",
    )
    parser.add_argument(
        "--timeline", metavar="ROUTINE", help="print the phases of ROUTINE and exit"
    )
    parser.add_argument(
        "--level",
        metavar="LEVEL",
        help="gentle (low end of every range) or standard (high end); default standard",
    )
    parser.add_argument("--json", action="store_true", help="with --timeline: print JSON")
    shots = parser.add_argument_group("screenshots (render offscreen to a PNG and exit)")
    shots.add_argument("--screenshot", metavar="PATH", help="save the window as a PNG at PATH")
    shots.add_argument("--routine", metavar="ID", help="the routine to show")
    shots.add_argument(
        "--at", type=float, metavar="SECONDS", help="run the session this far on a fake clock"
    )
    shots.add_argument("--mat", action="store_true", help="show mat mode")
    shots.add_argument("--size", default="1280x800", metavar="WxH", help="window size")
    parser.add_argument(
        "--theme",
        choices=["system", "light", "dark"],
        default="system",
        help="colour scheme: follow the system (default), or force light or dark",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check resources, drawings, routines and the history headless, print one line"
        " and exit (0 when all passed); sessions go to --data-dir if given, else a temporary"
        " folder",
    )
    # For bench/startup.py: quit as soon as the first frame is painted.
    parser.add_argument("--quit-after-first-frame", action="store_true", help=argparse.SUPPRESS)
    return parser


def parse_size(text: str) -> tuple[int, int]:
    width, separator, height = text.lower().partition("x")
    try:
        size = (int(width), int(height))
    except ValueError:
        size = (0, 0)
    if not separator or not (320 <= size[0] <= 7680 and 240 <= size[1] <= 4320):
        raise UsageError(
            f"--size must look like 1280x800, between 320x240 and 7680x4320; got {text!r}"
        )
    return size


def default_data_dir() -> Path:
    from PySide6.QtCore import QCoreApplication, QStandardPaths

    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setOrganizationName("")
    location = QStandardPaths.StandardLocation.AppDataLocation
    return Path(QStandardPaths.writableLocation(location))


def data_dir_from(args: argparse.Namespace) -> Path:
    return Path(args.data_dir) if args.data_dir is not None else default_data_dir()


def load_user_library(data_dir: Path, err: TextIO) -> tuple[Library, list[ContentError]]:
    """The built-in content and the user's routines; a bad routine file is named on `err`."""
    library, problems = load_library(user_routine_files(data_dir))
    for problem in problems:
        print(f"{APP_NAME}: left out {problem}", file=err)
    return library, problems


def parse_level(text: str) -> Level:
    try:
        return Level(text)
    except ValueError:
        allowed = ", ".join(level.value for level in Level)
        raise UsageError(f"unknown level {text!r}; choose one of: {allowed}") from None


def list_routines(library: Library, out: TextIO) -> None:
    for routine in library.routines:
        total = compile_timeline(library, routine, Level.STANDARD).total_seconds
        print(f"{routine.id}\t{routine.name}\t{total}", file=out)


def print_timeline(
    library: Library, routine_id: str, level: Level, as_json: bool, out: TextIO
) -> None:
    try:
        routine = library.routine(routine_id)
    except KeyError:
        known = ", ".join(r.id for r in library.routines)
        raise UsageError(f"unknown routine {routine_id!r}; choose one of: {known}") from None
    timeline = compile_timeline(library, routine, level)
    if as_json:
        document = {
            "routine": routine.id,
            "level": level.value,
            "total_seconds": timeline.total_seconds,
            "phases": [
                {
                    "kind": phase.kind.value,
                    "exercise": phase.exercise,
                    "step": phase.step,
                    "rep": phase.rep,
                    "reps": phase.reps,
                    "side": phase.side.value if phase.side else None,
                    "seconds": phase.seconds,
                }
                for phase in timeline.phases
            ],
        }
        json.dump(document, out, indent=2)
        out.write("\n")
        return
    print(f"{routine.name} ({level.value}): {timeline.total_seconds} s", file=out)
    for phase in timeline.phases:
        rep = f"rep {phase.rep} of {phase.reps}" if phase.rep is not None else ""
        side = f"{phase.side.value} leg" if phase.side else ""
        print(
            f"{phase.start_s:>5}s  {phase.seconds:>3}s  {phase.title:<20} {phase.exercise:<20}"
            f" {rep:<11} {side}".rstrip(),
            file=out,
        )


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        level = parse_level(args.level or Level.STANDARD.value)
        if args.screenshot is not None:
            parse_size(args.size)
        if args.list_routines or args.timeline is not None:
            library, _ = load_user_library(data_dir_from(args), sys.stderr)
            if args.list_routines:
                list_routines(library, sys.stdout)
            if args.timeline is not None:
                print_timeline(library, args.timeline, level, args.json, sys.stdout)
            return 0
        if args.self_test:
            from sciatica_gui.self_test import run as run_self_test

            return run_self_test(args.data_dir, sys.stdout, sys.stderr)
    except UsageError as error:
        print(f"{APP_NAME}: {error}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        # The reader left early (`--timeline full | head`): stop quietly, as other tools do,
        # and keep Python's exit-time flush from failing on the closed pipe.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except ContentError as error:  # pragma: no cover - the built-in content is tested
        print(f"{APP_NAME}: {error}", file=sys.stderr)
        return 1
    from sciatica_gui.app import run_app

    return run_app(args, level)
