"""The table's raw read shows exactly what the SQLAlchemy read showed; rows prepared off the UI
thread, and large sorts done in a thread, give the same order as a sort on the spot."""

from __future__ import annotations

import logging
import random
import shutil
import threading
from contextlib import suppress
from dataclasses import fields
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from avi_desktop.model.domain import ActionStatus, Imperative
from avi_desktop.model.errors import AviError
from avi_desktop.model.queries import iter_portfolio_rows
from avi_desktop.model.store import PortfolioStore
from avi_desktop.model.table_rows import iter_table_rows
from avi_desktop.ui import portfolio_model
from avi_desktop.ui.portfolio_loader import load_rows, rows_of
from avi_desktop.ui.portfolio_model import COLUMNS, Filters, PortfolioTableModel, TableRow
from avi_desktop.ui.portfolio_view import PortfolioView
from avi_desktop.ui.table_data import View, gentle_sorted, prepare, row_from_query, sort_key
from tests.model.test_score_cache import OPS, _apply

FIELDS = tuple(f.name for f in fields(TableRow))


def _shown(row: TableRow) -> tuple[Any, ...]:
    return tuple(getattr(row, name) for name in FIELDS)


def _both_ways(
    store: PortfolioStore, today: date | None = None
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Every row as the SQLAlchemy path builds it and as the raw read builds it."""
    with store.engine.connect() as conn, conn.begin():
        orm = {r.id: _shown(row_from_query(r)) for r in iter_portfolio_rows(conn, today)}
        raw = {
            r[0]: _shown(portfolio_model.row_from_tuple(r)) for r in iter_table_rows(conn, today)
        }
    return orm, raw


def test_the_raw_read_equals_the_sqlalchemy_read_on_the_demo(demo_copy: Path) -> None:
    with PortfolioStore.open(demo_copy) as store:
        orm, raw = _both_ways(store)
        assert len(raw) == len(store.initiative_ids()) > 5
        assert raw == orm
        assert any(row[FIELDS.index("alignment_index")] is not None for row in raw.values())
        assert {_shown(r) for r in load_rows(store)} == set(raw.values())
        some = sorted(raw)[:3]
        assert {r.id: _shown(r) for r in rows_of(store, some)} == {k: raw[k] for k in some}


@settings(
    max_examples=5,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.lists(st.tuples(st.sampled_from(OPS), st.integers(0, 50)), max_size=6),
    st.lists(st.tuples(st.integers(0, 50), st.integers(-60, 60), st.integers(0, 3)), max_size=6),
)
def test_the_raw_read_equals_the_sqlalchemy_read_on_a_random_portfolio(
    demo_source: Path,
    tmp_path_factory: pytest.TempPathFactory,
    edits: list[tuple[str, int]],
    actions: list[tuple[int, int, int]],
) -> None:
    path = tmp_path_factory.mktemp("random") / "random.avip"
    shutil.copyfile(demo_source, path)
    with PortfolioStore.open(path) as store:
        for n, (op, pick) in enumerate(edits):
            with suppress(AviError):
                _apply(store, op, pick, n)
        ids = store.initiative_ids()
        for pick, days, status in actions:  # overdue or not, open or closed
            store.add_action(
                ids[pick % len(ids)],
                imperative=Imperative.DEFINE_VALUE,
                title="Follow up",
                due_on=date.today() + timedelta(days=days),
                status=list(ActionStatus)[status],
            )
        store.add_initiative(name="Ünïcode ﬁx", business_owner="", business_unit="")
        orm, raw = _both_ways(store)
        assert raw == orm
        assert _both_ways(store, date(2000, 1, 1))[1] == _both_ways(store, date(2000, 1, 1))[0]


def test_the_raw_read_works_on_an_encrypted_portfolio(tmp_path: Path) -> None:
    pytest.importorskip("sqlcipher3")
    path = tmp_path / "secret.avip"
    with PortfolioStore.create(path, passphrase="correct horse", organisation="N") as store:
        for n in range(3):
            store.add_initiative(name=f"Initiative {n}", business_owner=f"Owner {n}")
    with PortfolioStore.open(path, passphrase="correct horse") as store:
        orm, raw = _both_ways(store)
        assert len(raw) == 3 and raw == orm


def _rows(count: int, seed: int = 3) -> list[TableRow]:
    rng = random.Random(seed)
    return [
        TableRow(
            id=f"{n:06d}",
            name=rng.choice(["alpha", "Beta", "gamma", ""]) + f" {rng.randrange(50)}",
            stage=rng.choice(["idea", "pilot", "production"]),
            business_unit=rng.choice(["Unit A", "unit b", ""]),
            business_owner=rng.choice(["Ann", "bob", ""]),
            latest_on=rng.choice([None, date(2025, 1, 1) + timedelta(days=rng.randrange(9))]),
            alignment_index=rng.choice([None, float(rng.randrange(5))]),
            binding_layer=rng.choice([None, "trust", "technology"]),
            worst_band=rng.choice([None, "gap", "aligned"]),
            patterns=rng.choice([(), ("AI Pilot Trap",), ("Trust Ceiling", "AI Pilot Trap")]),
        )
        for n in range(count)
    ]


def test_a_gentle_sort_gives_the_order_of_a_plain_sort_ties_included() -> None:
    rows = _rows(10_000)
    for column in range(len(COLUMNS)):
        for reverse in (False, True):
            key = sort_key(column)
            assert gentle_sorted(rows, key, reverse) == sorted(rows, key=key, reverse=reverse)


def test_rows_prepared_off_the_ui_thread_show_as_the_model_would_show_them(qapp: Any) -> None:
    rows = _rows(500)
    filters = Filters(owner="bob")
    plain = PortfolioTableModel()
    plain.sort(2, Qt.SortOrder.DescendingOrder)
    plain.set_filters(filters)
    plain.set_rows(rows)
    model = PortfolioTableModel()
    model.sort(2, Qt.SortOrder.DescendingOrder)
    model.set_filters(filters)
    prepared = prepare(_rows(500), model.view())
    model.adopt(prepared)
    assert [r.id for r in model.rows()] == [r.id for r in plain.rows()]
    assert model.owners() == plain.owners() and model.pattern_titles() == plain.pattern_titles()
    # A view changed while the worker ran: the model sorts again rather than show a stale order.
    model.sort(0, Qt.SortOrder.AscendingOrder)
    model.adopt(prepare(_rows(500), View(2, True, filters, {})))
    assert [r.id for r in model.rows()] == [r.id for r in sorted(model.rows(), key=sort_key(0))]


def test_new_scores_swapped_in_keep_the_selection(qtbot: Any) -> None:
    from PySide6.QtWidgets import QTableView

    model = PortfolioTableModel()
    model.adopt(prepare(_rows(300), model.view()))
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(model)
    chosen = model.row_at(120).id
    table.setCurrentIndex(model.index(120, 0))
    model.sort(2, Qt.SortOrder.AscendingOrder)
    scores = {r.id: (7.0, "trust", "gap", ("Trust Ceiling",)) for r in _rows(300)}
    model.adopt(prepare(_rows(300), model.view(), scores), keep_places=True)
    assert model.row_at(table.currentIndex().row()).id == chosen
    assert {r.alignment_index for r in model.all_rows()} == {7.0}


def test_a_large_sort_is_worked_out_in_a_thread_and_keeps_the_selection(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QTableView

    monkeypatch.setattr(portfolio_model, "SORT_IN_BACKGROUND", 100)
    model = PortfolioTableModel()
    model.set_rows(_rows(3_000))
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(model)
    chosen = model.row_at(7).id
    table.setCurrentIndex(model.index(7, 0))
    for column, order in ((5, Qt.SortOrder.DescendingOrder), (6, Qt.SortOrder.AscendingOrder)):
        expected = sorted(
            model.rows(), key=sort_key(column), reverse=order == Qt.SortOrder.DescendingOrder
        )
        model.sort(column, order)
        assert model.sort_pending
        qtbot.waitUntil(lambda: not model.sort_pending, timeout=10_000)
        assert list(model.rows()) == expected
        assert model.row_at(table.currentIndex().row()).id == chosen
    # A sort overtaken by another is dropped: the last one asked for wins.
    model.sort(1, Qt.SortOrder.AscendingOrder)
    model.sort(0, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: not model.sort_pending, timeout=10_000)
    qtbot.wait(50)
    assert list(model.rows()) == sorted(model.rows(), key=sort_key(0))


def test_a_large_sort_paints_no_rows_until_they_are_in_order(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # Each cell painted would wait on the sorting thread for the interpreter's lock.
    monkeypatch.setattr(portfolio_model, "SORT_IN_BACKGROUND", 100)
    release = threading.Event()

    def held(rows: list[TableRow], key: Any, reverse: bool = False) -> list[TableRow]:
        release.wait(10)
        return gentle_sorted(rows, key, reverse)

    monkeypatch.setattr(portfolio_model, "gentle_sorted", held)
    view = PortfolioView()
    qtbot.addWidget(view)
    view.model.set_rows(_rows(500))
    expected = sorted(view.model.rows(), key=sort_key(0), reverse=True)
    viewport = view.table.viewport()
    assert viewport.updatesEnabled()
    view.model.sort(0, Qt.SortOrder.DescendingOrder)
    assert view.model.sort_pending and not viewport.updatesEnabled()
    release.set()
    qtbot.waitUntil(lambda: not view.model.sort_pending, timeout=10_000)
    assert viewport.updatesEnabled()
    assert list(view.model.rows()) == expected

    # A sort that fails (a defect) leaves the rows as they were, painted again, and logs it.
    def broken(rows: list[TableRow], key: Any, reverse: bool = False) -> list[TableRow]:
        raise ValueError("a key that does not compare")

    monkeypatch.setattr(portfolio_model, "gentle_sorted", broken)
    with caplog.at_level(logging.ERROR, logger="avi_desktop"):
        view.model.sort(2, Qt.SortOrder.AscendingOrder)
        qtbot.waitUntil(lambda: not view.model.sort_pending, timeout=10_000)
    assert viewport.updatesEnabled()
    assert list(view.model.rows()) == expected
    assert "sorting the portfolio table" in caplog.text
    # The model and the header's arrow say the order the rows are in, not the one that failed.
    assert (view.model.view().column, view.model.view().descending) == (0, True)
    header = view.table.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        0,
        Qt.SortOrder.DescendingOrder,
    )
