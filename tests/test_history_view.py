"""The history view over a real store filled with known sessions, and its CSV export."""

from __future__ import annotations

import csv
from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractButton, QWidget

from sciatica_gui.history import HistoryStore
from sciatica_gui.history.export import ENCODING, HEADER
from sciatica_gui.ui import history_table, history_view
from sciatica_gui.ui.charts import PainLines, WeeklyBars, nice_step
from sciatica_gui.ui.history_view import HistoryDialog, HistoryView
from sciatica_gui.ui.screenshot import settle
from sciatica_gui.ui.theme import dark_palette
from tests.helpers import clipped_labels
from tests.test_history_support import CET, FakeNow, open_store, record

TODAY = date(2026, 11, 28)  # a Saturday; its ISO week began on Monday the 23rd
NOW = FakeNow(datetime(2026, 11, 28, 20, 0, tzinfo=CET))


def at(day: date, hour: int = 8) -> datetime:
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=CET)


@pytest.fixture
def store(data_dir):
    """Nine days in a row up to today (15 min each), one in October, and one stopped
    before any hold (which keeps no day), with some pain scores."""
    opened = open_store(data_dir, NOW, tz=CET)
    record(opened, at(date(2026, 10, 15)), minutes=20, pain=(3, 2))
    for back in range(8, -1, -1):
        day = TODAY - timedelta(days=back)
        pain = (4, 7) if back == 0 else (None, None) if back == 1 else (5, 4)
        record(opened, at(day), minutes=15, pain=pain)
    record(opened, at(date(2026, 11, 10)), minutes=1, outcome="stopped", holds=False)
    yield opened
    opened.close()


def make_view(qtbot, store, **options) -> HistoryView:
    view = HistoryView(store, today=TODAY, **options)
    qtbot.addWidget(view)
    view.resize(1024, 600)
    view.show()
    settle()
    return view


def test_the_overview_shows_the_streak_this_week_and_recent_days(qtbot, store):
    view = make_view(qtbot, store)
    assert view.pages.currentWidget() is view.tabs
    assert view.streak.value.text() == "9 days"
    assert view.this_week.value.text() == "90 min"  # Monday 23rd to today, 6 x 15
    assert view.recent.value.text() == "9 days"  # the stopped session did no hold
    assert view.streak.accessibleName() == "Current streak: 9 days"


def test_the_bar_chart_has_half_a_year_of_weeks_ending_with_this_one(qtbot, store):
    view = make_view(qtbot, store)
    weeks = view.bars.weeks
    assert len(weeks) == history_view.WEEKS
    assert weeks[-1] == (date(2026, 11, 23), 90.0)
    assert weeks[-2] == (date(2026, 11, 16), 45.0)  # Friday 20th to Sunday 22nd
    assert weeks[-3][1] == pytest.approx(1.0)  # the stopped session's minute still counts
    october = dict(weeks)[date(2026, 10, 12)]
    assert october == 20.0
    assert "90 minutes this week" in view.bars.accessibleDescription()


def test_the_calendar_marks_the_days_exercised_in_the_month_on_show(qtbot, store):
    view = make_view(qtbot, store)
    calendar = view.calendar
    assert calendar.monthShown() == 11
    nine = {TODAY - timedelta(days=n) for n in range(9)}
    assert nine <= calendar.marked
    assert date(2026, 11, 10) not in calendar.marked
    calendar.setCurrentPage(2026, 10)
    assert date(2026, 10, 15) in calendar.marked
    assert calendar.maximumDate().toPython() == TODAY
    assert not calendar.grab().isNull()


def test_the_pain_chart_has_both_series_in_time_order(qtbot, store):
    view = make_view(qtbot, store)
    points = view.pain.points
    assert points[0].when.date() == date(2026, 10, 15)
    assert points[-1].before == 4
    assert points[-1].after == 7
    assert len(points) == 9  # the day both were skipped, and the stopped session, have no mark
    assert "Before: latest 4" in view.pain.accessibleDescription()
    assert "9 sessions" in view.pain_note.text()
    names = [series.name for series in view.pain.series_styles()]
    assert names == ["Before the session", "After the session"]
    styles = [series.line for series in view.pain.series_styles()]
    assert styles[0] != styles[1]  # told apart by more than colour


