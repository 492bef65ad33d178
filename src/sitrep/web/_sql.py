"""Light read queries for the web pages, straight against the store's tables.

The store's object API (`get_event`, `get_document`) loads every mention of what it returns,
which is right for one event or one document but too slow for a page listing thousands: these
queries read only the columns a page shows. All SQL is SQLAlchemy Core (bound parameters only).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Engine,
    String,
    and_,
    distinct,
    false,
    func,
    or_,
    select,
    type_coerce,
)

from sitrep.store._read import timeline_order
from sitrep.store.schema import (
    aliases,
    documents,
    entities,
    event_actors,
    event_mentions,
    events,
    figures,
    mentions,
    quotes,
    sentences,
)

__all__ = ["TimelineFilter", "Reader", "safe_url"]

PAGE_SIZE = 200


@dataclass(frozen=True, slots=True)
class TimelineFilter:
    """The timeline's GET form: every field optional, combined with AND."""

    start: date | None = None
    end: date | None = None
    type: str | None = None
    actor: str | None = None
    place: str | None = None
    q: str | None = None
    background: bool = False

    def where(self) -> list[ColumnElement[bool]]:
        conds: list[ColumnElement[bool]] = []
        c = events.c
        # Same semantics as the store's timeline: a missing bound is open, but a date filter
        # drops events with no date at all.
        if self.start:
            conds.append(or_(c.date_latest.is_(None), c.date_latest >= self.start))
        if self.end:
            conds.append(or_(c.date_earliest.is_(None), c.date_earliest <= self.end))
        if self.start or self.end:
            conds.append(or_(c.date_earliest.is_not(None), c.date_latest.is_not(None)))
        if self.type:
            conds.append(events.c.type == self.type.strip().upper())
        if self.actor:
            conds.append(events.c.id.in_(_actor_events(self.actor.strip())))
        if self.place:
            conds.append(events.c.location_name.icontains(self.place.strip(), autoescape=True))
        if self.q:
            q = self.q.strip()
            in_text = select(event_mentions.c.event_id).where(
                event_mentions.c.sentence_text.icontains(q, autoescape=True))
            conds.append(or_(events.c.summary.icontains(q, autoescape=True),
                             events.c.id.in_(in_text)))
        if not self.background:
            conds.append(events.c.background == false())
        return conds


def _actor_events(actor: str) -> Any:
    """Events with an actor whose key, surface name, entity name or alias contains `actor`."""
    keys = select(aliases.c.entity_key).where(aliases.c.alias.icontains(actor, autoescape=True))
    named = select(entities.c.key).where(entities.c.name.icontains(actor, autoescape=True))
    return select(event_actors.c.event_id).where(or_(
        event_actors.c.entity_key == actor,
        event_actors.c.name.icontains(actor, autoescape=True),
        event_actors.c.entity_key.in_(keys),
        event_actors.c.entity_key.in_(named),
    ))


_EPOCH = date(1970, 1, 1).toordinal()


def _days(value: Any) -> int | None:
    if value is None:
        return None
    d = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    return d.toordinal() - _EPOCH


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _order() -> list[Any]:
    return timeline_order()  # the store's timeline order


