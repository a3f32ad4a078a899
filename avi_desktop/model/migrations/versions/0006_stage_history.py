"""The stages an initiative has been in: ``initiatives.stage_history``.

A JSON list of ``{"stage": key, "since": "YYYY-MM-DD"}``, oldest first, of the stages the
initiative has left (the current stage stays in ``stage`` and ``stage_since``). The store
appends the stage being left whenever the stage changes, so the Pilot Trap can count the whole
time since the initiative left the idea stage and recognise a pause after a pilot.

Rows written before this revision keep ``[]``: only their current stage is known, and no
history is invented for them. The column has a default, so their record digests are unchanged.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("initiatives") as batch:
        batch.add_column(sa.Column("stage_history", sa.JSON(), nullable=False, server_default="[]"))


def downgrade() -> None:
    with op.batch_alter_table("initiatives") as batch:
        batch.drop_column("stage_history")
