"""Stories for fusion: each document's story and its terms (content words and names).

Documents stored before this revision have no story (each is its own) and no terms: their events
still fuse by date, actors and place, not by story.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("story", sa.String, nullable=True))
        batch.create_index("ix_documents_story", ["story"])
    op.create_table(
        "document_terms",
        sa.Column("document_id", sa.String,
                  sa.ForeignKey("documents.id", ondelete="CASCADE",
                                name="fk_document_terms_document_id_documents"),
                  nullable=False),
        sa.Column("term", sa.String, nullable=False),
        sa.Column("count", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("document_id", "term", name="pk_document_terms"),
    )
    op.create_index("ix_document_terms_term", "document_terms", ["term"])


def downgrade() -> None:
    op.drop_index("ix_document_terms_term", "document_terms")
    op.drop_table("document_terms")
    with op.batch_alter_table("documents") as batch:
        batch.drop_index("ix_documents_story")
        batch.drop_column("story")
