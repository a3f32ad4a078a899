"""Start-up: a previewed portfolio takes input while its store opens, and keeps it after.

The store's open is held (an event the test releases) so the input surely comes in between.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible

from avi_desktop.model.database import create_database
from avi_desktop.model.revisions import known_revisions
from avi_desktop.ui import session
from avi_desktop.ui.main_window import MainWindow
from avi_desktop.ui.portfolio_model import COL_INDEX
from tests.model.old_files import insert_old_initiative


@pytest.fixture
def held_open(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """The store's open waits until the test sets the event (at most 30 s)."""
    release = threading.Event()
    real = session._open_store

    def held(path: Path, passphrase: str | None, selected: str = "") -> Any:
        release.wait(30)
        return real(path, passphrase, selected)

    monkeypatch.setattr(session, "_open_store", held)
    yield release
    release.set()


def _during_open(window: MainWindow, release: threading.Event, do: Callable[[], None]) -> None:
    """Run ``do`` once the window takes input during the open, then let the open finish."""

    def run() -> None:
        try:
            assert window.opening and window.store is None
            do()
        finally:
            release.set()

    window.table_usable.connect(run)


def test_input_during_the_open_is_kept_when_the_store_rows_replace_the_plain_ones(
    window: MainWindow, demo_copy: Path, qtbot: Any, held_open: threading.Event
) -> None:
    view = window.portfolio_view
    seen: dict[str, Any] = {}

    def use_the_table() -> None:
        rows = list(view.model.all_rows())
        owner = max({r.business_owner for r in rows}, key=lambda o: (len(o) > 0, o))
        qtbot.keyClicks(view.search, owner)  # typed, as a user types
        view.table.sortByColumn(COL_INDEX, Qt.SortOrder.DescendingOrder)
        shown = [view.model.row_at(n) for n in range(view.model.rowCount())]
        assert 0 < len(shown) < len(rows)  # the search took effect at once
        chosen = shown[-1]
        view.select(chosen.id)
        seen.update(
            owner=owner,
            order=[r.id for r in shown],
            chosen=chosen.id,
            title=window.detail.title.text(),
            facts=window.detail.facts.text(),
            # What a screen reader hears (scripts/atspi_read.py --settled waits for it to go).
            spoken=QAccessible.queryAccessibleInterface(window.detail.facts).text(
                QAccessible.Text.Name
            ),
            sections=any(s.isVisible() for s in window.detail.sections),
            enabled={
                name: getattr(window.acts, name).isEnabled()
                for name in (
                    "find",
                    "clear_filters",
                    "new_initiative",
                    "edit_initiative",
                    "assess",
                    "export_brief",
                    "settings",
                    "refresh",
                    "close_portfolio",
                    "open_portfolio",
                    "open_demo",
                    "new_portfolio",
                )
            },
            edited=window.selected(),  # what an action would act on: nothing yet
        )
        window.edit_initiative()  # the row's Enter key: waits for the store, does nothing

    _during_open(window, held_open, use_the_table)
    window.show()
    with qtbot.waitSignal(window.rows_loaded, timeout=30000):
        assert window.open_path(demo_copy, quiet=True)
    chosen = seen["chosen"]
    assert seen["edited"] is None
    name = next(r.name for r in view.model.all_rows() if r.id == chosen)
    assert name in seen["title"] and "Opening the portfolio…" in seen["facts"]
    assert "Opening the portfolio" in seen["spoken"]
    assert not seen["sections"]
    assert seen["enabled"] == {
        "find": True,
        "clear_filters": True,
        "new_initiative": False,
        "edit_initiative": False,
        "assess": False,
        "export_brief": False,
        "settings": False,
        "refresh": False,
        "close_portfolio": False,
        "open_portfolio": False,
        "open_demo": False,
        "new_portfolio": False,
    }
    # The store's rows replaced the plain ones: search, sort and selection are the user's.
    assert window.store is not None
    assert view.search.text() == seen["owner"]
    header = view.table.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        COL_INDEX,
        Qt.SortOrder.DescendingOrder,
    )
    assert [view.model.row_at(n).id for n in range(view.model.rowCount())] == seen["order"]
    assert view.current_id() == chosen
    assert window.detail._shown_id == chosen  # the full detail, of the chosen initiative
    assert any(s.isVisible() for s in window.detail.sections)
    selected = window.selected()
    assert selected is not None and selected.id == chosen
    assert window.acts.edit_initiative.isEnabled() and window.acts.open_portfolio.isEnabled()


