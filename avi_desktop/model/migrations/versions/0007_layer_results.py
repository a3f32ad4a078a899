"""Each initiative's layer results in the score cache: ``score_cache.results``.

Compact JSON of what the committee paper prints per initiative (``model/layer_results.py``),
written with the table's figures so a paper needs no rescoring. Derived data, nullable: rows
written before this revision have none, so the cache is marked stale and rebuilt like any stale
cache (in the background on a writable open, or ``verify --repair-cache``); until then a paper
scores the initiatives as before. No record is changed, so no digest changes.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("score_cache", sa.Column("results", sa.Text(), nullable=True))
    op.execute("UPDATE score_cache_state SET digest = 'stale:' || generation")


def downgrade() -> None:
    with op.batch_alter_table("score_cache") as batch:
        batch.drop_column("results")
