"""Which initiatives a portfolio-level pattern (AI Theatre) counts, for the table's rows.

The score cache keeps each initiative's own figures; a portfolio-level pattern depends on every
initiative at once, so it is found here, in a worker, from the initiatives' facts alone (no
answers are read). Only the columns AI Theatre reads are read (``portfolio_patterns``): decoding
the other JSON columns of 100,000 initiatives took over half of the time, and the longer a
worker runs Python beside the window, the more often the window waits for the interpreter lock.
"""

from __future__ import annotations

import sys
from datetime import date
from typing import Any

from sqlalchemy import String, select, type_coerce

from avi_desktop.model.entities import Initiative
from avi_desktop.model.pattern_facts import InitiativeFacts, kpi_points
from avi_desktop.model.patterns import detect_portfolio_patterns
from avi_desktop.model.results import PatternHit
from avi_desktop.model.store import PortfolioStore
from avi_desktop.model.table_rows import stage_of

_PART = 2_000  # rows per fetch: one fetch of every row keeps Python's lock half a second


def portfolio_title(hit: PatternHit) -> str:
    """How a portfolio-level pattern reads in an initiative's row: "AI Theatre (portfolio)"."""
    return f"{hit.title} (portfolio)"


def theatre_query() -> Any:
    """The initiative columns AI Theatre reads (``portfolio_patterns.ai_theatre``)."""
    return select(
        Initiative.id,
        Initiative.name,
        # The stored key, so that a stage unknown to this version reads as an idea.
        type_coerce(Initiative.stage, String).label("stage"),
        Initiative.stage_since,
        Initiative.kpi_name,
        Initiative.kpi_baseline,
        Initiative.kpi_target,
        Initiative.kpi_actuals,
    )


def portfolio_pattern_marks(
    store: PortfolioStore, today: date | None = None
) -> dict[str, tuple[str, ...]]:
    """Initiative id -> the portfolio-level patterns whose evidence names it.

    Read through a snapshot reader in parts, so an edit never waits for it.
    """
    day = today or date.today()
    with store.snapshot_engine() as engine, engine.connect() as conn:
        result = conn.execute(theatre_query())
        facts = [
            InitiativeFacts(
                initiative_id=row.id,
                name=row.name,
                stage=stage_of(row.stage),
                stage_since=row.stage_since,
                today=day,
                kpi_name=row.kpi_name or "",
                kpi_baseline=row.kpi_baseline,
                kpi_target=row.kpi_target,
                kpi_actuals=kpi_points(row.kpi_actuals),
            )
            for part in result.partitions(_PART)
            for row in part
        ]
    marks: dict[str, tuple[str, ...]] = {}
    for hit in detect_portfolio_patterns(facts):
        title = sys.intern(portfolio_title(hit))
        for ref in {evidence.ref for evidence in hit.evidence}:
            marks[ref] = (*marks.get(ref, ()), title)
    known = {fact.initiative_id for fact in facts}
    return {ref: _shared(titles) for ref, titles in marks.items() if ref in known}


# One tuple per combination of titles, the same from one search to the next, so the window
# compares two searches' 70,000 marks by identity, in milliseconds (by value: 40 ms).
_SHARED: dict[tuple[str, ...], tuple[str, ...]] = {}


def _shared(titles: tuple[str, ...]) -> tuple[str, ...]:
    found = _SHARED.get(titles)
    if found is None:
        if len(_SHARED) > 1_000:
            _SHARED.clear()
        found = _SHARED[titles] = titles
    return found
