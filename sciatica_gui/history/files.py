"""File moves and flushes: moving a bad database aside, replacing files atomically.

A database is more than one file while it is open or after a crash: the -wal
holds committed transactions not yet copied into the main file, and a
-journal holds what a half-done transaction overwrote. They belong to the
main file, so they travel with it, and they go first: a -wal left behind
would be replayed into the next database created under the same name.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from collections.abc import Iterator
    from datetime import datetime

COMPANION_SUFFIXES: Final = ("-wal", "-shm", "-journal")


def companions(path: Path) -> Iterator[Path]:
    """The companion files of `path` that exist now."""
    for suffix in COMPANION_SUFFIXES:
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            yield companion


def stamp(moment: datetime) -> str:
    """A compact UTC time for file names: 20261128T071500Z."""
    return moment.strftime("%Y%m%dT%H%M%SZ")


def _free_name(path: Path, label: str, moment: datetime) -> Path:
    base = f"{path.name}.{label}-{stamp(moment)}"
    target = path.with_name(base)
    number = 2
    while any(
        target.with_name(target.name + suffix).exists() for suffix in ("", *COMPANION_SUFFIXES)
    ):
        target = path.with_name(f"{base}-{number}")
        number += 1
    return target


def move_aside(path: Path, label: str, moment: datetime) -> Path:
    """Rename `path` (and its companions) to `path.LABEL-STAMP`; nothing is copied or deleted.

    `moment` must be in UTC. Raises OSError.
    """
    target = _free_name(path, label, moment)
    for companion in list(companions(path)):
        companion.rename(target.with_name(target.name + companion.name[len(path.name) :]))
    if path.exists():
        path.rename(target)
    fsync_dir(path.parent)
    return target


def fsync_file(path: Path) -> None:
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def fsync_dir(folder: Path) -> None:
    """Make a rename durable. POSIX only: Windows cannot open a folder, and needs no such step."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def temp_path_beside(path: Path) -> Path:
    """A new empty file in `path`'s folder, so the final rename stays on one file system."""
    descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(descriptor)
    return Path(name)


def remove_stale_temp_files(folder: Path, stem: str, older_than_s: float = 3600.0) -> None:
    """`temp_path_beside` files for names starting with `stem` that a killed process left.

    Only those an hour old, so never a file another instance is writing right now.
    """
    cutoff = time.time() - older_than_s
    for leftover in folder.glob(f".{stem}*.tmp"):
        try:
            if leftover.stat().st_mtime < cutoff:
                leftover.unlink()
        except OSError:
            pass  # gone already, or not ours to delete: harmless either way
