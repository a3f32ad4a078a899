"""Read paths sized to the job: lists read only their columns, in one Core query.

The portfolio table may hold 100,000 initiatives; building an ORM object per row would cost
several times a plain read, so these functions return small frozen rows instead.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any, NamedTuple

from sqlalchemy import Connection, Engine, String, func, select, type_coerce

from avi_desktop.model.domain import Stage
from avi_desktop.model.entities import Action, Assessment, Initiative, ScoreCacheRow
from avi_desktop.model.follow_up import CLOSED


class PortfolioRow(NamedTuple):
    """One line of the portfolio table, before scores are filled in.

    A named tuple rather than a frozen dataclass: at 100,000 rows its construction is several
    times cheaper, and it reads the same (``row.name``, ``row.latest_assessment_id``).
    """

    id: str
    name: str
    stage: Stage
    stage_since: date
    business_unit: str
    business_owner: str
    kpi_name: str
    updated_at: datetime
    latest_assessment_id: str | None
    latest_assessed_on: date | None
    overdue_actions: int = 0  # past their due date, neither done nor dropped
    # The score cache's figures (``model.score_cache``); None when the cache has no row yet.
    # Whether they are current is the cache state's business (``score_cache.is_current``).
    alignment_index: float | None = None
    binding_layer: str | None = None
    worst_band: str | None = None
    patterns: str | None = None  # titles, one a line

    def to_json(self) -> dict[str, Any]:
        """The stable JSON form used by ``initiatives --json``."""
        return {
            "id": self.id,
            "name": self.name,
            "stage": self.stage.value,
            "stage_since": self.stage_since.isoformat(),
            "business_unit": self.business_unit,
            "business_owner": self.business_owner,
            "kpi_name": self.kpi_name,
            "latest_assessment": None
            if self.latest_assessment_id is None
            else {
                "id": self.latest_assessment_id,
                "assessed_on": None
                if self.latest_assessed_on is None
                else self.latest_assessed_on.isoformat(),
            },
        }


def _engine(engine_or_store: Any) -> Engine:
    engine = getattr(engine_or_store, "engine", engine_or_store)
    if not isinstance(engine, Engine):
        raise TypeError("portfolio_rows needs an Engine, a Connection or a PortfolioStore")
    return engine


@contextmanager
def _connection(source: Any) -> Iterator[Connection]:
    """An open connection as it is (its transaction is the caller's), or a new one."""
    if isinstance(source, Connection):
        yield source
        return
    with _engine(source).connect() as conn:
        yield conn


# A stage written by a newer version shows as an idea rather than failing the whole list.
_STAGES: dict[str, Stage] = {stage.value: stage for stage in Stage}
_CHUNK = 500  # ids per statement: SQLite limits bound parameters


def portfolio_rows(
    engine_or_store: Any, today: date | None = None, ids: Collection[str] | None = None
) -> list[PortfolioRow]:
    """Every initiative (or only ``ids``): ``iter_portfolio_rows`` as a list."""
    return list(iter_portfolio_rows(engine_or_store, today, ids))


def iter_portfolio_rows(
    engine_or_store: Any, today: date | None = None, ids: Collection[str] | None = None
) -> Iterator[PortfolioRow]:
    """Every initiative (or only ``ids``) with the id and date of its latest assessment, its
    count of overdue actions (``follow_up.is_overdue`` as of ``today``) and its cached scores,
    ordered by name.

    One statement. The latest assessment comes from two correlated subqueries, each one seek in
    the covering index ``ix_assessments_initiative_assessed``: at 100,000 initiatives that costs
    little more than reading the initiatives alone, where a window function over all
    assessments costs several times as much (measured).
    """

    def latest(column: Any) -> Any:
        return (
            select(column)
            .where(Assessment.initiative_id == Initiative.id)
            .order_by(Assessment.assessed_on.desc(), Assessment.created_at.desc())
            .limit(1)
            .correlate(Initiative)
            .scalar_subquery()
        )

    overdue = (
        select(func.count())
        .select_from(Action)
        .where(
            Action.initiative_id == Initiative.id,
            Action.due_on < (today or date.today()),
            type_coerce(Action.status, String).not_in([s.value for s in CLOSED]),
        )
        .correlate(Initiative)
        .scalar_subquery()
    )
    query = select(
        Initiative.id,
        Initiative.name,
        type_coerce(Initiative.stage, String),  # the stored key: see ``_STAGES``
        Initiative.stage_since,
        Initiative.business_unit,
        Initiative.business_owner,
        Initiative.kpi_name,
        Initiative.updated_at,
        latest(Assessment.id),
        latest(Assessment.assessed_on),
        overdue,
        ScoreCacheRow.alignment_index,
        ScoreCacheRow.binding_layer,
        ScoreCacheRow.worst_band,
        ScoreCacheRow.patterns,
    ).outerjoin(ScoreCacheRow, ScoreCacheRow.initiative_id == Initiative.id)
    stages, idea = _STAGES, Stage.IDEA
    with _connection(engine_or_store) as conn:
        if ids is None:
            # Streamed from the cursor: at 100,000 rows, holding every result row beside the
            # caller's own rows would cost about 90 MB at the peak.
            for r in conn.execute(query.order_by(Initiative.name, Initiative.id)):
                yield PortfolioRow(r[0], r[1], stages.get(r[2], idea), *r[3:])
            return
        rows: list[Any] = []
        wanted = sorted(ids)
        for start in range(0, len(wanted), _CHUNK):
            part = wanted[start : start + _CHUNK]
            rows += conn.execute(query.where(Initiative.id.in_(part)))
    rows.sort(key=lambda r: (r[1], r[0]))
    for r in rows:
        yield PortfolioRow(r[0], r[1], stages.get(r[2], idea), *r[3:])
