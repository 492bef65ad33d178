"""The one store interface: SQLite by default, PostgreSQL through the same code.

`Store.open()` brings the schema to the newest migration, then every write is one transaction
per document. Nothing above this module knows which database is behind it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Mapping, Sequence
from datetime import UTC, date, datetime
from hashlib import sha256
from pathlib import Path
from types import TracebackType
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.util.exc import CommandError
from sqlalchemy import (
    Connection,
    Engine,
    create_engine,
    delete,
    event,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.pool import StaticPool

from sitrep.model import Document, Entity, Event, Figure, FusedEvent, Quote
from sitrep.store import _read
from sitrep.store import schema as t
from sitrep.store._codec import (
    event_values,
    evidence_values,
    place_columns,
    span_values,
)
from sitrep.store.consolidation import consolidate

__all__ = ["Store", "StoreError", "MIGRATIONS", "alembic_config", "migrate"]

MIGRATIONS = Path(__file__).with_name("migrations")


class StoreError(RuntimeError):
    """The store cannot be opened or used as asked; the message says what to do."""


def _engine(url_or_path: str) -> Engine:
    """A plain path is a SQLite file (its folder is created); anything with :// is a URL."""
    kwargs: dict[str, Any] = {}
    if "://" in url_or_path:
        url: URL | str = make_url(url_or_path)
        if isinstance(url, URL) and url.drivername in ("postgresql", "postgres"):
            url = url.set(drivername="postgresql+psycopg")  # the driver sitrep[postgres] installs
    elif url_or_path == ":memory:":
        url, kwargs = "sqlite://", {"poolclass": StaticPool,
                                    "connect_args": {"check_same_thread": False}}
    else:
        path = Path(url_or_path).expanduser()
        path.parent.mkdir(parents=True, exist_ok=True)
        url = URL.create("sqlite", database=str(path))
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_on_connect)
    return engine


def _lower(value: str | None) -> str | None:
    return value.lower() if isinstance(value, str) else value


def _sqlite_on_connect(dbapi_conn: Any, _record: Any) -> None:
    # SQLite leaves foreign keys off unless asked, per connection; ON DELETE CASCADE needs them.
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    # Readers (the web server) and one writer (an ingest) at once: write-ahead log, and a
    # writer waits for the lock instead of failing at once. In-memory databases keep theirs.
    cur.execute("PRAGMA busy_timeout=10000")
    if cur.execute("PRAGMA journal_mode").fetchone()[0].lower() not in ("memory", "wal"):
        cur.execute("PRAGMA journal_mode=WAL")
    cur.close()
    # SQLite's lower() only folds ASCII; case-insensitive matching of "Élysée" needs Unicode.
    dbapi_conn.create_function("lower", 1, _lower, deterministic=True)


