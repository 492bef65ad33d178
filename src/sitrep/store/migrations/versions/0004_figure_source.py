"""Figures keep who gives them ("a security source put the toll at 400"), so one article's
sources can disagree. Figures stored before this revision have no source.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("figures") as batch:
        batch.add_column(sa.Column("source", sa.Text, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("figures") as batch:
        batch.drop_column("source")
