"""The portfolio table's rows with their cached scores, read through the DB-API cursor.

``queries.iter_portfolio_rows`` gives the same rows through SQLAlchemy Core; at 100,000
initiatives its per-row result processing (dates parsed, rows built twice) costs several times
what SQLite takes to run the statement, and it orders by name through the name index, which
reads the wide initiatives table in random order. Here the statement is plain SQL run on the
engine's own DB-API connection (sqlite3, or sqlcipher3 for an encrypted file), in table order;
SQLite runs it without holding Python's lock, so a worker reading it leaves the UI thread free.
The table sorts the rows itself.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from datetime import date
from typing import TYPE_CHECKING, Any, Final

from avi_desktop.model.domain import CLOSED_ACTIONS as CLOSED
from avi_desktop.model.domain import Stage

if TYPE_CHECKING:  # the table's module imports this one: no SQLAlchemy on the UI thread
    from sqlalchemy import Connection

_CHUNK = 500  # ids per statement: SQLite limits bound parameters
_BATCH = 2_000  # rows fetched per call: the list of 100,000 is never held twice
# A stage written by a newer version shows as an idea rather than failing the whole list.
_STAGES: dict[str, Stage] = {stage.value: stage for stage in Stage}
_CLOSED_SQL = ", ".join(f"'{status.value}'" for status in sorted(CLOSED))


def _latest(column: str) -> str:
    return (
        f"(SELECT a.{column} FROM assessments a WHERE a.initiative_id = i.id "
        "ORDER BY a.assessed_on DESC, a.created_at DESC LIMIT 1)"
    )


# The table's columns of ``queries.iter_portfolio_rows``, in ``COLUMNS``'s order, with one
# parameter (today, as ISO text, for the overdue count). ``startup_rows`` runs it too.
ROWS_SELECT: Final = (
    "SELECT i.id, i.name, i.stage, i.business_unit, i.business_owner, "
    f"{_latest('id')}, {_latest('assessed_on')}, "
    "(SELECT count(*) FROM actions x WHERE x.initiative_id = i.id AND x.due_on < ? "
    f"AND x.status NOT IN ({_CLOSED_SQL})), "
    "s.alignment_index, s.binding_layer, s.worst_band, s.patterns "
    "FROM initiatives i LEFT JOIN score_cache s ON s.initiative_id = i.id"
)


# The columns of each row ``iter_table_rows`` yields, in order. Rows are the cursor's own tuples:
# at 100,000 rows a second object per row costs a fifth of a second, so the table builds its
# rows straight from these, with ``stage_of`` and ``day_of`` for the two values stored as text.
COLUMNS: Final = (
    "id",
    "name",
    "stage",
    "business_unit",
    "business_owner",
    "latest_assessment_id",
    "latest_assessed_on",
    "overdue_actions",
    "alignment_index",
    "binding_layer",
    "worst_band",
    "patterns",
)


def stage_of(stored: str | None) -> Stage:
    """The stage stored as its key (an unknown one, from a newer version, shows as an idea)."""
    return _STAGES.get(stored or "", Stage.IDEA)


def day_of(stored: str | None) -> date | None:
    """A date stored as ISO text, read as SQLAlchemy's ``Date`` reads it."""
    return None if stored is None else date.fromisoformat(stored)


def iter_table_rows(
    conn: Connection, today: date | None = None, ids: Collection[str] | None = None
) -> Iterator[tuple[Any, ...]]:
    """Every initiative (or only ``ids``), in the file's order, within ``conn``'s transaction:
    tuples of ``COLUMNS``, the values ``queries.iter_portfolio_rows`` gives once ``stage_of``
    and ``day_of`` have read the stage and the date (a test compares them).
    """
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    due = (today or date.today()).isoformat()
    try:
        if ids is None:
            yield from _fetch(cursor, ROWS_SELECT, [due])
        else:
            wanted = sorted(ids)
            for start in range(0, len(wanted), _CHUNK):
                part = wanted[start : start + _CHUNK]
                marks = ", ".join("?" * len(part))
                yield from _fetch(cursor, f"{ROWS_SELECT} WHERE i.id IN ({marks})", [due, *part])
    finally:
        cursor.close()


def _fetch(cursor: Any, sql: str, params: list[Any]) -> Iterator[tuple[Any, ...]]:
    cursor.execute(sql, params)
    while batch := cursor.fetchmany(_BATCH):
        yield from batch