class Reader:
    """Read-only page queries over one engine."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def _all(self, stmt: Any) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(stmt)]

    # -- timeline ---------------------------------------------------------------------------

    def axis(self, flt: TimelineFilter) -> dict[str, list[Any]]:
        """Every matching event for the time axis, column-wise to stay small for 10,000 events.

        `start` is days since 1970-01-01 (None when undated), `days` the interval's length
        minus one, `type` an index into `types`, `bound` 1 when the date is only an upper bound
        ("on or before publication")."""
        c = events.c
        # Dates come back as the stored text on SQLite: parsing them is left to fromisoformat.
        stmt = select(c.id, type_coerce(c.date_earliest, String), type_coerce(c.date_latest,
                      String), c.type, c.date_unresolved).where(*flt.where())
        out: dict[str, list[Any]] = {"ids": [], "start": [], "days": [], "type": [],
                                     "bound": [], "types": []}
        index: dict[str, int] = {}
        with self.engine.connect() as conn:
            for eid, lo, hi, etype, bound in conn.execute(stmt):
                a, b = _days(lo or hi), _days(hi or lo)
                out["ids"].append(eid)
                out["start"].append(a)
                out["days"].append(b - a if a is not None and b is not None else None)
                out["type"].append(index.setdefault(etype, len(index)))
                out["bound"].append(1 if bound else 0)
        out["types"] = list(index)
        return out

    def event_page(self, flt: TimelineFilter, *, offset: int,
                   limit: int = PAGE_SIZE) -> list[dict[str, Any]]:
        """One page of events with their actors and evidence, in three queries in all."""
        stmt = (select(events).where(*flt.where()).order_by(*_order())
                .offset(offset).limit(limit))
        rows = self._all(stmt)
        ids = [r["id"] for r in rows]
        evidence = self._evidence(ids)
        actors = self._actors(ids)
        for r in rows:
            r["evidence"] = evidence.get(r["id"], [])
            r["actors"] = actors.get(r["id"], [])
        return [event_row(r) for r in rows]

    def _evidence(self, ids: list[str]) -> dict[str, list[dict[str, Any]]]:
        if not ids:
            return {}
        m, d, s = event_mentions, documents, sentences
        stmt = (select(m.c.event_id, m.c.document_id, m.c.sentence, m.c.sentence_text, m.c.start,
                       m.c.end, m.c.trigger, m.c.status, m.c.negated, d.c.title, d.c.outlet,
                       d.c.published, d.c.url, s.c.start.label("s_start"), m.c.date_value,
                       m.c.date_earliest, m.c.date_latest, m.c.date_precision,
                       m.c.date_unresolved, m.c.date_estimated)
                .join(d, d.c.id == m.c.document_id)
                .outerjoin(s, and_(s.c.document_id == m.c.document_id,
                                   s.c.sentence == m.c.sentence))
                .where(m.c.event_id.in_(ids)).order_by(m.c.event_id, d.c.published, m.c.id))
        out: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in self._all(stmt):
            out[r.pop("event_id")].append(evidence_row(r))
        return out

    def _actors(self, ids: list[str]) -> dict[str, list[dict[str, Any]]]:
        if not ids:
            return {}
        a = event_actors
        # A resolved actor shows its entity's name, not whichever surface form came first.
        name = func.coalesce(entities.c.name, a.c.name).label("name")
        stmt = (select(a.c.event_id, a.c.entity_key, name, a.c.role).distinct()
                .outerjoin(entities, entities.c.key == a.c.entity_key)
                .where(a.c.event_id.in_(ids)).order_by(a.c.event_id, a.c.role, name))
        out: dict[str, list[dict[str, Any]]] = defaultdict(list)
        seen: set[tuple[str, str, str]] = set()
        for r in self._all(stmt):
            key = (r["event_id"], r["entity_key"] or r["name"].casefold(), r["role"])
            if key not in seen:
                seen.add(key)
                out[r.pop("event_id")].append(r)
        return out

    def event(self, event_id: str) -> dict[str, Any] | None:
        rows = self._all(select(events).where(events.c.id == event_id))
        if not rows:
            return None
        row = rows[0]
        row["evidence"] = self._evidence([event_id]).get(event_id, [])
        row["actors"] = self._actors([event_id]).get(event_id, [])
        return event_row(row)

    def event_types(self) -> list[tuple[str, int]]:
        stmt = (select(events.c.type, func.count()).group_by(events.c.type)
                .order_by(func.count().desc(), events.c.type))
        with self.engine.connect() as conn:
            return [(r[0], r[1]) for r in conn.execute(stmt)]

    # -- entities ---------------------------------------------------------------------------

    def entity_list(self) -> list[dict[str, Any]]:
        n_mentions = (select(mentions.c.entity_key, func.count().label("n"))
                      .group_by(mentions.c.entity_key).subquery())
        n_events = (select(event_actors.c.entity_key,
                           func.count(distinct(event_actors.c.event_id)).label("n"))
                    .group_by(event_actors.c.entity_key).subquery())
        stmt = (select(entities.c.key, entities.c.name, entities.c.type, entities.c.sector,
                       entities.c.country,
                       func.coalesce(n_mentions.c.n, 0).label("mentions"),
                       func.coalesce(n_events.c.n, 0).label("events"))
                .outerjoin(n_mentions, n_mentions.c.entity_key == entities.c.key)
                .outerjoin(n_events, n_events.c.entity_key == entities.c.key)
                .order_by(func.coalesce(n_mentions.c.n, 0).desc(), entities.c.name))
        return self._all(stmt)

    def entity(self, key: str) -> dict[str, Any] | None:
        rows = self._all(select(entities).where(entities.c.key == key))
        if not rows:
            return None
        ent = rows[0]
        names = self._all(select(aliases.c.alias).where(aliases.c.entity_key == key))
        ent["aliases"] = sorted(r["alias"] for r in names)
        ent["place"] = _place(ent)
        ent["mentions_by_month"] = self._mentions_by_month(key)
        ent["quotes"] = self.quote_list(speaker=key)
        a = event_actors
        stmt = (select(events.c.id, events.c.type, events.c.summary, events.c.date_value,
                       events.c.date_earliest, events.c.date_latest, events.c.date_precision,
                       a.c.role).distinct()
                .join(a, a.c.event_id == events.c.id).where(a.c.entity_key == key)
                .order_by(*_order()))
        roles: dict[str, list[dict[str, Any]]] = {"agent": [], "recipient": []}
        for r in self._all(stmt):
            roles.setdefault(r["role"], []).append(_date_fields(r))
        ent["events"] = roles
        return ent

    def _mentions_by_month(self, key: str) -> list[dict[str, Any]]:
        stmt = (select(documents.c.published, func.count().label("n"))
                .join(documents, documents.c.id == mentions.c.document_id)
                .where(mentions.c.entity_key == key)
                .group_by(documents.c.published).order_by(documents.c.published))
        months: dict[str, int] = defaultdict(int)
        for r in self._all(stmt):
            months[r["published"].strftime("%Y-%m") if r["published"] else "undated"] += r["n"]
        return [{"month": k, "mentions": v} for k, v in months.items()]

    # -- documents, quotes, figures, map ------------------------------------------------------

    def document_list(self) -> list[dict[str, Any]]:
        n_events = (select(event_mentions.c.document_id, func.count().label("n"))
                    .group_by(event_mentions.c.document_id).subquery())
        d = documents
        stmt = (select(d.c.id, d.c.title, d.c.outlet, d.c.author, d.c.published, d.c.url,
                       d.c.source, func.length(d.c.text).label("chars"),
                       func.coalesce(n_events.c.n, 0).label("events"))
                .outerjoin(n_events, n_events.c.document_id == d.c.id)
                .order_by(d.c.published.is_(None), d.c.published.desc(), d.c.id))
        out = self._all(stmt)
        for r in out:
            r["published"] = _iso(r["published"])
            r["url"] = safe_url(r["url"])
        return out

    def quote_list(self, *, speaker: str | None = None) -> list[dict[str, Any]]:
        q, d = quotes, documents
        stmt = (select(q.c.id, q.c.document_id, q.c.sentence, q.c.speaker_key, q.c.speaker_name,
                       q.c.text, q.c.cue, q.c.kind, q.c.stance, d.c.outlet, d.c.title,
                       d.c.published)
                .join(d, d.c.id == q.c.document_id).order_by(d.c.published, q.c.id))
        if speaker is not None:
            stmt = stmt.where(q.c.speaker_key == speaker)
        out = self._all(stmt)
        for r in out:
            r["published"] = _iso(r["published"])
        return out

    def figure_list(self) -> list[dict[str, Any]]:
        f, d = figures, documents
        stmt = (select(f.c.id, f.c.document_id, f.c.sentence, f.c.sentence_text, f.c.start,
                       f.c.end, f.c.value, f.c.unit, f.c.subject, f.c.measure, f.c.qualifier,
                       f.c.text, f.c.date_value, f.c.date_earliest, f.c.date_latest,
                       f.c.date_precision, f.c.source, d.c.outlet, d.c.title, d.c.published)
                .join(d, d.c.id == f.c.document_id)
                .order_by(f.c.subject, f.c.unit, f.c.date_earliest, f.c.id))
        out = []
        for r in self._all(stmt):
            r["published"] = _iso(r["published"])
            out.append(_date_fields(r))
        return out

    def located_events(self, flt: TimelineFilter) -> list[dict[str, Any]]:
        e = events
        stmt = (select(e.c.id, e.c.type, e.c.summary, e.c.location_name, e.c.location_lat,
                       e.c.location_lon, e.c.date_value, e.c.date_earliest, e.c.date_latest,
                       e.c.date_precision)
                .where(and_(e.c.location_lat.is_not(None), e.c.location_lon.is_not(None)),
                       *flt.where())
                .order_by(*_order()))
        return [_date_fields(r) for r in self._all(stmt)]

    def counts(self) -> dict[str, int]:
        tables = {"documents": documents, "events": events, "entities": entities,
                  "figures": figures, "quotes": quotes, "event_mentions": event_mentions}
        with self.engine.connect() as conn:
            return {name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                    for name, t in tables.items()}


def _place(row: dict[str, Any]) -> dict[str, Any] | None:
    if row.get("place_name") is None:
        return None
    return {k[6:]: row.pop(k) for k in list(row) if k.startswith("place_")}


def _date_fields(row: dict[str, Any]) -> dict[str, Any]:
    """Fold the stored TimeSpan columns into one `date` dict (ISO strings)."""
    span = {"value": row.pop("date_value", None), "earliest": _iso(row.pop("date_earliest", None)),
            "latest": _iso(row.pop("date_latest", None)),
            "precision": row.pop("date_precision", None)}
    for flag in ("estimated", "unresolved"):
        if f"date_{flag}" in row:
            span[flag] = bool(row.pop(f"date_{flag}"))
    row["date"] = span
    return row


def event_row(row: dict[str, Any]) -> dict[str, Any]:
    row = _date_fields(row)
    loc = row.pop("location_name"), row.pop("location_lat"), row.pop("location_lon")
    country = row.pop("location_country")
    row["location"] = ({"name": loc[0], "lat": loc[1], "lon": loc[2], "country": country}
                       if loc[0] else None)
    row["background"] = bool(row["background"])
    return row


def evidence_row(r: dict[str, Any]) -> dict[str, Any]:
    """A mention's evidence with the fact span cut out of its sentence for highlighting."""
    r = _date_fields(r)
    sentence = r["sentence_text"] or ""
    s_start = r.get("s_start")
    if s_start is None:  # no sentence row: the evidence is the span itself
        s_start = r["start"]
    lo = max(0, r["start"] - s_start)
    hi = max(lo, min(len(sentence), r["end"] - s_start))
    return {
        "document": r["document_id"], "sentence": r["sentence"], "text": sentence,
        "before": sentence[:lo], "fact": sentence[lo:hi], "after": sentence[hi:],
        "trigger": r.get("trigger"), "outlet": r.get("outlet"), "title": r.get("title"),
        "published": _iso(r.get("published")), "url": safe_url(r.get("url")),
        "date": r["date"],
    }


def safe_url(url: str | None) -> str | None:
    """Article URLs are untrusted: only http(s) links are ever rendered as links."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None
