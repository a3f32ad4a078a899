"""Read paths for the table: rows with their cached scores, then (when the cache is not current)
the scores rebuilt or computed, both in workers; after an edit, the touched rows alone.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import TYPE_CHECKING, NamedTuple

from avi_desktop.ui.collector import long_job
from avi_desktop.ui.table_data import Prepared, TableRow, View, prepare, row_from_tuple
from avi_desktop.ui.workers import ProgressFn

if TYPE_CHECKING:
    from avi_desktop.model.store import PortfolioStore


class LoadedRows(NamedTuple):
    """The table's rows, with the cache's scores, and whether those scores are current."""

    rows: list[TableRow]
    scores_current: bool


class LoadedTable(NamedTuple):
    """The rows prepared for the model's one swap, and whether their scores are current."""

    prepared: Prepared
    scores_current: bool


def load_rows(store: PortfolioStore) -> list[TableRow]:
    """The table's rows with their cached scores (listed columns only, one query)."""
    return load_table(store).rows


def load_table(store: PortfolioStore) -> LoadedRows:
    """The rows and the cache state, read from one snapshot that holds no write lock.

    Read through the DB-API cursor (``model.table_rows``): at 100,000 initiatives that is
    several times faster than the same query through SQLAlchemy's result rows, and SQLite
    runs it without Python's lock, so the UI thread goes on meanwhile.
    """
    from avi_desktop.model.score_cache import cache_is_current
    from avi_desktop.model.table_rows import iter_table_rows

    with store.snapshot_engine() as engine, engine.connect() as conn, conn.begin():
        current = cache_is_current(conn)
        rows = [row_from_tuple(row) for row in iter_table_rows(conn)]
    return LoadedRows(rows, current)


def rows_of(store: PortfolioStore, ids: Collection[str]) -> list[TableRow]:
    """Just these initiatives' rows (after an edit): a few index seeks."""
    from avi_desktop.model.table_rows import iter_table_rows

    with store.engine.connect() as conn, conn.begin():
        return [row_from_tuple(row) for row in iter_table_rows(conn, ids=ids)]


def rows_job(store: PortfolioStore, view: View) -> Callable[[ProgressFn], LoadedTable]:
    """A worker job reading the table's rows and preparing them as ``view`` shows them
    (filtered, sorted, the filters' choices), so the UI thread only swaps them in."""

    def job(progress: ProgressFn) -> LoadedTable:
        progress(0, 2)
        with long_job():
            loaded = load_table(store)
            progress(1, 2)  # raises when cancelled: a stale result is never delivered
            prepared = prepare(loaded.rows, view)
        progress(2, 2)
        return LoadedTable(prepared, loaded.scores_current)

    return job


def score_job(store: PortfolioStore, view: View) -> Callable[[ProgressFn], Prepared]:
    """A worker job bringing every initiative's scores up to date, then the rows with them,
    prepared as ``view`` shows them (the UI thread only swaps them in).

    A writable portfolio's cache is rebuilt and stored (the next open shows it at once); a
    read-only one is scored in memory, as the file cannot be written. Either way, when only the
    date has moved on, just the initiatives it changed are re-scored.
    """

    def job(progress: ProgressFn) -> Prepared:
        with long_job():
            scores = store.rebuild_score_cache(progress=progress, only_due=True)
            rows = load_table(store).rows
            progress(len(scores), len(scores))  # raises when cancelled
            return prepare(rows, view, scores)

    return job


def marks_job(store: PortfolioStore) -> Callable[[ProgressFn], dict[str, tuple[str, ...]]]:
    """A worker job finding the portfolio-level patterns (AI Theatre) each row belongs to."""

    def job(progress: ProgressFn) -> dict[str, tuple[str, ...]]:
        from avi_desktop.model.portfolio_marks import portfolio_pattern_marks

        progress(0, 1)
        with long_job():
            marks = portfolio_pattern_marks(store)
        progress(1, 1)
        return marks

    return job