def test_the_table_lists_sessions_newest_first(qtbot, store):
    view = make_view(qtbot, store)
    model = view.model
    assert model.rowCount() == 11
    assert model.columnCount() == 8
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(8)]
    assert headers[0] == "Date"
    assert headers[-2:] == ["Pain before", "Pain after"]
    newest = [model.cell_text(0, column) for column in range(8)]
    assert newest == [
        "2026-11-28 08:00",
        "Full routine",
        "Standard",
        "15",
        "Finished",
        "28 of 28",
        "4",
        "7",
    ]
    skipped = model.index(1, 6)
    assert model.data(skipped) == "–"
    assert model.data(skipped, Qt.ItemDataRole.AccessibleTextRole) == "skipped"
    stopped = next(row for row in range(11) if model.cell_text(row, 0).startswith("2026-11-10"))
    assert model.cell_text(stopped, 4) == "Stopped early"
    assert model.cell_text(stopped, 5) == "0 of 28"
    assert model.cell_text(10, 0) == "2026-10-15 08:00"
    assert model.data(model.index(0, 3), Qt.ItemDataRole.TextAlignmentRole) is not None
    view.tabs.setCurrentIndex(2)
    settle()
    assert not view.grab().isNull()


def test_the_table_reads_a_page_at_a_time(qtbot, store, monkeypatch):
    monkeypatch.setattr(history_table, "PAGE", 4)
    view = HistoryView(store, today=TODAY)  # not shown: a shown table fetches to fill itself
    qtbot.addWidget(view)
    model = view.model
    assert model.rowCount() == 4
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 8
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 11
    assert not model.canFetchMore(QModelIndex())
    days = [model.session(row).started_at for row in range(11)]
    assert days == sorted(days, reverse=True)


def test_a_shown_table_fetches_as_far_as_it_needs(qtbot, store, monkeypatch):
    monkeypatch.setattr(history_table, "PAGE", 2)
    view = make_view(qtbot, store)
    view.tabs.setCurrentIndex(2)
    settle()
    assert 2 < view.model.rowCount() <= 11
    view.table.scrollToBottom()
    settle()
    assert view.model.rowCount() == 11


def test_export_writes_a_csv_a_spreadsheet_reads(qtbot, store, tmp_path):
    asked = []

    def choose(parent: QWidget, suggested):
        asked.append(suggested)
        return tmp_path / "my history"

    view = make_view(qtbot, store, choose_path=choose)
    with qtbot.waitSignal(view.exported, timeout=0) as exported:
        view.export_action.trigger()
    target = tmp_path / "my history.csv"  # the extension is added
    assert exported.args == [target]
    assert asked[0].name == "sciatica-history-2026-11-28.csv"
    with target.open(encoding=ENCODING, newline="") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == HEADER
    assert len(rows) == 12
    started = [datetime.fromisoformat(row[0]) for row in rows[1:]]
    assert started == sorted(started)  # oldest first in the file
    assert started[-1] == at(TODAY)
    assert view.status.isVisible()
    assert str(target) in view.status.text()


def test_the_export_button_asks_too_and_cancelling_writes_nothing(qtbot, store, tmp_path):
    view = make_view(qtbot, store, choose_path=lambda parent, suggested: None)
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    assert view.export_csv() is None
    assert list(tmp_path.glob("*.csv")) == []
    assert not view.status.isVisible()


def test_an_export_that_fails_says_why(qtbot, store, tmp_path):
    view = make_view(qtbot, store)
    with qtbot.waitSignal(view.exportFailed, timeout=0) as failed:
        assert view.export_csv(tmp_path / "no such folder" / "h.csv") is None
    assert "could not be exported" in failed.args[0]
    assert view.status.text() == failed.args[0]


