"""CSV export, read back with the csv module: header, ISO dates, values, encoding, atomic."""

from __future__ import annotations

import csv
import os
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from sciatica_gui.history import HistoryError, PlannedExercise
from sciatica_gui.history import export as export_module
from tests.test_history_support import CET, START, FakeNow, Result, open_store, record


def read_back(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_one_row_per_session_oldest_first(data_dir, tmp_path):
    store = open_store(data_dir, FakeNow(), tz=CET)
    record(store, START + timedelta(days=1), minutes=12.5, pain=(6, 3))
    record(store, START, minutes=3, outcome="stopped", pain=(7, None), holds=False)
    target = tmp_path / "history.csv"
    store.export_csv(target)

    assert target.read_bytes().startswith(b"\xef\xbb\xbfstarted,ended,routine,")
    rows = read_back(target)
    assert list(rows[0]) == list(export_module.HEADER)
    first, second = rows
    assert datetime.fromisoformat(first["started"]) == START
    assert first["started"] == "2026-11-28T08:15:00+01:00"
    assert first["ended"] == "2026-11-28T08:18:00+01:00"
    assert (first["outcome"], first["active_minutes"], first["holds_done"]) == (
        "stopped",
        "3.0",
        "0",
    )
    assert (first["pain_before"], first["pain_after"]) == ("7", "")
    assert datetime.fromisoformat(second["started"]) == START + timedelta(days=1)
    assert second["routine"] == "Full routine"
    assert second["level"] == "standard"
    assert (second["active_minutes"], second["holds_done"], second["holds_planned"]) == (
        "12.5",
        "28",
        "28",
    )
    assert (second["pain_before"], second["pain_after"]) == ("6", "3")
    assert second["exercises"].startswith("Knee-to-chest stretch 6/6; ")


def test_names_outside_ascii_and_open_sessions(data_dir, tmp_path):
    store = open_store(data_dir, FakeNow(), tz=CET)
    plan = (PlannedExercise("knee_to_chest", "Knie, zur Brust", 2, 1, 30),)
    session = store.begin("abend", "Übungen am Abend", "gentle", START, 4, plan)
    store.checkpoint(session, [Result("knee_to_chest", 1, 0)], 45, 0)
    target = tmp_path / "out.csv"
    store.export_csv(target)
    [row] = read_back(target)
    assert row["routine"] == "Übungen am Abend"
    assert row["outcome"] == "open"
    assert row["ended"] == ""
    assert row["exercises"] == "Knie, zur Brust 1/2"


def test_an_export_replaces_the_old_file_whole_or_not_at_all(data_dir, tmp_path, monkeypatch):
    store = open_store(data_dir, FakeNow(), tz=CET)
    record(store, START)
    target = tmp_path / "history.csv"
    target.write_text("the previous export")

    def full_disk(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(HistoryError, match=r"history\.csv: No space left on device"):
        store.export_csv(target)
    assert target.read_text() == "the previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "history.csv"]

    monkeypatch.undo()
    store.export_csv(target)
    assert len(read_back(target)) == 1


def test_an_export_into_a_missing_folder_is_a_history_error(data_dir, tmp_path):
    store = open_store(data_dir)
    with pytest.raises(HistoryError, match="nowhere"):
        store.export_csv(tmp_path / "nowhere" / "history.csv")
