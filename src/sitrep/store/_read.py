"""Read queries of the store: rows back into the shared data model. Parameters only, no SQL text.

Module-level functions over a Connection so Store stays a thin interface.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    and_,
    case,
    exists,
    func,
    or_,
    select,
    union,
)

from sitrep.model import (
    Document,
    Entity,
    Event,
    EventStatus,
    Figure,
    FusedEvent,
    Mention,
    Place,
    Quote,
    Sentence,
    TimeExpression,
)
from sitrep.store import schema as t
from sitrep.store._codec import (
    event_from_row,
    evidence_from_row,
    place_from_columns,
    span_from_row,
)
from sitrep.store.consolidation import merge_actors

_CHUNK = 500  # bound the parameters of one IN (...) list
T = TypeVar("T")


def chunks(items: Sequence[T], size: int = _CHUNK) -> Iterator[Sequence[T]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def document_order() -> list[ColumnElement[Any]]:
    """Earliest document first: by publication date (unknown last), then ingestion."""
    d = t.documents.c
    pub = func.coalesce(d.published, d.published_earliest)
    return [case((pub.is_(None), 1), else_=0), pub, d.ingested_at, d.id]


def timeline_order() -> list[ColumnElement[Any]]:
    """Events by date; an unresolved one by its known bound: "on or before <publication>" by
    the latest, a planned one ("on or after") by the earliest; undated last."""
    c = t.events.c
    when = case((c.date_unresolved.is_(True), func.coalesce(c.date_latest, c.date_earliest)),
                else_=func.coalesce(c.date_earliest, c.date_latest))
    return [case((when.is_(None), 1), else_=0), when, c.date_latest, c.id]


# -- events ------------------------------------------------------------------------------------

def load_mentions(conn: Connection, event_ids: Sequence[str]) -> dict[str, list[Event]]:
    """The mentions of each event, earliest document first."""
    em = t.event_mentions
    out: dict[str, list[Event]] = defaultdict(list)
    for part in chunks(list(event_ids)):
        q = (select(em).join(t.documents, t.documents.c.id == em.c.document_id)
             .where(em.c.event_id.in_(part)).order_by(*document_order(), em.c.position))
        for row in conn.execute(q).mappings():
            out[row["event_id"]].append(event_from_row(row))
    return out


def _actor_condition(actor: str) -> ColumnElement[bool]:
    """An event has an actor whose entity key, name or alias is `actor` (case-insensitive)."""
    e, a, ea = t.entities, t.aliases, t.event_actors
    want = func.lower(actor)
    keys = union(
        select(e.c.key).where(or_(func.lower(e.c.key) == want, func.lower(e.c.name) == want)),
        select(a.c.entity_key).where(func.lower(a.c.alias) == want),
    )
    return exists().where(
        ea.c.event_id == t.events.c.id,
        or_(ea.c.entity_key.in_(keys), func.lower(ea.c.name) == want),
    )


def _search_condition(search: str) -> ColumnElement[bool]:
    em = t.event_mentions
    return or_(
        t.events.c.summary.icontains(search, autoescape=True),
        exists().where(
            em.c.event_id == t.events.c.id,
            or_(em.c.sentence_text.icontains(search, autoescape=True),
                em.c.summary.icontains(search, autoescape=True)),
        ),
    )


def event_query(
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
) -> Select[Any]:
    """Fused events filtered and in timeline order. A missing date bound is open."""
    c = t.events.c
    conds: list[ColumnElement[bool]] = []
    if ids is not None:
        conds.append(c.id.in_(list(ids)))
    if types:
        conds.append(func.upper(c.type).in_(sorted({x.upper() for x in types})))
    if start is not None:
        conds.append(or_(c.date_latest.is_(None), c.date_latest >= start))
    if end is not None:
        conds.append(or_(c.date_earliest.is_(None), c.date_earliest <= end))
    if dated_only:
        conds.append(or_(c.date_earliest.is_not(None), c.date_latest.is_not(None)))
    if actor:
        conds.append(_actor_condition(actor))
    if search:
        conds.append(_search_condition(search))
    if not include_background:
        conds.append(c.background.is_(False))
    q = select(t.events).where(and_(*conds)).order_by(*timeline_order())
    return q.limit(limit) if limit is not None else q


def fused_events(conn: Connection, query: Select[Any],
                 known: Mapping[str, FusedEvent] | None = None) -> list[FusedEvent]:
    """The events `query` selects, with their mentions; those in `known` are not read again."""
    known = known or {}
    rows = list(conn.execute(query).mappings())
    mentions = load_mentions(conn, [r["id"] for r in rows if r["id"] not in known])
    return [known.get(r["id"]) or fused_from_row(r, mentions.get(r["id"], [])) for r in rows]


def fused_from_row(row: Any, mentions: list[Event]) -> FusedEvent:
    loc = None
    if row["location_name"] is not None or row["location_lat"] is not None:
        loc = Place(row["location_name"] or "", row["location_lat"], row["location_lon"],
                    row["location_country"])
    return FusedEvent(
        id=row["id"], type=row["type"], summary=row["summary"], date=span_from_row(row, "date"),
        status=EventStatus(row["status"]), background=bool(row["background"]),
        actors=merge_actors(mentions), location=loc, mentions=mentions,
    )


# -- entities ----------------------------------------------------------------------------------

def entity_from_row(row: Any, aliases: Iterable[str]) -> Entity:
    return Entity(row["key"], row["name"], row["type"], set(aliases), row["sector"],
                  row["country"], row["wikidata"], place_from_columns(row))


def load_entities(conn: Connection, keys: Sequence[str] | None = None,
                  type: str | None = None) -> list[Entity]:
    e, a = t.entities, t.aliases
    parts: Iterable[Sequence[str] | None] = [None] if keys is None else chunks(list(keys))
    out: list[Entity] = []
    for part in parts:
        q = select(e).order_by(e.c.key)
        qa = select(a.c.entity_key, a.c.alias).order_by(a.c.entity_key, a.c.alias)
        if part is not None:
            q, qa = q.where(e.c.key.in_(part)), qa.where(a.c.entity_key.in_(part))
        if type is not None:
            q = q.where(func.upper(e.c.type) == type.upper())
        al: dict[str, list[str]] = defaultdict(list)
        for k, alias in conn.execute(qa):
            al[k].append(alias)
        out.extend(entity_from_row(r, al[r["key"]]) for r in conn.execute(q).mappings())
    return sorted(out, key=lambda x: x.key)


# -- documents ---------------------------------------------------------------------------------

def document_from_row(row: Any) -> Document:
    lo, hi = row["published_earliest"], row["published_latest"]
    return Document(
        id=row["id"], source=row["source"], text=row.get("text", ""), title=row["title"],
        outlet=row["outlet"], author=row["author"], url=row["url"], published=row["published"],
        published_range=(lo, hi) if lo is not None and hi is not None else None,
        published_estimated=bool(row["published_estimated"]), stripped=list(row["stripped"]),
        story=row.get("story"),
    )


def load_document(conn: Connection, doc_id: str) -> Document | None:
    row = conn.execute(select(t.documents).where(t.documents.c.id == doc_id)).mappings().first()
    if row is None:
        return None
    doc = document_from_row(row)
    s, tx, m = t.sentences, t.timexes, t.mentions
    doc.sentences = [Sentence(r.sentence, r.start, r.end, r.text) for r in conn.execute(
        select(s).where(s.c.document_id == doc_id).order_by(s.c.sentence))]
    doc.timexes = [
        TimeExpression(r["text"], r["start"], r["end"], r["sentence"], r["type"], r["value"],
                       span_from_row(r, "span"), r["anchor"])
        for r in conn.execute(select(tx).where(tx.c.document_id == doc_id)
                              .order_by(tx.c.position)).mappings()]
    doc.mentions = [
        Mention(r.text, r.start, r.end, r.sentence, r.label, r.entity_key, r.kind)
        for r in conn.execute(select(m).where(m.c.document_id == doc_id).order_by(m.c.position))]
    de = t.document_entities
    keys = list(conn.scalars(select(de.c.entity_key).where(de.c.document_id == doc_id)))
    doc.entities = {e.key: e for e in load_entities(conn, keys)}
    em = t.event_mentions
    doc.events = [event_from_row(r) for r in conn.execute(
        select(em).where(em.c.document_id == doc_id).order_by(em.c.position)).mappings()]
    doc.figures = list(load_figures(conn, document=doc_id).values())
    doc.quotes = list(load_quotes(conn, document=doc_id).values())
    return doc


# -- figures and quotes ------------------------------------------------------------------------

def load_figures(conn: Connection, *, document: str | None = None,
                 subject: str | None = None) -> dict[str, Figure]:
    f = t.figures
    q = (select(f).join(t.documents, t.documents.c.id == f.c.document_id)
         .order_by(*document_order(), f.c.position))
    if document is not None:
        q = q.where(f.c.document_id == document)
    if subject:
        q = q.where(f.c.subject.icontains(subject, autoescape=True))
    return {
        r["id"]: Figure(r["value"], r["unit"], r["subject"], evidence_from_row(r),
                        span_from_row(r, "date"), r["measure"], r["qualifier"], r["text"],
                        r["source"])
        for r in conn.execute(q).mappings()
    }


def load_quotes(conn: Connection, *, document: str | None = None,
                speaker: str | None = None) -> dict[str, Quote]:
    qt = t.quotes
    q = (select(qt).join(t.documents, t.documents.c.id == qt.c.document_id)
         .order_by(*document_order(), qt.c.position))
    if document is not None:
        q = q.where(qt.c.document_id == document)
    if speaker:
        want = func.lower(speaker)
        q = q.where(or_(func.lower(qt.c.speaker_key) == want,
                        func.lower(qt.c.speaker_name) == want))
    return {
        r["id"]: Quote(r["text"], r["speaker_key"], r["speaker_name"], evidence_from_row(r),
                       span_from_row(r, "date") if r["has_date"] else None, r["cue"], r["kind"],
                       r["stance"], r["topic"])
        for r in conn.execute(q).mappings()
    }
