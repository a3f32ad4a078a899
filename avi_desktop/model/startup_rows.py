"""The table's rows read with plain ``sqlite3``, to show them before the store is open.

Opening a portfolio imports SQLAlchemy and the store (about 0.3 s on an idle machine, more once
Qt's import hook is in place) and checks the whole file; a window that waits for that shows an
empty table for most of its start-up. This read costs a few milliseconds and imports nothing
but ``sqlite3``, so the window can show the rows, with their cached scores, at once; the store
opens right after and reads them again (``queries.iter_portfolio_rows``, the one source of
truth: this is a preview of it, the same columns by the same statement, ``ROWS_SELECT``).

It reads only what is safe to read without the store's checks: a plain (not encrypted) file, in
rollback journal mode (a ``mode=ro`` reader of a WAL file would leave ``-wal``/``-shm`` behind;
``database`` explains), at this version's schema head (a file to upgrade is opened, backed up
and upgraded by the store first), of a size read in milliseconds. Anything else, or any SQLite
error, returns None and the window waits for the store as before.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Final, NamedTuple

from avi_desktop.model.domain import Stage
from avi_desktop.model.revisions import REVISIONS
from avi_desktop.model.table_rows import ROWS_SELECT, day_of, stage_of

# Above this many initiatives the read would hold the UI thread too long (the store's worker
# reads them instead); 2,000 rows read in about 20 ms here.
PREVIEW_LIMIT: Final = 2000
_HEADER: Final = b"SQLite format 3\x00"
_ROLLBACK: Final = b"\x01\x01"  # header bytes 18-19: file format versions 1 = rollback journal
# The table's own statement (``table_rows``, which imports no SQLAlchemy at run time), in the
# order ``queries.iter_portfolio_rows`` gives (a test holds the two to the same rows).
_ROWS_SQL: Final = f"{ROWS_SELECT} ORDER BY i.name, i.id"


class PreviewRow(NamedTuple):
    """The fields ``ui.portfolio_model.row_from_query`` reads of a ``queries.PortfolioRow``."""

    id: str
    name: str
    stage: Stage
    business_unit: str
    business_owner: str
    latest_assessment_id: str | None
    latest_assessed_on: date | None
    overdue_actions: int
    alignment_index: float | None
    binding_layer: str | None
    worst_band: str | None
    patterns: str | None


def preview_rows(path: Path, today: date | None = None) -> list[PreviewRow] | None:
    """The table's rows of ``path`` with their cached scores, or None when not safe to read."""
    try:
        with path.open("rb") as handle:
            head = handle.read(20)
    except OSError:
        return None
    if head[:16] != _HEADER or head[18:20] != _ROLLBACK:
        return None
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        return _read(conn, today or date.today())
    except (sqlite3.Error, ValueError):
        return None
    finally:
        conn.close()


def _read(conn: sqlite3.Connection, today: date) -> list[PreviewRow] | None:
    revision = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    if revision != [(REVISIONS[-1],)]:
        return None
    (count,) = conn.execute("SELECT count(*) FROM initiatives").fetchone()
    if count > PREVIEW_LIMIT:
        return None
    return [
        PreviewRow(r[0], r[1], stage_of(r[2]), r[3], r[4], r[5], day_of(r[6]), r[7], *r[8:])
        for r in conn.execute(_ROWS_SQL, (today.isoformat(),))
    ]
