"""Fields the decision log, realised value and the necessity record need.

- decisions: the pressure at stake and who would have argued differently (PRODUCT.md §2);
- stated values: the date a value was retired (a value a decision refers to is never deleted);
- initiatives: the KPI's actual values over time (``kpi_actuals``, a JSON list of
  ``{"date", "value"}`` oldest first) and success criteria per affected stakeholder group
  (``success_criteria``, a JSON object keyed by group);
- necessity assessments: whether the assessment came before the technology decision (NULL
  where it was never recorded, as in every file written before this revision).

Every new column is nullable or has a default, so existing rows read exactly as before and
their record digests change only where a later edit changes them.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("decisions") as batch:
        batch.add_column(sa.Column("pressure", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("argued_by", sa.Text(), nullable=False, server_default=""))
    with op.batch_alter_table("stated_values") as batch:
        batch.add_column(sa.Column("retired_on", sa.Date(), nullable=True))
    with op.batch_alter_table("initiatives") as batch:
        batch.add_column(sa.Column("kpi_actuals", sa.JSON(), nullable=False, server_default="[]"))
        batch.add_column(
            sa.Column("success_criteria", sa.JSON(), nullable=False, server_default="{}")
        )
    with op.batch_alter_table("necessity_assessments") as batch:
        batch.add_column(sa.Column("before_technology_decision", sa.Boolean(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("necessity_assessments") as batch:
        batch.drop_column("before_technology_decision")
    with op.batch_alter_table("initiatives") as batch:
        batch.drop_column("success_criteria")
        batch.drop_column("kpi_actuals")
    with op.batch_alter_table("stated_values") as batch:
        batch.drop_column("retired_on")
    with op.batch_alter_table("decisions") as batch:
        batch.drop_column("argued_by")
        batch.drop_column("pressure")