def alembic_config() -> Config:
    """Alembic configured in code: the migrations ship inside the package, no alembic.ini."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    return cfg


def migrate(engine: Engine) -> None:
    """Bring the database to the newest migration."""
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        try:
            command.upgrade(cfg, "head")
        except CommandError as exc:
            raise StoreError(
                f"cannot migrate the store at {engine.url.render_as_string()}: {exc}. "
                "It may have been written by a newer sitrep: upgrade sitrep or use another --db."
            ) from exc


def _fallback_event_id(doc_id: str, position: int) -> str:
    # Fusion assigns ids; an unfused event still needs a stable one of its own.
    return "u" + sha256(f"{doc_id}:{position}".encode()).hexdigest()[:15]


class Store:
    """Documents and their facts, fused events, entities, figures and quotes."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, url_or_path: str | Path) -> Store:
        """Open (creating if needed) a store: a SQLite path, `sqlite:///...`, or
        `postgresql+psycopg://...`; migrations run to head."""
        engine = _engine(str(url_or_path))
        migrate(engine)
        return cls(engine)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.engine.url.render_as_string(hide_password=True)!r})"

    # -- writes --------------------------------------------------------------------------------

    def add_document(self, doc: Document, *,
                     merges: Mapping[str, Collection[str]] | None = None) -> bool:
        """Store a document and all its facts in one transaction; False if already stored.

        `merges` (from fusion) folds stored events into another (kept id -> folded ids): this
        document showed them to be one event. Done in the same transaction.
        """
        for attempt in (1, 2):
            try:
                return self._add(doc, merges or {})
            except IntegrityError:
                if self.has_document(doc.id):  # a concurrent writer stored it first
                    return False
                if attempt == 2:
                    raise
                # Another writer created one of our new entities or events meanwhile: the
                # second attempt sees them and merges instead of inserting.
        raise AssertionError("unreachable")

    def _add(self, doc: Document, merges: Mapping[str, Collection[str]]) -> bool:
        with self.engine.begin() as conn:
            if _exists(conn, doc.id):
                return False
            self._merge_events(conn, merges)
            if doc.story and doc.story_joins:  # this article showed stories to be one
                conn.execute(update(t.documents).where(t.documents.c.story.in_(doc.story_joins))
                             .values(story=doc.story))
            self._insert_document(conn, doc)
            self._upsert_entities(conn, doc)
            self._insert_mentions(conn, doc)
            self._insert_timexes(conn, doc)
            self._insert_events(conn, doc)
            self._insert_figures(conn, doc)
            self._insert_quotes(conn, doc)
        return True

    def _insert_document(self, conn: Connection, doc: Document) -> None:
        lo, hi = doc.published_range or (None, None)
        conn.execute(insert(t.documents).values(
            id=doc.id, source=doc.source, url=doc.url, title=doc.title, outlet=doc.outlet,
            author=doc.author, published=doc.published, published_earliest=lo,
            published_latest=hi, published_estimated=doc.published_estimated, text=doc.text,
            stripped=list(doc.stripped), ingested_at=datetime.now(UTC), story=doc.story,
        ))
        from sitrep.fuse.stories import document_terms  # the index fusion reads back

        terms = [{"document_id": doc.id, "term": w, "count": c}
                 for w, c in sorted(document_terms(doc).items())]
        if terms:
            conn.execute(insert(t.document_terms), terms)
        rows = [{"document_id": doc.id, "sentence": s.index, "start": s.start, "end": s.end,
                 "text": s.text} for s in doc.sentences]
        if rows:
            conn.execute(insert(t.sentences), rows)

    def _upsert_entities(self, conn: Connection, doc: Document) -> None:
        ents = {e.key: e for e in doc.entities.values()}
        if not ents:
            return
        keys = sorted(ents)
        stored = {e.key: e for e in _read.load_entities(conn, keys)}
        new_rows, new_aliases = [], []
        for key in keys:
            ent, old = ents[key], stored.get(key)
            if old is None:
                new_rows.append(_entity_values(ent))
                new_aliases += [(key, a) for a in sorted(ent.aliases - {""})]
                continue
            changes, aliases = _merge_entity(old, ent)
            if changes:
                conn.execute(update(t.entities).where(t.entities.c.key == key).values(changes))
            new_aliases += [(key, a) for a in sorted(aliases)]
        if new_rows:
            conn.execute(insert(t.entities), new_rows)
        if new_aliases:
            conn.execute(insert(t.aliases),
                         [{"entity_key": k, "alias": a} for k, a in new_aliases])
        conn.execute(insert(t.document_entities),
                     [{"document_id": doc.id, "entity_key": k} for k in keys])

    def _insert_mentions(self, conn: Connection, doc: Document) -> None:
        rows = [{"document_id": doc.id, "position": i, "sentence": m.sentence, "start": m.start,
                 "end": m.end, "text": m.text, "label": m.label, "kind": m.kind,
                 "entity_key": m.entity} for i, m in enumerate(doc.mentions)]
        if rows:
            conn.execute(insert(t.mentions), rows)

    def _insert_timexes(self, conn: Connection, doc: Document) -> None:
        rows = [{"document_id": doc.id, "position": i, "sentence": x.sentence, "start": x.start,
                 "end": x.end, "text": x.text, "type": x.type, "value": x.value,
                 "anchor": x.anchor, **span_values(x.span, "span")}
                for i, x in enumerate(doc.timexes)]
        if rows:
            conn.execute(insert(t.timexes), rows)

    def _insert_events(self, conn: Connection, doc: Document) -> None:
        if not doc.events:
            return
        ids = [ev.id or _fallback_event_id(doc.id, i) for i, ev in enumerate(doc.events)]
        by_id: dict[str, list[Event]] = defaultdict(list)
        for eid, ev in zip(ids, doc.events, strict=True):
            by_id[eid].append(ev)
        known = set(conn.scalars(select(t.events.c.id).where(t.events.c.id.in_(list(by_id)))))
        fresh = [_fused_values(consolidate(eid, evs)) for eid, evs in by_id.items()
                 if eid not in known]
        if fresh:
            conn.execute(insert(t.events), fresh)
        rows = [event_values(ev, eid, i) for i, (eid, ev) in enumerate(zip(ids, doc.events,
                                                                            strict=True))]
        for row in rows:  # the evidence belongs to this document whatever it says
            row["document_id"] = doc.id
        em = t.event_mentions
        mention_ids = conn.scalars(
            insert(em).returning(em.c.id, sort_by_parameter_order=True), rows).all()
        actors = [{"mention_id": mid, "event_id": row["event_id"], "entity_key": a["entity"],
                   "name": a["name"], "role": a["role"]}
                  for mid, row in zip(mention_ids, rows, strict=True) for a in row["actors"]]
        if actors:
            conn.execute(insert(t.event_actors), actors)
        self._reconsolidate(conn, sorted(known))

    def _merge_events(self, conn: Connection, merges: Mapping[str, Collection[str]]) -> None:
        """Fold stored events into the kept one: their mentions move, their rows go."""
        folded: dict[str, str] = {}
        for keep, others in merges.items():
            keep = folded.get(keep, keep)
            gone = sorted({o for o in others if o != keep and o not in folded})
            if not gone:
                continue
            for table in (t.event_mentions, t.event_actors):
                conn.execute(update(table).where(table.c.event_id.in_(gone))
                             .values(event_id=keep))
            conn.execute(delete(t.events).where(t.events.c.id.in_(gone)))
            folded.update(dict.fromkeys(gone, keep))
            self._reconsolidate(conn, [keep])

    def _reconsolidate(self, conn: Connection, event_ids: Sequence[str]) -> None:
        """Recompute the fused rows of events that now have mentions from several documents."""
        for eid, mentions in _read.load_mentions(conn, event_ids).items():
            conn.execute(update(t.events).where(t.events.c.id == eid)
                         .values(_fused_values(consolidate(eid, mentions))))

    def _insert_figures(self, conn: Connection, doc: Document) -> None:
        rows = [{"id": f"{doc.id}:f{i}", "document_id": doc.id, "position": i,
                 **evidence_values(f.evidence), "value": float(f.value), "unit": f.unit,
                 "subject": f.subject, "measure": f.measure, "qualifier": f.qualifier,
                 "text": f.text, **span_values(f.date, "date"), "source": f.source}
                for i, f in enumerate(doc.figures)]
        if rows:
            conn.execute(insert(t.figures), rows)

    def _insert_quotes(self, conn: Connection, doc: Document) -> None:
        rows = [{"id": f"{doc.id}:q{i}", "document_id": doc.id, "position": i,
                 **evidence_values(q.evidence), "speaker_key": q.speaker,
                 "speaker_name": q.speaker_name, "text": q.text, "cue": q.cue, "kind": q.kind,
                 "stance": q.stance, "topic": q.topic, "has_date": q.date is not None,
                 **span_values(q.date, "date")}
                for i, q in enumerate(doc.quotes)]
        if rows:
            conn.execute(insert(t.quotes), rows)

    # -- reads ---------------------------------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        with self.engine.connect() as conn:
            return _exists(conn, doc_id)

    def get_document(self, doc_id: str) -> Document:
        """The document with its sentences and facts; entities as merged across documents."""
        with self.engine.connect() as conn:
            doc = _read.load_document(conn, doc_id)
        if doc is None:
            raise KeyError(f"no document {doc_id!r} in the store")
        return doc

    def documents(self, *, with_text: bool = True) -> list[Document]:
        """Document metadata (no sentences or facts), earliest published first."""
        cols = [c for c in t.documents.c if with_text or c.name != "text"]
        q = select(*cols).order_by(*_read.document_order())
        with self.engine.connect() as conn:
            return [_read.document_from_row(r) for r in conn.execute(q).mappings()]

    def fused_events(
        self,
        *,
        ids: Collection[str] | None = None,
        types: Collection[str] | None = None,
        start: date | None = None,
        end: date | None = None,
        actor: str | None = None,
        search: str | None = None,
        include_background: bool = True,
        dated_only: bool = False,
        limit: int | None = None,
    ) -> list[FusedEvent]:
        """Fused events with their mentions, in date order (undated last).

        start/end keep events whose interval overlaps [start, end] (a missing bound on either
        side is open); dated_only drops events with no date bound at all; actor matches an
        entity key, name or alias or an unresolved actor name; search looks in summaries and
        evidence sentences. Matching is case-insensitive.
        """
        q = _read.event_query(ids=ids, types=types, start=start, end=end, actor=actor,
                              search=search, include_background=include_background,
                              dated_only=dated_only, limit=limit)
        with self.engine.connect() as conn:
            return _read.fused_events(conn, q)

    def event_candidates(
        self,
        *,
        types: Collection[str] | None = None,
        earliest: date | None = None,
        latest: date | None = None,
        known: Mapping[str, FusedEvent] | None = None,
    ) -> list[FusedEvent]:
        """For fusion: stored events of these types whose dates overlap [earliest, latest].
        Events in `known` (id -> event, read earlier in the same fusion) are not read again."""
        q = _read.event_query(types=types, start=earliest, end=latest)
        with self.engine.connect() as conn:
            return _read.fused_events(conn, q, known)

    def get_event(self, event_id: str) -> FusedEvent | None:
        found = self.fused_events(ids=[event_id])
        return found[0] if found else None

    def entities(self, *, type: str | None = None) -> list[Entity]:
        with self.engine.connect() as conn:
            return _read.load_entities(conn, type=type)

    def figures(self, *, document: str | None = None,
                subject: str | None = None) -> dict[str, Figure]:
        """Figures by id (`<document>:f<n>`), in document order; subject is a substring."""
        with self.engine.connect() as conn:
            return _read.load_figures(conn, document=document, subject=subject)

    def quotes(self, *, document: str | None = None,
               speaker: str | None = None) -> dict[str, Quote]:
        """Quotes by id (`<document>:q<n>`); speaker matches the entity key or name."""
        with self.engine.connect() as conn:
            return _read.load_quotes(conn, document=document, speaker=speaker)

    # -- stories (sitrep.fuse.stories) ------------------------------------------------------

    def term_frequencies(self, terms: Collection[str]) -> tuple[int, dict[str, int]]:
        """(stored documents, how many of them contain each term), for TF-IDF weights."""
        c = t.document_terms.c
        out: dict[str, int] = {}
        with self.engine.connect() as conn:
            n = conn.scalar(select(func.count()).select_from(t.documents)) or 0
            for chunk in _read.chunks(sorted(terms)):
                q = select(c.term, func.count()).where(c.term.in_(chunk)).group_by(c.term)
                out.update({w: k for w, k in conn.execute(q)})
        return n, out

    def articles_sharing(self, terms: Collection[str], *, limit: int = 200
                         ) -> dict[str, Counter[str]]:
        """The stored documents sharing most of these terms, with all their terms."""
        c = t.document_terms.c
        if not terms:
            return {}
        shared = func.count().label("shared")
        q = (select(c.document_id, shared).where(c.term.in_(sorted(terms)))
             .group_by(c.document_id).order_by(shared.desc(), c.document_id).limit(limit))
        out: dict[str, Counter[str]] = {}
        with self.engine.connect() as conn:
            ids = list(conn.scalars(q))
            for chunk in _read.chunks(ids):
                rows = conn.execute(select(c.document_id, c.term, c.count)
                                    .where(c.document_id.in_(chunk)))
                for doc_id, term, count in rows:
                    out.setdefault(doc_id, Counter())[term] = count
        return out

    def stories_of(self, doc_ids: Collection[str]) -> dict[str, str]:
        """Document id -> its story (its own id when it has none)."""
        c = t.documents.c
        out: dict[str, str] = {}
        with self.engine.connect() as conn:
            for chunk in _read.chunks(sorted(doc_ids)):
                rows = conn.execute(select(c.id, c.story).where(c.id.in_(chunk)))
                out.update({d: s or d for d, s in rows})
        return out

    def story_sizes(self, stories: Collection[str]) -> dict[str, int]:
        """Story -> number of stored documents in it."""
        c = t.documents.c
        out: dict[str, int] = {}
        with self.engine.connect() as conn:
            for chunk in _read.chunks(sorted(stories)):
                q = select(c.story, func.count()).where(c.story.in_(chunk)).group_by(c.story)
                out.update({st: n for st, n in conn.execute(q)})
        return out

    def mention_counts(self, entity_key: str) -> dict[str, int]:
        """Document id -> number of mentions of the entity in it (documents that mention it)."""
        m = t.mentions.c
        q = (select(m.document_id, func.count()).where(m.entity_key == entity_key)
             .group_by(m.document_id).order_by(m.document_id))
        with self.engine.connect() as conn:
            return {doc_id: n for doc_id, n in conn.execute(q)}

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        tables = [t.documents, t.sentences, t.entities, t.aliases, t.mentions, t.events,
                  t.event_mentions, t.timexes, t.figures, t.quotes]
        with self.engine.connect() as conn:
            return {tb.name: conn.scalar(select(func.count()).select_from(tb)) or 0
                    for tb in tables}

    def documents_per_outlet(self) -> dict[str, int]:
        """Documents per outlet (unknown outlet under "")."""
        c = t.documents.c
        q = select(c.outlet, func.count()).group_by(c.outlet)
        with self.engine.connect() as conn:
            rows = [(k or "", n) for k, n in conn.execute(q)]
        return dict(sorted(rows, key=lambda x: (-x[1], x[0])))

    def events_per_type(self) -> dict[str, int]:
        c = t.events.c
        q = select(c.type, func.count()).group_by(c.type)
        with self.engine.connect() as conn:
            return dict(sorted(((k, n) for k, n in conn.execute(q)), key=lambda x: (-x[1], x[0])))

    def date_span(self) -> tuple[date | None, date | None]:
        """Earliest and latest resolved event dates."""
        c = t.events.c
        q = select(func.min(c.date_earliest), func.max(c.date_latest)).where(
            c.date_unresolved.is_(False))
        with self.engine.connect() as conn:
            row = conn.execute(q).one()
        return row[0], row[1]