def test_an_empty_history_is_friendly(qtbot, data_dir):
    empty = open_store(data_dir, NOW, tz=CET)
    view = make_view(qtbot, empty)
    assert view.pages.currentIndex() == 1
    assert view.empty_title.text() == "No sessions yet"
    assert "After your first session" in view.empty.text()
    assert not view.export_button.isEnabled()
    assert clipped_labels(view) == []
    record(empty, at(TODAY), minutes=12)
    view.reload()
    assert view.pages.currentWidget() is view.tabs
    assert view.streak.value.text() == "1 day"
    assert view.export_button.isEnabled()
    empty.close()


def test_no_store_shows_why_and_a_store_can_come_later(qtbot, store):
    view = make_view(qtbot, None, unavailable="The history file is from a newer version.")
    assert view.empty.text() == "The history file is from a newer version."
    assert not view.export_action.isEnabled()
    assert view.export_csv() is None
    view.set_store(store)
    assert view.pages.currentWidget() is view.tabs
    assert view.model.rowCount() == 11


def test_a_history_that_cannot_be_read_says_so(qtbot, data_dir):
    opened = open_store(data_dir, NOW, tz=CET)
    record(opened, at(TODAY))
    view = make_view(qtbot, opened)
    assert view.pages.currentWidget() is view.tabs
    opened.close()  # every read now fails, as on a disk that went away
    view.reload()
    assert view.pages.currentIndex() == 1
    assert view.empty_title.text() == "The history could not be read"
    assert str(data_dir) in view.empty.text()
    view.calendar.setCurrentPage(2026, 10)  # the calendar's own reads fail quietly
    assert view.calendar.marked == set()
    assert view.status.isVisible()


def test_today_defaults_to_the_stores_day(qtbot, data_dir):
    opened = open_store(data_dir, NOW, tz=CET)
    view = HistoryView(opened)
    qtbot.addWidget(view)
    assert view.today == datetime.now(CET).date()
    opened.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("tab", [0, 1, 2])
def test_every_tab_paints_without_clipping_at_the_smallest_window(qtbot, store, scheme, tab):
    dialog = HistoryDialog(store, today=TODAY)
    if scheme == "dark":
        dialog.setPalette(dark_palette())
    qtbot.addWidget(dialog)
    dialog.resize(1024, 640)
    dialog.show()
    dialog.view.tabs.setCurrentIndex(tab)
    settle()
    assert clipped_labels(dialog) == []
    assert not dialog.grab().isNull()
    for button in dialog.findChildren(QAbstractButton):
        if button.isVisible() and button.text():
            assert button.accessibleName() or button.parent() is dialog.view.tabs
    for widget in (dialog.view.calendar, dialog.view.bars, dialog.view.pain, dialog.view.table):
        assert widget.accessibleName()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_charts_paint_empty_and_tiny(qtbot):
    for chart in (WeeklyBars(), PainLines()):
        qtbot.addWidget(chart)
        chart.resize(320, 200)
        assert not chart.grab().isNull()
    single = PainLines()
    qtbot.addWidget(single)
    single.set_points([(at(TODAY), 3, None)])
    assert not single.grab().isNull()
    bars = WeeklyBars()
    qtbot.addWidget(bars)
    bars.set_weeks([(date(2026, 11, 23), 0.0)])
    assert not bars.grab().isNull()
    assert "0 minutes this week" in bars.accessibleDescription()


@pytest.mark.parametrize(
    ("top", "step"), [(1, 5), (20, 5), (21, 10), (90, 30), (110, 30), (1000, 300), (5000, 1260)]
)
def test_grid_steps_are_round(top, step):
    assert nice_step(top) == step


def test_a_store_opened_with_the_real_clock_works_too(qtbot, data_dir):
    opened = HistoryStore.open(data_dir).store
    assert opened is not None
    view = HistoryView(opened)
    qtbot.addWidget(view)
    assert view.pages.currentIndex() == 1
    opened.close()