def test_another_open_or_a_close_waits_for_the_open(
    window: MainWindow, demo_copy: Path, tmp_path: Path, qtbot: Any, held_open: threading.Event
) -> None:
    other = tmp_path / "other.avip"
    other.write_bytes(demo_copy.read_bytes())
    tried: list[bool] = []

    buttons: list[bool] = []

    def interrupt() -> None:
        banner = window.demo_banner  # the sample banner's own ways to another file, disabled
        buttons.extend((banner.new_button.isEnabled(), banner.open_button.isEnabled()))
        tried.append(window.open_path(other))  # refused: one file opens at a time
        tried.append(window.close())  # put off until the open is over
        tried.append(window.isVisible())

    _during_open(window, held_open, interrupt)
    window.show()
    assert window.open_path(demo_copy, quiet=True)
    assert tried == [False, False, True]
    assert buttons == [False, False]
    banner = window.demo_banner
    assert banner.new_button.isEnabled() and banner.open_button.isEnabled()  # open: again
    assert window.store is not None and Path(window.store.path) == demo_copy
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10000)
    assert window.store is None  # closed as a close does


def test_a_file_to_upgrade_is_backed_up_and_upgraded_before_its_rows_show(
    window: MainWindow, tmp_path: Path, qtbot: Any
) -> None:
    path = tmp_path / "older.avip"
    create_database(path, revision="0001").close()
    with sqlite3.connect(path) as conn:  # written by the older version
        insert_old_initiative(
            conn,
            kpi_name="Cycle time",
            kpi_unit="days",
            business_unit="Claims",
            business_owner="A. Owner",
        )
    conn.close()
    previewed: list[int] = []
    window.table_shown.connect(lambda: previewed.append(1))
    window.table_usable.connect(lambda: previewed.append(2))
    window.show()
    with qtbot.waitSignal(window.rows_loaded, timeout=30000):
        assert window.open_path(path, quiet=True)
    assert previewed == []  # no plain read of a file the store had to upgrade first
    assert len(list(tmp_path.glob("older.backup-*-rev0001.avip"))) == 1
    with sqlite3.connect(path) as conn:
        head = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    assert head == (known_revisions()[0],)
    conn.close()
    assert [r.name for r in window.portfolio_view.model.all_rows()] == ["Claims triage"]


def test_a_row_chosen_while_the_store_reads_its_rows_stays_chosen(
    window: MainWindow, demo_copy: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The store is open, its rows still on their way: the user's choice outlives the swap."""
    from avi_desktop.ui import portfolio_loader

    release = threading.Event()
    real = portfolio_loader.load_table
    monkeypatch.setattr(
        portfolio_loader, "load_table", lambda store: release.wait(30) and real(store)
    )
    view = window.portfolio_view
    chosen: list[str] = []

    def choose() -> None:
        row = view.model.row_at(view.model.rowCount() - 1)
        view.select(row.id)
        chosen.append(row.id)
        release.set()

    window.portfolio_opened.connect(choose)
    window.show()
    with qtbot.waitSignal(window.rows_loaded, timeout=30000):
        assert window.open_path(demo_copy, quiet=True)
    assert chosen and chosen[0] != view.model.row_at(0).id
    assert view.current_id() == chosen[0]
    assert window.detail._shown_id == chosen[0]


def test_the_opening_pane_writes_dates_as_the_table_does() -> None:
    from datetime import date

    from avi_desktop.ui.opening import preview_html
    from avi_desktop.ui.table_data import TableRow

    row = TableRow(
        id="i-1",
        name="Claims triage",
        stage="pilot",
        business_unit="",
        business_owner="",
        latest_on=date(2026, 5, 18),
    )
    html = preview_html(row)
    assert "18 May 2026" in html and "2026-05-18" not in html
    undated = preview_html(
        TableRow(id="i-2", name="Pricing", stage="idea", business_unit="", business_owner="")
    )
    assert "<b>Latest assessment:</b> —" in undated


def test_the_table_stays_where_it_was_scrolled_when_its_rows_are_read_again(
    window: MainWindow, tmp_path: Path, qtbot: Any, held_open: threading.Event
) -> None:
    from PySide6.QtWidgets import QAbstractItemView

    from avi_desktop.model.store import PortfolioStore

    path = tmp_path / "many.avip"
    with PortfolioStore.create(path, organisation="Many") as store:
        for n in range(150):
            store.add_initiative(name=f"Initiative {n:03d}", stage="idea")
    tops: list[str] = []

    def scroll() -> None:  # the user scrolls the plain rows while the store opens
        view = window.portfolio_view
        view.table.scrollTo(view.model.index(100, 0), QAbstractItemView.ScrollHint.PositionAtTop)
        tops.append(view.top_id())

    _during_open(window, held_open, scroll)
    window.resize(1000, 700)
    window.show()
    with qtbot.waitSignal(window.rows_loaded, timeout=10000):
        assert window.open_path(path, quiet=True)
    view = window.portfolio_view
    assert tops and view.model.row_at(view.model.row_of(tops[0])).name == "Initiative 100"
    assert view.top_id() == tops[0]  # the store's rows took the plain ones' place
    assert view.current_id() and view.table.rowAt(0) == 100  # the selection did not pull it

    # Rows read again in the same portfolio (a change that concerns every initiative).
    assert window.store is not None
    window.store.update_settings(min_group_size=4)
    with qtbot.waitSignal(window.rows_loaded, timeout=10000):
        window.changed("")
    assert view.top_id() == tops[0]
