"""Initial schema: documents, sentences, entities, mentions, events, timexes, figures, quotes.

Revision ID: 0001
Revises:
Create Date: 2026-11-21

Written out in full rather than imported from schema.py: a migration is frozen history and must
keep creating the same tables when schema.py moves on.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_DOC = "documents.id"


def _span(prefix: str) -> list[sa.Column]:
    return [
        sa.Column(f"{prefix}_value", sa.String),
        sa.Column(f"{prefix}_earliest", sa.Date),
        sa.Column(f"{prefix}_latest", sa.Date),
        sa.Column(f"{prefix}_precision", sa.String),
        sa.Column(f"{prefix}_estimated", sa.Boolean, nullable=False),
        sa.Column(f"{prefix}_unresolved", sa.Boolean, nullable=False),
    ]


def _doc_fk(table: str) -> sa.Column:
    return sa.Column(
        "document_id", sa.String,
        sa.ForeignKey(_DOC, ondelete="CASCADE", name=f"fk_{table}_document_id_documents"),
        nullable=False,
    )


def _evidence() -> list[sa.Column]:
    return [
        sa.Column("sentence", sa.Integer, nullable=False),
        sa.Column("sentence_text", sa.Text, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
    ]


def _pk(table: str, *cols: str) -> sa.PrimaryKeyConstraint:
    return sa.PrimaryKeyConstraint(*cols, name=f"pk_{table}")


def _index(table: str, *cols: str, name: str | None = None) -> None:
    op.create_index(name or f"ix_{table}_{cols[0]}", table, list(cols))


def upgrade() -> None:
    _create_documents_and_entities()
    _create_facts()
    _create_events()


def _create_documents_and_entities() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("outlet", sa.String),
        sa.Column("author", sa.String),
        sa.Column("published", sa.Date),
        sa.Column("published_earliest", sa.Date),
        sa.Column("published_latest", sa.Date),
        sa.Column("published_estimated", sa.Boolean, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("stripped", sa.JSON, nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        _pk("documents", "id"),
    )
    op.create_table(
        "sentences",
        sa.Column("document_id", sa.String,
                  sa.ForeignKey(_DOC, ondelete="CASCADE",
                                name="fk_sentences_document_id_documents")),
        sa.Column("sentence", sa.Integer),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        _pk("sentences", "document_id", "sentence"),
    )
    op.create_table(
        "entities",
        sa.Column("key", sa.String),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("type", sa.String, nullable=False),
        sa.Column("sector", sa.String),
        sa.Column("country", sa.String),
        sa.Column("wikidata", sa.String),
        sa.Column("place_name", sa.Text),
        sa.Column("place_lat", sa.Double),
        sa.Column("place_lon", sa.Double),
        sa.Column("place_country", sa.String),
        sa.Column("place_admin1", sa.String),
        sa.Column("place_feature", sa.String),
        sa.Column("place_precision", sa.String),
        sa.Column("place_geonameid", sa.Integer),
        _pk("entities", "key"),
    )
    op.create_table(
        "aliases",
        sa.Column("entity_key", sa.String,
                  sa.ForeignKey("entities.key", ondelete="CASCADE",
                                name="fk_aliases_entity_key_entities")),
        sa.Column("alias", sa.String),
        _pk("aliases", "entity_key", "alias"),
    )
    op.create_table(
        "document_entities",
        sa.Column("document_id", sa.String,
                  sa.ForeignKey(_DOC, ondelete="CASCADE",
                                name="fk_document_entities_document_id_documents")),
        sa.Column("entity_key", sa.String,
                  sa.ForeignKey("entities.key", ondelete="CASCADE",
                                name="fk_document_entities_entity_key_entities")),
        _pk("document_entities", "document_id", "entity_key"),
    )
    _index("document_entities", "entity_key")


def _create_facts() -> None:
    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer, autoincrement=True),
        _doc_fk("mentions"),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("sentence", sa.Integer, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("label", sa.String, nullable=False),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("entity_key", sa.String),
        _pk("mentions", "id"),
    )
    _index("mentions", "document_id")
    _index("mentions", "entity_key")
    op.create_table(
        "timexes",
        sa.Column("id", sa.Integer, autoincrement=True),
        _doc_fk("timexes"),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("sentence", sa.Integer, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("type", sa.String, nullable=False),
        sa.Column("value", sa.String, nullable=False),
        *_span("span"),
        sa.Column("anchor", sa.String),
        _pk("timexes", "id"),
    )
    _index("timexes", "document_id")
    op.create_table(
        "figures",
        sa.Column("id", sa.String),
        _doc_fk("figures"),
        sa.Column("position", sa.Integer, nullable=False),
        *_evidence(),
        sa.Column("value", sa.Double, nullable=False),
        sa.Column("unit", sa.String, nullable=False),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("measure", sa.String),
        sa.Column("qualifier", sa.String),
        sa.Column("text", sa.Text, nullable=False),
        *_span("date"),
        _pk("figures", "id"),
    )
    _index("figures", "document_id")
    op.create_table(
        "quotes",
        sa.Column("id", sa.String),
        _doc_fk("quotes"),
        sa.Column("position", sa.Integer, nullable=False),
        *_evidence(),
        sa.Column("speaker_key", sa.String),
        sa.Column("speaker_name", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("cue", sa.String),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("stance", sa.String),
        sa.Column("topic", sa.Text),
        sa.Column("has_date", sa.Boolean, nullable=False),
        *_span("date"),
        _pk("quotes", "id"),
    )
    _index("quotes", "document_id")
    _index("quotes", "speaker_key")


def _create_events() -> None:
    op.create_table(
        "events",
        sa.Column("id", sa.String),
        sa.Column("type", sa.String, nullable=False),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("status", sa.String, nullable=False),
        sa.Column("background", sa.Boolean, nullable=False),
        *_span("date"),
        sa.Column("location_name", sa.Text),
        sa.Column("location_lat", sa.Double),
        sa.Column("location_lon", sa.Double),
        sa.Column("location_country", sa.String),
        sa.Column("n_sources", sa.Integer, nullable=False),
        _pk("events", "id"),
    )
    _index("events", "type")
    _index("events", "date_earliest", "date_latest", name="ix_events_date")
    op.create_table(
        "event_mentions",
        sa.Column("id", sa.Integer, autoincrement=True),
        sa.Column("event_id", sa.String,
                  sa.ForeignKey("events.id", ondelete="CASCADE",
                                name="fk_event_mentions_event_id_events"),
                  nullable=False),
        _doc_fk("event_mentions"),
        sa.Column("position", sa.Integer, nullable=False),
        *_evidence(),
        sa.Column("trigger", sa.Text, nullable=False),
        sa.Column("type", sa.String, nullable=False),
        sa.Column("mode", sa.String),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("status", sa.String, nullable=False),
        sa.Column("negated", sa.Boolean, nullable=False),
        sa.Column("background", sa.Boolean, nullable=False),
        sa.Column("confidence", sa.Double, nullable=False),
        *_span("date"),
        sa.Column("timex", sa.Integer),
        sa.Column("actors", sa.JSON, nullable=False),
        sa.Column("location", sa.JSON(none_as_null=True)),
        _pk("event_mentions", "id"),
    )
    _index("event_mentions", "event_id")
    _index("event_mentions", "document_id")
    op.create_table(
        "event_actors",
        sa.Column("id", sa.Integer, autoincrement=True),
        sa.Column("mention_id", sa.Integer,
                  sa.ForeignKey("event_mentions.id", ondelete="CASCADE",
                                name="fk_event_actors_mention_id_event_mentions"),
                  nullable=False),
        sa.Column("event_id", sa.String,
                  sa.ForeignKey("events.id", ondelete="CASCADE",
                                name="fk_event_actors_event_id_events"),
                  nullable=False),
        sa.Column("entity_key", sa.String),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("role", sa.String, nullable=False),
        _pk("event_actors", "id"),
    )
    _index("event_actors", "mention_id")
    _index("event_actors", "event_id")
    _index("event_actors", "entity_key")


def downgrade() -> None:
    for table in ("event_actors", "event_mentions", "events", "quotes", "figures", "timexes",
                  "mentions", "document_entities", "aliases", "entities", "sentences",
                  "documents"):
        op.drop_table(table)
