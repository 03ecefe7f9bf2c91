"""The bad-file message: one sentence naming the file, and the newest backup offered."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QDialog

from sciatica_gui.history import FILE_NAME, HistoryStore, ProblemKind, StoreProblem
from sciatica_gui.ui.history_problem import (
    HistoryProblemDialog,
    ProblemChoice,
    backup_date,
    problem_reason,
    problem_sentence,
)
from sciatica_gui.ui.screenshot import settle
from tests.helpers import clipped_labels
from tests.test_history_support import START, FakeNow, open_store, record

LATER = FakeNow(START + timedelta(days=3))


def with_backup(data_dir: Path) -> Path:
    """A real history of a few sessions, and the daily backup the next opening makes of it."""
    store = open_store(data_dir)
    for day in range(3):
        record(store, START - timedelta(days=day))
    store.close()
    open_store(data_dir).close()
    [backup] = (data_dir / "backups").iterdir()
    return backup


def dialog_for(qtbot, problem: StoreProblem) -> HistoryProblemDialog:
    dialog = HistoryProblemDialog(problem)
    qtbot.addWidget(dialog)
    dialog.show()
    settle()
    return dialog


def test_a_damaged_file_offers_the_latest_backup(qtbot, data_dir):
    backup = with_backup(data_dir)
    whole = (data_dir / FILE_NAME).read_bytes()
    (data_dir / FILE_NAME).write_bytes(whole[: len(whole) // 2])  # a truncated copy
    result = HistoryStore.open(data_dir, now=LATER)
    assert result.store is not None
    result.store.close()
    problem = result.problem
    assert problem is not None
    assert problem.kind is ProblemKind.CORRUPT
    dialog = dialog_for(qtbot, problem)
    sentence = dialog.sentence.text()
    assert str(data_dir / FILE_NAME) in sentence
    assert problem.moved_to is not None
    assert problem.moved_to.name in sentence
    assert sentence.count(". ") == 0  # one sentence
    assert dialog.offers_restore
    assert dialog.backup == backup
    assert dialog.restore_button is not None
    assert "28 November 2026" in dialog.restore_button.text()
    assert dialog.continue_button.text() == "Continue with the new history"
    assert not dialog.details.isVisible()
    for button in dialog.findChildren(QAbstractButton):
        assert button.accessibleName()
    assert clipped_labels(dialog) == []
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.choice is ProblemChoice.RESTORE_BACKUP
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_without_a_backup_only_going_on_is_offered(qtbot, data_dir):
    (data_dir / FILE_NAME).write_bytes(b"this is a shopping list, not a history\n" * 20)
    result = HistoryStore.open(data_dir, now=LATER)
    assert result.store is not None
    result.store.close()
    problem = result.problem
    assert problem is not None
    assert problem.kind is ProblemKind.NOT_A_DATABASE
    dialog = dialog_for(qtbot, problem)
    assert "is not an exercise history" in dialog.sentence.text()
    assert not dialog.offers_restore
    assert "no automatic backup" in dialog.offer.text()
    qtbot.mouseClick(dialog.continue_button, Qt.MouseButton.LeftButton)
    assert dialog.choice is ProblemChoice.CONTINUE


def test_a_newer_file_is_left_alone_and_escape_goes_on_without_history(qtbot, data_dir):
    with_backup(data_dir)
    conn = sqlite3.connect(data_dir / FILE_NAME)
    conn.execute("UPDATE schema_version SET version = version + 1")
    conn.commit()
    conn.close()
    result = HistoryStore.open(data_dir, now=LATER)
    assert result.store is None
    problem = result.problem
    assert problem is not None
    assert problem.kind is ProblemKind.NEWER_VERSION
    dialog = dialog_for(qtbot, problem)
    assert "newer version" in dialog.sentence.text()
    assert str(data_dir / FILE_NAME) in dialog.sentence.text()
    assert dialog.continue_button.text() == "Continue without history"
    assert dialog.offers_restore  # the backup is there; whether to offer it is the caller's call
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.choice is ProblemChoice.CONTINUE
    assert not dialog.isVisible()


def test_an_unreadable_file_gives_the_systems_reason(qtbot, data_dir):
    (data_dir / FILE_NAME).mkdir()  # a folder where the file should be
    result = HistoryStore.open(data_dir, now=LATER)
    problem = result.problem
    assert problem is not None
    assert problem.kind is ProblemKind.UNREADABLE
    dialog = dialog_for(qtbot, problem._replace(latest_backup=None))
    assert "could not be read" in dialog.sentence.text()
    assert dialog.details.isVisible()
    assert problem_reason(problem) in dialog.details.text()
    assert not dialog.offers_restore


def test_a_failed_backup_is_only_reported(qtbot, tmp_path):
    problem = StoreProblem(
        ProblemKind.BACKUP_FAILED,
        tmp_path / FILE_NAME,
        None,
        f"Today's backup of the exercise history {tmp_path / FILE_NAME} could not be written to"
        f" {tmp_path / 'backups'} (disk full); sessions are still being recorded.",
        tmp_path / "backups" / "history-2026-11-27.sqlite3",
    )
    dialog = dialog_for(qtbot, problem)
    assert not dialog.offers_restore
    assert dialog.continue_button.text() == "OK"
    assert "still being recorded" in dialog.sentence.text()
    assert "disk full" in dialog.details.text()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("history-2026-11-27.sqlite3", date(2026, 11, 27)),
        ("history-2026-02-30.sqlite3", None),
        ("history-v1-20261128T071500Z.sqlite3", None),
    ],
)
def test_backup_dates_come_from_the_daily_names(name, expected):
    assert backup_date(Path("/x") / name) == expected


def test_a_backup_without_a_date_is_offered_by_its_name(qtbot, tmp_path):
    backup = tmp_path / "backups" / "history-v1-20261128T071500Z.sqlite3"
    problem = StoreProblem(ProblemKind.CORRUPT, tmp_path / FILE_NAME, tmp_path / "x", "", backup)
    dialog = dialog_for(qtbot, problem)
    assert dialog.restore_button is not None
    assert backup.name in dialog.restore_button.text()


@pytest.mark.parametrize("kind", list(ProblemKind))
def test_every_kind_has_one_sentence_naming_the_file(kind, tmp_path):
    problem = StoreProblem(kind, tmp_path / FILE_NAME, tmp_path / "moved.sqlite3", "", None)
    sentence = problem_sentence(problem)
    assert str(tmp_path / FILE_NAME) in sentence
    assert sentence.endswith(".")
    assert sentence.count(". ") == 0
