"""Index assessments by initiative and date, so each initiative's latest one is found quickly.

The portfolio table reads every initiative's latest assessment in one query; at 100,000
initiatives this covering index turns that into one short index seek per initiative.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_assessments_initiative_assessed",
        "assessments",
        ["initiative_id", "assessed_on", "created_at", "id"],
    )


def downgrade() -> None:
    op.drop_index("ix_assessments_initiative_assessed", table_name="assessments")
