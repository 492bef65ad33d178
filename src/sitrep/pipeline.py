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
    from distributed import Client as DaskClient
    from spacy.language import Language
    from spacy.tokens import Doc

    from sitrep.annotate.nlp import Stage
    from sitrep.store import Store

__all__ = ["IngestReport", "Failure", "ingest", "annotate", "annotate_batch", "prepare",
           "default_stages", "sentences_of"]

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


def default_stages(settings: Settings | None = None) -> list[Stage]:
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
        EventExtractor(settings=settings),
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
        # ... but a short line under the body that is a date alone ("Sept. 18, 2024") is the
        # story's, when the header has none
        footer = [line for line in raw.stripped if line not in raw.header and len(line) <= 40]
        for line in footer if found is None else []:  # the nearest to the body first
            found = find_dateline("\n".join([line, raw.text]))
            if found is not None:
                break
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


def annotate_batch(
    nlp: Language, docs: Sequence[Document], stages: Sequence[Stage]
) -> list[Document | Failure]:
    """Annotate a batch with one `nlp.pipe` pass; a document that fails is a Failure alone.

    Pure per document (no store), so it runs in the driver or on a Dask worker alike.
    """
    fits = [d for d in docs if len(d.text) <= nlp.max_length]
    parsed: list[Doc | Failure]
    try:
        parsed = list(nlp.pipe([d.text for d in fits]))
    except Exception:  # one bad text fails the whole pipe: parse one by one to find it
        parsed = [_parse_one(nlp, d) for d in fits]
    sdocs = dict(zip(map(id, fits), parsed, strict=True))
    results: list[Document | Failure] = []
    for doc in docs:
        sdoc = sdocs.get(id(doc))
        if sdoc is None:
            results.append(Failure(doc.source, (
                f"text too long for the NLP model ({len(doc.text):,} characters, limit "
                f"{nlp.max_length:,}); split the file into articles")))
        elif isinstance(sdoc, Failure):
            results.append(sdoc)
        else:
            try:
                results.append(annotate(doc, sdoc, stages))
            except Exception as exc:
                log.exception("annotating %s failed", doc.source)
                results.append(Failure(doc.source, f"annotation failed: {exc!r}"))
    return results


def _parse_one(nlp: Language, doc: Document) -> Doc | Failure:
    try:
        return nlp(doc.text)
    except Exception as exc:
        log.exception("parsing %s failed", doc.source)
        return Failure(doc.source, f"annotation failed: {exc!r}")


def _fresh(
    paths: Iterable[str], store: Store, settings: Settings, report: IngestReport,
    progress: Callable[[str], None] | None,
) -> Iterator[list[Document]]:
    """Prepared documents not yet in the store, in reading order, in batches of batch_size."""
    seen: set[str] = set()
    batch: list[Document] = []
    for raw in _read_all(paths, settings, report):
        try:
            doc = prepare(raw)
        except Exception as exc:
            report.failed.append(Failure(raw.source, f"could not prepare: {exc!r}"))
            continue
        if doc.id in seen or store.has_document(doc.id):
            report.duplicates.append(raw.source)
            if progress:
                progress(raw.source)
            continue
        seen.add(doc.id)
        batch.append(doc)
        if len(batch) >= settings.batch_size:
            yield batch
            batch = []
    if batch:
        yield batch


def _fuse_and_store(doc: Document, store: Store, report: IngestReport) -> None:
    """Cross-document fusion needs the store as it is now: one document at a time, in order."""
    from sitrep.fuse.events import assign_event_ids

    try:
        merges = assign_event_ids(doc, store)
        store.add_document(doc, merges=merges)
    except Exception as exc:
        log.exception("fusing or storing %s failed", doc.source)
        report.failed.append(Failure(doc.source, f"fusion or storage failed: {exc!r}"))
    else:
        report.ingested.append(doc.id)


def ingest(
    paths: Iterable[str],
    store: Store,
    *,
    settings: Settings | None = None,
    stages: Sequence[Stage] | None = None,
    progress: Callable[[str], None] | None = None,
    client: DaskClient | None = None,
) -> IngestReport:
    """Read every source under `paths`, annotate, fuse and store each new document.

    With a dask.distributed `client`, batches are annotated on its workers (see
    sitrep.distributed); reading, fusion and storage stay here, in input order, so the store
    ends up exactly as after a serial run.
    """
    settings = settings or Settings()
    report = IngestReport()
    batches = _fresh(paths, store, settings, report, progress)
    results: Iterator[list[Document | Failure]]
    stages = list(stages) if stages is not None else default_stages(settings)
    if client is None:
        from sitrep.annotate.nlp import load_nlp

        nlp = load_nlp(settings.model)
        results = (annotate_batch(nlp, batch, stages) for batch in batches)
    else:
        from sitrep.distributed import annotate_on

        results = annotate_on(client, batches, model=settings.model, stages=stages)
    for batch_results in results:
        for result in batch_results:
            if isinstance(result, Failure):
                report.failed.append(result)
            else:
                _fuse_and_store(result, store, report)
            if progress:
                progress(result.source)
    return report
