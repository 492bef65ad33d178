"""Conversions between the shared data model and table rows (both directions)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from typing import Any

from sitrep.model import (
    ActorRole,
    Event,
    EventStatus,
    Evidence,
    Place,
    Precision,
    TimeSpan,
)

Row = Mapping[Any, Any]  # RowMapping keys may be columns too

PRECISION_RANK = {p: i for i, p in enumerate(Precision)}  # day first: finer is better


def span_values(span: TimeSpan | None, prefix: str) -> dict[str, Any]:
    if span is None:
        span = TimeSpan(None, None, None, Precision.UNKNOWN, unresolved=True)
    return {
        f"{prefix}_value": span.value,
        f"{prefix}_earliest": span.earliest,
        f"{prefix}_latest": span.latest,
        f"{prefix}_precision": Precision(span.precision).value,
        f"{prefix}_estimated": bool(span.estimated),
        f"{prefix}_unresolved": bool(span.unresolved),
    }


def span_from_row(row: Row, prefix: str) -> TimeSpan:
    return TimeSpan(
        value=row[f"{prefix}_value"],
        earliest=row[f"{prefix}_earliest"],
        latest=row[f"{prefix}_latest"],
        precision=Precision(row[f"{prefix}_precision"] or Precision.UNKNOWN.value),
        estimated=bool(row[f"{prefix}_estimated"]),
        unresolved=bool(row[f"{prefix}_unresolved"]),
    )


def evidence_values(ev: Evidence) -> dict[str, Any]:
    return {"sentence": ev.sentence, "sentence_text": ev.text, "start": ev.start, "end": ev.end}


def evidence_from_row(row: Row) -> Evidence:
    return Evidence(row["document_id"], row["sentence"], row["sentence_text"], row["start"],
                    row["end"])


def place_to_json(place: Place | None) -> dict[str, Any] | None:
    return asdict(place) if place is not None else None


def place_from_json(data: Mapping[str, Any] | None) -> Place | None:
    return Place(**data) if data else None


def place_columns(place: Place | None) -> dict[str, Any]:
    fields = ("name", "lat", "lon", "country", "admin1", "feature", "precision", "geonameid")
    return {f"place_{f}": getattr(place, f) if place else None for f in fields}


def place_from_columns(row: Row) -> Place | None:
    if row["place_name"] is None:
        return None
    return Place(row["place_name"], row["place_lat"], row["place_lon"], row["place_country"],
                 row["place_admin1"], row["place_feature"], row["place_precision"],
                 row["place_geonameid"])


def actors_to_json(actors: list[ActorRole]) -> list[dict[str, Any]]:
    return [{"entity": a.entity, "name": a.name, "role": a.role} for a in actors]


def event_values(ev: Event, event_id: str, position: int) -> dict[str, Any]:
    return {
        "event_id": event_id,
        "document_id": ev.evidence.document,
        "position": position,
        **evidence_values(ev.evidence),
        "trigger": ev.trigger,
        "lemma": ev.lemma,
        "type": ev.type,
        "mode": ev.mode,
        "summary": ev.summary,
        "status": EventStatus(ev.status).value,
        "negated": ev.negated,
        "background": ev.background,
        "confidence": float(ev.confidence),
        **span_values(ev.date, "date"),
        "timex": ev.timex,
        "actors": actors_to_json(ev.actors),
        "location": place_to_json(ev.location),
    }


def event_from_row(row: Row) -> Event:
    return Event(
        type=row["type"],
        trigger=row["trigger"],
        lemma=row["lemma"],
        summary=row["summary"],
        evidence=evidence_from_row(row),
        date=span_from_row(row, "date"),
        status=EventStatus(row["status"]),
        mode=row["mode"],
        actors=[ActorRole(a.get("entity"), a["name"], a["role"]) for a in row["actors"] or []],
        location=place_from_json(row["location"]),
        negated=bool(row["negated"]),
        background=bool(row["background"]),
        confidence=float(row["confidence"]),
        timex=row["timex"],
        id=row["event_id"],
    )
