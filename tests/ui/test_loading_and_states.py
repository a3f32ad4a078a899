"""Rows load in a worker with a visible state; empty panes say what to do; keyboard alone works."""

from __future__ import annotations

import threading
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from avi_desktop.model import startup_rows, table_rows
from avi_desktop.model.store import PortfolioStore
from avi_desktop.ui.initiative_dialog import InitiativeDialog
from avi_desktop.ui.main_window import MainWindow
from tests.ui.conftest import open_and_wait


def _blocking_rows(monkeypatch: pytest.MonkeyPatch) -> tuple[threading.Event, list[str]]:
    """Make the row query wait for a go-ahead, recording the thread it runs on.

    As for a portfolio too large to preview: no rows are shown before the store reads them.
    """
    monkeypatch.setattr(startup_rows, "PREVIEW_LIMIT", 0)
    release = threading.Event()
    threads: list[str] = []
    real = table_rows.iter_table_rows

    def slow(connection: Any, *args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread().name)
        assert release.wait(20), "the test never released the query"
        return real(connection, *args, **kwargs)

    monkeypatch.setattr(table_rows, "iter_table_rows", slow)
    return release, threads


def test_rows_are_read_off_the_ui_thread_while_the_window_says_loading(
    window: MainWindow, small_portfolio: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    release, threads = _blocking_rows(monkeypatch)
    window.show()
    assert window.open_path(small_portfolio)  # returns while the query is still waiting
    view = window.portfolio_view
    assert view.loading and view.pages.currentIndex() == 1
    assert view.notice.text() == "Loading initiatives…" and view.busy.isVisible()
    assert view.count.text() == "Loading initiatives…"
    qtbot.keyClicks(view.search, "claims")  # the window still takes input meanwhile
    assert view.search.text() == "claims"
    with qtbot.waitSignal(window.rows_loaded, timeout=20000):
        release.set()
    assert threads and threads[0] != threading.main_thread().name
    assert not view.loading and view.pages.currentWidget() is view.table
    # The search typed meanwhile applies (a name and a business unit match).
    assert [r.name for r in view.model.rows()] == ["Claims triage", "Fraud scoring"]
    assert view.count.text() == "2 of 3 initiatives"


def test_a_superseded_load_never_replaces_the_newer_rows(
    window: MainWindow, small_portfolio: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    release, threads = _blocking_rows(monkeypatch)
    assert window.open_path(small_portfolio)
    qtbot.waitUntil(lambda: len(threads) == 1)  # the first load is inside its query
    # A later, different read.
    monkeypatch.setattr(table_rows, "iter_table_rows", lambda connection, *a, **k: iter(()))
    loaded: list[int] = []
    window.rows_loaded.connect(lambda: loaded.append(window.portfolio_view.model.rowCount()))
    with qtbot.waitSignal(window.rows_loaded, timeout=20000):
        window.reload_table()  # cancels the first
    release.set()  # the first now finishes, late; its rows must be dropped
    qtbot.wait(300)
    assert loaded == [0]
    assert window.portfolio_view.model.rowCount() == 0


def _bulk_portfolio(path: Path, count: int) -> None:
    """A portfolio of ``count`` initiatives written in one Core insert (as the benchmark does)."""
    from sqlalchemy import create_engine, insert

    from avi_desktop.model.entities import Initiative

    PortfolioStore.create(path, organisation="Bulk").close()
    now = datetime.now(UTC).replace(tzinfo=None)
    text = dict.fromkeys(
        ("description", "business_problem", "expected_output", "output_use", "kpi_name"), ""
    )
    rows = [
        {
            "id": f"{n:08d}-0000-4000-8000-000000000000",
            "name": f"Initiative {n:06d}",
            **text,
            "kpi_unit": "",
            "business_unit": f"Unit {n % 40:02d}",
            "business_owner": f"Owner {n % 300:03d}",
            "data_ai_partner": "",
            "sponsor": "",
            "stage": "pilot",
            "stage_since": date(2025, 1, 1),
            "affected_groups": [],
            "tags": [],
            "targets": {},
            "created_at": now,
            "updated_at": now,
        }
        for n in range(count)
    ]
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.execute(insert(Initiative), rows)
    engine.dispose()


def test_a_large_portfolio_keeps_the_event_loop_turning_while_it_loads(
    window: MainWindow, tmp_path: Path, qtbot: Any
) -> None:
    path = tmp_path / "large.avip"
    _bulk_portfolio(path, 30_000)
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(10)
    try:
        with qtbot.waitSignal(window.rows_loaded, timeout=60000):
            assert window.open_path(path)
            opened = time.perf_counter()
    finally:
        timer.stop()
    during = [t for t in ticks if t > opened]
    assert len(window.portfolio_view.model.all_rows()) == 30_000
    assert len(during) >= 3, "the UI thread kept serving events while the rows were read"
    window.close_portfolio()


def test_an_empty_portfolio_invites_the_first_initiative(
    window: MainWindow, tmp_path: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "empty.avip"
    PortfolioStore.create(path, organisation="Northwind").close()
    open_and_wait(qtbot, window, path)
    view = window.portfolio_view
    assert view.pages.currentIndex() == 1
    assert "no initiatives yet" in view.notice.text()
    assert view.notice_button.text() == "&New initiative…"
    shown: list[bool] = []

    def fake_exec(dialog: InitiativeDialog) -> int:
        shown.append(True)
        return int(InitiativeDialog.DialogCode.Rejected)

    monkeypatch.setattr(InitiativeDialog, "exec", fake_exec)
    view.notice_button.click()
    assert shown == [True]
    assert not window.detail.title.text().strip()  # no prompt to select what does not exist
    assert all(section.isHidden() for section in window.detail.sections)
    assert not view.search.isEnabled() and view.count.text() == "No initiatives"


def test_a_search_without_match_offers_to_clear_the_filters(
    window: MainWindow, small_portfolio: Path, qtbot: Any
) -> None:
    open_and_wait(qtbot, window, small_portfolio)
    view = window.portfolio_view
    view.search.setText("no such initiative")
    assert view.pages.currentIndex() == 1
    assert view.notice.text() == "No initiative matches the search and filters."
    assert view.count.text() == "0 of 3 initiatives"
    view.notice_button.click()
    assert view.search.text() == "" and view.model.rowCount() == 3
    assert view.pages.currentWidget() is view.table


def test_an_unassessed_initiative_offers_the_next_step_not_an_empty_chart(
    window: MainWindow, small_portfolio: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_and_wait(qtbot, window, small_portfolio)
    detail = window.detail
    window.show()
    assert detail.title.text() in {r.name for r in window.portfolio_view.model.rows()}
    assert detail.ring.isHidden() and detail.layers_view.isHidden()
    assert "No four-layer assessment yet" in detail.summary.text()
    assert detail.assess_button.isVisible() and detail.necessity_button.isVisible()
    assert detail.actions_none.isVisible() and detail.actions_view.isHidden()
    called: list[str] = []
    monkeypatch.setattr(
        "avi_desktop.ui.assessment_wizard.run_assessment_wizard",
        lambda host, export_brief: called.append("assess"),
    )
    monkeypatch.setattr(
        "avi_desktop.ui.necessity_wizard.run_necessity_wizard",
        lambda w: called.append("necessity"),
    )
    detail.assess_button.click()
    detail.necessity_button.click()
    assert called == ["assess", "necessity"]


def test_the_toolbar_shows_only_with_a_portfolio_and_keeps_the_users_choice(
    window: MainWindow, small_portfolio: Path, qtbot: Any
) -> None:
    window.show()
    toolbar = window.acts.toolbar
    assert toolbar.isHidden()  # the start page: nothing the toolbar could act on
    open_and_wait(qtbot, window, small_portfolio)
    assert toolbar.isVisible()
    toolbar.toggleViewAction().trigger()  # View > Main toolbar, by the user
    assert toolbar.isHidden()
    window.close_portfolio()
    open_and_wait(qtbot, window, small_portfolio)
    assert toolbar.isHidden()
    assert not window.prefs.toolbar_shown()


def test_keyboard_alone_opens_the_demo_searches_and_walks_into_the_detail(
    window: MainWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    with qtbot.waitSignal(window.scores_loaded, timeout=60000):
        qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)  # the demo
    view = window.portfolio_view
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is view.search
    qtbot.keyClicks(view.search, "claims")
    assert 0 < view.model.rowCount() < len(view.model.all_rows())
    for _ in range(6):  # the five filters, then the table
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view.table
    qtbot.keyClick(view.table, Qt.Key.Key_Home)
    qtbot.keyClick(view.table, Qt.Key.Key_Down)
    assert view.table.currentIndex().row() == 1
    assert window.detail.title.text() == view.model.row_at(1).name
    edited: list[str] = []

    def fake_exec(dialog: InitiativeDialog) -> int:
        edited.append(dialog.name.text())
        return int(InitiativeDialog.DialogCode.Rejected)

    monkeypatch.setattr(InitiativeDialog, "exec", fake_exec)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)  # Enter opens the editor
    assert edited == [view.model.row_at(1).name]
    # Tab leaves the table (it does not walk every cell) for the detail pane.
    qtbot.keyClick(view.table, Qt.Key.Key_Tab)
    focused = QApplication.focusWidget()
    assert focused is not None
    assert focused is window.detail or window.detail.isAncestorOf(focused)


def test_refresh_keeps_the_selected_initiative(
    window: MainWindow, small_portfolio: Path, qtbot: Any
) -> None:
    open_and_wait(qtbot, window, small_portfolio)
    view = window.portfolio_view
    second = view.model.row_at(1).id
    view.select(second)
    with qtbot.waitSignal(window.rows_loaded, timeout=20000):
        window.acts.refresh.trigger()  # F5
    assert view.current_id() == second


def test_closing_as_the_rows_arrive_starts_no_scoring(
    window: MainWindow, small_portfolio: Path, qtbot: Any
) -> None:
    closed: list[bool] = []

    def close_now() -> None:
        window.close_portfolio()
        closed.append(window.store is None)

    window.rows_loaded.connect(close_now)
    with qtbot.waitSignal(window.rows_loaded, timeout=20000):
        assert window.open_path(small_portfolio)
    assert closed == [True]
    assert not window.jobs.running("scores")


def test_first_run_window_fills_most_of_the_screen(window: MainWindow) -> None:
    screen = window.screen()
    assert screen is not None
    area = screen.availableGeometry()
    assert window.width() >= int(area.width() * 0.85) or window.width() == area.width()
    assert window.width() <= area.width() and window.height() <= area.height()


def test_cycles_are_collected_on_the_ui_thread_never_in_a_worker(
    window: MainWindow, qtbot: Any
) -> None:
    """A worker allocating heavily must not run the cycle collector: it could finalise Qt
    objects in the wrong thread. Garbage made on the UI thread is finalised there, by the
    window's timer, even while a worker churns through a million objects."""
    import gc

    from avi_desktop.ui.workers import Worker, start

    assert not gc.isenabled()
    finalised_on: list[str] = []

    class Cycle:
        def __init__(self) -> None:
            self.me = self

        def __del__(self) -> None:
            finalised_on.append(threading.current_thread().name)

    gc.collect()
    Cycle()  # unreachable at once, but only the cycle collector can free it

    def churn(progress: object) -> int:
        return len([(n, [n]) for n in range(1_000_000)])

    worker = start(Worker(churn))
    with qtbot.waitSignal(worker.signals.finished, timeout=30_000):
        pass
    qtbot.waitUntil(lambda: bool(finalised_on), timeout=5_000)
    assert finalised_on == [threading.main_thread().name]


def test_long_jobs_hold_off_old_generations_until_the_last_one_ends(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    from avi_desktop.ui import collector

    active = collector.install()
    active._long_lived = 0  # as a fresh collector: no full collection seen yet
    collected: list[int] = []

    def collect(generation: int = 2) -> int:
        collected.append(generation)
        return 0

    old_generation: list[object] = []
    monkeypatch.setattr(gc, "collect", collect)
    monkeypatch.setattr(gc, "get_count", lambda: (10_000, 10_000, 10_000))
    monkeypatch.setattr(gc, "get_objects", lambda generation=None: old_generation)
    frozen: list[str] = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append("freeze"))
    monkeypatch.setattr(gc, "unfreeze", lambda: frozen.append("unfreeze"))
    with collector.long_job(), collector.long_job():
        active.check()
        active.check()
        assert collected == [0, 0]  # the young ones in small steps, nothing older
    assert frozen == []
    active.check()  # the jobs ended: what they built is frozen, never walked again
    assert collected == [0, 0, 0] and frozen == ["freeze"]
    active.check()
    assert collected == [0, 0, 0, 0, 1, 2]
    # The next full collection waits until the old generation has grown by a quarter.
    old_generation.extend(range(1000))
    active.check()
    assert collected[-1] == 2
    collected.clear()
    old_generation.extend(range(250))
    active.check()
    assert collected == [0, 1]
    old_generation.extend(range(1))
    active.check()
    assert collected == [0, 1, 0, 1, 2]
    active.thaw()  # a portfolio closed: cycles among its objects can be collected again
    assert frozen == ["freeze", "unfreeze"]
