"""The 100,000-initiative table: load and sort inside the model vs a QSortFilterProxyModel."""

from __future__ import annotations

import random
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

LAYER_KEYS = ("technology", "leadership", "organisation", "trust")
STAGES = ("idea", "proof_of_concept", "pilot", "production", "scaled", "paused", "retired")
BANDS = ("aligned", "developing", "gap")
PATTERNS = ("AI Pilot Trap", "Trust Ceiling", "Value Fragmentation", "Ethical Drift")


def build_portfolio(path: Path, count: int) -> None:
    """A portfolio of ``count`` initiatives, inserted in bulk with SQLAlchemy Core."""
    from sqlalchemy import create_engine, insert

    from avi_desktop.model.entities import Initiative
    from avi_desktop.model.store import PortfolioStore

    PortfolioStore.create(path, organisation="Benchmark").close()
    rng = random.Random(7)
    now = datetime.now(UTC).replace(tzinfo=None)
    owners = [f"Owner {n:03d}" for n in range(300)]
    units = [f"Unit {n:02d}" for n in range(40)]
    rows = [
        {
            "id": f"{n:08d}-0000-4000-8000-000000000000",
            "name": f"Initiative {rng.randrange(10**6):06d} {n}",
            "description": "",
            "business_problem": "",
            "expected_output": "",
            "output_use": "",
            "kpi_name": "",
            "kpi_unit": "",
            "business_unit": rng.choice(units),
            "business_owner": rng.choice(owners),
            "data_ai_partner": "",
            "sponsor": "",
            "stage": rng.choice(STAGES),
            "stage_since": date(2025, 1, 1) + timedelta(days=rng.randrange(600)),
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


def _timed(fn: Any) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def measure(path: Path, proxy_columns: tuple[int, ...] = (0, 5)) -> dict[str, Any]:
    """Seconds to load and to sort by each column in our model; proxy sorts for comparison."""
    from PySide6.QtCore import QSortFilterProxyModel, Qt

    from avi_desktop.model.queries import iter_portfolio_rows
    from avi_desktop.model.store import PortfolioStore
    from avi_desktop.ui import portfolio_model
    from avi_desktop.ui.portfolio_loader import load_rows
    from avi_desktop.ui.portfolio_model import COLUMNS, Filters, PortfolioTableModel, Scores
    from avi_desktop.ui.table_data import prepare, row_from_query

    # Sorts here are timed on the spot (their CPU cost); the window sorts a table this large
    # in a thread, which window.py measures.
    portfolio_model.SORT_IN_BACKGROUND = 10**9
    model = PortfolioTableModel()
    with PortfolioStore.open(path, read_only=True) as store:
        start = time.perf_counter()
        with store.engine.connect() as conn:  # the SQLAlchemy Core read, for comparison
            core = [row_from_query(row) for row in iter_portfolio_rows(conn)]
        core_query_s = time.perf_counter() - start
        del core
        start = time.perf_counter()
        rows = load_rows(store)  # the DB-API read the window's worker makes
        query_s = time.perf_counter() - start
        again = load_rows(store)
    load_s = query_s + _timed(lambda: model.set_rows(rows))
    # What the window does instead: prepare in the worker, one swap on the UI thread.
    start = time.perf_counter()
    prepared = prepare(again, PortfolioTableModel().view())
    prepare_s = time.perf_counter() - start
    swapped = PortfolioTableModel()
    adopt_s = _timed(lambda: swapped.adopt(prepared))
    rng = random.Random(11)
    scores = {
        row.id: Scores(
            rng.uniform(0, 100),
            rng.choice(LAYER_KEYS),
            rng.choice(BANDS),
            tuple(rng.sample(PATTERNS, rng.randrange(3))),
        )
        for row in rows
    }
    fill_s = _timed(lambda: model.set_scores(scores))
    ours = {
        COLUMNS[c][0]: _timed(lambda c=c: model.sort(c, Qt.SortOrder.AscendingOrder))
        for c in range(len(COLUMNS))
    }
    descending = _timed(lambda: model.sort(5, Qt.SortOrder.DescendingOrder))
    search_s = _timed(lambda: model.set_filters(Filters(text="owner 01")))
    shown = model.rowCount()
    model.set_filters(Filters())
    proxy_model = PortfolioTableModel()
    proxy_model.set_rows(rows)
    proxy_model.set_scores(scores)
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(proxy_model)
    proxy_times: dict[str, float] = {}
    for column in proxy_columns:
        proxy.sort(-1)
        proxy_times[COLUMNS[column][0]] = _timed(
            lambda c=column: proxy.sort(c, Qt.SortOrder.AscendingOrder)
        )
    ratios = {name: proxy_times[name] / max(ours[name], 1e-9) for name in proxy_times}
    return {
        "initiatives": len(rows),
        "core_query_s": core_query_s,
        "query_s": query_s,
        "prepare_s": prepare_s,
        "adopt_s": adopt_s,
        "load_s": load_s,
        "score_fill_in_s": fill_s,
        "sort_s": ours,
        "sort_index_descending_s": descending,
        "search_filter_s": search_s,
        "search_filter_rows": shown,
        "proxy_sort_s": proxy_times,
        "proxy_over_model_ratio": ratios,
    }
