"""Exports: one JSON document with a stable contract (docs/export.md) and flat CSV files."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from sitrep.model import (
    ActorRole,
    Document,
    Entity,
    Evidence,
    Figure,
    FusedEvent,
    Place,
    Precision,
    Quote,
    TimeSpan,
)
from sitrep.store import Store

__all__ = ["export_json", "export_csv", "date_json", "document_json", "event_json", "entity_json",
           "figure_json", "quote_json", "CSV_FILES"]

_CALENDAR_VALUE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_PREFIX = {Precision.DAY: 10, Precision.MONTH: 7, Precision.YEAR: 4}


def _iso(d: Any) -> str | None:
    return d.isoformat() if d is not None else None


def _number(x: float) -> int | float:
    return int(x) if float(x).is_integer() else float(x)


def date_json(span: TimeSpan | None) -> dict[str, Any] | None:
    """{value, earliest, latest, precision}; value only in calendar form (2020, 2020-01,
    2020-01-03), null when the date is unresolved or has no calendar name (weeks, ranges)."""
    if span is None:
        return None
    value = None
    if not span.unresolved:
        if span.value and _CALENDAR_VALUE.fullmatch(span.value):
            value = span.value
        elif span.earliest is not None and Precision(span.precision) in _PREFIX:
            value = span.earliest.isoformat()[: _PREFIX[Precision(span.precision)]]
    return {"value": value, "earliest": _iso(span.earliest), "latest": _iso(span.latest),
            "precision": Precision(span.precision).value}


def _evidence(ev: Evidence) -> dict[str, Any]:
    return {"document": ev.document, "text": ev.text, "start": ev.start, "end": ev.end}


def _actor(a: ActorRole) -> dict[str, Any]:
    return {"entity": a.entity, "name": a.name, "role": a.role}


def _place(p: Place | None) -> dict[str, Any] | None:
    if p is None:
        return None
    return {"name": p.name, "lat": p.lat, "lon": p.lon, "country": p.country,
            "admin1": p.admin1, "feature": p.feature, "precision": p.precision,
            "geonameid": p.geonameid}


def document_json(d: Document) -> dict[str, Any]:
    rng = [_iso(d.published_range[0]), _iso(d.published_range[1])] if d.published_range else None
    return {"id": d.id, "source": d.source, "title": d.title, "outlet": d.outlet,
            "published": _iso(d.published), "published_range": rng,
            "estimated": bool(d.published_estimated)}


def event_json(e: FusedEvent) -> dict[str, Any]:
    loc = e.location
    return {
        "id": e.id, "type": e.type, "summary": e.summary, "status": e.status.value,
        "background": bool(e.background), "date": date_json(e.date),
        "actors": [_actor(a) for a in e.actors],
        "location": {"name": loc.name, "lat": loc.lat, "lon": loc.lon} if loc else None,
        "evidence": [_evidence(m.evidence) for m in e.mentions],
        "sources": len(e.documents),
    }


def entity_json(e: Entity) -> dict[str, Any]:
    return {"id": e.key, "name": e.name, "type": e.type, "aliases": sorted(e.aliases),
            "sector": e.sector, "country": e.country, "wikidata": e.wikidata,
            "place": _place(e.place)}


def figure_json(fid: str, f: Figure) -> dict[str, Any]:
    return {"id": fid, "value": _number(f.value), "unit": f.unit, "subject": f.subject,
            "date": date_json(f.date), "evidence": [_evidence(f.evidence)],
            "measure": f.measure, "qualifier": f.qualifier, "text": f.text, "source": f.source}


def quote_json(qid: str, q: Quote) -> dict[str, Any]:
    return {"id": qid, "speaker": {"entity": q.speaker, "name": q.speaker_name},
            "text": q.text, "document": q.evidence.document, "date": date_json(q.date),
            "evidence": [_evidence(q.evidence)], "cue": q.cue, "kind": q.kind,
            "stance": q.stance, "topic": q.topic}


def export_json(store: Store) -> dict[str, Any]:
    """Everything in the store as plain JSON-ready data; the contract is docs/export.md."""
    return {
        "documents": [document_json(d) for d in store.documents(with_text=False)],
        "events": [event_json(e) for e in store.fused_events()],
        "entities": [entity_json(e) for e in store.entities()],
        "figures": [figure_json(i, f) for i, f in store.figures().items()],
        "quotes": [quote_json(i, q) for i, q in store.quotes().items()],
    }


# -- CSV ---------------------------------------------------------------------------------------

CSV_FILES = ("documents.csv", "events.csv", "entities.csv", "figures.csv", "quotes.csv")
_DATE_COLS = ["date_value", "date_earliest", "date_latest", "date_precision"]


def _date_cells(span: TimeSpan | None) -> list[Any]:
    d = date_json(span)
    return [d["value"], d["earliest"], d["latest"], d["precision"]] if d else [None] * 4


def _cell(v: Any) -> Any:
    if v is None:
        return ""
    if isinstance(v, bool):  # as in JSON, not Python's True/False
        return "true" if v else "false"
    return v


def _write(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Path:
    # newline="" lets csv write its own \r\n and quote embedded newlines correctly.
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, quoting=csv.QUOTE_MINIMAL)
        writer.writerow(header)
        writer.writerows([_cell(v) for v in row] for row in rows)
    return path


def _event_rows(events: list[FusedEvent]) -> Iterable[list[Any]]:
    for e in events:
        loc = e.location
        yield [e.id, e.type, e.summary, e.status.value, e.background, *_date_cells(e.date),
               "; ".join(f"{a.name} ({a.role})" for a in e.actors),
               loc.name if loc else None, loc.lat if loc else None, loc.lon if loc else None,
               len(e.documents), "; ".join(e.documents),
               e.mentions[0].evidence.text if e.mentions else None]


def export_csv(store: Store, directory: str | Path) -> list[Path]:
    """Write documents.csv, events.csv, entities.csv, figures.csv, quotes.csv; return paths.
    Multi-valued cells (actors, aliases, documents) are joined with "; "."""
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    docs = store.documents(with_text=False)
    written = [
        _write(out / "documents.csv",
               ["id", "source", "title", "outlet", "published", "published_earliest",
                "published_latest", "estimated"],
               ([d.id, d.source, d.title, d.outlet, _iso(d.published),
                 _iso(d.published_range[0]) if d.published_range else None,
                 _iso(d.published_range[1]) if d.published_range else None,
                 d.published_estimated] for d in docs)),
        _write(out / "events.csv",
               ["id", "type", "summary", "status", "background", *_DATE_COLS, "actors",
                "location", "lat", "lon", "sources", "documents", "evidence"],
               _event_rows(store.fused_events())),
        _write(out / "entities.csv",
               ["id", "name", "type", "aliases", "sector", "country", "wikidata", "place",
                "lat", "lon"],
               ([e.key, e.name, e.type, "; ".join(sorted(e.aliases)), e.sector, e.country,
                 e.wikidata, e.place.name if e.place else None,
                 e.place.lat if e.place else None, e.place.lon if e.place else None]
                for e in store.entities())),
        _write(out / "figures.csv",
               ["id", "document", "value", "unit", "subject", "measure", "qualifier", "text",
                *_DATE_COLS, "source", "evidence"],
               ([i, f.evidence.document, _number(f.value), f.unit, f.subject, f.measure,
                 f.qualifier, f.text, *_date_cells(f.date), f.source, f.evidence.text]
                for i, f in store.figures().items())),
        _write(out / "quotes.csv",
               ["id", "document", "speaker_entity", "speaker_name", "text", "cue", "kind",
                "stance", "topic", *_DATE_COLS, "evidence"],
               ([i, q.evidence.document, q.speaker, q.speaker_name, q.text, q.cue, q.kind,
                 q.stance, q.topic, *_date_cells(q.date), q.evidence.text]
                for i, q in store.quotes().items())),
    ]
    return written