def _exists(conn: Connection, doc_id: str) -> bool:
    return conn.scalar(select(t.documents.c.id).where(t.documents.c.id == doc_id)) is not None


def _entity_values(ent: Entity) -> dict[str, Any]:
    return {"key": ent.key, "name": ent.name, "type": ent.type, "sector": ent.sector,
            "country": ent.country, "wikidata": ent.wikidata, **place_columns(ent.place)}


def _merge_entity(old: Entity, new: Entity) -> tuple[dict[str, Any], set[str]]:
    """Column changes and aliases to add when `new` describes a stored entity again.

    The longer name wins (the other becomes an alias); known values are never replaced by
    None; a place gains coordinates but never loses them.
    """
    changes: dict[str, Any] = {}
    names = {new.name}
    if len(new.name) > len(old.name):
        changes["name"], names = new.name, {old.name}
    for field in ("sector", "country", "wikidata"):
        if getattr(old, field) is None and getattr(new, field) is not None:
            changes[field] = getattr(new, field)
    if new.place is not None and (
        old.place is None or (old.place.lat is None and new.place.lat is not None)
    ):
        changes.update(place_columns(new.place))
    aliases = (new.aliases | names) - old.aliases - {""}
    return changes, aliases


def _fused_values(fe: FusedEvent) -> dict[str, Any]:
    loc = fe.location
    return {
        "id": fe.id, "type": fe.type, "summary": fe.summary, "status": fe.status.value,
        "background": fe.background, **span_values(fe.date, "date"),
        "location_name": loc.name if loc else None, "location_lat": loc.lat if loc else None,
        "location_lon": loc.lon if loc else None,
        "location_country": loc.country if loc else None, "n_sources": len(fe.documents),
    }
