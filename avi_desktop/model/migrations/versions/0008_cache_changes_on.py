"""The first day time alone could change a cached row: ``score_cache.changes_on``.

The Pilot Trap counts months at a pilot stage, so a cached pattern can change with the date and
nothing else. Until this revision the whole cache was stale the day after it was computed, and a
large portfolio was rebuilt every morning; each row now keeps the first day its figures could
change (``patterns.changes_on``), indexed so the earliest is read at once. Derived data: rows
written before hold NULL, so the cache is marked stale and rebuilt like any stale cache. No
record is changed, so no digest changes.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("score_cache", sa.Column("changes_on", sa.Date(), nullable=True))
    op.create_index("ix_score_cache_changes_on", "score_cache", ["changes_on"])
    op.execute("UPDATE score_cache_state SET digest = 'stale:' || generation")


def downgrade() -> None:
    op.drop_index("ix_score_cache_changes_on", table_name="score_cache")
    with op.batch_alter_table("score_cache") as batch:
        batch.drop_column("changes_on")
