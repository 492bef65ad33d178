"""Ingest: read sources, annotate documents in spaCy batches, fuse, and store one by one.

Each document is stored in its own transaction, so a failure (bad input, a stage error) is a
line in the report and never half a document in the store or a crashed batch.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sitrep.model import Document, RawDocument, Sentence, content_id
from sitrep.settings import Settings

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from sitrep.annotate.nlp import Stage
    from sitrep.store import Store

__all__ = ["IngestReport", "Failure", "ingest", "annotate", "prepare", "default_stages",
           "sentences_of"]

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Failure:
    source: str
    reason: str


@dataclass(slots=True)
class IngestReport:
    ingested: list[str] = field(default_factory=list)  # document ids
    duplicates: list[str] = field(default_factory=list)  # sources
    failed: list[Failure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed


def default_stages() -> list[Stage]:
    """The annotation stages in pipeline order (checked against requires/assigns)."""
    from sitrep.annotate.entities import EntityResolver
    from sitrep.annotate.events import EventExtractor
    from sitrep.annotate.figures import FigureExtractor
    from sitrep.annotate.places import Geocoder
    from sitrep.annotate.quotes import QuoteExtractor
    from sitrep.temporal.tagger import TimeTagger

    stages: list[Stage] = [
        TimeTagger(),
        EntityResolver(),
        Geocoder(),
        EventExtractor(),
        FigureExtractor(),
        QuoteExtractor(),
    ]
    check_order(stages)
    return stages


def check_order(stages: Sequence[Stage]) -> None:
    available = {"text", "sentences", "published", "published_range"}
    for stage in stages:
        missing = [r for r in stage.requires if r not in available]
        if missing:
            raise ValueError(f"E002: stage {stage.name!r} requires {missing} assigned by no "
                             f"earlier stage; reorder the pipeline.")
        available.update(stage.assigns)


def prepare(raw: RawDocument) -> Document:
    """A Document shell from a RawDocument: identity and publication date, no annotations."""
    from sitrep.temporal.pubdate import date_from_url, find_dateline

    published = raw.published
    if published is None:
        # Dateline lines sit above the body (stripped as furniture); the body lets the finder
        # reject a header date later than everything the article talks about. Footer junk
        # (teasers of other stories, with their own dates) is never searched.
        found = find_dateline("\n".join([*raw.header, raw.text]))
        published = found[0] if found else None
    if published is None and raw.url:
        published = date_from_url(raw.url)
    return Document(
        id=content_id(raw.text),
        source=raw.source,
        text=raw.text,
        title=raw.title,
        outlet=raw.outlet,
        author=raw.author,
        url=raw.url,
        published=published,
        stripped=list(raw.stripped),
    )


def sentences_of(sdoc: Doc) -> list[Sentence]:
    """The sentences every stage works on, with offsets into the document text."""
    return [Sentence(i, s.start_char, s.end_char, s.text) for i, s in enumerate(sdoc.sents)]


def annotate(doc: Document, sdoc: Doc, stages: Sequence[Stage]) -> Document:
    doc.sentences = sentences_of(sdoc)
    for stage in stages:
        stage(doc, sdoc)
    _geocode_event_locations(doc)
    return doc


def _geocode_event_locations(doc: Document) -> None:
    """Event extraction names places; coordinates come from the entity or the gazetteer."""
    from sitrep.annotate.places import geocode

    by_name = {
        a.lower(): e.place
        for e in doc.entities.values()
        if e.place is not None
        for a in (e.aliases | {e.name})
    }
    countries = [e.place.country for e in doc.entities.values() if e.place and e.place.country]
    hint = max(set(countries), key=countries.count) if countries else None
    for event in doc.events:
        loc = event.location
        if loc is None or loc.lat is not None:
            continue
        place = by_name.get(loc.name.lower()) or geocode(loc.name, country_hint=hint)
        if place is not None:
            event.location = place


def _read_all(
    paths: Iterable[str], settings: Settings, report: IngestReport
) -> Iterator[RawDocument]:
    from sitrep.read import ReadError
    from sitrep.read.files import discover, read_source

    try:
        sources = discover(paths)
    except ReadError as exc:
        report.failed.append(Failure(exc.source, exc.reason))
        return
    for source in sources:
        try:
            yield from read_source(source, settings=settings, on_error=lambda e: report.failed
                                   .append(Failure(e.source, e.reason)))
        except ReadError as exc:
            report.failed.append(Failure(exc.source, exc.reason))
        except Exception as exc:  # a reader bug must not end the batch
            log.exception("reading %s failed", source.location)
            report.failed.append(Failure(source.location, f"unexpected error: {exc!r}"))


def ingest(
    paths: Iterable[str],
    store: Store,
    *,
    settings: Settings | None = None,
    stages: Sequence[Stage] | None = None,
    progress: Callable[[str], None] | None = None,
) -> IngestReport:
    """Read every source under `paths`, annotate, fuse and store each new document."""
    from sitrep.annotate.nlp import load_nlp
    from sitrep.fuse.events import assign_event_ids

    settings = settings or Settings()
    stages = list(stages) if stages is not None else default_stages()
    nlp = load_nlp(settings.model)
    report = IngestReport()
    seen: set[str] = set()

    def fresh() -> Iterator[tuple[str, Document]]:
        for raw in _read_all(paths, settings, report):
            try:
                doc = prepare(raw)
            except Exception as exc:
                report.failed.append(Failure(raw.source, f"could not prepare: {exc!r}"))
                continue
            if len(doc.text) > nlp.max_length:
                report.failed.append(Failure(raw.source, (
                    f"text too long for the NLP model ({len(doc.text):,} characters, limit "
                    f"{nlp.max_length:,}); split the file into articles")))
                continue
            if doc.id in seen or store.has_document(doc.id):
                report.duplicates.append(raw.source)
                if progress:
                    progress(raw.source)
                continue
            seen.add(doc.id)
            yield doc.text, doc

    for sdoc, doc in nlp.pipe(fresh(), as_tuples=True, batch_size=settings.batch_size):
        try:
            annotate(doc, sdoc, stages)
            merges = assign_event_ids(doc, store)
            store.add_document(doc, merges=merges)
        except Exception as exc:
            log.exception("annotating %s failed", doc.source)
            report.failed.append(Failure(doc.source, f"annotation failed: {exc!r}"))
        else:
            report.ingested.append(doc.id)
        if progress:
            progress(doc.source)
    return report
