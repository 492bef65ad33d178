"""The tables of the store, as SQLAlchemy Core metadata.

Portable types only (String, Text, Integer, Double, Boolean, Date, DateTime, JSON), so the same
schema runs on SQLite and PostgreSQL. Strings carry no length: PostgreSQL would reject a long name
that SQLite takes, and the two backends must behave alike. The migrations in
`migrations/versions/` create these tables; a test checks that the migrated database and this
metadata agree.

A date (`TimeSpan`) is stored as six columns sharing a prefix: `<p>_value`, `<p>_earliest`,
`<p>_latest`, `<p>_precision`, `<p>_estimated`, `<p>_unresolved`. Evidence is stored as
`sentence`, `sentence_text`, `start`, `end` (offsets into `documents.text`).
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Double,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

__all__ = [
    "metadata",
    "documents",
    "document_terms",
    "sentences",
    "entities",
    "aliases",
    "document_entities",
    "mentions",
    "events",
    "event_mentions",
    "event_actors",
    "timexes",
    "figures",
    "quotes",
    "span_columns",
]

# Named constraints so migrations can alter them on every backend.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


def span_columns(prefix: str) -> list[Column]:
    """The six columns of a stored TimeSpan."""
    return [
        Column(f"{prefix}_value", String),
        Column(f"{prefix}_earliest", Date),
        Column(f"{prefix}_latest", Date),
        Column(f"{prefix}_precision", String),
        Column(f"{prefix}_estimated", Boolean, nullable=False, default=False),
        Column(f"{prefix}_unresolved", Boolean, nullable=False, default=False),
    ]


def _doc_fk() -> Column:
    return Column(
        "document_id",
        String,
        ForeignKey("documents.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )


def _evidence_columns() -> list[Column]:
    return [
        Column("sentence", Integer, nullable=False),
        Column("sentence_text", Text, nullable=False),
        Column("start", Integer, nullable=False),
        Column("end", Integer, nullable=False),
    ]


documents = Table(
    "documents",
    metadata,
    Column("id", String, primary_key=True),  # content id (model.content_id)
    Column("source", Text, nullable=False),
    Column("url", Text),
    Column("title", Text),
    Column("outlet", String),
    Column("author", String),
    Column("published", Date),
    Column("published_earliest", Date),
    Column("published_latest", Date),
    Column("published_estimated", Boolean, nullable=False, default=False),
    Column("text", Text, nullable=False),
    Column("stripped", JSON, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    # The story (articles about one happening) fusion put it in: the id of its first article.
    Column("story", String, index=True),
)

# Each article's content words and names with their counts (sitrep.fuse.stories), for the
# TF-IDF similarity of a new article to the stored ones.
document_terms = Table(
    "document_terms",
    metadata,
    Column("document_id", String, ForeignKey("documents.id", ondelete="CASCADE"),
           primary_key=True),
    Column("term", String, primary_key=True),
    Column("count", Integer, nullable=False),
    Index("ix_document_terms_term", "term"),
)

sentences = Table(
    "sentences",
    metadata,
    Column("document_id", String, ForeignKey("documents.id", ondelete="CASCADE"),
           primary_key=True),
    Column("sentence", Integer, primary_key=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
)

entities = Table(
    "entities",
    metadata,
    Column("key", String, primary_key=True),
    Column("name", Text, nullable=False),
    Column("type", String, nullable=False),
    Column("sector", String),
    Column("country", String),
    Column("wikidata", String),
    Column("place_name", Text),
    Column("place_lat", Double),
    Column("place_lon", Double),
    Column("place_country", String),
    Column("place_admin1", String),
    Column("place_feature", String),
    Column("place_precision", String),
    Column("place_geonameid", Integer),
)

aliases = Table(
    "aliases",
    metadata,
    Column("entity_key", String, ForeignKey("entities.key", ondelete="CASCADE"),
           primary_key=True),
    Column("alias", String, primary_key=True),
)

# Which entities a document mentions, so get_document() can give back Document.entities.
document_entities = Table(
    "document_entities",
    metadata,
    Column("document_id", String, ForeignKey("documents.id", ondelete="CASCADE"),
           primary_key=True),
    Column("entity_key", String, ForeignKey("entities.key", ondelete="CASCADE"),
           primary_key=True, index=True),
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _doc_fk(),
    Column("position", Integer, nullable=False),
    Column("sentence", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("label", String, nullable=False),
    Column("kind", String, nullable=False),
    Column("entity_key", String, index=True),  # no FK: a mention may stay unresolved
)

# One row per fused (real-world) event; re-consolidated from its mentions on every add.
events = Table(
    "events",
    metadata,
    Column("id", String, primary_key=True),
    Column("type", String, nullable=False, index=True),
    Column("summary", Text, nullable=False),
    Column("status", String, nullable=False),
    Column("background", Boolean, nullable=False, default=False),
    *span_columns("date"),
    Column("location_name", Text),
    Column("location_lat", Double),
    Column("location_lon", Double),
    Column("location_country", String),
    Column("n_sources", Integer, nullable=False, default=0),
    Index("ix_events_date", "date_earliest", "date_latest"),
)

event_mentions = Table(
    "event_mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String, ForeignKey("events.id", ondelete="CASCADE"),
           nullable=False, index=True),
    _doc_fk(),
    Column("position", Integer, nullable=False),
    *_evidence_columns(),
    Column("trigger", Text, nullable=False),
    Column("lemma", String),  # migration 0002
    Column("type", String, nullable=False),
    Column("mode", String),
    Column("summary", Text, nullable=False),
    Column("status", String, nullable=False),
    Column("negated", Boolean, nullable=False, default=False),
    Column("background", Boolean, nullable=False, default=False),
    Column("confidence", Double, nullable=False),
    *span_columns("date"),
    Column("timex", Integer),
    Column("actors", JSON, nullable=False),  # [{entity, name, role}]
    Column("location", JSON(none_as_null=True)),  # Place fields or NULL
)

# The actors of each event mention, one row each, so actor filters are plain indexed SQL.
event_actors = Table(
    "event_actors",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("mention_id", Integer, ForeignKey("event_mentions.id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("event_id", String, ForeignKey("events.id", ondelete="CASCADE"),
           nullable=False, index=True),
    Column("entity_key", String, index=True),
    Column("name", Text, nullable=False),
    Column("role", String, nullable=False),
)

timexes = Table(
    "timexes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _doc_fk(),
    Column("position", Integer, nullable=False),
    Column("sentence", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("type", String, nullable=False),
    Column("value", String, nullable=False),
    *span_columns("span"),
    Column("anchor", String),
)

figures = Table(
    "figures",
    metadata,
    Column("id", String, primary_key=True),  # "<document id>:f<position>"
    _doc_fk(),
    Column("position", Integer, nullable=False),
    *_evidence_columns(),
    Column("value", Double, nullable=False),
    Column("unit", String, nullable=False),
    Column("subject", Text, nullable=False),
    Column("measure", String),
    Column("qualifier", String),
    Column("text", Text, nullable=False),
    *span_columns("date"),
    Column("source", Text),  # who gives the figure, when the text says
)

quotes = Table(
    "quotes",
    metadata,
    Column("id", String, primary_key=True),  # "<document id>:q<position>"
    _doc_fk(),
    Column("position", Integer, nullable=False),
    *_evidence_columns(),
    Column("speaker_key", String, index=True),  # no FK: the speaker may be unresolved
    Column("speaker_name", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("cue", String),
    Column("kind", String, nullable=False),
    Column("stance", String),
    Column("topic", Text),
    Column("has_date", Boolean, nullable=False, default=False),  # Quote.date may be None
    *span_columns("date"),
)
