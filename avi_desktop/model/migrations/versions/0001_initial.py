"""Initial schema: the portfolio tables as first released.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_events",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("entity", sa.String(length=64), nullable=False),
        sa.Column("entity_id", sa.String(length=64), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("prev_digest", sa.String(length=64), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq"),
        sa.UniqueConstraint("digest"),
    )
    op.create_table(
        "initiatives",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("business_problem", sa.Text(), nullable=False),
        sa.Column("expected_output", sa.Text(), nullable=False),
        sa.Column("output_use", sa.Text(), nullable=False),
        sa.Column("kpi_name", sa.String(length=200), nullable=False),
        sa.Column("kpi_unit", sa.String(length=50), nullable=False),
        sa.Column("kpi_baseline", sa.Float(), nullable=True),
        sa.Column("kpi_target", sa.Float(), nullable=True),
        sa.Column("business_unit", sa.String(length=200), nullable=False),
        sa.Column("business_owner", sa.String(length=200), nullable=False),
        sa.Column("data_ai_partner", sa.String(length=200), nullable=False),
        sa.Column("sponsor", sa.String(length=200), nullable=False),
        sa.Column("stage", sa.String(length=32), nullable=False),
        sa.Column("stage_since", sa.Date(), nullable=False),
        sa.Column("investment_to_date", sa.Float(), nullable=True),
        sa.Column("affected_groups", sa.JSON(), nullable=False),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("targets", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_initiatives_business_owner", "initiatives", ["business_owner"])
    op.create_index("ix_initiatives_business_unit", "initiatives", ["business_unit"])
    op.create_index("ix_initiatives_name", "initiatives", ["name"])
    op.create_index("ix_initiatives_stage", "initiatives", ["stage"])

    op.create_table(
        "settings",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "stated_values",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "actions",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("initiative_id", sa.String(length=36), nullable=False),
        sa.Column("imperative", sa.String(length=32), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("owner", sa.String(length=200), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("source", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["initiative_id"], ["initiatives.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_actions_initiative_id", "actions", ["initiative_id"])

    op.create_table(
        "assessments",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("initiative_id", sa.String(length=36), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("instrument_id", sa.String(length=64), nullable=False),
        sa.Column("instrument_version", sa.String(length=32), nullable=False),
        sa.Column("assessed_on", sa.Date(), nullable=False),
        sa.Column("mode", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("targets", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint("mode IN ('individual', 'workshop')", name="ck_assessment_mode"),
        sa.CheckConstraint("status IN ('draft', 'open', 'closed')", name="ck_assessment_status"),
        sa.ForeignKeyConstraint(["initiative_id"], ["initiatives.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_assessments_initiative_id", "assessments", ["initiative_id"])

    op.create_table(
        "decisions",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("initiative_id", sa.String(length=36), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("situation", sa.Text(), nullable=False),
        sa.Column("actual_logic", sa.Text(), nullable=False),
        sa.Column("cost_of_decision_not_made", sa.Text(), nullable=False),
        sa.Column("decided_by", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["initiative_id"], ["initiatives.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_decisions_initiative_id", "decisions", ["initiative_id"])

    op.create_table(
        "necessity_assessments",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("initiative_id", sa.String(length=36), nullable=False),
        sa.Column("instrument_id", sa.String(length=64), nullable=False),
        sa.Column("instrument_version", sa.String(length=32), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("outcome", sa.String(length=32), nullable=False),
        sa.Column("conditions", sa.JSON(), nullable=False),
        sa.Column("rationale", sa.Text(), nullable=False),
        sa.Column("decided_by", sa.String(length=200), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["initiative_id"], ["initiatives.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_necessity_assessments_initiative_id", "necessity_assessments", ["initiative_id"]
    )

    op.create_table(
        "decision_values",
        sa.Column("decision_id", sa.String(length=36), nullable=False),
        sa.Column("value_id", sa.String(length=36), nullable=False),
        sa.Column("stance", sa.String(length=16), nullable=False),
        sa.CheckConstraint("stance IN ('upheld', 'departed')", name="ck_decision_stance"),
        sa.ForeignKeyConstraint(["decision_id"], ["decisions.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["value_id"], ["stated_values.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("decision_id", "value_id"),
    )
    op.create_table(
        "respondents",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("assessment_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=200), nullable=False),
        sa.Column("stakeholder_group", sa.String(length=32), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["assessment_id"], ["assessments.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_respondents_assessment_id", "respondents", ["assessment_id"])

    op.create_table(
        "answers",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("respondent_id", sa.String(length=36), nullable=False),
        sa.Column("item_id", sa.String(length=32), nullable=False),
        sa.Column("score", sa.Integer(), nullable=True),
        sa.Column("not_applicable", sa.Boolean(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "(not_applicable = 1 AND score IS NULL) OR "
            "(not_applicable = 0 AND score BETWEEN 1 AND 5)",
            name="ck_answer_score",
        ),
        sa.ForeignKeyConstraint(["respondent_id"], ["respondents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("respondent_id", "item_id", name="uq_answer_item"),
    )
    op.create_index("ix_answers_respondent_id", "answers", ["respondent_id"])


def downgrade() -> None:
    op.drop_index("ix_answers_respondent_id", table_name="answers")

    op.drop_table("answers")
    op.drop_index("ix_respondents_assessment_id", table_name="respondents")

    op.drop_table("respondents")
    op.drop_table("decision_values")
    op.drop_index("ix_necessity_assessments_initiative_id", table_name="necessity_assessments")

    op.drop_table("necessity_assessments")
    op.drop_index("ix_decisions_initiative_id", table_name="decisions")

    op.drop_table("decisions")
    op.drop_index("ix_assessments_initiative_id", table_name="assessments")

    op.drop_table("assessments")
    op.drop_index("ix_actions_initiative_id", table_name="actions")

    op.drop_table("actions")
    op.drop_table("stated_values")
    op.drop_table("settings")
    op.drop_index("ix_initiatives_stage", table_name="initiatives")
    op.drop_index("ix_initiatives_name", table_name="initiatives")
    op.drop_index("ix_initiatives_business_unit", table_name="initiatives")
    op.drop_index("ix_initiatives_business_owner", table_name="initiatives")

    op.drop_table("initiatives")
    op.drop_table("audit_events")
