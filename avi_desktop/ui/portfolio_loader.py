"""Read paths for the table, both run in workers: rows from one Core query, then scores."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from avi_desktop.ui.collector import long_job
from avi_desktop.ui.formatting import worst_band
from avi_desktop.ui.portfolio_model import Scores, TableRow, row_from_query
from avi_desktop.ui.workers import ProgressFn

if TYPE_CHECKING:
    from avi_desktop.model.store import PortfolioStore


def load_rows(store: PortfolioStore) -> list[TableRow]:
    """The table's rows, without scores (fast: listed columns only)."""
    from avi_desktop.model.queries import portfolio_rows

    return [row_from_query(row) for row in portfolio_rows(store)]


def rows_job(store: PortfolioStore) -> Callable[[ProgressFn], list[TableRow]]:
    """A worker job reading the table's rows, so a large portfolio never freezes the window."""

    def job(progress: ProgressFn) -> list[TableRow]:
        progress(0, 1)
        with long_job():
            rows = load_rows(store)
        progress(1, 1)  # raises when cancelled: a stale result is never delivered
        return rows

    return job


def scores_from_entry(entry: Any) -> Scores:
    """The table's score columns from one ``PortfolioEntry``."""
    latest = entry.latest
    return Scores(
        alignment_index=None if latest is None else latest.alignment_index,
        binding_layer=None if latest is None else latest.binding_layer,
        worst_band=worst_band(latest),
        patterns=tuple(hit.title for hit in entry.patterns),
    )


def portfolio_title(hit: Any) -> str:
    """How a portfolio-level pattern reads in an initiative's row: "AI Theatre (portfolio)"."""
    return f"{hit.title} (portfolio)"


def score_job(store: PortfolioStore) -> Callable[[ProgressFn], dict[str, Scores]]:
    """A worker job computing every initiative's scores with ``portfolio_overview``."""

    def job(progress: ProgressFn) -> dict[str, Scores]:
        from avi_desktop.model.overview import portfolio_overview

        with long_job():
            overview = portfolio_overview(store, progress=progress)
            scores = {entry.initiative_id: scores_from_entry(entry) for entry in overview.entries}
        # A portfolio-level pattern (AI Theatre) is offered by the pattern filter too: it
        # shows the initiatives its evidence counts.
        for hit in overview.portfolio_patterns:
            for ref in {e.ref for e in hit.evidence} & scores.keys():
                found = scores[ref]
                scores[ref] = replace(found, patterns=(*found.patterns, portfolio_title(hit)))
        return scores

    return job
