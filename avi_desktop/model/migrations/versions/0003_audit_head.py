"""Keep the audit chain's head (last sequence number and digest) in its own one-row table.

``verify`` compares the chain's last event with it, so deleting events from the end of the
trail shows; it is filled here from the file's last event. In an encrypted file it also holds
the chain's HMAC key, wrapped under a key derived from the passphrase (set on the first write
after this revision: older events stay chained by plain SHA-256).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("key_salt", sa.String(length=64), nullable=True),
        sa.Column("wrapped_key", sa.String(length=128), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.execute(
        "INSERT INTO audit_head (id, seq, digest) "
        "SELECT 1, seq, digest FROM audit_events ORDER BY seq DESC LIMIT 1"
    )


def downgrade() -> None:
    op.drop_table("audit_head")
