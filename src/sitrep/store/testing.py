"""Helpers for tests (like `click.testing`): throwaway stores and hand-built documents.

Tests need no spaCy model: `build_document` lays sentences out the way the pipeline does, and
`span_*` make dates. `temporary_store("postgresql", ...)` uses env SITREP_TEST_PG (a URL) and
works in a fresh schema it drops afterwards, so the database itself is left as it was.
"""

from __future__ import annotations

import atexit
import functools
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from uuid import uuid4

from sqlalchemy import create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.schema import CreateSchema, DropSchema

from sitrep.model import (
    ActorRole,
    Document,
    Entity,
    Event,
    EventStatus,
    Figure,
    Mention,
    Place,
    Precision,
    Quote,
    Sentence,
    TimeExpression,
    TimeSpan,
    content_id,
)
from sitrep.store.store import Store

__all__ = ["PG_ENV", "temporary_store", "build_document", "add_event", "day", "month",
           "year", "before", "undated", "sample_documents"]

PG_ENV = "SITREP_TEST_PG"


@functools.cache
def _migrated_sqlite() -> Path:
    """An empty SQLite store at head, made once per process and copied for each test."""
    folder = Path(tempfile.mkdtemp(prefix="sitrep-template-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    Store.open(str(folder / "template.db")).close()
    return folder / "template.db"


@contextmanager
def temporary_store(backend: str, tmp_path: Path) -> Iterator[Store]:
    """A fresh, migrated store: "sqlite" (a file in tmp_path) or "postgresql" (env PG_ENV)."""
    if backend == "sqlite":
        path = tmp_path / "sitrep.db"
        shutil.copyfile(_migrated_sqlite(), path)  # migrating takes ~25x longer than a copy
        store = Store.open(str(path))
        try:
            yield store
        finally:
            store.close()
        return
    base = make_url(os.environ[PG_ENV])
    schema = f"sitrep_test_{uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(CreateSchema(schema))
    store = Store.open(base.update_query_dict({"options": f"-csearch_path={schema}"})
                       .render_as_string(hide_password=False))
    try:
        yield store
    finally:
        store.close()
        with admin.begin() as conn:
            conn.execute(DropSchema(schema, cascade=True))
        admin.dispose()


def day(y: int, m: int, d: int, *, estimated: bool = False) -> TimeSpan:
    x = date(y, m, d)
    return TimeSpan(x.isoformat(), x, x, Precision.DAY, estimated=estimated)


def month(y: int, m: int, *, estimated: bool = False) -> TimeSpan:
    lo = date(y, m, 1)
    hi = (date(y + m // 12, m % 12 + 1, 1)) - timedelta(days=1)
    return TimeSpan(f"{y:04d}-{m:02d}", lo, hi, Precision.MONTH, estimated=estimated)


def year(y: int) -> TimeSpan:
    return TimeSpan(f"{y:04d}", date(y, 1, 1), date(y, 12, 31), Precision.YEAR)


def before(latest: date) -> TimeSpan:
    """An unresolved date: only "on or before" a bound (usually the publication date)."""
    return TimeSpan(None, None, latest, Precision.RANGE, unresolved=True)


def build_document(
    sentences: Sequence[str],
    *,
    source: str = "article.txt",
    title: str | None = None,
    outlet: str | None = None,
    published: date | None = None,
    published_range: tuple[date, date] | None = None,
    estimated: bool = False,
) -> Document:
    """A Document whose text is the sentences joined by spaces, sentences laid out in it."""
    text = " ".join(sentences)
    doc = Document(id=content_id(text), source=source, text=text, title=title, outlet=outlet,
                   published=published, published_range=published_range,
                   published_estimated=estimated)
    pos = 0
    for i, s in enumerate(sentences):
        doc.sentences.append(Sentence(i, pos, pos + len(s), s))
        pos += len(s) + 1
    return doc


def add_event(
    doc: Document,
    trigger: str,
    *,
    type: str,
    date: TimeSpan,
    event_id: str | None = None,
    summary: str | None = None,
    actors: Sequence[tuple[str | None, str, str]] = (),
    location: Place | None = None,
    status: EventStatus = EventStatus.OCCURRED,
    background: bool = False,
    confidence: float = 0.5,
) -> Event:
    """Append an event whose evidence is the first occurrence of `trigger` in the text."""
    start = doc.text.index(trigger)
    ev = Event(type=type, trigger=trigger, summary=summary or trigger,
               evidence=doc.evidence(start, start + len(trigger)), date=date, status=status,
               actors=[ActorRole(*a) for a in actors], location=location,
               background=background, confidence=confidence, id=event_id)
    doc.events.append(ev)
    return ev


def undated() -> TimeSpan:
    return TimeSpan(None, None, None, Precision.UNKNOWN, unresolved=True)


def _mention(doc: Document, text: str, label: str, entity: str | None) -> None:
    start = doc.text.index(text)
    s = doc.sentence_at(start)
    doc.mentions.append(Mention(text, start, start + len(text), s.index if s else -1, label,
                                entity))


def _army(name: str, aliases: set[str], wikidata: str | None = None) -> Entity:
    return Entity("valdoria-army", name, "ORG", aliases, sector="MIL", country="VD",
                  wikidata=wikidata)


def _sample_a() -> Document:
    doc = build_document([
        "Artillery units of the Valdorian army shelled the town of Mirska on Tuesday.",
        "The Kestran defence ministry said 14 civilians were killed in the shelling.",
        '"We will answer this aggression," Defence Minister Anna Roth told reporters.',
        "The two countries signed a ceasefire in 2014 that collapsed within months.",
    ], source="a.txt", title="Shelling in Mirska", outlet="Northern Ledger",
        published=date(2021, 3, 10))
    mirska = Place("Mirska", 48.1, 37.2, "KS", feature="P", precision="city")
    doc.entities = {
        "valdoria-army": _army("Valdorian army", {"Valdorian army"}),
        "mirska": Entity("mirska", "Mirska", "GPE", {"Mirska"}, country="KS", place=mirska),
        "anna-roth": Entity("anna-roth", "Anna Roth", "PERSON", {"Anna Roth", "Roth"},
                            sector="GOV", country="KS"),
    }
    for text, label, key in [("Valdorian army", "ORG", "valdoria-army"),
                             ("Mirska", "GPE", "mirska"), ("Anna Roth", "PERSON", "anna-roth")]:
        _mention(doc, text, label, key)
    start = doc.text.index("on Tuesday")
    doc.timexes.append(TimeExpression("on Tuesday", start, start + 10, 0, "DATE", "2021-03-09",
                                      day(2021, 3, 9), anchor="dct"))
    add_event(doc, "shelled", type="ATTACK", date=day(2021, 3, 9), event_id="ev-shelling",
              summary="Valdorian army shelled Mirska", confidence=0.6, location=mirska,
              actors=[("valdoria-army", "Valdorian army", "agent"),
                      ("mirska", "Mirska", "recipient")])
    doc.events[-1].timex = 0
    add_event(doc, "signed a ceasefire", type="AGREE", date=year(2014), background=True,
              event_id="ev-ceasefire", summary="The two countries signed a ceasefire")
    start = doc.text.index("14 civilians")
    doc.figures.append(Figure(14.0, "people", "civilians in Mirska",
                              doc.evidence(start, start + 12), day(2021, 3, 9),
                              measure="killed", text="14 civilians",
                              source="Kestran defence ministry"))
    start = doc.text.index("We will")
    doc.quotes.append(Quote("We will answer this aggression", "anna-roth", "Anna Roth",
                            doc.evidence(start, start + 30), day(2021, 3, 10), cue="told",
                            stance="oppose", topic="shelling"))
    return doc


def _sample_b() -> Document:
    doc = build_document([
        "Shelling hit Mirska early this week, local officials said.",
        "The Valdorian Armed Forces denied targeting civilian areas.",
    ], source="https://courier.example/b", title="Officials count damage",
        outlet="Southern Courier", published=date(2021, 3, 11))
    doc.entities = {"valdoria-army": _army("Valdorian Armed Forces",
                                           {"Valdorian Armed Forces", "VAF"}, "Q4242")}
    _mention(doc, "Valdorian Armed Forces", "ORG", "valdoria-army")
    add_event(doc, "Shelling hit Mirska", type="ATTACK", date=month(2021, 3),
              event_id="ev-shelling", summary="Shelling hit Mirska this week", confidence=0.9,
              actors=[("valdoria-army", "Valdorian Armed Forces", "agent")])
    add_event(doc, "denied targeting", type="ACCUSE", date=day(2021, 3, 11),
              event_id="ev-denial", status=EventStatus.DENIED,
              actors=[("valdoria-army", "Valdorian Armed Forces", "agent")])
    return doc


def _sample_c() -> Document:
    doc = build_document([
        "Negotiators from both sides met in Geneva to discuss a prisoner exchange.",
        "An earlier round of talks had failed, officials said.",
        "Protesters gathered outside the parliament.",
    ], source="c.html", title=None, outlet=None,
        published_range=(date(2021, 12, 1), date(2021, 12, 31)), estimated=True)
    geneva = Place("Geneva", 46.2, 6.15, "CH", feature="P", precision="city")
    add_event(doc, "met in Geneva", type="CONSULT", date=month(2021, 12, estimated=True),
              event_id="ev-talks", location=geneva,
              actors=[(None, "Negotiators from both sides", "agent")])
    add_event(doc, "round of talks had failed", type="CONSULT", date=before(date(2021, 12, 31)),
              event_id="ev-earlier-talks")
    add_event(doc, "Protesters gathered", type="PROTEST", date=undated(), event_id="ev-protest")
    return doc


def sample_documents() -> list[Document]:
    """Three small invented articles (no real text) covering what the store must keep:
    an event reported by two outlets at different precisions, a background recap, an
    unresolved and an undated event, an estimated publication date, figures and quotes."""
    return [_sample_a(), _sample_b(), _sample_c()]
