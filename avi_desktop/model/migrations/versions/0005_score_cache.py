"""The score cache: each initiative's latest table figures, so opening needs no rescoring.

Derived data only (``model/score_cache.py``): the tables are created empty with a state that
says "stale", so the first writable open rebuilds the cache in the background and a read-only
open computes scores in memory as before. No record is changed, so no digest changes.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "score_cache",
        sa.Column(
            "initiative_id",
            sa.String(length=36),
            sa.ForeignKey("initiatives.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("alignment_index", sa.Float(), nullable=True),
        sa.Column("binding_layer", sa.String(length=32), nullable=True),
        sa.Column("worst_band", sa.String(length=32), nullable=True),
        sa.Column("patterns", sa.Text(), nullable=False),
        sa.Column("generation", sa.Integer(), nullable=False),
    )
    op.create_table(
        "score_cache_state",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("digest", sa.String(length=80), nullable=False),
        sa.Column("generation", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
    )
    op.execute(
        "INSERT INTO score_cache_state (id, digest, generation, updated_at) "
        "VALUES (1, 'stale:0', 0, NULL)"
    )


def downgrade() -> None:
    op.drop_table("score_cache_state")
    op.drop_table("score_cache")
