"""Read paths for the table: rows with their cached scores, then (when the cache is not current)
the scores rebuilt or computed, both in workers; after an edit, the touched rows alone.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from avi_desktop.ui.collector import long_job
from avi_desktop.ui.portfolio_model import Scores, TableRow, row_from_query
from avi_desktop.ui.workers import ProgressFn

if TYPE_CHECKING:
    from avi_desktop.model.store import PortfolioStore


class LoadedRows(NamedTuple):
    """The table's rows, with the cache's scores, and whether those scores are current."""

    rows: list[TableRow]
    scores_current: bool


def load_rows(store: PortfolioStore) -> list[TableRow]:
    """The table's rows with their cached scores (listed columns only, one query)."""
    return load_table(store).rows


def load_table(store: PortfolioStore) -> LoadedRows:
    """The rows and the cache state, read from one snapshot that holds no write lock."""
    from avi_desktop.model.queries import iter_portfolio_rows
    from avi_desktop.model.score_cache import cache_is_current

    with store.snapshot_engine() as engine, engine.connect() as conn, conn.begin():
        current = cache_is_current(conn)
        rows = [row_from_query(row) for row in iter_portfolio_rows(conn)]
    return LoadedRows(rows, current)


def rows_of(store: PortfolioStore, ids: Collection[str]) -> list[TableRow]:
    """Just these initiatives' rows (after an edit): a few index seeks."""
    from avi_desktop.model.queries import portfolio_rows

    return [row_from_query(row) for row in portfolio_rows(store, ids=ids)]


def rows_job(store: PortfolioStore) -> Callable[[ProgressFn], LoadedRows]:
    """A worker job reading the table's rows, so a large portfolio never freezes the window."""

    def job(progress: ProgressFn) -> LoadedRows:
        progress(0, 1)
        with long_job():
            loaded = load_table(store)
        progress(1, 1)  # raises when cancelled: a stale result is never delivered
        return loaded

    return job


def score_job(store: PortfolioStore) -> Callable[[ProgressFn], Mapping[str, Scores]]:
    """A worker job bringing every initiative's scores up to date.

    A writable portfolio's cache is rebuilt and stored (the next open shows it at once); a
    read-only one is scored in memory, as the file cannot be written.
    """

    def job(progress: ProgressFn) -> Mapping[str, Scores]:
        with long_job():
            # The cache's figures have the table's score fields: no second copy of 100,000.
            found: Mapping[str, Any] = store.rebuild_score_cache(progress=progress)
        return found

    return job


def marks_job(store: PortfolioStore) -> Callable[[ProgressFn], dict[str, tuple[str, ...]]]:
    """A worker job finding the portfolio-level patterns (AI Theatre) each row belongs to."""

    def job(progress: ProgressFn) -> dict[str, tuple[str, ...]]:
        from avi_desktop.model.overview import portfolio_pattern_marks

        progress(0, 1)
        with long_job():
            marks = portfolio_pattern_marks(store)
        progress(1, 1)
        return marks

    return job
